#pragma once
// Traversals over a projection: one shortest path, every shortest path,
// what lies within k hops, and the relationships among a set of vertices.
//
// Conventions shared by the functions below:
//  - `forward` is the projection whose edges are walked (its orientation is
//    the direction the caller asked for); `backward` is the projection of the
//    same spec with the reversed orientation (for an undirected projection,
//    the same one). Searches from the target, and walks back along
//    predecessors, use `backward`.
//  - Weighted projections are searched with Dijkstra over the weights, which
//    requires forward.min_weight() >= 0 (the caller checks and reports it);
//    unweighted ones breadth-first, every edge costing 1.
//  - `check_cancelled` (may be empty) is called every few thousand steps and
//    may throw to stop the search.
//  - Results depend only on the projections: equal inputs give equal
//    outputs, in the same order.

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/algo/graph_projection.hpp"

namespace mlkg::algo {

struct Path {
  std::vector<GraphProjection::Vertex> vertices;  // from the source to the target
  std::vector<storage::RelId> rels;               // rels[i] joins vertices[i] and vertices[i + 1]
  double cost = 0;                                // sum of the weights; hops when unweighted
};

// A shortest path from `source` to `target`, or nothing when there is none.
// source == target gives the path of length 0. Both searches work from both
// ends and meet in the middle, so on a graph that branches a lot they read
// about the square root of what a one-sided search reads: breadth-first when
// unweighted, Dijkstra when weighted (hand-written: Boost's Dijkstra has one
// source; on the benchmark graph the two-sided one is about 6x faster, 41 ->
// 6.4 ms a pair on average). Among several shortest paths, which one is
// returned is unspecified.
std::optional<Path> shortest_path(const GraphProjection& forward, const GraphProjection& backward,
                                  GraphProjection::Vertex source, GraphProjection::Vertex target,
                                  const CancelCheck& check_cancelled);

// Every shortest path from `source` to `target` (none when there is no path;
// the one path of length 0 when source == target). Parallel relationships
// make distinct paths. Weighted costs count as equal within a relative 1e-9,
// so that sums rounded differently along different paths still tie. Only
// simple paths (no vertex twice) are listed, so zero-weight cycles end.
// The number of paths can grow exponentially with the length; the caller's
// cancellation is checked while they are listed.
std::vector<Path> all_shortest_paths(const GraphProjection& forward, const GraphProjection& backward,
                                     GraphProjection::Vertex source, GraphProjection::Vertex target,
                                     const CancelCheck& check_cancelled);

struct Reached {
  GraphProjection::Vertex vertex;
  uint32_t depth;  // hops from the nearest source; sources have 0
};

// The vertices at most `k` hops from any of `sources` (breadth-first, hops
// counted, weights ignored), the sources included, ordered by depth and then
// vertex index.
std::vector<Reached> within_hops(const GraphProjection& forward, const std::vector<GraphProjection::Vertex>& sources,
                                 uint32_t k, const CancelCheck& check_cancelled);

// The relationships of `projection` whose two ends are both in `members`
// (indexed by vertex), each once, by ascending id.
std::vector<storage::RelId> relationships_among(const GraphProjection& projection, const std::vector<bool>& members,
                                                const CancelCheck& check_cancelled);

}  // namespace mlkg::algo

#pragma once
// A topological order of a projection: a study order over prerequisite-like
// relationships.

#include <cstdint>
#include <vector>

#include "engine/algo/graph_projection.hpp"

namespace mlkg::algo {

struct TopoOrder {
  // Every vertex, each after all vertices with an edge to it; empty when
  // there is a cycle.
  std::vector<GraphProjection::Vertex> order;
  // By vertex: the number of edges on the longest path that ends there (0
  // for a vertex nothing points to). `order` is sorted by level, then by
  // vertex index, so each level is a layer that can be taken in any order
  // once the layers before it are done.
  std::vector<uint32_t> level;
  // When the edges form a cycle: one cycle, as v0, v1, ..., vk with an edge
  // from each to the next and from vk back to v0 (a self-loop: one vertex),
  // v0 its lowest vertex,
  // and those edges (CSR edge indexes): cycle_edges[i] leaves cycle[i].
  std::vector<GraphProjection::Vertex> cycle;
  std::vector<uint32_t> cycle_edges;
};

// Kahn's algorithm over the projection's edges as oriented (the caller
// reverses the orientation for "end before start"). Boost's topological_sort
// is not used: it reports a cycle only as an exception, without the
// vertices on it, and its order follows the depth-first search, not layers.
TopoOrder topological_order(const GraphProjection& projection, const CancelCheck& check_cancelled);

}  // namespace mlkg::algo

#pragma once
// GraphProjection: an in-memory, read-only copy of (part of) the graph that
// the algorithms of engine/algo run on, as a Boost.Graph
// compressed_sparse_row_graph plus the mapping between its vertex indexes
// and the store's node ids.
//
// Why compressed_sparse_row_graph and not adjacency_list: a projection is
// built once from a snapshot and then only read, by many queries and maybe
// by several threads at once, which is CSR's contract (it cannot change).
// CSR keeps the whole graph in two flat arrays (row offsets, and a 4-byte
// target per edge with the 32-bit indexes used here), built in O(V + E)
// from edges sorted by source; adjacency_list<vecS, vecS> keeps a vector per
// vertex (a 24-byte header and its own heap block each) and costs about
// four times the memory. Neighbours lie next to each other, so a BFS or a
// PageRank iteration streams through memory. The edge_index of a CSR edge
// is its position, which indexes the parallel arrays of relationship ids
// and weights below.
//
// What is projected (ProjectionSpec):
//  - vertices: every node, or the nodes carrying at least one of `labels`;
//    numbered 0..n-1 in ascending node id (so results come out in a stable
//    order);
//  - edges: the relationships whose type is one of `types` (all types when
//    empty) and whose two ends are both vertices, oriented as `orientation`
//    says: kNatural start -> end, kReverse end -> start, kUndirected both
//    ways (two edges with the same relationship id; a self-loop once);
//  - weights (when `weight` names a property): the relationship's value of
//    that property as a double; a relationship without it weighs
//    `default_weight`. Parallel relationships stay separate edges.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "engine/common/status.hpp"
#include "engine/storage/ids.hpp"

namespace mlkg::storage {
class Transaction;
}

namespace mlkg::algo {

// Called every few thousand steps of a long loop; throws to abandon the work
// (the query layer passes ExecContext::check_cancelled, so Ctrl-C stops it).
using CancelCheck = std::function<void()>;

enum class Orientation : uint8_t { kNatural, kReverse, kUndirected };

// The orientation that walks the edges of `o` backwards.
Orientation reversed(Orientation o);

// What to project; also the projection cache's key (with the data version).
struct ProjectionSpec {
  std::vector<std::string> labels;  // sorted, no duplicates; empty = every node
  std::vector<std::string> types;   // sorted, no duplicates; empty = every type
  Orientation orientation = Orientation::kNatural;
  std::string weight;               // relationship property; empty = unweighted
  double default_weight = 1.0;      // for relationships without `weight`

  // Sorts and de-duplicates labels and types, so equal specs compare equal.
  void normalise();
  bool operator==(const ProjectionSpec&) const = default;
};

class GraphProjection {
 public:
  using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                   boost::no_property, uint32_t, uint32_t>;
  using Vertex = uint32_t;
  using Edge = boost::graph_traits<Graph>::edge_descriptor;

  const ProjectionSpec& spec() const { return spec_; }
  const Graph& graph() const { return graph_; }
  uint32_t vertex_count() const { return static_cast<uint32_t>(node_ids_.size()); }
  // CSR edges (an undirected projection has two per relationship).
  uint32_t edge_count() const { return static_cast<uint32_t>(rel_ids_.size()); }
  // Distinct relationships projected.
  uint64_t relationship_count() const { return relationship_count_; }

  storage::NodeId node_id(Vertex v) const { return node_ids_[v]; }
  // The vertex of a node, or nothing when the node is not projected.
  std::optional<Vertex> vertex_of(storage::NodeId id) const;

  // Edge attributes, by CSR edge index (edge_index(e) or e.idx).
  static uint32_t edge_index(const Edge& e) { return e.idx; }
  storage::RelId rel_id(uint32_t edge) const { return rel_ids_[edge]; }
  bool weighted() const { return !weights_.empty(); }
  // 1.0 for every edge of an unweighted projection.
  double weight(uint32_t edge) const { return weights_.empty() ? 1.0 : weights_[edge]; }
  // The smallest weight (1.0 when unweighted or without edges); Dijkstra
  // needs it to be >= 0.
  double min_weight() const { return min_weight_; }

  // Roughly the heap bytes the projection holds (for the cache's budget).
  size_t memory_bytes() const;

 private:
  friend Status build_projection(storage::Transaction&, const ProjectionSpec&, const CancelCheck&,
                                 std::shared_ptr<const GraphProjection>*);
  GraphProjection() = default;

  ProjectionSpec spec_;
  Graph graph_;
  std::vector<storage::NodeId> node_ids_;  // by vertex; ascending
  // vertex_of's table when node ids are dense enough (they are allocated
  // from 1 and never reused, so usually they are): by node id, the vertex or
  // kNoVertex. Empty otherwise, and vertex_of searches node_ids_.
  std::vector<uint32_t> vertex_by_id_;
  std::vector<storage::RelId> rel_ids_;    // by CSR edge index
  std::vector<double> weights_;            // by CSR edge index; empty when unweighted
  double min_weight_ = 1.0;
  uint64_t relationship_count_ = 0;
};

// Builds the projection of `spec` (normalised) from what `txn` sees,
// including a writer's own writes. `check_cancelled` may be empty.
// Failures, all kInvalidArgument with a message that names the culprit:
//  - a label, relationship type or weight property the database has never
//    had (with a "did you mean" when one is close);
//  - a relationship whose weight property is not a finite number;
//  - more than 2^32 - 1 vertices or edges.
// Read errors from the store are passed on.
Status build_projection(storage::Transaction& txn, const ProjectionSpec& spec, const CancelCheck& check_cancelled,
                        std::shared_ptr<const GraphProjection>* out);

}  // namespace mlkg::algo

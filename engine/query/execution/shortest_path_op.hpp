#pragma once
// shortestPath((a)-[:T*..k]-(b)) and allShortestPaths(...) in MATCH: for each
// input row, whose two end nodes are bound, the shortest paths between them.
//
// Semantics (as Neo4j's):
//   - The pattern is one relationship, single (length 1) or variable length
//     with a minimum of 0 or 1 and an optional maximum; its types, direction
//     and property map hold for every relationship of the path.
//   - shortestPath yields one shortest path (or none); allShortestPaths every
//     path of the shortest length. No path: no row (OPTIONAL MATCH makes it
//     null).
//   - WHERE conjuncts that read the path or its relationship variable
//     (`predicates`) must hold for the paths returned: they are the shortest
//     of the paths that satisfy them. A conjunct about each node or each
//     relationship of the path — all(x IN nodes(p) WHERE ...), none(x IN
//     relationships(p) WHERE ...), all(x IN r WHERE ...) with a condition that
//     does not read the path — is checked on every node or relationship as the
//     search meets it. With only such predicates the search is a breadth-first
//     one that stops at the level where it meets the end node; with others, it
//     enumerates trails (no relationship twice) by increasing length, pruned by
//     each node's distance to the end node, and stops at the first length
//     where one satisfies them.
//   - The relationships bound earlier in the same MATCH (`unique_with`) are
//     not used (relationship uniqueness).
//   - When both ends are the same node, the only path considered is the
//     zero-length one, when the minimum is 0 (a path of length 1 or more
//     from a node to itself is a cycle, not a shortest path).
//   - A null end node yields no row.

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/query/binder/bound_shortest_path.hpp"
#include "engine/query/execution/expand_ops.hpp"
#include "engine/query/execution/operator.hpp"

namespace mlkg::query {

// The search as "#p = (#1)-[#2:T*1..]->(#3)" (slots as #N), for EXPLAIN.
std::string describe_shortest_path(const ShortestPathSpec& spec);

class ShortestPathOp final : public Operator {
 public:
  ShortestPathOp(OperatorPtr input, ShortestPathSpec spec) : Operator(std::move(input)), spec_(std::move(spec)) {
    take_element_filters();
  }
  std::string name() const override { return spec_.all ? "AllShortestPaths" : "ShortestPath"; }
  std::string details() const override;

 protected:
  void open_impl(ExecContext& ctx) override;
  bool next_impl(Row& row, ExecContext& ctx) override;

 private:
  struct Found {
    std::vector<storage::NodeId> nodes;
    std::vector<storage::RelId> rels;
  };
  // A node reached by the breadth-first search: its depth, and the
  // relationships that reached it from the level before.
  struct Visit {
    int64_t depth = 0;
    std::vector<std::pair<storage::NodeId, storage::RelId>> parents;
  };

  // Moves the predicates about each node or relationship of the path into
  // node_filters_ and rel_filters_.
  void take_element_filters();
  // Whether `value` (a node or relationship) passes a filter: a quantifier
  // whose condition must be true (all) or false (none) for every element.
  bool passes(const BoundExpr& filter, Value value, ExecContext& ctx);
  bool node_passes(storage::NodeId node, ExecContext& ctx);
  // Prepares the paths of the input row: in found_, or, for a breadth-first
  // search, as the walk back from the target through visited_.
  void search(const Row& row, ExecContext& ctx);
  void breadth_first(storage::NodeId source, storage::NodeId target, ExecContext& ctx);
  // The next path of the walk back (depth-first through the parents), one at
  // a time: there may be very many shortest paths.
  bool next_walk(Found* out, ExecContext& ctx);
  void by_increasing_length(storage::NodeId source, storage::NodeId target, ExecContext& ctx);
  // Can the relationship of `e` and the node it leads to be on a path
  // (uniqueness, property map, element filters)?
  bool usable(const storage::AdjEntry& e, ExecContext& ctx);
  // Whether a candidate satisfies the predicates (true when there are none).
  bool accepted(const Found& path, ExecContext& ctx);
  void write(const Found& path, Row& row) const;

  ShortestPathSpec spec_;
  std::vector<BoundExprPtr> node_filters_;  // kQuantifier over nodes(p)
  std::vector<BoundExprPtr> rel_filters_;   // kQuantifier over relationships(p) or the relationship list
  Adjacency adjacency_;
  bool possible_ = true;
  Row scratch_;  // the input row, on which predicates are evaluated
  std::vector<Value> property_values_;
  std::vector<Found> found_;
  size_t pos_ = 0;
  std::unordered_map<storage::NodeId, Visit> visited_;
  storage::NodeId source_ = storage::kNoId;
  std::vector<std::pair<storage::NodeId, size_t>> walk_;  // node, next parent to follow
  std::vector<storage::RelId> walk_rels_;                 // walk_[i + 1] was reached by walk_rels_[i]
  Found current_;
};

}  // namespace mlkg::query

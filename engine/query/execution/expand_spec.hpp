#pragma once
// What an expansion step binds: the relationship(s) from one node to the
// next, as the planner describes it to Expand and VarExpand
// (expand_ops.hpp) and shows it in plans.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/query/expression/bound_expr.hpp"
#include "engine/query/parser/ast.hpp"

namespace mlkg::query {

struct ExpandSpec {
  Slot from = kNoSlot;
  Slot rel = kNoSlot;
  Slot to = kNoSlot;
  ast::RelDirection direction = ast::RelDirection::kRight;  // from -> to
  std::vector<std::string> types;                           // empty: any type
  bool to_bound = false;  // `to` holds a node already: only relationships that reach it
  bool rel_bound = false; // `rel` holds a relationship already: only that one
  std::vector<Slot> unique_with;
};

struct VarExpandSpec : ExpandSpec {
  int64_t min = 1;
  int64_t max = -1;                  // -1: unbounded
  Slot segment_nodes = kNoSlot;      // the nodes between, for paths; kNoSlot if unused
  // The expansion walks the written pattern backwards (the planner started
  // to its right): the relationship list and the nodes between are emitted
  // in written order, that is reversed.
  bool reverse = false;
  // Property equalities every relationship of the segment must satisfy
  // ([*1..2 {since: 2020}]), their values evaluated once per input row.
  std::vector<std::pair<std::string, BoundExprPtr>> properties;
};

// The step as "(#1)-[:T]->(#2)" (slots as #N), with "*min..max" for a
// variable-length one; for EXPLAIN.
std::string describe_step(const ExpandSpec& step);
std::string describe_step(const VarExpandSpec& step);

}  // namespace mlkg::query

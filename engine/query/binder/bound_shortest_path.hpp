#pragma once
// A shortestPath() or allShortestPaths() part of a MATCH, as the binder
// makes it and execution/shortest_path_op searches it.

#include <string>
#include <utility>
#include <vector>

#include "engine/query/expression/bound_expr.hpp"
#include "engine/query/parser/ast.hpp"

namespace mlkg::query {

struct ShortestPathSpec {
  bool all = false;                // allShortestPaths
  Slot from = kNoSlot;             // the pattern's left node
  Slot to = kNoSlot;               // its right node
  Slot rel = kNoSlot;              // the relationship variable (or a hidden slot)
  bool var_length = true;          // rel holds a list of relationships; else one (length 1)
  Slot path = kNoSlot;             // the path variable, or kNoSlot
  ast::RelDirection direction = ast::RelDirection::kBoth;  // from -> to
  std::vector<std::string> types;  // empty: any type
  int64_t min = 1;                 // 0 or 1
  int64_t max = -1;                // -1: unbounded
  // Property equalities every relationship must satisfy, evaluated once per row.
  std::vector<std::pair<std::string, BoundExprPtr>> properties;
  // Filled by the planner: the relationship slots bound earlier in the MATCH,
  // and the WHERE conjuncts the returned paths must satisfy.
  std::vector<Slot> unique_with;
  std::vector<BoundExprPtr> predicates;
};

}  // namespace mlkg::query

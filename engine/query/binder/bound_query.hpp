#pragma once
// What the binder makes of a query: clauses whose names are resolved to
// slots, whose expressions are bound, and whose semantic rules have been
// checked. The planner turns it into operators.

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "engine/query/expression/bound_expr.hpp"
#include "engine/procedure/procedure.hpp"
#include "engine/query/binder/bound_schema_command.hpp"
#include "engine/query/binder/bound_shortest_path.hpp"
#include "engine/query/binder/bound_updates.hpp"

namespace mlkg::query {

struct BoundSubquery;  // bound_subquery.hpp

// An ORDER BY key.
struct SortKey {
  BoundExprPtr expr;
  bool descending = false;
};

struct BoundNodePattern {
  Slot slot = kNoSlot;
  bool bound_before = false;  // bound by an earlier clause (or earlier part of the same pattern list)
  std::vector<std::string> labels;
  SourcePosition position;
};

struct BoundRelPattern {
  Slot slot = kNoSlot;
  bool bound_before = false;
  std::vector<std::string> types;
  ast::RelDirection direction = ast::RelDirection::kRight;  // from the left node to the right node
  bool var_length = false;
  int64_t min = 1;
  int64_t max = 1;  // -1: unbounded
  // Property equalities on the relationship (each relationship, for a
  // variable-length one).
  std::vector<std::pair<std::string, BoundExprPtr>> properties;
  Slot segment_nodes = kNoSlot;  // variable length inside a named path: the nodes between
  SourcePosition position;
};

struct BoundPatternPart {
  Slot path_slot = kNoSlot;
  BoundExprPtr path;  // a kPath expression building path_slot
  std::vector<BoundNodePattern> nodes;  // nodes.size() == rels.size() + 1
  std::vector<BoundRelPattern> rels;
};

struct BoundMatch {
  bool optional = false;
  std::vector<BoundPatternPart> parts;
  // shortestPath() / allShortestPaths() parts: their end nodes are one-node
  // entries of `parts`; the planner searches the paths once both are bound.
  std::vector<ShortestPathSpec> shortest_paths;
  // WHERE conjuncts, and the label checks and property equalities of the
  // pattern's nodes, each to be applied as soon as its slots are bound.
  std::vector<BoundExprPtr> predicates;
  std::vector<Slot> introduced;  // slots this MATCH binds (OPTIONAL sets them to null)
};

struct BoundUnwind {
  BoundExprPtr list;
  Slot slot = kNoSlot;
};

// WITH and RETURN. Operator order: [Aggregate] -> Project -> [Distinct] ->
// [Sort] -> [Skip] -> [Limit] -> [Filter (WITH ... WHERE)].
struct BoundProjection {
  bool is_return = false;
  bool aggregating = false;
  std::vector<std::pair<BoundExprPtr, Slot>> group_keys;  // aggregating only
  std::vector<AggregateSpec> aggregates;
  std::vector<std::pair<BoundExprPtr, Slot>> items;  // after aggregation, they read key and aggregate slots
  std::vector<Slot> output;                          // the visible slots, in column order
  std::vector<std::string> names;                    // the column names
  bool distinct = false;
  std::vector<SortKey> order_by;
  BoundExprPtr skip;
  BoundExprPtr limit;
  BoundExprPtr where;
};

struct BoundCreate {
  std::vector<CreateNodeSpec> nodes;
  std::vector<CreateRelSpec> rels;
  std::vector<std::pair<BoundExprPtr, Slot>> paths;  // named paths built after creation
};

// SET and REMOVE.
struct BoundSet {
  std::vector<SetAction> actions;
  bool remove = false;
};

struct BoundDelete {
  std::vector<BoundExprPtr> targets;
  bool detach = false;
};

// MERGE: `match` finds the pattern (planned as a nested plan), `spec`
// creates it and holds the ON CREATE / ON MATCH actions.
struct BoundMerge {
  BoundMatch match;
  MergeSpec spec;
};

struct BoundCall {
  const procedure::Procedure* procedure = nullptr;
  std::vector<BoundExprPtr> arguments;
  std::vector<Slot> yields;  // per output column; kNoSlot if not yielded
  BoundExprPtr where;
  bool standalone = false;  // the whole statement (`CALL p(...)`), not a clause inside a query
};

using BoundClause = std::variant<BoundMatch, BoundUnwind, BoundProjection, BoundCreate, BoundSet, BoundDelete, BoundMerge,
                                 BoundCall, BoundSchemaCommand>;

struct BoundSingleQuery {
  std::vector<BoundClause> clauses;
  // visible[i]: the slots of the variables in scope before clauses[i]. The
  // rest of a row is dead there, so operators that keep copies of rows
  // (the updating clauses) keep only these. bind_single fills it; the
  // queries of pattern subqueries leave it empty (they never update).
  std::vector<std::vector<Slot>> visible;
  std::vector<std::string> columns;  // empty if the query ends without RETURN
  std::vector<Slot> column_slots;
  bool returns = false;
};

struct BoundQuery {
  BoundQuery();
  ~BoundQuery();
  BoundQuery(BoundQuery&&) noexcept;
  BoundQuery& operator=(BoundQuery&&) noexcept;
  std::vector<BoundSingleQuery> parts;  // UNION parts
  std::vector<bool> union_all;
  size_t width = 0;  // slots per row
  bool writes = false;
  bool writes_files = false;  // calls a procedure that writes files (export.*)
  std::vector<std::string> columns;
  bool returns = false;
  std::vector<std::string> notices;  // did-you-mean hints for unknown names
  std::vector<std::string> slot_names;  // the variable each slot holds ("" for hidden ones), for EXPLAIN
  // Every query inside an expression of the statement, nested ones included
  // (bound_subquery.hpp); the planner plans them all before it runs.
  std::vector<std::unique_ptr<BoundSubquery>> subqueries;
};

}  // namespace mlkg::query

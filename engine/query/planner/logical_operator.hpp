#pragma once
// The logical plan: what one part of a query computes and in which order,
// before any physical operator exists. The logical planner
// (logical_planner.hpp) builds it from the bound query, choosing where each
// pattern starts, how its first node is found (AccessPath) and where each
// predicate applies, and estimating the rows of every step; the physical
// planner (physical_planner.hpp) turns it into operators. EXPLAIN prints both.
//
// A plan is a tree read from the root down: every operator but the
// Argument leaf has one input; Optional and Merge also hold a nested plan,
// run once per input row, whose own leaf is fed that row.
//
// The operators own the bound expressions and specs they were given: the
// physical planner takes them over, so a plan is consumed by it.

#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "engine/query/binder/bound_query.hpp"
#include "engine/query/execution/expand_spec.hpp"
#include "engine/storage/catalog.hpp"

namespace mlkg::query {

// A predicate and the slots it reads (it applies once they are all bound).
struct PlannedPredicate {
  BoundExprPtr expr;
  std::vector<Slot> reads;
};

// How a NodeScan finds its nodes.
struct AccessPath {
  enum class Kind {
    kAll,    // every node
    kLabel,  // the nodes with `label`
    kIndex,  // a seek in index `index` fed by `seek_predicates`
  } kind = Kind::kAll;
  double estimated_rows = 0;  // nodes the access yields, before the scan's predicates
  std::string label;          // kLabel
  storage::IndexId index = 0;        // kIndex
  std::string index_description;     // kIndex: "(:Label).key" or "().key"
  // kIndex: positions in the scan's predicates of the one the seek answers
  // and, for a range, of the one giving its other bound.
  std::vector<size_t> seek_predicates;
};

struct LogicalArgument {};

// Binds `slot` to every node satisfying all of `predicates` (the pattern
// node's labels and property map, and the WHERE conjuncts that can be
// checked once the node is bound), found through `access`.
struct LogicalNodeScan {
  Slot slot = kNoSlot;
  std::vector<PlannedPredicate> predicates;
  AccessPath access;
};

// One relationship step of a pattern (`var_length`: a *min..max segment).
struct LogicalExpand {
  VarExpandSpec step;
  bool var_length = false;
};

struct LogicalShortestPath {
  ShortestPathSpec spec;
};

// Keeps the rows for which every predicate is true (checked in order).
struct LogicalFilter {
  std::vector<BoundExprPtr> predicates;
};

struct LogicalProjection {
  std::vector<std::pair<BoundExprPtr, Slot>> items;
};

struct LogicalAggregate {
  std::vector<std::pair<BoundExprPtr, Slot>> keys;
  std::vector<AggregateSpec> aggregates;
};

struct LogicalDistinct {
  std::vector<Slot> slots;
};

struct LogicalOrderBy {
  std::vector<SortKey> keys;
};

struct LogicalSkip {
  BoundExprPtr count;
};

struct LogicalLimit {
  BoundExprPtr count;
};

struct LogicalUnwind {
  BoundExprPtr list;
  Slot slot = kNoSlot;
};

// OPTIONAL MATCH: the nested plan's rows, or the input row once with
// `introduced` set to null.
struct LogicalOptional {
  std::vector<Slot> introduced;
};

// The updating clauses keep copies of the `live` slots only.
struct LogicalCreate {
  std::vector<Slot> live;
  std::vector<CreateNodeSpec> nodes;
  std::vector<CreateRelSpec> rels;
};

struct LogicalSet {
  std::vector<Slot> live;
  std::vector<SetAction> actions;
  bool remove = false;  // REMOVE
};

struct LogicalDelete {
  std::vector<Slot> live;
  std::vector<BoundExprPtr> targets;
  bool detach = false;
};

// MERGE: the nested plan finds the pattern; `spec` creates it if it finds nothing.
struct LogicalMerge {
  std::vector<Slot> live;
  MergeSpec spec;
};

struct LogicalCall {
  const procedure::Procedure* procedure = nullptr;
  std::vector<BoundExprPtr> arguments;
  std::vector<Slot> yields;
  bool in_query = false;  // a clause inside a query (not the whole statement)
};

struct LogicalSchemaCommand {
  BoundSchemaCommand command;
};

using LogicalOperation =
    std::variant<LogicalArgument, LogicalNodeScan, LogicalExpand, LogicalShortestPath, LogicalFilter,
                 LogicalProjection, LogicalAggregate, LogicalDistinct, LogicalOrderBy, LogicalSkip, LogicalLimit,
                 LogicalUnwind, LogicalOptional, LogicalCreate, LogicalSet, LogicalDelete, LogicalMerge, LogicalCall,
                 LogicalSchemaCommand>;

struct LogicalOperator {
  LogicalOperation operation;
  std::unique_ptr<LogicalOperator> input;   // null only for the Argument leaf
  std::unique_ptr<LogicalOperator> nested;  // Optional and Merge: the plan run per input row
  double estimated_rows = 1;                // rows this operator yields in all, roughly
};

using LogicalPlan = std::unique_ptr<LogicalOperator>;

// The operator's name ("NodeScan", "Expand", ...) and its arguments in
// openCypher-like text with slots as #N, for EXPLAIN.
std::string logical_name(const LogicalOperator& op);
std::string logical_details(const LogicalOperator& op);

}  // namespace mlkg::query

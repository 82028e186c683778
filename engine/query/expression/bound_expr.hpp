#pragma once
// Bound expressions: what the binder makes of ast::Expr. Variables are
// resolved to row slots, functions to their registry entries, aggregate
// calls to the slots their results land in. The expression evaluator walks
// this tree over a Row.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/query/function/aggregates.hpp"
#include "engine/query/parser/ast.hpp"
#include "engine/query/function/functions.hpp"
#include "engine/value/value.hpp"

namespace mlkg::query {

// A position in a Row. Every variable of a query (and every hidden value the
// plan needs) has its own slot for the whole query.
using Slot = uint32_t;
inline constexpr Slot kNoSlot = UINT32_MAX;

using Row = std::vector<Value>;

struct BoundExpr;
using BoundExprPtr = std::unique_ptr<BoundExpr>;
struct SubqueryExpr;  // subquery.hpp

enum class BoundKind {
  kConstant,           // value
  kParameter,          // name
  kSlot,               // row[slot]
  kProperty,           // children[0].name
  kList,               // [children...]
  kMap,                // {keys[i]: children[i]}
  kUnary,              // op children[0]
  kBinary,             // children[0] op children[1]
  kIsNull,             // children[0] IS NULL
  kIsNotNull,
  kSubscript,          // children[0][children[1]]
  kSlice,              // children[0][children[1]..children[2]] (null bounds allowed)
  kFunction,           // function(children...)
  kCase,               // children: [subject?] then pairs (when, then)..., then else?; see case_* fields
  kLabelCheck,         // children[0] has every label in keys
  kListComprehension,  // [slot IN children[0] WHERE children[1] | children[2]]
  kQuantifier,         // quantifier(slot IN children[0] WHERE children[1])
  kReduce,             // reduce(acc_slot = children[0], slot IN children[1] | children[2])
  kMapProjection,      // children[0] (node, rel or map) projected with map_items
  kPath,               // a named path built from slots: path_slots / path_rel_slots
  kSubquery,           // a pattern predicate, pattern comprehension or EXISTS { }: see `subquery`
};

struct BoundMapItem {
  ast::MapProjectionItem::Kind kind;
  std::string key;
  BoundExprPtr expr;  // kLiteral and kVariable
};

struct BoundExpr {
  BoundKind kind = BoundKind::kConstant;
  Value value;                       // kConstant
  std::string name;                  // kParameter, kProperty (the key)
  ast::Op op = ast::Op::kNot;        // kUnary, kBinary
  ast::Quantifier quantifier = ast::Quantifier::kAll;
  Slot slot = kNoSlot;               // kSlot; iteration variable of comprehensions
  Slot acc_slot = kNoSlot;           // kReduce accumulator
  const FunctionInfo* function = nullptr;
  std::vector<BoundExprPtr> children;  // entries may be null where the kind allows
  std::vector<std::string> keys;       // kMap keys, kLabelCheck labels
  bool case_has_subject = false;       // kCase: children[0] is the subject
  bool case_has_else = false;          // kCase: the last child is the ELSE
  std::vector<BoundMapItem> map_items;
  // kPath: the nodes and the relationship slots in order; a relationship slot
  // may hold a list (a variable-length segment) whose nodes are in the
  // matching path_segment_nodes slot.
  std::vector<Slot> path_node_slots;
  std::vector<Slot> path_rel_slots;
  std::vector<Slot> path_segment_node_slots;  // kNoSlot for single relationships
  // kSubquery: the query it runs per row. Shared by clones: the planner plans
  // it once per statement, before the statement runs (subquery.hpp).
  std::shared_ptr<SubqueryExpr> subquery;
  SourcePosition position;
};

// An aggregate the projection computes per group.
struct AggregateSpec {
  const AggregateInfo* info = nullptr;  // null for count(*)
  bool distinct = false;
  BoundExprPtr argument;                // null for count(*)
  // Arguments after the first (the percentile), evaluated once per group on
  // its first row; they configure the aggregator.
  std::vector<BoundExprPtr> extra_args;
  Slot out = kNoSlot;                   // where the group's result goes
};

// Does the expression depend on no row (only literals and parameters)?
bool is_constant(const BoundExpr& e);
// Does the expression read the row (a variable, a path) or the graph (a
// subquery)? rand() does not.
bool reads_row(const BoundExpr& e);
// The expression in openCypher-like syntax, slots shown as #slot (EXPLAIN).
std::string describe(const BoundExpr& e);
BoundExprPtr clone(const BoundExpr& e);
// The slots an expression reads, not counting the ones it binds itself
// (comprehension and reduce variables).
void collect_slots(const BoundExpr& e, std::vector<Slot>* out);

}  // namespace mlkg::query

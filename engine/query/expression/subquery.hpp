#pragma once
// A query inside an expression, as evaluation sees it:
//   - a pattern predicate           WHERE (a)-[:T]->(:B)
//   - an EXISTS subquery            EXISTS { (a)-->(b) WHERE b.x > 1 }, EXISTS { MATCH ... RETURN ... }
//   - a pattern comprehension       [p = (a)-[:T]->(b) WHERE b.x > 1 | b.name]
//
// The binder makes a SubqueryExpr with the query's bound parts beside it
// (binder/bound_subquery.hpp); the planner plans every part before the
// statement runs and stores the plans here, as SubqueryPlans. Evaluation
// runs them for the current row:
//   - kExists: true as soon as a part yields a row, else false;
//   - kComprehension: the list of the element over every row, in the order
//     the plans yield them; null when an outer variable its pattern starts
//     from is null.
//
// Its variables live in slots of the enclosing query's row, so a plan runs
// on a copy of the outer row; variables it introduces are local. Lifetime:
// a bound query serves one statement; clones of the expression share the
// SubqueryExpr and so its plans.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/query/expression/bound_expr.hpp"
#include "engine/query/runtime/exec_context.hpp"

namespace mlkg::query {

// One planned part of a subquery (the planner's operators behind it).
class SubqueryPlan {
 public:
  virtual ~SubqueryPlan() = default;
  // Runs the part on a copy of `outer`, calling `on_row` for each row it
  // yields until `on_row` returns false.
  virtual void run(const Row& outer, ExecContext& ctx, const std::function<bool(Row&)>& on_row) = 0;
};

struct SubqueryExpr {
  enum class Kind {
    kExists,         // true iff some part yields a row (pattern predicates, EXISTS { })
    kComprehension,  // the list of `element`, evaluated on each row the query yields
  };
  Kind kind = Kind::kExists;
  // The outer slots the query reads: the expression depends on them
  // (collect_slots), so a WHERE applies it once they are bound.
  std::vector<Slot> reads;
  // kComprehension: the outer variables its pattern starts from; if one is
  // null, the comprehension is null (as Neo4j's RollUpApply).
  std::vector<Slot> nullable;
  BoundExprPtr element;  // kComprehension
  std::string text;      // the expression in openCypher syntax (EXPLAIN)
  // One per UNION part, set by the planner before the statement runs.
  std::vector<std::unique_ptr<SubqueryPlan>> plans;
};

// `e` is a BoundKind::kSubquery expression whose plans are set.
Value evaluate_subquery(const BoundExpr& e, const Row& row, ExecContext& ctx);

}  // namespace mlkg::query

#pragma once
// Running a query inside an expression (bound_subquery.hpp) for one row.
//
// The first evaluation plans each part of the subquery with the statement's
// GraphTxn (planner.hpp, plan_subquery); every evaluation then sets the
// plans' leaves to the current row and runs them:
//   - kExists: true as soon as a part yields a row, else false (an outer
//     node that is null matches nothing, so false);
//   - kComprehension: the list of the element over every row, in the order
//     the plan yields them; null when an outer variable its pattern starts
//     from is null.

#include "engine/query/bound_expr.hpp"
#include "engine/query/exec_context.hpp"

namespace mlkg::query {

// `e` is a BoundKind::kSubquery expression; ctx.graph must be set.
Value evaluate_subquery(const BoundExpr& e, const Row& row, ExecContext& ctx);

}  // namespace mlkg::query

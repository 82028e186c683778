#pragma once
// The expression evaluator: a tree walk over BoundExpr on one Row.
//
// Comprehensions and reduce() write their iteration variables into the row
// (their own slots), which is why the row is not const. Errors are thrown as
// QueryError (from value_ops, the function library, or here).

#include "engine/query/expression/bound_expr.hpp"
#include "engine/query/runtime/exec_context.hpp"

namespace mlkg::query {

Value evaluate(const BoundExpr& e, Row& row, ExecContext& ctx);

// A predicate's verdict: only `true` passes (false and null do not). A value
// that is neither boolean nor null is a TypeError.
bool evaluate_predicate(const BoundExpr& e, Row& row, ExecContext& ctx);

}  // namespace mlkg::query

#pragma once
// The planner: bound query -> logical plan (logical_planner.hpp: order,
// access paths, predicate placement, estimates) -> physical operators
// (physical_planner.hpp). This header plans what a statement runs besides
// its own parts: the queries inside its expressions.

#include "engine/query/binder/bound_query.hpp"
#include "engine/query/planner/logical_planner.hpp"
#include "engine/query/planner/physical_planner.hpp"
#include "engine/query/planner/plan_text.hpp"
#include "engine/query/runtime/graph_txn.hpp"

namespace mlkg::query {

// Plans every query inside an expression of `bound` (a pattern predicate,
// pattern comprehension or EXISTS { }, binder/bound_subquery.hpp), each part
// with the slots of the enclosing query's variables counted as bound, and
// stores the plans in their SubqueryExprs for evaluation.
void plan_subqueries(BoundQuery& bound, GraphTxn& graph);

}  // namespace mlkg::query

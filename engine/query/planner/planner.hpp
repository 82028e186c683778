#pragma once
// The planner: turns one part of a bound query into a pipeline of operators.
//
// Patterns: each pattern part starts from its cheapest node — one bound
// earlier (free), else one with an equality on an indexed property (an index
// seek), else the rarest of its labels (a label scan, counts from the
// catalog), else every node — and expands outwards from it in both
// directions. Every predicate (WHERE conjuncts, pattern labels and property
// maps) is applied as soon as the slots it reads are bound. A shortestPath()
// part binds its end nodes like one-node parts, then searches the paths
// between them (ShortestPathOp), taking the WHERE conjuncts about the path
// along. OPTIONAL MATCH becomes a nested plan under an Optional operator. Projections become
// [Aggregate] Project [Distinct] [Sort/Top] [Skip] [Limit] [Filter].

#include <set>

#include "engine/query/binder/bound_query.hpp"
#include "engine/query/binder/bound_subquery.hpp"
#include "engine/query/runtime/graph_txn.hpp"
#include "engine/query/execution/operator.hpp"

namespace mlkg::query {

// Builds the plan of `q` (whose expressions it takes over). The plan's leaf
// is an ArgumentOp yielding one empty row of `width` slots.
OperatorPtr plan_single_query(BoundSingleQuery& q, size_t width, GraphTxn& graph);

// Plans every query inside an expression of `bound` (a pattern predicate,
// pattern comprehension or EXISTS { }, binder/bound_subquery.hpp), each part
// with the slots of the enclosing query's variables counted as bound, and
// stores the plans in their SubqueryExprs for evaluation.
void plan_subqueries(BoundQuery& bound, GraphTxn& graph);

// The plan as indented text, one operator a line (EXPLAIN); with
// `profile`, each line also shows the rows produced and the time spent.
// Slots are shown by the names in `slot_names` (anonymous ones as anon_N).
std::string render_plan(const Operator& root, bool profile, const std::vector<std::string>& slot_names);

}  // namespace mlkg::query

#pragma once
// The logical planner: turns one part of a bound query into a logical plan
// (logical_operator.hpp).
//
// Patterns: each pattern part starts from its cheapest node — one bound
// earlier (free), else one with an equality on an indexed property (an index
// seek), else the rarest of its labels (a label scan, counts from the
// store), else every node — and expands outwards from it in both
// directions; of several parts, the cheapest start goes first. Every
// predicate (WHERE conjuncts, pattern labels and property maps) is applied as
// soon as the slots it reads are bound: by the NodeScan that binds its last
// slot, else by a Filter right after the step that does. A shortestPath()
// part binds its end nodes like one-node parts, then searches the paths
// between them, taking the WHERE conjuncts about the path along. OPTIONAL
// MATCH and MERGE hold their pattern as a nested plan. Projections become
// [Aggregate] Projection [Distinct] [OrderBy] [Skip] [Limit] [Filter].
// With `estimate_rows` (EXPLAIN), every operator carries its estimated rows
// (cardinality.hpp); without, only what chooses the starts is counted.

#include <vector>

#include "engine/query/planner/logical_operator.hpp"
#include "engine/query/runtime/graph_txn.hpp"

namespace mlkg::query {

// Builds the logical plan of `q`, taking over its expressions. `outer`: the
// slots bound before the plan runs (an enclosing query's, for a subquery).
LogicalPlan plan_logical(BoundSingleQuery& q, GraphTxn& graph, const std::vector<Slot>& outer = {},
                         bool estimate_rows = false);

}  // namespace mlkg::query

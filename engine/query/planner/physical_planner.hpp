#pragma once
// The physical planner: turns a logical plan into the operators that run it
// (execution/). It picks each step's implementation, not its order:
//   NodeScan     -> AllNodesScan, NodeByLabelScan or NodeIndexSeek[ByRange]
//                   (as its access path says), then a Filter per predicate
//   Expand       -> Expand, ExpandInto (the far node is bound) or VarExpand
//   Filter       -> one Filter per predicate, in order
//   OrderBy      -> Sort, or Top when a Limit follows it directly (it keeps
//                   only the first rows while reading)
//   Optional, Merge -> their operators, with an Argument leaf fed each input row
// and the rest one to one.

#include "engine/query/execution/operator.hpp"
#include "engine/query/planner/logical_operator.hpp"

namespace mlkg::query {

struct PhysicalPlan {
  OperatorPtr root;
  ArgumentOp* argument = nullptr;  // the leaf, owned by root: a subquery feeds it the outer row
};

// Takes over `plan`'s expressions. `width`: slots per row.
PhysicalPlan plan_physical(LogicalPlan plan, size_t width);

}  // namespace mlkg::query

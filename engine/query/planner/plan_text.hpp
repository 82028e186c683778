#pragma once
// Plans as text for EXPLAIN and PROFILE: one operator a line, indented under
// the operator it feeds; a nested plan (OPTIONAL MATCH, MERGE) is indented
// twice, above the operator's input. Slots are shown by the names in
// `slot_names` (anonymous ones as anon_N); long arguments are cut at 120
// bytes.

#include <string>
#include <vector>

#include "engine/query/execution/operator.hpp"
#include "engine/query/planner/logical_operator.hpp"

namespace mlkg::query {

// The logical plan, each line with its estimated rows.
std::string render_logical_plan(const LogicalOperator& root, const std::vector<std::string>& slot_names);

// The physical plan; with `profile`, each line also shows the rows produced
// and the time spent.
std::string render_plan(const Operator& root, bool profile, const std::vector<std::string>& slot_names);

}  // namespace mlkg::query

#include "engine/query/planner/logical_operator.hpp"

#include "engine/query/execution/aggregate_op.hpp"
#include "engine/query/execution/create_op.hpp"
#include "engine/query/execution/merge_op.hpp"
#include "engine/query/execution/schema_ops.hpp"
#include "engine/query/execution/set_op.hpp"
#include "engine/query/execution/shortest_path_op.hpp"
#include "engine/query/execution/sort_ops.hpp"

namespace mlkg::query {

namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

std::string joined(const std::vector<BoundExprPtr>& exprs, const char* separator) {
  std::string out;
  for (const auto& e : exprs) out += (out.empty() ? "" : separator) + describe(*e);
  return out;
}

std::string slot_list(const std::vector<Slot>& slots) {
  std::string out;
  for (Slot s : slots) out += (out.empty() ? "#" : ", #") + std::to_string(s);
  return out;
}

std::string access_text(const AccessPath& access) {
  switch (access.kind) {
    case AccessPath::Kind::kAll: return "all nodes";
    case AccessPath::Kind::kLabel: return "label :" + quote_cypher_name(access.label);
    case AccessPath::Kind::kIndex: return "index " + access.index_description;
  }
  return "";
}

}  // namespace

std::string logical_name(const LogicalOperator& op) {
  return std::visit(
      Overloaded{
          [](const LogicalArgument&) -> std::string { return "Argument"; },
          [](const LogicalNodeScan&) -> std::string { return "NodeScan"; },
          [](const LogicalExpand&) -> std::string { return "Expand"; },
          [](const LogicalShortestPath& s) -> std::string { return s.spec.all ? "AllShortestPaths" : "ShortestPath"; },
          [](const LogicalFilter&) -> std::string { return "Filter"; },
          [](const LogicalProjection&) -> std::string { return "Projection"; },
          [](const LogicalAggregate&) -> std::string { return "Aggregate"; },
          [](const LogicalDistinct&) -> std::string { return "Distinct"; },
          [](const LogicalOrderBy&) -> std::string { return "OrderBy"; },
          [](const LogicalSkip&) -> std::string { return "Skip"; },
          [](const LogicalLimit&) -> std::string { return "Limit"; },
          [](const LogicalUnwind&) -> std::string { return "Unwind"; },
          [](const LogicalOptional&) -> std::string { return "Optional"; },
          [](const LogicalCreate&) -> std::string { return "Create"; },
          [](const LogicalSet& s) -> std::string { return s.remove ? "Remove" : "Set"; },
          [](const LogicalDelete& d) -> std::string { return d.detach ? "DetachDelete" : "Delete"; },
          [](const LogicalMerge&) -> std::string { return "Merge"; },
          [](const LogicalCall&) -> std::string { return "ProcedureCall"; },
          [](const LogicalSchemaCommand& c) -> std::string { return schema_command_name(c.command); },
      },
      op.operation);
}

std::string logical_details(const LogicalOperator& op) {
  return std::visit(
      Overloaded{
          [](const LogicalArgument&) { return std::string(); },
          [](const LogicalNodeScan& s) {
            std::string out = "(#" + std::to_string(s.slot) + ")";
            for (size_t i = 0; i < s.predicates.size(); ++i)
              out += (i ? " AND " : " WHERE ") + describe(*s.predicates[i].expr);
            return out + " by " + access_text(s.access);
          },
          [](const LogicalExpand& e) { return e.var_length ? describe_step(e.step) : describe_step(static_cast<const ExpandSpec&>(e.step)); },
          [](const LogicalShortestPath& s) {
            std::string out = describe_shortest_path(s.spec);
            for (size_t i = 0; i < s.spec.predicates.size(); ++i)
              out += (i ? " AND " : " WHERE ") + describe(*s.spec.predicates[i]);
            return out;
          },
          [](const LogicalFilter& f) { return joined(f.predicates, " AND "); },
          [](const LogicalProjection& p) {
            std::string out;
            for (const auto& [expr, slot] : p.items) out += (out.empty() ? "" : ", ") + describe(*expr);
            return out;
          },
          [](const LogicalAggregate& a) { return describe_aggregation(a.keys, a.aggregates); },
          [](const LogicalDistinct& d) { return slot_list(d.slots); },
          [](const LogicalOrderBy& o) { return describe_sort_keys(o.keys); },
          [](const LogicalSkip& s) { return describe(*s.count); },
          [](const LogicalLimit& l) { return describe(*l.count); },
          [](const LogicalUnwind& u) { return describe(*u.list) + " AS #" + std::to_string(u.slot); },
          [](const LogicalOptional&) { return std::string(); },
          [](const LogicalCreate& c) { return describe_pattern(c.nodes, c.rels); },
          [](const LogicalSet& s) { return describe_set_actions(s.actions); },
          [](const LogicalDelete& d) { return joined(d.targets, ", "); },
          [](const LogicalMerge& m) { return describe_merge(m.spec); },
          [](const LogicalCall& c) { return c.procedure->signature.name + "(" + joined(c.arguments, ", ") + ")"; },
          [](const LogicalSchemaCommand& c) { return c.command.name; },
      },
      op.operation);
}

}  // namespace mlkg::query

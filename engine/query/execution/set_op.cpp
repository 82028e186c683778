#include "engine/query/execution/set_op.hpp"

#include "engine/query/expression/evaluator.hpp"

namespace mlkg::query {

namespace {

// The entity an action changes, or null when the action does nothing.
Value target_entity(const SetAction& a, Row& row, ExecContext& ctx, bool node_only) {
  Value e = evaluate(*a.target, row, ctx);
  if (e.is_null()) return e;
  if (e.is_node() || (!node_only && e.is_relationship())) return e;
  throw QueryError(ErrorClass::kType, ErrorCode::kInvalidArgumentType,
                   std::string(node_only ? "labels can only be changed on a node"
                                         : "only a node or a relationship has "
                                           "properties to change") +
                       ", not on " + e.to_literal());
}

// The map a `=` or `+=` item sets: a map, or the properties of an entity.
ValueMap source_map(const SetAction& a, Row& row, ExecContext& ctx) {
  Value v = evaluate(*a.value, row, ctx);
  if (v.is_null()) return {};
  if (v.is_map()) return v.as_map();
  if (v.is_node()) return ctx.graph->node_properties(v.as_node().id);
  if (v.is_relationship()) return ctx.graph->rel_properties(v.as_relationship().id);
  throw QueryError(ErrorClass::kType, ErrorCode::kInvalidArgumentType,
                   "SET ... = and SET ... += need a map, a node or a relationship, not " + v.to_literal());
}

}  // namespace

void apply_set_actions(const std::vector<SetAction>& actions, Row& row, ExecContext& ctx) {
  for (const SetAction& a : actions) {
    switch (a.kind) {
      case SetAction::Kind::kProperty: {
        Value e = target_entity(a, row, ctx, false);
        if (e.is_null()) break;
        Value v = a.value ? evaluate(*a.value, row, ctx) : Value();
        ctx.graph->set_property(e, a.key, v);
        break;
      }
      case SetAction::Kind::kReplaceProperties:
      case SetAction::Kind::kMergeProperties: {
        Value e = target_entity(a, row, ctx, false);
        if (e.is_null()) break;
        ctx.graph->set_properties(e, source_map(a, row, ctx), a.kind == SetAction::Kind::kMergeProperties);
        break;
      }
      case SetAction::Kind::kAddLabels:
      case SetAction::Kind::kRemoveLabels: {
        Value e = target_entity(a, row, ctx, true);
        if (e.is_null()) break;
        ctx.graph->set_labels(e.as_node().id, a.labels, a.kind == SetAction::Kind::kAddLabels);
        break;
      }
    }
  }
}

std::string describe_set_actions(const std::vector<SetAction>& actions) {
  std::string out;
  for (const SetAction& a : actions) {
    if (!out.empty()) out += ", ";
    std::string target = describe(*a.target);
    switch (a.kind) {
      case SetAction::Kind::kProperty:
        out += target + "." + quote_cypher_name(a.key) + (a.value ? " = " + describe(*a.value) : "");
        break;
      case SetAction::Kind::kReplaceProperties:
        out += target + " = " + describe(*a.value);
        break;
      case SetAction::Kind::kMergeProperties:
        out += target + " += " + describe(*a.value);
        break;
      case SetAction::Kind::kAddLabels:
      case SetAction::Kind::kRemoveLabels:
        out += target;
        for (const auto& l : a.labels) out += ":" + quote_cypher_name(l);
        break;
    }
  }
  return out;
}

}  // namespace mlkg::query

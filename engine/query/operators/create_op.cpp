#include "engine/query/operators/create_op.hpp"

#include "engine/query/evaluator.hpp"

namespace mlkg::query {

std::string CreateOp::details() const {
  std::string out;
  for (const auto& n : nodes_) {
    if (n.exists) continue;
    std::string labels;
    for (const auto& l : n.labels) labels += ":" + quote_cypher_name(l);
    out += (out.empty() ? "" : ", ") + ("(" + labels + ")");
  }
  for (const auto& r : rels_) out += (out.empty() ? "" : ", ") + ("[:" + quote_cypher_name(r.type) + "]");
  return out;
}

ValueMap CreateOp::properties(const BoundExprPtr& e, Row& row, ExecContext& ctx) const {
  if (!e) return {};
  Value v = evaluate(*e, row, ctx);
  if (v.is_null()) return {};
  if (!v.is_map())
    throw QueryError(error_class::kType, error_code::kInvalidArgumentType,
                     std::string("the properties of a created entity must be a map, not a ") + type_name(v.type()));
  return v.as_map();
}

bool CreateOp::next_impl(Row& row, ExecContext& ctx) {
  if (!input_->next(row, ctx)) return false;
  for (const CreateNodeSpec& n : nodes_) {
    if (n.exists) {
      const Value& v = row[n.slot];
      if (!v.is_node())
        throw QueryError(error_class::kSemantic, "",
                         "CREATE needs a node here, but the variable holds " + v.to_literal());
      if (!ctx.graph->node(v.as_node().id))
        throw QueryError(error_class::kEntityNotFound, error_code::kDeletedEntityAccess, "the node has been deleted");
      continue;
    }
    row[n.slot] = Value(NodeValue{ctx.graph->create_node(n.labels, properties(n.properties, row, ctx)), nullptr});
  }
  for (const CreateRelSpec& r : rels_) {
    const Value& start = row[r.start];
    const Value& end = row[r.end];
    if (!start.is_node() || !end.is_node())
      throw QueryError(error_class::kSemantic, "", "a relationship can only be created between two nodes");
    row[r.slot] = Value(
        RelValue{ctx.graph->create_rel(r.type, start.as_node().id, end.as_node().id, properties(r.properties, row, ctx)),
                 nullptr});
  }
  return true;
}

}  // namespace mlkg::query

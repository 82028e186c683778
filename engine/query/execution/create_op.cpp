#include "engine/query/execution/create_op.hpp"

#include "engine/query/expression/evaluator.hpp"

namespace mlkg::query {

std::string describe_pattern(const std::vector<CreateNodeSpec>& nodes, const std::vector<CreateRelSpec>& rels) {
  std::string out;
  for (const auto& n : nodes) {
    if (n.exists) continue;
    std::string labels;
    for (const auto& l : n.labels) labels += ":" + quote_cypher_name(l);
    out += (out.empty() ? "" : ", ") + ("(" + labels + ")");
  }
  for (const auto& r : rels) out += (out.empty() ? "" : ", ") + ("[:" + quote_cypher_name(r.type) + "]");
  return out;
}

namespace {

ValueMap properties(const BoundExprPtr& e, Row& row, ExecContext& ctx, bool merge) {
  if (!e) return {};
  Value v = evaluate(*e, row, ctx);
  if (v.is_null()) return {};
  if (!v.is_map())
    throw QueryError(ErrorClass::kType, ErrorCode::kInvalidArgumentType,
                     std::string("the properties of a created entity must be a map, not a ") + type_name(v.type()));
  if (merge)
    for (const auto& [key, value] : v.as_map())
      if (value.is_null())
        throw QueryError(ErrorClass::kSemantic, ErrorCode::kMergeReadOwnWrites,
                         "MERGE cannot use a null property value (" + key +
                             ": null): the entity it creates could never be matched by the same pattern");
  return v.as_map();
}

}  // namespace

void create_pattern(const std::vector<CreateNodeSpec>& nodes, const std::vector<CreateRelSpec>& rels, Row& row,
                    ExecContext& ctx, bool merge) {
  const char* clause = merge ? "MERGE" : "CREATE";
  for (const CreateNodeSpec& n : nodes) {
    if (n.exists) {
      const Value& v = row[n.slot];
      if (!v.is_node())
        throw QueryError(ErrorClass::kSemantic, ErrorCode::kNone,
                         std::string(clause) + " needs a node here, but the variable holds " + v.to_literal());
      if (!ctx.graph->node(v.as_node().id))
        throw QueryError(ErrorClass::kEntityNotFound, ErrorCode::kDeletedEntityAccess, "the node has been deleted");
      continue;
    }
    row[n.slot] =
        Value(NodeValue{ctx.graph->create_node(n.labels, properties(n.properties, row, ctx, merge)), nullptr});
  }
  for (const CreateRelSpec& r : rels) {
    const Value& start = row[r.start];
    const Value& end = row[r.end];
    if (!start.is_node() || !end.is_node())
      throw QueryError(ErrorClass::kSemantic, ErrorCode::kNone,
                       std::string(clause) + " can only create a relationship between two nodes, not from " +
                           start.to_literal() + " to " + end.to_literal());
    row[r.slot] = Value(RelValue{
        ctx.graph->create_rel(r.type, start.as_node().id, end.as_node().id, properties(r.properties, row, ctx, merge)),
        nullptr});
  }
}

}  // namespace mlkg::query

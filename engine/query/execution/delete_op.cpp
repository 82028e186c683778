#include "engine/query/execution/delete_op.hpp"

#include "engine/query/expression/evaluator.hpp"

namespace mlkg::query {

std::string DeleteOp::details() const {
  std::string out;
  for (const auto& t : targets_) out += (out.empty() ? "" : ", ") + describe(*t);
  return out;
}

void DeleteOp::remove(const Value& v, ExecContext& ctx) {
  switch (v.type()) {
    case Value::Type::kNull:
      return;
    case Value::Type::kNode:
      ctx.graph->delete_node(v.as_node().id, detach_);
      return;
    case Value::Type::kRelationship:
      ctx.graph->delete_rel(v.as_relationship().id);
      return;
    case Value::Type::kPath: {
      const PathValue& p = v.as_path();
      for (const RelValue& r : p.rels) ctx.graph->delete_rel(r.id);
      for (const NodeValue& n : p.nodes) ctx.graph->delete_node(n.id, detach_);
      return;
    }
    default:
      throw QueryError(ErrorClass::kType, ErrorCode::kInvalidArgumentType,
                       "DELETE needs a node, a relationship or a path, not " + v.to_literal());
  }
}

void DeleteOp::update(Row& row, ExecContext& ctx, std::vector<Row>& out) {
  for (const auto& t : targets_) remove(evaluate(*t, row, ctx), ctx);
  out.push_back(std::move(row));
}

}  // namespace mlkg::query

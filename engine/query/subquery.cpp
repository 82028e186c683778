#include "engine/query/subquery.hpp"

#include "engine/query/bound_subquery.hpp"
#include "engine/query/evaluator.hpp"
#include "engine/query/planner.hpp"

namespace mlkg::query {

namespace {

void plan(BoundSubquery& sub, size_t width, ExecContext& ctx) {
  if (!ctx.graph) throw QueryError("InternalError", "", "a subquery was evaluated without a graph");
  for (BoundSingleQuery& part : sub.parts) {
    BoundSubquery::Plan p;
    p.root = plan_subquery(part, width, *ctx.graph, sub.outer, &p.argument);
    sub.plans.push_back(std::move(p));
  }
  sub.planned = true;
}

}  // namespace

Value evaluate_subquery(const BoundExpr& e, const Row& row, ExecContext& ctx) {
  BoundSubquery& sub = *e.subquery;
  const bool exists = sub.kind == BoundSubquery::Kind::kExists;
  if (!exists)
    for (Slot s : sub.nullable)
      if (row[s].is_null()) return Value();
  if (!sub.planned) plan(sub, row.size(), ctx);
  ValueList list;
  Row inner;
  for (BoundSubquery::Plan& p : sub.plans) {
    p.argument->set_argument(row);
    p.root->open(ctx);
    while (p.root->next(inner, ctx)) {
      if (exists) return Value(true);
      list.push_back(evaluate(*sub.element, inner, ctx));
    }
  }
  if (exists) return Value(false);
  return Value(std::move(list));
}

}  // namespace mlkg::query

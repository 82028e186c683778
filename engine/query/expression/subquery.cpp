#include "engine/query/expression/subquery.hpp"

#include "engine/query/expression/evaluator.hpp"

namespace mlkg::query {

Value evaluate_subquery(const BoundExpr& e, const Row& row, ExecContext& ctx) {
  SubqueryExpr& sub = *e.subquery;
  const bool exists = sub.kind == SubqueryExpr::Kind::kExists;
  if (!exists)
    for (Slot s : sub.nullable)
      if (row[s].is_null()) return Value();
  if (sub.plans.empty()) throw QueryError(ErrorClass::kInternal, ErrorCode::kNone, "the subquery " + sub.text + " was not planned");
  bool found = false;
  ValueList list;
  for (const auto& plan : sub.plans) {
    plan->run(row, ctx, [&](Row& inner) {
      if (exists) {
        found = true;
        return false;
      }
      list.push_back(evaluate(*sub.element, inner, ctx));
      return true;
    });
    if (found) return Value(true);
  }
  if (exists) return Value(false);
  return Value(std::move(list));
}

}  // namespace mlkg::query

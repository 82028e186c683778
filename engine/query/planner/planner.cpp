#include "engine/query/planner/planner.hpp"

#include "engine/query/binder/bound_subquery.hpp"

namespace mlkg::query {

namespace {

// A subquery part's operators, run for one outer row at a time.
class OperatorSubqueryPlan final : public SubqueryPlan {
 public:
  explicit OperatorSubqueryPlan(PhysicalPlan plan) : plan_(std::move(plan)) {}
  void run(const Row& outer, ExecContext& ctx, const std::function<bool(Row&)>& on_row) override {
    plan_.argument->set_argument(outer);
    plan_.root->open(ctx);
    Row inner;
    while (plan_.root->next(inner, ctx))
      if (!on_row(inner)) return;
  }

 private:
  PhysicalPlan plan_;
};

}  // namespace

void plan_subqueries(BoundQuery& bound, GraphTxn& graph) {
  for (const auto& sub : bound.subqueries)
    for (BoundSingleQuery& part : sub->parts)
      sub->expr->plans.push_back(
          std::make_unique<OperatorSubqueryPlan>(plan_physical(plan_logical(part, graph, sub->outer), bound.width)));
}

}  // namespace mlkg::query

#include "engine/query/query_runner.hpp"

#include <chrono>

#include "engine/query/binder.hpp"
#include "engine/query/exec_context.hpp"
#include "engine/query/graph_txn.hpp"
#include "engine/query/operators/row_ops.hpp"
#include "engine/query/planner.hpp"

namespace mlkg::query {

QueryResult run_statement(storage::GraphStore& store, const ast::Statement& statement, const ValueMap& params,
                          const std::atomic<bool>* cancelled) {
  auto t0 = std::chrono::steady_clock::now();
  QueryResult result;
  std::shared_ptr<const storage::Catalog> catalog = store.catalog();
  BoundQuery bound = bind(statement.query, *catalog);
  result.columns = bound.columns;
  result.returns_rows = bound.returns;
  result.notices = bound.notices;

  const bool explain = statement.mode == ast::Statement::Mode::kExplain;
  const bool profile = statement.mode == ast::Statement::Mode::kProfile;
  GraphTxn graph(store, bound.writes && !explain);
  ExecContext ctx(&graph, params, cancelled);
  ctx.profile = profile;

  std::vector<OperatorPtr> plans;
  for (BoundSingleQuery& part : bound.parts) plans.push_back(plan_single_query(part, bound.width, graph));
  if (explain) {
    for (size_t i = 0; i < plans.size(); ++i)
      result.plan += (i ? "UNION" + std::string(bound.union_all[i - 1] ? " ALL" : "") + "\n" : "") +
                     render_plan(*plans[i], false, bound.slot_names);
    result.returns_rows = false;
    result.columns.clear();
    return result;
  }

  // UNION (without ALL) keeps one row of each equivalent set, across parts.
  const bool dedupe = !bound.union_all.empty() && !bound.union_all[0];
  KeySet seen;
  Row row(bound.width);
  for (size_t i = 0; i < plans.size(); ++i) {
    const std::vector<Slot>& slots = bound.parts[i].column_slots;
    plans[i]->open(ctx);
    uint64_t n = 0;
    while (plans[i]->next(row, ctx)) {
      if ((++n & 0xff) == 0) ctx.check_cancelled();
      if (!bound.returns) continue;
      ValueList out;
      out.reserve(slots.size());
      for (Slot s : slots) out.push_back(row[s]);
      if (dedupe && !seen.insert(out).second) continue;
      result.rows.push_back(std::move(out));
    }
  }
  for (ValueList& r : result.rows)
    for (Value& v : r) v = graph.materialize(v);
  if (profile)
    for (size_t i = 0; i < plans.size(); ++i) result.plan += (i ? "UNION\n" : "") + render_plan(*plans[i], true, bound.slot_names);
  graph.commit();
  result.stats = graph.stats();
  result.elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace mlkg::query

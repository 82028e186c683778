#include "engine/query/query_runner.hpp"

#include <chrono>
#include <cstdio>
#include <new>
#include <optional>

#include "engine/common/byte_size.hpp"
#include "engine/common/memory_budget.hpp"
#include "engine/query/binder/binder.hpp"
#include "engine/query/runtime/exec_context.hpp"
#include "engine/query/runtime/statement_watch.hpp"
#include "engine/query/execution/row_ops.hpp"
#include "engine/query/parser/parser.hpp"
#include "engine/query/planner/planner.hpp"

namespace mlkg::query {

namespace {

// What a procedure called by a statement sees of it.
class StatementProcedureContext final : public procedure::ProcedureContext {
 public:
  StatementProcedureContext(GraphTxn& graph, const procedure::ProcedureRegistry& procedures, const ExecContext& exec)
      : graph_(graph), procedures_(procedures), exec_(exec) {}

  storage::Transaction& txn() override { return graph_.txn(); }
  storage::GraphStore& store() override { return graph_.store(); }
  bool writable() const override { return graph_.writable(); }
  const storage::NodeRecord* node(storage::NodeId id) override { return graph_.node(id); }
  const storage::RelRecord* rel(storage::RelId id) override { return graph_.rel(id); }
  const std::atomic<bool>* cancel_flag() const override { return exec_.cancelled; }
  void check_cancelled() const override { exec_.check_cancelled(); }
  void run_query(std::string_view statement, const ValueMap& params, std::string_view what,
                 procedure::RowSink& rows) override {
    run_read_query(graph_, procedures_, statement, params, what, exec_.cancelled, rows);
  }

 private:
  GraphTxn& graph_;
  const procedure::ProcedureRegistry& procedures_;
  const ExecContext& exec_;
};

// The text between the plans of two UNION parts.
std::string union_line(const BoundQuery& bound, size_t part) {
  return "UNION" + std::string(bound.union_all[part - 1] ? " ALL" : "") + "\n";
}

// The operators of `bound`'s UNION parts, its subqueries planned too. With
// `logical_text`, the logical plans are rendered there first (EXPLAIN).
std::vector<OperatorPtr> plan_statement(BoundQuery& bound, GraphTxn& graph, std::string* logical_text = nullptr) {
  std::vector<OperatorPtr> plans;
  for (size_t i = 0; i < bound.parts.size(); ++i) {
    LogicalPlan logical = plan_logical(bound.parts[i], graph, {}, logical_text != nullptr);
    if (logical_text) *logical_text += (i ? union_line(bound, i) : "") + render_logical_plan(*logical, bound.slot_names);
    plans.push_back(plan_physical(std::move(logical), bound.width).root);
  }
  plan_subqueries(bound, graph);
  return plans;
}

// Runs the plans of `bound` (planned over `graph`) and sends each result row
// to `emit`; UNION without ALL keeps one row of each equivalent set.
template <class Emit>
void execute(const BoundQuery& bound, std::vector<OperatorPtr>& plans, ExecContext& ctx, Emit&& emit) {
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
      emit(std::move(out));
    }
  }
}

// The statement, polling `cancelled`, in its own transaction (`open` null)
// or in `open`. `began_writing` is set when a writing statement starts to
// execute (before that, nothing of it reached the transaction).
QueryResult run_watched(storage::GraphStore& store, const OpenTransaction* open,
                        const procedure::ProcedureRegistry& procedures, const ast::Statement& statement,
                        const ValueMap& params, const std::atomic<bool>* cancelled, bool* began_writing) {
  auto t0 = std::chrono::steady_clock::now();
  QueryResult result;
  // An open transaction's catalog has the names its earlier statements added.
  std::shared_ptr<const storage::Catalog> catalog = open ? nullptr : store.catalog();
  BoundQuery bound = bind(statement.query, open ? open->txn.catalog() : *catalog, procedures);
  result.columns = bound.columns;
  result.returns_rows = bound.returns;
  result.notices = bound.notices;

  const bool explain = statement.mode == ast::Statement::Mode::kExplain;
  if (bound.writes_files && store.read_only() && !explain)
    throw QueryError(ErrorClass::kDatabase, ErrorCode::kNone,
                     "the database is open read-only; this statement writes files (an export procedure)");
  const bool profile = statement.mode == ast::Statement::Mode::kProfile;
  const bool writes = bound.writes && !explain;
  if (open && writes && !open->writer)
    throw QueryError(ErrorClass::kTransaction, ErrorCode::kReadOnlyTransaction,
                     store.read_only() ? "the database is open read-only; this statement writes"
                                       : "this transaction was begun read-only; this statement writes");
  std::optional<GraphTxn> opened;
  if (open) opened.emplace(store, open->txn, open->writer);
  else opened.emplace(store, writes);
  GraphTxn& graph = *opened;
  ExecContext ctx(&graph, params, cancelled);
  ctx.profile = profile;
  StatementProcedureContext procedure_context(graph, procedures, ctx);
  ctx.procedure_context = &procedure_context;

  std::string logical;
  std::vector<OperatorPtr> plans = plan_statement(bound, graph, explain ? &logical : nullptr);
  if (explain) {
    result.plan = "Logical plan:\n" + logical + "Physical plan:\n";
    for (size_t i = 0; i < plans.size(); ++i)
      result.plan += (i ? union_line(bound, i) : "") + render_plan(*plans[i], false, bound.slot_names);
    result.returns_rows = false;
    result.columns.clear();
    return result;
  }

  if (writes && began_writing) *began_writing = true;
  execute(bound, plans, ctx, [&](ValueList row) { result.rows.push_back(std::move(row)); });
  uint64_t n = 0;
  for (ValueList& r : result.rows) {
    if ((++n & 0xff) == 0) ctx.check_cancelled();  // a node becomes its labels and properties here
    for (Value& v : r) v = graph.materialize(v);
  }
  if (profile)
    for (size_t i = 0; i < plans.size(); ++i)
      result.plan += (i ? union_line(bound, i) : "") + render_plan(*plans[i], true, bound.slot_names);
  graph.commit();
  result.stats = graph.stats();
  result.elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

// run_watched under the statement's limits, its failures as QueryErrors.
QueryResult run_limited(storage::GraphStore& store, const OpenTransaction* open,
                        const procedure::ProcedureRegistry& procedures, const ast::Statement& statement,
                        const ValueMap& params, const std::atomic<bool>* cancelled, const StatementLimits& limits,
                        bool* began_writing) {
  StatementWatch watch(cancelled, limits.timeout);
  auto timed_out = [&] {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%g", static_cast<double>(limits.timeout.count()) / 1000);
    return QueryError(ErrorClass::kTransient, ErrorCode::kTimedOut,
                      std::string("the statement ran longer than its timeout of ") + seconds +
                          " s and was stopped; it changed nothing");
  };
  MemoryBudget budget(limits.max_memory);
  try {
    return run_watched(store, open, procedures, statement, params, watch.flag(), began_writing);
  } catch (const QueryError&) {
    if (watch.timed_out()) throw timed_out();  // whatever the stopped loop reported
    throw;
  } catch (const MemoryBudgetExceeded&) {
    throw QueryError(ErrorClass::kTransient, ErrorCode::kOutOfMemory,
                     "the statement needed more than its memory budget of " + format_byte_size(limits.max_memory) +
                         " and was stopped; it changed nothing");
  } catch (const std::bad_alloc&) {
    throw QueryError(ErrorClass::kTransient, ErrorCode::kOutOfMemory,
                     "the statement needed more memory than there is and was stopped; it changed nothing");
  }
}

}  // namespace

QueryResult run_statement(storage::GraphStore& store, const procedure::ProcedureRegistry& procedures,
                          const ast::Statement& statement, const ValueMap& params, const std::atomic<bool>* cancelled,
                          const StatementLimits& limits) {
  return run_limited(store, nullptr, procedures, statement, params, cancelled, limits, nullptr);
}

QueryResult run_statement_in(storage::GraphStore& store, const OpenTransaction& open,
                             const procedure::ProcedureRegistry& procedures, const ast::Statement& statement,
                             const ValueMap& params, const std::atomic<bool>* cancelled, const StatementLimits& limits,
                             bool* began_writing) {
  return run_limited(store, &open, procedures, statement, params, cancelled, limits, began_writing);
}

void run_read_query(GraphTxn& graph, const procedure::ProcedureRegistry& procedures, std::string_view text,
                    const ValueMap& params, std::string_view what, const std::atomic<bool>* cancelled,
                    procedure::RowSink& rows) {
  const std::string name(what);
  std::vector<ast::Statement> statements = parse_script(text);
  if (statements.size() != 1)
    throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentValue,
                     name + " must be one statement, found " + std::to_string(statements.size()));
  const ast::Statement& statement = statements[0];
  if (statement.mode != ast::Statement::Mode::kRun)
    throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentValue, name + " cannot be EXPLAIN or PROFILE");
  BoundQuery bound = bind(statement.query, graph.catalog(), procedures);
  if (bound.writes || bound.writes_files)
    throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentValue,
                     name + " must only read (it has a writing clause)");
  ExecContext ctx(&graph, params, cancelled);
  StatementProcedureContext procedure_context(graph, procedures, ctx);
  ctx.procedure_context = &procedure_context;
  std::vector<OperatorPtr> plans = plan_statement(bound, graph);
  execute(bound, plans, ctx, [&](ValueList row) { rows.emit(std::move(row)); });
}

}  // namespace mlkg::query

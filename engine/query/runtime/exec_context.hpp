#pragma once
// What every operator and expression of a running statement shares: the
// graph transaction, the parameters, the function context, the context
// procedures run in, and the flag that cancels the statement (Ctrl-C in the
// shell, or its timeout).

#include <atomic>

#include "engine/common/memory_budget.hpp"

#include "engine/procedure/procedure_context.hpp"
#include "engine/query/function/functions.hpp"
#include "engine/query/runtime/graph_txn.hpp"
#include "engine/common/query_error.hpp"
#include "engine/value/value.hpp"

namespace mlkg::query {

struct ExecContext {
  // `g` may be null only to evaluate constant expressions (the binder folds
  // them), which never touch the graph.
  ExecContext(GraphTxn* g, const ValueMap& p, const std::atomic<bool>* cancel_flag)
      : graph(g), params(p), cancelled(cancel_flag) {
    functions.graph = graph;
  }

  GraphTxn* graph;
  const ValueMap& params;
  FunctionContext functions;
  const std::atomic<bool>* cancelled;  // may be null
  bool profile = false;
  // What CALL hands a procedure (the runner's implementation over this
  // statement); null where no procedure can be called (constant folding).
  procedure::ProcedureContext* procedure_context = nullptr;

  // Throws when the statement has been cancelled (QueryError) or holds more
  // than its memory budget (MemoryBudgetExceeded, which the runner reports).
  // Operators and the evaluator's long loops call it, so a long query stops
  // within milliseconds and a greedy one soon after it crosses its budget:
  // these calls are the points where the budget may stop a statement
  // (engine/common/memory_budget.hpp).
  void check_cancelled() const {
    if (cancelled && cancelled->load(std::memory_order_relaxed))
      throw QueryError(ErrorClass::kTransient, ErrorCode::kCancelled, "the statement was cancelled");
    check_memory_budget();
  }
};

}  // namespace mlkg::query

#pragma once
// ProcedureContext: what a running procedure may reach of the statement that
// calls it, and nothing of the query language. The query engine implements
// it (engine/query/execution); a procedure sees:
//   - the statement's transaction: its snapshot, and its own writes when the
//     statement writes (reads through node() and rel() share the
//     statement's record cache);
//   - cancellation (Ctrl-C, a timeout) and the memory budget, which long
//     loops poll;
//   - run_query(): a read-only query run in the same transaction, its rows
//     streamed to a sink (how export.* turns a query into a subgraph).
// Procedures report failure by throwing query::QueryError
// (engine/common/query_error.hpp), as every part of a statement does.

#include <atomic>
#include <string_view>

#include "engine/procedure/row_sink.hpp"
#include "engine/storage/catalog.hpp"
#include "engine/storage/graph_store.hpp"
#include "engine/storage/transaction.hpp"
#include "engine/value/value.hpp"

namespace mlkg::procedure {

class ProcedureContext {
 public:
  virtual ~ProcedureContext() = default;

  virtual storage::Transaction& txn() = 0;
  // The store the transaction reads (caches of derived data key on it).
  virtual storage::GraphStore& store() = 0;
  // Whether the statement writes (so the transaction holds unwritten changes
  // and caches of committed state do not apply).
  virtual bool writable() const = 0;
  const storage::Catalog& catalog() { return txn().catalog(); }

  // Records as the statement sees them; null when the entity does not
  // exist or was deleted by the statement.
  virtual const storage::NodeRecord* node(storage::NodeId id) = 0;
  virtual const storage::RelRecord* rel(storage::RelId id) = 0;

  // The flag that cancels the statement (may be null), for code that polls
  // it itself, and the check that throws the statement's cancellation, or
  // MemoryBudgetExceeded once the statement holds more than its memory
  // budget (engine/common/memory_budget.hpp).
  virtual const std::atomic<bool>* cancel_flag() const = 0;
  virtual void check_cancelled() const = 0;

  // Runs `statement`, one read-only openCypher statement, with `params` in
  // this transaction and sends each row of its result to `rows`. `what`
  // names the query in error messages ("the export query"). Throws
  // QueryError when it does not parse, bind or run, or when it writes.
  virtual void run_query(std::string_view statement, const ValueMap& params, std::string_view what, RowSink& rows) = 0;
};

}  // namespace mlkg::procedure

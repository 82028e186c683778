#pragma once
// Runs one parsed statement: bind, plan, execute on one snapshot (or one
// write transaction, committed at the end), and materialise the result.
// EXPLAIN plans without executing; PROFILE executes and reports rows and
// time per operator.
//
// CALL finds its procedures in `procedures` (the Database's registry) and
// runs them with a procedure::ProcedureContext over the statement's
// transaction, implemented here.

#include <atomic>
#include <chrono>
#include <string_view>

#include "engine/procedure/procedure_registry.hpp"
#include "engine/procedure/row_sink.hpp"
#include "engine/query/parser/ast.hpp"
#include "engine/query/runtime/graph_txn.hpp"
#include "engine/query/runtime/query_result.hpp"
#include "engine/query/runtime/statement_limits.hpp"
#include "engine/storage/graph_store.hpp"

namespace mlkg::query {

// Throws QueryError when the statement fails; a failed statement writes
// nothing. It stops when `cancelled` is set (TransientError: Cancelled), when
// it reaches one of its `limits` (TransientError: TransactionTimedOut, or
// OutOfMemoryError naming the budget), or when an allocation fails
// (TransientError: OutOfMemoryError), never the process. The memory budget
// counts what the calling thread allocates from bind to the materialised
// result (engine/common/memory_budget.hpp).
QueryResult run_statement(storage::GraphStore& store, const procedure::ProcedureRegistry& procedures,
                          const ast::Statement& statement, const ValueMap& params,
                          const std::atomic<bool>* cancelled = nullptr, const StatementLimits& limits = {});

// A transaction that outlives the statements run in it (an explicit
// transaction's, explicit_transaction.hpp): `txn` of the store, and `writer`,
// the same transaction when it may write (else null: statements that write
// are refused with TransactionError: ReadOnlyTransaction).
struct OpenTransaction {
  storage::Transaction& txn;
  storage::WriteTransaction* writer = nullptr;
};

// Runs one statement as run_statement does, but inside `open`, without
// ending it: the statement binds against the transaction's catalog, reads
// the writes of the transaction's earlier statements, and leaves its own
// writes in the transaction. A failed statement may have left part of its
// writes in it: `began_writing` (when not null) is set once a statement
// that writes starts executing, before which nothing of it reached the
// transaction (a failure while binding or planning, or of a statement that
// only reads, leaves the transaction as it was).
QueryResult run_statement_in(storage::GraphStore& store, const OpenTransaction& open,
                             const procedure::ProcedureRegistry& procedures, const ast::Statement& statement,
                             const ValueMap& params, const std::atomic<bool>* cancelled, const StatementLimits& limits,
                             bool* began_writing);

// Runs `text`, which must be one statement that only reads (no EXPLAIN or
// PROFILE), inside `graph`'s transaction, sending each row of its result to
// `rows` as it is made. `what` names the query in errors ("the export
// query must only read ..."). Throws QueryError.
void run_read_query(GraphTxn& graph, const procedure::ProcedureRegistry& procedures, std::string_view text,
                    const ValueMap& params, std::string_view what, const std::atomic<bool>* cancelled,
                    procedure::RowSink& rows);

}  // namespace mlkg::query

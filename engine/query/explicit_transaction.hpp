#pragma once
// ExplicitTransaction: several statements run as one transaction (BEGIN ...
// COMMIT), begun by Database::begin_transaction and ended by commit() or
// rollback(); destroying one that is still open rolls it back.
//
// What it holds, and when (docs/architecture.md, "Readers beside a writer"):
//  - A read-write transaction (TransactionMode::kReadWrite) takes the store's
//    write lock when it begins, as SQLite's BEGIN IMMEDIATE does, waiting up
//    to the busy timeout (storage::OpenOptions::busy_timeout) like any writer
//    of this or another process, and holds it until it ends; on a kShared
//    store the primary is open for that long. Its statements therefore read
//    the primary under the lock: what they read is what their writes apply
//    to, and no other writer can commit in between (taking the lock lazily, at
//    the first statement that writes, would let another process commit after
//    the transaction read, and the transaction would have to fail then). A
//    transaction that only reads takes the lock for nothing: that is what
//    kReadOnly is for.
//  - A read-only transaction (kReadOnly) takes no lock: its statements read
//    one snapshot, the last commit when it began, whatever others commit
//    meanwhile; a statement that writes is refused (TransactionError:
//    ReadOnlyTransaction) and the transaction goes on. It is what a
//    read-only store (storage::Access::kReadOnly) can begin.
//
// Visibility: each statement reads the writes of the transaction's earlier
// statements (the storage write transaction reads its own writes); nobody
// else sees any of them (other processes, other statements of this process)
// until commit() applies them all in one atomic write, which the next read
// transaction of any process sees whole.
//
// A statement that fails:
//  - before it starts to write (a syntax, semantic or type error found while
//    binding or planning; a missing parameter; any failure of a statement
//    that only reads, a timeout or Ctrl-C included) changed nothing, and the
//    transaction goes on;
//  - once it has started to write (a constraint broken, a deleted node
//    still connected, a value that cannot be stored, a timeout or a
//    cancellation half-way), it may have left part of its writes, so the
//    whole transaction fails, as in Neo4j: it is rolled back at once (giving
//    the write lock back), state() becomes kFailed, every later statement is
//    refused with TransactionError: TransactionMarkedAsFailed, and rollback()
//    (or commit(), which then throws) ends it. A client that carries on
//    after an error therefore never commits half a statement, and never
//    runs the rest of its transaction's statements outside it.
//
// Schema statements (CREATE / DROP INDEX and CONSTRAINT) run in the
// transaction like any write: later statements of the transaction see and
// use the index, nobody else sees it before commit, and a rollback leaves
// none.
//
// Each statement has its own limits (StatementLimits): a timeout, and a
// memory budget that counts what the statement adds (the transaction's
// pending writes from earlier statements were counted by them).
//
// Not thread-safe: one thread at a time uses a transaction (another may set
// a statement's `cancelled` flag). It borrows the store and the procedure
// registry of its Database, which must outlive it. While a read-write
// transaction is open, a write of its own Database outside it (Database::
// execute) waits for it like a writer of another process, and fails with
// kBusy's DatabaseError after the busy timeout: run it in the transaction.

#include <atomic>
#include <memory>
#include <string>
#include <string_view>

#include "engine/procedure/procedure_registry.hpp"
#include "engine/query/parser/ast.hpp"
#include "engine/query/runtime/query_result.hpp"
#include "engine/query/runtime/statement_limits.hpp"
#include "engine/storage/graph_store.hpp"

namespace mlkg::storage {
class Transaction;
class WriteTransaction;
}  // namespace mlkg::storage

namespace mlkg::query {

enum class TransactionMode {
  kReadWrite,  // takes the write lock at once (BEGIN)
  kReadOnly,   // one snapshot, no lock; statements that write are refused
};

class ExplicitTransaction {
 public:
  enum class State {
    kOpen,        // statements run in it
    kFailed,      // a statement failed while writing: already rolled back, waiting for rollback()
    kCommitted,   // commit() applied its writes
    kRolledBack,  // ended without writing anything (rollback(), a failed commit())
  };

  // Begins a transaction on `store`, whose procedures CALL finds in
  // `procedures`. Throws QueryError: DatabaseError when the write lock stayed
  // taken for the whole busy timeout (naming the holder), or when a
  // read-write transaction is asked of a read-only store.
  ExplicitTransaction(storage::GraphStore& store, const procedure::ProcedureRegistry& procedures,
                      TransactionMode mode);
  // Rolls back a transaction still open.
  ~ExplicitTransaction();
  ExplicitTransaction(const ExplicitTransaction&) = delete;
  ExplicitTransaction& operator=(const ExplicitTransaction&) = delete;

  // Runs one statement in the transaction (as Database::execute does one
  // on its own, see there for `cancelled` and `limits`) and returns its
  // result. Throws QueryError when it fails (see above for what that does
  // to the transaction), and TransactionError: TransactionMarkedAsFailed
  // (kFailed) or NoOpenTransaction (ended) without running it.
  QueryResult execute(const ast::Statement& statement, const ValueMap& params = {},
                      const std::atomic<bool>* cancelled = nullptr, const StatementLimits& limits = {});
  // Parses `text`, which must hold exactly one statement, and runs it.
  QueryResult execute(std::string_view text, const ValueMap& params = {});

  // Makes every write of the transaction visible at once and gives the write
  // lock back; the transaction has ended afterwards, whatever happened.
  // Throws QueryError when nothing was written: TransactionError:
  // TransactionMarkedAsFailed for a failed transaction (it is rolled back),
  // NoOpenTransaction for one that had ended, DatabaseError when storage
  // refused the write (a full disk, ...).
  void commit();
  // Ends the transaction writing nothing, and gives the write lock back.
  // Does nothing to a transaction that has ended; never throws.
  void rollback() noexcept;

  State state() const { return state_; }
  // Open or failed: not ended yet (commit() or rollback() will end it).
  bool active() const { return state_ == State::kOpen || state_ == State::kFailed; }
  TransactionMode mode() const { return mode_; }
  // What the statements that succeeded in it changed, summed.
  const QueryStats& stats() const { return stats_; }
  // How many statements succeeded in it.
  size_t statements() const { return statements_; }
  // kFailed: the first line of the error that failed it; else empty.
  const std::string& failure() const { return failure_; }

 private:
  // Throws unless the transaction is open (kOpen).
  void check_open() const;
  // Discards the storage transaction (giving the lock back).
  void end() noexcept;

  storage::GraphStore& store_;
  const procedure::ProcedureRegistry& procedures_;
  TransactionMode mode_;
  std::unique_ptr<storage::Transaction> txn_;  // null once ended (or failed)
  storage::WriteTransaction* writer_ = nullptr;  // txn_ for kReadWrite
  State state_ = State::kOpen;
  QueryStats stats_;
  size_t statements_ = 0;
  std::string failure_;
};

}  // namespace mlkg::query

#include "engine/query/explicit_transaction.hpp"

#include "engine/common/query_error.hpp"
#include "engine/query/parser/parser.hpp"
#include "engine/query/query_runner.hpp"
#include "engine/query/runtime/graph_txn.hpp"
#include "engine/storage/transaction.hpp"

namespace mlkg::query {

ExplicitTransaction::ExplicitTransaction(storage::GraphStore& store, const procedure::ProcedureRegistry& procedures,
                                         TransactionMode mode)
    : store_(store), procedures_(procedures), mode_(mode) {
  if (mode == TransactionMode::kReadOnly) {
    txn_ = store.begin_read();
    return;
  }
  std::unique_ptr<storage::WriteTransaction> writer;
  Status s = store.begin_write(&writer);
  if (s.code() == Status::Code::kNotSupported)
    throw QueryError(ErrorClass::kDatabase, ErrorCode::kNone,
                     "the database is open read-only; a transaction that writes cannot begin there "
                     "(a read-only one can)");
  if (!s.ok()) throw write_failure(s);  // kBusy: DatabaseError naming the holder
  writer_ = writer.get();
  txn_ = std::move(writer);
}

ExplicitTransaction::~ExplicitTransaction() { rollback(); }

void ExplicitTransaction::end() noexcept {
  writer_ = nullptr;
  txn_.reset();  // a WriteTransaction never committed discards its writes
}

void ExplicitTransaction::check_open() const {
  switch (state_) {
    case State::kOpen: return;
    case State::kFailed:
      throw QueryError(ErrorClass::kTransaction, ErrorCode::kTransactionMarkedAsFailed,
                       "the transaction failed at an earlier statement and was rolled back (" + failure_ +
                           "); ROLLBACK ends it");
    case State::kCommitted:
      throw QueryError(ErrorClass::kTransaction, ErrorCode::kNoOpenTransaction,
                       "the transaction has ended (it was committed)");
    case State::kRolledBack:
      throw QueryError(ErrorClass::kTransaction, ErrorCode::kNoOpenTransaction,
                       "the transaction has ended (it was rolled back)");
  }
}

QueryResult ExplicitTransaction::execute(const ast::Statement& statement, const ValueMap& params,
                                         const std::atomic<bool>* cancelled, const StatementLimits& limits) {
  check_open();
  bool began_writing = false;
  auto fail = [&](std::string what) {
    if (!began_writing) return;  // nothing of the statement reached the transaction
    end();
    state_ = State::kFailed;
    failure_ = std::move(what);
  };
  try {
    QueryResult result = run_statement_in(store_, OpenTransaction{*txn_, writer_}, procedures_, statement, params,
                                          cancelled, limits, &began_writing);
    stats_ += result.stats;
    ++statements_;
    return result;
  } catch (const std::exception& e) {  // QueryError included
    fail(e.what());
    throw;
  } catch (...) {
    fail("an unknown error");
    throw;
  }
}

QueryResult ExplicitTransaction::execute(std::string_view text, const ValueMap& params) {
  check_open();
  return execute(parse_single_statement(text), params);
}

void ExplicitTransaction::commit() {
  if (state_ == State::kFailed) {
    state_ = State::kRolledBack;
    throw QueryError(ErrorClass::kTransaction, ErrorCode::kTransactionMarkedAsFailed,
                     "the transaction was rolled back, writing nothing, because a statement in it failed (" +
                         failure_ + ")");
  }
  check_open();
  Status s = writer_ ? writer_->commit() : Status();
  end();
  if (!s.ok()) {
    state_ = State::kRolledBack;
    QueryError e = write_failure(s);
    throw QueryError(e.error_class(), e.code(), e.message() + "; the transaction was rolled back, writing nothing");
  }
  state_ = State::kCommitted;
}

void ExplicitTransaction::rollback() noexcept {
  if (!active()) return;
  end();
  state_ = State::kRolledBack;
}

}  // namespace mlkg::query

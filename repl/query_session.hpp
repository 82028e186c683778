#pragma once
// A QuerySession runs statements against a database and shows their results:
// the engine of `-c`, `-f`, scripts on stdin and the interactive prompt.
//
// Each statement's result goes to `out` in the session's format; notices
// ("did you mean") and errors go to `err`. An error is shown as its first
// line ("<Class>: <Code>: <message>"), then, for errors with a place, the
// line of the query and a caret under the column.
//
// Transactions: a script (or the shell, a statement at a time) may hold
// BEGIN [TRANSACTION] [READ ONLY], COMMIT and ROLLBACK (session_script.hpp).
// From BEGIN on, statements run in the session's explicit transaction
// (Database::begin_transaction: a read-write one holds the write lock until
// it ends; on a read-only database BEGIN opens a read-only one) until COMMIT
// or ROLLBACK; the transaction outlives one run_script call, so the shell
// can run its statements one by one. The commands print no result (no JSON
// document either); with `announce_transactions` they say what they did on
// `err`. Misplaced commands (COMMIT with no transaction, BEGIN inside one)
// are errors (TransactionError), as is a COMMIT that writes nothing.

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <ostream>
#include <string_view>
#include <utility>

#include "engine/database.hpp"
#include "repl/result_format.hpp"
#include "repl/session_script.hpp"

namespace mlkg::repl {

struct SessionOptions {
  OutputFormat format = OutputFormat::kPlain;
  RenderOptions render;
  ValueMap params;
  // Show each statement's time: in the table's row-count line, or for the
  // other formats as "(n rows, x ms)" on err.
  bool timing = false;
  // Each statement's timeout (--timeout, :timeout; 0: none) and memory
  // budget (--max-memory, :max-memory; 0: none).
  query::StatementLimits limits;
  // Say on `err` what BEGIN, COMMIT and ROLLBACK did, and when a failed
  // statement failed the transaction (the shell; scripts stay quiet).
  bool announce_transactions = false;
};

class QuerySession {
 public:
  QuerySession(Database& db, SessionOptions options, std::ostream& out, std::ostream& err)
      : db_(db), options_(std::move(options)), out_(&out), err_(err) {}

  // Parses `text` (statements and transaction commands separated by ';')
  // and runs them in order, stopping at the first that fails. Returns false
  // if any failed (a syntax error anywhere means none runs). A transaction
  // begun in it stays open when it returns (failed or not).
  bool run_script(std::string_view text);

  // The session's explicit transaction.
  enum class TransactionState {
    kNone,    // statements run each in its own transaction
    kOpen,    // BEGIN: statements run in it
    kFailed,  // a statement failed while writing; statements are refused until ROLLBACK
  };
  TransactionState transaction_state() const;
  // Rolls back the session's transaction, if one is open (at the end of a
  // script or of the shell); true if there was one.
  bool roll_back_open_transaction();

  SessionOptions& options() { return options_; }
  // Set from a signal handler to cancel the running statement.
  std::atomic<bool>& cancel_flag() { return cancelled_; }

  // Where results go from now on (errors and notices stay on err).
  void set_output(std::ostream& out) { out_ = &out; }
  std::ostream& output() { return *out_; }
  // The result of the last statement that returned rows, kept whole (the
  // shell's :last shows what a row limit cut).
  const std::optional<query::QueryResult>& last_result() const { return last_; }
  // True after a statement that changed the database (the shell then
  // refreshes what it completes from); reading it clears it.
  bool take_changed() { return std::exchange(changed_, false); }

 private:
  // Runs one transaction command; false (the error shown) if it failed.
  bool run_command(const ScriptStep& step, std::string_view text);
  // Shows a failed statement's or command's error, with its place in `text`.
  void show_error(const query::QueryError& e, std::string_view text);

  Database& db_;
  SessionOptions options_;
  std::ostream* out_;
  std::ostream& err_;
  std::atomic<bool> cancelled_{false};
  std::optional<query::QueryResult> last_;
  bool changed_ = false;
  std::unique_ptr<query::ExplicitTransaction> transaction_;  // BEGIN's, until COMMIT or ROLLBACK
};

// Whether the statements of `text` can run without writing (so the database
// may be opened read-only; its transaction commands are then read-only
// transactions). Throws query::QueryError on a syntax error.
bool script_is_read_only(std::string_view text);

}  // namespace mlkg::repl

#pragma once
// A QuerySession runs statements against a database and shows their results:
// the engine of `-c`, `-f`, scripts on stdin and the interactive prompt.
//
// Each statement's result goes to `out` in the session's format; notices
// ("did you mean") and errors go to `err`. An error is shown as its first
// line ("<Class>: <Code>: <message>"), then, for errors with a place, the
// line of the query and a caret under the column.

#include <atomic>
#include <chrono>
#include <optional>
#include <ostream>
#include <string_view>
#include <utility>

#include "engine/database.hpp"
#include "repl/result_format.hpp"

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
};

class QuerySession {
 public:
  QuerySession(Database& db, SessionOptions options, std::ostream& out, std::ostream& err)
      : db_(db), options_(std::move(options)), out_(&out), err_(err) {}

  // Parses `text` (statements separated by ';') and runs them in order,
  // stopping at the first that fails. Returns false if any failed (a syntax
  // error anywhere means none runs).
  bool run_script(std::string_view text);

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
  Database& db_;
  SessionOptions options_;
  std::ostream* out_;
  std::ostream& err_;
  std::atomic<bool> cancelled_{false};
  std::optional<query::QueryResult> last_;
  bool changed_ = false;
};

// Whether the statements of `text` can run without writing (so the database
// may be opened read-only). Throws query::QueryError on a syntax error.
bool script_is_read_only(std::string_view text);

}  // namespace mlkg::repl

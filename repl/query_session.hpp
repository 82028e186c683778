#pragma once
// A QuerySession runs statements against a database and shows their results:
// the engine of `-c`, `-f`, scripts on stdin and the interactive prompt.
//
// Each statement's result goes to `out` in the session's format; notices
// ("did you mean") and errors go to `err`. An error is shown as its first
// line ("<Class>: <Code>: <message>"), then, for errors with a place, the
// line of the query and a caret under the column.

#include <atomic>
#include <ostream>
#include <string_view>

#include "engine/database.hpp"
#include "repl/result_format.hpp"

namespace mlkg::repl {

struct SessionOptions {
  OutputFormat format = OutputFormat::kPlain;
  RenderOptions render;
  ValueMap params;
  bool timing = false;  // after each result: "(n rows, x ms)" on err
};

class QuerySession {
 public:
  QuerySession(Database& db, SessionOptions options, std::ostream& out, std::ostream& err)
      : db_(db), options_(std::move(options)), out_(out), err_(err) {}

  // Parses `text` (statements separated by ';') and runs them in order,
  // stopping at the first that fails. Returns false if any failed (a syntax
  // error anywhere means none runs).
  bool run_script(std::string_view text);

  SessionOptions& options() { return options_; }
  // Set from a signal handler to cancel the running statement.
  std::atomic<bool>& cancel_flag() { return cancelled_; }

 private:
  Database& db_;
  SessionOptions options_;
  std::ostream& out_;
  std::ostream& err_;
  std::atomic<bool> cancelled_{false};
};

// Whether the statements of `text` can run without writing (so the database
// may be opened read-only). Throws query::QueryError on a syntax error.
bool script_is_read_only(std::string_view text);

}  // namespace mlkg::repl

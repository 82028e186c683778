#pragma once
// The interactive shell: `mlkg` with no command on a terminal.
//
// Reads statements (ending with ';', possibly over several lines) and
// meta-commands (a line starting with ':', see meta_commands.hpp) through a
// LineEditor, runs them in a QuerySession and shows the results for the
// terminal. Ctrl-C cancels a running statement (or drops the line being
// typed), Ctrl-D or :quit leaves. docs/shell.md is the user's guide.

#include <optional>
#include <string>

#include "engine/database.hpp"
#include "repl/query_session.hpp"

namespace mlkg::repl {

struct ShellOptions {
  bool syllabus = false;                  // the bundled syllabus graph: greet with what it is
  std::string history_path;               // empty: no history kept across sessions
  std::optional<std::string> init_file;   // run before the first prompt (--init, else ~/.mlkgrc)
  bool init_file_required = false;        // --init: a missing file is an error (~/.mlkgrc may be absent)
};

// Runs until :quit or end of input; returns the exit code (0).
int run_shell(Database& db, SessionOptions session, const ShellOptions& options);

}  // namespace mlkg::repl

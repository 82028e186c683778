#pragma once
// The interactive prompt: reads statements (ending with ';', possibly over
// several lines) from the terminal and prints their results as tables.
// Ctrl-C cancels the running statement; Ctrl-D or :quit leaves.

#include "engine/database.hpp"
#include "repl/query_session.hpp"

namespace mlkg::repl {

// Runs until end of input; returns the exit code (0).
int run_plain_shell(Database& db, SessionOptions options, bool syllabus);

}  // namespace mlkg::repl

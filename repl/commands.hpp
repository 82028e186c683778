#pragma once
// The commands of the mlkg program other than the shell: each prints its
// results to stdout, its errors to stderr, and returns an exit code
// (exit_codes.hpp).

#include "engine/database.hpp"
#include "repl/command_line.hpp"

namespace mlkg::repl {

int run_import(Database& db, const Invocation& inv);
int run_export(Database& db, const Invocation& inv);
int run_check(Database& db);
int run_info(Database& db);
int run_shell(Database& db);

}  // namespace mlkg::repl

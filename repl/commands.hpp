#pragma once
// The maintenance commands of the mlkg program (not the queries): each prints its
// results to stdout, its errors to stderr, and returns an exit code
// (exit_codes.hpp).

#include "engine/database.hpp"
#include "repl/command_line.hpp"

namespace mlkg::repl {

int run_import(Database& db, const Invocation& inv);
int run_export(Database& db, const Invocation& inv);
int run_check(Database& db);
int run_info(Database& db);

}  // namespace mlkg::repl

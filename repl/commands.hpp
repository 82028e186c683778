#pragma once
// The maintenance commands of the mlkg program (not the queries): each prints its
// results to stdout, its errors to stderr, and returns an exit code
// (exit_codes.hpp).

#include <atomic>
#include <optional>
#include <ostream>
#include <string>

#include "engine/database.hpp"
#include "repl/command_line.hpp"

namespace mlkg::repl {

// What to export: the format, where to (empty path: `out`), and the query
// whose subgraph to write (none: the whole graph) with its parameters.
struct ExportRequest {
  exporter::ExportFormat format = exporter::ExportFormat::kPg;
  std::string path;
  std::optional<std::string> query;
  ValueMap params;
  std::ostream* out = nullptr;
  const std::atomic<bool>* cancelled = nullptr;
  bool overwrite = false;  // replace files that exist (mlkg export --force; the shell's :export)
};

// Runs an export and reports it: on `info` one summary line ("Exported 38
// nodes and 37 relationships as svg to /home/me/t11.svg.", the file's
// absolute path) and a "note: ..." line for each thing the format could not
// carry; on `errors` why it failed (a query error with its line and caret).
// Shared by `mlkg export` and the shell's :export. Returns true on success.
bool export_and_report(Database& db, const ExportRequest& request, std::ostream& info, std::ostream& errors);

int run_import(Database& db, const Invocation& inv);
int run_export(Database& db, const Invocation& inv);
int run_check(Database& db);
int run_info(Database& db);

}  // namespace mlkg::repl

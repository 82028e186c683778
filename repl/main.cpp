// mlkg: the command-line program. Parses the arguments, opens the database
// (building the default syllabus database on first use) and runs the command.

#include <iostream>

#include "engine/database.hpp"
#include "repl/command_line.hpp"
#include "repl/commands.hpp"
#include "repl/default_database.hpp"
#include "repl/exit_codes.hpp"
#include "repl/progress_bar.hpp"

using namespace mlkg;
using namespace mlkg::repl;

int main(int argc, char** argv) {
  Invocation inv;
  if (int code = parse_command_line(argc, argv, &inv); code >= 0) return code;

  std::string dir;
  if (inv.db) {
    dir = *inv.db;
  } else {
    ProgressBar bar;
    DefaultDatabaseEvents events;
    events.on_build = [&](const std::string& message) {
      if (bar.enabled()) std::cerr << message << "\n";
    };
    events.on_progress = [&](const load::ImportProgress& p) { bar.update(p.phase, p.done, p.total, false); };
    Status s = ensure_default_database(&dir, events);
    bar.finish();
    if (!s.ok()) {
      std::cerr << "mlkg: cannot build the syllabus database: " << s.message() << "\n";
      return kExitCannotOpen;
    }
  }

  storage::OpenOptions options;
  options.read_only = inv.read_only;
  // Only the shell and import create a database where there is none.
  options.create_if_missing =
      inv.command == Invocation::Command::kShell || inv.command == Invocation::Command::kImport;
  std::unique_ptr<Database> db;
  if (Status s = Database::open(dir, options, &db); !s.ok()) {
    std::cerr << "mlkg: " << s.message() << "\n";
    return kExitCannotOpen;
  }

  switch (inv.command) {
    case Invocation::Command::kImport: return run_import(*db, inv);
    case Invocation::Command::kExport: return run_export(*db, inv);
    case Invocation::Command::kCheck: return run_check(*db);
    case Invocation::Command::kInfo: return run_info(*db);
    case Invocation::Command::kShell: return run_shell(*db);
  }
  return kExitOk;
}

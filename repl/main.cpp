// mlkg: the command-line program. Parses the arguments, opens the database
// (building the default syllabus database on first use) and runs the
// command: a script (-c, -f, stdin), the interactive prompt, or one of the
// maintenance commands.

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "engine/database.hpp"
#include "engine/query/parser/parser.hpp"
#include "repl/command_line.hpp"
#include "repl/commands.hpp"
#include "repl/default_database.hpp"
#include "repl/exit_codes.hpp"
#include "repl/progress_bar.hpp"
#include "repl/query_session.hpp"
#include "repl/shell.hpp"

using namespace mlkg;
using namespace mlkg::repl;

namespace {

bool read_script(const Invocation& inv, std::string* text) {
  if (inv.query) {
    *text = *inv.query;
    return true;
  }
  std::ostringstream ss;
  if (inv.script && *inv.script != "-") {
    std::ifstream in(*inv.script, std::ios::binary);
    if (!in) {
      std::cerr << "mlkg: cannot read " << *inv.script << "\n";
      return false;
    }
    ss << in.rdbuf();
  } else {
    ss << std::cin.rdbuf();
  }
  *text = ss.str();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Invocation inv;
  if (int code = parse_command_line(argc, argv, &inv); code >= 0) return code;

  // A script is parsed before the database opens: a syntax error costs no
  // open, and a script that only reads opens read-only (faster, and beside
  // a writer).
  std::string script;
  bool script_reads_only = false;
  if (inv.command == Invocation::Command::kScript) {
    if (!read_script(inv, &script)) return kExitUsage;
    try {
      script_reads_only = script_is_read_only(script);
    } catch (const query::QueryError& e) {
      std::cerr << query::format_error(e, script) << "\n";
      return kExitFailed;
    }
  }

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
  std::error_code ec;
  bool exists = std::filesystem::exists(std::filesystem::path(dir) / "CURRENT", ec);
  // Scripts that only read, exports, info and check open read-only: faster,
  // beside a writer, and in a directory they may not write in. The shell
  // holds the write lock only while a write statement runs; a script that
  // writes and an import hold it while they run (one open of the writer:
  // a one-shot write costs one open, docs/architecture.md).
  const bool read_only = inv.read_only ||
                         (inv.command == Invocation::Command::kScript && script_reads_only && exists) ||
                         ((inv.command == Invocation::Command::kExport || inv.command == Invocation::Command::kInfo ||
                           inv.command == Invocation::Command::kCheck) &&
                          exists);
  options.access = read_only                                     ? storage::Access::kReadOnly
                   : inv.command == Invocation::Command::kShell ? storage::Access::kShared
                                                                  : storage::Access::kExclusive;
  options.busy_timeout = inv.busy_timeout;
  switch (inv.command) {  // what a process waiting for our lock is told holds it
    case Invocation::Command::kShell: options.client = "the mlkg shell"; break;
    case Invocation::Command::kScript: options.client = "an mlkg script"; break;
    case Invocation::Command::kImport: options.client = "mlkg import"; break;
    default: options.client = "mlkg"; break;
  }
  // The shell, scripts and import create a database where there is none.
  options.create_if_missing = inv.command == Invocation::Command::kShell ||
                              inv.command == Invocation::Command::kScript ||
                              inv.command == Invocation::Command::kImport;
  std::unique_ptr<Database> db;
  if (Status s = Database::open(dir, options, &db); !s.ok()) {
    std::cerr << "mlkg: " << s.message() << "\n";
    // A full disk refuses the write, not the database: it stays as it was,
    // and reads (--read-only, info, check) still open it.
    return s.code() == Status::Code::kNoSpace ? kExitFailed : kExitCannotOpen;
  }

  if (inv.export_dir) {
    if (Status s = db->set_export_directory(*inv.export_dir); !s.ok()) {
      std::cerr << "mlkg: " << s.message() << "\n";
      return kExitUsage;
    }
  }

  SessionOptions session;
  session.params = inv.params;
  session.limits.timeout = inv.timeout;
  if (inv.max_memory) session.limits.max_memory = *inv.max_memory;
  const bool tty = isatty(STDOUT_FILENO);
  session.format = inv.format.value_or(tty ? OutputFormat::kTable : OutputFormat::kPlain);
  const char* no_color = std::getenv("NO_COLOR");  // no-color.org: set and not empty
  session.render.color = tty && !(no_color && *no_color);

  switch (inv.command) {
    case Invocation::Command::kScript: {
      QuerySession s(*db, session, std::cout, std::cerr);
      bool ok = s.run_script(script);
      // A transaction still open at the end writes nothing: the script
      // failed inside it, or has a BEGIN with no COMMIT, which is a failure.
      if (s.roll_back_open_transaction()) {
        std::cerr << (ok ? "TransactionError: NoOpenTransaction: the script ended inside a transaction "
                           "(BEGIN with no COMMIT); it was rolled back, writing nothing\n"
                         : "The script stopped inside a transaction; it was rolled back, writing nothing.\n");
        ok = false;
      }
      return ok ? kExitOk : kExitFailed;
    }
    case Invocation::Command::kShell: {
      ShellOptions shell;
      shell.syllabus = !inv.db;
      if (!inv.no_history) shell.history_path = user_data_dir() + "/history";
      if (inv.init_file) {
        shell.init_file = inv.init_file;
        shell.init_file_required = true;
      } else if (const char* home = std::getenv("HOME"); home && *home) {
        shell.init_file = std::string(home) + "/.mlkgrc";
      }
      return run_shell(*db, session, shell);
    }
    case Invocation::Command::kImport: return run_import(*db, inv);
    case Invocation::Command::kExport: return run_export(*db, inv);
    case Invocation::Command::kCheck: return run_check(*db);
    case Invocation::Command::kInfo: return run_info(*db);
  }
  return kExitOk;
}

#include "repl/plain_shell.hpp"

#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <iostream>
#include <string>

#include "engine/query/parser.hpp"
#include "repl/exit_codes.hpp"

namespace mlkg::repl {

namespace {

std::atomic<bool>* g_cancel = nullptr;

extern "C" void on_interrupt(int) {
  if (g_cancel) g_cancel->store(true);
}

size_t terminal_width() {
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20) return ws.ws_col;
  return 100;
}

void greet(Database& db, bool syllabus) {
  DatabaseInfo info;
  if (!db.info(&info).ok()) return;
  if (syllabus) {
    std::cout << "mlkg " << MLKG_VERSION << ": the AWS Certified Machine Learning Engineer - Associate (MLA-C01) "
              << "syllabus graph, " << info.nodes << " nodes and " << info.relationships << " relationships.\n"
              << "End each statement with ';'. Try:\n"
              << "  MATCH (d:Domain) RETURN d.id, d.name, d.weight ORDER BY d.id;\n"
              << "  MATCH (t:Task {id: 't1.1'})<-[:PART_OF]-(i)-[:MENTIONS]->(s:Service) RETURN DISTINCT s.name;\n"
              << "  CALL db.schema();\n";
  } else {
    std::cout << "mlkg " << MLKG_VERSION << " on " << info.path << ": " << info.nodes << " nodes, "
              << info.relationships << " relationships. End each statement with ';'.\n";
  }
  std::cout << "Leave with :quit or Ctrl-D.\n";
}

}  // namespace

int run_plain_shell(Database& db, SessionOptions options, bool syllabus) {
  QuerySession session(db, std::move(options), std::cout, std::cerr);
  g_cancel = &session.cancel_flag();
  struct sigaction sa = {};
  sa.sa_handler = on_interrupt;
  sigaction(SIGINT, &sa, nullptr);
  greet(db, syllabus);
  std::string pending;
  std::string line;
  while (true) {
    std::cout << (pending.empty() ? "mlkg> " : "  ...> ") << std::flush;
    if (!std::getline(std::cin, line)) {
      if (std::cin.eof()) break;
      std::cin.clear();  // interrupted read (Ctrl-C at the prompt)
      pending.clear();
      session.cancel_flag() = false;
      std::cout << "\n(Ctrl-C) To leave, type :quit or press Ctrl-D.\n";
      continue;
    }
    if (pending.empty() && (line == ":quit" || line == ":exit" || line == ":q")) break;
    pending += line;
    pending += '\n';
    size_t end;
    while ((end = query::find_statement_end(pending)) != std::string::npos) {
      std::string statement = pending.substr(0, end);
      pending.erase(0, end);
      session.options().render.max_width = terminal_width();
      session.run_script(statement);
    }
    if (pending.find_first_not_of(" \t\r\n") == std::string::npos) pending.clear();
  }
  std::cout << "\n";
  g_cancel = nullptr;
  return kExitOk;
}

}  // namespace mlkg::repl

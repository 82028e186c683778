#include "repl/shell.hpp"

#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "engine/common/byte_size.hpp"
#include "engine/common/suggest.hpp"
#include "engine/query/parser/parser.hpp"
#include "engine/common/query_error.hpp"
#include "repl/commands.hpp"
#include "repl/completer.hpp"
#include "repl/exit_codes.hpp"
#include "repl/graph_vocabulary.hpp"
#include "repl/line_editor.hpp"
#include "repl/meta_commands.hpp"
#include "repl/node_cards.hpp"
#include "repl/params.hpp"
#include "repl/result_format.hpp"

namespace mlkg::repl {

namespace {

// A table on the terminal shows at most this many rows; :last shows all.
constexpr size_t kTableRows = 50;

std::atomic<bool>* g_cancel = nullptr;

extern "C" void on_sigint(int) {
  if (g_cancel) g_cancel->store(true);
}

struct TerminalSize {
  size_t columns = 100;
  size_t rows = 40;
};

TerminalSize terminal_size() {
  TerminalSize size;
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0) {
    if (ws.ws_col >= 20) size.columns = ws.ws_col;
    if (ws.ws_row >= 5) size.rows = ws.ws_row;
  }
  return size;
}

std::string_view trim(std::string_view s) {
  const size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string_view::npos) return {};
  const size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

bool blank(std::string_view s) { return trim(s).empty(); }

// "~/x" is the home folder's x.
std::string expand_home(std::string_view path) {
  if (path.size() >= 1 && path[0] == '~' && (path.size() == 1 || path[1] == '/')) {
    const char* home = std::getenv("HOME");
    if (home && *home) return std::string(home) + std::string(path.substr(1));
  }
  return std::string(path);
}

// `s` without one pair of surrounding quotes ('...' or "...").
std::string_view unquote(std::string_view s) {
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) return s.substr(1, s.size() - 2);
  return s;
}

// Words separated by spaces; a quoted run ("AWS Glue") is one word.
std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == ' ' || s[i] == '\t') {
      ++i;
      continue;
    }
    if (s[i] == '"' || s[i] == '\'') {
      const size_t close = s.find(s[i], i + 1);
      const size_t end = close == std::string_view::npos ? s.size() : close;
      out.emplace_back(s.substr(i + 1, end - i - 1));
      i = end + 1;
    } else {
      const size_t end = std::min(s.find_first_of(" \t", i), s.size());
      out.emplace_back(s.substr(i, end - i));
      i = end;
    }
  }
  return out;
}

size_t count_lines(std::string_view s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')); }

class Shell {
 public:
  Shell(Database& db, SessionOptions session, const ShellOptions& options)
      : db_(db),
        options_(options),
        session_(db, std::move(session), std::cout, std::cerr),
        editor_(options.history_path, [this](std::string_view text) { return complete(text); }) {
    for (const auto& c : meta_commands()) meta_specs_.push_back({std::string(c.name), c.takes_path});
    session_.options().timing = true;
    session_.options().announce_transactions = true;
    color_ = session_.options().render.color;  // the caller's choice: a terminal, and no NO_COLOR
  }

  int run() {
    g_cancel = &session_.cancel_flag();
    struct sigaction sa = {};
    sa.sa_handler = on_sigint;  // no SA_RESTART: a cancelled read returns
    sigaction(SIGINT, &sa, nullptr);

    greet();
    if (options_.init_file) source(*options_.init_file, /*quiet_if_missing=*/!options_.init_file_required);
    std::string line;
    while (!quit_) {
      const std::string prompt = pending_.empty() ? statement_prompt() : "  ...> ";
      switch (editor_.read_line(prompt, pending_, &line)) {
        case LineEditor::Input::kLine: handle_line(line); break;
        case LineEditor::Input::kInterrupted:
          // Ctrl-C while typing: drop the statement; on an empty one, say how to leave.
          if (pending_.empty() && blank(line)) std::cout << "\n(To leave, type :quit or press Ctrl-D.)\n";
          else std::cout << "\n";
          pending_.clear();
          line.clear();
          break;
        case LineEditor::Input::kEnd:
          std::cout << "\n";
          quit_ = true;
          break;
      }
    }
    // Leaving (:quit, Ctrl-D) ends an open transaction the only safe way.
    if (session_.roll_back_open_transaction())
      std::cout << "The open transaction was rolled back: nothing it wrote was kept.\n";
    g_cancel = nullptr;
    return kExitOk;
  }

 private:
  // ---------------------------------------------------------------- input

  // The prompt for a new statement says whether a transaction is open
  // (BEGIN), or failed and waits for ROLLBACK.
  std::string statement_prompt() const {
    switch (session_.transaction_state()) {
      case QuerySession::TransactionState::kNone: return "mlkg> ";
      case QuerySession::TransactionState::kOpen: return "mlkg(tx)> ";
      case QuerySession::TransactionState::kFailed: return "mlkg(tx failed)> ";
    }
    return "mlkg> ";
  }

  // One line typed (or read from a :source file).
  void handle_line(const std::string& line) {
    if (pending_.empty() && !trim(line).empty() && trim(line)[0] == ':') {
      const std::string command(trim(line));
      // :quit is not worth recalling: Ctrl-P in the next session finds the work.
      const MetaCommand* known = find_meta_command(command.substr(0, command.find_first_of(" \t")));
      if (source_depth_ == 0 && !(known && known->name == ":quit")) editor_.remember(command);
      run_meta(command);
      return;
    }
    pending_ += line;
    pending_ += '\n';
    size_t end;
    while ((end = query::find_statement_end(pending_)) != std::string::npos) {
      std::string statement = pending_.substr(0, end);
      pending_.erase(0, end);
      if (blank(statement.substr(0, statement.size() - 1))) continue;  // a lone ';'
      if (source_depth_ == 0) editor_.remember(std::string(trim(statement)));
      run_statement(statement);
    }
    if (blank(pending_)) pending_.clear();
  }

  // Runs a statement, its result to the terminal, the :output file or the :once file.
  void run_statement(const std::string& text) {
    std::unique_ptr<std::ofstream> once;
    if (once_path_) {
      once = std::make_unique<std::ofstream>(*once_path_, std::ios::binary | std::ios::trunc);
      if (!*once) {
        std::cerr << "Cannot write " << *once_path_ << "; the result is shown here.\n";
        once.reset();
      }
    }
    std::ostream* file = once ? once.get() : output_file_.get();
    RenderOptions& render = session_.options().render;
    if (file) {
      session_.set_output(*file);
      render.max_width = 0;
      render.max_rows = 0;
      render.color = false;
    } else {
      session_.set_output(std::cout);
      render.max_width = terminal_size().columns;
      render.max_rows = kTableRows;
      render.color = color_;
    }
    const bool ok = session_.run_script(text);
    session_.set_output(std::cout);
    if (once) {
      once->flush();
      if (ok) std::cerr << "(written to " << *once_path_ << ")\n";
      once_path_.reset();
    }
    if (session_.take_changed()) vocab_.reset();  // read again at the next Tab
  }

  LineEditor::Candidates complete(std::string_view text) {
    // Read at the first Tab, not at start: the prompt comes sooner (about 6 ms).
    if (!vocab_) vocab_ = GraphVocabulary::load(db_);
    Completion c = repl::complete(text, *vocab_, meta_specs_);
    return {c.replace_from, std::move(c.candidates), std::move(c.shown)};
  }

  // ---------------------------------------------------------------- meta-commands

  void run_meta(const std::string& line) {
    const size_t space = line.find_first_of(" \t");
    const std::string name = line.substr(0, space);
    std::string arg = space == std::string::npos ? "" : std::string(trim(line.substr(space)));
    const MetaCommand* command = find_meta_command(name);
    if (!command) {
      std::string hint = closest_meta_command(name);
      std::cerr << "Unknown command " << name << (hint.empty() ? "" : "; did you mean " + hint + "?")
                << " (:help lists the commands)\n";
      return;
    }
    const std::string_view n = command->name;
    if (n == ":quit") quit_ = true;
    else if (n == ":help") help(arg);
    else if (n == ":schema") schema();
    else if (n == ":format") format(arg);
    else if (n == ":output") output(arg);
    else if (n == ":once") once(arg);
    else if (n == ":last") last();
    else if (n == ":param") param(arg);
    else if (n == ":params") params(arg);
    else if (n == ":timing") timing(arg);
    else if (n == ":timeout") timeout(arg);
    else if (n == ":max-memory") max_memory(arg);
    else if (n == ":explain") explain(arg);
    else if (n == ":export") export_to(arg);
    else if (n == ":fit") fit(arg);
    else if (n == ":show") show(arg);
    else if (n == ":compare") compare(arg);
    else if (n == ":path") path(arg);
    else if (n == ":source") source(expand_home(arg), false);
    else if (n == ":history") history(arg);
  }

  void usage(const MetaCommand& c) { std::cerr << "Usage: " << c.usage << "   e.g. " << c.example << "\n"; }

  void help(const std::string& arg) {
    if (arg.empty()) {
      std::cout << "Type Cypher statements ending with ';' (they may span lines), or a command:\n";
      size_t width = 0;
      for (const auto& c : meta_commands()) width = std::max(width, c.usage.size());
      for (const auto& c : meta_commands())
        std::cout << "  " << c.usage << std::string(width + 2 - c.usage.size(), ' ') << c.summary << "\n";
      std::cout << "BEGIN; runs the statements after it as one transaction, until COMMIT; or ROLLBACK;"
                   " (the prompt shows mlkg(tx)> meanwhile).\n"
                   "Tab completes keywords, functions, labels, types, property keys, node names and ids "
                   "(in quotes), commands and file names.\n"
                   ":help COMMAND explains one command; :help keys lists the key bindings; "
                   "docs/query-language.md the Cypher mlkg runs.\n";
      return;
    }
    if (arg == "keys" || arg == "bindings") {
      std::cout << "Enter             run the statement once it ends with ';' (else continue on the next line)\n"
                   "Tab               complete; press again to list the choices\n"
                   "Up, Down          walk the history (a statement over several lines is one entry)\n"
                   "Ctrl-R            search the history backwards (type part of a statement)\n"
                   "Ctrl-A, Ctrl-E    start, end of the line;  Alt-B, Alt-F  a word back, forward\n"
                   "Ctrl-K, Ctrl-U    delete to the end, the whole line;  Ctrl-W  the word before\n"
                   "Ctrl-C            cancel the running statement, or drop what you are typing\n"
                   "Ctrl-D            leave (on an empty line)\n"
                   "More bindings go in ~/.editrc (libedit's format, e.g. 'mlkg:bind ^X ed-redisplay').\n";
      return;
    }
    const MetaCommand* c = find_meta_command(arg);
    if (!c) {
      std::string hint = closest_meta_command(arg);
      std::cerr << "No help for " << arg << (hint.empty() ? "" : "; did you mean " + hint + "?")
                << " (:help lists the commands)\n";
      return;
    }
    std::cout << c->usage << "\n  " << c->summary << "\n";
    if (!c->details.empty()) std::cout << "  " << c->details << "\n";
    std::cout << "  Example: " << c->example << "\n";
  }

  void schema() {
    DatabaseInfo info;
    if (Status s = db_.info(&info); !s.ok()) {
      std::cerr << s.message() << "\n";
      return;
    }
    // Two columns: the label or pattern, and its count, aligned.
    std::vector<std::pair<std::string, int64_t>> labels, patterns;
    for (const auto& [name, n] : info.labels)
      if (n > 0) labels.emplace_back(":" + quote_cypher_name(name), static_cast<int64_t>(n));
    std::sort(labels.begin(), labels.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    try {
      auto r = db_.execute("CALL db.schema() YIELD start, type, end, count RETURN start, type, end, count "
                           "ORDER BY count DESC, type, start, end");
      auto label = [](const Value& v) { return v.is_null() ? std::string("()") : "(:" + quote_cypher_name(v.as_string()) + ")"; };
      for (const auto& row : r.rows)
        patterns.emplace_back(label(row[0]) + "-[:" + quote_cypher_name(row[1].as_string()) + "]->" + label(row[2]),
                              row[3].as_int());
    } catch (const query::QueryError& e) {
      std::cerr << e.what() << "\n";
    }
    size_t width = 0;
    for (const auto* list : {&labels, &patterns})
      for (const auto& [text, n] : *list) width = std::max(width, text.size());
    auto print = [&](const std::vector<std::pair<std::string, int64_t>>& list) {
      for (const auto& [text, n] : list) {
        std::string count = std::to_string(n);
        std::cout << "  " << text << std::string(width - text.size() + std::max<size_t>(2, 8 - count.size()), ' ')
                  << count << "\n";
      }
    };
    std::cout << "Labels (" << labels.size() << "):\n";
    print(labels);
    std::cout << "Relationships (" << patterns.size() << " patterns):\n";
    print(patterns);
    std::cout << "Property keys (" << info.property_keys.size() << "):";
    auto keys = info.property_keys;
    std::sort(keys.begin(), keys.end());
    size_t col = 20;
    for (const auto& k : keys) {
      if (col + k.size() + 2 > terminal_size().columns) {
        std::cout << "\n ";
        col = 1;
      }
      std::cout << " " << k;
      col += k.size() + 1;
    }
    std::cout << "\n";
    schema_rules();
  }

  // The indexes and constraints, by name: "  index_Service_name  RANGE  (:Service).name".
  void schema_rules() {
    auto names = [](const Value& v) {
      std::string out;
      if (v.is_list())
        for (const Value& e : v.as_list()) out += (out.empty() ? "" : "|") + quote_cypher_name(e.as_string());
      return out;
    };
    auto keys = [](const Value& v) {
      std::string out;
      if (v.is_list())
        for (const Value& e : v.as_list()) out += (out.empty() ? "" : ", ") + quote_cypher_name(e.as_string());
      return out;
    };
    auto target = [&](const Value& labels) { return labels.is_null() ? std::string("(every node)") : "(:" + names(labels) + ")"; };
    std::vector<std::array<std::string, 3>> indexes, constraints;
    try {
      for (const auto& row : db_.execute("SHOW INDEXES").rows) {
        std::string properties = keys(row[7]);
        indexes.push_back({row[1].as_string(), row[4].as_string(),
                           target(row[6]) + (row[7].as_list().size() == 1 ? "." + properties : " " + properties) +
                               (row[9].is_null() ? "" : "  (constraint " + row[9].as_string() + ")")});
      }
      for (const auto& row : db_.execute("SHOW CONSTRAINTS").rows)
        constraints.push_back({row[1].as_string(), "UNIQUE", target(row[4]) + "." + keys(row[5])});
    } catch (const query::QueryError& e) {
      std::cerr << e.what() << "\n";
      return;
    }
    auto print = [](const char* title, const std::vector<std::array<std::string, 3>>& list) {
      std::cout << title << " (" << list.size() << "):\n";
      size_t name_width = 0, type_width = 0;
      for (const auto& r : list) {
        name_width = std::max(name_width, r[0].size());
        type_width = std::max(type_width, r[1].size());
      }
      for (const auto& r : list)
        std::cout << "  " << r[0] << std::string(name_width - r[0].size() + 2, ' ') << r[1]
                  << std::string(type_width - r[1].size() + 2, ' ') << r[2] << "\n";
    };
    print("Indexes", indexes);
    print("Constraints", constraints);
  }

  void format(const std::string& arg) {
    if (arg.empty()) {
      std::cout << "Results are shown as " << output_format_name(session_.options().format) << ".\n";
      return;
    }
    OutputFormat f;
    if (!parse_output_format(arg, &f)) {
      auto hint = closest_match(arg, output_format_names());
      std::cerr << "Unknown format " << arg << (hint ? "; did you mean " + *hint + "?" : "")
                << " (one of " << kOutputFormatNames << ")\n";
      return;
    }
    session_.options().format = f;
  }

  void output(const std::string& arg) {
    if (arg.empty()) {
      if (output_file_) std::cout << "Results go to the terminal again (" << output_path_ << " is closed).\n";
      output_file_.reset();
      output_path_.clear();
      return;
    }
    const std::string path = expand_home(arg);
    auto file = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
    if (!*file) {
      std::cerr << "Cannot write " << path << "\n";
      return;
    }
    output_file_ = std::move(file);
    output_path_ = path;
    std::cout << "Results go to " << path << " until :output with no file.\n";
  }

  void once(const std::string& arg) {
    if (arg.empty()) return usage(*find_meta_command(":once"));
    once_path_ = expand_home(arg);
  }

  void last() {
    const auto& result = session_.last_result();
    if (!result) {
      std::cout << "No result yet.\n";
      return;
    }
    RenderOptions render = session_.options().render;
    render.max_rows = 0;
    render.max_width = 0;
    render.show_elapsed = false;
    std::ostringstream text;
    render_result(*result, session_.options().format, text, render);
    const std::string s = text.str();
    if (isatty(STDOUT_FILENO) && count_lines(s) + 2 > terminal_size().rows && page(s)) return;
    std::cout << s << std::flush;
  }

  // Shows `text` through $PAGER (or less); false if there is none to run.
  static bool page(const std::string& text) {
    std::string pager;
    if (const char* p = std::getenv("PAGER"); p && *p) pager = p;
    else if (std::filesystem::exists("/usr/bin/less")) pager = "less -FRSX";
    else return false;
    std::cout.flush();
    struct sigaction ignore = {}, old_pipe = {};
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ignore, &old_pipe);  // the user may quit the pager early
    FILE* p = popen(pager.c_str(), "w");
    bool ok = p != nullptr;
    if (p) {
      std::fwrite(text.data(), 1, text.size(), p);
      ok = pclose(p) != -1;
    }
    sigaction(SIGPIPE, &old_pipe, nullptr);
    return ok;
  }

  void param(const std::string& arg) {
    const size_t space = arg.find_first_of(" \t");
    const std::string name = arg.substr(0, space);
    const std::string value = space == std::string::npos ? "" : std::string(trim(arg.substr(space)));
    if (name.empty()) return usage(*find_meta_command(":param"));
    std::string error;
    const std::optional<std::string> parsed = param_name(name, &error);
    if (!parsed) {
      std::cerr << error << "\n";
      return;
    }
    const std::string& key = *parsed;
    if (value.empty()) {
      auto it = session_.options().params.find(key);
      if (it == session_.options().params.end()) std::cout << "$" << key << " is not set.\n";
      else std::cout << "$" << key << " = " << it->second.to_literal() << "\n";
      return;
    }
    try {
      session_.options().params[key] = query::parse_literal(value);
    } catch (const query::QueryError& e) {
      std::cerr << query::format_error(e, value) << "\n";
    }
  }

  void params(const std::string& arg) {
    auto& p = session_.options().params;
    if (arg == "clear") {
      p.clear();
      return;
    }
    if (p.empty()) std::cout << "No parameters are set (:param NAME VALUE sets one).\n";
    for (const auto& [k, v] : p) std::cout << "$" << k << " = " << v.to_literal() << "\n";
  }

  void timing(const std::string& arg) {
    bool& t = session_.options().timing;
    if (arg == "on") t = true;
    else if (arg == "off") t = false;
    else if (arg.empty()) t = !t;
    else return usage(*find_meta_command(":timing"));
    std::cout << "Timing is " << (t ? "on" : "off") << ".\n";
  }

  void timeout(const std::string& arg) {
    std::chrono::milliseconds& t = session_.options().limits.timeout;
    if (arg == "off" || arg == "0") {
      t = std::chrono::milliseconds(0);
    } else if (!arg.empty()) {
      const std::optional<double> seconds = parse_seconds(arg);
      if (!seconds || !(*seconds > 0)) return usage(*find_meta_command(":timeout"));
      t = seconds_to_milliseconds(*seconds);
    }
    if (t.count() == 0) {
      std::cout << "No timeout: statements run until they finish (or Ctrl-C).\n";
    } else {
      char text[32];
      std::snprintf(text, sizeof text, "%g", static_cast<double>(t.count()) / 1000);
      std::cout << "Statements that run longer than " << text << " s are stopped.\n";
    }
  }

  void max_memory(const std::string& arg) {
    uint64_t& m = session_.options().limits.max_memory;
    if (!arg.empty()) {
      const std::optional<uint64_t> bytes = parse_memory_budget(arg);
      if (!bytes) return usage(*find_meta_command(":max-memory"));
      m = *bytes;
    }
    if (m == 0)
      std::cout << "No memory budget: a statement may take all the memory there is (Ctrl-C stops it).\n";
    else
      std::cout << "Statements that need more than " << format_byte_size(m) << " of memory are stopped.\n";
  }

  // The services that fit a question: numbered cards on the terminal (the
  // answer, its score, the words that matched, the evidence), kg.fit's rows
  // in any other format.
  void fit(const std::string& question) {
    if (question.empty()) return usage(*find_meta_command(":fit"));
    const std::string call =
        "CALL kg.fit($question, {limit: 5}) YIELD service, score, inScope, matched, evidence "
        "RETURN service.name AS service, round(score, 2) AS score, inScope, matched, evidence";
    if (session_.options().format != OutputFormat::kTable || output_file_ || once_path_) {
      ValueMap saved = session_.options().params;
      session_.options().params["question"] = Value(question);
      run_statement(call + ";");
      session_.options().params = std::move(saved);
      return;
    }
    query::QueryResult r;
    session_.cancel_flag() = false;
    try {
      r = db_.execute(query::parse_script(call).at(0), {{"question", Value(question)}}, &session_.cancel_flag(),
                      session_.options().limits);
    } catch (const query::QueryError& e) {
      std::cerr << e.what() << "\n";
      return;
    }
    if (r.rows.empty()) {
      std::cout << "Nothing in the graph matches those words. Try other words for the need, or :help :fit.\n";
      return;
    }
    const std::string bold = color_ ? "\x1b[1m" : "", dim = color_ ? "\x1b[2m" : "", plain = color_ ? "\x1b[0m" : "";
    for (size_t i = 0; i < r.rows.size(); ++i) {
      const ValueList& row = r.rows[i];
      std::string words;
      for (const Value& m : row[3].as_list()) words += (words.empty() ? "" : ", ") + m.as_string();
      char score[32];
      std::snprintf(score, sizeof score, "%.2f", row[1].as_float());
      std::cout << i + 1 << ". " << bold << row[0].as_string() << plain << "  " << dim << "score " << score << plain
                << (row[2].as_bool() ? "" : "  (out of the exam's scope)") << "\n";
      std::cout << "   matched: " << words << "\n";
      for (const Value& e : row[4].as_list()) std::cout << "   " << dim << e.as_string() << plain << "\n";
    }
    if (session_.options().timing) std::cout << dim << "(" << format_ms(r.elapsed_ms) << ")" << plain << "\n";
  }

  // The one node `words` names; if none or several, says so (listing them) and returns nothing.
  std::optional<uint64_t> one_node(const std::string& words) {
    std::vector<NodeMatch> found;
    try {
      found = find_nodes(db_, words);
    } catch (const query::QueryError& e) {
      std::cerr << e.what() << "\n";
      return std::nullopt;
    }
    if (found.size() == 1) return found[0].id;
    if (found.empty()) {
      std::cerr << "No node has the id, name or alias '" << words << "' or a name containing it.\n";
      return std::nullopt;
    }
    std::cerr << "'" << words << "' matches " << found.size() << (found.size() == 10 ? " or more" : "")
              << " nodes; say which (an id is exact):\n";
    for (const auto& m : found) std::cerr << "  " << m.key << "  (:" << m.label << ") " << m.name << "\n";
    return std::nullopt;
  }

  // :show NAME draws a node's card; :show QUERY draws the subgraph QUERY
  // returns as a picture (SVG, through Graphviz) in the current folder.
  void show(const std::string& words) {
    if (words.empty()) return usage(*find_meta_command(":show"));
    if (starts_query(words)) return show_picture(words);
    if (auto id = one_node(std::string(unquote(words)))) std::cout << node_card(db_, *id, terminal_size().columns);
  }

  static bool starts_query(std::string_view text) {
    std::string first(text.substr(0, text.find_first_of(" \t(")));
    std::transform(first.begin(), first.end(), first.begin(), [](unsigned char c) { return std::toupper(c); });
    return first == "MATCH" || first == "OPTIONAL" || first == "CALL" || first == "UNWIND" || first == "WITH";
  }

  // Writes mlkg-show-<n>.svg (the first n not taken) next to the user and
  // says where; without Graphviz, says how to get it.
  void show_picture(std::string query) {
    while (!query.empty() && (query.back() == ';' || query.back() == ' ')) query.pop_back();
    std::string path;
    for (int n = 1;; ++n) {
      path = "mlkg-show-" + std::to_string(n) + ".svg";
      if (!std::filesystem::exists(path)) break;
    }
    ExportRequest request;
    request.format = exporter::ExportFormat::kSvg;
    request.path = path;
    request.query = std::move(query);
    request.params = session_.options().params;
    session_.cancel_flag() = false;
    request.cancelled = &session_.cancel_flag();
    export_and_report(db_, request, std::cout, std::cerr);
  }

  void compare(const std::string& arg) {
    std::vector<std::string> words = split_words(arg);
    if (words.size() != 2) {
      std::cerr << "Compare two nodes: :compare A B (quote a name with spaces: :compare \"AWS Glue\" emr)\n";
      return;
    }
    auto a = one_node(words[0]);
    if (!a) return;
    auto b = one_node(words[1]);
    if (!b) return;
    std::cout << compare_nodes(db_, *a, *b, terminal_size().columns);
  }

  // The shortest path between two nodes, drawn with names and arrows:
  //   Amazon Data Firehose -DELIVERS_TO-> Amazon S3 <-STORES_IN- Amazon SageMaker
  void path(const std::string& arg) {
    std::vector<std::string> words = split_words(arg);
    if (words.size() < 2) {
      std::cerr << "Give two nodes: :path A B [TYPE ...] (quote a name with spaces)\n";
      return;
    }
    auto a = one_node(words[0]);
    if (!a) return;
    auto b = one_node(words[1]);
    if (!b) return;
    ValueList types;
    for (size_t i = 2; i < words.size(); ++i) types.emplace_back(words[i]);
    const std::string call =
        "MATCH (a), (b) WHERE id(a) = $a AND id(b) = $b "
        "CALL algo.shortestPath(a, b, CASE WHEN size($types) = 0 THEN {} ELSE {relationshipTypes: $types} END) "
        "YIELD path, length "
        "RETURN [n IN nodes(path) | coalesce(n.name, n.id)] AS names, [n IN nodes(path) | id(n)] AS ids, "
        "[r IN relationships(path) | type(r)] AS types, [r IN relationships(path) | id(startNode(r))] AS tails, "
        "length";
    query::QueryResult r;
    session_.cancel_flag() = false;
    try {
      r = db_.execute(query::parse_script(call).at(0),
                      {{"a", Value(static_cast<int64_t>(*a))}, {"b", Value(static_cast<int64_t>(*b))},
                       {"types", Value(std::move(types))}},
                      &session_.cancel_flag());
    } catch (const query::QueryError& e) {
      std::cerr << e.what() << "\n";
      return;
    }
    if (r.rows.empty()) {
      std::cout << "No path joins them" << (words.size() > 2 ? " along those relationship types" : "") << ".\n";
      return;
    }
    const ValueList& row = r.rows[0];
    const ValueList &names = row[0].as_list(), &ids = row[1].as_list(), &rels = row[2].as_list(),
                    &starts = row[3].as_list();
    std::string line = names[0].is_string() ? names[0].as_string() : names[0].to_literal();
    for (size_t i = 0; i < rels.size(); ++i) {
      const bool forward = starts[i].as_int() == ids[i].as_int();
      const std::string type = rels[i].as_string();
      line += forward ? " -" + type + "-> " : " <-" + type + "- ";
      line += names[i + 1].is_string() ? names[i + 1].as_string() : names[i + 1].to_literal();
    }
    std::cout << line << "\n(" << row[4].as_int() << (row[4].as_int() == 1 ? " step" : " steps") << ")\n";
  }

  // :export FORMAT FILE [QUERY]: the file may be quoted; the query runs with
  // the session's parameters, and Ctrl-C stops it.
  void export_to(const std::string& arg) {
    const MetaCommand& command = *find_meta_command(":export");
    const size_t space = arg.find_first_of(" \t");
    if (space == std::string::npos) return usage(command);
    exporter::ExportFormat format;
    const std::string name = arg.substr(0, space);
    if (!exporter::parse_export_format(name, &format)) {
      std::vector<std::string> names;
      for (auto f : exporter::export_formats()) names.emplace_back(exporter::export_format_name(f));
      auto hint = closest_match(name, names);
      std::cerr << "Unknown format " << name << (hint ? "; did you mean " + *hint + "?" : "") << " (one of "
                << exporter::export_format_names() << ")\n";
      return;
    }
    std::string_view rest = trim(std::string_view(arg).substr(space));
    std::string file;
    if (!rest.empty() && (rest[0] == '"' || rest[0] == '\'')) {
      const size_t close = rest.find(rest[0], 1);
      if (close == std::string_view::npos) return usage(command);
      file = std::string(rest.substr(1, close - 1));
      rest = trim(rest.substr(close + 1));
    } else {
      const size_t end = std::min(rest.find_first_of(" \t"), rest.size());
      file = std::string(rest.substr(0, end));
      rest = trim(rest.substr(end));
    }
    if (file.empty()) return usage(command);
    while (!rest.empty() && (rest.back() == ';' || rest.back() == ' ')) rest.remove_suffix(1);
    ExportRequest request;
    request.format = format;
    request.path = expand_home(file);
    request.overwrite = true;  // typed at the prompt, like sqlite3's .output: the user names the file to replace
    if (!rest.empty()) request.query = std::string(rest);
    request.params = session_.options().params;
    session_.cancel_flag() = false;
    request.cancelled = &session_.cancel_flag();
    export_and_report(db_, request, std::cout, std::cerr);
  }

  void explain(std::string arg) {
    while (!arg.empty() && (arg.back() == ';' || arg.back() == ' ')) arg.pop_back();
    if (arg.empty()) return usage(*find_meta_command(":explain"));
    run_statement("EXPLAIN " + arg);
  }

  // Runs the lines of a file as if typed; a statement left open at its end is dropped.
  void source(const std::string& path, bool quiet_if_missing) {
    if (path.empty()) return usage(*find_meta_command(":source"));
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      if (!quiet_if_missing) std::cerr << "Cannot read " << path << "\n";
      return;
    }
    if (++source_depth_ > 16) {
      std::cerr << "Not reading " << path << ": :source is nested too deeply\n";
      --source_depth_;
      return;
    }
    std::string saved = std::exchange(pending_, "");
    std::string line;
    while (!quit_ && std::getline(in, line)) handle_line(line);
    if (!blank(pending_)) std::cerr << path << ": the last statement has no ';' and was not run\n";
    pending_ = std::move(saved);
    --source_depth_;
  }

  void history(const std::string& arg) {
    size_t n = 20;
    if (!arg.empty()) {
      try {
        n = std::stoul(arg);
      } catch (...) {
        return usage(*find_meta_command(":history"));
      }
    }
    const auto all = editor_.history();
    const size_t from = all.size() > n ? all.size() - n : 0;
    for (size_t i = from; i < all.size(); ++i) {
      std::string entry = all[i];
      for (size_t at = 0; (at = entry.find('\n', at)) != std::string::npos; at += 7) entry.replace(at, 1, "\n      ");
      char num[32];
      std::snprintf(num, sizeof num, "%5zu ", i + 1);
      std::cout << num << entry << "\n";
    }
  }

  // ---------------------------------------------------------------- start-up

  void greet() {
    DatabaseInfo info;
    if (!db_.info(&info).ok()) return;
    const bool first_run = options_.history_path.empty() || !std::filesystem::exists(options_.history_path);
    if (options_.syllabus) {
      std::cout << "mlkg " << MLKG_VERSION << ": the AWS Certified Machine Learning Engineer - Associate (MLA-C01) "
                << "syllabus, " << info.nodes << " nodes and " << info.relationships << " relationships.\n";
      if (first_run) {
        std::cout << "End statements with ';', press Tab to complete, type :help for commands. Try:\n"
                  << "  MATCH (d:Domain) RETURN d.number, d.name, d.weight ORDER BY d.number;\n"
                  << "  MATCH (t:Task {id: 't1.1'})-[:MENTIONS]->(s:Service) RETURN s.name;\n"
                  << "  :schema\n";
        return;
      }
    } else {
      std::cout << "mlkg " << MLKG_VERSION << " on " << info.path << ": " << info.nodes << " nodes, "
                << info.relationships << " relationships.\n";
    }
    std::cout << "End statements with ';'. :help for commands, :quit or Ctrl-D to leave.\n";
  }

  Database& db_;
  ShellOptions options_;
  QuerySession session_;
  LineEditor editor_;
  std::optional<GraphVocabulary> vocab_;  // what Tab offers; empty until needed
  std::vector<MetaCommandSpec> meta_specs_;
  std::string pending_;
  bool quit_ = false;
  bool color_ = false;
  int source_depth_ = 0;
  std::unique_ptr<std::ofstream> output_file_;
  std::string output_path_;
  std::optional<std::string> once_path_;
};

}  // namespace

int run_shell(Database& db, SessionOptions session, const ShellOptions& options) {
  Shell shell(db, std::move(session), options);
  return shell.run();
}

}  // namespace mlkg::repl

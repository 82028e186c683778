#include "tests/tck/scenario_runner.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <utility>
#include <vector>

#include "engine/database.hpp"
#include "engine/query/parser/parser.hpp"
#include "engine/common/query_error.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/tck/tck_value.hpp"

namespace mlkg::tck {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// The scenario stops here: fails with `what`.
struct ScenarioFail {
  std::string why;
};
// The scenario cannot be run here: skipped with `what`.
struct Unsupported {
  std::string why;
};

std::string shorten(const std::string& text, size_t n = 200) {
  std::string out;
  std::istringstream words(text);
  for (std::string w; words >> w;) out += (out.empty() ? "" : " ") + w;
  return out.size() <= n ? out : out.substr(0, n - 3) + "...";
}

// ------------------------------------------------------------------ steps

struct ExpectedTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> keys;   // each row's cells as comparison keys
  std::vector<std::vector<std::string>> cells;  // as written, for messages
  bool ordered = false;
  bool unordered_lists = false;
};

struct ExpectedError {
  std::string error_class, phase, code;
};

const char* const kSideKeys[] = {"+nodes",  "-nodes",  "+relationships", "-relationships",
                                 "+labels", "-labels", "+properties",     "-properties"};

struct Action {
  enum class Kind { kGraph, kInit, kParams, kProcedure, kExec, kControl, kResult, kEmpty, kError, kSideEffects } kind;
  std::string text;  // the named graph, or the query
  std::vector<std::pair<std::string, std::string>> params;
  ExpectedTable table;
  ExpectedError error;
  std::map<std::string, int64_t> side_effects;
  procedure::Procedure procedure;  // kProcedure
};

const std::string& need_doc(const Step& st) {
  if (!st.doc) throw Unsupported{"line " + std::to_string(st.line) + ": step needs a doc string"};
  return *st.doc;
}

// The fields of a signature's "(name :: TYPE, ...)" list.
std::vector<procedure::ProcedureField> signature_fields(const std::string& line, std::string_view list) {
  std::vector<procedure::ProcedureField> out;
  while (!list.empty()) {
    const size_t comma = list.find(',');
    std::string_view field = list.substr(0, comma);
    const size_t colons = field.find("::");
    if (colons == std::string_view::npos) throw Unsupported{line + "bad procedure field: " + std::string(field)};
    std::string name(field.substr(0, colons));
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    std::optional<procedure::FieldType> type = procedure::FieldType::parse(field.substr(colons + 2));
    if (name.empty() || !type) throw Unsupported{line + "bad procedure field: " + std::string(field)};
    out.push_back({name, *type});
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  return out;
}

// "there exists a procedure test.my.proc(in :: INTEGER?) :: (out :: STRING?):"
// with its table: one column per input, then one per output. A call yields
// the outputs of every row whose inputs equal its arguments (null matching
// null), in the table's order, as the TCK's reference implementation does.
procedure::Procedure table_procedure(const std::string& line, std::string_view text,
                                     const std::vector<std::vector<std::string>>& table) {
  const size_t open = text.find('(');
  const size_t close = text.find(')', open);
  const size_t colons = text.find("::", close);
  const size_t open2 = text.find('(', colons);
  const size_t close2 = text.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || colons == std::string_view::npos ||
      open2 == std::string_view::npos || close2 == std::string_view::npos || close2 < open2)
    throw Unsupported{line + "bad procedure signature: " + std::string(text)};
  procedure::ProcedureSignature sig;
  sig.name = std::string(text.substr(0, open));
  sig.inputs = signature_fields(line, text.substr(open + 1, close - open - 1));
  sig.outputs = signature_fields(line, text.substr(open2 + 1, close2 - open2 - 1));
  sig.description = "a procedure of the TCK scenario";
  const size_t width = sig.inputs.size() + sig.outputs.size();
  std::vector<ValueList> rows;
  for (size_t r = 1; r < table.size(); ++r) {
    if (table[r].size() != width) throw Unsupported{line + "procedure table row of the wrong width"};
    ValueList row;
    for (size_t c = 0; c < width; ++c) {
      const procedure::FieldType& type = c < sig.inputs.size() ? sig.inputs[c].type : sig.outputs[c - sig.inputs.size()].type;
      row.push_back(type.coerce(query::parse_literal(table[r][c])));
    }
    rows.push_back(std::move(row));
  }
  const size_t inputs = sig.inputs.size();
  auto body = [rows, inputs](std::span<const Value> args, procedure::ProcedureContext&, procedure::RowSink& out) {
    for (const ValueList& row : rows) {
      bool match = true;
      for (size_t i = 0; i < inputs && match; ++i) match = i < args.size() && row[i] == args[i];
      if (match) out.emit(ValueList(row.begin() + static_cast<std::ptrdiff_t>(inputs), row.end()));
    }
  };
  return procedure::Procedure{std::move(sig), body};
}

// "a[n] <Class> should be raised at <phase>: <Code>"
bool parse_error_step(const std::string& t, ExpectedError* out) {
  size_t p;
  if (starts_with(t, "a ")) p = 2;
  else if (starts_with(t, "an ")) p = 3;
  else return false;
  const std::string marker = " should be raised at ";
  const size_t m = t.rfind(marker);
  if (m == std::string::npos || m <= p) return false;
  const size_t colon = t.find(": ", m + marker.size());
  if (colon == std::string::npos || colon + 2 >= t.size() || colon == m + marker.size()) return false;
  out->error_class = t.substr(p, m - p);
  out->phase = t.substr(m + marker.size(), colon - m - marker.size());
  out->code = t.substr(colon + 2);
  return true;
}

std::vector<Action> compile_steps(const Scenario& sc) {
  std::vector<Action> acts;
  for (const Step& st : sc.steps) {
    const std::string& t = st.text;
    const std::string line = "line " + std::to_string(st.line) + ": ";
    Action a{};
    if (t == "an empty graph" || t == "any graph") {
      a.kind = Action::Kind::kGraph;
    } else if (starts_with(t, "the ") && t.size() > 10 && t.compare(t.size() - 6, 6, " graph") == 0) {
      a.kind = Action::Kind::kGraph;
      a.text = t.substr(4, t.size() - 10);
    } else if (t == "having executed:") {
      a.kind = Action::Kind::kInit;
      a.text = need_doc(st);
    } else if (t == "parameters are:") {
      a.kind = Action::Kind::kParams;
      for (const auto& row : st.table) {
        if (row.size() != 2) throw Unsupported{line + "parameters table must have 2 columns"};
        expected_key(row[1]);  // in the TCK's notation
        a.params.emplace_back(row[0], row[1]);
      }
      if (st.table.empty()) throw Unsupported{line + "parameters table must have 2 columns"};
    } else if (starts_with(t, "executing query:") || starts_with(t, "executing control query:")) {
      const bool control = starts_with(t, "executing control");
      a.kind = control ? Action::Kind::kControl : Action::Kind::kExec;
      std::string inline_query = t.substr(t.find(':') + 1);
      inline_query.erase(0, inline_query.find_first_not_of(" \t"));
      a.text = st.doc ? *st.doc : inline_query;
      if (a.text.empty()) throw Unsupported{line + "query step without query"};
    } else if (starts_with(t, "the result should be") && !t.empty() && t.back() == ':') {
      std::string rest = t.substr(20, t.size() - 21);
      const std::string ignoring = " (ignoring element order for lists)";
      bool unordered_lists = false;
      if (rest.size() >= ignoring.size() && rest.compare(rest.size() - ignoring.size(), ignoring.size(), ignoring) == 0) {
        unordered_lists = true;
        rest.resize(rest.size() - ignoring.size());
      }
      if (rest != ", in order" && rest != ", in any order" && !(rest.empty() && unordered_lists))
        throw Unsupported{"unsupported step: " + st.keyword + " " + t};
      if (st.table.empty()) throw Unsupported{line + "result step without table"};
      a.kind = Action::Kind::kResult;
      a.table.header = st.table[0];
      a.table.ordered = rest == ", in order";
      a.table.unordered_lists = unordered_lists;
      for (size_t r = 1; r < st.table.size(); ++r) {
        std::vector<std::string> keys;
        for (const auto& cell : st.table[r]) keys.push_back(expected_key(cell, unordered_lists));
        a.table.keys.push_back(std::move(keys));
        a.table.cells.push_back(st.table[r]);
      }
      for (size_t r = 1; r < st.table.size(); ++r)
        if (st.table[r].size() != a.table.header.size()) throw Unsupported{line + "result row width mismatch"};
    } else if (t == "the result should be empty") {
      a.kind = Action::Kind::kEmpty;
    } else if (parse_error_step(t, &a.error)) {
      a.kind = Action::Kind::kError;
    } else if (t == "no side effects") {
      a.kind = Action::Kind::kSideEffects;
    } else if (t == "the side effects should be:") {
      a.kind = Action::Kind::kSideEffects;
      for (const auto& row : st.table) {
        const bool known = row.size() == 2 && std::find(std::begin(kSideKeys), std::end(kSideKeys), row[0]) !=
                                                  std::end(kSideKeys);
        if (!known || row[1].empty() || row[1].find_first_not_of("0123456789") != std::string::npos)
          throw Unsupported{line + "bad side-effects row"};
        a.side_effects[row[0]] = std::stoll(row[1]);
      }
    } else if (starts_with(t, "there exists a procedure ")) {
      a.kind = Action::Kind::kProcedure;
      a.procedure = table_procedure(line, t.substr(std::string("there exists a procedure ").size()), st.table);
    } else if (starts_with(t, "there exists a CSV file")) {
      throw Unsupported{"CSV file step (not supported by the runner)"};
    } else {
      throw Unsupported{"unsupported step: " + st.keyword + " " + t};
    }
    acts.push_back(std::move(a));
  }
  return acts;
}

// ------------------------------------------------------------------ running queries

// Sets `flag` once `seconds` have passed, unless destroyed first.
class Deadline {
 public:
  Deadline(std::atomic<bool>* flag, double seconds)
      : thread_([this, flag, seconds] {
          std::unique_lock lock(mutex_);
          if (!cv_.wait_for(lock, std::chrono::duration<double>(seconds), [this] { return done_; })) *flag = true;
        }) {}
  ~Deadline() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

struct QueryRun {
  bool ok = false;
  std::vector<std::string> columns;
  std::vector<ValueList> rows;
  std::string error_class;
  std::string error_line;  // the first line of the error as the command line shows it
  bool compile_time = false;
  std::string problem;  // the runner's: a timeout, an exception that is not a query error

  std::string describe_failure() const {
    if (!problem.empty()) return problem;
    return error_line.empty() ? "failed without a message" : error_line;
  }
};

std::string first_line(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  std::string line = s.substr(b, s.find('\n', b) - b);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.pop_back();
  return line.substr(0, 300);
}

// Whether `statement`'s error is found before it runs: planning it (EXPLAIN)
// fails with the same class and code.
bool fails_to_plan(Database& db, const query::ast::Statement& statement, const ValueMap& params,
                   const query::QueryError& error) {
  query::ast::Statement explain;
  explain.mode = query::ast::Statement::Mode::kExplain;
  explain.query = query::ast::clone(statement.query);
  explain.text = statement.text;
  explain.position = statement.position;
  try {
    db.execute(explain, params);
    return false;
  } catch (const query::QueryError& e) {
    return e.error_class() == error.error_class() && e.code() == error.code();
  } catch (const std::exception&) {
    return false;
  }
}

// Runs `text` as `mlkg -c` does: every statement in order, stopping at the
// first that fails; the columns and rows are the last statement's.
QueryRun run_query(Database& db, const std::string& text, const std::vector<std::pair<std::string, std::string>>& params,
                   double timeout_seconds) {
  QueryRun run;
  ValueMap values;
  try {
    for (const auto& [name, literal] : params) values.insert_or_assign(name, query::parse_literal(literal));
  } catch (const query::QueryError& e) {
    run.error_line = "--param: the value is not a Cypher literal: " + std::string(e.what());
    return run;
  }
  std::vector<query::ast::Statement> statements;
  try {
    statements = query::parse_script(text);
  } catch (const query::QueryError& e) {
    run.error_class = std::string(e.class_name());
    run.error_line = first_line(query::format_error(e, text));
    run.compile_time = true;
    return run;
  }
  for (const auto& statement : statements) {
    std::atomic<bool> cancelled{false};
    try {
      query::QueryResult result;
      {
        Deadline deadline(&cancelled, timeout_seconds);
        result = db.execute(statement, values, &cancelled);
      }
      run.columns = result.returns_rows ? result.columns : std::vector<std::string>{};
      run.rows = result.returns_rows ? std::move(result.rows) : std::vector<ValueList>{};
    } catch (const query::QueryError& e) {
      if (cancelled) {
        run.problem = "timeout after " + std::to_string(timeout_seconds) + "s";
        return run;
      }
      run.error_class = std::string(e.class_name());
      run.error_line = first_line(query::format_error(e, text));
      run.compile_time = fails_to_plan(db, statement, values, e);
      return run;
    } catch (const std::exception& e) {
      run.problem = "uncaught exception: " + std::string(e.what());
      return run;
    }
  }
  run.ok = true;
  return run;
}

// Splits a script on ';' outside strings and backtick names.
std::vector<std::string> split_statements(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote) {
      cur += c;
      if (c == '\\' && quote != '`' && i + 1 < text.size()) {
        cur += text[++i];
      } else if (c == quote) {
        quote = 0;
      }
    } else if (c == '\'' || c == '"' || c == '`') {
      quote = c;
      cur += c;
    } else if (c == ';') {
      out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(std::move(cur));
  std::vector<std::string> statements;
  for (auto& s : out)
    if (s.find_first_not_of(" \t\r\n") != std::string::npos) statements.push_back(std::move(s));
  return statements;
}

// ------------------------------------------------------------------ side effects

// What the TCK can observe of a graph.
struct GraphState {
  std::set<uint64_t> nodes, relationships;
  std::set<std::string> labels;
  std::set<std::string> properties;  // entity, key and value
};

GraphState observe(Database& db, double timeout_seconds) {
  GraphState st;
  for (const char* probe : {"MATCH (n) RETURN n", "MATCH ()-[r]->() RETURN r"}) {
    QueryRun r = run_query(db, probe, {}, timeout_seconds);
    if (!r.ok) throw ScenarioFail{"side-effect probe '" + std::string(probe) + "' failed: " + r.describe_failure()};
    for (const auto& row : r.rows) {
      const Value& v = row.empty() ? Value() : row[0];
      const bool node = v.is_node();
      if (!node && !v.is_relationship())
        throw ScenarioFail{"side-effect probe '" + std::string(probe) + "' returned something else"};
      const uint64_t id = node ? v.as_node().id : v.as_relationship().id;
      const auto& data = node ? v.as_node().data : v.as_relationship().data;
      (node ? st.nodes : st.relationships).insert(id);
      const std::string entity = (node ? "n" : "r") + std::to_string(id) + "/";
      if (!data) continue;
      if (node) st.labels.insert(data->labels.begin(), data->labels.end());
      if (data->properties)
        for (const auto& [key, value] : *data->properties)
          st.properties.insert(entity + std::to_string(key.size()) + ":" + key + actual_key(value));
    }
  }
  return st;
}

template <typename T>
int64_t count_missing(const std::set<T>& from, const std::set<T>& in) {
  int64_t n = 0;
  for (const auto& x : from) n += in.count(x) == 0;
  return n;
}

std::map<std::string, int64_t> difference(const GraphState& before, const GraphState& after) {
  return {{"+nodes", count_missing(after.nodes, before.nodes)},
          {"-nodes", count_missing(before.nodes, after.nodes)},
          {"+relationships", count_missing(after.relationships, before.relationships)},
          {"-relationships", count_missing(before.relationships, after.relationships)},
          {"+labels", count_missing(after.labels, before.labels)},
          {"-labels", count_missing(before.labels, after.labels)},
          {"+properties", count_missing(after.properties, before.properties)},
          {"-properties", count_missing(before.properties, after.properties)}};
}

// ------------------------------------------------------------------ results

std::string format_row(const ValueList& row) {
  std::string out = "|";
  for (const Value& v : row) out += " " + v.to_literal() + " |";
  return out;
}

std::string format_row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const auto& c : cells) out += " " + c + " |";
  return out;
}

std::string join(const std::vector<std::string>& names) {
  std::string out = "[";
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", '" : "'") + names[i] + "'";
  return out + "]";
}

// Why `run` does not give `expected`; empty when it does.
std::string compare_result(const QueryRun& run, const ExpectedTable& expected) {
  if (run.columns != expected.header)
    return "columns differ: expected " + join(expected.header) + ", got " + join(run.columns);
  std::vector<std::vector<std::string>> actual;
  try {
    for (const auto& row : run.rows) {
      std::vector<std::string> keys;
      for (const Value& v : row) keys.push_back(actual_key(v, expected.unordered_lists));
      actual.push_back(std::move(keys));
    }
  } catch (const std::exception& e) {
    return std::string("bad value in result: ") + e.what();
  }
  const auto& want = expected.keys;
  std::multiset<std::vector<std::string>> got_set(actual.begin(), actual.end()),
      want_set(want.begin(), want.end());
  if (expected.ordered) {
    if (actual == want) return "";
    std::string why;
    if (actual.size() != want.size()) {
      why = "row count " + std::to_string(actual.size()) + ", expected " + std::to_string(want.size());
    } else {
      size_t k = 0;
      while (actual[k] == want[k]) ++k;
      why = "row " + std::to_string(k + 1) + " is " + format_row(run.rows[k]) + ", expected " +
            format_row(expected.cells[k]);
    }
    if (got_set == want_set) why += " (same rows, wrong order)";
    return "rows differ (in order): " + why;
  }
  if (got_set == want_set) return "";
  // One example of a row missing and of a row not expected, if any.
  std::multiset<std::vector<std::string>> missing = want_set, extra;
  std::optional<size_t> extra_row;
  for (size_t r = 0; r < actual.size(); ++r) {
    auto it = missing.find(actual[r]);
    if (it != missing.end()) {
      missing.erase(it);
    } else {
      extra.insert(actual[r]);
      if (!extra_row) extra_row = r;
    }
  }
  std::string why = "rows differ (any order): got " + std::to_string(actual.size()) + ", expected " +
                    std::to_string(want.size());
  if (!missing.empty()) {
    for (size_t r = 0; r < want.size(); ++r)
      if (missing.count(want[r])) {
        why += "; missing " + std::to_string(missing.size()) + " e.g. " + format_row(expected.cells[r]);
        break;
      }
  }
  if (extra_row) why += "; unexpected " + std::to_string(extra.size()) + " e.g. " + format_row(run.rows[*extra_row]);
  return why;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void run_actions(const std::vector<Action>& acts, Database& db, const RunnerOptions& options) {
  std::vector<std::pair<std::string, std::string>> params;
  std::optional<QueryRun> last;
  std::optional<GraphState> before;
  for (const Action& a : acts) {
    switch (a.kind) {
      case Action::Kind::kGraph: {
        if (a.text.empty()) break;
        const auto script = options.graphs / a.text / (a.text + ".cypher");
        if (options.graphs.empty() || !std::filesystem::is_regular_file(script))
          throw Unsupported{"named graph '" + a.text + "' not found (use --graphs)"};
        for (const auto& statement : split_statements(read_file(script))) {
          QueryRun r = run_query(db, statement, {}, options.timeout_seconds);
          if (!r.ok) throw ScenarioFail{"named graph " + a.text + " setup failed: " + r.describe_failure()};
        }
        break;
      }
      case Action::Kind::kInit: {
        QueryRun r = run_query(db, a.text, params, options.timeout_seconds);
        if (!r.ok)
          throw ScenarioFail{"setup query failed: " + r.describe_failure() + " | query: " + shorten(a.text, 120)};
        break;
      }
      case Action::Kind::kProcedure:
        db.add_procedure(a.procedure);
        break;
      case Action::Kind::kParams:
        for (const auto& p : a.params) {
          std::erase_if(params, [&](const auto& old) { return old.first == p.first; });
        }
        params.insert(params.end(), a.params.begin(), a.params.end());
        break;
      case Action::Kind::kExec:
      case Action::Kind::kControl:
        if (a.kind == Action::Kind::kExec) before = observe(db, options.timeout_seconds);
        last = run_query(db, a.text, params, options.timeout_seconds);
        if (!last->problem.empty()) throw ScenarioFail{last->problem};
        break;
      case Action::Kind::kResult:
      case Action::Kind::kEmpty: {
        if (!last) throw ScenarioFail{"result step before any query"};
        if (!last->ok) throw ScenarioFail{"query failed: " + last->describe_failure()};
        if (a.kind == Action::Kind::kEmpty) {
          if (!last->rows.empty())
            throw ScenarioFail{"expected empty result, got " + std::to_string(last->rows.size()) + " row(s), first " +
                               format_row(last->rows[0])};
        } else if (std::string why = compare_result(*last, a.table); !why.empty()) {
          throw ScenarioFail{why};
        }
        break;
      }
      case Action::Kind::kError: {
        const ExpectedError& e = a.error;
        const std::string expected = e.error_class + " (" + e.phase + ": " + e.code + ")";
        if (!last) throw ScenarioFail{"error step before any query"};
        if (last->ok) throw ScenarioFail{"expected " + expected + ", but the query succeeded"};
        if (e.error_class != "Error" && last->error_class != e.error_class)
          throw ScenarioFail{"expected " + expected + ", got: " + last->describe_failure()};
        if (e.code != "*" && last->error_line.find(e.code) == std::string::npos)
          throw ScenarioFail{"expected the code " + e.code + " in the error, got: " + last->error_line};
        if (options.check_phase && ((e.phase == "compile time" && !last->compile_time) ||
                                    (e.phase == "runtime" && last->compile_time)))
          throw ScenarioFail{"expected " + expected + ", raised at " +
                             (last->compile_time ? "compile time" : "runtime") + ": " + last->error_line};
        break;
      }
      case Action::Kind::kSideEffects: {
        if (!before) throw ScenarioFail{"side-effects step before any query"};
        const auto got = difference(*before, observe(db, options.timeout_seconds));
        std::string bad;
        for (const char* key : kSideKeys) {
          const auto it = a.side_effects.find(key);
          const int64_t want = it == a.side_effects.end() ? 0 : it->second;
          if (got.at(key) != want)
            bad += std::string(bad.empty() ? "" : ", ") + key + " expected " + std::to_string(want) + " got " +
                   std::to_string(got.at(key));
        }
        if (!bad.empty()) throw ScenarioFail{"side effects differ: " + bad};
        break;
      }
    }
  }
}

}  // namespace

Outcome run_scenario(const Scenario& scenario, const RunnerOptions& options) {
  const auto start = Clock::now();
  if (scenario.tags.count("@ignore")) return {Verdict::kSkip, "tagged @ignore", 0};
  std::vector<Action> acts;
  try {
    acts = compile_steps(scenario);
  } catch (const Unsupported& u) {
    return {Verdict::kSkip, u.why, 0};
  } catch (const ValueParseError& e) {
    return {Verdict::kFail, std::string("runner could not parse expected value: ") + e.what(), 0};
  }
  test::TempDir dir(options.tmp.string());
  try {
    std::unique_ptr<Database> db;
    storage::OpenOptions exclusive;  // a private directory: one open of the writer for the whole scenario
    exclusive.access = storage::Access::kExclusive;
    if (Status s = Database::open(dir.sub("db"), exclusive, &db); !s.ok())
      return {Verdict::kFail, "cannot open a database: " + s.to_string(), seconds_since(start)};
    run_actions(acts, *db, options);
  } catch (const ScenarioFail& f) {
    return {Verdict::kFail, f.why, seconds_since(start)};
  } catch (const Unsupported& u) {
    return {Verdict::kSkip, u.why, 0};
  }
  return {Verdict::kPass, "", seconds_since(start)};
}

}  // namespace mlkg::tck

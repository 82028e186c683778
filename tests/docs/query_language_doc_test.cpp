// docs/query-language.md kept true to mlkg:
//  - every function `CALL dbms.functions()` lists has a row in the Function
//    reference giving the signature mlkg gives, and an example there that
//    calls it; every example there returns the table shown under it;
//  - every procedure `CALL dbms.procedures()` lists is named in the CALL
//    table and called by an example;
//  - every ```cypher block of the document runs, in document order, on a
//    writable copy of the syllabus graph (the writing examples change it),
//    or fails with the error shown under it; a procedure example that shows
//    a table returns it there.
// On a mismatch a check prints what the query returns now, ready to paste.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "engine/query/parser/parser.hpp"
#include "support/doc_queries.hpp"
#include "support/syllabus_db.hpp"
#include "support/temp_dir.hpp"

using namespace mlkg;

namespace {

const std::string kDocPath = std::string(MLKG_SOURCE_DIR) + "/docs/query-language.md";
constexpr char kFunctionReference[] = "Function reference";
// Its examples depend on the whole graph, which the writing examples before
// them change; tests/algo/algo_doc_test.cpp checks their tables on the
// bundled graph as it is.
constexpr char kGraphAlgorithms[] = "Graph algorithms";

std::vector<std::string> doc_lines() {
  std::ifstream in(kDocPath);
  REQUIRE(in.good());
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The lines under the heading `heading` ("## Name" or "### Name"), up to the
// next heading of the same or a higher level.
std::vector<std::string> section(const std::vector<std::string>& lines, const std::string& heading) {
  const size_t level = heading.find(' ');
  auto begin = std::find(lines.begin(), lines.end(), heading);
  REQUIRE(begin != lines.end());
  auto end = std::find_if(begin + 1, lines.end(), [&](const std::string& l) {
    const size_t hashes = l.find_first_not_of('#');
    return hashes != std::string::npos && hashes > 0 && hashes <= level && l[hashes] == ' ';
  });
  return {begin + 1, end};
}

// The name and the second column of every row `query` returns, both strings.
std::vector<std::pair<std::string, std::string>> name_rows(Database& db, const std::string& query) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const ValueList& row : db.execute(query).rows) out.emplace_back(row.at(0).as_string(), row.at(1).as_string());
  return out;
}

std::vector<std::pair<std::string, std::string>> functions(Database& db) {
  auto rows = name_rows(db, "CALL dbms.functions() YIELD name, signature RETURN name, signature");
  REQUIRE(rows.size() >= 70);  // the list itself works
  return rows;
}

std::vector<std::string> procedures(Database& db) {
  std::vector<std::string> names;
  for (auto& [name, mode] : name_rows(db, "CALL dbms.procedures() YIELD name, mode RETURN name, mode"))
    names.push_back(name);
  REQUIRE(names.size() >= 30);
  return names;
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Whether `text` calls `name` (a function or procedure; in any case, as
// Cypher matches function names): the whole name, then '(' after optional
// spaces.
bool calls(const std::string& text, const std::string& name) {
  const std::string haystack = lower(text), needle = lower(name);
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) {
    if (at > 0 && is_name_char(haystack[at - 1])) continue;
    size_t next = at + needle.size();
    while (next < haystack.size() && haystack[next] == ' ') ++next;
    if (next < haystack.size() && haystack[next] == '(') return true;
  }
  return false;
}

// A signature as a Markdown table cell writes it: in backticks, '|' escaped.
std::string signature_cell(const std::string& signature) {
  std::string cell = "`";
  for (char c : signature) cell += c == '|' ? std::string("\\|") : std::string(1, c);
  return cell + "`";
}

// The first line of an error shown in a plain ``` block right under the
// ```cypher block that starts at `fence_line` (1-based): a line such as
// "SyntaxError: UnexpectedSyntax: ...". Empty when the block shows none.
std::string error_shown_after(const std::vector<std::string>& lines, size_t fence_line) {
  size_t i = fence_line;  // the line after the opening fence, 0-based
  while (i < lines.size() && lines[i] != "```") ++i;
  for (++i; i < lines.size() && lines[i].empty(); ++i) {
  }
  if (i + 1 >= lines.size() || lines[i] != "```") return "";
  const std::string& shown = lines[i + 1];
  const size_t colon = shown.find(": ");
  const bool looks_like_error = colon != std::string::npos && colon > 0 &&
                                std::all_of(shown.begin(), shown.begin() + static_cast<long>(colon),
                                            [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }) &&
                                shown.find(": ", colon + 2) != std::string::npos;
  return looks_like_error ? shown : "";
}

// Makes `dir` the working directory, where the document's export examples
// write their files, and goes back to the one before at the end of scope.
class WorkingDirectory {
 public:
  explicit WorkingDirectory(const std::string& dir) : saved_(std::filesystem::current_path()) {
    std::filesystem::current_path(dir);
  }
  ~WorkingDirectory() {
    std::error_code ec;
    std::filesystem::current_path(saved_, ec);
  }
  WorkingDirectory(const WorkingDirectory&) = delete;
  WorkingDirectory& operator=(const WorkingDirectory&) = delete;

 private:
  std::filesystem::path saved_;
};

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

TEST_CASE("docs/query-language.md: every function has a reference row with its signature and an example", "[docs]") {
  const auto reference = section(doc_lines(), std::string("## ") + kFunctionReference);
  std::vector<test::DocQuery> examples;
  for (auto& q : test::read_doc_queries(kDocPath))
    if (q.section == kFunctionReference) examples.push_back(q);

  for (const auto& [name, signature] : functions(test::syllabus_db())) {
    INFO(name << ": " << signature);
    const std::string row_start = "| " + signature_cell(signature) + " |";
    const bool has_row = std::any_of(reference.begin(), reference.end(),
                                     [&](const std::string& l) { return l.rfind(row_start, 0) == 0; });
    INFO("a row starting with: " << row_start);
    CHECK(has_row);
    const bool has_example =
        std::any_of(examples.begin(), examples.end(), [&](const test::DocQuery& q) { return calls(q.text, name); });
    CHECK(has_example);
  }
}

TEST_CASE("docs/query-language.md: the function reference examples return the tables shown", "[docs]") {
  const size_t examples = test::check_doc_examples(
      kDocPath, test::syllabus_db(), [](const test::DocQuery& q) { return q.section == kFunctionReference; });
  CHECK(examples >= 40);
}

TEST_CASE("docs/query-language.md: every procedure is in the CALL table and called by an example", "[docs]") {
  const auto lines = doc_lines();
  const auto call_section = section(lines, "### CALL");
  auto table = std::find_if(call_section.begin(), call_section.end(),
                            [](const std::string& l) { return l.rfind("| procedure |", 0) == 0; });
  REQUIRE(table != call_section.end());
  std::string call_table;
  for (auto l = table; l != call_section.end() && l->rfind("|", 0) == 0; ++l) call_table += *l + "\n";
  const auto examples = test::read_doc_queries(kDocPath);

  for (const std::string& name : procedures(test::syllabus_db())) {
    INFO(name);
    CHECK((call_table.find("`" + name + "(") != std::string::npos ||
           call_table.find("`" + name + "`") != std::string::npos));
    const bool called =
        std::any_of(examples.begin(), examples.end(), [&](const test::DocQuery& q) { return calls(q.text, name); });
    CHECK(called);
  }
}

TEST_CASE("docs/query-language.md: every query example runs in document order on a copy of the syllabus graph",
          "[docs]") {
  const auto lines = doc_lines();
  test::TempDir dir;
  std::unique_ptr<Database> db = test::scratch_syllabus_db(dir.sub("syllabus"));
  const std::vector<std::string> procedure_names = procedures(*db);
  std::filesystem::create_directory(dir.sub("files"));
  WorkingDirectory in_files(dir.sub("files"));  // where the export examples write

  size_t blocks = 0, tables = 0;
  for (const auto& q : test::read_doc_queries(kDocPath)) {
    ++blocks;
    INFO("docs/query-language.md:" << q.line << "\n" << q.text);
    const std::string expected_error = error_shown_after(lines, q.line);
    std::string error;  // the first line of the error, as mlkg prints it
    query::QueryResult last;
    try {
      for (const auto& statement : query::parse_script(q.text)) last = db->execute(statement);
    } catch (const query::QueryError& e) {
      error = first_line(query::format_error(e, q.text));
    }
    CHECK(error == expected_error);

    const bool calls_procedure = std::any_of(procedure_names.begin(), procedure_names.end(),
                                             [&](const std::string& name) { return calls(q.text, name); });
    if (!error.empty() || q.expected.empty() || !calls_procedure || q.section == kGraphAlgorithms ||
        q.section == kFunctionReference)
      continue;
    ++tables;
    std::ostringstream actual;
    repl::render_result(last, repl::OutputFormat::kMarkdown, actual);
    INFO("it returns now:\n" << actual.str());
    CHECK(actual.str() == q.expected);
  }
  CHECK(blocks >= 70);
  CHECK(tables >= 10);  // the CALL, kg.fit, full-text and export examples
}

// The parser against every query of the openCypher TCK (shared/tck/features):
// a query whose scenario expects a compile-time SyntaxError with a code that
// the parser owns must fail with exactly that code; every other query (setup
// queries included, and those whose expected errors are the binder's, such
// as UndefinedVariable) must parse, and its normalised text (ast::to_string)
// must parse back to the same text.

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "engine/query/parser.hpp"

namespace {

using mlkg::query::QueryError;

// The error codes raised while parsing; the TCK's other compile-time codes
// are found by the binder.
const std::set<std::string> kParseCodes = {"UnexpectedSyntax",        "IntegerOverflow",
                                           "FloatingPointOverflow",   "InvalidNumberLiteral",
                                           "InvalidUnicodeLiteral",   "InvalidUnicodeCharacter",
                                           "InvalidRelationshipPattern"};

struct TckQuery {
  std::string where;         // file and scenario
  std::string text;
  std::string expected_code;  // empty: must parse
};

std::string trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// The cells of a Gherkin table row "| a | b |" (a '\|' is a literal bar).
std::vector<std::string> table_cells(const std::string& row) {
  std::vector<std::string> cells;
  std::string cell;
  for (size_t i = 1; i < row.size(); ++i) {
    if (row[i] == '\\' && i + 1 < row.size() && row[i + 1] == '|') {
      cell += '|';
      ++i;
    } else if (row[i] == '|') {
      cells.push_back(trim(cell));
      cell.clear();
    } else {
      cell += row[i];
    }
  }
  return cells;
}

struct Scenario {
  std::string name;
  std::vector<std::pair<bool, std::string>> steps;  // (is the query under test, text)
  std::string error_code;                            // expected at compile time, if any
  std::vector<std::vector<std::string>> examples;   // header row, then rows
};

// Reads one feature file's scenarios, expanding Scenario Outlines.
void read_feature(const std::filesystem::path& path, std::vector<TckQuery>& out) {
  std::ifstream file(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(file, line);) lines.push_back(line);
  std::vector<Scenario> scenarios;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string s = trim(lines[i]);
    if (s.rfind("Scenario", 0) == 0) {
      scenarios.push_back({s, {}, {}, {}});
    } else if (scenarios.empty() || s.empty() || s[0] == '#') {
      continue;
    } else if (s == "When executing query:" || s == "Given having executed:" || s == "And having executed:" ||
               s == "When executing control query:") {
      const size_t indent = lines[++i].find("\"\"\"");
      std::string text;
      for (++i; i < lines.size() && trim(lines[i]) != "\"\"\""; ++i) {
        const std::string& l = lines[i];
        text += (text.empty() ? "" : "\n") + (l.size() >= indent ? l.substr(indent) : trim(l));
      }
      scenarios.back().steps.emplace_back(s.rfind("When executing query", 0) == 0, text);
    } else if (const size_t at = s.find("should be raised at compile time: "); at != std::string::npos) {
      scenarios.back().error_code = trim(s.substr(at + std::strlen("should be raised at compile time: ")));
    } else if (s.rfind("Examples", 0) == 0) {
      while (i + 1 < lines.size() && trim(lines[i + 1]).rfind('|', 0) == 0) {
        scenarios.back().examples.push_back(table_cells(trim(lines[++i])));
      }
    }
  }
  const std::string file_name = path.filename().string();
  for (const Scenario& sc : scenarios) {
    const bool parse_error = kParseCodes.count(sc.error_code) > 0;
    const size_t rows = sc.examples.empty() ? 1 : sc.examples.size() - 1;
    for (size_t r = 0; r < rows; ++r) {
      for (const auto& [under_test, step] : sc.steps) {
        std::string text = step;
        if (!sc.examples.empty()) {
          const auto& header = sc.examples[0];
          for (size_t c = 0; c < header.size() && c < sc.examples[r + 1].size(); ++c) {
            const std::string key = '<' + header[c] + '>';
            for (size_t p; (p = text.find(key)) != std::string::npos;) text.replace(p, key.size(), sc.examples[r + 1][c]);
          }
        }
        out.push_back({file_name + ": " + sc.name, text, under_test && parse_error ? sc.error_code : ""});
      }
    }
  }
}

}  // namespace

TEST_CASE("cypher parser: accepts every TCK query and rejects the syntax errors with the TCK's code",
          "[cypher][tck]") {
  std::vector<TckQuery> queries;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(MLKG_SHARED_DIR "/tck/features")) {
    if (entry.path().extension() == ".feature") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) read_feature(f, queries);

  size_t accepted = 0, rejected = 0;
  std::vector<std::string> failures;
  for (const TckQuery& q : queries) {
    std::string got;
    try {
      // What the parser accepts, to_string writes so that it reads back the same.
      for (const auto& statement : mlkg::query::parse_script(q.text)) {
        const std::string normal = mlkg::query::ast::to_string(statement);
        const auto again = mlkg::query::parse_script(normal);
        if (again.size() != 1 || mlkg::query::ast::to_string(again[0]) != normal) {
          failures.push_back(q.where + "\n  query: " + q.text + "\n  does not read back the same from: " + normal);
        }
      }
    } catch (const QueryError& e) {
      got = e.code();
      if (e.error_class() != "SyntaxError" || e.position().line == 0) got = "bad error: " + std::string(e.what());
    }
    if (got == q.expected_code) {
      ++(got.empty() ? accepted : rejected);
    } else {
      failures.push_back(q.where + "\n  query: " + q.text + "\n  expected: " +
                         (q.expected_code.empty() ? "to parse" : q.expected_code) +
                         "\n  got: " + (got.empty() ? "parsed" : got));
    }
  }
  std::cout << "TCK parse: " << files.size() << " feature files, " << queries.size() << " queries: " << accepted
            << " accepted, " << rejected << " rejected with the expected code, " << failures.size() << " wrong\n";

  // The suite is all there: an empty or half-read folder cannot pass.
  CHECK(files.size() >= 200);
  CHECK(queries.size() >= 3500);
  CHECK(rejected >= 30);
  CHECK(failures == std::vector<std::string>{});
}

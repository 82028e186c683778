// The parser against every query of the openCypher TCK (tests/tck/features):
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

#include "engine/query/parser/parser.hpp"
#include "tests/tck/gherkin.hpp"

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

// Every query of every scenario, with the code its scenario expects at
// compile time if the parser owns that code.
std::vector<TckQuery> tck_queries(const std::vector<mlkg::tck::FeatureFile>& files) {
  std::vector<TckQuery> out;
  for (const auto& file : files) {
    for (const auto& sc : file.scenarios) {
      std::string error_code;
      for (const auto& st : sc.steps) {
        const size_t at = st.text.find("should be raised at compile time: ");
        if (at != std::string::npos) error_code = st.text.substr(at + std::strlen("should be raised at compile time: "));
      }
      const bool parse_error = kParseCodes.count(error_code) > 0;
      for (const auto& st : sc.steps) {
        const bool under_test = st.text == "executing query:";
        if (!st.doc || (!under_test && st.text != "having executed:" && st.text != "executing control query:")) continue;
        out.push_back({sc.id, *st.doc, under_test && parse_error ? error_code : ""});
      }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("cypher parser: accepts every TCK query and rejects the syntax errors with the TCK's code",
          "[cypher][tck]") {
  const auto files = mlkg::tck::load_features(MLKG_TCK_DIR "/features");
  const std::vector<TckQuery> queries = tck_queries(files);

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
      got = std::string(e.code_name());
      if (e.class_name() != "SyntaxError" || e.position().line == 0) got = "bad error: " + std::string(e.what());
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

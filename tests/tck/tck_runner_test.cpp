// The TCK runner's parts: Gherkin as the TCK writes it, the TCK's value
// notation and when two values are equal, and verdicts of whole scenarios
// run through the engine, failing ones included (a runner that cannot fail
// proves nothing).

#include <catch2/catch.hpp>

#include "tests/support/temp_dir.hpp"
#include "tests/tck/gherkin.hpp"
#include "tests/tck/scenario_runner.hpp"
#include "tests/tck/tck_value.hpp"

namespace {

using mlkg::Value;
using mlkg::tck::actual_key;
using mlkg::tck::expected_key;
using mlkg::tck::parse_feature;
using mlkg::tck::Verdict;

const char* const kFeature = R"(#
# A comment
@tagged
Feature: Example1 - a feature

  Background:
    Given an empty graph

  Scenario: [1] Plain
    When executing query:
      """
      RETURN 1 AS x
      """
    Then the result should be, in any order:
      | x |
      | 1 |
    And no side effects

  @ignore
  Scenario Outline: [2] Outline <name>
    When executing query:
      """
        RETURN <value> AS v
      """
    Then the result should be, in order:
      | v       |
      | <value> |

    Examples:
      | name | value |
      | one  | 1     |
      | bar  | 'a\|b' |

    Examples:
      | name | value |
      | list | [1, 2] |
)";

mlkg::tck::Scenario one_scenario(const std::string& steps) {
  auto f = parse_feature("Feature: F\n  Scenario: [1] S\n" + steps, "a/b/F1.feature");
  REQUIRE(f.scenarios.size() == 1);
  return f.scenarios[0];
}

mlkg::tck::Outcome run(const std::string& steps) {
  mlkg::test::TempDir tmp;
  mlkg::tck::RunnerOptions options;
  options.tmp = tmp.path();
  return mlkg::tck::run_scenario(one_scenario(steps), options);
}

}  // namespace

TEST_CASE("tck gherkin: scenarios, backgrounds, outlines, doc strings, tables and tags", "[tck]") {
  const auto f = parse_feature(kFeature, "clauses/x/Example1.feature");
  REQUIRE(f.scenarios.size() == 4);
  const auto& plain = f.scenarios[0];
  CHECK(plain.id == "clauses/x/Example1:[1] Plain");
  CHECK(plain.tags == std::set<std::string>{"@tagged"});
  REQUIRE(plain.steps.size() == 4);  // the background's step first
  CHECK(plain.steps[0].text == "an empty graph");
  CHECK(plain.steps[1].doc == std::optional<std::string>("RETURN 1 AS x"));
  CHECK(plain.steps[2].table == std::vector<std::vector<std::string>>{{"x"}, {"1"}});

  CHECK(f.scenarios[1].id == "clauses/x/Example1:[2] Outline one #1");
  CHECK(f.scenarios[1].tags == std::set<std::string>{"@tagged", "@ignore"});
  CHECK(f.scenarios[1].steps[1].doc == std::optional<std::string>("  RETURN 1 AS v"));  // indent kept past the quotes'
  CHECK(f.scenarios[2].id == "clauses/x/Example1:[2] Outline bar #2");
  CHECK(f.scenarios[2].steps[2].table[1][0] == "'a|b'");  // \| in a cell
  CHECK(f.scenarios[3].id == "clauses/x/Example1:[2] Outline list #3");  // counted across Examples blocks
  CHECK(f.scenarios[3].steps[1].doc == std::optional<std::string>("  RETURN [1, 2] AS v"));
}

TEST_CASE("tck gherkin: malformed files are errors with a place", "[tck]") {
  CHECK_THROWS_WITH(parse_feature("Feature: F\n  Scenario: S\n    When executing query:\n      \"\"\"\n      RETURN 1\n",
                                  "F.feature"),
                    Catch::Contains("F.feature:4: unterminated doc string"));
  CHECK_THROWS_WITH(parse_feature("Feature: F\n  | a |\n", "F.feature"), Catch::Contains("table without a step"));
  CHECK_THROWS_WITH(parse_feature("Feature: F\n  Scenario Outline: S <a>\n    Given any graph\n  Examples:\n"
                                  "    | a |\n    | 1 | 2 |\n",
                                  "F.feature"),
                    Catch::Contains("width mismatch"));
}

TEST_CASE("tck values: equal exactly when the TCK says so", "[tck]") {
  CHECK(expected_key("1") == actual_key(Value(int64_t{1})));
  CHECK(expected_key("1") != actual_key(Value(1.0)));
  CHECK(expected_key("1.0") == actual_key(Value(1.0)));
  CHECK(expected_key("-0.0") == actual_key(Value(0.0)));
  CHECK(expected_key("NaN") == actual_key(Value(std::nan(""))));
  CHECK(expected_key("Inf") == expected_key("Infinity"));
  CHECK(expected_key("-Inf") == actual_key(Value(-HUGE_VAL)));
  CHECK(expected_key("1e3") == actual_key(Value(1000.0)));
  CHECK(expected_key(".5") == actual_key(Value(0.5)));
  CHECK(expected_key("007") == expected_key("7"));
  CHECK(expected_key("-0") == expected_key("0"));
  CHECK(expected_key("123456789012345678901234567890") != expected_key("1"));  // any size
  CHECK(expected_key("'it\\'s'") == actual_key(Value("it's")));
  CHECK(expected_key("'a\\b'") == actual_key(Value("a\\b")));  // other backslashes stay
  CHECK(expected_key("''") != expected_key("null"));
  CHECK(expected_key("{b: 2, a: [1, 'x']}") == expected_key("{a: [1, 'x'], b: 2}"));
  CHECK(expected_key("{`a b`: 1}") == actual_key(Value(mlkg::ValueMap{{"a b", Value(1)}})));
  CHECK(expected_key("[1, 2]") != expected_key("[2, 1]"));
  CHECK(expected_key("[[1, 2], 3]", true) == expected_key("[3, [2, 1]]", true));
  CHECK(expected_key("(:B:A {x: 1})") == expected_key("(:A:B {x: 1})"));
  CHECK(expected_key("(:A)") != expected_key("(:A {x: 1})"));
  CHECK(expected_key("[:T {x: 1}]") != expected_key("[:U {x: 1}]"));
  CHECK(expected_key("[ :T]") == expected_key("[:T]"));
  CHECK(expected_key("<(:A)-[:T]->(:B)>") != expected_key("<(:A)<-[:T]-(:B)>"));
  CHECK(expected_key("<()>") == expected_key("<( )>"));
  CHECK_THROWS_AS(expected_key("[1, 2"), mlkg::tck::ValueParseError);
  CHECK_THROWS_AS(expected_key("{a: 1, a: 2}"), mlkg::tck::ValueParseError);
  CHECK_THROWS_AS(expected_key("1 2"), mlkg::tck::ValueParseError);
  CHECK_THROWS_AS(expected_key("1.5e"), mlkg::tck::ValueParseError);
  CHECK_THROWS_AS(expected_key("'open"), mlkg::tck::ValueParseError);
}

TEST_CASE("tck runner: results, errors and side effects decide the verdict", "[tck]") {
  const std::string create = "    Given an empty graph\n"
                             "    And having executed:\n      \"\"\"\n      CREATE (:A {x: 1}), (:A {x: 2})\n      \"\"\"\n"
                             "    When executing query:\n      \"\"\"\n      MATCH (a:A) RETURN a.x AS x ORDER BY x\n      \"\"\"\n";
  CHECK(run(create + "    Then the result should be, in order:\n      | x |\n      | 1 |\n      | 2 |\n"
                     "    And no side effects\n").verdict == Verdict::kPass);
  CHECK(run(create + "    Then the result should be, in any order:\n      | x |\n      | 2 |\n      | 1 |\n")
            .verdict == Verdict::kPass);
  const auto wrong_order = run(create + "    Then the result should be, in order:\n      | x |\n      | 2 |\n      | 1 |\n");
  CHECK(wrong_order.verdict == Verdict::kFail);
  CHECK_THAT(wrong_order.reason, Catch::Contains("same rows, wrong order"));
  const auto wrong_column = run(create + "    Then the result should be, in any order:\n      | y |\n      | 1 |\n      | 2 |\n");
  CHECK(wrong_column.verdict == Verdict::kFail);
  CHECK_THAT(wrong_column.reason, Catch::Contains("columns differ"));
  CHECK(run(create + "    Then the result should be, in any order:\n      | x |\n      | 1.0 |\n      | 2 |\n").verdict ==
        Verdict::kFail);
  CHECK(run(create + "    Then the result should be empty\n").verdict == Verdict::kFail);

  // Side effects are observed, not taken from the statement's own counts.
  const std::string write = "    Given an empty graph\n"
                            "    When executing query:\n      \"\"\"\n      CREATE (:A:B {x: 1})-[:T {y: [1]}]->()\n      \"\"\"\n"
                            "    Then the result should be empty\n";
  CHECK(run(write + "    And the side effects should be:\n      | +nodes | 2 |\n      | +relationships | 1 |\n"
                    "      | +labels | 2 |\n      | +properties | 2 |\n").verdict == Verdict::kPass);
  const auto wrong_effects = run(write + "    And no side effects\n");
  CHECK(wrong_effects.verdict == Verdict::kFail);
  CHECK_THAT(wrong_effects.reason, Catch::Contains("+nodes expected 0 got 2"));

  // Errors: class, code and phase.
  const std::string undefined = "    Given any graph\n"
                                "    When executing query:\n      \"\"\"\n      RETURN m\n      \"\"\"\n";
  CHECK(run(undefined + "    Then a SyntaxError should be raised at compile time: UndefinedVariable\n").verdict ==
        Verdict::kPass);
  CHECK(run(undefined + "    Then a SyntaxError should be raised at runtime: UndefinedVariable\n").verdict ==
        Verdict::kFail);
  CHECK(run(undefined + "    Then a TypeError should be raised at compile time: UndefinedVariable\n").verdict ==
        Verdict::kFail);
  CHECK(run(undefined + "    Then a SyntaxError should be raised at compile time: VariableTypeConflict\n").verdict ==
        Verdict::kFail);
  const std::string runtime_error = "    Given an empty graph\n"
                                    "    And having executed:\n      \"\"\"\n      CREATE (:A {x: 1})\n      \"\"\"\n"
                                    "    When executing query:\n      \"\"\"\n      MATCH (a:A) RETURN toUpper(a.x) AS v\n"
                                    "      \"\"\"\n";
  CHECK(run(runtime_error + "    Then a TypeError should be raised at runtime: InvalidArgumentValue\n").verdict ==
        Verdict::kPass);
  CHECK(run(runtime_error + "    Then a TypeError should be raised at compile time: InvalidArgumentValue\n").verdict ==
        Verdict::kFail);
  CHECK(run(runtime_error + "    Then a TypeError should be raised at any time: InvalidArgumentValue\n").verdict ==
        Verdict::kPass);
  CHECK(run(create + "    Then a TypeError should be raised at any time: *\n").verdict == Verdict::kFail);

  // Parameters, and steps the runner cannot express.
  CHECK(run("    Given any graph\n    And parameters are:\n      | p | {a: [1, 'x']} |\n"
            "    When executing query:\n      \"\"\"\n      RETURN $p AS p\n      \"\"\"\n"
            "    Then the result should be, in any order:\n      | p |\n      | {a: [1, 'x']} |\n")
            .verdict == Verdict::kPass);
  CHECK(run("    Given there exists a CSV file with URL as $param, with rows:\n      | a |\n      | 1 |\n").verdict ==
        Verdict::kSkip);

  // A procedure of the scenario: a call yields the rows whose inputs equal its arguments.
  const std::string proc =
      "    Given an empty graph\n    And there exists a procedure test.my.proc(in :: INTEGER?) :: (out :: STRING?):\n"
      "      | in   | out   |\n      | 1    | 'one' |\n      | null | 'nix' |\n";
  CHECK(run(proc + "    When executing query:\n      \"\"\"\n      CALL test.my.proc(null) YIELD out RETURN out\n      \"\"\"\n"
                   "    Then the result should be, in order:\n      | out   |\n      | 'nix' |\n")
            .verdict == Verdict::kPass);
  CHECK(run(proc + "    When executing query:\n      \"\"\"\n      CALL test.my.proc(1) YIELD out RETURN out\n      \"\"\"\n"
                   "    Then the result should be, in order:\n      | out   |\n      | 'nix' |\n")
            .verdict == Verdict::kFail);
  CHECK(run(proc + "    When executing query:\n      \"\"\"\n      CALL test.my.proc('x') YIELD out RETURN out\n      \"\"\"\n"
                   "    Then a SyntaxError should be raised at compile time: InvalidArgumentType\n")
            .verdict == Verdict::kPass);
}

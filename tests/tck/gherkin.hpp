#pragma once
// The part of Gherkin the openCypher TCK is written in: features, tags, a
// Background, Scenarios and Scenario Outlines with Examples, steps with a doc
// string ("""...""") or a table (| a | b |).
//
// A Scenario Outline becomes one Scenario per Examples row, its steps and
// name with every <column> replaced; such a scenario's id ends in " #K", K
// counting rows over all of the outline's Examples blocks from 1. A
// scenario's steps are the feature's Background steps followed by its own.
// Scenario ids are "<path below the features folder, without .feature>:<name>",
// e.g. "clauses/match/Match1:[1] Match non-existent nodes returns empty":
// the ids tests/tck/passing.txt lists.

#include <filesystem>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mlkg::tck {

struct Step {
  std::string keyword;  // Given, When, Then, And, But or *
  std::string text;     // after the keyword, trimmed
  std::optional<std::string> doc;                // the doc string, its indentation removed
  std::vector<std::vector<std::string>> table;   // rows of cells (unescaped); empty: no table
  int line = 0;
};

struct Scenario {
  std::string id;
  std::string file;   // the feature file, relative to the features folder
  std::string name;
  std::set<std::string> tags;  // the feature's, the scenario's and its Examples block's ("@ignore")
  std::vector<Step> steps;
  int line = 0;           // of the Scenario: line
  int example_index = 0;  // K of " #K"; 0 for a plain scenario
};

struct FeatureFile {
  std::string file;  // relative to the features folder, '/'-separated
  std::string name;
  std::vector<Scenario> scenarios;
  std::vector<std::string> warnings;  // lines ignored ("file:line: why")
};

// A feature file that is not Gherkin (an unterminated doc string, a table
// row without a step, an Examples row of the wrong width, ...).
class GherkinError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses one feature file's text; `file` names it in ids and errors.
FeatureFile parse_feature(std::string_view text, const std::string& file);

// Every *.feature below `root`, sorted by path. Throws GherkinError, or
// std::runtime_error when a file cannot be read.
std::vector<FeatureFile> load_features(const std::filesystem::path& root);

}  // namespace mlkg::tck

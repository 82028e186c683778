#pragma once
// Runs one TCK scenario against mlkg's engine, in this process, on a fresh
// database in a temporary directory.
//
// What each step means (the TCK's own definitions):
//  - "an empty graph" / "any graph": a new, empty database; "the NAME graph":
//    the statements of graphs/NAME/NAME.cypher run on it first.
//  - "having executed:" runs set-up statements (they must succeed);
//    "parameters are:" binds $parameters for the queries after it.
//  - "executing query:" runs the query under test; "executing control
//    query:" runs one whose effects are not observed.
//  - "the result should be, in order / in any order [(ignoring element order
//    for lists)]:" compares the columns by name and the rows as a sequence or
//    a multiset (tests/tck/tck_value.hpp says when two values are equal);
//    "the result should be empty".
//  - "a[n] <Class> should be raised at <phase>: <Code>": the query failed
//    with that error class (any class for "Error") and its message names the
//    code. The phase is checked too: "compile time" means the statement
//    cannot even be planned (EXPLAIN of it fails the same way), "runtime"
//    that it can, "any time" accepts both.
//  - "no side effects" / "the side effects should be:" compares what the
//    query under test changed, observed by reading every node and
//    relationship before and after it: +/- nodes, relationships, labels (the
//    names in use in the graph) and properties (an entity's key and value).
// A scenario tagged @ignore is skipped, and so is one with a step mlkg cannot
// express ("there exists a procedure", "there exists a CSV file").
// Each statement gets `timeout_seconds`, after which it is cancelled and the
// scenario fails.

#include <filesystem>
#include <string>

#include "tests/tck/gherkin.hpp"

namespace mlkg::tck {

enum class Verdict { kPass, kFail, kSkip };

struct Outcome {
  Verdict verdict = Verdict::kPass;
  std::string reason;  // why it failed or was skipped
  double seconds = 0;
};

struct RunnerOptions {
  std::filesystem::path graphs;  // the TCK's graphs/ folder (named graphs)
  std::filesystem::path tmp;     // where scenario databases go; empty: $TMPDIR or /tmp
  double timeout_seconds = 20;
  // Compare the error's phase too (see above). Off, an expected error is
  // matched by its class and code alone, as shared/tck/run.py does.
  bool check_phase = true;
};

Outcome run_scenario(const Scenario& scenario, const RunnerOptions& options);

}  // namespace mlkg::tck

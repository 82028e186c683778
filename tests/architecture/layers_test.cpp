// The layers of the source tree (docs/architecture.md): the folder include
// graph has no cycle, and every folder includes only the layers below it.
//
// The layers, lowest first. A folder may include any folder of a lower tier,
// except where `kKeptApart` says otherwise; never one of its own tier or above.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "support/include_graph.hpp"
#include "support/temp_dir.hpp"

using mlkg::test::forbidden_includes;
using mlkg::test::include_cycles;
using mlkg::test::IncludeGraph;
using mlkg::test::read_include_graph;
using mlkg::test::TempDir;

namespace {

const std::vector<std::string> kSourceFolders = {"engine", "grammar", "repl"};

const std::vector<std::vector<std::string>> kTiers = {
    {"engine/common"},                                // Status, QueryError, UTF-8 and Unicode, suggestions
    {"engine/value", "grammar"},                      // values; the PEGTL grammars (pure syntax)
    {"engine/storage", "engine/pg"},                  // the store; the PG format's model and syntax
    {"engine/procedure"},                             // the extension API: procedures and their context
    {"engine/text", "engine/algo"},                   // full-text analysis and search; graph algorithms
    {"engine/load", "engine/export", "engine/fit"},   // imports, exports, the use-case fit
    {"engine/query/parser"},                          // openCypher text -> AST
    {"engine/query/function"},                        // scalar, aggregate and list functions, operators on values
    {"engine/query/runtime"},                         // a statement's transaction and context
    {"engine/query/expression"},                      // bound expressions and their evaluation
    {"engine/query/binder"},                          // AST -> bound query
    {"engine/query/execution"},                       // physical operators
    {"engine/query/planner"},                         // bound query -> operators
    {"engine/query"},                                 // the query runner
    {"engine/database"},                              // the embedding API
    {"repl"},                                         // front ends
};

// Pairs of (folder, lower folder) that must not include each other even so.
const std::map<std::string, std::set<std::string>> kKeptApart = [] {
  std::map<std::string, std::set<std::string>> m;
  // Syntax only: no engine header at all.
  m["grammar"] = {"engine/common"};
  // Values, the store and the PG model know no formats, text or queries.
  m["engine/storage"] = {"grammar"};
  m["engine/pg"] = {"grammar"};
  m["engine/value"] = {};
  // The query core knows no extension: they plug in through engine/procedure.
  for (const char* q : {"engine/query/parser", "engine/query/function", "engine/query/runtime", "engine/query/expression",
                        "engine/query/binder", "engine/query/execution", "engine/query/planner", "engine/query"})
    m[q] = {"engine/text", "engine/algo", "engine/load", "engine/export", "engine/fit", "engine/pg"};
  return m;
}();

std::map<std::string, std::set<std::string>> allowed_includes() {
  std::map<std::string, std::set<std::string>> allowed;
  std::set<std::string> below;
  for (const auto& tier : kTiers) {
    for (const std::string& unit : tier) {
      std::set<std::string> a = below;
      auto apart = kKeptApart.find(unit);
      if (apart != kKeptApart.end())
        for (const std::string& x : apart->second) a.erase(x);
      allowed[unit] = a;
    }
    below.insert(tier.begin(), tier.end());
  }
  return allowed;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

void write(const std::filesystem::path& file, const std::string& text) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

}  // namespace

TEST_CASE("layers: the folder include graph of the source tree has no cycle", "[architecture]") {
  const IncludeGraph g = read_include_graph(MLKG_SOURCE_DIR, kSourceFolders);
  REQUIRE(g.unit.size() > 100);  // the tree was found
  std::vector<std::string> cycles;
  for (const auto& c : include_cycles(g)) {
    std::string line;
    for (const std::string& u : c) line += (line.empty() ? "" : " ~ ") + u;
    cycles.push_back(line);
  }
  INFO(joined(cycles));
  CHECK(cycles.empty());
}

TEST_CASE("layers: every folder includes only the layers below it", "[architecture]") {
  const IncludeGraph g = read_include_graph(MLKG_SOURCE_DIR, kSourceFolders);
  const auto allowed = allowed_includes();
  std::set<std::string> units;
  for (const auto& [file, unit] : g.unit) units.insert(unit);
  // A new folder must be given its place in kTiers.
  for (const std::string& u : units) {
    INFO("the folder " << u << " is not in the layers of tests/architecture/layers_test.cpp");
    CHECK(allowed.count(u) == 1);
  }
  const std::vector<std::string> bad = forbidden_includes(g, allowed);
  INFO(joined(bad));
  CHECK(bad.empty());
}

TEST_CASE("layers: the check finds a cycle and an upward include in a tree that has them", "[architecture]") {
  TempDir dir;
  const std::filesystem::path root = dir.path();
  write(root / "engine/storage/store.hpp", "#pragma once\n#include \"engine/query/runner.hpp\"\n");
  write(root / "engine/query/runner.hpp", "#pragma once\n#include \"engine/storage/store.hpp\"\n");
  write(root / "engine/query/runner.cpp", "#include \"engine/query/runner.hpp\"\n#include \"repl/shell.hpp\"\n");
  write(root / "repl/shell.hpp", "#pragma once\n#include \"engine/query/runner.hpp\"\n");
  write(root / "grammar/cypher.hpp", "#pragma once\n#include <tao/pegtl.hpp>\n");
  const IncludeGraph g = read_include_graph(root, kSourceFolders);
  CHECK(g.unit.at("engine/query/runner.cpp") == "engine/query");
  CHECK(g.unit.at("grammar/cypher.hpp") == "grammar");

  const auto cycles = include_cycles(g);
  REQUIRE(cycles.size() == 1);
  CHECK(cycles[0] == std::vector<std::string>{"engine/query", "engine/storage", "repl"});

  const std::vector<std::string> bad = forbidden_includes(g, allowed_includes());
  REQUIRE(bad.size() == 2);
  CHECK(bad[0] == "engine/query -> repl (e.g. engine/query/runner.cpp -> repl/shell.hpp)");
  CHECK(bad[1] == "engine/storage -> engine/query (e.g. engine/storage/store.hpp -> engine/query/runner.hpp)");
}

TEST_CASE("layers: the query core may not include an extension, grammar no engine header", "[architecture]") {
  const auto allowed = allowed_includes();
  CHECK(allowed.at("engine/query/binder").count("engine/algo") == 0);
  CHECK(allowed.at("engine/query").count("engine/export") == 0);
  CHECK(allowed.at("engine/query/binder").count("engine/procedure") == 1);
  CHECK(allowed.at("grammar").empty());
  CHECK(allowed.at("engine/storage") == std::set<std::string>{"engine/common", "engine/value"});
  CHECK(allowed.at("engine/database").count("engine/fit") == 1);
  CHECK(allowed.at("engine/common").empty());
}

#pragma once
// The include graph of a checkout, folder by folder, and the checks the
// layering test makes of it (tests/architecture/layers_test.cpp).
//
// A unit is a folder: each folder directly below engine/ and below
// engine/query/, the files directly in engine/ ("engine/database"), and
// each top-level source folder (grammar, repl, and any front end beside
// them). An edge A -> B means some file of A has `#include "x"` where x is a
// file of B (found relative to the including file, the root, or engine/).
// Tests, benchmarks and fuzzers are not part of it.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace mlkg::test {

// The unit of a source file, from its path relative to the root.
inline std::string unit_of(const std::string& relative) {
  std::vector<std::string> parts;
  std::stringstream in(relative);
  for (std::string p; std::getline(in, p, '/');) parts.push_back(p);
  if (parts.empty()) return "";
  if (parts[0] != "engine") return parts[0];
  if (parts.size() == 2) return "engine/database";
  if (parts[1] == "query" && parts.size() > 3) return "engine/query/" + parts[2];
  return "engine/" + parts[1];
}

struct IncludeGraph {
  std::map<std::string, std::string> unit;  // source file (relative) -> its unit
  // (from unit, to unit) -> the includes that make the edge ("a.cpp -> b.hpp")
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> edges;
};

// Reads every C++ source file under root/<folder> for each of `folders`.
inline IncludeGraph read_include_graph(const std::filesystem::path& root, const std::vector<std::string>& folders) {
  namespace fs = std::filesystem;
  IncludeGraph g;
  std::vector<std::string> files;
  for (const std::string& folder : folders) {
    if (!fs::exists(root / folder)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root / folder)) {
      const std::string ext = entry.path().extension().string();
      if (!entry.is_regular_file() || (ext != ".hpp" && ext != ".cpp" && ext != ".h" && ext != ".cc")) continue;
      std::string rel = fs::relative(entry.path(), root).generic_string();
      files.push_back(rel);
      g.unit[rel] = unit_of(rel);
    }
  }
  static const std::regex kInclude(R"re(^\s*#\s*include\s*"([^"]+)")re");
  for (const std::string& rel : files) {
    std::ifstream in(root / rel);
    const std::string dir = fs::path(rel).parent_path().generic_string();
    for (std::string line; std::getline(in, line);) {
      std::smatch m;
      if (!std::regex_search(line, m, kInclude)) continue;
      const std::string inc = m[1];
      for (const std::string& candidate :
           {fs::path(dir + "/" + inc).lexically_normal().generic_string(), fs::path(inc).lexically_normal().generic_string(),
            fs::path("engine/" + inc).lexically_normal().generic_string()}) {
        auto target = g.unit.find(candidate);
        if (target == g.unit.end()) continue;
        if (target->second != g.unit[rel]) g.edges[{g.unit[rel], target->second}].push_back(rel + " -> " + candidate);
        break;
      }
    }
  }
  return g;
}

// The strongly connected components of more than one unit: each is a cycle.
inline std::vector<std::vector<std::string>> include_cycles(const IncludeGraph& g) {
  std::map<std::string, std::vector<std::string>> next;
  std::set<std::string> units;
  for (const auto& [file, u] : g.unit) units.insert(u);
  for (const auto& [edge, examples] : g.edges) next[edge.first].push_back(edge.second);
  std::map<std::string, int> index, low;
  std::vector<std::string> stack;
  std::set<std::string> on_stack;
  std::vector<std::vector<std::string>> out;
  int counter = 0;
  std::function<void(const std::string&)> strong = [&](const std::string& v) {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    on_stack.insert(v);
    for (const std::string& w : next[v]) {
      if (!index.count(w)) {
        strong(w);
        low[v] = std::min(low[v], low[w]);
      } else if (on_stack.count(w)) {
        low[v] = std::min(low[v], index[w]);
      }
    }
    if (low[v] == index[v]) {
      std::vector<std::string> component;
      std::string w;
      do {
        w = stack.back();
        stack.pop_back();
        on_stack.erase(w);
        component.push_back(w);
      } while (w != v);
      if (component.size() > 1) {
        std::sort(component.begin(), component.end());
        out.push_back(component);
      }
    }
  };
  for (const std::string& u : units)
    if (!index.count(u)) strong(u);
  return out;
}

// The edges `allowed` does not list, as "A -> B (e.g. a.cpp -> b.hpp)". A
// unit missing from `allowed` may include nothing; one whose set holds "*"
// may include any unit.
inline std::vector<std::string> forbidden_includes(const IncludeGraph& g,
                                                   const std::map<std::string, std::set<std::string>>& allowed) {
  std::vector<std::string> out;
  for (const auto& [edge, examples] : g.edges) {
    auto a = allowed.find(edge.first);
    const bool ok = a != allowed.end() && (a->second.count(edge.second) > 0 || a->second.count("*") > 0);
    if (!ok) out.push_back(edge.first + " -> " + edge.second + " (e.g. " + examples.front() + ")");
  }
  return out;
}

}  // namespace mlkg::test

#pragma once
// Small graphs for the algorithm tests: a fresh database per graph, built
// with one CREATE statement (every node has an `id`), and helpers that read
// results by those ids.

#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/database.hpp"
#include "engine/common/query_error.hpp"
#include "support/temp_dir.hpp"
#include "support/test_db.hpp"

namespace mlkg::test {

// a -> b -> c -> d -> e
inline const char* kPathGraph =
    "CREATE (a:N {id: 'a'})-[:R]->(b:N {id: 'b'})-[:R]->(c:N {id: 'c'})-[:R]->(d:N {id: 'd'})-[:R]->(e:N {id: 'e'})";

// a -> b -> d and a -> c -> d: two shortest paths from a to d.
inline const char* kDiamond =
    "CREATE (a:N {id: 'a'}), (b:N {id: 'b'}), (c:N {id: 'c'}), (d:N {id: 'd'}), "
    "(a)-[:R]->(b), (b)-[:R]->(d), (a)-[:R]->(c), (c)-[:R]->(d)";

class SmallGraph {
 public:
  explicit SmallGraph(const std::string& create) : db_(open_db(dir_.sub("db"))) {
    if (!create.empty()) db_->execute(create);
  }
  Database& db() { return *db_; }
  query::QueryResult run(const std::string& text, const ValueMap& params = {}) { return db_->execute(text, params); }
  // The message of the QueryError `text` throws ("" if it succeeds).
  std::string error(const std::string& text) {
    try {
      db_->execute(text);
    } catch (const query::QueryError& e) {
      return e.what();
    }
    return "";
  }

 private:
  TempDir dir_;
  std::unique_ptr<Database> db_;
};

// The `id` property of a materialised node.
inline std::string id_of(const Value& node) {
  REQUIRE(node.is_node());
  REQUIRE(node.as_node().data);
  return node.as_node().data->properties->at("id").as_string();
}

// The ids of a path's nodes, space-separated: "a b c".
inline std::string path_ids(const Value& path) {
  REQUIRE(path.is_path());
  std::string out;
  for (const NodeValue& n : path.as_path().nodes) out += (out.empty() ? "" : " ") + id_of(Value(n));
  return out;
}

// The ids of a list of nodes, sorted and space-separated.
inline std::string sorted_ids(const Value& nodes) {
  std::vector<std::string> ids;
  for (const Value& n : nodes.as_list()) ids.push_back(id_of(n));
  std::sort(ids.begin(), ids.end());
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : " ") + id;
  return out;
}

// Rows of (node, number) as id -> number.
inline std::map<std::string, double> by_id(const query::QueryResult& r) {
  std::map<std::string, double> out;
  for (const ValueList& row : r.rows)
    out[id_of(row[0])] = row[1].is_int() ? static_cast<double>(row[1].as_int()) : row[1].as_float();
  return out;
}

}  // namespace mlkg::test

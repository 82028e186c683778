// shortestPath() and allShortestPaths() in MATCH against a reference that
// needs no search of its own: a variable-length MATCH lists every trail
// between two nodes, and the shortest trails (that satisfy a WHERE) are
// exactly the shortest paths. On small random graphs, for every pair of
// nodes, direction and kind of WHERE: shortestPath returns one path of the
// reference's least length (none when the reference has none), and
// allShortestPaths as many paths of that length as the reference has.

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "engine/database.hpp"
#include "engine/query/parser/parser.hpp"
#include "support/temp_dir.hpp"
#include "support/test_db.hpp"

using namespace mlkg;

namespace {

// (a.i, b.i) -> the lengths of the paths a query returned for the pair.
using Lengths = std::map<std::pair<int64_t, int64_t>, std::vector<int64_t>>;

Lengths lengths_by_pair(Database& db, const std::string& text) {
  INFO(text);
  query::QueryResult r = db.execute(text);
  Lengths out;
  for (const ValueList& row : r.rows) {
    std::vector<int64_t>& lengths = out[{row.at(0).as_int(), row.at(1).as_int()}];
    for (const Value& v : row.at(2).as_list()) lengths.push_back(v.as_int());
  }
  return out;
}

void create_random_graph(Database& db, int nodes, int rels, uint32_t seed) {
  std::mt19937 rng(seed);
  db.execute("UNWIND range(0, " + std::to_string(nodes - 1) + ") AS i CREATE (:V {i: i})");
  for (int k = 0; k < rels; ++k) {
    int a = static_cast<int>(rng() % nodes), b = static_cast<int>(rng() % nodes);
    std::string type = rng() % 3 == 0 ? "U" : "T";
    std::string w = std::to_string(1 + rng() % 2);
    db.execute("MATCH (a:V {i: " + std::to_string(a) + "}), (b:V {i: " + std::to_string(b) + "}) CREATE (a)-[:" +
               type + " {w: " + w + "}]->(b)");
  }
}

}  // namespace

TEST_CASE("shortestPath and allShortestPaths agree with the shortest trails a variable-length MATCH lists",
          "[query][shortest]") {
  const std::vector<std::string> arrows = {"-[:T*]->", "-[*]-", "<-[:T|U*]-"};
  const std::vector<std::string> conditions = {
      "", "WHERE length(p) >= 3", "WHERE none(n IN nodes(p) WHERE n.i = 2)",
      "WHERE all(r IN relationships(p) WHERE r.w = 1)"};
  for (uint32_t seed = 1; seed <= 12; ++seed) {
    test::TempDir dir;
    auto db = test::open_db(dir.sub("db"));
    create_random_graph(*db, 6, 9, seed);
    for (const std::string& arrow : arrows) {
      for (const std::string& where : conditions) {
        INFO("seed " << seed << ", (a)" << arrow << "(b) " << where);
        const std::string pairs = "MATCH (a:V), (b:V) WHERE a <> b OPTIONAL MATCH p = ";
        const std::string tail = " " + where + " RETURN a.i, b.i, collect(length(p))";
        Lengths reference = lengths_by_pair(*db, pairs + "(a)" + arrow + "(b)" + tail);
        Lengths one = lengths_by_pair(*db, pairs + "shortestPath((a)" + arrow + "(b))" + tail);
        Lengths all = lengths_by_pair(*db, pairs + "allShortestPaths((a)" + arrow + "(b))" + tail);
        REQUIRE(reference.size() == 30);
        for (const auto& [pair, trails] : reference) {
          INFO("from " << pair.first << " to " << pair.second);
          if (trails.empty()) {
            CHECK(one[pair].empty());
            CHECK(all[pair].empty());
            continue;
          }
          int64_t shortest = *std::min_element(trails.begin(), trails.end());
          auto count = std::count(trails.begin(), trails.end(), shortest);
          CHECK(one[pair] == std::vector<int64_t>{shortest});
          CHECK(all[pair] == std::vector<int64_t>(static_cast<size_t>(count), shortest));
        }
      }
    }
  }
}

TEST_CASE("allShortestPaths counts the monotone ways across a grid", "[query][shortest]") {
  // A 4 x 3 grid of nodes with edges right and down: from one corner to the
  // other, every shortest path takes 3 steps right and 2 down, C(5, 2) = 10 ways.
  test::TempDir dir;
  auto db = test::open_db(dir.sub("db"));
  db->execute("UNWIND range(0, 3) AS x UNWIND range(0, 2) AS y CREATE (:Cell {x: x, y: y})");
  db->execute("MATCH (a:Cell), (b:Cell) WHERE (b.x = a.x + 1 AND b.y = a.y) OR (b.x = a.x AND b.y = a.y + 1) "
              "CREATE (a)-[:NEXT]->(b)");
  auto count_paths = [&](const std::string& function, const std::string& arrow) {
    query::QueryResult r = db->execute("MATCH (a:Cell {x: 0, y: 0}), (b:Cell {x: 3, y: 2}) MATCH p = " + function +
                                       "((a)" + arrow + "(b)) RETURN count(p), min(length(p)), max(length(p))");
    return r.rows.at(0);
  };
  CHECK(count_paths("allShortestPaths", "-[:NEXT*]->") == ValueList{Value(int64_t{10}), Value(int64_t{5}), Value(int64_t{5})});
  CHECK(count_paths("allShortestPaths", "-[:NEXT*]-") == ValueList{Value(int64_t{10}), Value(int64_t{5}), Value(int64_t{5})});
  CHECK(count_paths("shortestPath", "-[:NEXT*]->") == ValueList{Value(int64_t{1}), Value(int64_t{5}), Value(int64_t{5})});
  CHECK(count_paths("allShortestPaths", "<-[:NEXT*]-") == ValueList{Value(int64_t{0}), Value(), Value()});
  CHECK(count_paths("allShortestPaths", "-[:NEXT*..4]->") == ValueList{Value(int64_t{0}), Value(), Value()});

  // Each path is a real one: consecutive cells, one step right or down.
  query::QueryResult r = db->execute(
      "MATCH p = allShortestPaths((:Cell {x: 0, y: 0})-[:NEXT*]->(:Cell {x: 3, y: 2})) "
      "RETURN all(i IN range(0, length(p) - 1) WHERE (nodes(p)[i + 1]).x + (nodes(p)[i + 1]).y = "
      "(nodes(p)[i]).x + (nodes(p)[i]).y + 1), [n IN nodes(p) | [n.x, n.y]]");
  REQUIRE(r.rows.size() == 10);
  std::vector<std::string> distinct;
  for (const ValueList& row : r.rows) {
    CHECK(row.at(0) == Value(true));
    distinct.push_back(row.at(1).to_literal());
  }
  std::sort(distinct.begin(), distinct.end());
  CHECK(std::unique(distinct.begin(), distinct.end()) == distinct.end());
}

TEST_CASE("EXPLAIN shows the shortest path search and the conditions it checks", "[query][shortest]") {
  test::TempDir dir;
  auto db = test::open_db(dir.sub("db"));
  db->execute("CREATE (:V {i: 1})-[:T]->(:V {i: 2})");
  query::QueryResult r = db->execute(
      "EXPLAIN MATCH (a:V {i: 1}), (b:V {i: 2}) MATCH p = allShortestPaths((a)-[:T*..3]->(b)) "
      "WHERE length(p) > 1 RETURN p");
  INFO(r.plan);
  CHECK(r.plan.find("+AllShortestPaths p = (a)-[anon_") != std::string::npos);
  CHECK(r.plan.find(":T*1..3]->(b) WHERE (length(p) > 1)") != std::string::npos);
  r = db->execute("EXPLAIN MATCH p = shortestPath((a:V)-[r*]-(b:V)) RETURN p");
  INFO(r.plan);
  CHECK(r.plan.find("+ShortestPath p = (a)-[r*1..]-(b)") != std::string::npos);
}

TEST_CASE("a shortest path search that tries paths by length stops when the statement is cancelled",
          "[query][shortest]") {
  // On a 20 x 20 grid, no path between opposite corners has length 39 (the
  // grid is bipartite), so the search enumerates every path of 39 steps
  // before it can try 40: far longer than a test may wait, unless it looks
  // for the cancellation as it goes.
  test::TempDir dir;
  auto db = test::open_db(dir.sub("db"));
  db->execute("UNWIND range(0, 19) AS x UNWIND range(0, 19) AS y CREATE (:Cell {x: x, y: y})");
  db->execute("MATCH (a:Cell), (b:Cell) WHERE (b.x = a.x + 1 AND b.y = a.y) OR (b.x = a.x AND b.y = a.y + 1) "
              "CREATE (a)-[:NEXT]->(b)");
  auto statements = query::parse_script(
      "MATCH p = shortestPath((:Cell {x: 0, y: 0})-[:NEXT*]-(:Cell {x: 19, y: 19})) WHERE length(p) > 38 "
      "RETURN length(p)");
  std::atomic<bool> cancelled{false};
  auto start = std::chrono::steady_clock::now();
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    cancelled = true;
  });
  std::string error;
  try {
    db->execute(statements.at(0), {}, &cancelled);
  } catch (const query::QueryError& e) {
    error = e.what();
  }
  canceller.join();
  CHECK(error == "TransientError: Cancelled: the statement was cancelled");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE("a condition on every node or relationship of the path is checked as the breadth-first search goes",
          "[query][shortest]") {
  // A wall at x = 5 with a gap at the top: the way from (0, 0) to (19, 0)
  // climbs to the gap and back, 5 + 19 + 14 + 19 = 57 steps. Tried path by
  // path, the search would never get there; checked node by node, it is a
  // breadth-first search.
  test::TempDir dir;
  auto db = test::open_db(dir.sub("db"));
  db->execute("UNWIND range(0, 19) AS x UNWIND range(0, 19) AS y CREATE (:Cell {x: x, y: y})");
  db->execute("MATCH (a:Cell), (b:Cell) WHERE (b.x = a.x + 1 AND b.y = a.y) OR (b.x = a.x AND b.y = a.y + 1) "
              "CREATE (a)-[:NEXT {wall: a.x = 5 AND b.x = 6 AND a.y < 19}]->(b)");
  const std::string ends = "MATCH (a:Cell {x: 0, y: 0}), (b:Cell {x: 19, y: 0}) ";
  query::QueryResult r = db->execute(ends + "MATCH p = shortestPath((a)-[:NEXT*]-(b)) "
                                            "WHERE none(n IN nodes(p) WHERE n.x = 5 AND n.y < 19) RETURN length(p)");
  CHECK(r.rows == std::vector<ValueList>{{Value(int64_t{57})}});
  r = db->execute(ends + "MATCH p = shortestPath((a)-[rs:NEXT*]-(b)) WHERE all(r IN rs WHERE NOT r.wall) "
                         "RETURN length(p)");
  CHECK(r.rows == std::vector<ValueList>{{Value(int64_t{19 + 2 * 19})}});
  r = db->execute(ends + "MATCH p = shortestPath((a)-[:NEXT*]-(b)) "
                         "WHERE all(n IN nodes(p) WHERE n.y = 0 OR n.x > 19) RETURN length(p)");
  CHECK(r.rows == std::vector<ValueList>{{Value(int64_t{19})}});
  // An end node that fails the condition: no path.
  r = db->execute(ends + "MATCH p = shortestPath((a)-[:NEXT*]-(b)) WHERE none(n IN nodes(p) WHERE n.x = 19) "
                         "RETURN length(p)");
  CHECK(r.rows.empty());
  r = db->execute("EXPLAIN " + ends + "MATCH p = shortestPath((a)-[:NEXT*]-(b)) "
                                      "WHERE none(n IN nodes(p) WHERE n.x = 5) RETURN p");
  INFO(r.plan);
  CHECK(r.plan.find("WHERE none(n IN nodes(p) WHERE (n.x = 5))") != std::string::npos);
}

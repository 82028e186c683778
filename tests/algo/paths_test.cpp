// algo.shortestPath, algo.allShortestPaths, algo.kHop and algo.subgraph
// through Cypher, on graphs small enough to work out by hand.

#include <catch2/catch.hpp>

#include <set>

#include "algo/algo_graphs.hpp"

using namespace mlkg;
using test::path_ids;
using test::SmallGraph;

namespace {

std::string shortest(SmallGraph& g, const std::string& from, const std::string& to, const std::string& config,
                     int64_t* length = nullptr, double* cost = nullptr) {
  auto r = g.run("MATCH (s {id: '" + from + "'}), (t {id: '" + to + "'}) CALL algo.shortestPath(s, t, " + config +
                 ") YIELD path, length, cost RETURN path, length, cost");
  if (r.rows.empty()) return "none";
  REQUIRE(r.rows.size() == 1);
  REQUIRE(r.rows[0][0].as_path().rels.size() == static_cast<size_t>(r.rows[0][1].as_int()));
  if (length) *length = r.rows[0][1].as_int();
  if (cost) *cost = r.rows[0][2].as_float();
  return path_ids(r.rows[0][0]);
}

std::set<std::string> all_shortest(SmallGraph& g, const std::string& from, const std::string& to,
                                   const std::string& config) {
  auto r = g.run("MATCH (s {id: '" + from + "'}), (t {id: '" + to + "'}) CALL algo.allShortestPaths(s, t, " + config +
                 ") YIELD path RETURN path");
  std::set<std::string> out;
  for (const auto& row : r.rows) REQUIRE(out.insert(path_ids(row[0])).second);  // no path twice
  return out;
}

std::map<std::string, double> k_hop(SmallGraph& g, const std::string& from, const std::string& config) {
  return test::by_id(
      g.run("MATCH (s {id: '" + from + "'}) CALL algo.kHop(s, " + config + ") YIELD node, depth RETURN node, depth"));
}

}  // namespace

TEST_CASE("algo.shortestPath: on a path graph, direction decides whether there is a path", "[algo]") {
  SmallGraph g(test::kPathGraph);
  int64_t length = -1;
  double cost = -1;
  CHECK(shortest(g, "a", "e", "{direction: 'OUTGOING'}", &length, &cost) == "a b c d e");
  CHECK(length == 4);
  CHECK(cost == 4.0);
  CHECK(shortest(g, "e", "a", "{direction: 'OUTGOING'}") == "none");  // no path: no row
  CHECK(shortest(g, "e", "a", "{direction: 'INCOMING'}") == "e d c b a");
  CHECK(shortest(g, "a", "e", "{direction: 'INCOMING'}") == "none");
  CHECK(shortest(g, "e", "a", "{}") == "e d c b a");  // BOTH by default
  CHECK(shortest(g, "b", "d", "{direction: 'out'}") == "b c d");  // short forms, any case
  CHECK(shortest(g, "c", "c", "{}", &length, &cost) == "c");  // the path of length 0
  CHECK(length == 0);
  CHECK(cost == 0.0);
}

TEST_CASE("algo.shortestPath: the path's relationships are the graph's, in path order", "[algo]") {
  SmallGraph g(test::kPathGraph);
  auto r = g.run(
      "MATCH (s {id: 'a'}), (t {id: 'd'}) CALL algo.shortestPath(s, t, {direction: 'OUTGOING'}) YIELD path "
      "RETURN [r IN relationships(path) | [startNode(r).id, endNode(r).id, type(r)]] AS steps");
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0][0].to_literal() == "[['a', 'b', 'R'], ['b', 'c', 'R'], ['c', 'd', 'R']]");
  // Walked against its direction, a relationship still points the way it does in the graph.
  r = g.run(
      "MATCH (s {id: 'c'}), (t {id: 'a'}) CALL algo.shortestPath(s, t) YIELD path "
      "RETURN [r IN relationships(path) | [startNode(r).id, endNode(r).id]] AS steps, [n IN nodes(path) | n.id]");
  CHECK(r.rows[0][0].to_literal() == "[['b', 'c'], ['a', 'b']]");
  CHECK(r.rows[0][1].to_literal() == "['c', 'b', 'a']");
}

TEST_CASE("algo.shortestPath and allShortestPaths: a diamond has two shortest paths", "[algo]") {
  SmallGraph g(test::kDiamond);
  int64_t length = -1;
  std::string one = shortest(g, "a", "d", "{direction: 'OUTGOING'}", &length);
  CHECK((one == "a b d" || one == "a c d"));
  CHECK(length == 2);
  CHECK(all_shortest(g, "a", "d", "{direction: 'OUTGOING'}") == std::set<std::string>{"a b d", "a c d"});
  CHECK(all_shortest(g, "d", "a", "{direction: 'INCOMING'}") == std::set<std::string>{"d b a", "d c a"});
  CHECK(all_shortest(g, "d", "a", "{direction: 'OUTGOING'}").empty());
  // Undirected, b and c are two hops apart two ways (through a and through d).
  CHECK(all_shortest(g, "b", "c", "{}") == std::set<std::string>{"b a c", "b d c"});
  CHECK(all_shortest(g, "b", "b", "{}") == std::set<std::string>{"b"});
}

TEST_CASE("algo.allShortestPaths: parallel relationships make distinct paths", "[algo]") {
  SmallGraph g("CREATE (a:N {id: 'a'}), (b:N {id: 'b'}), (c:N {id: 'c'}), (a)-[:R]->(b), (a)-[:S]->(b), (b)-[:R]->(c)");
  auto r = g.run(
      "MATCH (s {id: 'a'}), (t {id: 'c'}) CALL algo.allShortestPaths(s, t) YIELD path, length "
      "RETURN [r IN relationships(path) | type(r)] AS types, length ORDER BY types");
  REQUIRE(r.rows.size() == 2);
  CHECK(r.rows[0][0].to_literal() == "['R', 'R']");
  CHECK(r.rows[1][0].to_literal() == "['S', 'R']");
  CHECK(r.rows[0][1].as_int() == 2);
}

TEST_CASE("algo.shortestPath: with a weight, Dijkstra finds the cheaper, longer path", "[algo]") {
  // a -> c directly costs 5; a -> b -> c costs 1 + 1.5. A relationship
  // without the weight (b -> d) weighs defaultWeight.
  SmallGraph g(
      "CREATE (a:N {id: 'a'}), (b:N {id: 'b'}), (c:N {id: 'c'}), (d:N {id: 'd'}), "
      "(a)-[:R {w: 5}]->(c), (a)-[:R {w: 1}]->(b), (b)-[:R {w: 1.5}]->(c), (b)-[:R]->(d), (c)-[:R {w: 0.5}]->(d)");
  int64_t length = -1;
  double cost = -1;
  CHECK(shortest(g, "a", "c", "{direction: 'OUTGOING'}", &length, &cost) == "a c");  // unweighted: fewest hops
  CHECK(length == 1);
  CHECK(cost == 1.0);
  CHECK(shortest(g, "a", "c", "{direction: 'OUTGOING', weight: 'w'}", &length, &cost) == "a b c");
  CHECK(length == 2);
  CHECK(cost == 2.5);
  // b -> d weighs 1 by default: a b d (2.0) beats a b c d (3.0).
  CHECK(shortest(g, "a", "d", "{direction: 'OUTGOING', weight: 'w'}", &length, &cost) == "a b d");
  CHECK(cost == 2.0);
  // With defaultWeight 10 it does not.
  CHECK(shortest(g, "a", "d", "{direction: 'OUTGOING', weight: 'w', defaultWeight: 10}", &length, &cost) ==
        "a b c d");
  CHECK(cost == 3.0);
  // Weighted ties: a -> c costs 2.5 both ways once a -> c weighs 2.5.
  SmallGraph tie(
      "CREATE (a:N {id: 'a'}), (b:N {id: 'b'}), (c:N {id: 'c'}), "
      "(a)-[:R {w: 2.5}]->(c), (a)-[:R {w: 1}]->(b), (b)-[:R {w: 1.5}]->(c)");
  CHECK(all_shortest(tie, "a", "c", "{direction: 'OUTGOING', weight: 'w'}") == std::set<std::string>{"a c", "a b c"});
  CHECK(all_shortest(tie, "a", "c", "{direction: 'OUTGOING'}") == std::set<std::string>{"a c"});
}

TEST_CASE("algo.shortestPath: relationship types and labels restrict the graph searched", "[algo]") {
  // a -R-> b -R-> c, and a shortcut a -S-> c; x:Other sits between a and c too.
  SmallGraph g(
      "CREATE (a:N {id: 'a'}), (b:N {id: 'b'}), (c:N {id: 'c'}), (x:Other {id: 'x'}), "
      "(a)-[:R]->(b), (b)-[:R]->(c), (a)-[:S]->(c), (a)-[:T]->(x), (x)-[:T]->(c)");
  CHECK(shortest(g, "a", "c", "{}") == "a c");
  CHECK(shortest(g, "a", "c", "{relationshipTypes: ['R']}") == "a b c");
  CHECK(shortest(g, "a", "c", "{relationshipTypes: 'T'}") == "a x c");
  CHECK(shortest(g, "a", "c", "{relationshipTypes: ['T'], labels: ['N']}") == "none");
  CHECK(shortest(g, "a", "c", "{relTypes: ['R']}") == "a b c");  // the alias
}

TEST_CASE("algo.kHop: the nodes within k hops and their depth", "[algo]") {
  SmallGraph g(test::kPathGraph);
  using M = std::map<std::string, double>;
  CHECK(k_hop(g, "c", "{}") == M{{"b", 1}, {"d", 1}});  // k = 1, BOTH
  CHECK(k_hop(g, "c", "{k: 2}") == M{{"a", 2}, {"b", 1}, {"d", 1}, {"e", 2}});
  CHECK(k_hop(g, "a", "{k: 2, direction: 'OUTGOING'}") == M{{"b", 1}, {"c", 2}});
  CHECK(k_hop(g, "a", "{k: 10, direction: 'INCOMING'}").empty());
  CHECK(k_hop(g, "a", "{k: 0}").empty());
  CHECK(k_hop(g, "a", "{maxDepth: 3, direction: 'OUTGOING'}") == M{{"b", 1}, {"c", 2}, {"d", 3}});  // the alias
  // Rows come nearest first.
  auto r = g.run("MATCH (s {id: 'c'}) CALL algo.kHop(s, {k: 2}) YIELD node, depth RETURN node.id, depth");
  REQUIRE(r.rows.size() == 4);
  CHECK(r.rows[0][1].as_int() == 1);
  CHECK(r.rows[1][1].as_int() == 1);
  CHECK(r.rows[2][1].as_int() == 2);
  CHECK(r.rows[3][1].as_int() == 2);
}

TEST_CASE("algo.subgraph: the nodes within k hops and every relationship among them", "[algo]") {
  // The diamond plus b -> c, so the subgraph around a holds a relationship
  // that was not walked to reach it.
  SmallGraph g(std::string(test::kDiamond) + ", (b)-[:S]->(c)");
  auto run = [&](const std::string& sources, const std::string& config) {
    auto r = g.run(sources + " CALL algo.subgraph(s, " + config +
                   ") YIELD nodes, relationships "
                   "RETURN nodes, [r IN relationships | startNode(r).id + '>' + endNode(r).id] AS rels");
    REQUIRE(r.rows.size() == 1);
    std::vector<std::string> rels;
    for (const Value& v : r.rows[0][1].as_list()) rels.push_back(v.as_string());
    std::sort(rels.begin(), rels.end());
    std::string joined;
    for (const auto& x : rels) joined += (joined.empty() ? "" : " ") + x;
    return test::sorted_ids(r.rows[0][0]) + " | " + joined;
  };
  CHECK(run("MATCH (s {id: 'a'})", "{direction: 'OUTGOING'}") == "a b c | a>b a>c b>c");
  CHECK(run("MATCH (s {id: 'a'})", "{direction: 'OUTGOING', k: 0}") == "a | ");
  CHECK(run("MATCH (s {id: 'd'})", "{}") == "b c d | b>c b>d c>d");
  CHECK(run("MATCH (s {id: 'd'})", "{relationshipTypes: ['R']}") == "b c d | b>d c>d");
  // A list of sources.
  CHECK(run("MATCH (x {id: 'b'}), (y {id: 'c'}) WITH [x, y] AS s", "{direction: 'INCOMING'}") ==
        "a b c | a>b a>c b>c");
}

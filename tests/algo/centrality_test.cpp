// algo.pageRank and algo.betweenness, against values computed independently.

#include <catch2/catch.hpp>

#include <cmath>

#include "algo/algo_graphs.hpp"

using namespace mlkg;
using test::SmallGraph;

namespace {

// a -> b (twice), a -> c, b -> c, c -> a, c -> e, d -> c; e and f have no
// out-edges (f no edges at all).
const char* kPageRankGraph =
    "CREATE (a:N {id: 'a'}), (b:N {id: 'b'}), (c:N {id: 'c'}), (d:N {id: 'd'}), (e:N {id: 'e'}), (f:N {id: 'f'}), "
    "(a)-[:R]->(b), (a)-[:R]->(b), (a)-[:R]->(c), (b)-[:R]->(c), (c)-[:R]->(a), (c)-[:R]->(e), (d)-[:R]->(c)";

// PageRank as a dense power iteration over the Google matrix, written
// independently of engine/algo: G[v][u] = d/outdeg(u) per edge u -> v (each
// parallel edge counted), d/n for every v when u has no out-edges, plus
// (1 - d)/n.
std::map<std::string, double> power_iteration(const std::vector<std::string>& ids,
                                              const std::vector<std::pair<int, int>>& edges, double d, int iterations) {
  const size_t n = ids.size();
  std::vector<std::vector<double>> G(n, std::vector<double>(n, (1 - d) / n));
  std::vector<int> out(n, 0);
  for (auto [u, v] : edges) ++out[u];
  for (size_t u = 0; u < n; ++u)
    if (out[u] == 0)
      for (size_t v = 0; v < n; ++v) G[v][u] += d / n;
  for (auto [u, v] : edges) G[v][u] += d / out[u];
  std::vector<double> x(n, 1.0 / n);
  for (int i = 0; i < iterations; ++i) {
    std::vector<double> y(n, 0.0);
    for (size_t v = 0; v < n; ++v)
      for (size_t u = 0; u < n; ++u) y[v] += G[v][u] * x[u];
    x = y;
  }
  std::map<std::string, double> out_scores;
  for (size_t i = 0; i < n; ++i) out_scores[ids[i]] = x[i];
  return out_scores;
}

void require_close(const std::map<std::string, double>& got, const std::map<std::string, double>& want, double eps) {
  REQUIRE(got.size() == want.size());
  for (const auto& [id, score] : want) {
    INFO(id << ": got " << got.at(id) << ", want " << score);
    CHECK(std::abs(got.at(id) - score) <= eps);
  }
}

}  // namespace

TEST_CASE("algo.pageRank: matches networkx and an independent power iteration within 1e-6", "[algo]") {
  SmallGraph g(kPageRankGraph);
  auto scores = test::by_id(g.run(
      "CALL algo.pageRank({iterations: 200, tolerance: 0.0}) YIELD node, score RETURN node, score"));
  // networkx 3.6.1, pagerank_alg._pagerank_python(MultiDiGraph with these
  // edges, alpha=0.85, tol=1e-15): computed once, offline.
  const std::map<std::string, double> networkx{
      {"a", 0.1951999151634055}, {"b", 0.1719569605774951}, {"c", 0.3149558584592297},
      {"d", 0.061343675318231934}, {"e", 0.1951999151634055}, {"f", 0.061343675318231934}};
  require_close(scores, networkx, 1e-6);
  const std::vector<std::string> ids{"a", "b", "c", "d", "e", "f"};
  const std::vector<std::pair<int, int>> edges{{0, 1}, {0, 1}, {0, 2}, {1, 2}, {2, 0}, {2, 4}, {3, 2}};
  require_close(scores, power_iteration(ids, edges, 0.85, 200), 1e-6);
  double sum = 0;
  for (const auto& [id, s] : scores) sum += s;
  CHECK(std::abs(sum - 1.0) < 1e-9);

  // Other damping factors and a fixed number of iterations agree with the
  // power iteration run for the same number of iterations.
  auto three = test::by_id(g.run(
      "CALL algo.pageRank({iterations: 3, dampingFactor: 0.5, tolerance: 0.0}) YIELD node, score RETURN node, score"));
  require_close(three, power_iteration(ids, edges, 0.5, 3), 1e-12);
}

TEST_CASE("algo.pageRank: defaults, the tolerance, and filters", "[algo]") {
  SmallGraph g(kPageRankGraph);
  // Defaults: 20 iterations (or fewer, once no score moves by 1e-7).
  auto defaults = test::by_id(g.run("CALL algo.pageRank() YIELD node, score RETURN node, score"));
  auto converged = test::by_id(g.run("CALL algo.pageRank({iterations: 200, tolerance: 0.0}) YIELD node, score RETURN node, score"));
  require_close(defaults, converged, 1e-4);
  // One iteration from 1/6 each, by hand: f (dangling, no in-edges) gets
  // (1 - d)/6 + d * (e + f) / 6 / 6 = 0.025 + 0.85 * (2/6) / 6.
  auto one = test::by_id(g.run("CALL algo.pageRank({iterations: 1}) YIELD node, score RETURN node, score"));
  CHECK(std::abs(one.at("f") - (0.15 / 6 + 0.85 * (2.0 / 6) / 6)) < 1e-12);
  // Only the N nodes carrying id 'a'..'c' through labels: a triangle-ish graph of three.
  SmallGraph labelled(
      "CREATE (a:N {id: 'a'}), (b:N {id: 'b'}), (x:X {id: 'x'}), (a)-[:R]->(b), (b)-[:R]->(a), (a)-[:R]->(x), "
      "(x)-[:S]->(b)");
  auto two = test::by_id(labelled.run("CALL algo.pageRank({labels: 'N'}) YIELD node, score RETURN node, score"));
  CHECK(two.size() == 2);
  CHECK(std::abs(two.at("a") - 0.5) < 1e-12);  // a <-> b: symmetric
  auto typed = test::by_id(labelled.run(
      "CALL algo.pageRank({relationshipTypes: ['S'], iterations: 100}) YIELD node, score RETURN node, score"));
  CHECK(typed.size() == 3);  // every node, only S edges: x -> b
  CHECK(typed.at("b") > typed.at("x"));
  CHECK(std::abs(typed.at("a") - typed.at("x")) < 1e-12);
}

TEST_CASE("algo.betweenness: a star's centre lies on every path between leaves", "[algo]") {
  // networkx.star_graph(4): betweenness 6 at the centre unnormalised (the
  // C(4, 2) pairs of leaves), 1.0 normalised; 0 at the leaves.
  SmallGraph g(
      "CREATE (c:N {id: 'c'}), (l1:N {id: 'l1'}), (l2:N {id: 'l2'}), (l3:N {id: 'l3'}), (l4:N {id: 'l4'}), "
      "(c)-[:R]->(l1), (c)-[:R]->(l2), (l3)-[:R]->(c), (l4)-[:R]->(c)");
  auto undirected = test::by_id(g.run("CALL algo.betweenness({direction: 'BOTH'}) YIELD node, score RETURN node, score"));
  CHECK(undirected == std::map<std::string, double>{{"c", 1.0}, {"l1", 0}, {"l2", 0}, {"l3", 0}, {"l4", 0}});
  auto raw = test::by_id(
      g.run("CALL algo.betweenness({direction: 'BOTH', normalized: false}) YIELD node, score RETURN node, score"));
  CHECK(raw.at("c") == 6.0);
  // Directed: only l3 and l4 reach l1 and l2 through c: 4 ordered pairs of
  // the 4 * 3 = 12 possible.
  auto directed = test::by_id(g.run("CALL algo.betweenness({normalized: false}) YIELD node, score RETURN node, score"));
  CHECK(directed.at("c") == 4.0);
  CHECK(directed.at("l1") == 0.0);
  auto directed_norm = test::by_id(g.run("CALL algo.betweenness() YIELD node, score RETURN node, score"));
  CHECK(std::abs(directed_norm.at("c") - 4.0 / 12.0) < 1e-12);
}

TEST_CASE("algo.betweenness: shared shortest paths split the credit", "[algo]") {
  // The diamond: a -> d goes through b or c, half each. The path a -> b -> c:
  // networkx gives b 1.0 unnormalised, 0.5 normalised (1 of (3-1)(3-2) pairs).
  SmallGraph diamond(test::kDiamond);
  auto d = test::by_id(diamond.run("CALL algo.betweenness({normalized: false}) YIELD node, score RETURN node, score"));
  CHECK(d == std::map<std::string, double>{{"a", 0}, {"b", 0.5}, {"c", 0.5}, {"d", 0}});
  SmallGraph path("CREATE (:N {id: 'a'})-[:R]->(:N {id: 'b'})-[:R]->(:N {id: 'c'})");
  auto p = test::by_id(path.run("CALL algo.betweenness() YIELD node, score RETURN node, score"));
  CHECK(p == std::map<std::string, double>{{"a", 0}, {"b", 0.5}, {"c", 0}});
}

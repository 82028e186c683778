// algo.wcc and algo.topoSort.

#include <catch2/catch.hpp>

#include "algo/algo_graphs.hpp"

using namespace mlkg;
using test::SmallGraph;

TEST_CASE("algo.wcc: two components and a lone node, numbered by their first node", "[algo]") {
  // a <- b -> c (one component whatever the directions), d -> e, and f alone.
  SmallGraph g(
      "CREATE (a:N {id: 'a'}), (b:N {id: 'b'}), (c:N {id: 'c'}), (d:N {id: 'd'}), (e:N {id: 'e'}), (f:N {id: 'f'}), "
      "(b)-[:R]->(a), (b)-[:R]->(c), (d)-[:S]->(e)");
  auto c = test::by_id(g.run("CALL algo.wcc() YIELD node, componentId RETURN node, componentId"));
  CHECK(c == std::map<std::string, double>{{"a", 0}, {"b", 0}, {"c", 0}, {"d", 1}, {"e", 1}, {"f", 2}});
  // Without the S relationships, d and e fall apart.
  auto r = test::by_id(g.run("CALL algo.wcc({relationshipTypes: ['R']}) YIELD node, componentId RETURN node, componentId"));
  CHECK(r == std::map<std::string, double>{{"a", 0}, {"b", 0}, {"c", 0}, {"d", 1}, {"e", 2}, {"f", 3}});
  auto count = g.run("CALL algo.wcc() YIELD componentId RETURN count(DISTINCT componentId)");
  CHECK(count.rows[0][0].as_int() == 3);
}

TEST_CASE("algo.topoSort: a DAG in layers, each node after everything that points to it", "[algo]") {
  // a -> b -> d, a -> c -> d, c -> e; f alone.
  SmallGraph g(std::string(test::kDiamond) + ", (e:N {id: 'e'}), (f:N {id: 'f'}), (c)-[:R]->(e)");
  auto r = g.run("CALL algo.topoSort() YIELD node, position, level RETURN node.id, position, level");
  std::string got;
  for (const auto& row : r.rows)
    got += row[0].as_string() + "@" + std::to_string(row[1].as_int()) + "/" + std::to_string(row[2].as_int()) + " ";
  CHECK(got == "a@0/0 f@1/0 b@2/1 c@3/1 d@4/2 e@5/2 ");
  // INCOMING: ends first.
  r = g.run("CALL algo.topoSort({direction: 'INCOMING'}) YIELD node, level RETURN node.id, level");
  got.clear();
  for (const auto& row : r.rows) got += row[0].as_string() + "/" + std::to_string(row[1].as_int()) + " ";
  CHECK(got == "d/0 e/0 f/0 b/1 c/1 a/2 ");
}

TEST_CASE("algo.topoSort: a cycle is an error that names the nodes on it", "[algo]") {
  // a -> b -> c -> a is a cycle; d -> a leads into it but is not on it.
  SmallGraph g(
      "CREATE (a:N {id: 'a', name: 'Alpha'}), (b:N {id: 'b', name: 'Beta'}), (c:N {id: 'c'}), (d:N {id: 'd'}), "
      "(a)-[:PREREQ]->(b), (b)-[:PREREQ]->(c), (c)-[:PREREQ]->(a), (d)-[:PREREQ]->(a), (d)-[:OTHER]->(d)");
  std::string e = g.error("CALL algo.topoSort({relationshipTypes: 'PREREQ'}) YIELD node RETURN node");
  INFO(e);
  CHECK(e.rfind("ProcedureError: algo.topoSort: the :PREREQ relationships form a cycle", 0) == 0);
  CHECK(e.find("(:N 'Alpha') -[:PREREQ]-> (:N 'Beta') -[:PREREQ]-> (:N 'c') -[:PREREQ]-> (:N 'Alpha')") !=
        std::string::npos);
  CHECK(e.find("'d'") == std::string::npos);
  // A self-loop is a cycle of one.
  e = g.error("CALL algo.topoSort({relationshipTypes: 'OTHER'}) YIELD node RETURN node");
  CHECK(e.find("(:N 'd') -[:OTHER]-> (:N 'd')") != std::string::npos);
  // BOTH has no order.
  e = g.error("CALL algo.topoSort({direction: 'BOTH'}) YIELD node RETURN node");
  CHECK(e.rfind("ArgumentError: InvalidArgumentValue: algo.topoSort: direction must be 'OUTGOING'", 0) == 0);
}

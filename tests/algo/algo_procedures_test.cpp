// The algo.* procedures as a whole: registration, config checking, errors,
// answers that change with the data, cancellation, and the syllabus graph.

#include <catch2/catch.hpp>

#include <atomic>

#include "algo/algo_graphs.hpp"
#include "engine/algo/centrality.hpp"
#include "engine/algo/graph_projection.hpp"
#include "engine/algo/paths.hpp"
#include "engine/query/parser/parser.hpp"
#include "engine/storage/transaction.hpp"
#include "support/syllabus_db.hpp"

using namespace mlkg;
using test::SmallGraph;

namespace {

// The first line of the error `text` raises on `db`.
std::string error_of(Database& db, const std::string& text) {
  try {
    db.execute(text);
  } catch (const query::QueryError& e) {
    return e.what();
  }
  return "(no error)";
}

int64_t single_int(Database& db, const std::string& text) {
  auto r = db.execute(text);
  REQUIRE(r.rows.size() == 1);
  return r.rows[0][0].as_int();
}

}  // namespace

TEST_CASE("algo procedures: registered with their signatures", "[algo]") {
  SmallGraph g("");
  auto r = g.run("CALL dbms.procedures() YIELD name, signature WHERE name STARTS WITH 'algo.' RETURN name, signature");
  std::map<std::string, std::string> sigs;
  for (const auto& row : r.rows) sigs[row[0].as_string()] = row[1].as_string();
  CHECK(sigs.size() == 8);
  CHECK(sigs["algo.shortestPath"] ==
        "algo.shortestPath(source :: NODE, target :: NODE, config :: MAP?) :: "
        "(path :: PATH, length :: INTEGER, cost :: FLOAT)");
  CHECK(sigs["algo.pageRank"] == "algo.pageRank(config :: MAP?) :: (node :: NODE, score :: FLOAT)");
  CHECK(sigs["algo.wcc"] == "algo.wcc(config :: MAP?) :: (node :: NODE, componentId :: INTEGER)");
  CHECK(sigs["algo.topoSort"] ==
        "algo.topoSort(config :: MAP?) :: (node :: NODE, position :: INTEGER, level :: INTEGER)");
  CHECK(sigs["algo.kHop"] == "algo.kHop(source :: NODE, config :: MAP?) :: (node :: NODE, depth :: INTEGER)");
  CHECK(sigs["algo.subgraph"] ==
        "algo.subgraph(sources :: ANY, config :: MAP?) :: (nodes :: LIST<NODE>, relationships :: LIST<RELATIONSHIP>)");
  CHECK(sigs.count("algo.allShortestPaths") == 1);
  CHECK(sigs.count("algo.betweenness") == 1);
  // On an empty database they return nothing, and the config may be left out.
  CHECK(g.run("CALL algo.pageRank() YIELD node RETURN node").rows.empty());
  CHECK(g.run("CALL algo.wcc()").rows.empty());
}

TEST_CASE("algo procedures: config keys and values are checked, with the key and what was expected", "[algo]") {
  SmallGraph g(test::kPathGraph);
  Database& db = g.db();
  CHECK(error_of(db, "CALL algo.pageRank({iteration: 5}) YIELD node RETURN node") ==
        "ArgumentError: InvalidArgumentValue: algo.pageRank: unknown config key 'iteration'; did you mean "
        "'iterations'? (it takes dampingFactor, direction, iterations, labels, relationshipTypes, tolerance)");
  CHECK(error_of(db, "CALL algo.wcc({direction: 'BOTH'}) YIELD node RETURN node") ==
        "ArgumentError: InvalidArgumentValue: algo.wcc: unknown config key 'direction' (it takes labels, "
        "relationshipTypes)");
  CHECK(error_of(db, "CALL algo.pageRank({iterations: '10'}) YIELD node RETURN node") ==
        "TypeError: InvalidArgumentType: algo.pageRank: config key 'iterations' expects an INTEGER; got STRING '10'");
  CHECK(error_of(db, "CALL algo.pageRank({iterations: 0}) YIELD node RETURN node") ==
        "ArgumentError: InvalidArgumentValue: algo.pageRank: config key 'iterations' must be between 1 and 1000000; "
        "got INTEGER 0");
  CHECK(error_of(db, "CALL algo.pageRank({dampingFactor: 1.0}) YIELD node RETURN node") ==
        "ArgumentError: InvalidArgumentValue: algo.pageRank: config key 'dampingFactor' must be at least 0.0 and "
        "below 1.0; got FLOAT 1.0");
  CHECK(error_of(db, "CALL algo.betweenness({normalized: 'yes'}) YIELD node RETURN node") ==
        "TypeError: InvalidArgumentType: algo.betweenness: config key 'normalized' expects a BOOLEAN; got STRING "
        "'yes'");
  CHECK(error_of(db, "CALL algo.wcc({labels: ['N', 1]}) YIELD node RETURN node") ==
        "TypeError: InvalidArgumentType: algo.wcc: config key 'labels' expects a STRING or a LIST of STRINGs; got "
        "LIST ['N', 1]");
  CHECK(error_of(db, "MATCH (a {id: 'a'}) CALL algo.kHop(a, {k: 1.5}) YIELD node RETURN node") ==
        "TypeError: InvalidArgumentType: algo.kHop: config key 'k' expects an INTEGER; got FLOAT 1.5");
  CHECK(error_of(db, "MATCH (a {id: 'a'}) CALL algo.kHop(a, {direction: 'UP'}) YIELD node RETURN node") ==
        "ArgumentError: InvalidArgumentValue: algo.kHop: config key 'direction' must be 'OUTGOING', 'INCOMING' or "
        "'BOTH'; got STRING 'UP'");
  CHECK(error_of(db, "CALL algo.pageRank(5) YIELD node RETURN node") ==
        "SyntaxError: InvalidArgumentType: the argument `config` of algo.pageRank must be MAP?, got 5");
  CHECK(error_of(db, "WITH 5 AS c CALL algo.pageRank(c) YIELD node RETURN node") ==
        "TypeError: InvalidArgumentType: algo.pageRank: the config must be a map, such as {relationshipTypes: "
        "['PART_OF']}; got INTEGER 5");
  CHECK(error_of(db, "CALL algo.pageRank({maxIterations: 5, iterations: 5}) YIELD node RETURN node") ==
        "ArgumentError: InvalidArgumentValue: algo.pageRank: config key 'iterations' is given twice (once by an "
        "alias); keep one");
  CHECK(error_of(db, "CALL algo.pageRank({labels: ['n']}) YIELD node RETURN node") ==
        "ArgumentError: InvalidArgumentValue: algo.pageRank: the database has no label :n; did you mean :N?");
  CHECK(error_of(db, "CALL algo.pageRank({relationshipTypes: ['PART_OF']}) YIELD node RETURN node") ==
        "ArgumentError: InvalidArgumentValue: algo.pageRank: the database has no relationship type :PART_OF");
  // A null value means "not given".
  CHECK(g.run("CALL algo.pageRank({iterations: null}) YIELD node RETURN node").rows.size() == 5);
}

TEST_CASE("algo procedures: node arguments must be nodes of the projected graph", "[algo]") {
  SmallGraph g(test::kPathGraph + std::string(", (x:X {id: 'x', name: 'Ex'})"));
  Database& db = g.db();
  // A constant of the wrong type is found before the query runs, against the signature.
  CHECK(error_of(db, "MATCH (a {id: 'a'}) CALL algo.shortestPath(a, null) YIELD path RETURN path") ==
        "SyntaxError: InvalidArgumentType: the argument `target` of algo.shortestPath must be NODE, got null");
  // A value computed per row is checked by the procedure when it runs.
  CHECK(error_of(db, "MATCH (a {id: 'a'}) WITH a, null AS t CALL algo.shortestPath(a, t) YIELD path RETURN path") ==
        "TypeError: InvalidArgumentType: algo.shortestPath: target must be a NODE; got null");
  CHECK(error_of(db, "MATCH (a {id: 'a'}) CALL algo.shortestPath(a.id, a) YIELD path RETURN path") ==
        "TypeError: InvalidArgumentType: algo.shortestPath: source must be a NODE; got STRING 'a'");
  CHECK(error_of(db, "OPTIONAL MATCH (m {id: 'missing'}) CALL algo.kHop(m) YIELD node RETURN node") ==
        "TypeError: InvalidArgumentType: algo.kHop: source must be a NODE; got null");
  CHECK(error_of(db, "MATCH (a {id: 'a'}), (x {id: 'x'}) CALL algo.shortestPath(a, x, {labels: 'N'}) YIELD path "
                     "RETURN path") ==
        "ArgumentError: InvalidArgumentValue: algo.shortestPath: target (:X 'Ex') is not in the projected graph: it "
        "has none of the labels :N");
  CHECK(error_of(db, "MATCH (a {id: 'a'}) CALL algo.subgraph([a, 1]) YIELD nodes RETURN nodes") ==
        "TypeError: InvalidArgumentType: algo.subgraph: each source must be a NODE; got INTEGER 1");
}

TEST_CASE("algo procedures: weights must be numbers, and not negative for shortest paths", "[algo]") {
  SmallGraph g(
      "CREATE (a:N {id: 'a'}), (b:N {id: 'b'}), (c:N {id: 'c'}), (a)-[:R {w: 1}]->(b), (b)-[:R {w: -2}]->(c), "
      "(c)-[:Q {w: 'x'}]->(a)");
  Database& db = g.db();
  std::string e = error_of(db, "MATCH (a {id: 'a'}), (c {id: 'c'}) CALL algo.shortestPath(a, c, {weight: 'w', "
                               "relationshipTypes: 'R'}) YIELD path RETURN path");
  CHECK(e.rfind("ArgumentError: InvalidArgumentValue: algo.shortestPath: relationship ", 0) == 0);
  CHECK(e.find("has w = -2.0; shortest paths need weights of 0 or more") != std::string::npos);
  e = error_of(db, "MATCH (a {id: 'a'}), (c {id: 'c'}) CALL algo.allShortestPaths(a, c, {weight: 'w'}) YIELD path "
                   "RETURN path");
  CHECK(e.find("(:Q) has w = 'x', which is a STRING, not a number") != std::string::npos);
  // Unweighted, the same relationships are fine.
  CHECK(single_int(db, "MATCH (a {id: 'a'}), (c {id: 'c'}) CALL algo.shortestPath(a, c, {relationshipTypes: 'R', "
                       "direction: 'OUTGOING'}) YIELD length RETURN length") == 2);
}

TEST_CASE("algo procedures: a write between two calls changes the answer", "[algo]") {
  SmallGraph g(test::kPathGraph);
  Database& db = g.db();
  const std::string path = "MATCH (a {id: 'a'}), (e {id: 'e'}) CALL algo.shortestPath(a, e) YIELD length RETURN length";
  const std::string rank =
      "CALL algo.pageRank({iterations: 50}) YIELD node, score WITH node, score ORDER BY score DESC "
      "RETURN node.id LIMIT 1";
  CHECK(single_int(db, path) == 4);
  CHECK(single_int(db, path) == 4);  // served from the cache
  CHECK(db.execute(rank).rows[0][0].as_string() == "e");
  db.execute("MATCH (a {id: 'a'}), (e {id: 'e'}) CREATE (a)-[:R]->(e)");
  CHECK(single_int(db, path) == 1);
  db.execute("MATCH (b {id: 'b'}), (c {id: 'c'}), (d {id: 'd'}), (e {id: 'e'}) "
             "CREATE (e)-[:R]->(d), (d)-[:R]->(b), (c)-[:R]->(b), (e)-[:R]->(b)");
  CHECK(db.execute(rank).rows[0][0].as_string() == "b");
  // A new node is found at once too.
  CHECK(single_int(db, "CALL algo.wcc() YIELD componentId RETURN count(DISTINCT componentId)") == 1);
  db.execute("CREATE (:N {id: 'lone'})");
  CHECK(single_int(db, "CALL algo.wcc() YIELD componentId RETURN count(DISTINCT componentId)") == 2);
}

TEST_CASE("algo procedures: a statement that writes sees its own writes", "[algo]") {
  SmallGraph g(test::kPathGraph);
  CHECK(single_int(g.db(), "MATCH (a {id: 'a'}), (e {id: 'e'}) CREATE (a)-[:R]->(e) WITH a, e "
                           "CALL algo.shortestPath(a, e, {direction: 'OUTGOING'}) YIELD length RETURN length") == 1);
}

TEST_CASE("algo procedures: a cancelled statement stops inside the algorithm", "[algo]") {
  // Enough nodes that the projection build reaches its cancellation check.
  SmallGraph g("UNWIND range(1, 10000) AS i CREATE (:N {id: toString(i)})");
  std::atomic<bool> cancelled{true};
  auto statements = query::parse_script("CALL algo.wcc() YIELD node RETURN count(*)");
  try {
    g.db().execute(statements[0], {}, &cancelled);
    FAIL("not cancelled");
  } catch (const query::QueryError& e) {
    CHECK(std::string(e.what()) == "TransientError: Cancelled: the statement was cancelled");
  }
  // The algorithms call the check as they go: count the calls.
  auto txn = g.db().store().begin_read();
  std::shared_ptr<const algo::GraphProjection> p;
  int calls = 0;
  algo::CancelCheck count = [&calls] { ++calls; };
  REQUIRE(algo::build_projection(*txn, {}, count, &p).ok());
  CHECK(calls >= 2);
  calls = 0;
  algo::betweenness(*p, true, count);  // 10000 sources without edges: 10^8 path-count writes
  CHECK(calls > 100);
  calls = 0;
  algo::page_rank(*p, algo::PageRankOptions{}, count);
  CHECK(calls >= 1);
  // And a check that throws ends the algorithm.
  struct Stop {};
  CHECK_THROWS_AS(algo::betweenness(*p, true, [] { throw Stop(); }), Stop);
}

// ---------------------------------------------------------------- the syllabus graph

TEST_CASE("algo on the syllabus: shortest paths between named services match the shortest MATCH pattern", "[algo]") {
  Database& db = test::syllabus_db();
  // For each pair, the length algo.shortestPath reports is the smallest k for
  // which a k-hop pattern joins the two services.
  const std::pair<const char*, const char*> pairs[] = {
      {"firehose", "sagemaker"}, {"kinesis-data-streams", "sagemaker-clarify"}, {"glue", "quicksight"}};
  for (auto [from, to] : pairs) {
    INFO(from << " -> " << to);
    const std::string match = std::string("MATCH (a:Service {id: '") + from + "'}), (b:Service {id: '" + to + "'}) ";
    auto r = db.execute(match + "CALL algo.shortestPath(a, b) YIELD path, length RETURN length, "
                                "[n IN nodes(path) | n.id] AS ids");
    REQUIRE(r.rows.size() == 1);
    const int64_t length = r.rows[0][0].as_int();
    CHECK(length >= 1);
    auto hops = [&](int64_t k) {
      return single_int(db, match + "MATCH p = (a)-[*" + std::to_string(k) + "]-(b) RETURN count(p)");
    };
    CHECK(hops(length) > 0);
    if (length > 1) CHECK(hops(length - 1) == 0);
    // allShortestPaths lists as many paths as the pattern finds at that length.
    CHECK(single_int(db, match + "CALL algo.allShortestPaths(a, b) YIELD path RETURN count(*)") == hops(length));
  }
  // Firehose delivers to S3, which SageMaker reads: two hops.
  auto r = db.execute("MATCH (a:Service {id: 'firehose'}), (b:Service {id: 'sagemaker'}) "
                      "CALL algo.shortestPath(a, b) YIELD length RETURN length");
  CHECK(r.rows[0][0].as_int() == 2);
}

TEST_CASE("algo on the syllabus: topoSort over PART_OF puts the exam last and every part before its whole", "[algo]") {
  Database& db = test::syllabus_db();
  auto r = db.execute(
      "CALL algo.topoSort({relationshipTypes: 'PART_OF'}) YIELD node, position, level "
      "RETURN node.id AS id, position, level ORDER BY position");
  REQUIRE(r.rows.size() == static_cast<size_t>(single_int(db, "MATCH (n) RETURN count(n)")));
  std::map<std::string, int64_t> position, level;
  for (const auto& row : r.rows) {
    position[row[0].as_string()] = row[1].as_int();
    level[row[0].as_string()] = row[2].as_int();
  }
  CHECK(level["mla-c01"] == 3);
  CHECK(level["d1"] == 2);
  CHECK(level["t1.1"] == 1);
  CHECK(level["1.1.K1"] == 0);
  int64_t max_level = 0;
  for (const auto& [id, l] : level) max_level = std::max(max_level, l);
  CHECK(max_level == 3);
  // Every PART_OF relationship goes from an earlier position to a later one.
  auto parts = db.execute("MATCH (x)-[:PART_OF]->(y) RETURN x.id, y.id");
  REQUIRE(parts.rows.size() > 100);
  for (const auto& row : parts.rows) {
    INFO(row[0].as_string() << " PART_OF " << row[1].as_string());
    CHECK(position.at(row[0].as_string()) < position.at(row[1].as_string()));
  }
  // Restricted to the exam's outline, the exam is the very last node.
  auto outline = db.execute(
      "CALL algo.topoSort({relationshipTypes: 'PART_OF', labels: ['Exam', 'Domain', 'Task', 'Knowledge', 'Skill']}) "
      "YIELD node, position RETURN node.id ORDER BY position DESC LIMIT 1");
  CHECK(outline.rows[0][0].as_string() == "mla-c01");
}

TEST_CASE("algo on the syllabus: the example queries of docs/query-language.md", "[algo]") {
  Database& db = test::syllabus_db();
  auto r = db.execute("CALL algo.pageRank({}) YIELD node, score RETURN node.name, score ORDER BY score DESC LIMIT 5");
  REQUIRE(r.rows.size() == 5);
  CHECK(r.rows[0][0].as_string() == "Amazon S3");
  for (size_t i = 1; i < r.rows.size(); ++i) CHECK(r.rows[i - 1][1].as_float() >= r.rows[i][1].as_float());
  // The syllabus is one big component plus a few small islands.
  auto c = db.execute("CALL algo.wcc() YIELD componentId RETURN componentId, count(*) AS n ORDER BY n DESC LIMIT 1");
  CHECK(c.rows[0][1].as_int() > 700);
  // Task 1.1's items and its domain.
  auto k = db.execute("MATCH (t:Task {id: 't1.1'}) CALL algo.kHop(t, {relationshipTypes: 'PART_OF'}) "
                      "YIELD node, depth RETURN count(*)");
  CHECK(k.rows[0][0].as_int() ==
        single_int(db, "MATCH (t:Task {id: 't1.1'})-[:PART_OF]-(n) RETURN count(DISTINCT n)"));
}

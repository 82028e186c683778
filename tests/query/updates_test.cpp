// The updating clauses through Database::execute: what the statistics count,
// that a failing statement leaves the database exactly as before, and that
// reads inside a statement see its own writes.

#include <catch2/catch.hpp>

#include "support/temp_dir.hpp"
#include "support/test_db.hpp"

namespace mlkg {
namespace {

using query::QueryError;

int64_t count(Database& db, const std::string& query) {
  auto r = db.execute(query);
  REQUIRE(r.rows.size() == 1);
  return r.rows[0][0].as_int();
}

TEST_CASE("updates: the statistics count what each clause changed", "[query][update]") {
  test::TempDir dir;
  auto db = test::open_db(dir.sub("db"));
  auto created = db->execute("CREATE (:Service {id: 'kds', tier: 1})-[:FEEDS]->(:Service:Managed {id: 'firehose'})");
  CHECK(created.stats.nodes_created == 2);
  CHECK(created.stats.relationships_created == 1);
  CHECK(created.stats.labels_added == 3);
  CHECK(created.stats.properties_set == 3);

  auto set = db->execute("MATCH (s:Service {id: 'kds'}) SET s.tier = 2, s.note = null, s:Streaming:Service");
  CHECK(set.stats.properties_set == 1);
  CHECK(set.stats.properties_removed == 0);  // note was never there
  CHECK(set.stats.labels_added == 1);        // Service it had already

  auto removed = db->execute("MATCH (s:Service {id: 'kds'}) REMOVE s.tier, s:Streaming, s:Nope");
  CHECK(removed.stats.properties_removed == 1);
  CHECK(removed.stats.labels_removed == 1);

  auto merged = db->execute("MERGE (a:Service {id: 'kds'}) MERGE (b:Service {id: 's3'}) MERGE (a)-[:FEEDS]->(b)");
  CHECK(merged.stats.nodes_created == 1);
  CHECK(merged.stats.relationships_created == 1);

  auto deleted = db->execute("MATCH (s:Service {id: 'kds'}) DETACH DELETE s");
  CHECK(deleted.stats.nodes_deleted == 1);
  CHECK(deleted.stats.relationships_deleted == 2);
  CHECK(count(*db, "MATCH (n) RETURN count(n)") == 2);
  CHECK(count(*db, "MATCH ()-[r]->() RETURN count(r)") == 0);
}

TEST_CASE("updates: a statement that fails part-way leaves the database exactly as before", "[query][update]") {
  test::TempDir dir;
  auto db = test::open_db(dir.sub("db"));
  db->execute("UNWIND range(1, 50) AS i CREATE (:N {i: i})-[:NEXT]->(:M {i: i})");
  const std::string before_nodes = "MATCH (n) RETURN n.i, labels(n), n.x ORDER BY n.i, labels(n)[0]";
  auto nodes = db->execute(before_nodes).rows;

  // Writes of every kind, then a failure on the 30th row of a later clause.
  REQUIRE_THROWS_AS(db->execute("MATCH (n:N) SET n.x = 1, n:Touched "
                                "WITH n MATCH (n)-[r]->(m) DELETE r DETACH DELETE m "
                                "MERGE (:Fresh {i: n.i}) "
                                "WITH n RETURN 10 / (n.i - 30)"),
                    QueryError);
  CHECK(db->execute(before_nodes).rows == nodes);
  CHECK(count(*db, "MATCH ()-[r:NEXT]->() RETURN count(r)") == 50);
  CHECK(count(*db, "MATCH (n:Fresh) RETURN count(n)") == 0);

  // A node deleted without DETACH while it keeps a relationship fails at the
  // end, and nothing of the statement stays.
  REQUIRE_THROWS_WITH(db->execute("MATCH (n:N {i: 1}) SET n.x = 5 DELETE n"),
                      Catch::Contains("still has relationships"));
  CHECK(count(*db, "MATCH (n:N {i: 1}) RETURN count(n.x)") == 0);
}

TEST_CASE("updates: reads later in a statement see its own writes", "[query][update]") {
  test::TempDir dir;
  auto db = test::open_db(dir.sub("db"));
  auto r = db->execute(
      "CREATE (:A {v: 1}) WITH 1 AS one MATCH (a:A) SET a.v = a.v + 1 "
      "WITH a MATCH (b:A) RETURN b.v");
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0][0].as_int() == 2);
  // MERGE sees the nodes that earlier rows of the same clause created.
  auto m = db->execute("UNWIND [1, 2, 1, 2, 3] AS k MERGE (n:K {k: k}) RETURN count(*)");
  CHECK(m.stats.nodes_created == 3);
  CHECK(count(*db, "MATCH (n:K) RETURN count(n)") == 3);
  // A clause reads all its rows before it writes: the MATCH does not see
  // the nodes the CREATE after it makes, so the count doubles once.
  db->execute("UNWIND range(1, 5) AS i CREATE (:C {v: i})");
  auto doubled = db->execute("MATCH (c:C) CREATE (:C {v: c.v + 10})");
  CHECK(doubled.stats.nodes_created == 5);
  CHECK(count(*db, "MATCH (c:C) RETURN count(c)") == 10);
}

TEST_CASE("updates: no 'does not exist' note for names the statement itself writes", "[query][update]") {
  test::TempDir dir;
  auto db = test::open_db(dir.sub("db"));
  auto created = db->execute("CREATE (:Note {text: 'x'}) WITH 1 AS one MATCH (n:Note) RETURN n.text");
  CHECK(created.notices.empty());
  CHECK(created.rows.size() == 1);
  // A name only read is still worth a note, even in a statement that writes.
  auto set = db->execute("MATCH (n:Nope) SET n:Fresh, n.flag = true RETURN n");
  REQUIRE(set.notices.size() == 1);
  CHECK(set.notices[0].find(":Nope") != std::string::npos);
}

}  // namespace
}  // namespace mlkg

// The bundled syllabus graph (data/): it loads against its schema, and its
// structure holds what the exam guide says. Checked with the query engine.

#include <catch2/catch.hpp>

#include <string>

#include "support/syllabus_db.hpp"

using namespace mlkg;

namespace {

query::QueryResult run(const std::string& q) {
  INFO(q);
  return test::syllabus_db().execute(q);
}

int64_t count(const std::string& q) {
  auto r = run(q);
  REQUIRE(r.rows.size() == 1);
  return r.rows[0][0].as_int();
}

std::string ids(const query::QueryResult& r) {
  std::string out;
  for (const auto& row : r.rows) out += row[0].to_literal() + " ";
  return out;
}

}  // namespace

TEST_CASE("syllabus graph: the exam, four domains whose weights sum to 100, twelve tasks", "[data]") {
  REQUIRE(count("MATCH (e:Exam {id: 'mla-c01'}) RETURN count(e)") == 1);
  REQUIRE(count("MATCH (e:Exam) WHERE e.passing_score = 720 AND e.scored_questions = 50 AND "
                "e.unscored_questions = 15 AND e.duration_minutes = 130 RETURN count(e)") == 1);
  REQUIRE(count("MATCH (d:Domain)-[:PART_OF]->(:Exam) RETURN count(d)") == 4);
  REQUIRE(count("MATCH (d:Domain) RETURN sum(d.weight)") == 100);
  REQUIRE(count("MATCH (t:Task)-[:PART_OF]->(:Domain) RETURN count(t)") == 12);
  auto r = run("MATCH (t:Task)-[:PART_OF]->(d:Domain) WITH d, count(t) AS n WHERE n <> 3 RETURN d.id");
  INFO(ids(r));
  REQUIRE(r.rows.empty());
}

TEST_CASE("syllabus graph: 133 knowledge and skill items, each part of one task", "[data]") {
  REQUIRE(count("MATCH (k:Knowledge) RETURN count(k)") == 63);
  REQUIRE(count("MATCH (s:Skill) RETURN count(s)") == 70);
  auto orphans = run("MATCH (i) WHERE (i:Knowledge OR i:Skill) OPTIONAL MATCH (i)-[p:PART_OF]->(:Task) "
                     "WITH i, count(p) AS tasks WHERE tasks <> 1 RETURN i.id");
  INFO(ids(orphans));
  REQUIRE(orphans.rows.empty());
  // An item's id starts with its task's number.
  auto misplaced = run("MATCH (i)-[:PART_OF]->(t:Task) WHERE (i:Knowledge OR i:Skill) AND "
                       "NOT i.id STARTS WITH t.number + '.' RETURN i.id");
  INFO(ids(misplaced));
  REQUIRE(misplaced.rows.empty());
  // Items name services and concepts.
  REQUIRE(count("MATCH (i)-[:MENTIONS]->(x) WHERE i:Knowledge OR i:Skill RETURN count(DISTINCT x)") > 100);
}

TEST_CASE("syllabus graph: a task mentions everything its items name", "[data]") {
  // So (t:Task)-[:MENTIONS]->(s:Service) is the whole answer to "which
  // services does this task involve", without going through the items.
  auto missing = run("MATCH (i)-[:PART_OF]->(t:Task), (i)-[:MENTIONS]->(x) OPTIONAL MATCH (t)-[m:MENTIONS]->(x) "
                     "WITH t, x, count(m) AS n WHERE n = 0 RETURN t.id + ' ' + x.id");
  INFO(ids(missing));
  REQUIRE(missing.rows.empty());
  auto t11 = run("MATCH (t:Task {id: 't1.1'})-[:MENTIONS]->(s:Service) RETURN s.id ORDER BY s.id");
  std::string got = ids(t11);
  for (const char* id : {"'kinesis'", "'firehose'", "'glue'", "'s3'", "'emr'", "'dynamodb'", "'efs'", "'fsx'"}) {
    INFO(got);
    CHECK(got.find(id) != std::string::npos);
  }
}

TEST_CASE("syllabus graph: every in-scope service has a category, a summary and a use case or relation", "[data]") {
  REQUIRE(count("MATCH (s:Service {scope: 'IN'}) RETURN count(s)") >= 60);
  auto no_category = run("MATCH (s:Service {scope: 'IN'}) OPTIONAL MATCH (s)-[c:IN_CATEGORY]->(:Category) "
                         "WITH s, count(c) AS n WHERE n = 0 RETURN s.id");
  INFO(ids(no_category));
  REQUIRE(no_category.rows.empty());
  auto no_summary = run("MATCH (s:Service {scope: 'IN'}) WHERE size(trim(s.summary)) < 20 RETURN s.id");
  INFO(ids(no_summary));
  REQUIRE(no_summary.rows.empty());
  // A service nothing connects to, beyond its category, cannot answer a question.
  auto isolated = run("MATCH (s:Service {scope: 'IN'}) OPTIONAL MATCH (s)-[r]-(x) WHERE NOT x:Category "
                      "WITH s, count(r) AS n WHERE n = 0 RETURN s.id");
  INFO(ids(isolated));
  REQUIRE(isolated.rows.empty());
  auto no_use = run("MATCH (s:Service {scope: 'IN'}) OPTIONAL MATCH (s)-[f:FITS]->(:UseCase) "
                    "WITH s, count(f) AS n WHERE n = 0 RETURN s.id");
  INFO(ids(no_use));
  // Most in-scope services answer some use case; the rest are reached through relations.
  REQUIRE(no_use.rows.size() * 4 < static_cast<size_t>(count("MATCH (s:Service {scope: 'IN'}) RETURN count(s)")));
}

TEST_CASE("syllabus graph: every relationship says where its fact comes from", "[data]") {
  REQUIRE(count("MATCH ()-[r]->() WHERE r.source IS NULL OR trim(r.source) = '' RETURN count(r)") == 0);
  // Every use case is reachable from a service, and every concept from the syllabus.
  auto lonely_use = run("MATCH (u:UseCase) OPTIONAL MATCH (s)-[f:FITS]->(u) WITH u, count(f) AS n WHERE n = 0 RETURN u.id");
  INFO(ids(lonely_use));
  REQUIRE(lonely_use.rows.empty());
  auto lonely_concept = run("MATCH (c:Concept) OPTIONAL MATCH (c)-[r]-() WITH c, count(r) AS n WHERE n = 0 RETURN c.id");
  INFO(ids(lonely_concept));
  REQUIRE(lonely_concept.rows.empty());
}

TEST_CASE("syllabus graph: ALTERNATIVE_TO is written once per pair and never to itself", "[data]") {
  REQUIRE(count("MATCH (a)-[:ALTERNATIVE_TO]->(b)-[:ALTERNATIVE_TO]->(a) RETURN count(*)") == 0);
  REQUIRE(count("MATCH (a)-[:ALTERNATIVE_TO]->(a) RETURN count(*)") == 0);
  REQUIRE(count("MATCH (a)-[r]->(b) WITH a, b, type(r) AS t, count(*) AS c WHERE c > 1 RETURN count(*)") == 0);
}

TEST_CASE("syllabus graph: a data flow is written once, by whichever end drives it", "[data]") {
  // b READS_FROM a when the consumer pulls, a DELIVERS_TO b when the source
  // pushes; both for one pair would count one flow twice.
  auto twice = run("MATCH (a)-[:DELIVERS_TO]->(b)-[:READS_FROM]->(a) RETURN a.id + ' -> ' + b.id");
  INFO(ids(twice));
  REQUIRE(twice.rows.empty());
}

TEST_CASE("syllabus graph: names are unique within a label", "[data]") {
  auto dup = run("MATCH (n) WHERE n.name IS NOT NULL WITH labels(n)[0] AS label, n.name AS name, count(*) AS c "
                 "WHERE c > 1 RETURN label + ' ' + name");
  INFO(ids(dup));
  REQUIRE(dup.rows.empty());
}

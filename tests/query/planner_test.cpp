// The planner's two stages as EXPLAIN shows them: the logical plan (where a
// pattern starts, how its first node is found, where each predicate applies,
// the estimated rows) and the physical plan (which operator runs each step).

#include <catch2/catch.hpp>

#include <string>

#include "engine/database.hpp"
#include "support/temp_dir.hpp"
#include "support/test_db.hpp"

using namespace mlkg;

namespace {

// 3 :A nodes and 30 :B nodes, each A pointing at 10 Bs (30 :R relationships).
void fill(Database& db) {
  db.execute("UNWIND range(1, 3) AS i CREATE (a:A {i: i}) "
             "WITH a, i UNWIND range(1, 10) AS j CREATE (a)-[:R]->(:B {x: (i - 1) * 10 + j})");
}

// The text of EXPLAIN's logical and physical sections.
struct Sections {
  std::string logical, physical;
};

Sections explain(Database& db, const std::string& query) {
  std::string plan = db.execute("EXPLAIN " + query).plan;
  INFO(plan);
  const std::string logical_head = "Logical plan:\n", physical_head = "Physical plan:\n";
  REQUIRE(plan.rfind(logical_head, 0) == 0);
  const size_t split = plan.find(physical_head);
  REQUIRE(split != std::string::npos);
  return {plan.substr(logical_head.size(), split - logical_head.size()), plan.substr(split + physical_head.size())};
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("EXPLAIN: the logical plan starts a pattern at its rarest label, with estimated rows", "[query][planner]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  fill(*db);
  for (const std::string query : {"MATCH (a:A)-[:R]->(b:B) RETURN b.x", "MATCH (b:B)<-[:R]-(a:A) RETURN b.x"}) {
    Sections plan = explain(*db, query);
    INFO(plan.logical);
    // 3 nodes with :A against 30 with :B: the scan binds a, by its label.
    CHECK(has(plan.logical, "+NodeScan (a) WHERE a:A by label :A  (estimated rows: 3)\n"));
    // 30 :R relationships, as if all left the 3 :A nodes: 10 a node, 30 from three.
    CHECK(has(plan.logical, "(a)-[:R]->(b)  (estimated rows: 30)\n"));
    CHECK(has(plan.logical, "+Filter b:B  (estimated rows: "));
    CHECK(has(plan.physical, "+NodeByLabelScan (a:A)\n"));
    CHECK(has(plan.physical, "+Filter a:A\n"));
    CHECK_FALSE(has(plan.physical, "estimated"));
  }
  // The query still answers the same.
  CHECK(db->execute("MATCH (a:A)-[:R]->(b:B) RETURN count(b)").rows.at(0).at(0) == Value(int64_t{30}));
}

TEST_CASE("EXPLAIN: the logical plan chooses an index, and the physical plan seeks it with both bounds of a range",
          "[query][planner]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  fill(*db);
  db->execute("CREATE INDEX FOR (n:B) ON (n.x)");
  Sections plan = explain(*db, "MATCH (b:B) WHERE b.x > 3 AND b.x <= 7 RETURN b.x");
  INFO(plan.logical);
  INFO(plan.physical);
  // A range over 30 nodes: about a third of them, plus two.
  CHECK(has(plan.logical, "+NodeScan (b) WHERE b:B AND (b.x > 3) AND (b.x <= 7) by index (:B).x  (estimated rows: 12)"));
  CHECK(has(plan.physical, "+NodeIndexSeekByRange (b) via (:B).x > 3 AND <= 7\n"));
  // The seek finds a superset: every predicate stays a filter.
  CHECK(has(plan.physical, "+Filter (b.x > 3)\n"));
  CHECK(has(plan.physical, "+Filter (b.x <= 7)\n"));
  CHECK(db->execute("MATCH (b:B) WHERE b.x > 3 AND b.x <= 7 RETURN count(*)").rows.at(0).at(0) == Value(int64_t{4}));
  // Three :A nodes cost less than that range: the pattern starts at a.
  plan = explain(*db, "MATCH (a:A)-[:R]->(b:B) WHERE b.x > 3 AND b.x <= 7 RETURN a.i");
  CHECK(has(plan.logical, "+NodeScan (a) WHERE a:A by label :A"));
  CHECK(has(plan.logical, "+Filter b:B AND (b.x > 3) AND (b.x <= 7)"));
  CHECK_FALSE(has(plan.physical, "NodeIndexSeek"));
  // An equality on the indexed key: one logical scan, one seek.
  plan = explain(*db, "MATCH (b:B {x: 12}) RETURN b");
  CHECK(has(plan.logical, "by index (:B).x  (estimated rows: 10)"));
  CHECK(has(plan.physical, "+NodeIndexSeek (b) via (:B).x = 12\n"));
}

TEST_CASE("EXPLAIN: ORDER BY then LIMIT is one Top operator, unless SKIP comes between", "[query][planner]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  fill(*db);
  Sections top = explain(*db, "MATCH (b:B) RETURN b.x ORDER BY b.x DESC LIMIT 2");
  CHECK(has(top.logical, "+Limit 2  (estimated rows: 2)\n"));
  CHECK(has(top.logical, "+OrderBy `b.x` DESC"));
  CHECK(has(top.physical, "+Top `b.x` DESC LIMIT 2\n"));
  CHECK_FALSE(has(top.physical, "+Sort"));
  Sections sorted = explain(*db, "MATCH (b:B) RETURN b.x ORDER BY b.x SKIP 1 LIMIT 2");
  CHECK(has(sorted.logical, "+Skip 1"));
  CHECK(has(sorted.physical, "+Sort `b.x`\n"));
  CHECK_FALSE(has(sorted.physical, "+Top"));
  CHECK(db->execute("MATCH (b:B) RETURN b.x ORDER BY b.x DESC LIMIT 2").rows ==
        std::vector<ValueList>{{Value(int64_t{30})}, {Value(int64_t{29})}});
}

TEST_CASE("EXPLAIN: nested plans, UNION parts and updates appear in both stages", "[query][planner]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  fill(*db);
  Sections optional = explain(*db, "MATCH (a:A) OPTIONAL MATCH (a)-[:R]->(b:B {x: 100}) RETURN a.i, b");
  INFO(optional.logical);
  // The optional pattern is indented twice under its operator, above the input.
  CHECK(has(optional.logical, "  +Optional  (estimated rows: 3)\n"
                              "      +Filter b:B AND (b.x = 100)  (estimated rows: 0.083)\n"));
  CHECK(has(optional.logical, "    +NodeScan (a) WHERE a:A by label :A  (estimated rows: 3)\n"));
  CHECK(has(optional.physical, "  +Optional\n"
                               "      +Filter (b.x = 100)\n"
                               "        +Filter b:B\n"));
  Sections both = explain(*db, "MATCH (a:A) RETURN a.i AS v UNION ALL MATCH (b:B) RETURN b.x AS v");
  CHECK(has(both.logical, "UNION ALL\n+Projection b.x"));
  CHECK(has(both.physical, "UNION ALL\n+Projection b.x"));
  Sections merge = explain(*db, "MERGE (c:C {k: 1}) ON CREATE SET c.new = true");
  CHECK(has(merge.logical, "+Merge (:C) ON CREATE SET c.new = true  (estimated rows: 1)\n"
                           "    +NodeScan (c) WHERE c:C AND (c.k = 1) by label :C  (estimated rows: 0)\n"));
  CHECK(has(merge.physical, "+Merge (:C) ON CREATE SET c.new = true\n"
                            "    +Filter (c.k = 1)\n"));
  // EXPLAIN writes nothing.
  CHECK(db->execute("MATCH (c:C) RETURN count(c)").rows.at(0).at(0) == Value(int64_t{0}));
}

TEST_CASE("PROFILE shows the physical plan with the rows each operator produced", "[query][planner]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  fill(*db);
  std::string plan = db->execute("PROFILE MATCH (a:A)-[:R]->(b:B) RETURN b.x").plan;
  INFO(plan);
  CHECK_FALSE(has(plan, "Logical plan"));
  CHECK(has(plan, "+Expand (a)-[:R]->(b)  (rows: 30, time: "));
  CHECK(has(plan, "+NodeByLabelScan (a:A)  (rows: 3, time: "));
}

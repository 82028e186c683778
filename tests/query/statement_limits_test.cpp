// A statement can be bounded and stopped: a timeout ends one that runs too
// long, Ctrl-C's flag still cancels one, a memory budget ends one that would
// hold too much (the four shapes of issue #16: a string doubled by reduce,
// range() into billions, a huge collect, a variable-length match on a dense
// graph), and a failed allocation ends the statement, not the process. Each
// stopped statement changes nothing, and the database goes on.

#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <new>
#include <string>

#include "engine/common/memory_budget.hpp"
#include "engine/database.hpp"
#include "engine/query/parser/parser.hpp"
#include "support/temp_dir.hpp"
#include "support/test_db.hpp"

using namespace mlkg;
using namespace std::chrono_literals;

namespace {

query::ast::Statement parsed(const std::string& text) {
  std::vector<query::ast::Statement> statements = query::parse_script(text);
  return std::move(statements.at(0));
}

query::StatementLimits timeout_of(std::chrono::milliseconds timeout) {
  query::StatementLimits limits;
  limits.timeout = timeout;
  return limits;
}

query::StatementLimits budget_of(uint64_t bytes) {
  query::StatementLimits limits;
  limits.max_memory = bytes;
  return limits;
}

// The error a statement ends with, or a failure if it ends without one.
query::QueryError error_of(Database& db, const std::string& text, const std::atomic<bool>* cancelled,
                           const query::StatementLimits& limits) {
  try {
    db.execute(parsed(text), {}, cancelled, limits);
  } catch (const query::QueryError& e) {
    return e;
  }
  FAIL("no error from " << text);
  return query::QueryError(query::ErrorClass::kDatabase, query::ErrorCode::kNone, "");
}

int64_t count(Database& db, const std::string& text) { return db.execute(text).rows.at(0).at(0).as_int(); }

}  // namespace

TEST_CASE("statement limits: a timeout stops a long read and a long write, and the write changes nothing",
          "[query][limits]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  db->execute("UNWIND range(1, 300) AS i CREATE (:N {i: i})");
  // 27 million rows: far longer than 0.2 s.
  auto t0 = std::chrono::steady_clock::now();
  query::QueryError e = error_of(*db, "MATCH (a), (b), (c) RETURN count(*)", nullptr, timeout_of(200ms));
  const auto took = std::chrono::steady_clock::now() - t0;
  CHECK(e.error_class() == query::ErrorClass::kTransient);
  CHECK(e.code() == query::ErrorCode::kTimedOut);
  CHECK(std::string(e.what()).find("ran longer than its timeout of 0.2 s") != std::string::npos);
  CHECK(took < 5s);  // stopped soon after the deadline, not at the end

  e = error_of(*db, "MATCH (a), (b) WITH a, b LIMIT 60000 CREATE (:Copy) WITH 1 AS x MATCH (c), (d), (e) RETURN count(*)",
               nullptr, timeout_of(300ms));
  CHECK(e.code() == query::ErrorCode::kTimedOut);
  CHECK(count(*db, "MATCH (c:Copy) RETURN count(c)") == 0);

  // Within its time a statement is not disturbed.
  CHECK(db->execute(parsed("MATCH (n:N) RETURN count(n)"), {}, nullptr, timeout_of(10s)).rows.at(0).at(0) ==
        Value(int64_t{300}));
}

TEST_CASE("statement limits: the caller's cancel flag still cancels a statement with a timeout", "[query][limits]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  db->execute("UNWIND range(1, 300) AS i CREATE (:N {i: i})");
  std::atomic<bool> cancelled{true};
  query::QueryError e = error_of(*db, "MATCH (a), (b), (c) RETURN count(*)", &cancelled, timeout_of(60s));
  CHECK(e.code() == query::ErrorCode::kCancelled);
}

TEST_CASE("statement limits: a failed allocation ends the statement, not the process", "[query][limits]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  procedure::Procedure greedy{{"test.greedy", {}, {{"x", procedure::types::kInteger}}, "throws std::bad_alloc"},
                              [](std::span<const Value>, procedure::ProcedureContext&, procedure::RowSink&) {
                                throw std::bad_alloc();
                              }};
  db->add_procedure(greedy);
  query::QueryError e =
      error_of(*db, "CREATE (:Before) WITH 1 AS one CALL test.greedy() YIELD x RETURN x", nullptr, {});
  CHECK(e.error_class() == query::ErrorClass::kTransient);
  CHECK(e.code() == query::ErrorCode::kOutOfMemory);
  CHECK(count(*db, "MATCH (b:Before) RETURN count(b)") == 0);
  CHECK(count(*db, "RETURN 41 + 1") == 42);
}

namespace {

constexpr uint64_t k64MiB = uint64_t{64} << 20;

void check_over_budget(const query::QueryError& e) {
  INFO(e.what());
  CHECK(e.error_class() == query::ErrorClass::kTransient);
  CHECK(e.code() == query::ErrorCode::kOutOfMemory);
  CHECK(std::string(e.what()) ==
        "TransientError: OutOfMemoryError: the statement needed more than its memory budget of 64 MiB and was "
        "stopped; it changed nothing");
}

}  // namespace

TEST_CASE("statement limits: a memory budget stops a string doubled by reduce, range into billions and a huge collect",
          "[query][limits][memory]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  db->execute("UNWIND range(1, 10) AS i CREATE (:N {i: i})");
  // A budget far above what the statements hold leaves the test thread's
  // count around them: what a stopped statement held is given back.
  MemoryBudget test_thread(uint64_t{1} << 62);
  const int64_t before = test_thread.used();

  // 2^40 bytes by the end: refused when the doubling would pass 64 MiB.
  check_over_budget(error_of(*db, "RETURN reduce(s = 'x', i IN range(1, 40) | s + s) AS s", nullptr, budget_of(k64MiB)));
  // Without a budget this range() is refused by its fixed 1 GiB cap
  // (ArgumentError); the budget is the lower bound and speaks first.
  check_over_budget(error_of(*db, "RETURN size(range(1, 3000000000)) AS n", nullptr, budget_of(k64MiB)));
  // More bytes than 64 bits count: still the budget's error.
  check_over_budget(
      error_of(*db, "RETURN size(range(-9000000000000000000, 9000000000000000000)) AS n", nullptr, budget_of(k64MiB)));
  check_over_budget(error_of(*db, "UNWIND range(1, 100000000) AS x RETURN collect(x) AS xs", nullptr, budget_of(k64MiB)));
  // A collect that grows row by row, each row a small list: 9 million rows.
  check_over_budget(error_of(*db, "UNWIND range(1, 3000) AS i UNWIND range(1, 3000) AS j RETURN size(collect([i, j]))",
                             nullptr, budget_of(k64MiB)));
  // Many small strings made by a list comprehension: no single request is
  // large, the comprehension's loop checks the budget.
  check_over_budget(error_of(*db, "RETURN size([x IN range(1, 3000000) | toString(x) + '-padding-padding-padding'])",
                             nullptr, budget_of(k64MiB)));
  // A write that is stopped writes nothing.
  check_over_budget(error_of(*db, "CREATE (:Before) WITH 1 AS one UNWIND range(1, 3000) AS i UNWIND range(1, 3000) AS j "
                                  "RETURN size(collect([i, j]))",
                             nullptr, budget_of(k64MiB)));

  CHECK(test_thread.peak() - before > int64_t{16} << 20);  // the statements did hold memory
  CHECK(test_thread.used() - before < int64_t{4} << 20);   // and gave it back
  // The database goes on, under the same budget and under none.
  CHECK(count(*db, "MATCH (b:Before) RETURN count(b)") == 0);
  CHECK(db->execute(parsed("MATCH (n:N) RETURN sum(n.i)"), {}, nullptr, budget_of(k64MiB)).rows.at(0).at(0) ==
        Value(int64_t{55}));
  CHECK(db->execute(parsed("RETURN size(range(1, 1000000))"), {}, nullptr, budget_of(0)).rows.at(0).at(0) ==
        Value(int64_t{1000000}));
}

TEST_CASE("statement limits: a memory budget stops an unbounded variable-length match on a dense graph",
          "[query][limits][memory]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  // 40 nodes, each joined to every other one way: 1560 relationships, and
  // trails (no relationship twice) over a thousand long.
  db->execute("UNWIND range(1, 40) AS i CREATE (:D {i: i})");
  db->execute("MATCH (a:D), (b:D) WHERE a <> b CREATE (a)-[:R]->(b)");
  MemoryBudget test_thread(uint64_t{1} << 62);
  const int64_t before = test_thread.used();
  check_over_budget(error_of(*db, "MATCH p = (:D {i: 1})-[*]->(:D) RETURN p", nullptr, budget_of(k64MiB)));
  check_over_budget(error_of(*db, "MATCH (:D {i: 1})-[r*]->(:D) RETURN collect(r) AS rs", nullptr, budget_of(k64MiB)));
  CHECK(test_thread.used() - before < int64_t{4} << 20);
  CHECK(count(*db, "MATCH (:D)-[r:R]->(:D) RETURN count(r)") == 1560);
  CHECK(count(*db, "MATCH p = (:D {i: 1})-[*1..2]->(:D) RETURN count(p)") == 39 + 39 * 39);
}

TEST_CASE("statement limits: under the default memory budget ordinary statements give the same results as with none",
          "[query][limits][memory]") {
  const uint64_t budget = default_memory_budget();
  CHECK(budget >= uint64_t{64} << 20);
  CHECK(budget <= static_cast<uint64_t>(sysconf(_SC_PHYS_PAGES)) * static_cast<uint64_t>(sysconf(_SC_PAGE_SIZE)) / 2);
  CHECK(query::StatementLimits{}.max_memory == budget);

  test::TempDir dir;
  auto db = test::open_db(dir.path());
  db->execute("UNWIND range(1, 2000) AS i CREATE (:N {i: i, s: 'n' + toString(i)})");
  db->execute("MATCH (a:N), (b:N) WHERE b.i = a.i + 1 CREATE (a)-[:NEXT {w: a.i % 7}]->(b)");
  const char* statements[] = {
      "MATCH (n:N) RETURN n.i % 10 AS k, count(*) AS c, collect(n.s)[0..3] AS some ORDER BY k",
      "MATCH p = (a:N {i: 1})-[:NEXT*1..30]->(b) RETURN length(p) AS l, b.i ORDER BY l",
      "UNWIND range(1, 200000) AS x WITH x WHERE x % 1000 = 0 RETURN sum(x), max(x), collect(x)[10]",
      "RETURN reduce(s = 'x', i IN range(1, 16) | s + s) = reduce(s = '', i IN range(1, 65536) | s + 'x') AS same",
      "MATCH (n:N) WITH n ORDER BY n.s DESC LIMIT 5 RETURN collect(n.i)",
  };
  for (const char* text : statements) {
    INFO(text);
    query::QueryResult with = db->execute(parsed(text));  // the default limits
    query::QueryResult without = db->execute(parsed(text), {}, nullptr, budget_of(0));
    CHECK(!with.rows.empty());
    CHECK(with.rows == without.rows);
  }
}

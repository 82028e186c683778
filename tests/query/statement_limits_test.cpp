// A statement can be bounded and stopped: a timeout ends one that runs too
// long, Ctrl-C's flag still cancels one, and a failed allocation ends the
// statement, not the process. Each stopped statement changes nothing.

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <new>
#include <string>

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

// The error a statement ends with, or a failure if it ends without one.
query::QueryError error_of(Database& db, const std::string& text, const std::atomic<bool>* cancelled,
                           std::chrono::milliseconds timeout) {
  try {
    db.execute(parsed(text), {}, cancelled, timeout);
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
  query::QueryError e = error_of(*db, "MATCH (a), (b), (c) RETURN count(*)", nullptr, 200ms);
  const auto took = std::chrono::steady_clock::now() - t0;
  CHECK(e.error_class() == query::ErrorClass::kTransient);
  CHECK(e.code() == query::ErrorCode::kTimedOut);
  CHECK(std::string(e.what()).find("ran longer than its timeout of 0.2 s") != std::string::npos);
  CHECK(took < 5s);  // stopped soon after the deadline, not at the end

  e = error_of(*db, "MATCH (a), (b) WITH a, b LIMIT 60000 CREATE (:Copy) WITH 1 AS x MATCH (c), (d), (e) RETURN count(*)",
               nullptr, 300ms);
  CHECK(e.code() == query::ErrorCode::kTimedOut);
  CHECK(count(*db, "MATCH (c:Copy) RETURN count(c)") == 0);

  // Within its time a statement is not disturbed.
  CHECK(db->execute(parsed("MATCH (n:N) RETURN count(n)"), {}, nullptr, 10s).rows.at(0).at(0) == Value(int64_t{300}));
}

TEST_CASE("statement limits: the caller's cancel flag still cancels a statement with a timeout", "[query][limits]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  db->execute("UNWIND range(1, 300) AS i CREATE (:N {i: i})");
  std::atomic<bool> cancelled{true};
  query::QueryError e = error_of(*db, "MATCH (a), (b), (c) RETURN count(*)", &cancelled, 60s);
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
  query::QueryError e = error_of(*db, "CREATE (:Before) WITH 1 AS one CALL test.greedy() YIELD x RETURN x", nullptr, 0ms);
  CHECK(e.error_class() == query::ErrorClass::kTransient);
  CHECK(e.code() == query::ErrorCode::kOutOfMemory);
  CHECK(count(*db, "MATCH (b:Before) RETURN count(b)") == 0);
  CHECK(count(*db, "RETURN 41 + 1") == 42);
}

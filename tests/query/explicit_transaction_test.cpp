// Explicit transactions through the embedding API (Database::begin_transaction):
// what their statements see, what others see, the write lock they hold, and
// what a failed statement does to them.

#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/database.hpp"
#include "engine/storage/transaction.hpp"
#include "support/temp_dir.hpp"
#include "support/test_db.hpp"

using mlkg::Database;
using mlkg::Status;
using mlkg::query::ErrorClass;
using mlkg::query::ErrorCode;
using mlkg::query::ExplicitTransaction;
using mlkg::query::QueryError;
using mlkg::query::TransactionMode;
using mlkg::test::open_db;
using mlkg::test::TempDir;

namespace {

int64_t count(Database& db, const std::string& query) { return db.execute(query).rows.at(0).at(0).as_int(); }
int64_t count(ExplicitTransaction& txn, const std::string& query) {
  return txn.execute(query).rows.at(0).at(0).as_int();
}

std::unique_ptr<Database> open_with_timeout(const std::string& dir, std::chrono::milliseconds busy_timeout) {
  std::unique_ptr<Database> db;
  mlkg::storage::OpenOptions options;
  options.busy_timeout = busy_timeout;
  Status s = Database::open(dir, options, &db);
  INFO(s.to_string());
  REQUIRE(s.ok());
  return db;
}

// The names SHOW INDEXES lists (constraints' indexes included).
std::vector<std::string> index_names(Database& db) {
  std::vector<std::string> names;
  for (const auto& row : db.execute("SHOW INDEXES").rows) names.push_back(row.at(1).as_string());
  return names;
}

// The QueryError `run` throws; fails the test if it throws none.
template <class Run>
QueryError error_of(Run&& run) {
  try {
    run();
  } catch (const QueryError& e) {
    return e;
  }
  FAIL("no QueryError was thrown");
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("explicit transaction: statements see the earlier ones' writes, others see them only after commit, all at once",
          "[query][transaction]") {
  TempDir dir;
  auto db = open_db(dir.path());
  auto other = open_db(dir.path());  // another Database on the directory, as another process would have
  auto txn = db->begin_transaction();
  REQUIRE(txn->state() == ExplicitTransaction::State::kOpen);
  CHECK(txn->execute("CREATE (:Person {name: 'Ada'})").stats.nodes_created == 1);
  CHECK(txn->execute("CREATE (:Person {name: 'Alan'})").stats.nodes_created == 1);
  // The label and key are new: the later statements bind them from the transaction's catalog.
  CHECK(count(*txn, "MATCH (p:Person) RETURN count(p)") == 2);
  txn->execute("MATCH (a:Person {name: 'Ada'}), (b:Person {name: 'Alan'}) CREATE (a)-[:KNOWS {since: 1936}]->(b)");
  CHECK(count(*txn, "MATCH (:Person {name: 'Ada'})-[k:KNOWS]->(:Person) RETURN k.since") == 1936);

  // Nobody else sees any of it: not another Database, not this one outside the transaction.
  CHECK(count(*other, "MATCH (n) RETURN count(n)") == 0);
  CHECK(count(*db, "MATCH (n) RETURN count(n)") == 0);

  txn->commit();
  CHECK(txn->state() == ExplicitTransaction::State::kCommitted);
  CHECK_FALSE(txn->active());
  CHECK(txn->statements() == 5);
  CHECK(txn->stats().nodes_created == 2);
  CHECK(txn->stats().relationships_created == 1);
  CHECK(count(*other, "MATCH (n:Person) RETURN count(n)") == 2);
  CHECK(count(*other, "MATCH (:Person {name: 'Ada'})-[k:KNOWS]->(:Person {name: 'Alan'}) RETURN count(k)") == 1);
  CHECK(count(*db, "MATCH (n:Person) RETURN count(n)") == 2);

  // An ended transaction runs nothing more.
  QueryError e = error_of([&] { txn->execute("CREATE ()"); });
  CHECK(e.error_class() == ErrorClass::kTransaction);
  CHECK(e.code() == ErrorCode::kNoOpenTransaction);
  CHECK(error_of([&] { txn->commit(); }).code() == ErrorCode::kNoOpenTransaction);
  CHECK(count(*other, "MATCH (n) RETURN count(n)") == 2);
}

TEST_CASE("explicit transaction: rollback and the destructor leave nothing written and give the lock back",
          "[query][transaction]") {
  TempDir dir;
  auto db = open_db(dir.path());
  auto other = open_with_timeout(dir.path(), std::chrono::milliseconds(0));
  db->execute("CREATE (:Kept)");
  {
    auto txn = db->begin_transaction();
    txn->execute("CREATE (:Dropped)");
    txn->execute("MATCH (k:Kept) SET k.changed = true");
    txn->execute("CREATE INDEX dropped_name FOR (n:Dropped) ON (n.name)");
    CHECK(count(*txn, "MATCH (d:Dropped) RETURN count(d)") == 1);
    txn->rollback();
    CHECK(txn->state() == ExplicitTransaction::State::kRolledBack);
    txn->rollback();  // again: nothing happens
  }
  CHECK(count(*other, "MATCH (n) RETURN count(n)") == 1);
  CHECK(count(*other, "MATCH (k:Kept) WHERE k.changed IS NULL RETURN count(k)") == 1);
  CHECK(index_names(*other).empty());
  {
    auto txn = db->begin_transaction();
    txn->execute("CREATE (:Dropped)");
  }  // destroyed open: rolled back
  CHECK(count(*other, "MATCH (n) RETURN count(n)") == 1);
  // The lock is free: a writer that does not wait at all gets it.
  CHECK(other->execute("CREATE (:AfterRollback)").stats.nodes_created == 1);
  CHECK(count(*db, "MATCH (n) RETURN count(n)") == 2);
}

TEST_CASE("explicit transaction: holds the write lock from BEGIN, so other writers wait and are refused, then write after commit",
          "[query][transaction]") {
  TempDir dir;
  auto db = open_db(dir.path());
  auto other = open_with_timeout(dir.path(), std::chrono::milliseconds(0));
  auto txn = db->begin_transaction();  // no statement yet: the lock is taken at BEGIN

  // Another store's writer with busy timeout 0: refused at once, kBusy naming the holder.
  std::unique_ptr<mlkg::storage::WriteTransaction> writer;
  Status s = other->store().begin_write(&writer);
  INFO(s.to_string());
  CHECK(s.code() == Status::Code::kBusy);
  CHECK(s.message().find("in use by another mlkg process") != std::string::npos);
  // So are its write statements and its own transactions (DatabaseError), while it still reads.
  QueryError e = error_of([&] { other->execute("CREATE ()"); });
  CHECK(e.error_class() == ErrorClass::kDatabase);
  CHECK(std::string(e.what()).find("in use by another mlkg process") != std::string::npos);
  CHECK(error_of([&] { other->begin_transaction(); }).error_class() == ErrorClass::kDatabase);
  CHECK(count(*other, "MATCH (n) RETURN count(n)") == 0);

  txn->execute("CREATE (:First)");
  txn->commit();
  CHECK(other->execute("CREATE (:Second)").stats.nodes_created == 1);
  CHECK(count(*db, "MATCH (n) RETURN count(n)") == 2);
}

TEST_CASE("explicit transaction: a write of its own Database outside it waits the busy timeout, then is refused",
          "[query][transaction]") {
  TempDir dir;
  auto db = open_with_timeout(dir.path(), std::chrono::milliseconds(200));
  auto txn = db->begin_transaction();
  txn->execute("CREATE (:Inside)");
  const auto t0 = std::chrono::steady_clock::now();
  QueryError e = error_of([&] { db->execute("CREATE (:Outside)"); });
  const auto waited = std::chrono::steady_clock::now() - t0;
  CHECK(e.error_class() == ErrorClass::kDatabase);
  CHECK(std::string(e.what()).find("another transaction of this process") != std::string::npos);
  CHECK(waited >= std::chrono::milliseconds(200));
  CHECK(error_of([&] { db->begin_transaction(); }).error_class() == ErrorClass::kDatabase);
  // Reads of the Database go on beside it, on the last commit.
  CHECK(count(*db, "MATCH (n) RETURN count(n)") == 0);
  txn->commit();
  CHECK(db->execute("CREATE (:Outside)").stats.nodes_created == 1);
  CHECK(count(*db, "MATCH (n) RETURN count(n)") == 2);
}

TEST_CASE("explicit transaction: a statement that fails while writing fails it: rolled back at once, statements refused until rollback",
          "[query][transaction]") {
  TempDir dir;
  auto db = open_db(dir.path());
  auto other = open_with_timeout(dir.path(), std::chrono::milliseconds(0));
  auto txn = db->begin_transaction();
  txn->execute("CREATE (:Before)");
  // The first row creates a node, the second cannot store a map: half a statement.
  QueryError e = error_of([&] { txn->execute("UNWIND [1, {k: 1}] AS v CREATE (:Half {v: v})"); });
  CHECK(e.error_class() == ErrorClass::kType);
  CHECK(txn->state() == ExplicitTransaction::State::kFailed);
  CHECK(txn->active());
  CHECK(txn->failure().find("TypeError") != std::string::npos);

  QueryError refused = error_of([&] { txn->execute("RETURN 1 AS one"); });
  CHECK(refused.error_class() == ErrorClass::kTransaction);
  CHECK(refused.code() == ErrorCode::kTransactionMarkedAsFailed);
  CHECK(refused.message().find("ROLLBACK") != std::string::npos);
  // Rolled back already: the lock is free, and nothing of it is visible.
  CHECK(other->execute("CREATE (:Other)").stats.nodes_created == 1);
  CHECK(count(*other, "MATCH (n) WHERE n:Before OR n:Half RETURN count(n)") == 0);

  SECTION("rollback ends it") {
    txn->rollback();
    CHECK(txn->state() == ExplicitTransaction::State::kRolledBack);
  }
  SECTION("commit ends it, throwing, and writes nothing") {
    QueryError c = error_of([&] { txn->commit(); });
    CHECK(c.code() == ErrorCode::kTransactionMarkedAsFailed);
    CHECK(c.message().find("writing nothing") != std::string::npos);
    CHECK(txn->state() == ExplicitTransaction::State::kRolledBack);
  }
  CHECK(count(*db, "MATCH (n) RETURN count(n)") == 1);
}

TEST_CASE("explicit transaction: a statement that fails before it writes leaves it open and whole",
          "[query][transaction]") {
  TempDir dir;
  auto db = open_db(dir.path());
  auto txn = db->begin_transaction();
  txn->execute("CREATE (:Kept {n: 1})");
  // Found while binding: nothing ran.
  CHECK(error_of([&] { txn->execute("MATCH (n) RETURN m"); }).code() == ErrorCode::kUndefinedVariable);
  CHECK(txn->state() == ExplicitTransaction::State::kOpen);
  // A statement that only reads, failing while it runs: it wrote nothing.
  CHECK(error_of([&] { txn->execute("UNWIND [1, 'a'] AS x RETURN x - 1 AS y"); }).error_class() == ErrorClass::kType);
  CHECK(txn->state() == ExplicitTransaction::State::kOpen);
  txn->execute("CREATE (:Kept {n: 2})");
  txn->commit();
  CHECK(count(*db, "MATCH (k:Kept) RETURN sum(k.n)") == 3);
}

TEST_CASE("explicit transaction: a constraint created in it applies to its later statements, and a violation fails it",
          "[query][transaction]") {
  TempDir dir;
  auto db = open_db(dir.path());
  auto other = open_db(dir.path());
  auto txn = db->begin_transaction();
  CHECK(txn->execute("CREATE CONSTRAINT person_id FOR (p:Person) REQUIRE p.id IS UNIQUE").stats.constraints_added == 1);
  txn->execute("CREATE INDEX person_name FOR (p:Person) ON (p.name)");
  txn->execute("CREATE (:Person {id: 1, name: 'Ada'})");
  // Its later statements see the index (and use it) with their own writes in it.
  CHECK(txn->execute("EXPLAIN MATCH (p:Person {name: 'Ada'}) RETURN p").plan.find("NodeIndexSeek") != std::string::npos);
  CHECK(count(*txn, "MATCH (p:Person {name: 'Ada'}) RETURN p.id") == 1);
  CHECK(index_names(*other).empty());

  SECTION("committed, others see the rules and the data") {
    txn->commit();
    CHECK(index_names(*other) == std::vector<std::string>{"person_id", "person_name"});
    CHECK(error_of([&] { other->execute("CREATE (:Person {id: 1})"); }).error_class() == ErrorClass::kConstraint);
  }
  SECTION("a statement breaking the new constraint fails the transaction") {
    QueryError e = error_of([&] { txn->execute("CREATE (:Person {id: 1, name: 'Again'})"); });
    CHECK(e.error_class() == ErrorClass::kConstraint);
    CHECK(txn->state() == ExplicitTransaction::State::kFailed);
    txn->rollback();
    CHECK(index_names(*other).empty());
    CHECK(count(*other, "MATCH (n) RETURN count(n)") == 0);
  }
}

TEST_CASE("explicit transaction: a read-only one reads one snapshot, takes no lock and refuses writes",
          "[query][transaction]") {
  TempDir dir;
  auto db = open_db(dir.path());
  auto other = open_with_timeout(dir.path(), std::chrono::milliseconds(0));
  db->execute("CREATE (:Seen)");
  auto txn = db->begin_transaction(TransactionMode::kReadOnly);
  CHECK(count(*txn, "MATCH (n) RETURN count(n)") == 1);
  CHECK(other->execute("CREATE (:Later)").stats.nodes_created == 1);  // no lock held
  CHECK(count(*txn, "MATCH (n) RETURN count(n)") == 1);              // the snapshot holds still
  QueryError e = error_of([&] { txn->execute("CREATE (:Refused)"); });
  CHECK(e.code() == ErrorCode::kReadOnlyTransaction);
  CHECK(txn->state() == ExplicitTransaction::State::kOpen);  // refused before it wrote
  txn->commit();
  CHECK(count(*db, "MATCH (n) RETURN count(n)") == 2);

  // A read-only database has only read-only transactions.
  auto reader = open_db(dir.path(), mlkg::storage::Access::kReadOnly);
  CHECK(error_of([&] { reader->begin_transaction(); }).error_class() == ErrorClass::kDatabase);
  auto read_txn = reader->begin_transaction(TransactionMode::kReadOnly);
  CHECK(count(*read_txn, "MATCH (n) RETURN count(n)") == 2);
}

// BEGIN, COMMIT and ROLLBACK in a QuerySession (scripts and the shell): how
// a script is split into statements and commands, and what the session does
// with them.

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "engine/database.hpp"
#include "repl/query_session.hpp"
#include "repl/session_script.hpp"
#include "support/temp_dir.hpp"
#include "support/test_db.hpp"

using mlkg::Database;
using mlkg::repl::QuerySession;
using mlkg::repl::ScriptStep;
using mlkg::test::open_db;
using mlkg::test::TempDir;
using Kind = ScriptStep::Kind;

namespace {

std::vector<Kind> kinds(std::string_view text) {
  std::vector<Kind> out;
  for (const ScriptStep& step : mlkg::repl::parse_session_script(text)) out.push_back(step.kind);
  return out;
}

int64_t count(Database& db, const std::string& query) { return db.execute(query).rows.at(0).at(0).as_int(); }

struct Session {
  explicit Session(Database& db, bool announce = false) : session(db, options(announce), out, err) {}
  static mlkg::repl::SessionOptions options(bool announce) {
    mlkg::repl::SessionOptions o;
    o.announce_transactions = announce;
    return o;
  }
  std::ostringstream out, err;
  QuerySession session;
};

}  // namespace

TEST_CASE("session script: transaction commands are found among statements, in any case and with comments",
          "[repl][transaction]") {
  CHECK(kinds("BEGIN; CREATE (); COMMIT;") == std::vector<Kind>{Kind::kBegin, Kind::kStatement, Kind::kCommit});
  CHECK(kinds("begin transaction;\nMATCH (n) RETURN n;\nrollback") ==
        std::vector<Kind>{Kind::kBegin, Kind::kStatement, Kind::kRollback});
  CHECK(kinds("// load\nBEGIN /* all or nothing */ TRANSACTION ;RETURN 1;Commit Transaction;") ==
        std::vector<Kind>{Kind::kBegin, Kind::kStatement, Kind::kCommit});
  CHECK(kinds("BEGIN READ ONLY; RETURN 1; COMMIT") ==
        std::vector<Kind>{Kind::kBeginReadOnly, Kind::kStatement, Kind::kCommit});
  CHECK(kinds("RETURN 'BEGIN;' AS text; RETURN 2") == std::vector<Kind>{Kind::kStatement, Kind::kStatement});
  // Statement positions stay those of the whole text.
  auto steps = mlkg::repl::parse_session_script("BEGIN;\n  RETURN 1;\nCOMMIT;");
  REQUIRE(steps.size() == 3);
  CHECK(steps[1].statement.position.line == 2);
  CHECK(steps[2].position.line == 3);
  CHECK(steps[2].position.column == 1);
  // A syntax error is found before anything runs, at its place in the whole text.
  try {
    mlkg::repl::parse_session_script("BEGIN;\nCREATE ();\nMATCH (n RETURN n;\nCOMMIT;");
    FAIL("no syntax error");
  } catch (const mlkg::query::QueryError& e) {
    CHECK(e.error_class() == mlkg::query::ErrorClass::kSyntax);
    CHECK(e.position().line == 3);
  }
  // Other words make no command, and no Cypher either.
  CHECK_THROWS_AS(kinds("BEGIN WORK NOW"), mlkg::query::QueryError);
  CHECK_THROWS_AS(kinds("COMMIT 1"), mlkg::query::QueryError);
}

TEST_CASE("session: a script's transaction commits its statements together, and reads its own writes",
          "[repl][transaction]") {
  TempDir dir;
  auto db = open_db(dir.path());
  Session s(*db, true);
  REQUIRE(s.session.run_script("BEGIN; CREATE (:A {n: 1}); CREATE (:A {n: 2}); MATCH (a:A) RETURN sum(a.n) AS total;"));
  CHECK(s.out.str().find("total\n3\n") != std::string::npos);
  CHECK(s.session.transaction_state() == QuerySession::TransactionState::kOpen);
  CHECK(count(*db, "MATCH (n) RETURN count(n)") == 0);  // not yet
  CHECK(s.err.str().find("Began a transaction") != std::string::npos);
  REQUIRE(s.session.run_script("COMMIT;"));
  CHECK(s.session.transaction_state() == QuerySession::TransactionState::kNone);
  CHECK(s.err.str().find("Committed 3 statements. Created 2 nodes") != std::string::npos);
  CHECK(count(*db, "MATCH (n) RETURN count(n)") == 2);
  CHECK(s.session.take_changed());
}

TEST_CASE("session: ROLLBACK drops the writes, and misplaced commands are errors that stop the script",
          "[repl][transaction]") {
  TempDir dir;
  auto db = open_db(dir.path());
  Session s(*db);
  REQUIRE(s.session.run_script("BEGIN; CREATE (:A); ROLLBACK; CREATE (:B);"));
  CHECK(count(*db, "MATCH (a:A) RETURN count(a)") == 0);
  CHECK(count(*db, "MATCH (b:B) RETURN count(b)") == 1);
  CHECK(s.err.str().empty());  // scripts stay quiet

  CHECK_FALSE(s.session.run_script("CREATE (:C);\nCOMMIT;\nCREATE (:D);"));
  CHECK(s.err.str().find("TransactionError: NoOpenTransaction: COMMIT: no transaction is open (line 2, column 1)") !=
        std::string::npos);
  CHECK(count(*db, "MATCH (d:D) RETURN count(d)") == 0);  // the script stopped there
  CHECK_FALSE(s.session.run_script("ROLLBACK;"));

  s.err.str("");
  CHECK_FALSE(s.session.run_script("BEGIN; CREATE (:E); BEGIN;"));
  CHECK(s.err.str().find("TransactionError: TransactionAlreadyOpen") != std::string::npos);
  CHECK(s.session.transaction_state() == QuerySession::TransactionState::kOpen);  // the first goes on
  REQUIRE(s.session.run_script("COMMIT;"));
  CHECK(count(*db, "MATCH (e:E) RETURN count(e)") == 1);
}

TEST_CASE("session: a statement failing while it writes fails the transaction, and COMMIT then writes nothing",
          "[repl][transaction]") {
  TempDir dir;
  auto db = open_db(dir.path());
  Session s(*db, true);
  REQUIRE(s.session.run_script("BEGIN; CREATE (:Before);"));
  CHECK_FALSE(s.session.run_script("UNWIND [1, {k: 1}] AS v CREATE (:Half {v: v});"));
  CHECK(s.err.str().find("TypeError") != std::string::npos);
  CHECK(s.err.str().find("The transaction failed with this statement") != std::string::npos);
  CHECK(s.session.transaction_state() == QuerySession::TransactionState::kFailed);
  CHECK_FALSE(s.session.run_script("CREATE (:After);"));
  CHECK(s.err.str().find("TransactionError: TransactionMarkedAsFailed") != std::string::npos);
  CHECK_FALSE(s.session.run_script("COMMIT;"));
  CHECK(s.session.transaction_state() == QuerySession::TransactionState::kNone);
  CHECK(count(*db, "MATCH (n) RETURN count(n)") == 0);
  // A typo does not fail it.
  REQUIRE(s.session.run_script("BEGIN; CREATE (:Kept);"));
  CHECK_FALSE(s.session.run_script("MATCH (n) RETURN m;"));
  CHECK(s.session.transaction_state() == QuerySession::TransactionState::kOpen);
  REQUIRE(s.session.run_script("COMMIT;"));
  CHECK(count(*db, "MATCH (k:Kept) RETURN count(k)") == 1);
}

TEST_CASE("session: on a read-only database BEGIN opens a read-only transaction", "[repl][transaction]") {
  TempDir dir;
  open_db(dir.path())->execute("CREATE (:A)");
  auto db = open_db(dir.path(), mlkg::storage::Access::kReadOnly);
  Session s(*db, true);
  REQUIRE(s.session.run_script("BEGIN; MATCH (a:A) RETURN count(a) AS n;"));
  CHECK(s.err.str().find("Began a read-only transaction") != std::string::npos);
  CHECK(s.out.str().find("n\n1\n") != std::string::npos);
  CHECK_FALSE(s.session.run_script("CREATE (:B);"));
  CHECK(s.err.str().find("ReadOnlyTransaction") != std::string::npos);
  REQUIRE(s.session.run_script("COMMIT;"));
  CHECK(mlkg::repl::script_is_read_only("BEGIN; MATCH (n) RETURN n; COMMIT;"));
  CHECK_FALSE(mlkg::repl::script_is_read_only("BEGIN; CREATE (); COMMIT;"));
}

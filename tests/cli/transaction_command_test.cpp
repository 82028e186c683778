// BEGIN ... COMMIT / ROLLBACK in the mlkg program: in scripts (-c, stdin),
// and in the shell, driven through a pseudo-terminal, while other mlkg
// processes read and write the same database.

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "support/pty_session.hpp"
#include "support/mlkg_process.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

using mlkg::test::CommandResult;
using mlkg::test::PtySession;
using mlkg::test::TempDir;
using mlkg::test::mlkg_run;

namespace {

// What `query` (one value) returns, read by another process.
std::string value_of(const TempDir& home, const std::string& db, const std::string& query) {
  CommandResult r = mlkg_run(home, {"--db", db, "--format", "csv", "-c", query});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const size_t header_end = r.out.find('\n');
  return r.out.substr(header_end + 1, r.out.size() - header_end - 2);
}

// A shell on `db`, with its own home.
PtySession shell_on(const TempDir& home, const std::string& db) {
  return PtySession({MLKG_BINARY, "--db", db, "--no-history"}, {"HOME=" + home.path(), "XDG_DATA_HOME=" + home.sub("xdg")},
                    home.path());
}

}  // namespace

TEST_CASE("transaction commands: a script's BEGIN ... COMMIT writes everything, reading its own writes on the way",
          "[cli][transaction]") {
  TempDir home;
  const std::string db = home.sub("db");
  CommandResult r = mlkg_run(home, {"--db", db}, {},
                             "BEGIN;\nCREATE (:A {n: 1});\nCREATE (:A {n: 2});\n"
                             "MATCH (a:A) RETURN sum(a.n) AS total;\nCOMMIT;\n");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "total\n3\n");
  CHECK(r.err.empty());
  CHECK(value_of(home, db, "MATCH (a:A) RETURN count(a)") == "2");

  r = mlkg_run(home, {"--db", db, "-c", "begin transaction; CREATE (:B); rollback transaction; CREATE (:C)"});
  CHECK(r.exit_code == 0);
  CHECK(value_of(home, db, "MATCH (n:B) RETURN count(n)") == "0");
  CHECK(value_of(home, db, "MATCH (n:C) RETURN count(n)") == "1");

  // JSON: one document per statement; the commands print none.
  r = mlkg_run(home, {"--db", db, "--format", "json", "-c", "BEGIN; CREATE (d:D) RETURN 1 AS one; COMMIT"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("{\"columns\": [\"one\"], \"rows\": [[1]]") == 0);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);

  // A script that only reads opens the database read-only; its BEGIN is a read-only transaction.
  r = mlkg_run(home, {"--db", db, "-c", "BEGIN; MATCH (n) RETURN count(n) AS n; COMMIT"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "n\n4\n");
}

TEST_CASE("transaction commands: a script failing inside a transaction, or ending in one, writes none of it and exits 1",
          "[cli][transaction]") {
  TempDir home;
  const std::string db = home.sub("db");
  REQUIRE(mlkg_run(home, {"--db", db, "-c", "CREATE (:Base)"}).exit_code == 0);

  CommandResult r =
      mlkg_run(home, {"--db", db, "-c", "BEGIN; CREATE (:X); UNWIND [1, {k: 1}] AS v CREATE (:Y {v: v}); COMMIT"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("TypeError") != std::string::npos);
  CHECK(r.err.find("stopped inside a transaction; it was rolled back, writing nothing") != std::string::npos);

  r = mlkg_run(home, {"--db", db, "-c", "BEGIN; CREATE (:X)"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("TransactionError: NoOpenTransaction: the script ended inside a transaction (BEGIN with no COMMIT)") !=
        std::string::npos);

  r = mlkg_run(home, {"--db", db, "-c", "CREATE (:X); COMMIT"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("COMMIT: no transaction is open") != std::string::npos);
  CHECK(value_of(home, db, "MATCH (n) RETURN count(n)") == "2");  // Base, and the X before the stray COMMIT

  r = mlkg_run(home, {"--db", db, "-c", "BEGIN; CREATE (:Z); MATCH (n RETURN n; COMMIT"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("SyntaxError") != std::string::npos);
  CHECK(value_of(home, db, "MATCH (n) RETURN count(n)") == "2");
}

TEST_CASE("transaction commands: the shell's open transaction shows in the prompt, hides its writes and holds the lock until COMMIT",
          "[cli][shell][transaction]") {
  TempDir home;
  const std::string db = home.sub("db");
  REQUIRE(mlkg_run(home, {"--db", db, "-c", "CREATE (:Base)"}).exit_code == 0);
  PtySession s = shell_on(home, db);
  REQUIRE(s.started());
  REQUIRE(s.wait_prompt());
  s.mark();
  s.send("BEGIN;\r");
  REQUIRE(s.expect("Began a transaction"));
  REQUIRE(s.expect("mlkg(tx)> "));
  s.send("CREATE (:S {n: 1});\r");
  REQUIRE(s.expect("Created 1 node"));
  REQUIRE(s.wait_prompt());
  s.mark();
  s.send("MATCH (x:S) RETURN count(x) AS inside;\r");
  REQUIRE(s.expect("1 row"));
  CHECK(s.since_mark().find("│      1 │") != std::string::npos);
  REQUIRE(s.wait_prompt());

  // Another process reads the last commit, without the transaction's write.
  CHECK(value_of(home, db, "MATCH (n) RETURN count(n)") == "1");
  // A writer waits for the lock up to its busy timeout, then gives up naming the shell.
  CommandResult refused = mlkg_run(home, {"--db", db, "--busy-timeout", "300", "-c", "CREATE (:Refused)"});
  CHECK(refused.exit_code == 3);
  CHECK(refused.err.find("the mlkg shell") != std::string::npos);
  // One that waits longer gets the lock once the shell commits.
  CommandResult waited;
  std::thread writer([&] {
    waited = mlkg_run(home, {"--db", db, "--busy-timeout", "20000", "-c", "CREATE (:Waited)"});
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  s.mark();
  s.send("COMMIT;\r");
  REQUIRE(s.expect("Committed 2 statements. Created 1 node"));
  REQUIRE(s.wait_prompt());
  CHECK(s.output().ends_with("mlkg> "));
  writer.join();
  INFO(waited.err);
  CHECK(waited.exit_code == 0);
  CHECK(value_of(home, db, "MATCH (n) RETURN count(n)") == "3");
  CHECK(value_of(home, db, "MATCH (n:S) RETURN n.n") == "1");
  s.send(":quit\r");
  CHECK(s.wait_exit() == 0);
}

TEST_CASE("transaction commands: in the shell a failed statement fails the transaction, and leaving rolls an open one back",
          "[cli][shell][transaction]") {
  TempDir home;
  const std::string db = home.sub("db");
  {
    PtySession s = shell_on(home, db);
    REQUIRE(s.wait_prompt());
    s.send("BEGIN TRANSACTION;\r");
    REQUIRE(s.expect("mlkg(tx)> "));
    s.send("CREATE (:Lost);\r");
    REQUIRE(s.expect("Created 1 node"));
    REQUIRE(s.wait_prompt());
    s.mark();
    s.send("UNWIND [1, {k: 1}] AS v CREATE (:Half {v: v});\r");
    REQUIRE(s.expect("The transaction failed with this statement"));
    REQUIRE(s.expect("mlkg(tx failed)> "));
    // The lock is back at once: another process writes.
    CHECK(mlkg_run(home, {"--db", db, "--busy-timeout", "0", "-c", "CREATE (:Other)"}).exit_code == 0);
    s.mark();
    s.send("RETURN 1;\r");
    REQUIRE(s.expect("TransactionMarkedAsFailed"));
    REQUIRE(s.wait_prompt());
    s.mark();
    s.send("ROLLBACK;\r");
    REQUIRE(s.expect("Rolled back"));
    REQUIRE(s.wait_prompt());
    CHECK(s.output().ends_with("mlkg> "));
    // A new one, left open: :quit rolls it back and says so.
    s.send("BEGIN;\r");
    REQUIRE(s.expect("mlkg(tx)> "));
    s.send("CREATE (:Lost);\r");
    REQUIRE(s.expect("Created 1 node"));
    REQUIRE(s.wait_prompt());
    s.mark();
    s.send(":quit\r");
    REQUIRE(s.expect("The open transaction was rolled back"));
    CHECK(s.wait_exit() == 0);
  }
  {
    PtySession s = shell_on(home, db);
    REQUIRE(s.wait_prompt());
    s.send("BEGIN;\r");
    REQUIRE(s.expect("mlkg(tx)> "));
    s.send("CREATE (:Lost);\r");
    REQUIRE(s.expect("Created 1 node"));
    REQUIRE(s.wait_prompt());
    s.mark();
    s.send("\x04");  // Ctrl-D
    REQUIRE(s.expect("The open transaction was rolled back"));
    CHECK(s.wait_exit() == 0);
  }
  CHECK(value_of(home, db, "MATCH (n) RETURN count(n)") == "1");
  CHECK(value_of(home, db, "MATCH (n:Other) RETURN count(n)") == "1");
}

// The mlkg program as users and scripts drive it: arguments, exit codes,
// messages, and the default database.

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "engine/storage/graph_store.hpp"
#include "support/mlkg_process.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

using mlkg::test::CommandResult;
using mlkg::test::run_command;
using mlkg::test::TempDir;
using mlkg::test::mlkg_run;
namespace fs = std::filesystem;

namespace {

void write(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("mlkg command: --help and --version document the program and exit 0", "[cli]") {
  TempDir home;
  auto help = mlkg_run(home, {"--help"});
  REQUIRE(help.exit_code == 0);
  for (const char* word : {"import", "export", "check", "info", "--db", "--read-only", "Exit codes"})
    REQUIRE(help.out.find(word) != std::string::npos);
  auto version = mlkg_run(home, {"--version"});
  REQUIRE(version.exit_code == 0);
  REQUIRE(version.out.rfind("mlkg ", 0) == 0);
}

TEST_CASE("mlkg command: usage errors exit 2 with a message on stderr", "[cli]") {
  TempDir home;
  for (auto args : std::vector<std::vector<std::string>>{
           {"--no-such-flag"}, {"export", "--to", "bogus"}, {"import"}, {"frobnicate"}, {"import", "x.pg", "--from", "csv"}}) {
    auto r = mlkg_run(home, args);
    INFO(args[0] << " " << r.err);
    REQUIRE(r.exit_code == 2);
    REQUIRE(r.err.find("mlkg: ") == 0);
    REQUIRE(r.out.empty());
  }
}

TEST_CASE("mlkg command: import, export, info and check on a database directory", "[cli]") {
  TempDir home;
  std::string db = home.sub("db");
  write(home.sub("a.pg"), "s3 :Service name:\"Amazon S3\"\nfirehose :Service\nfirehose -> s3 :DELIVERS_TO\n");
  auto imported = mlkg_run(home, {"--db", db, "import", home.sub("a.pg")});
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  REQUIRE(imported.out.find("2 nodes created") != std::string::npos);
  REQUIRE(imported.out.find("1 relationship created") != std::string::npos);

  auto exported = mlkg_run(home, {"--db", db, "export", "--to", "pg"});
  REQUIRE(exported.exit_code == 0);
  REQUIRE(exported.out == "s3 :Service name:\"Amazon S3\"\nfirehose :Service\nfirehose -> s3 :DELIVERS_TO\n");
  REQUIRE(exported.err.find("Exported 2 nodes and 1 relationship") != std::string::npos);

  auto to_file = mlkg_run(home, {"export", "--db", db, "--to", "pgjsonl", "-o", home.sub("out.jsonl")});
  REQUIRE(to_file.exit_code == 0);
  REQUIRE(fs::file_size(home.sub("out.jsonl")) > 0);

  auto info = mlkg_run(home, {"--db", db, "info"});
  REQUIRE(info.exit_code == 0);
  REQUIRE(info.out.find(":Service") != std::string::npos);
  REQUIRE(info.out.find("UNIQUE (every node).id") != std::string::npos);

  auto check = mlkg_run(home, {"--db", db, "check"});
  REQUIRE(check.exit_code == 0);
  REQUIRE(check.out.rfind("ok: checked 2 nodes, 1 relationship", 0) == 0);
}

TEST_CASE("mlkg command: a failed import exits 1, names the place and writes nothing", "[cli]") {
  TempDir home;
  std::string db = home.sub("db");
  write(home.sub("good.pg"), "a :A\n");
  write(home.sub("bad.pg"), "b :B\nb -> a :R :S\n");
  auto r = mlkg_run(home, {"--db", db, "import", home.sub("good.pg"), home.sub("bad.pg")});
  REQUIRE(r.exit_code == 1);
  REQUIRE(r.err.find("nothing was written") != std::string::npos);
  REQUIRE(r.err.find(home.sub("bad.pg") + ":2:") != std::string::npos);
  auto exported = mlkg_run(home, {"--db", db, "export", "--to", "pg"});
  REQUIRE(exported.exit_code == 0);
  REQUIRE(exported.out.empty());
}

TEST_CASE("mlkg command: databases that cannot be opened exit 3 with the reason", "[cli]") {
  TempDir home;
  SECTION("locked by another writer; --read-only works alongside") {
    std::string db = home.sub("db");
    std::unique_ptr<mlkg::storage::GraphStore> holder;
    mlkg::storage::OpenOptions exclusive;  // holds the write lock while it is open
    exclusive.access = mlkg::storage::Access::kExclusive;
    REQUIRE(mlkg::storage::GraphStore::open(db, exclusive, &holder).ok());
    write(home.sub("a.pg"), "a\n");
    auto r = mlkg_run(home, {"--db", db, "--busy-timeout", "200", "import", home.sub("a.pg")});
    REQUIRE(r.exit_code == 3);
    REQUIRE(r.err.find("in use by another mlkg process") != std::string::npos);
    // It waited its busy timeout (more on a loaded machine), and says how long.
    const size_t said = r.err.find("stayed locked for ");
    REQUIRE(said != std::string::npos);
    const double waited = std::strtod(r.err.c_str() + said + std::strlen("stayed locked for "), nullptr);
    CHECK(waited >= 0.2);
    CHECK(waited < 5.0);
    auto ro = mlkg_run(home, {"--db", db, "--read-only", "info"});
    INFO(ro.err);
    REQUIRE(ro.exit_code == 0);
    // info and check only read: they need no --read-only beside a writer.
    CHECK(mlkg_run(home, {"--db", db, "info"}).exit_code == 0);
    CHECK(mlkg_run(home, {"--db", db, "check"}).exit_code == 0);
  }
  SECTION("not a database") {
    write(home.sub("notes/todo.txt"), "x");
    auto r = mlkg_run(home, {"--db", home.sub("notes"), "info"});
    REQUIRE(r.exit_code == 3);
    REQUIRE(r.err.find("not an mlkg database") != std::string::npos);
  }
  SECTION("missing, for a command that does not create one") {
    auto r = mlkg_run(home, {"--db", home.sub("missing"), "check"});
    REQUIRE(r.exit_code == 3);
    REQUIRE(r.err.find("no mlkg database") != std::string::npos);
    REQUIRE_FALSE(fs::exists(home.sub("missing")));
  }
}

TEST_CASE("mlkg command: the default database is built from the data files and rebuilt when they change", "[cli]") {
  TempDir home;
  std::string data = home.sub("data");
  std::vector<std::string> env = {"MLKG_DATA_DIR=" + data};
  write(data + "/exam.pg", "mla-c01 :Exam\nd1 :Domain\nd1 -> mla-c01 :PART_OF\n");
  auto first = mlkg_run(home, {"info"}, env);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  REQUIRE(first.out.find("nodes          2") != std::string::npos);
  auto dirs = [&] {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(home.sub("xdg/mlkg"))) names.push_back(e.path().filename().string());
    return names;
  };
  REQUIRE(dirs().size() == 1);
  REQUIRE(dirs()[0].rfind("syllabus-", 0) == 0);

  // Unchanged files: the same database, not rebuilt.
  auto same = mlkg_run(home, {"info"}, env);
  auto first_line = [](const std::string& s) { return s.substr(0, s.find('\n')); };
  REQUIRE(first_line(same.out) == first_line(first.out));
  REQUIRE(dirs().size() == 1);

  // A changed file: a new database, and the old one is gone.
  write(data + "/exam.pg", "mla-c01 :Exam\nd1 :Domain\nd2 :Domain\nd1 -> mla-c01 :PART_OF\n");
  auto second = mlkg_run(home, {"info"}, env);
  REQUIRE(second.exit_code == 0);
  REQUIRE(second.out.find("nodes          3") != std::string::npos);
  REQUIRE(dirs().size() == 1);

  // A broken file: exit 3 with its place; nothing half-built is left.
  write(data + "/exam.pg", "mla-c01 :Exam\nd1 -> \n");
  auto broken = mlkg_run(home, {"info"}, env);
  REQUIRE(broken.exit_code == 3);
  REQUIRE(broken.err.find(data + "/exam.pg:") != std::string::npos);
  for (const auto& name : dirs()) REQUIRE(name.find(".building-") == std::string::npos);
}

TEST_CASE("mlkg command: the bundled syllabus data loads and passes the checker", "[cli]") {
  TempDir home;
  auto check = mlkg_run(home, {"check"});
  INFO(check.err);
  REQUIRE(check.exit_code == 0);
  REQUIRE(check.out.rfind("ok: ", 0) == 0);
}

TEST_CASE("mlkg command: -c runs statements and prints JSON documents per statement", "[cli][query]") {
  TempDir home;
  std::string db = home.sub("db");
  auto created = mlkg_run(home, {"--db", db, "--format", "json", "-c",
                                 "CREATE (:Service {id: 's3', tier: 1}); CREATE (:Service {id: 'kms', tier: 2.5})"});
  INFO(created.err);
  REQUIRE(created.exit_code == 0);
  // One document per statement, each with its own stats.
  REQUIRE(created.out.find("\"nodes_created\": 1") != std::string::npos);
  REQUIRE(created.out.find("{", created.out.find("}\n")) != std::string::npos);
  auto r = mlkg_run(home, {"--db", db, "--format", "json", "-c",
                           "MATCH (s:Service) RETURN s.id, s.tier ORDER BY s.id"});
  REQUIRE(r.exit_code == 0);
  REQUIRE(r.out.rfind("{\"columns\": [\"s.id\", \"s.tier\"], \"rows\": [[\"kms\", 2.5], [\"s3\", 1]]", 0) == 0);
  auto nodes = mlkg_run(home, {"--db", db, "--format", "json", "-c", "MATCH (s {id: 's3'}) RETURN s"});
  REQUIRE(nodes.out.find("{\"~node\": {\"id\": ") != std::string::npos);
  REQUIRE(nodes.out.find("\"labels\": [\"Service\"], \"properties\": {\"id\": \"s3\", \"tier\": 1}}") !=
          std::string::npos);
}

TEST_CASE("mlkg command: a failing statement exits 1 with its class, code and place, and later ones do not run",
          "[cli][query]") {
  TempDir home;
  std::string db = home.sub("db");
  auto r = mlkg_run(home, {"--db", db, "-c", "RETURN 1 AS one; MATCH (n) RETURN m; RETURN 3 AS three"});
  REQUIRE(r.exit_code == 1);
  REQUIRE(r.out.find("one") != std::string::npos);
  REQUIRE(r.out.find("three") == std::string::npos);
  REQUIRE(r.err.rfind("SyntaxError: UndefinedVariable: variable `m` is not defined (line 1, column 35)", 0) == 0);
  auto syntax = mlkg_run(home, {"--db", db, "-c", "MATCH (n:Service RETURN n"});
  REQUIRE(syntax.exit_code == 1);
  REQUIRE(syntax.err ==
          "SyntaxError: UnexpectedSyntax: expected ')' to close the node pattern; found 'RETURN' (line 1, column 18)\n"
          "MATCH (n:Service RETURN n\n"
          "                 ^\n");
  auto runtime = mlkg_run(home, {"--db", db, "-c", "UNWIND [1, 0] AS x RETURN 10 / x"});
  REQUIRE(runtime.exit_code == 1);
  REQUIRE(runtime.err.rfind("ArgumentError: ", 0) == 0);
}

TEST_CASE("mlkg command: parameters, scripts from a file and from stdin, and notices", "[cli][query]") {
  TempDir home;
  std::string db = home.sub("db");
  auto params = mlkg_run(home, {"--db", db, "--param", "n=3", "--param", "names=['a', 'b']", "-c",
                                "RETURN $n * 2 AS x, size($names) AS k"});
  INFO(params.err);
  REQUIRE(params.exit_code == 0);
  REQUIRE(params.out == "x\tk\n6\t2\n");
  auto bad = mlkg_run(home, {"--db", db, "--param", "n=", "-c", "RETURN $n"});
  REQUIRE(bad.exit_code == 2);
  auto missing = mlkg_run(home, {"--db", db, "-c", "RETURN $nope"});
  REQUIRE(missing.exit_code == 1);
  REQUIRE(missing.err.rfind("ParameterMissing: MissingParameter", 0) == 0);

  write(home.sub("script.cypher"), "CREATE (:A {v: 1});\n// a comment\nMATCH (a:A) RETURN a.v AS v;\n");
  auto file = mlkg_run(home, {"--db", db, "-f", home.sub("script.cypher")});
  REQUIRE(file.exit_code == 0);
  REQUIRE(file.out.find("v\n1\n") != std::string::npos);
  auto piped = run_command({MLKG_BINARY, "--db", db}, {"XDG_DATA_HOME=" + home.sub("xdg")},
                           "MATCH (a:A) RETURN count(a) AS n;\nMATCH (x:Servce) RETURN x;");
  REQUIRE(piped.exit_code == 0);
  REQUIRE(piped.out.rfind("n\n1\n", 0) == 0);
  REQUIRE(piped.err.find("note: the label :Servce does not exist in this database") != std::string::npos);
}

TEST_CASE("mlkg command: beside an idle store a script writes, beside a writer it reads and a write waits, then is refused",
          "[cli][query]") {
  TempDir home;
  std::string db = home.sub("db");
  REQUIRE(mlkg_run(home, {"--db", db, "-c", "CREATE (:A)"}).exit_code == 0);
  {
    // A store open the way the shell opens it, idle: it holds no lock.
    std::unique_ptr<mlkg::storage::GraphStore> idle;
    REQUIRE(mlkg::storage::GraphStore::open(db, {}, &idle).ok());
    auto write = mlkg_run(home, {"--db", db, "--busy-timeout", "0", "-c", "CREATE (:A)"});
    INFO(write.err);
    REQUIRE(write.exit_code == 0);
    uint64_t n = 0;
    REQUIRE(idle->begin_read()->count_nodes(&n).ok());
    CHECK(n == 2);  // and it reads what the script wrote
  }
  mlkg::storage::OpenOptions exclusive;
  exclusive.access = mlkg::storage::Access::kExclusive;
  exclusive.client = "the test";
  std::unique_ptr<mlkg::storage::GraphStore> holder;
  REQUIRE(mlkg::storage::GraphStore::open(db, exclusive, &holder).ok());
  auto read = mlkg_run(home, {"--db", db, "-c", "MATCH (a:A) RETURN count(a) AS n"});
  INFO(read.err);
  REQUIRE(read.exit_code == 0);
  REQUIRE(read.out == "n\n2\n");
  for (const char* command : {"info", "check"}) {
    auto r = mlkg_run(home, {"--db", db, command});
    INFO(command << ": " << r.err);
    CHECK(r.exit_code == 0);
  }
  auto write = mlkg_run(home, {"--db", db, "--busy-timeout", "200", "-c", "CREATE (:B)"});
  REQUIRE(write.exit_code == 3);
  CHECK(write.err.find("(pid " + std::to_string(::getpid()) + ", the test)") != std::string::npos);
}

TEST_CASE("mlkg command: EXPLAIN shows the plan with variable names, PROFILE adds rows and time", "[cli][query]") {
  TempDir home;
  auto explain = mlkg_run(home, {"-c", "EXPLAIN MATCH (t:Task {id: 't1.1'})<-[:PART_OF]-(k) RETURN k.id"});
  INFO(explain.err);
  REQUIRE(explain.exit_code == 0);
  REQUIRE(explain.out.find("NodeIndexSeek (t) via ().id = 't1.1'") != std::string::npos);
  REQUIRE(explain.out.find("Expand (t)<-[:PART_OF]-(k)") != std::string::npos);
  auto profile = mlkg_run(home, {"-c", "PROFILE MATCH (t:Task {id: 't1.1'})<-[:PART_OF]-(k) RETURN k.id"});
  REQUIRE(profile.exit_code == 0);
  REQUIRE(profile.err.find("(rows: 10, time: ") != std::string::npos);
}

TEST_CASE("mlkg --timeout: a statement that runs too long stops with exit 1 and changes nothing", "[cli][limits]") {
  TempDir home;
  const std::string db = home.sub("db");
  REQUIRE(mlkg_run(home, {"--db", db, "-c", "UNWIND range(1, 400) AS i CREATE (:N {i: i})"}).exit_code == 0);
  auto r = mlkg_run(home, {"--db", db, "--timeout", "0.3", "-c",
                           "CREATE (:Marker) WITH 1 AS x MATCH (a), (b), (c) RETURN count(*)"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("TransientError: TransactionTimedOut: the statement ran longer than its timeout of 0.3 s") !=
        std::string::npos);
  CHECK(mlkg_run(home, {"--db", db, "-c", "MATCH (m:Marker) RETURN count(m)"}).out == "count(m)\n0\n");
  r = mlkg_run(home, {"--db", db, "--timeout", "-2", "-c", "RETURN 1"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--timeout: must be a number of seconds") != std::string::npos);
}

TEST_CASE("mlkg --max-memory: a statement over its budget stops with exit 1 and changes nothing, the next one runs",
          "[cli][limits][memory]") {
  TempDir home;
  const std::string db = home.sub("db");
  REQUIRE(mlkg_run(home, {"--db", db, "-c", "CREATE (:N {i: 1})"}).exit_code == 0);
  // One process, one session: the stopped statement, then a query that
  // must still see the database as it was.
  auto r = mlkg_run(home, {"--db", db, "--max-memory", "64M", "-c",
                           "CREATE (:Marker) WITH 1 AS x RETURN size(reduce(s = 'x', i IN range(1, 40) | s + s))"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("TransientError: OutOfMemoryError: the statement needed more than its memory budget of 64 MiB "
                   "and was stopped; it changed nothing (set by --max-memory or the shell's :max-memory)") !=
        std::string::npos);
  CHECK(mlkg_run(home, {"--db", db, "--max-memory", "64M", "-c", "MATCH (m:Marker) RETURN count(m)"}).out ==
        "count(m)\n0\n");
  // The same statement with a budget large enough, or none, succeeds.
  const std::string small = "RETURN size(reduce(s = 'x', i IN range(1, 20) | s + s)) AS n";
  CHECK(mlkg_run(home, {"--db", db, "--max-memory", "1.5GiB", "-c", small}).out == "n\n1048576\n");
  CHECK(mlkg_run(home, {"--db", db, "--max-memory", "off", "-c", small}).out == "n\n1048576\n");
  CHECK(mlkg_run(home, {"--db", db, "--max-memory", "2097152", "-c", "RETURN 1 AS one"}).out == "one\n1\n");
  for (const char* bad : {"lots", "512", "1.5", "2X"}) {
    INFO(bad);
    r = mlkg_run(home, {"--db", db, "--max-memory", bad, "-c", "RETURN 1"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--max-memory: must be a size of at least 1 MiB (512M, 2G, 1.5GiB, or bytes), or off, got '" +
                     std::string(bad) + "'") != std::string::npos);
  }
  auto help = mlkg_run(home, {"--help"});
  CHECK(help.out.find("--max-memory") != std::string::npos);
}

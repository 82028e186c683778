// `mlkg export --to FORMAT [-c QUERY] [-o FILE]`, `mlkg import` of the
// formats it writes, and the shell's :export.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/export/graphviz_render.hpp"
#include "support/pty_session.hpp"
#include "support/mlkg_process.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

using mlkg::test::CommandResult;
using mlkg::test::TempDir;

namespace {

// mlkg with a private HOME too (the export tests write files).
CommandResult mlkg_in_home(const TempDir& home, std::vector<std::string> args) {
  return mlkg::test::mlkg_run(home, std::move(args), {"HOME=" + home.path()});
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("mlkg export: -c selects a subgraph, --param binds its parameters, the summary names the file", "[cli][export]") {
  TempDir home;
  const std::string file = home.sub("task.graphml");
  auto r = mlkg_in_home(home, {"export", "--to", "graphml", "-o", file, "-c",
                           "MATCH (t:Task {id: $t})-[r:MENTIONS]->(s:Service) RETURN t, r, s", "--param", "t='t1.1'"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(r.err.rfind("Exported ", 0) == 0);
  CHECK(r.err.find(" as graphml to " + std::filesystem::absolute(file).string() + ".\n") != std::string::npos);
  CHECK(r.err.find("note: ") != std::string::npos);  // lists became JSON text
  CHECK(slurp(file).find("Ingest and store data") != std::string::npos);

  // To standard output without -o; the summary stays on stderr.
  r = mlkg_in_home(home, {"export", "--to", "mermaid", "-c", "MATCH (d:Domain) RETURN d"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("%% mlkg export: 4 nodes, 0 relationships\nflowchart LR\n", 0) == 0);
  CHECK(r.err.find("Exported 4 nodes and 0 relationships as mermaid to standard output.") != std::string::npos);
}

TEST_CASE("mlkg export: a failing query shows its error with a caret and exits 1, and unknown formats exit 2",
          "[cli][export]") {
  TempDir home;
  auto r = mlkg_in_home(home, {"export", "--to", "dot", "-c", "MATCH (n:Task RETURN n"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("the export query failed, nothing was written") != std::string::npos);
  CHECK(r.err.find("SyntaxError") != std::string::npos);
  CHECK(r.err.find('^') != std::string::npos);
  r = mlkg_in_home(home, {"export", "--to", "yaml"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("neo4j-csv") != std::string::npos);  // the list of formats
  r = mlkg_in_home(home, {"export", "--to", "neo4j-csv"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("name a directory") != std::string::npos);
}

TEST_CASE("mlkg import: neo4j-csv from a directory and graphml, as written by mlkg export", "[cli][export]") {
  TempDir home;
  auto r = mlkg_in_home(home, {"export", "--to", "neo4j-csv", "-o", home.sub("csv/")});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("to 31 files at " + home.sub("csv/")) != std::string::npos);
  r = mlkg_in_home(home, {"--db", home.sub("from-csv"), "import", home.sub("csv")});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("862 nodes created, 0 updated, 1912 relationships created") != std::string::npos);
  r = mlkg_in_home(home, {"export", "--to", "graphml", "-o", home.sub("g.graphml")});
  REQUIRE(r.exit_code == 0);
  r = mlkg_in_home(home, {"--db", home.sub("from-graphml"), "import", home.sub("g.graphml")});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("862 nodes created") != std::string::npos);
}

TEST_CASE("shell: :export writes the subgraph of a query and prints the path", "[cli][shell][export]") {
  TempDir home;
  mlkg::test::PtySession s({MLKG_BINARY}, {"HOME=" + home.path(), "XDG_DATA_HOME=" + home.sub("xdg")});
  REQUIRE(s.expect("mlkg> "));
  const bool graphviz = !mlkg::exporter::find_graphviz_dot().empty();
  const std::string file = home.sub(graphviz ? "task-1.1.svg" : "task-1.1.dot");
  s.mark();
  s.send(std::string(":export ") + (graphviz ? "svg " : "dot ") + file +
         " MATCH (t:Task {id: 't1.1'})-[r:MENTIONS]->(s:Service) RETURN t, r, s;\r");
  REQUIRE(s.expect("Exported "));
  REQUIRE(s.expect(file + "."));
  CHECK(slurp(file).find("Ingest and store data") != std::string::npos);
  s.mark();
  s.send(":export svgg x.svg\r");
  REQUIRE(s.expect("did you mean svg?"));
  s.send(":help :export\r");
  REQUIRE(s.expect("Example: :export svg task-1.1.svg"));
  s.send(":quit\r");
  CHECK(s.wait_exit() == 0);
}

TEST_CASE("mlkg export: an existing file is replaced only with --force, keeping its mode", "[cli][export]") {
  namespace fs = std::filesystem;
  TempDir home;
  const std::string file = home.sub("all.pg");
  std::ofstream(file) << "mine\n";
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
  auto r = mlkg_in_home(home, {"export", "--to", "pg", "-o", file});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find(file + " exists; give overwrite: true (CALL export.*) or --force (mlkg export) to replace it") !=
        std::string::npos);
  CHECK(slurp(file) == "mine\n");
  r = mlkg_in_home(home, {"export", "--to", "pg", "-o", file, "--force"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(slurp(file).find("Amazon SageMaker") != std::string::npos);
  CHECK((fs::status(file).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
  // Never into a device, even with --force.
  r = mlkg_in_home(home, {"export", "--to", "pg", "-o", "/dev/null", "--force"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("/dev/null is not a regular file") != std::string::npos);
  CHECK(fs::is_character_file("/dev/null"));
}

TEST_CASE("mlkg --export-dir: where CALL export.* writes, and --read-only refuses it", "[cli][export]") {
  TempDir home;
  const std::string out = home.sub("exports");
  std::filesystem::create_directory(out);
  const std::string db = home.sub("db");
  REQUIRE(mlkg_in_home(home, {"--db", db, "-c", "CREATE (:N {id: 'a'})"}).exit_code == 0);
  auto r = mlkg_in_home(home, {"--db", db, "--export-dir", out, "-c", "CALL export.pg(null, 'n.pg') YIELD nodes RETURN nodes"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(slurp(out + "/n.pg") == "a :N\n");
  r = mlkg_in_home(home, {"--db", db, "--export-dir", out, "-c", "CALL export.pg(null, '../n.pg')"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("goes up with '..'") != std::string::npos);
  r = mlkg_in_home(home, {"--db", db, "--export-dir", home.sub("missing"), "-c", "RETURN 1"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("is not a directory") != std::string::npos);
  r = mlkg_in_home(home, {"--db", db, "--read-only", "--export-dir", out, "-c", "CALL export.pg(null, 'ro.pg')"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("read-only; this statement writes files") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out + "/ro.pg"));
}

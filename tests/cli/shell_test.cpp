// The interactive shell, driven through a pseudo-terminal as a user would:
// keys in, what the terminal shows out.

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <fstream>
#include <string>
#include <vector>

#include "support/pty_session.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

using mlkg::test::PtySession;

namespace {

// A shell on the syllabus graph, with its own home and data folders.
struct Shell {
  explicit Shell(mlkg::test::TempDir& home, std::vector<std::string> args = {})
      : session(argv(args), {"HOME=" + home.path(), "XDG_DATA_HOME=" + home.sub("xdg")}, home.path()) {}
  static std::vector<std::string> argv(const std::vector<std::string>& args) {
    std::vector<std::string> v{MLKG_BINARY};
    v.insert(v.end(), args.begin(), args.end());
    return v;
  }
  PtySession session;
};

}  // namespace

TEST_CASE("shell: greets, runs a statement typed over several lines and draws a table", "[cli][shell]") {
  mlkg::test::TempDir home;
  Shell shell(home);
  auto& s = shell.session;
  REQUIRE(s.started());
  REQUIRE(s.expect("mlkg> "));
  CHECK(s.output().find("syllabus") != std::string::npos);
  CHECK(s.output().find("MATCH (t:Task {id: 't1.1'})") != std::string::npos);  // something to try
  s.mark();
  s.send("MATCH (d:Domain)\r");
  REQUIRE(s.expect("...> "));  // the continuation prompt
  s.send("RETURN d.id, d.weight ORDER BY d.id;\r");
  REQUIRE(s.expect("4 rows"));
  CHECK(s.since_mark().find("│ d1   │       28 │") != std::string::npos);
  CHECK(s.since_mark().find(" ms)") != std::string::npos);  // the time after the row count
  s.send(":quit\r");
  CHECK(s.wait_exit() == 0);
}

TEST_CASE("shell: a syntax error shows its place with a caret, and a misspelt keyword a suggestion", "[cli][shell]") {
  mlkg::test::TempDir home;
  Shell shell(home);
  auto& s = shell.session;
  REQUIRE(s.expect("mlkg> "));
  s.mark();
  s.send("MATCH (n) RETRUN n;\r");
  REQUIRE(s.expect("did you mean RETURN?"));
  CHECK(s.since_mark().find("(line 1, column 11)") != std::string::npos);
  CHECK(s.since_mark().find("          ^") != std::string::npos);
  s.mark();
  s.send(":fromat json\r");
  REQUIRE(s.expect("did you mean :format?"));
  REQUIRE(s.wait_prompt());
  s.send("\x04");  // Ctrl-D leaves
  CHECK(s.wait_exit() == 0);
}

TEST_CASE("shell: Tab completes a label, a relationship type, a property key and a node name", "[cli][shell]") {
  mlkg::test::TempDir home;
  Shell shell(home);
  auto& s = shell.session;
  REQUIRE(s.expect("mlkg> "));
  // Each completion is needed for the statement to give this answer.
  s.mark();
  s.send("MATCH (t:Tas\t {id: 't1.1'})-[:MENT\t]->(x:Service {name: 'kds\t}) RETURN t.nu\t AS task, x.id AS id;\r");
  REQUIRE(s.expect("1 row"));
  CHECK(s.since_mark().find("kinesis-data-streams") != std::string::npos);
  CHECK(s.since_mark().find("│ 1.1  │") != std::string::npos);
  // Two choices: the first Tab shows nothing new, the second lists them.
  REQUIRE(s.wait_prompt());
  s.mark();
  s.send("MATCH (x:S\t\t");
  REQUIRE(s.expect("Service"));
  CHECK(s.since_mark().find("Skill") != std::string::npos);
  s.send("\x03");  // drop the line
  s.mark();
  s.send(":quit\r");
  CHECK(s.wait_exit() == 0);
}

TEST_CASE("shell: Ctrl-C cancels a running statement and the shell goes on", "[cli][shell]") {
  mlkg::test::TempDir home;
  Shell shell(home);
  auto& s = shell.session;
  REQUIRE(s.expect("mlkg> "));
  s.mark();
  s.send("MATCH (a), (b), (c) RETURN count(*);\r");  // 763^3 rows: minutes
  REQUIRE(s.expect("count(*);"));
  s.drain(300);
  s.send("\x03");
  REQUIRE(s.expect("Cancelled: the statement was stopped", 5000));
  s.mark();
  s.send("RETURN 'still here' AS answer;\r");
  REQUIRE(s.expect("still here │"));
  // Ctrl-C on an empty line says how to leave instead of leaving.
  REQUIRE(s.wait_prompt());
  s.mark();
  s.send("\x03");
  REQUIRE(s.expect(":quit or press Ctrl-D"));
  s.send(":quit\r");
  CHECK(s.wait_exit() == 0);
}

TEST_CASE("shell: :max-memory and :timeout say and set a statement's limits, and the shell goes on after one stops it",
          "[cli][shell][limits][memory]") {
  mlkg::test::TempDir home;
  Shell shell(home, {"--max-memory", "3G"});
  auto& s = shell.session;
  REQUIRE(s.expect("mlkg> "));
  s.mark();
  s.send(":max-memory\r");
  REQUIRE(s.expect("Statements that need more than 3 GiB of memory are stopped."));
  s.mark();
  s.send(":max-memory 64M\r");
  REQUIRE(s.expect("Statements that need more than 64 MiB of memory are stopped."));
  s.mark();
  s.send("RETURN size(reduce(s = 'x', i IN range(1, 40) | s + s)) AS n;\r");
  REQUIRE(s.expect("TransientError: OutOfMemoryError: the statement needed more than its memory budget of 64 MiB"));
  REQUIRE(s.expect("(set by --max-memory or the shell's :max-memory)"));
  REQUIRE(s.wait_prompt());
  s.mark();
  s.send("RETURN 'still here' AS answer;\r");
  REQUIRE(s.expect("still here │"));
  s.mark();
  s.send(":max-memory 12\r");  // bytes, below 1 MiB: a slip for megabytes
  REQUIRE(s.expect("Usage: :max-memory [SIZE|off]"));
  s.mark();
  s.send(":max-memory off\r");
  REQUIRE(s.expect("No memory budget"));
  s.mark();
  s.send("RETURN size(reduce(s = 'x', i IN range(1, 22) | s + s)) AS n;\r");
  REQUIRE(s.expect("4194304"));
  s.mark();
  s.send(":timeout 2.5\r");
  REQUIRE(s.expect("Statements that run longer than 2.5 s are stopped."));
  s.mark();
  s.send(":timeout off\r");
  REQUIRE(s.expect("No timeout"));
  s.send(":quit\r");
  CHECK(s.wait_exit() == 0);
}

TEST_CASE("shell: history is kept across sessions, privately, a statement over lines as one entry", "[cli][shell]") {
  mlkg::test::TempDir home;
  {
    Shell shell(home);
    auto& s = shell.session;
    REQUIRE(s.expect("mlkg> "));
    s.send("RETURN 'remembered'\r");
    REQUIRE(s.expect("...> "));
    s.send("  AS word;\r");
    REQUIRE(s.expect("1 row"));
    s.send("RETURN 'later' AS word;\r");
    REQUIRE(s.expect("later"));
    s.send(":quit\r");
    REQUIRE(s.wait_exit() == 0);
  }
  struct stat st {};
  REQUIRE(stat((home.sub("xdg") + "/mlkg/history").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  {
    Shell shell(home);
    auto& s = shell.session;
    REQUIRE(s.wait_prompt());
    CHECK(s.output().find("Try:") == std::string::npos);  // the long greeting is for the first run
    s.mark();
    s.send("\x10\x10\r");  // Ctrl-P twice: the statement before last, both its lines
    REQUIRE(s.expect("1 row"));
    CHECK(s.since_mark().find("remembered │") != std::string::npos);
    REQUIRE(s.wait_prompt());
    s.mark();
    s.send("\x12" "rememb\r");  // Ctrl-R searches the history
    REQUIRE(s.expect("1 row"));
    CHECK(s.since_mark().find("remembered │") != std::string::npos);
    s.mark();
    s.send(":history\r");
    REQUIRE(s.expect(":history"));
    s.send(":quit\r");
    CHECK(s.wait_exit() == 0);
  }
}

TEST_CASE("shell: meta-commands for formats, files, parameters, the schema and the last result", "[cli][shell]") {
  mlkg::test::TempDir home;
  const std::string out_file = home.sub("domains.csv");
  const std::string script = home.sub("setup.cypher");
  std::ofstream(script) << ":param w 25\nMATCH (d:Domain) WHERE d.weight > $w\nRETURN d.id ORDER BY d.id;\n";
  Shell shell(home);
  auto& s = shell.session;
  REQUIRE(s.expect("mlkg> "));
  s.mark();
  s.send(":source " + script + "\r");
  REQUIRE(s.expect("2 rows"));  // d1 (28) and d2 (26)
  s.mark();
  s.send(":params\r");
  REQUIRE(s.expect("$w = 25"));
  s.send(":format csv\r");
  s.send(":once " + out_file + "\r");
  s.mark();
  s.send("MATCH (d:Domain) RETURN d.id AS id ORDER BY id;\r");
  REQUIRE(s.expect("written to"));
  std::ifstream in(out_file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text == "id\nd1\nd2\nd3\nd4\n");
  s.send(":format table\r");
  s.mark();
  s.send("UNWIND range(1, 70) AS i RETURN i;\r");
  REQUIRE(s.expect("20 not shown: :last shows them all"));
  CHECK(s.since_mark().find("70 rows (") != std::string::npos);
  CHECK(s.since_mark().find(":last") != std::string::npos);  // how to see them all
  s.mark();
  s.send(":schema\r");
  REQUIRE(s.expect("(:Task)-[:MENTIONS]->(:Service)"));
  REQUIRE(s.expect("Constraints (1):"));  // the importer's, on every node's id
  // Waited for, not looked up: the line may arrive after its heading.
  REQUIRE(s.expect("constraint_id  UNIQUE  (every node).id"));
  s.mark();
  s.send(":help :param\r");
  REQUIRE(s.expect("Example: :param"));
  s.send(":quit\r");
  CHECK(s.wait_exit() == 0);
}

TEST_CASE("shell: :fit ranks services with reasons, :show, :compare and :path describe nodes", "[cli][shell]") {
  mlkg::test::TempDir home;
  Shell shell(home);
  auto& s = shell.session;
  REQUIRE(s.expect("mlkg> "));
  s.mark();
  s.send(":fit stream clickstream events to S3 in near real time\r");
  REQUIRE(s.expect("5. "));
  CHECK(s.since_mark().find("1. Amazon Data Firehose") != std::string::npos);
  CHECK(s.since_mark().find("matched: ") != std::string::npos);
  CHECK(s.since_mark().find("-FITS-> \"") != std::string::npos);
  REQUIRE(s.wait_prompt());
  s.mark();
  s.send(":show kds\r");
  REQUIRE(s.expect("Amazon Kinesis Data Streams  (:Service kinesis-data-streams)"));
  REQUIRE(s.wait_prompt());
  s.mark();
  s.send(":show inference\r");  // several: listed, none shown
  REQUIRE(s.expect("nodes; say which"));
  REQUIRE(s.wait_prompt());
  s.mark();
  s.send(":compare \"AWS Glue\" emr\r");
  REQUIRE(s.expect("Only B ("));
  CHECK(s.since_mark().find("B: Amazon EMR") != std::string::npos);
  REQUIRE(s.wait_prompt());
  s.mark();
  s.send(":path firehose sagemaker DELIVERS_TO READS_FROM STORES_IN\r");
  REQUIRE(s.expect("(2 steps)"));
  CHECK(s.since_mark().find("Amazon Data Firehose -DELIVERS_TO-> Amazon S3 <-STORES_IN- Amazon SageMaker") !=
        std::string::npos);
  REQUIRE(s.wait_prompt());
  // A query instead of a name: a picture of its subgraph, next to the user.
  s.mark();
  s.send(":show MATCH p = (:Domain {id: 'd1'})<-[:PART_OF]-(:Task) RETURN p\r");
  REQUIRE(s.expect("mlkg> ", 30000));
  if (std::system("command -v dot >/dev/null 2>&1") == 0) {
    CHECK(s.since_mark().find("Exported 4 nodes and 3 relationships as svg to " + home.path() + "/mlkg-show-1.svg") !=
          std::string::npos);
    std::ifstream svg(home.path() + "/mlkg-show-1.svg");
    std::string text((std::istreambuf_iterator<char>(svg)), std::istreambuf_iterator<char>());
    CHECK(text.find("<svg") != std::string::npos);
    CHECK(text.find("Ingest and store data") != std::string::npos);
  } else {
    WARN("Graphviz's dot is not installed: :show QUERY only says so");
  }
  s.send(":quit\r");
  CHECK(s.wait_exit() == 0);
}

TEST_CASE("shell: ~/.mlkgrc runs at start, --init FILE instead, --no-history keeps none", "[cli][shell]") {
  mlkg::test::TempDir home;
  std::ofstream(home.path() + "/.mlkgrc") << ":param greeting 'from rc'\n";
  const std::string init = home.sub("init.cypher");
  std::ofstream(init) << ":param greeting 'from init'\n";
  {
    Shell shell(home, {"--no-history"});
    auto& s = shell.session;
    REQUIRE(s.expect("mlkg> "));
    s.send("RETURN $greeting AS g;\r");
    REQUIRE(s.expect("from rc │"));
    s.send(":quit\r");
    REQUIRE(s.wait_exit() == 0);
  }
  struct stat st {};
  CHECK(stat((home.sub("xdg") + "/mlkg/history").c_str(), &st) != 0);
  {
    Shell shell(home, {"--init", init, "--no-history"});
    auto& s = shell.session;
    REQUIRE(s.expect("mlkg> "));
    s.send("RETURN $greeting AS g;\r");
    REQUIRE(s.expect("from init │"));
    s.send(":quit\r");
    REQUIRE(s.wait_exit() == 0);
  }
}

TEST_CASE("shell: the same statements piped on stdin give plain output and an exit code", "[cli][shell]") {
  mlkg::test::TempDir home;
  const std::vector<std::string> env = {"HOME=" + home.path(), "XDG_DATA_HOME=" + home.sub("xdg")};
  auto ok = mlkg::test::run_command({MLKG_BINARY}, env, "MATCH (d:Domain)\nRETURN d.id ORDER BY d.id;\n");
  CHECK(ok.exit_code == 0);
  CHECK(ok.out == "d.id\nd1\nd2\nd3\nd4\n");
  auto bad = mlkg::test::run_command({MLKG_BINARY}, env, "RETURN 1;\nMATCH (n) RETRUN n;\n");
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.empty());  // a syntax error anywhere: nothing runs
  CHECK(bad.err.find("did you mean RETURN?") != std::string::npos);
}

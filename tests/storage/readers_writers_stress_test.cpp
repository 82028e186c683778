// Readers beside writers, under kill -9: several writer and reader processes
// work on one database for a bounded time (about 12 s), writers are killed at
// random moments and replaced, one-shot `mlkg -c` writes, `info` and `check`
// run between them. Afterwards the store is consistent, every acknowledged
// write is there, and no reader ever saw half of a statement.

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "engine/database.hpp"
#include "engine/storage/consistency_check.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

using namespace mlkg;

namespace {

// A child process whose stdout we read without blocking.
struct Child {
  pid_t pid = -1;
  int out = -1;
  std::string text;

  static Child start(const std::vector<std::string>& argv) {
    int p[2];
    REQUIRE(pipe(p) == 0);
    Child c;
    c.pid = fork();
    REQUIRE(c.pid >= 0);
    if (c.pid == 0) {
      dup2(p[1], STDOUT_FILENO);
      int null = open("/dev/null", O_WRONLY);
      dup2(null, STDERR_FILENO);  // busy retries are expected; the test judges by stdout
      close(p[0]);
      close(p[1]);
      std::vector<char*> args;
      for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      execv(args[0], args.data());
      _exit(127);
    }
    close(p[1]);
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    c.out = p[0];
    return c;
  }
  void drain() {
    char buf[4096];
    ssize_t n;
    while ((n = ::read(out, buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
  }
  // Waits for the process (after SIGKILL when `kill_it`); returns its wait status.
  int finish(bool kill_it) {
    if (kill_it) kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    fcntl(out, F_SETFL, 0);
    drain();
    close(out);
    return status;
  }
  // "ack W I" lines that were printed whole.
  void acknowledged(std::set<std::pair<std::string, int64_t>>* acked) const {
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
      if (lines.eof()) break;  // cut by the kill
      std::istringstream fields(line);
      std::string word, writer;
      long long i;
      if (fields >> word >> writer >> i && word == "ack") acked->emplace(writer, i);
    }
  }
};

}  // namespace

TEST_CASE("readers and writers: processes killed mid-write lose no acknowledged write, and no reader sees half a statement",
          "[storage][concurrency]") {
  test::TempDir home;
  const std::string db = home.sub("db");
  {
    std::unique_ptr<Database> setup;
    REQUIRE(Database::open(db, storage::OpenOptions{}, &setup).ok());
    setup->execute("CREATE (:Counter {n: 0})");
  }
  const auto run_for = std::chrono::seconds(12);
  std::vector<Child> readers;
  for (int r = 0; r < 2; ++r) readers.push_back(Child::start({MLKG_STRESS_CLIENT, "read", db, "14"}));

  std::set<std::pair<std::string, int64_t>> acked;
  std::mt19937 random(20261207);
  std::vector<Child> writers;
  int next_writer = 0;
  auto start_writer = [&] {
    writers.push_back(Child::start({MLKG_STRESS_CLIENT, "write", db, "w" + std::to_string(next_writer++)}));
  };
  for (int w = 0; w < 3; ++w) start_writer();

  // One-shot writes (the primary for the process's life), info and check,
  // from a second thread while the clients run.
  std::atomic<bool> stop{false};
  std::vector<int64_t> cli_acked;
  std::vector<std::string> cli_failures;
  std::thread cli([&] {
    const std::vector<std::string> env = {"XDG_DATA_HOME=" + home.sub("xdg")};
    for (int64_t i = 0; !stop; ++i) {
      auto w = test::run_command({MLKG_BINARY, "--db", db, "--busy-timeout", "30000", "-c",
                                  "MATCH (c:Counter) SET c.n = c.n + 1 CREATE (:Item {w: 'cli', i: " +
                                      std::to_string(i) + "})"},
                                 env);
      if (w.exit_code == 0)
        cli_acked.push_back(i);
      else
        cli_failures.push_back("write: " + w.err);
      for (const char* command : {"info", "check"}) {
        auto r = test::run_command({MLKG_BINARY, "--db", db, command}, env);
        if (r.exit_code != 0) cli_failures.push_back(std::string(command) + ": " + r.err + r.out);
      }
    }
  });

  int kills = 0;
  const auto end = std::chrono::steady_clock::now() + run_for;
  while (std::chrono::steady_clock::now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(200, 1200)(random)));
    for (auto& w : writers) w.drain();
    // kill -9 a random writer, wherever it is (writing, holding the lock,
    // waiting for it), and start another in its place.
    const size_t victim = std::uniform_int_distribution<size_t>(0, writers.size() - 1)(random);
    const int status = writers[victim].finish(true);
    CHECK(WIFSIGNALED(status));
    writers[victim].acknowledged(&acked);
    writers.erase(writers.begin() + static_cast<std::ptrdiff_t>(victim));
    ++kills;
    start_writer();
  }
  for (auto& w : writers) {
    w.finish(true);
    w.acknowledged(&acked);
  }
  stop = true;
  cli.join();
  for (auto& r : readers) {
    const int status = r.finish(false);
    INFO(r.text);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);  // no torn read
    long reads = 0, torn = -1;
    const size_t summary = r.text.rfind("reads ");
    CHECK(std::sscanf(r.text.c_str() + (summary == std::string::npos ? 0 : summary), "reads %ld torn %ld", &reads, &torn) == 2);
    CHECK(reads > 10);
    CHECK(torn == 0);
  }
  for (const auto& f : cli_failures) {
    INFO(f);
    CHECK(f.empty());
  }
  CHECK(kills >= 8);
  CHECK(cli_acked.size() >= 3);
  CHECK(acked.size() >= 20);  // the clients got work done between kills

  std::unique_ptr<Database> after;
  REQUIRE(Database::open(db, storage::OpenOptions{}, &after).ok());
  storage::CheckReport report;
  REQUIRE(after->check(&report).ok());
  std::string problems;
  for (const auto& p : report.problems) problems += p + "\n";
  INFO(problems);
  CHECK(report.ok());
  std::set<std::pair<std::string, int64_t>> stored;
  for (const auto& row : after->execute("MATCH (x:Item) RETURN x.w, x.i").rows)
    stored.emplace(row[0].as_string(), row[1].as_int());
  for (int64_t i : cli_acked) acked.emplace("cli", i);
  size_t missing = 0;
  for (const auto& a : acked) missing += stored.count(a) == 0;
  CHECK(missing == 0);
  auto counter = after->execute("MATCH (c:Counter) RETURN c.n").rows;
  REQUIRE(counter.size() == 1);
  CHECK(counter[0][0].as_int() == static_cast<int64_t>(stored.size()));  // no statement applied in part
}

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <random>
#include <set>
#include <sstream>

#include "engine/storage/consistency_check.hpp"
#include "engine/storage/graph_store.hpp"
#include "engine/storage/transaction.hpp"
#include "support/temp_dir.hpp"
#include "engine/text/fulltext_document.hpp"

using namespace mlkg;
using namespace mlkg::storage;

namespace {

// The options the engine opens a store with: the English analyzer keeps the
// full-text index these tests write.
OpenOptions with_text_analyzer() {
  OpenOptions options;
  options.text_analyzer = text::english_text_analyzer();
  return options;
}

// Runs the writer until a random moment, kills it with SIGKILL, and returns
// the seq values it acknowledged. The moment is `lifetime` after the start,
// or, with `after_first_write`, after its first acknowledged write (a slow
// start, under sanitizers on a loaded machine, then cannot use up the time).
std::vector<int64_t> run_and_kill(const std::string& dir, std::chrono::milliseconds lifetime,
                                  bool after_first_write) {
  int out[2];
  REQUIRE(pipe(out) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    execl(MLKG_CRASH_WRITER, MLKG_CRASH_WRITER, dir.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  fcntl(out[0], F_SETFL, O_NONBLOCK);
  std::string text;
  const auto start = std::chrono::steady_clock::now();
  auto deadline = start + (after_first_write ? std::chrono::milliseconds(60000) : lifetime);
  bool written = false;
  char buf[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    poll(&p, 1, 5);
    ssize_t n;
    while ((n = read(out[0], buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
    if (after_first_write && !written && text.find('\n') != std::string::npos) {
      written = true;
      deadline = std::chrono::steady_clock::now() + lifetime;
    }
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  // What the writer printed before it died is acknowledged.
  ssize_t n;
  while ((n = read(out[0], buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
  close(out[0]);
  REQUIRE(WIFSIGNALED(status));
  std::vector<int64_t> acked;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (lines.eof()) break;  // a line cut by the kill is not acknowledged
    std::istringstream fields(line);
    std::string kind;
    long long first, count;
    if (fields >> kind >> first >> count)
      for (long long i = 0; i < count; ++i) acked.push_back(first + i);
  }
  return acked;
}

}  // namespace

TEST_CASE("crash: a writer killed at random moments leaves a consistent store with every acknowledged write",
          "[storage][crash]") {
  std::mt19937 rng(2026);
  int rounds_that_wrote = 0;
  // Five databases, ten kills each: enough kills at enough moments (during
  // creation, transactions, bulk ingestion) while each store stays small
  // enough to check completely after every kill. Every other kill is timed
  // from the writer's first acknowledged write, so the writer writes however
  // slowly it starts (sanitizers, a loaded machine).
  std::unique_ptr<test::TempDir> dir;
  std::set<int64_t> acknowledged;
  for (int round = 0; round < 50; ++round) {
    if (round % 10 == 0) {
      dir = std::make_unique<test::TempDir>();
      acknowledged.clear();
    }
    INFO("round " << round);
    auto acked = run_and_kill(dir->path(), std::chrono::milliseconds(10 + rng() % 150), round % 2 == 1);
    if (!acked.empty()) ++rounds_that_wrote;
    acknowledged.insert(acked.begin(), acked.end());

    std::unique_ptr<GraphStore> store;
    Status s = GraphStore::open(dir->path(), with_text_analyzer(), &store);
    INFO(s.to_string());
    REQUIRE(s.ok());
    CheckReport report;
    REQUIRE(check_consistency(*store, &report).ok());
    std::string problems;
    for (const auto& p : report.problems) problems += p + "\n";
    INFO(problems);
    REQUIRE(report.ok());

    auto txn = store->begin_read();
    std::set<int64_t> present;
    if (auto key = txn->catalog().find_key("seq")) {
      NodeRecordCursor c = txn->scan_node_records();
      for (; c.valid(); c.next()) present.insert(find_property(c.record().properties, *key)->as_int());
      REQUIRE(c.status().ok());
    }
    std::vector<int64_t> lost;
    std::set_difference(acknowledged.begin(), acknowledged.end(), present.begin(), present.end(),
                        std::back_inserter(lost));
    INFO("acknowledged but lost: " << lost.size() << (lost.empty() ? "" : ", first seq " + std::to_string(lost[0])));
    REQUIRE(lost.empty());
    // The chain is unbroken: n nodes, n - 1 relationships.
    uint64_t rels;
    REQUIRE(txn->count_rels(&rels).ok());
    REQUIRE(rels + 1 == std::max<uint64_t>(present.size(), 1));
    // The full-text index (the checker compared every posting) holds every node.
    if (const FulltextIndexDefinition* def = txn->catalog().find_fulltext_index("chain")) {
      FulltextStats stats;
      REQUIRE(txn->fulltext_stats(def->id, &stats).ok());
      REQUIRE(stats.documents == present.size());
    }
  }
  // The writer really wrote: every round timed from its first acknowledged
  // write acknowledged one at least, however slow the machine (a count of
  // writes would depend on the machine's speed and load).
  REQUIRE(rounds_that_wrote >= 25);
}

// libFuzzer target for whole statements: parse, bind, plan and execute
// (docs/fuzzing.md).
//
// Each input is a script; its first few statements run, in order, against a
// small graph shaped like the syllabus (services, use cases, tasks, a
// uniqueness constraint, a property index and a full-text index). For any bytes:
//  - nothing may crash, leak or hit undefined behaviour; the only failure a
//    statement may report is a QueryError with a class, and one raised from
//    the query's text must point inside it;
//  - a statement that fails must change nothing (the graph's fingerprint is
//    the same after it), and after any statement the store must pass
//    `mlkg check` (storage::check_consistency): indexes, adjacency lists,
//    counts and full-text postings agree with the records;
//  - a watchdog cancels any statement after 250 ms, so long queries end
//    with the statement's cancellation, which is a QueryError too.
// A statement that writes dirties the graph: the next input starts from a
// fresh copy of the pristine database.
// Any violation aborts with the input and what went wrong.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unistd.h>

#include "engine/database.hpp"
#include "engine/query/parser/parser.hpp"
#include "engine/storage/consistency_check.hpp"

namespace {

namespace fs = std::filesystem;
using mlkg::Database;
using mlkg::Status;
using mlkg::query::QueryError;

constexpr size_t kMaxStatements = 4;
constexpr auto kStatementBudget = std::chrono::milliseconds(250);

[[noreturn]] void fail(const char* what, std::string_view input, const std::string& detail) {
  std::fprintf(stderr, "statement_fuzz: %s\ninput: %.*s\n%s\n", what, static_cast<int>(input.size()), input.data(),
               detail.c_str());
  std::abort();
}

// The graph every input starts from: a few nodes of each syllabus label,
// relationships of several types, a self-loop, lists and mixed property
// types, a unique index on Service.id and a full-text index.
constexpr const char* kFixture[] = {
    "CREATE (k:Service {id: 'kds', name: 'Amazon Kinesis Data Streams', tier: 1, tags: ['stream', 'real time']}),"
    " (f:Service {id: 'firehose', name: 'Amazon Data Firehose', tier: 2.5}),"
    " (s:Service:Storage {id: 's3', name: 'Amazon S3', inScope: true}),"
    " (u:UseCase {id: 'uc1', name: 'Land clickstream events in S3'}),"
    " (t:Task {id: 't1.1', name: 'Ingest data', weight: 28}),"
    " (d:Domain {id: 'd1'}), (c:Concept {id: 'c1', name: 'streaming'}),"
    " (k)-[:FEEDS {since: 2020}]->(f), (f)-[:WRITES_TO]->(s), (f)-[:FITS]->(u), (k)-[:FITS]->(u),"
    " (t)-[:PART_OF]->(d), (t)-[:MENTIONS]->(k), (t)-[:MENTIONS]->(f), (t)-[:MENTIONS]->(s),"
    " (c)-[:RELATED_TO]->(c), (u)-[:IMPLEMENTS]->(t)",
    "CREATE CONSTRAINT service_id FOR (s:Service) REQUIRE s.id IS UNIQUE",
    "CREATE INDEX task_name FOR (t:Task) ON (t.name)",
    "CREATE FULLTEXT INDEX svc FOR (n:Service|UseCase) ON EACH [n.name]",
};

class Fixture {
 public:
  Fixture() {
    char base[] = "/tmp/mlkg-statement-fuzz-XXXXXX";
    if (!mkdtemp(base)) std::abort();
    root_ = base;
    // Statements may write files (CALL export.svg(..., 'task-0.1.svg')):
    // they land here, not in the directory the fuzzer was started from.
    // (So corpus and artifact paths given to the fuzzer must be absolute.)
    if (chdir(root_.c_str()) != 0) std::abort();
    pristine_ = root_ + "/pristine";
    {
      std::unique_ptr<Database> db = open(pristine_);
      for (const char* statement : kFixture) {
        try {
          db->execute(statement);
        } catch (const QueryError& e) {
          // A fixture statement the engine does not know (an optional
          // procedure) leaves that part out.
          std::fprintf(stderr, "statement_fuzz: fixture statement skipped: %s\n", e.what());
        }
      }
    }
    reset();
  }
  ~Fixture() {
    db_.reset();
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  Database& db() { return *db_; }
  void dirty() { dirty_ = true; }
  void reset_if_dirty() {
    if (dirty_) reset();
  }

 private:
  static std::unique_ptr<Database> open(const std::string& dir) {
    std::unique_ptr<Database> db;
    Status s = Database::open(dir, mlkg::storage::OpenOptions{}, &db);
    if (!s.ok()) fail("cannot open the fixture database", "", s.to_string());
    return db;
  }
  void reset() {
    db_.reset();
    const std::string work = root_ + "/work";
    fs::remove_all(work);
    fs::copy(pristine_, work, fs::copy_options::recursive);
    db_ = open(work);
    dirty_ = false;
  }

  std::string root_, pristine_;
  std::unique_ptr<Database> db_;
  bool dirty_ = false;
};

// Cancels the running statement when its time is up.
class Watchdog {
 public:
  Watchdog() : thread_([this] { run(); }) {}
  ~Watchdog() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  const std::atomic<bool>* arm() {
    std::lock_guard<std::mutex> lock(mu_);
    cancelled_ = false;
    deadline_ = std::chrono::steady_clock::now() + kStatementBudget;
    armed_ = true;
    cv_.notify_all();
    return &cancelled_;
  }
  void disarm() {
    std::lock_guard<std::mutex> lock(mu_);
    armed_ = false;
  }

 private:
  void run() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stop_) {
      if (!armed_) {
        cv_.wait(lock);
        continue;
      }
      if (cv_.wait_until(lock, deadline_) == std::cv_status::timeout && armed_ &&
          std::chrono::steady_clock::now() >= deadline_)
        cancelled_ = true;
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> cancelled_{false};
  std::chrono::steady_clock::time_point deadline_;
  bool armed_ = false;
  bool stop_ = false;
  std::thread thread_;
};

// Everything in the graph, as text: the same before and after a failed
// statement.
std::string fingerprint(Database& db) {
  std::string out;
  for (const char* q : {"MATCH (n) RETURN n ORDER BY id(n)", "MATCH ()-[r]->() RETURN r ORDER BY id(r)"}) {
    auto result = db.execute(q);
    for (const auto& row : result.rows)
      for (const auto& v : row) out += v.to_literal() + "\n";
  }
  return out;
}

void check_store(Database& db, std::string_view input, const std::string& statement) {
  mlkg::storage::CheckReport report;
  Status s = db.check(&report, 5);
  if (!s.ok()) fail("the consistency check could not run", input, s.to_string());
  if (!report.ok()) {
    std::string problems = "after: " + statement + "\n";
    for (const auto& p : report.problems) problems += p + "\n";
    fail("the store is inconsistent", input, problems);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Made at the first input, deleted with its directory when the run ends
  // (after a failure it stays, to look at).
  static Fixture* fixture = [] {
    static Fixture* made = new Fixture();
    std::atexit([] { delete made; });
    return made;
  }();
  static Watchdog* watchdog = new Watchdog();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  fixture->reset_if_dirty();

  std::vector<mlkg::query::ast::Statement> statements;
  try {
    statements = mlkg::query::parse_script(input);
  } catch (const QueryError&) {
    return 0;  // the parser has its own target (cypher_parser_fuzz)
  }
  Database& db = fixture->db();
  for (size_t i = 0; i < statements.size() && i < kMaxStatements; ++i) {
    const auto& statement = statements[i];
    const std::string before = fingerprint(db);
    const std::atomic<bool>* cancelled = watchdog->arm();
    bool failed = false;
    try {
      auto result = db.execute(statement, {}, cancelled);
      if (result.stats.any()) fixture->dirty();
    } catch (const QueryError& e) {
      failed = true;
      if (e.class_name().empty()) fail("an error without a class", input, e.what());
      if (e.position().line > 0 && e.position().offset > input.size() + statement.position.offset)
        fail("an error points past the statement", input, e.what());
    } catch (const std::exception& e) {
      fail("an exception that is not a QueryError", input, e.what());
    }
    watchdog->disarm();
    if (failed && fingerprint(db) != before) fail("a failed statement changed the graph", input, statement.text);
    check_store(db, input, statement.text);
  }
  return 0;
}

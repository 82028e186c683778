// mlkg_bench: the storage benchmark (docs/benchmarks.md). Not a test: it
// prints figures.
//
// It generates a synthetic graph with a fixed seed (N nodes, average out-degree
// D, degrees skewed so a few nodes have many edges, a few labels and types),
// writes it as a PG file, imports it through the same code path as
// `mlkg import`, and reports:
//   - import throughput (edges per second, the whole import: parse, sort,
//     write, ingest) and the process's peak memory;
//   - the same graph exported as neo4j-csv and imported from those files;
//   - point-lookup latency by `id` (unique index seek plus the node record);
//   - neighbour-expansion throughput (adjacency entries per second);
//   - query workloads through the whole query engine (parse, bind, plan,
//     execute) with random parameters, as many queries in one process;
//   - graph algorithms (engine/algo): the projection build on its own, then
//     algo.shortestPath between random pairs and algo.pageRank over the
//     whole graph, through the query engine with the projection cached;
//   - a whole `mlkg --db DIR -c 'RETURN 1'` process, start to exit, and
//     `mlkg -c 'RETURN 1'` on the default database, first building it from
//     data/ and then once it is built;
//   - the shell's start, to its first prompt on a pseudo-terminal.
//
//   mlkg_bench [--nodes N] [--degree D] [--seed S] [--dir DIR [--reuse]] [--mlkg PATH]

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "engine/algo/centrality.hpp"
#include "engine/algo/graph_projection.hpp"
#include "engine/database.hpp"
#include "engine/storage/transaction.hpp"

using namespace mlkg;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

// Mean, median and p99 of `times` (sorts it).
struct Summary {
  double mean, median, p99;
};
Summary summarise(std::vector<double>& times) {
  std::sort(times.begin(), times.end());
  double mean = 0;
  for (double t : times) mean += t;
  mean /= static_cast<double>(times.size());
  return {mean, times[times.size() / 2], times[times.size() * 99 / 100]};
}

long peak_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024;
}

constexpr int kProcessRuns = 50;

// Runs `mlkg args...` kProcessRuns times, one after another, stdout and
// stderr to /dev/null, and returns the mean wall time per process in ms (start to
// exit). `extra_env(run)` may return one NAME=VALUE to add to the
// environment of that run. posix_spawn, not fork: copying this big
// process's page tables would be timed as if it were mlkg's start-up.
template <typename ExtraEnv>
double time_processes(const std::string& mlkg, const std::vector<std::string>& args, ExtraEnv extra_env) {
  std::vector<const char*> argv{mlkg.c_str()};
  for (const auto& a : args) argv.push_back(a.c_str());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  auto a = Clock::now();
  for (int run = 0; run < kProcessRuns; ++run) {
    std::string extra = extra_env(run);
    std::vector<const char*> envp;
    for (char** e = environ; *e; ++e)
      if (extra.empty() || std::strncmp(*e, extra.c_str(), extra.find('=') + 1) != 0) envp.push_back(*e);
    if (!extra.empty()) envp.push_back(extra.c_str());
    envp.push_back(nullptr);
    pid_t pid;
    if (posix_spawn(&pid, mlkg.c_str(), &actions, nullptr, const_cast<char* const*>(argv.data()),
                    const_cast<char* const*>(envp.data())) != 0)
      break;
    int status;
    waitpid(pid, &status, 0);
  }
  posix_spawn_file_actions_destroy(&actions);
  return seconds(a, Clock::now()) * 1e3 / kProcessRuns;
}

// Starts `mlkg` (the shell, on the syllabus graph in `xdg`) on a
// pseudo-terminal kProcessRuns times and measures the time from the start
// to the moment its prompt "mlkg> " appears; then it types :quit. HOME is
// `home`, so no ~/.mlkgrc runs; --no-history keeps runs alike.
std::vector<double> time_to_prompt(const std::string& mlkg, const std::string& xdg, const std::string& home) {
  std::vector<double> times;
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e)
    if (std::strncmp(*e, "XDG_DATA_HOME=", 14) != 0 && std::strncmp(*e, "HOME=", 5) != 0) env_strings.push_back(*e);
  env_strings.push_back("XDG_DATA_HOME=" + xdg);
  env_strings.push_back("HOME=" + home);
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  const char* argv[] = {mlkg.c_str(), "--no-history", nullptr};
  for (int run = 0; run < kProcessRuns; ++run) {
    int master, slave;
    if (openpty(&master, &slave, nullptr, nullptr, nullptr) != 0) return {};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    for (int fd : {0, 1, 2}) posix_spawn_file_actions_adddup2(&actions, slave, fd);
    posix_spawn_file_actions_addclose(&actions, master);
    auto start = Clock::now();
    pid_t pid;
    int rc = posix_spawn(&pid, mlkg.c_str(), &actions, nullptr, const_cast<char* const*>(argv), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    close(slave);
    if (rc != 0) {
      close(master);
      return {};
    }
    std::string seen;
    char buf[4096];
    bool prompted = false;
    while (!prompted) {
      pollfd p{master, POLLIN, 0};
      if (poll(&p, 1, 5000) <= 0) break;
      ssize_t n = read(master, buf, sizeof buf);
      if (n <= 0) break;
      seen.append(buf, static_cast<size_t>(n));
      prompted = seen.find("mlkg> ") != std::string::npos;
    }
    if (prompted) times.push_back(seconds(start, Clock::now()) * 1e3);
    ssize_t ignored = write(master, ":quit\r", 6);
    (void)ignored;
    for (;;) {  // drain until the child closes the terminal
      pollfd p{master, POLLIN, 0};
      if (poll(&p, 1, 2000) <= 0 || read(master, buf, sizeof buf) <= 0) break;
    }
    int status;
    waitpid(pid, &status, 0);
    close(master);
    if (!prompted) return {};
  }
  return times;
}

// Writes the synthetic graph; returns the number of edges.
uint64_t generate(const std::string& path, uint64_t nodes, double degree, uint32_t seed) {
  std::mt19937_64 rng(seed);
  const char* labels[] = {"Service", "Concept", "Task", "UseCase"};
  const char* types[] = {"MENTIONS", "USES", "FITS", "PART_OF", "RELATED_TO"};
  std::string out;
  out.reserve(64 << 20);
  std::ofstream file(path, std::ios::binary);
  auto flush = [&] {
    file.write(out.data(), static_cast<std::streamsize>(out.size()));
    out.clear();
  };
  for (uint64_t i = 0; i < nodes; ++i) {
    // Labels skewed: most nodes are Concepts.
    const char* label = labels[(rng() % 10) < 6 ? 1 : rng() % 4];
    out += "n" + std::to_string(i) + " :" + label + " name:\"node " + std::to_string(i) + "\" rank:" +
           std::to_string(rng() % 1000) + "\n";
    if (out.size() > (32 << 20)) flush();
  }
  uint64_t edges = static_cast<uint64_t>(static_cast<double>(nodes) * degree);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (uint64_t e = 0; e < edges; ++e) {
    // Sources follow a power law (a few hubs), targets are uniform.
    uint64_t from = static_cast<uint64_t>(static_cast<double>(nodes) * std::pow(u(rng), 3.0));
    uint64_t to = rng() % nodes;
    char weight[16];
    std::snprintf(weight, sizeof weight, "%.2f", u(rng));
    out += "n" + std::to_string(from) + " -> n" + std::to_string(to) + " :" + types[rng() % 5] + " weight:" + weight +
           "\n";
    if (out.size() > (32 << 20)) flush();
  }
  flush();
  return edges;
}

// Graph algorithms: each projection built once (timed on its own), then
// queries through the whole engine; each workload's first query, untimed,
// fills the Database's projection cache that the timed ones find.
void run_algorithms(Database& db, uint64_t nodes, std::mt19937_64& rng) {
  auto txn = db.store().begin_read();
  std::vector<std::shared_ptr<const algo::GraphProjection>> keep;
  auto project = [&](const char* what, algo::ProjectionSpec spec) {
    std::shared_ptr<const algo::GraphProjection> p;
    auto a = Clock::now();
    Status s = algo::build_projection(*txn, spec, {}, &p);
    double ms = seconds(a, Clock::now()) * 1e3;
    if (!s.ok()) {
      std::fprintf(stderr, "%s\n", s.to_string().c_str());
      std::exit(1);
    }
    std::printf("projection   %-44s %8.1f ms (%u vertices, %u edges, %.1f MB)\n", what, ms, p->vertex_count(),
                p->edge_count(), static_cast<double>(p->memory_bytes()) / 1e6);
    keep.push_back(p);
    return p;
  };
  algo::ProjectionSpec both;
  both.orientation = algo::Orientation::kUndirected;
  project("every node, both directions", both);
  algo::ProjectionSpec weighted = both;
  weighted.weight = "weight";
  project("every node, both directions, weight", weighted);
  auto natural = project("every node, natural direction", algo::ProjectionSpec{});
  algo::ProjectionSpec reverse;
  reverse.orientation = algo::Orientation::kReverse;
  project("every node, reversed", reverse);

  // Shortest paths between random pairs.
  const int kPairs = 100;
  std::vector<std::pair<std::string, std::string>> pairs;
  for (int i = 0; i < kPairs; ++i)
    pairs.emplace_back("n" + std::to_string(rng() % nodes), "n" + std::to_string(rng() % nodes));
  struct PathWorkload {
    const char* name;
    const char* config;
  };
  const PathWorkload path_workloads[] = {
      {"shortestPath, BOTH", "{}"},
      {"shortestPath, OUTGOING", "{direction: 'OUTGOING'}"},
      {"shortestPath, BOTH, Dijkstra", "{weight: 'weight'}"},
  };
  for (const PathWorkload& w : path_workloads) {
    const std::string text = std::string("MATCH (a {id: $a}), (b {id: $b}) CALL algo.shortestPath(a, b, ") + w.config +
                             ") YIELD length, cost RETURN length, cost";
    db.execute(text, ValueMap{{"a", Value(pairs[0].first)}, {"b", Value(pairs[0].second)}});  // fills the cache
    std::vector<double> times;
    int found = 0;
    double hops = 0;
    for (const auto& [a, b] : pairs) {
      ValueMap params{{"a", Value(a)}, {"b", Value(b)}};
      auto t = Clock::now();
      query::QueryResult r = db.execute(text, params);
      times.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t).count());
      if (!r.rows.empty()) {
        ++found;
        hops += static_cast<double>(r.rows[0][0].as_int());
      }
    }
    Summary sum = summarise(times);
    std::printf("algo         %-30s %9.1f us mean, %9.1f us median, %9.1f us p99 (%d pairs, %d paths, %.2f hops mean)\n",
                w.name, sum.mean, sum.median, sum.p99, kPairs, found, found ? hops / found : 0.0);
  }

  // PageRank over the whole graph, 20 iterations: the algorithm alone, then
  // the whole query (which also makes a row per node).
  {
    algo::PageRankOptions options;
    options.max_iterations = 20;
    options.tolerance = 0;
    std::vector<double> times;
    double checksum = 0;
    for (int i = 0; i < 5; ++i) {
      auto t = Clock::now();
      algo::PageRankResult r = algo::page_rank(*natural, options, {});
      times.push_back(seconds(t, Clock::now()) * 1e3);
      checksum += r.scores[0];
    }
    Summary sum = summarise(times);
    std::printf("algo         %-30s %9.1f ms mean, %9.1f ms median (5 runs, the algorithm alone, %u iterations)\n",
                "pageRank, 20 iterations", sum.mean, sum.median, options.max_iterations);
    times.clear();
    const char* query =
        "CALL algo.pageRank({iterations: 20, tolerance: 0.0}) YIELD node, score RETURN count(*) AS n, sum(score) AS total";
    db.execute(query);  // fills the cache
    for (int i = 0; i < 5; ++i) {
      auto t = Clock::now();
      query::QueryResult r = db.execute(query);
      times.push_back(seconds(t, Clock::now()) * 1e3);
      checksum += r.rows[0][1].as_float();
    }
    sum = summarise(times);
    std::printf("algo         %-30s %9.1f ms mean, %9.1f ms median (5 runs, CALL ... RETURN count(*), sum(score); "
                "checksum %.6f)\n",
                "pageRank, 20 iterations", sum.mean, sum.median, checksum);
  }
}

// Write statements, each one atomic transaction: bulk clauses over many
// rows in one statement, and the latency of small statements (each a
// commit). They run last; the nodes they make carry labels of their own.
void run_writes(Database& db, uint64_t nodes, std::mt19937_64& rng) {
  constexpr int kBulk = 100000;
  auto bulk = [&](const char* what, const std::string& text) {
    auto a = Clock::now();
    query::QueryResult r = db.execute(text);
    double s = seconds(a, Clock::now());
    const auto& st = r.stats;
    int64_t changes = st.nodes_created + st.nodes_deleted + st.relationships_created + st.relationships_deleted +
                      st.properties_set + st.properties_removed + st.labels_added + st.labels_removed;
    std::printf("write        %-44s %7.2f s, %9.0f rows/s (%lld changes counted)\n", what, s, kBulk / s,
                static_cast<long long>(changes));
  };
  const std::string n = std::to_string(kBulk);
  bulk("CREATE, 100k nodes in one statement", "UNWIND range(1, " + n + ") AS i CREATE (:W {i: i})");
  bulk("SET a property on 100k nodes", "MATCH (w:W) SET w.x = w.i * 2");
  bulk("CREATE 100k relationships between them",
       "MATCH (w:W) WITH collect(w) AS ws UNWIND range(1, size(ws) - 1) AS k "
       "WITH ws[k - 1] AS v, ws[k] AS w CREATE (v)-[:NEXT]->(w)");
  bulk("DETACH DELETE the 100k nodes", "MATCH (w:W) DETACH DELETE w");

  auto latency = [&](const char* what, const char* text, int runs, auto params) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
      ValueMap p = params(i);
      auto a = Clock::now();
      db.execute(text, p);
      times.push_back(std::chrono::duration<double, std::micro>(Clock::now() - a).count());
    }
    std::sort(times.begin(), times.end());
    std::printf("write        %-44s %7.1f us median, %7.1f us p99 (%d statements)\n", what, times[times.size() / 2],
                times[times.size() * 99 / 100], runs);
  };
  latency("CREATE one node, one statement", "CREATE (:W1 {i: $i})", 5000,
          [](int i) { return ValueMap{{"i", Value(static_cast<int64_t>(i))}}; });
  latency("MERGE an existing node by unique id", "MERGE (n {id: $id}) ON MATCH SET n.seen = true", 5000,
          [&](int) { return ValueMap{{"id", Value("n" + std::to_string(rng() % nodes))}}; });
  latency("SET one property by unique id", "MATCH (n {id: $id}) SET n.rank = n.rank + 1", 5000,
          [&](int) { return ValueMap{{"id", Value("n" + std::to_string(rng() % nodes))}}; });
}

}  // namespace

// What a store opened as the shell opens it (storage::Access::kShared) pays:
// the open, a one-statement write (the primary opened, written, closed), and
// a read's catch-up with the last commit, idle and after a write.
void run_shared_writes(const std::string& dir) {
  storage::OpenOptions shared;
  shared.access = storage::Access::kShared;
  std::unique_ptr<Database> db;
  auto t0 = Clock::now();
  if (Status s = Database::open(dir, shared, &db); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.to_string().c_str());
    return;
  }
  std::printf("shared       open %.2f ms (secondary instance, no lock)\n", seconds(t0, Clock::now()) * 1e3);
  constexpr int kRuns = 50;
  std::vector<double> write_us, idle_us, after_us;
  for (int i = 0; i < kRuns; ++i) {
    auto a = Clock::now();
    db->execute("CREATE (:Probe {i: $i})", {{"i", Value(int64_t{i})}});
    auto b = Clock::now();
    db->store().begin_read();  // catches up with the write
    auto c = Clock::now();
    db->store().begin_read();  // nothing new
    auto d = Clock::now();
    write_us.push_back(seconds(a, b) * 1e6);
    after_us.push_back(seconds(b, c) * 1e6);
    idle_us.push_back(seconds(c, d) * 1e6);
  }
  for (auto* v : {&write_us, &after_us, &idle_us}) std::sort(v->begin(), v->end());
  std::printf("shared       write statement (take the lock, write, give it back): %.2f ms median, %.2f ms p90 (%d)\n",
              write_us[kRuns / 2] / 1e3, write_us[kRuns * 9 / 10] / 1e3, kRuns);
  std::printf("shared       read catch-up: %.1f us median after a write, %.1f us median idle\n", after_us[kRuns / 2],
              idle_us[kRuns / 2]);
}

int main(int argc, char** argv) {
  uint64_t nodes = 100000;
  double degree = 10;
  uint32_t seed = 42;
  std::string dir;
  bool reuse = false;
  std::string mlkg_path;
  for (int i = 1; i < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--reuse") {  // read benchmarks only, on the database --dir holds
      reuse = true;
      --i;
      continue;
    }
    if (i + 1 >= argc) a = "--help";
    if (a == "--nodes") nodes = std::strtoull(argv[i + 1], nullptr, 10);
    else if (a == "--degree") degree = std::strtod(argv[i + 1], nullptr);
    else if (a == "--seed") seed = static_cast<uint32_t>(std::strtoul(argv[i + 1], nullptr, 10));
    else if (a == "--dir") dir = argv[i + 1];
    else if (a == "--mlkg") mlkg_path = argv[i + 1];
    else {
      std::fprintf(stderr,
                   "usage: mlkg_bench [--nodes N] [--degree D] [--seed S] [--dir DIR [--reuse]] [--mlkg PATH]\n");
      return 2;
    }
  }
  bool temp = dir.empty();
  if (temp) dir = (std::filesystem::temp_directory_path() / ("mlkg-bench-" + std::to_string(getpid()))).string();
  std::unique_ptr<Database> db;
  if (!reuse) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string pg = dir + "/graph.pg";

  auto t0 = Clock::now();
  uint64_t edges = generate(pg, nodes, degree, seed);
  auto t1 = Clock::now();
  std::printf("graph        %llu nodes, %llu edges, %.1f MB of PG (generated in %.2f s, seed %u)\n",
              static_cast<unsigned long long>(nodes), static_cast<unsigned long long>(edges),
              static_cast<double>(std::filesystem::file_size(pg)) / 1e6, seconds(t0, t1), seed);
  long rss_before = peak_rss_mb();

  if (Status s = Database::open(dir + "/db", storage::OpenOptions{}, &db); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.to_string().c_str());
    return 1;
  }
  load::ImportStats stats;
  auto t2 = Clock::now();
  if (Status s = db->import_files({pg}, load::ImportOptions{}, &stats); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.to_string().c_str());
    return 1;
  }
  auto t3 = Clock::now();
  double import_s = seconds(t2, t3);
  std::printf("import       %.2f s: %.0f edges/s, %.0f nodes/s (peak RSS %ld MB; %ld MB before the import)\n",
              import_s, static_cast<double>(edges) / import_s, static_cast<double>(nodes) / import_s, peak_rss_mb(),
              rss_before);
  std::printf("database     %.1f MB on disk\n", static_cast<double>(db->store().disk_size()) / 1e6);

  // The same graph through neo4j-csv: exported from the database just
  // built, then imported into a new one, as `mlkg import DIR` does (the
  // progress callback is what draws `mlkg import`'s progress bar).
  {
    const std::string csv = dir + "/csv/";
    exporter::ExportOptions options;
    options.format = exporter::ExportFormat::kNeo4jCsv;
    options.path = csv;
    exporter::ExportStats exported;
    auto e0 = Clock::now();
    if (Status s = db->export_graph(options, std::nullopt, {}, &exported); !s.ok()) {
      std::fprintf(stderr, "%s\n", s.to_string().c_str());
      return 1;
    }
    auto e1 = Clock::now();
    uint64_t csv_bytes = 0;
    for (const auto& f : exported.files) csv_bytes += std::filesystem::file_size(f);
    std::printf("csv export   %.2f s: %.0f edges/s, %zu files, %.1f MB (neo4j-csv)\n", seconds(e0, e1),
                static_cast<double>(edges) / seconds(e0, e1), exported.files.size(),
                static_cast<double>(csv_bytes) / 1e6);
    std::unique_ptr<Database> csv_db;
    if (Status s = Database::open(dir + "/db-csv", storage::OpenOptions{}, &csv_db); !s.ok()) {
      std::fprintf(stderr, "%s\n", s.to_string().c_str());
      return 1;
    }
    load::ImportOptions import_options;
    uint64_t progress_calls = 0;
    import_options.progress = [&](const load::ImportProgress&) { ++progress_calls; };
    load::ImportStats csv_stats;
    auto i0 = Clock::now();
    if (Status s = csv_db->import_files({csv}, import_options, &csv_stats); !s.ok()) {
      std::fprintf(stderr, "%s\n", s.to_string().c_str());
      return 1;
    }
    auto i1 = Clock::now();
    std::printf("csv import   %.2f s: %.0f edges/s, %.0f nodes/s (%llu files, %llu progress reports; peak RSS %ld MB)\n",
                seconds(i0, i1), static_cast<double>(csv_stats.relationships_created) / seconds(i0, i1),
                static_cast<double>(csv_stats.nodes_created) / seconds(i0, i1),
                static_cast<unsigned long long>(csv_stats.files), static_cast<unsigned long long>(progress_calls),
                peak_rss_mb());
    if (csv_stats.relationships_created != edges || csv_stats.nodes_created != nodes) {
      std::fprintf(stderr, "the neo4j-csv import gave %llu nodes and %llu relationships\n",
                   static_cast<unsigned long long>(csv_stats.nodes_created),
                   static_cast<unsigned long long>(csv_stats.relationships_created));
      return 1;
    }
  }
  }

  // Reopen so reads start from a cold process state, as a new mlkg would.
  db.reset();
  storage::OpenOptions ro;
  ro.access = storage::Access::kReadOnly;
  auto t4 = Clock::now();
  if (Status s = Database::open(dir + "/db", ro, &db); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.to_string().c_str());
    return 1;
  }
  auto t5 = Clock::now();
  std::printf("open         %.2f ms (read-only)\n", seconds(t4, t5) * 1e3);

  auto txn = db->store().begin_read();
  const storage::Catalog& cat = txn->catalog();
  const storage::IndexDefinition* by_id = cat.find_index(0, *cat.find_key("id"));
  std::mt19937_64 rng(seed + 1);

  // Point lookups: id -> node record.
  const int kLookups = 200000;
  std::vector<std::string> keys;
  keys.reserve(kLookups);
  for (int i = 0; i < kLookups; ++i) keys.push_back("n" + std::to_string(rng() % nodes));
  std::vector<double> lat;
  lat.reserve(kLookups);
  uint64_t found = 0;
  auto t6 = Clock::now();
  for (const auto& k : keys) {
    auto a = Clock::now();
    std::optional<storage::NodeId> n;
    std::optional<storage::NodeRecord> rec;
    if (txn->find_unique(by_id->id, Value(k), &n).ok() && n && txn->get_node(*n, &rec).ok() && rec) ++found;
    lat.push_back(std::chrono::duration<double, std::micro>(Clock::now() - a).count());
  }
  auto t7 = Clock::now();
  std::sort(lat.begin(), lat.end());
  std::printf("lookup by id %.2f us mean, %.2f us median, %.2f us p99 (%d lookups, %llu found)\n",
              seconds(t6, t7) * 1e6 / kLookups, lat[lat.size() / 2], lat[lat.size() * 99 / 100], kLookups,
              static_cast<unsigned long long>(found));

  // Expansion: outgoing and incoming adjacency of random nodes.
  uint64_t entries = 0, expansions = 0;
  auto t8 = Clock::now();
  while (entries < 5000000) {
    storage::NodeId n = 1 + rng() % nodes;
    for (auto dir_ : {storage::Direction::kOut, storage::Direction::kIn}) {
      storage::AdjCursor c = txn->expand(n, dir_);
      for (; c.valid(); c.next()) ++entries;
      ++expansions;
    }
  }
  auto t9 = Clock::now();
  double exp_s = seconds(t8, t9);
  std::printf("expand       %.2f M adjacency entries/s (%llu entries over %llu expansions, %.2f us per expansion)\n",
              static_cast<double>(entries) / exp_s / 1e6, static_cast<unsigned long long>(entries),
              static_cast<unsigned long long>(expansions), exp_s * 1e6 / static_cast<double>(expansions));
  txn.reset();

  // Query workloads: each query parsed, bound, planned and run, with a
  // random start node, many times in this process.
  struct Workload {
    const char* name;
    const char* text;
    int runs;
  };
  const Workload workloads[] = {
      {"point lookup", "MATCH (n {id: $id}) RETURN n.name", 20000},
      {"1-hop count", "MATCH (n {id: $id})-->(m) RETURN count(m)", 20000},
      {"2-hop distinct count", "MATCH (n {id: $id})-->()-->(m) RETURN count(DISTINCT m)", 5000},
      {"1..3-hop reachability", "MATCH (n {id: $id})-[*1..3]->(m) RETURN count(DISTINCT m)", 500},
      {"filter + aggregate per label", "MATCH (n:Service) WHERE n.rank > 500 RETURN count(*), avg(n.rank)", 20},
  };
  for (const Workload& w : workloads) {
    std::vector<double> times;
    int64_t checksum = 0;
    for (int i = 0; i < w.runs; ++i) {
      ValueMap params{{"id", Value("n" + std::to_string(rng() % nodes))}};
      auto a = Clock::now();
      query::QueryResult r = db->execute(w.text, params);
      times.push_back(std::chrono::duration<double, std::micro>(Clock::now() - a).count());
      if (!r.rows.empty() && r.rows[0][0].is_int()) checksum += r.rows[0][0].as_int();
    }
    std::sort(times.begin(), times.end());
    double mean = 0;
    for (double t : times) mean += t;
    mean /= static_cast<double>(times.size());
    std::printf("query        %-30s %9.1f us mean, %9.1f us median, %9.1f us p99 (%d runs, checksum %lld)\n", w.name,
                mean, times[times.size() / 2], times[times.size() * 99 / 100], w.runs,
                static_cast<long long>(checksum));
  }
  run_algorithms(*db, nodes, rng);
  // Writes change the graph, so they run on the neo4j-csv copy (the same
  // graph), which only a full run builds.
  if (reuse) {
    std::printf("write        skipped with --reuse (the writes run on the copy a full run imports)\n");
  } else {
    std::unique_ptr<Database> copy;
    storage::OpenOptions exclusive;  // as a script that writes opens it
    exclusive.access = storage::Access::kExclusive;
    if (Status s = Database::open(dir + "/db-csv", exclusive, &copy); !s.ok()) {
      std::fprintf(stderr, "%s\n", s.to_string().c_str());
      return 1;
    }
    run_writes(*copy, nodes, rng);
    copy.reset();
    run_shared_writes(dir + "/db-csv");
  }
  std::printf("peak RSS     %ld MB\n", peak_rss_mb());
  db.reset();

  // A whole process: start, open read-only, parse, run, print, exit.
  if (mlkg_path.empty()) {
    std::error_code ec;
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    mlkg_path = (self.parent_path().parent_path() / "mlkg").string();
  }
  if (std::filesystem::exists(mlkg_path)) {
    std::fflush(stdout);  // or every child would print this process's buffer again
    const std::string db_dir = dir + "/db";
    double ms = time_processes(mlkg_path, {"--db", db_dir, "-c", "RETURN 1"}, [](int) { return std::string(); });
    std::printf("end to end   mlkg --db DIR -c 'RETURN 1': %.2f ms per process (%d runs)\n", ms, kProcessRuns);
    ms = time_processes(mlkg_path, {"--version"}, [](int) { return std::string(); });
    std::printf("end to end   mlkg --version (start and exit, no database): %.2f ms per process (%d runs)\n", ms,
                kProcessRuns);
    if (!reuse) {  // a write changes the graph: on the copy
      ms = time_processes(mlkg_path, {"--db", dir + "/db-csv", "-c", "CREATE (:Probe {i: 0})"},
                          [](int) { return std::string(); });
      std::printf("end to end   mlkg --db DIR -c 'CREATE (:Probe {i: 0})': %.2f ms per process (%d runs)\n", ms,
                  kProcessRuns);
    }
    // The default database (the bundled syllabus graph): a fresh
    // XDG_DATA_HOME per run makes every process build it from data/ first;
    // one shared directory measures opening it once it is built.
    const std::string xdg = dir + "/xdg";
    ms = time_processes(mlkg_path, {"-c", "RETURN 1"},
                        [&](int run) { return "XDG_DATA_HOME=" + xdg + "/" + std::to_string(run); });
    std::printf("end to end   mlkg -c 'RETURN 1', building the syllabus graph: %.2f ms per process (%d runs)\n", ms,
                kProcessRuns);
    ms = time_processes(mlkg_path, {"-c", "RETURN 1"}, [&](int) { return "XDG_DATA_HOME=" + xdg + "/0"; });
    std::printf("end to end   mlkg -c 'RETURN 1', syllabus graph built: %.2f ms per process (%d runs)\n", ms,
                kProcessRuns);
    // The shell: from start to its first prompt on a terminal.
    std::vector<double> prompts = time_to_prompt(mlkg_path, xdg + "/0", dir);
    if (!prompts.empty()) {
      std::sort(prompts.begin(), prompts.end());
      double mean = 0;
      for (double t : prompts) mean += t;
      mean /= static_cast<double>(prompts.size());
      std::printf("shell        mlkg to its first prompt: %.2f ms mean, %.2f ms median, %.2f ms max (%zu runs)\n", mean,
                  prompts[prompts.size() / 2], prompts.back(), prompts.size());
    }
  }
  if (temp) std::filesystem::remove_all(dir);
  return 0;
}

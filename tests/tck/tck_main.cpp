// mlkg_tck: runs the openCypher TCK scenarios (tests/tck/features) against
// mlkg's engine in this process, one fresh database per scenario, and keeps
// the ratchet: with --expect-pass, a listed scenario that does not pass fails
// the run, and passing scenarios the list lacks are named.
//
//   mlkg_tck [--features DIR] [--graphs DIR] [--filter TEXT]... [--jobs N]
//            [--expect-pass FILE] [--write-passing FILE] [--report FILE.json]
//            [--no-phase] [--list] [-q] [-v]
//
// Output: a line per failing scenario ("FAIL <id>: <why>"), the ratchet's
// lines, then last "N passed, N failed, N skipped". Exit status 1 when a
// listed scenario did not pass, 2 when the runner itself could not run.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "tests/tck/gherkin.hpp"
#include "tests/tck/scenario_runner.hpp"

namespace {

using mlkg::tck::Outcome;
using mlkg::tck::Scenario;
using mlkg::tck::Verdict;

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::kPass: return "pass";
    case Verdict::kFail: return "fail";
    case Verdict::kSkip: return "skip";
  }
  return "?";
}

std::string shorten(const std::string& s, size_t n) {
  std::string one_line;
  for (char c : s) one_line += c == '\n' ? ' ' : c;
  return one_line.size() <= n ? one_line : one_line.substr(0, n - 3) + "...";
}

// The top two folders of a scenario's file ("clauses/match").
std::string folder_of(const Scenario& sc) {
  const size_t a = sc.file.find('/');
  const size_t b = a == std::string::npos ? a : sc.file.find('/', a + 1);
  return b == std::string::npos ? "." : sc.file.substr(0, b);
}

std::set<std::string> read_ids(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::set<std::string> ids;
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty() && line[0] != '#') ids.insert(line);
  }
  return ids;
}

int run(int argc, char** argv) {
  CLI::App app{"Runs the openCypher TCK against mlkg's engine, in this process.", "mlkg_tck"};
  std::string features = MLKG_TCK_DIR "/features", graphs, expect_pass, write_passing, report, tmp;
  std::vector<std::string> filters;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  double timeout = 20;
  bool no_phase = false, list = false, verbose = false, quiet = false;
  app.add_option("--features", features, "the TCK's features folder")->capture_default_str();
  app.add_option("--graphs", graphs, "the TCK's named graphs (default: FEATURES/../graphs)");
  app.add_option("--filter", filters, "run the scenarios whose id contains this text (repeatable: any of them)");
  app.add_option("--jobs,-j", jobs, "scenarios run at once")->capture_default_str();
  app.add_option("--timeout", timeout, "seconds a statement may take")->capture_default_str();
  app.add_option("--expect-pass", expect_pass, "ids that must pass (exit 1 if one does not)");
  app.add_option("--write-passing", write_passing, "write the ids of the passing scenarios here, sorted");
  app.add_option("--report", report, "write every scenario's verdict here as JSON");
  app.add_option("--tmp", tmp, "where the scenario databases go (default: $TMPDIR or /tmp)");
  app.add_flag("--no-phase", no_phase, "match an expected error by class and code alone, not by phase");
  app.add_flag("--list", list, "list the selected scenarios; run nothing");
  app.add_flag("-v,--verbose", verbose, "also print tallies by folder and the reasons for skips");
  app.add_flag("-q,--quiet", quiet, "no FAIL lines (REGRESSED lines still say why)");
  CLI11_PARSE(app, argc, argv);

  std::vector<Scenario> chosen;
  std::vector<mlkg::tck::FeatureFile> files = mlkg::tck::load_features(features);
  auto selected = [&](const std::string& id) {
    return filters.empty() || std::any_of(filters.begin(), filters.end(),
                                          [&](const std::string& f) { return id.find(f) != std::string::npos; });
  };
  for (auto& f : files) {
    for (const auto& w : f.warnings) std::cerr << "warning: " << w << "\n";
    for (auto& sc : f.scenarios)
      if (selected(sc.id)) chosen.push_back(std::move(sc));
  }
  if (list) {
    for (const auto& sc : chosen) std::cout << sc.id << "\n";
    std::cout << chosen.size() << " scenarios\n";
    return 0;
  }

  mlkg::tck::RunnerOptions options;
  std::filesystem::path features_dir = std::filesystem::path(features).lexically_normal();
  if (features_dir.filename().empty()) features_dir = features_dir.parent_path();  // "features/"
  options.graphs = graphs.empty() ? features_dir.parent_path() / "graphs" : std::filesystem::path(graphs);
  options.tmp = tmp;
  options.timeout_seconds = timeout;
  options.check_phase = !no_phase;

  std::vector<Outcome> outcomes(chosen.size());
  std::atomic<size_t> next{0};
  std::atomic<bool> broken{false};
  std::string broken_why;
  std::mutex broken_mutex;
  const auto start = std::chrono::steady_clock::now();
  auto worker = [&] {
    for (size_t i; (i = next++) < chosen.size() && !broken;) {
      try {
        outcomes[i] = mlkg::tck::run_scenario(chosen[i], options);
      } catch (const std::exception& e) {
        std::lock_guard lock(broken_mutex);
        broken = true;
        broken_why = chosen[i].id + ": " + e.what();
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned j = 0; j < std::max(1u, jobs); ++j) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  if (broken) {
    std::cerr << "runner error: " << broken_why << "\n";
    return 2;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::map<Verdict, size_t> tally;
  std::map<std::string, std::map<Verdict, size_t>> by_folder;
  std::map<std::string, size_t> skip_reasons;
  std::set<std::string> passing;
  for (size_t i = 0; i < chosen.size(); ++i) {
    const Outcome& o = outcomes[i];
    ++tally[o.verdict];
    ++by_folder[folder_of(chosen[i])][o.verdict];
    if (o.verdict == Verdict::kFail && !quiet) std::cout << "FAIL " << chosen[i].id << ": " << shorten(o.reason, 400) << "\n";
    if (o.verdict == Verdict::kSkip) ++skip_reasons[o.reason];
    if (o.verdict == Verdict::kPass) passing.insert(chosen[i].id);
  }
  if (verbose) {
    for (const auto& [folder, t] : by_folder) {
      char line[160];
      std::snprintf(line, sizeof line, "  %-40s %4zu passed %4zu failed %4zu skipped\n", folder.c_str(),
                    t.count(Verdict::kPass) ? t.at(Verdict::kPass) : 0, t.count(Verdict::kFail) ? t.at(Verdict::kFail) : 0,
                    t.count(Verdict::kSkip) ? t.at(Verdict::kSkip) : 0);
      std::cout << line;
    }
    for (const auto& [why, n] : skip_reasons) std::cout << "  skipped " << n << ": " << why << "\n";
  }

  if (!report.empty()) {
    nlohmann::json doc;
    doc["features"] = std::filesystem::absolute(features).string();
    doc["check_phase"] = options.check_phase;
    doc["seconds"] = seconds;
    doc["summary"] = {{"passed", tally[Verdict::kPass]}, {"failed", tally[Verdict::kFail]},
                      {"skipped", tally[Verdict::kSkip]}};
    nlohmann::json& list_json = doc["scenarios"] = nlohmann::json::array();
    for (size_t i = 0; i < chosen.size(); ++i)
      list_json.push_back({{"id", chosen[i].id},
                           {"file", chosen[i].file},
                           {"line", chosen[i].line},
                           {"status", verdict_name(outcomes[i].verdict)},
                           {"reason", outcomes[i].reason},
                           {"seconds", outcomes[i].seconds}});
    std::ofstream(report) << doc.dump(1) << "\n";
  }
  if (!write_passing.empty()) {
    std::ofstream out(write_passing);
    for (const auto& id : passing) out << id << "\n";
  }

  int status = 0;
  if (!expect_pass.empty()) {
    const std::set<std::string> wanted = read_ids(expect_pass);
    std::map<std::string, const Outcome*> by_id;
    for (size_t i = 0; i < chosen.size(); ++i) by_id[chosen[i].id] = &outcomes[i];
    size_t lost = 0, gained = 0;
    for (const auto& id : wanted) {
      const auto it = by_id.find(id);
      // With --filter, only the listed scenarios that were selected count.
      if (!filters.empty() && it == by_id.end()) continue;
      if (!passing.count(id)) {
        std::cout << "REGRESSED " << id << ": "
                  << (it == by_id.end() ? "no such scenario" : shorten(it->second->reason, 400)) << "\n";
        ++lost;
      }
    }
    for (const auto& id : passing)
      if (!wanted.count(id)) {
        std::cout << "NEWLY PASSING " << id << "\n";
        ++gained;
      }
    std::cout << "expected to pass: " << wanted.size() << "; regressed or not run: " << lost
              << "; newly passing: " << gained << " (add them: --write-passing " << expect_pass << ")\n";
    status = lost ? 1 : 0;
  }
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.1f", seconds);
  std::cout << "TCK: " << chosen.size() << " scenarios in " << secs << " s with " << jobs << " job(s)\n";
  std::cout << tally[Verdict::kPass] << " passed, " << tally[Verdict::kFail] << " failed, " << tally[Verdict::kSkip]
            << " skipped" << std::endl;
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "mlkg_tck: " << e.what() << "\n";
    return 2;
  }
}

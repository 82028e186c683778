// Several mlkg processes writing one database take turns: a writer that
// meets another's lock waits for it (--busy-timeout) instead of failing, and
// read-modify-write statements lose no update.

#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

#include "support/mlkg_process.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

using mlkg::test::CommandResult;
using mlkg::test::TempDir;
using mlkg::test::mlkg_run;

TEST_CASE("concurrent writers: four processes incrementing one counter wait their turn and lose nothing",
          "[cli][concurrency]") {
  TempDir home;
  const std::string db = home.sub("db");
  REQUIRE(mlkg_run(home, {"--db", db, "-c", "CREATE (:Counter {n: 0})"}).exit_code == 0);
  constexpr int kProcesses = 4, kEach = 12;
  std::vector<int> failures(kProcesses, 0);
  std::vector<std::string> errors(kProcesses);
  std::vector<std::thread> writers;
  for (int p = 0; p < kProcesses; ++p)
    writers.emplace_back([&, p] {
      for (int i = 0; i < kEach; ++i) {
        CommandResult r = mlkg_run(home, {"--db", db, "-c", "MATCH (c:Counter) SET c.n = c.n + 1"});
        if (r.exit_code != 0) {
          ++failures[p];
          errors[p] = r.err;
        }
      }
    });
  for (auto& t : writers) t.join();
  for (int p = 0; p < kProcesses; ++p) {
    INFO(errors[p]);
    CHECK(failures[p] == 0);
  }
  CommandResult r = mlkg_run(home, {"--db", db, "-c", "MATCH (c:Counter) RETURN c.n"});
  CHECK(r.out == "c.n\n" + std::to_string(kProcesses * kEach) + "\n");
  CHECK(mlkg_run(home, {"--db", db, "check"}).exit_code == 0);
}

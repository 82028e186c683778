// The memory budget (engine/common/memory_budget.hpp): what it counts, what
// it refuses and when, and the default it gives a statement.

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <new>
#include <string>
#include <vector>

#include "engine/common/memory_budget.hpp"
#include "support/temp_dir.hpp"

using namespace mlkg;

namespace {

constexpr uint64_t kMiB = uint64_t{1} << 20;

// A block the compiler cannot drop: written to and published.
void* volatile g_sink = nullptr;

void* take(size_t n) {
  void* p = ::operator new(n);
  std::memset(p, 1, n);
  g_sink = p;
  return p;
}

bool refused(size_t n) {
  try {
    ::operator delete(take(n));
  } catch (const MemoryBudgetExceeded&) {
    return true;
  }
  return false;
}

// Catch2's own bookkeeping allocates between the checks: a count is "back"
// within this much.
bool back_to(int64_t used, int64_t start) { return used - start < 256 * 1024 && start - used < 256 * 1024; }

void write_file(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path) << text;
}

}  // namespace

TEST_CASE("memory budget: counts what the thread allocates and frees while it lives", "[common][memory]") {
  MemoryBudget budget(kMiB * 1024);
  const int64_t start = budget.used();
  void* a = take(10 * kMiB);
  CHECK(budget.used() - start >= static_cast<int64_t>(10 * kMiB));
  void* b = ::operator new(3 * kMiB, std::align_val_t{4096});  // aligned forms count too
  std::memset(b, 1, 3 * kMiB);
  g_sink = b;
  CHECK(budget.used() - start >= static_cast<int64_t>(13 * kMiB));
  ::operator delete(b, std::align_val_t{4096});
  ::operator delete(a);
  CHECK(back_to(budget.used(), start));
  CHECK(budget.peak() - start >= static_cast<int64_t>(13 * kMiB));
  std::vector<std::string> many;
  for (int i = 0; i < 1000; ++i) many.emplace_back(200, 'x');
  CHECK(budget.used() - start >= 1000 * 200);
  many = {};
  CHECK(back_to(budget.used(), start));
}

TEST_CASE("memory budget: a large request over the limit is refused before it is allocated, a small one never",
          "[common][memory]") {
  MemoryBudget budget(8 * kMiB);
  CHECK_FALSE(refused(4 * kMiB));
  CHECK(refused(9 * kMiB));
  CHECK(budget.used() < static_cast<int64_t>(kMiB));  // nothing was taken for it
  // A request beyond any memory there is never reaches malloc.
  CHECK(refused(size_t{1} << 45));
  CHECK(::operator new(16 * kMiB, std::nothrow) == nullptr);
  // Small requests are granted past the limit; check_memory_budget() stops
  // the thread at its next safe point.
  check_memory_budget();
  std::vector<std::string> many;
  many.reserve(20000);  // under 1 MiB: its growth is not what is tested
  for (int i = 0; i < 20000; ++i) many.emplace_back(500, 'x');
  CHECK(budget.used() > static_cast<int64_t>(8 * kMiB));
  CHECK_THROWS_AS(check_memory_budget(), MemoryBudgetExceeded);
  many = {};
  check_memory_budget();
  CHECK_THROWS_AS(check_memory_budget_room(9 * kMiB), MemoryBudgetExceeded);
  CHECK_THROWS_AS(check_memory_budget_room(UINT64_MAX), MemoryBudgetExceeded);  // no wrap-around
  const volatile size_t huge = SIZE_MAX - 4096;  // not a constant the compiler warns about
  CHECK(refused(huge));
  check_memory_budget_room(kMiB);
}

TEST_CASE("memory budget: no request is refused while a NoAllocationRefusal lives, but it is counted",
          "[common][memory]") {
  MemoryBudget budget(8 * kMiB);
  void* p = nullptr;
  {
    const NoAllocationRefusal rocks;
    p = take(12 * kMiB);
  }
  CHECK(budget.used() >= static_cast<int64_t>(12 * kMiB));
  CHECK_THROWS_AS(check_memory_budget(), MemoryBudgetExceeded);
  CHECK(refused(2 * kMiB));
  ::operator delete(p);
  check_memory_budget();
}

TEST_CASE("memory budget: without one, or with limit 0, nothing is counted or refused, and budgets nest",
          "[common][memory]") {
  CHECK_FALSE(refused(64 * kMiB));
  check_memory_budget();
  check_memory_budget_room(uint64_t{1} << 62);
  {
    MemoryBudget none(0);
    CHECK_FALSE(refused(64 * kMiB));
    CHECK(none.used() == 0);
  }
  MemoryBudget outer(kMiB * 1024);
  void* kept = nullptr;
  {
    MemoryBudget inner(16 * kMiB);
    CHECK(refused(20 * kMiB));  // the inner limit applies
    kept = take(5 * kMiB);
    CHECK(inner.used() >= static_cast<int64_t>(5 * kMiB));
    CHECK(outer.used() < static_cast<int64_t>(kMiB));  // counted by the inner one while it lives
  }
  CHECK(outer.used() >= static_cast<int64_t>(5 * kMiB));  // then handed to the outer one
  CHECK(outer.peak() >= static_cast<int64_t>(5 * kMiB));
  CHECK_FALSE(refused(20 * kMiB));
  ::operator delete(kept);
  CHECK(outer.used() < static_cast<int64_t>(kMiB));
}

TEST_CASE("memory budget: the default is half the machine's memory, or of its cgroup's limit when lower",
          "[common][memory]") {
  const uint64_t physical =
      static_cast<uint64_t>(sysconf(_SC_PHYS_PAGES)) * static_cast<uint64_t>(sysconf(_SC_PAGE_SIZE));
  CHECK(default_memory_budget() > 0);
  CHECK(default_memory_budget() <= physical / 2);

  test::TempDir root;
  // cgroup v2: the lowest memory.max from the cgroup up to the root.
  write_file(root.sub("a/b/memory.max"), "max\n");
  write_file(root.sub("a/memory.max"), "1073741824\n");
  write_file(root.sub("memory.max"), "max\n");
  CHECK(cgroup_memory_limit("0::/a/b\n", root.path()) == uint64_t{1} << 30);
  CHECK(cgroup_memory_limit("0::/\n", root.path()) == 0);
  // cgroup v1: the memory controller's own hierarchy; its "no limit" is a huge number.
  write_file(root.sub("memory/x/memory.limit_in_bytes"), "536870912\n");
  write_file(root.sub("memory/memory.limit_in_bytes"), "9223372036854771712\n");
  CHECK(cgroup_memory_limit("5:cpu:/x\n4:memory:/x\n0::/\n", root.path()) == uint64_t{512} << 20);
  CHECK(cgroup_memory_limit("4:memory:/\n", root.path()) == 0);
  CHECK(cgroup_memory_limit("", root.path()) == 0);
  CHECK(cgroup_memory_limit("garbage", root.path()) == 0);
}

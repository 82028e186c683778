#include "engine/common/memory_budget.hpp"

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace mlkg {

// The budget of this thread, or null. constinit and trivially destructible:
// no guard on access, and operator delete may read it during thread exit.
static constinit thread_local MemoryBudget* t_budget = nullptr;

struct MemoryBudgetAccess {
  // Whether `more` bytes would take the count over the limit (without
  // overflow, for any `more`).
  static bool over(const MemoryBudget& b, uint64_t more) {
    const uint64_t used = static_cast<uint64_t>(std::max<int64_t>(b.used_, 0));
    return used > b.limit_ || more > b.limit_ - used;
  }
  // Whether a request of `n` bytes must be refused.
  static bool refuses(const MemoryBudget& b, std::size_t n) {
    return n >= MemoryBudget::kLargeRequest && b.refusals_paused_ == 0 && over(b, n);
  }
  static void add(MemoryBudget& b, void* p) {
    b.used_ += static_cast<int64_t>(malloc_usable_size(p));
    b.peak_ = std::max(b.peak_, b.used_);
    ++b.allocations_;
  }
  static void remove(MemoryBudget& b, void* p) { b.used_ -= static_cast<int64_t>(malloc_usable_size(p)); }
  static int& paused(MemoryBudget& b) { return b.refusals_paused_; }
};

MemoryBudget::MemoryBudget(uint64_t limit) : limit_(limit) {
  if (limit_ == 0) return;
  active_ = true;
  outer_ = t_budget;
  t_budget = this;
}

MemoryBudget::~MemoryBudget() {
  if (!active_) return;
  t_budget = outer_;
  if (outer_) {  // its count did not change while this one lived
    outer_->allocations_ += allocations_;
    outer_->peak_ = std::max(outer_->peak_, outer_->used_ + peak_);
    outer_->used_ += used_;
  }
}

NoAllocationRefusal::NoAllocationRefusal() : budget_(t_budget) {
  if (budget_) ++MemoryBudgetAccess::paused(*budget_);
}

NoAllocationRefusal::~NoAllocationRefusal() {
  if (budget_) --MemoryBudgetAccess::paused(*budget_);
}

void check_memory_budget() {
  if (const MemoryBudget* b = t_budget; b && MemoryBudgetAccess::over(*b, 0)) throw MemoryBudgetExceeded();
}

void check_memory_budget_room(uint64_t bytes) {
  if (const MemoryBudget* b = t_budget; b && MemoryBudgetAccess::over(*b, bytes)) throw MemoryBudgetExceeded();
}

// ---------------------------------------------------------------- the default

namespace {

// The first line of `path` as a number of bytes; 0 for "max", a missing
// file or anything else.
uint64_t read_limit(const std::string& path) {
  std::ifstream in(path);
  std::string text;
  if (!in || !std::getline(in, text)) return 0;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(text.c_str(), &end, 10);
  if (end == text.c_str() || (*end != '\0' && *end != '\n')) return 0;
  return v;
}

// The lowest limit in `file` of the cgroups from `root`/`path` up to `root`.
uint64_t lowest_limit(const std::string& root, std::string path, const char* file) {
  uint64_t lowest = 0;
  while (true) {
    const uint64_t v = read_limit(root + path + (path.empty() || path.back() != '/' ? "/" : "") + file);
    // cgroup v1 says "no limit" with a huge number (PAGE_COUNTER_MAX pages).
    if (v != 0 && v < (uint64_t{1} << 62)) lowest = lowest == 0 ? v : std::min(lowest, v);
    if (path.empty() || path == "/") break;
    const size_t slash = path.find_last_of('/');
    path = slash == std::string::npos ? "" : path.substr(0, slash);
  }
  return lowest;
}

}  // namespace

uint64_t cgroup_memory_limit(std::string_view proc_self_cgroup, const std::string& cgroup_root) {
  // Lines "hierarchy-ID:controllers:path": "0::/path" is cgroup v2 (memory.max
  // under the root), "4:memory:/path" the v1 memory controller (its own mount).
  uint64_t limit = 0;
  auto take = [&](uint64_t v) {
    if (v != 0) limit = limit == 0 ? v : std::min(limit, v);
  };
  std::istringstream lines{std::string(proc_self_cgroup)};
  for (std::string line; std::getline(lines, line);) {
    const size_t a = line.find(':');
    const size_t b = a == std::string::npos ? a : line.find(':', a + 1);
    if (b == std::string::npos) continue;
    const std::string controllers = line.substr(a + 1, b - a - 1);
    const std::string path = line.substr(b + 1);
    if (line.compare(0, a, "0") == 0 && controllers.empty()) {
      take(lowest_limit(cgroup_root, path, "memory.max"));
      take(lowest_limit(cgroup_root + "/unified", path, "memory.max"));  // the hybrid layout
    } else {
      std::istringstream names(controllers);
      for (std::string name; std::getline(names, name, ',');)
        if (name == "memory") take(lowest_limit(cgroup_root + "/memory", path, "memory.limit_in_bytes"));
    }
  }
  return limit;
}

uint64_t default_memory_budget() {
  static const uint64_t budget = [] {
    const long pages = sysconf(_SC_PHYS_PAGES), page_size = sysconf(_SC_PAGE_SIZE);
    uint64_t usable = pages > 0 && page_size > 0 ? static_cast<uint64_t>(pages) * static_cast<uint64_t>(page_size)
                                                 : uint64_t{4} << 30;  // unknown: assume a small machine
    std::ifstream in("/proc/self/cgroup");
    std::stringstream text;
    text << in.rdbuf();
    if (const uint64_t cgroup = cgroup_memory_limit(text.str(), "/sys/fs/cgroup"); cgroup != 0)
      usable = std::min(usable, cgroup);
    return usable / 2;
  }();
  return budget;
}

}  // namespace mlkg

// ---------------------------------------------------------------- operator new and delete
//
// The replacements every program linking the engine uses (the standard lets
// a program replace them; they are in this file so that whatever uses a
// budget links them). Allocation is malloc's, as libstdc++'s own operator new
// does it, with the new-handler loop; blocks are freed with free().

namespace {

using mlkg::MemoryBudget;
using mlkg::MemoryBudgetAccess;
using mlkg::t_budget;

// The paths off the common one stay out of line, so that operator new and
// delete on a thread without a budget are a thread-local load, a branch and
// malloc or free, with no registers to save.

[[noreturn, gnu::noinline]] void refuse() { throw mlkg::MemoryBudgetExceeded(); }

// malloc failed: the standard's loop over the new-handler.
[[gnu::noinline]] void* allocate_after_failure(std::size_t n) {
  while (true) {
    std::new_handler handler = std::get_new_handler();
    if (!handler) throw std::bad_alloc();
    handler();
    if (void* p = std::malloc(n)) return p;
  }
}

[[gnu::noinline]] void* allocate_counted(MemoryBudget& b, std::size_t n) {
  if (MemoryBudgetAccess::refuses(b, n)) refuse();
  if (n == 0) n = 1;
  void* p = std::malloc(n);
  if (!p) p = allocate_after_failure(n);
  MemoryBudgetAccess::add(b, p);
  return p;
}

inline void* allocate(std::size_t n) {
  if (MemoryBudget* b = t_budget) [[unlikely]]
    return allocate_counted(*b, n);
  if (n == 0) n = 1;
  if (void* p = std::malloc(n)) [[likely]]
    return p;
  return allocate_after_failure(n);
}

void* allocate_aligned(std::size_t n, std::align_val_t al) {
  MemoryBudget* b = t_budget;
  if (b && MemoryBudgetAccess::refuses(*b, n)) [[unlikely]]
    refuse();
  const std::size_t alignment = std::max(static_cast<std::size_t>(al), sizeof(void*));
  if (n == 0) n = 1;
  void* p = nullptr;
  while (posix_memalign(&p, alignment, n) != 0) {
    std::new_handler handler = std::get_new_handler();
    if (!handler) throw std::bad_alloc();
    handler();
  }
  if (b) [[unlikely]]
    MemoryBudgetAccess::add(*b, p);
  return p;
}

[[gnu::noinline]] void uncount(MemoryBudget& b, void* p) noexcept {
  if (p) MemoryBudgetAccess::remove(b, p);
}

inline void deallocate(void* p) noexcept {
  if (MemoryBudget* b = t_budget) [[unlikely]]
    uncount(*b, p);
  std::free(p);
}

}  // namespace

void* operator new(std::size_t n) { return allocate(n); }
void* operator new[](std::size_t n) { return allocate(n); }
void* operator new(std::size_t n, std::align_val_t al) { return allocate_aligned(n, al); }
void* operator new[](std::size_t n, std::align_val_t al) { return allocate_aligned(n, al); }

void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return allocate(n);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return allocate(n);
  } catch (...) {
    return nullptr;
  }
}
void* operator new(std::size_t n, std::align_val_t al, const std::nothrow_t&) noexcept {
  try {
    return allocate_aligned(n, al);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t n, std::align_val_t al, const std::nothrow_t&) noexcept {
  try {
    return allocate_aligned(n, al);
  } catch (...) {
    return nullptr;
  }
}

void operator delete(void* p) noexcept { deallocate(p); }
void operator delete[](void* p) noexcept { deallocate(p); }
void operator delete(void* p, std::size_t) noexcept { deallocate(p); }
void operator delete[](void* p, std::size_t) noexcept { deallocate(p); }
void operator delete(void* p, std::align_val_t) noexcept { deallocate(p); }
void operator delete[](void* p, std::align_val_t) noexcept { deallocate(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { deallocate(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { deallocate(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { deallocate(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { deallocate(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { deallocate(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { deallocate(p); }

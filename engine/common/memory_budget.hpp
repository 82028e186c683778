#pragma once
// MemoryBudget: how much memory the work of one thread (a running statement)
// may hold, and what stops it when it needs more.
//
// What is counted. This unit replaces the global operator new and delete (every
// form: plain, array, sized, aligned, nothrow). While a MemoryBudget lives on a
// thread, every block that thread allocates through operator new adds its
// malloc_usable_size to the budget's count and every block it frees subtracts
// it, so the count is the net memory the thread took since the budget began:
// the statement's rows, values, hash tables, sort buffers, pending writes, and
// what RocksDB allocates on the thread for it (blocks read into the shared
// block cache, at most its 128 MiB, stay counted while they are cached; table
// readers a first read opens; a memtable block a commit starts). Memory
// allocated with malloc() directly (utf8proc, expat, libstemmer) and memory
// other threads allocate are not counted. A thread with no budget pays one
// thread-local load and a branch per allocation and per free.
//
// What stops it. Throwing from operator new at an arbitrary place is unsafe
// (RocksDB, for one, is not written to survive it), so a budget throws
// MemoryBudgetExceeded, a std::bad_alloc, in only two ways:
//   - operator new refuses a single request of kLargeRequest bytes or more
//     that would take the count over the limit, before calling malloc: a
//     string doubled again and again, a vector's growth, a huge reserve. A
//     refused request never reaches malloc, which under AddressSanitizer
//     would abort the process for a huge size. Smaller requests are never
//     refused, and no request is while a NoAllocationRefusal lives (around
//     every call into RocksDB);
//   - check_memory_budget(), called at points where an exception is an
//     ordinary outcome (where a statement polls its cancel flag: per row,
//     and in the evaluator's long loops), throws once the count is over the
//     limit.
// Between two checks a thread can go over its limit by what it allocates in
// small pieces; the operators check every few hundred rows at most.
//
// Not thread-safe across threads: a budget belongs to the thread that made
// it, and only that thread may use or destroy it. Budgets nest: an inner one
// counts what its thread allocates while it lives and hands its net count,
// its peak and its allocations to the outer one when it ends.
//
// A program linking the engine gets these replacements of operator new and
// delete and cannot have its own (the linker would find two); to count
// allocations, use a MemoryBudget.

#include <cstddef>
#include <cstdint>
#include <new>
#include <string>
#include <string_view>

namespace mlkg {

// What a budget throws when it stops its thread; a std::bad_alloc, so code
// that survives a failed allocation survives it.
class MemoryBudgetExceeded : public std::bad_alloc {
 public:
  const char* what() const noexcept override { return "the memory budget was exceeded"; }
};

class MemoryBudget {
 public:
  // Requests of this many bytes or more may be refused (see above). Smaller
  // ones come from everywhere, code that cannot take an exception included.
  static constexpr uint64_t kLargeRequest = uint64_t{1} << 20;

  // Counts this thread's allocations against `limit` bytes until destroyed.
  // `limit` 0: no budget; nothing is counted or refused.
  explicit MemoryBudget(uint64_t limit);
  ~MemoryBudget();
  MemoryBudget(const MemoryBudget&) = delete;
  MemoryBudget& operator=(const MemoryBudget&) = delete;

  uint64_t limit() const { return limit_; }
  // Net bytes allocated since the budget began; negative when the thread
  // freed more than it allocated (memory allocated before the budget).
  int64_t used() const { return used_; }
  // The largest `used()` seen.
  int64_t peak() const { return peak_; }
  // How many blocks the thread allocated while the budget lived (a test
  // that a loop allocates nothing can count with a budget no one reaches).
  uint64_t allocations() const { return allocations_; }

 private:
  friend class NoAllocationRefusal;
  friend struct MemoryBudgetAccess;  // the allocation functions (memory_budget.cpp)
  uint64_t limit_;
  int64_t used_ = 0;
  int64_t peak_ = 0;
  uint64_t allocations_ = 0;
  int refusals_paused_ = 0;  // NoAllocationRefusal objects alive on the thread
  MemoryBudget* outer_ = nullptr;
  bool active_ = false;
};

// While one lives, this thread's budget (if any) still counts but refuses no
// request. Put around calls into code that must not see an exception from
// operator new: every call into RocksDB (engine/storage). Cheap: one
// thread-local load.
class NoAllocationRefusal {
 public:
  NoAllocationRefusal();
  ~NoAllocationRefusal();
  NoAllocationRefusal(const NoAllocationRefusal&) = delete;
  NoAllocationRefusal& operator=(const NoAllocationRefusal&) = delete;

 private:
  MemoryBudget* budget_;
};

// Throws MemoryBudgetExceeded when this thread's budget has been exceeded;
// nothing without a budget. Call only where an exception is harmless.
void check_memory_budget();
// Throws MemoryBudgetExceeded when `bytes` more would take this thread's
// budget over its limit: before building something whose size is known in
// advance (range()), so the error is the budget's rather than a later one.
void check_memory_budget_room(uint64_t bytes);

// The budget a statement gets unless its caller says otherwise: half the
// memory this process may use, which is the machine's physical memory, or
// the limit of its cgroup (v2 memory.max, v1 memory.limit_in_bytes, the
// lowest on the way to the root) when that is lower. Half, so that one
// statement stopped at its budget leaves room for the rest of the process
// and the machine. Computed once.
uint64_t default_memory_budget();

// The memory limit of the cgroup that `proc_self_cgroup` (the text of
// /proc/self/cgroup) names, read from the hierarchy mounted at `cgroup_root`
// (/sys/fs/cgroup): the lowest limit from that cgroup up to the root; 0 when
// there is none. For default_memory_budget() and its tests.
uint64_t cgroup_memory_limit(std::string_view proc_self_cgroup, const std::string& cgroup_root);

}  // namespace mlkg

#pragma once
// ProjectionCache: projections shared by the queries that read the same
// committed data, so an algorithm pays for the projection once, not per call.
// A Database's algo.* procedures share one (algo_procedures.hpp); nothing
// in the process is shared between Databases.
//
// An entry is keyed by the data version of the snapshot it was built from
// (storage::Transaction::data_version) and its ProjectionSpec. A data
// version names one committed state of one store and is never reused, so an
// entry serves exactly the transactions that see that state: the next write
// makes a new version, the next query misses and builds anew, and the entries
// of that store's older versions are dropped when the new one is added.
// (A reader still on an old snapshot then builds its own projection again.)
//
// Transactions with uncommitted writes of their own (a statement that writes)
// neither use nor fill the cache: their view is no committed state.
//
// Bounds: at most kMaxEntries entries and about kMaxBytes of projections,
// least recently used out first; the entry just added always stays, even if
// it alone is larger. The entries go with the cache (a Database's, when it closes).
//
// Thread-safety: every method may be called from any thread. One mutex
// guards the table; projections are built outside it (two threads that miss
// together may both build; the first to finish is kept), and are handed out
// as shared_ptr<const>, so a projection evicted while a query uses it lives
// until that query ends.

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>

#include "engine/algo/graph_projection.hpp"

namespace mlkg::storage {
class GraphStore;
class Transaction;
}  // namespace mlkg::storage

namespace mlkg::algo {

class ProjectionCache {
 public:
  static constexpr size_t kMaxEntries = 16;
  static constexpr size_t kMaxBytes = size_t{512} << 20;

  // The projection of `spec` as `txn` (a transaction of `store`) sees the
  // graph: from the cache when `cacheable` and an entry for the snapshot's
  // data version exists, else built with build_projection (and then cached
  // when `cacheable`). Errors are build_projection's; `check_cancelled` may
  // throw as there.
  Status get(const storage::GraphStore& store, storage::Transaction& txn, bool cacheable, const ProjectionSpec& spec,
             const CancelCheck& check_cancelled, std::shared_ptr<const GraphProjection>* out);

  struct Stats {
    uint64_t hits = 0;
    uint64_t builds = 0;  // misses, and uncacheable requests
    size_t entries = 0;
    size_t bytes = 0;
  };
  Stats stats() const;
  void clear();

 private:
  struct Entry {
    const storage::GraphStore* store;  // identity only, never dereferenced
    uint64_t version;
    ProjectionSpec spec;
    std::shared_ptr<const GraphProjection> projection;
  };
  void insert_locked(Entry entry);

  mutable std::mutex mutex_;
  std::list<Entry> entries_;  // most recently used first (guarded by mutex_)
  size_t bytes_ = 0;          // guarded by mutex_
  uint64_t hits_ = 0, builds_ = 0;
};

}  // namespace mlkg::algo

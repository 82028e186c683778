#include "engine/algo/projection_cache.hpp"

#include <utility>

#include "engine/storage/transaction.hpp"

namespace mlkg::algo {

Status ProjectionCache::get(const storage::GraphStore& store, storage::Transaction& txn, bool cacheable,
                            const ProjectionSpec& spec_in, const CancelCheck& check_cancelled,
                            std::shared_ptr<const GraphProjection>* out) {
  ProjectionSpec spec = spec_in;
  spec.normalise();
  const uint64_t version = txn.data_version();
  if (cacheable) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->version != version || !(it->spec == spec)) continue;
      entries_.splice(entries_.begin(), entries_, it);
      ++hits_;
      *out = entries_.front().projection;
      return Status();
    }
  }
  std::shared_ptr<const GraphProjection> built;
  MLKG_RETURN_IF_ERROR(build_projection(txn, spec, check_cancelled, &built));
  std::lock_guard<std::mutex> lock(mutex_);
  ++builds_;
  if (cacheable) {
    // Another thread may have built the same one meanwhile: keep the first.
    for (const Entry& e : entries_) {
      if (e.version == version && e.spec == spec) {
        *out = e.projection;
        return Status();
      }
    }
    insert_locked(Entry{&store, version, std::move(spec), built});
  }
  *out = std::move(built);
  return Status();
}

void ProjectionCache::insert_locked(Entry entry) {
  // Older versions of the same store serve no new transaction any more.
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->store == entry.store && it->version < entry.version) {
      bytes_ -= it->projection->memory_bytes();
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
  bytes_ += entry.projection->memory_bytes();
  entries_.push_front(std::move(entry));
  while (entries_.size() > 1 && (entries_.size() > kMaxEntries || bytes_ > kMaxBytes)) {
    bytes_ -= entries_.back().projection->memory_bytes();
    entries_.pop_back();
  }
}

ProjectionCache::Stats ProjectionCache::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return Stats{hits_, builds_, entries_.size(), bytes_};
}

void ProjectionCache::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.clear();
  bytes_ = 0;
}

}  // namespace mlkg::algo

#pragma once
// Internal to engine/storage: a RocksDB iterator over [lower, upper) of one
// family on a snapshot, merged with a write batch's own entries when a
// writer reads.

#include <memory>
#include <string>
#include <string_view>

#include <rocksdb/db.h>
#include <rocksdb/utilities/write_batch_with_index.h>

#include "engine/common/status.hpp"

namespace mlkg::storage {

class ScanIterator {
 public:
  // `upper` empty = no upper bound. The iterator starts positioned at `lower`.
  ScanIterator(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, const rocksdb::Snapshot* snapshot,
               rocksdb::WriteBatchWithIndex* batch, std::string lower, std::string upper);

  bool valid() const {
    if (!it_->Valid()) return false;
    if (upper_.empty()) return true;
    return it_->key().compare(rocksdb::Slice(upper_)) < 0;
  }
  std::string_view key() const { return {it_->key().data(), it_->key().size()}; }
  std::string_view value() const { return {it_->value().data(), it_->value().size()}; }
  void next();
  Status status() const;

 private:
  std::string lower_;
  std::string upper_;
  rocksdb::Slice upper_slice_;
  rocksdb::ReadOptions options_;
  std::unique_ptr<rocksdb::Iterator> it_;
};

}  // namespace mlkg::storage

#pragma once
// RocksInstance: one open RocksDB database with mlkg's column families.
//
// The store and every transaction that reads through it share the instance
// (shared_ptr), so it closes when the last of them lets go: a transaction
// always reads the database its snapshot came from. (Today a store opens
// one instance for its whole life; issue #16 gives a store a reader instance
// and opens a writer instance only while a write runs.)

#include <cstdint>
#include <vector>

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
}  // namespace rocksdb

namespace mlkg::storage {

// Column families, in the order their handles are kept. Never rename.
enum class Family : uint8_t { kMeta = 0, kNodes, kRels, kAdj, kLabelIdx, kPropIdx, kTextIdx, kCount };
const char* family_name(Family f);

class RocksInstance {
 public:
  // Takes over `db` and `handles` (one per Family, in Family order; null for
  // a family the database lacks). `writable`: opened as the primary, which
  // may flush when it closes.
  RocksInstance(rocksdb::DB* db, std::vector<rocksdb::ColumnFamilyHandle*> handles, bool writable);
  // A writable instance that leaves more than kMaxLogsKept write-ahead logs
  // flushes first: every writable open starts a new log and keeps the old
  // ones until their data is flushed (avoid_flush_during_recovery), and every
  // open replays them all, so many short-lived writers would make opening
  // ever slower.
  ~RocksInstance();
  RocksInstance(const RocksInstance&) = delete;
  RocksInstance& operator=(const RocksInstance&) = delete;

  static constexpr size_t kMaxLogsKept = 16;

  rocksdb::DB* db() const { return db_; }
  rocksdb::ColumnFamilyHandle* cf(Family f) const { return handles_[static_cast<size_t>(f)]; }
  const std::vector<rocksdb::ColumnFamilyHandle*>& handles() const { return handles_; }
  bool writable() const { return writable_; }

 private:
  rocksdb::DB* db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  bool writable_;
};

}  // namespace mlkg::storage

#pragma once
// RocksInstance: one open RocksDB database with mlkg's column families, in
// one of three roles (docs/architecture.md, "Readers beside a writer"):
//
//  kPrimary    the only role that writes. Holds RocksDB's LOCK on the
//              directory while it is open, and leaves a note (`mlkg.writer`:
//              "<pid> <client>") that a process waiting for the lock reads to
//              name the holder. Reads on snapshots.
//  kSecondary  reads beside a primary of another process (or of this one),
//              without any lock. It shows the state as of its last
//              catch_up(); it has no RocksDB snapshots, so its owner must not
//              catch it up while a transaction reads through it (readers()).
//  kReadOnly   a frozen view of the state at open; works in a directory it may
//              not write in. Reads on snapshots.
//
// The store and every transaction that reads through an instance share it
// (shared_ptr), so it closes when the last of them lets go: a transaction
// always reads the database its snapshot came from.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/common/status.hpp"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
class Cache;
}  // namespace rocksdb

namespace mlkg::storage {

// Column families, in the order their handles are kept. Never rename.
enum class Family : uint8_t { kMeta = 0, kNodes, kRels, kAdj, kLabelIdx, kPropIdx, kTextIdx, kCount };
const char* family_name(Family f);

enum class InstanceRole { kPrimary, kSecondary, kReadOnly };

struct InstanceRequest {
  std::string path;
  InstanceRole role = InstanceRole::kReadOnly;
  // The families the database has (RocksDB's ListColumnFamilies); empty for
  // a database not created yet.
  std::vector<std::string> families;
  // Primary only: create the database, and every family of ours it lacks.
  bool create = false;
  // Primary only: how long to wait for another writer's lock (5 ms, doubling
  // up to 50 ms between tries, as SQLite's busy timeout).
  std::chrono::milliseconds busy_timeout{0};
  // Primary only: what this process is, for the note a waiting process reads.
  std::string client;
  std::shared_ptr<rocksdb::Cache> block_cache;
};

class RocksInstance {
 public:
  // Opens the database `request` names. Failures: kBusy (primary: the lock
  // stayed with another process for the whole busy timeout; the message
  // names the holder), kIOError / kCorruption / kInvalidArgument in our
  // words with the path. `foreign_families` (may be null) is set when the
  // database has families that are not ours; their handles are closed.
  static Status open(const InstanceRequest& request, std::shared_ptr<RocksInstance>* out,
                     bool* foreign_families = nullptr);

  // A primary that leaves more than kMaxLogsKept write-ahead logs, or more
  // than kMaxLogBytesKept in them, flushes first: every primary open starts
  // a new log and keeps the old ones until their data is flushed
  // (avoid_flush_during_recovery), and every open (a reader's too) replays
  // them all, so many short-lived writers, or one big one, would make
  // opening ever slower. It merges small table files, lets a compaction
  // RocksDB scheduled finish, then removes its note and closes (releasing
  // the lock).
  ~RocksInstance();
  RocksInstance(const RocksInstance&) = delete;
  RocksInstance& operator=(const RocksInstance&) = delete;

  static constexpr size_t kMaxLogsKept = 16;
  static constexpr uint64_t kMaxLogBytesKept = uint64_t{1} << 20;
  // A closing primary merges small table files (merge_small_files): a
  // family's level-0 files when there are kLevel0FilesMerged of them holding
  // kSmallFileBytes at most, and a run of kSmallFilesMerged or more
  // neighbouring files of kSmallFileBytes at most in any other level.
  static constexpr size_t kLevel0FilesMerged = 2;
  static constexpr size_t kSmallFilesMerged = 4;
  static constexpr uint64_t kSmallFileBytes = uint64_t{1} << 20;

  rocksdb::DB* db() const { return db_; }
  // Null for a family the database lacks.
  rocksdb::ColumnFamilyHandle* cf(Family f) const { return handles_[static_cast<size_t>(f)]; }
  const std::vector<rocksdb::ColumnFamilyHandle*>& handles() const { return handles_; }
  InstanceRole role() const { return role_; }
  bool writable() const { return role_ == InstanceRole::kPrimary; }
  bool has_snapshots() const { return role_ != InstanceRole::kSecondary; }

  // Secondary only: reads what the primary has written since (its manifest
  // and write-ahead logs). Must not run while readers() > 0.
  Status catch_up();
  // The sequence number of the last write this instance shows.
  uint64_t sequence() const;

  // Transactions reading through this instance now (they register in their
  // constructor and leave in their destructor).
  int readers() const { return readers_.load(); }
  void add_reader() { ++readers_; }
  void remove_reader() { --readers_; }

 private:
  RocksInstance(rocksdb::DB* db, std::vector<rocksdb::ColumnFamilyHandle*> handles, InstanceRole role,
                std::string writer_note);
  // Merges small table files, each group into one file of its level. A
  // closing primary's flush adds a small file to each family it wrote.
  // Unmerged, level 0 reached RocksDB's trigger every fourth flush, and
  // RocksDB compacted it into the level below: where the new keys overlap
  // that level (a SET on an old node), it rewrites the files they overlap
  // (at 100k nodes a 33 MB table, seconds of one short write's close);
  // where they do not (new nodes: ids only grow), it moves each small file
  // down as it is, and the last level gathered 29 files of a few KB that
  // every open then read. Merging costs a few milliseconds at most.
  void merge_small_files();

  rocksdb::DB* db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  InstanceRole role_;
  std::string writer_note_;  // primary: the note's path, removed before the lock goes
  std::atomic<int> readers_{0};
};

}  // namespace mlkg::storage

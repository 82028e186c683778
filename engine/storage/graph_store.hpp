#pragma once
// GraphStore: a property graph kept in one RocksDB database directory.
//
// Layout: see key_codec.hpp (keys) and record_codec.hpp (values); the
// reasons are in docs/architecture.md.
//
// Concurrency:
//  - Between processes: one process may open a directory for writing (RocksDB's
//    LOCK file). A second writer waits for it up to OpenOptions::busy_timeout,
//    then gets Status::kBusy naming the holder (its pid and what it runs, from
//    the `mlkg.writer` note the holder leaves in the directory). Any number
//    of processes may open it read-only beside the writer; they see the
//    database as it was when they opened it, and write nothing there (a
//    read-only open works in a read-only directory).
//  - Inside a process: any number of read transactions run concurrently; one
//    write transaction or bulk writer at a time (begin_write / begin_bulk block
//    until the previous writer ends). A GraphStore is thread-safe; the
//    transactions it hands out are not (one thread each).
//
// Durability: every commit is one atomic RocksDB write (or one atomic file
// ingestion) with the write-ahead log on, so after a process crash the
// database holds exactly the committed transactions and no part of any other.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/common/status.hpp"
#include "engine/storage/catalog.hpp"
#include "engine/storage/rocks_instance.hpp"

namespace rocksdb {
class Cache;
}  // namespace rocksdb

namespace mlkg::storage {

class Transaction;
class WriteTransaction;
class BulkWriter;
class TextAnalyzer;

// The on-disk format this build reads and writes. Bump on any incompatible
// change to key_codec.hpp or record_codec.hpp.
//   1  the six families of the first release
//   2  adds the `text_idx` family and meta 'F' keys (full-text indexes).
//      A format-1 database opened for writing is upgraded in place: the
//      change only adds, and a format-1 database has no full-text index.
inline constexpr uint32_t kFormatVersion = 2;


struct OpenOptions {
  bool read_only = false;
  // Create an empty database when the directory is missing or empty.
  // Ignored (treated as false) when read_only.
  bool create_if_missing = true;
  // Analyses the text of full-text indexes (text_analyzer.hpp). Without one
  // the store refuses to create a full-text index or to write a node one
  // would hold; everything else works.
  std::shared_ptr<const TextAnalyzer> text_analyzer;
  // How long a writable open waits for another process's write lock.
  std::chrono::milliseconds busy_timeout{5000};
  // What this process is, for the note a writer leaves (another process
  // that waits for the lock names it): e.g. "mlkg shell".
  std::string client = "a program using mlkg";
};

class GraphStore {
 public:
  // Opens (or creates) the database in `dir`. Failures:
  //  kBusy        another process has it open for writing;
  //  kIncompatible the directory holds something that is not an mlkg
  //               database, or one written by a newer format, or one of
  //               format 1 opened read-only (it needs the upgrade a
  //               writable open makes);
  //  kNotFound    no database there and creation was not allowed;
  //  kIOError / kCorruption from RocksDB.
  static Status open(const std::string& dir, const OpenOptions& options, std::unique_ptr<GraphStore>* out);

  ~GraphStore();
  GraphStore(const GraphStore&) = delete;
  GraphStore& operator=(const GraphStore&) = delete;

  // A read transaction on a snapshot taken now.
  std::unique_ptr<Transaction> begin_read();
  // A write transaction; blocks while another writer is active. kNotSupported
  // on a read-only store.
  Status begin_write(std::unique_ptr<WriteTransaction>* out);
  // A bulk writer (sorted files ingested atomically; for imports).
  Status begin_bulk(std::unique_ptr<BulkWriter>* out);

  // The catalog as of the last commit.
  std::shared_ptr<const Catalog> catalog() const;
  // The data version as of the last commit (see Transaction::data_version).
  uint64_t data_version() const;

  const std::string& path() const { return path_; }
  bool read_only() const { return read_only_; }
  // The analyzer the store was opened with; null when none was given.
  const TextAnalyzer* text_analyzer() const { return text_analyzer_.get(); }
  // Bytes the database's files take on disk.
  uint64_t disk_size() const;

  // Reads / writes a free-form store property (meta 'P' keys), e.g. the
  // fingerprint of the files a database was built from. Writes are atomic.
  Status get_property(const std::string& name, std::string* value, bool* found);
  Status put_property(const std::string& name, const std::string& value);

 private:
  friend class Transaction;
  friend class WriteTransaction;
  friend class BulkWriter;

  GraphStore() = default;
  // Opens RocksDB with the `existing` families (all of ours too, creating
  // what is missing, when `create`); sets handles_ and foreign_families_.
  Status open_families(const std::vector<std::string>& existing, bool create);
  // The kBusy status for a lock still held after waiting `waited`.
  Status lock_held(std::chrono::milliseconds waited) const;
  bool families_empty() const;
  Status initialise();  // writes the format version and id counters
  // Upgrades a format-1 database (families `names`) to kFormatVersion.
  Status upgrade_from_v1(const std::vector<std::string>& names);
  void close_db();
  Status load_catalog();
  void publish_catalog(std::shared_ptr<const Catalog> catalog);
  // Applies one commit: `apply` writes it to RocksDB (one Write or one
  // ingestion); if that succeeds the store gets a new data version and
  // `catalog` (unless null) is published. state_mutex_ is held throughout,
  // so a transaction never sees the new data with the old version or
  // catalog. Callers hold write_mutex_.
  Status commit_atomically(const std::function<Status()>& apply, std::shared_ptr<const Catalog> catalog);
  rocksdb::ColumnFamilyHandle* cf(Family f) const { return rocks_->cf(f); }
  rocksdb::DB* db() const { return rocks_->db(); }

  std::string path_;
  bool read_only_ = false;
  std::chrono::milliseconds busy_timeout_{0};
  bool wrote_writer_note_ = false;  // this store left `mlkg.writer` and removes it when it closes
  std::shared_ptr<const TextAnalyzer> text_analyzer_;
  // The open database, shared with the transactions that read it (null
  // until open_families succeeds).
  std::shared_ptr<RocksInstance> rocks_;
  bool foreign_families_ = false;                   // families that are not ours exist
  std::shared_ptr<rocksdb::Cache> block_cache_;
  std::mutex write_mutex_;                          // held by the active writer
  // Guards catalog_ and data_version_, and is held while a commit is applied
  // and while a transaction takes its snapshot (Transaction's constructor),
  // so a snapshot, its catalog and its data version always agree.
  mutable std::mutex state_mutex_;
  std::shared_ptr<const Catalog> catalog_;
  uint64_t data_version_ = 0;
};

}  // namespace mlkg::storage

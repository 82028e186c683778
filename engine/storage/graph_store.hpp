#pragma once
// GraphStore: a property graph kept in one RocksDB database directory.
//
// Layout: see key_codec.hpp (keys) and record_codec.hpp (values); the
// reasons are in docs/architecture.md.
//
// Concurrency (docs/architecture.md, "Readers beside a writer"):
//  - Between processes: one process at a time writes (RocksDB's LOCK on the
//    directory, held by a primary RocksInstance); any number read beside it.
//    A store opened with the default access (kShared) holds no lock while it
//    only reads: it reads through a secondary instance that catches up with
//    the directory's last commit when a read transaction begins (and no other
//    transaction of the store reads through it), and opens the primary only
//    for the life of a write transaction or bulk writer. A writer that meets
//    another's lock waits up to OpenOptions::busy_timeout, then gets kBusy
//    naming the holder (the `mlkg.writer` note). kExclusive holds the
//    primary for the store's whole life (faster writes; others wait);
//    kReadOnly shows the state at open and writes nothing (works in a
//    read-only directory).
//  - Inside a process: any number of read transactions run concurrently; one
//    write transaction or bulk writer at a time (begin_write / begin_bulk wait
//    for the previous writer to end, up to the busy timeout as for another
//    process's lock: a write transaction may stay open for long, an explicit
//    transaction's for as long as its user likes). A GraphStore is
//    thread-safe; the transactions it hands out are not (one thread each).
//  - Every transaction reads one consistent state: a RocksDB snapshot on a
//    primary or read-only instance; on a secondary, the state of its last
//    catch-up, which the store never moves while a transaction reads it.
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


// How a store uses the directory's write lock.
enum class Access {
  kShared,     // reads hold no lock; each write takes it for its length
  kExclusive,  // holds it from open to close
  kReadOnly,   // never takes it; shows the state at open
};

struct OpenOptions {
  Access access = Access::kShared;
  // Create an empty database when the directory is missing or empty.
  // Ignored (treated as false) for kReadOnly.
  bool create_if_missing = true;
  // Analyses the text of full-text indexes (text_analyzer.hpp). Without one
  // the store refuses to create a full-text index or to write a node one
  // would hold; everything else works.
  std::shared_ptr<const TextAnalyzer> text_analyzer;
  // How long a writer waits for another process's write lock.
  std::chrono::milliseconds busy_timeout{5000};
  // What this process is, for the note a writer leaves (another process
  // that waits for the lock names it): e.g. "mlkg shell".
  std::string client = "a program using mlkg";
};

class GraphStore {
 public:
  // Opens (or creates) the database in `dir`. Failures:
  //  kBusy        the open had to write (create the database, or upgrade
  //               its format) and another process held the write lock for
  //               the whole busy timeout, or kExclusive met it;
  //  kIncompatible the directory holds something that is not an mlkg
  //               database, or one written by a newer format, or one of
  //               format 1 opened read-only (it needs the upgrade a
  //               writable open makes);
  //  kNotFound    no database there and creation was not allowed;
  //  kIOError / kCorruption from RocksDB, in our words with the path.
  static Status open(const std::string& dir, const OpenOptions& options, std::unique_ptr<GraphStore>* out);

  // Whether any process (this one included) has the database in `dir` open:
  // every open store holds a shared lock on `<dir>/mlkg.in-use` (flock), and
  // a writer of an older mlkg holds RocksDB's LOCK. For tools that would
  // remove a database (a stale syllabus build).
  static bool in_use(const std::string& dir);

  ~GraphStore();
  GraphStore(const GraphStore&) = delete;
  GraphStore& operator=(const GraphStore&) = delete;

  // A read transaction on the last committed state this store can see: the
  // directory's last commit (kShared: as of its catch-up now, which happens
  // when no other transaction of this store reads; otherwise as of the last
  // one, or a fresh view when this store committed since), this store's
  // last commit (kExclusive), or the state at open (kReadOnly).
  std::unique_ptr<Transaction> begin_read();
  // A write transaction; waits up to the busy timeout while another writer
  // of this process is active, and (kShared) up to the busy timeout for
  // another process's lock, which it holds until the transaction ends.
  // kNotSupported on a read-only store; kBusy when either stayed taken.
  Status begin_write(std::unique_ptr<WriteTransaction>* out);
  // A bulk writer (sorted files ingested atomically; for imports); takes
  // the lock as begin_write does.
  Status begin_bulk(std::unique_ptr<BulkWriter>* out);

  // The catalog of the state a read transaction beginning now would see
  // (kShared: catches up first, as begin_read does).
  std::shared_ptr<const Catalog> catalog();
  // The data version of that state (see Transaction::data_version).
  uint64_t data_version();

  const std::string& path() const { return path_; }
  Access access() const { return access_; }
  bool read_only() const { return access_ == Access::kReadOnly; }
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
  // Takes write_mutex_ for a writer of this process, waiting up to the busy
  // timeout; kBusy (naming the wait) when another writer held it throughout.
  Status lock_writer(std::unique_lock<std::timed_mutex>* lock);
  InstanceRequest request(InstanceRole role, bool create) const;
  // Opens the primary (waiting up to the busy timeout), creating the
  // database or upgrading its format when it needs it: the instance every
  // write goes through.
  Status open_primary(bool create, std::shared_ptr<RocksInstance>* out);
  // The primary for one writer: the store's own (kExclusive) or one opened
  // now (kShared), with the catalog and data version of the state it shows.
  // Callers hold write_mutex_.
  Status acquire_writer(std::shared_ptr<RocksInstance>* primary, std::shared_ptr<const Catalog>* catalog,
                        uint64_t* data_version);
  // Moves the reader to the directory's last commit when it can (kShared);
  // state_mutex_ held.
  void refresh_reader();
  // Makes `instance` the reader, with its catalog; state_mutex_ not held.
  Status adopt_reader(std::shared_ptr<RocksInstance> instance);
  // Makes `instance` the reader, showing `catalog` at `sequence`, with a new
  // data version. state_mutex_ held.
  void install_reader(std::shared_ptr<RocksInstance> instance, std::shared_ptr<const Catalog> catalog,
                      uint64_t sequence);
  // Replaces the reader by a new secondary (the old one lives on with its
  // transactions); false, changing nothing, if it cannot. state_mutex_ held.
  bool reopen_reader();
  // Applies one commit through `target`: `apply` writes it to RocksDB (one
  // Write or one ingestion). If that succeeds and `target` is the reader
  // (kExclusive), the store gets a new data version and `catalog` (unless
  // null) is published; state_mutex_ is held throughout, so a transaction
  // never sees the new data with the old version or catalog. Otherwise the
  // next read transaction catches up with it. Callers hold write_mutex_.
  Status commit_atomically(const RocksInstance& target, const std::function<Status()>& apply,
                           std::shared_ptr<const Catalog> catalog);

  std::string path_;
  Access access_ = Access::kShared;
  std::chrono::milliseconds busy_timeout_{0};
  std::string client_;
  int in_use_fd_ = -1;  // holds the shared lock on mlkg.in-use (see in_use)
  std::shared_ptr<const TextAnalyzer> text_analyzer_;
  std::shared_ptr<rocksdb::Cache> block_cache_;
  // The instance read transactions read (shared with them): a secondary
  // (kShared), the primary (kExclusive) or a read-only instance.
  std::shared_ptr<RocksInstance> reader_;
  // kExclusive: the primary, the same instance as reader_. Otherwise null:
  // each writer opens its own and closes it when it ends.
  std::shared_ptr<RocksInstance> primary_;
  std::timed_mutex write_mutex_;  // held by the active writer (lock_writer)
  // Guards reader_, catalog_, data_version_, reader_sequence_ and
  // committed_since_catch_up_, and is held while a commit is applied to the
  // reader and while a read transaction is set up, so a transaction's view,
  // its catalog and its data version always agree.
  mutable std::mutex state_mutex_;
  std::shared_ptr<const Catalog> catalog_;
  uint64_t data_version_ = 0;
  uint64_t reader_sequence_ = 0;             // the reader's last write when catalog_ was loaded
  bool committed_since_catch_up_ = false;   // kShared: this store wrote what reader_ does not show
};

}  // namespace mlkg::storage

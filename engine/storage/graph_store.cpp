#include "engine/storage/graph_store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <system_error>

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include "engine/common/memory_budget.hpp"
#include "engine/storage/bulk_writer.hpp"
#include "engine/storage/key_codec.hpp"
#include "engine/storage/rocks_util.hpp"
#include "engine/storage/transaction.hpp"

namespace fs = std::filesystem;

namespace mlkg::storage {

namespace {

constexpr size_t kBlockCacheBytes = size_t{128} << 20;
constexpr char kInUseFile[] = "mlkg.in-use";

// RocksDB's files from the first moments of creating a database.
bool only_creation_files(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string n = entry.path().filename().string();
    bool creation = n == "LOCK" || n == "mlkg.writer" || n == kInUseFile || n == "IDENTITY" || n.rfind("LOG", 0) == 0 ||
                    n.rfind("MANIFEST-", 0) == 0 || n.rfind("OPTIONS-", 0) == 0 || n.ends_with(".dbtmp") ||
                    n.ends_with(".log");
    if (!creation) return false;
  }
  return !ec;
}

// Data versions are drawn from one counter for the whole process, so no two
// stores (and no store reopened at the same address) ever share one.
std::atomic<uint64_t> next_data_version{1};

// What the format version says about a database an instance shows.
enum class FormatState {
  kCurrent,   // kFormatVersion, every family there, none foreign
  kBlank,     // no format version: a new database, or a creation interrupted before its first write
  kVersion1,  // needs the format-2 upgrade
};

Status read_format(const std::string& dir, const RocksInstance& rocks, bool foreign_families, FormatState* state) {
  std::string version;
  rocksdb::Status s = rocks.db()->Get(rocksdb::ReadOptions(), rocks.cf(Family::kMeta), meta_format_version_key(), &version);
  if (s.IsNotFound()) {
    *state = FormatState::kBlank;
    return Status();
  }
  if (!s.ok()) return from_rocks(s, "cannot read the format version of " + dir);
  if (version.size() != 4) return Status::incompatible(dir + " has an unreadable format version");
  const uint32_t v = load_u32_be(version.data());
  if (v > kFormatVersion)
    return Status::incompatible(dir + " was written by a newer mlkg (format " + std::to_string(v) +
                                "); this build reads format " + std::to_string(kFormatVersion));
  if (v < 1)
    return Status::incompatible(dir + " uses the old format " + std::to_string(v) + "; this build reads format " +
                                std::to_string(kFormatVersion) + " (re-import it from an export)");
  if (foreign_families) return Status::incompatible(dir + " holds column families this mlkg does not know");
  // Format 1 has every family but the text family.
  for (size_t i = 0; i < static_cast<size_t>(Family::kCount); ++i)
    if (!rocks.cf(static_cast<Family>(i)) && !(v == 1 && static_cast<Family>(i) == Family::kTextIdx))
      return Status::corruption(dir + " lacks the column family '" + family_name(static_cast<Family>(i)) + "'");
  *state = v == 1 ? FormatState::kVersion1 : FormatState::kCurrent;
  return Status();
}

bool families_empty(const RocksInstance& rocks) {
  for (auto* h : rocks.handles()) {
    if (!h) continue;
    std::unique_ptr<rocksdb::Iterator> it(rocks.db()->NewIterator(rocksdb::ReadOptions(), h));
    it->SeekToFirst();
    if (it->Valid() || !it->status().ok()) return false;
  }
  return true;
}

// Writes the format version and the id counters of a new database.
Status initialise(const std::string& dir, const RocksInstance& rocks) {
  rocksdb::WriteBatch init;
  std::string v, one;
  put_u32_be(&v, kFormatVersion);
  put_u64_be(&one, 1);
  init.Put(rocks.cf(Family::kMeta), meta_format_version_key(), v).PermitUncheckedError();
  init.Put(rocks.cf(Family::kMeta), meta_next_node_key(), one).PermitUncheckedError();
  init.Put(rocks.cf(Family::kMeta), meta_next_rel_key(), one).PermitUncheckedError();
  rocksdb::WriteOptions wo;
  wo.sync = true;
  return from_rocks(rocks.db()->Write(wo, &init), "cannot initialise " + dir);
}

// Format 2 only adds: the text family (the primary was opened with every
// missing family created) and a version number.
Status upgrade_from_v1(const std::string& dir, const RocksInstance& rocks) {
  std::string v;
  put_u32_be(&v, kFormatVersion);
  rocksdb::WriteOptions wo;
  wo.sync = true;
  return from_rocks(rocks.db()->Put(wo, rocks.cf(Family::kMeta), meta_format_version_key(), v),
                    "cannot upgrade " + dir);
}

Status load_catalog(const std::string& dir, const RocksInstance& rocks, const rocksdb::Snapshot* snapshot,
                    std::shared_ptr<const Catalog>* out) {
  auto catalog = std::make_shared<Catalog>();
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  std::unique_ptr<rocksdb::Iterator> it(rocks.db()->NewIterator(ro, rocks.cf(Family::kMeta)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    std::string_view value(it->value().data(), it->value().size());
    char kind = key[0];
    if ((kind == 'L' || kind == 'T' || kind == 'K') && key.size() == 5) {
      uint32_t id = load_u32_be(key.data() + 1);
      if (!catalog->restore_name(static_cast<NameKind>(kind), id, std::string(value)))
        return Status::corruption("the dictionary of " + dir + " is inconsistent at " + std::string(1, kind) +
                                  std::to_string(id));
    } else if (kind == 'I' && key.size() == 5) {
      IndexDefinition def;
      if (!decode_index_definition(load_u32_be(key.data() + 1), value, &def))
        return Status::corruption("an index definition of " + dir + " does not decode");
      catalog->add_index(def);
    } else if (kind == 'F' && key.size() == 5) {
      FulltextIndexDefinition def;
      if (!decode_fulltext_definition(load_u32_be(key.data() + 1), value, &def))
        return Status::corruption("a full-text index definition of " + dir + " does not decode");
      catalog->add_fulltext_index(std::move(def));
    }
  }
  MLKG_RETURN_IF_ERROR(from_rocks(it->status(), "cannot read the catalog of " + dir));
  catalog->name_unnamed_indexes();  // definitions stored before names were: their names, until written
  *out = std::move(catalog);
  return Status();
}

// RocksDB's ListColumnFamilies, again when a writer replaced the manifest
// between reading CURRENT and opening the manifest it named.
rocksdb::Status list_families(const std::string& dir, std::vector<std::string>* names) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  for (;;) {
    names->clear();
    rocksdb::Status s = rocksdb::DB::ListColumnFamilies(db_options(), dir, names);
    if (s.ok() || s.ToString().find("No such file") == std::string::npos ||
        std::chrono::steady_clock::now() > give_up)
      return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

// Why the families of `dir` could not be listed: a manifest we may not read
// is an I/O error in our words; no manifest, or a damaged one, means the
// directory holds no mlkg database.
Status not_a_database(const std::string& dir, const rocksdb::Status& s) {
  if (s.IsIOError() && !s.IsPathNotFound() && s.ToString().find("No such file") == std::string::npos)
    return from_rocks(s, "cannot open " + dir);
  return Status::incompatible(dir + " is not an mlkg database (" + rocks_error_text(s) + ")");
}

}  // namespace

GraphStore::~GraphStore() {
  reader_.reset();
  primary_.reset();
  if (in_use_fd_ >= 0) ::close(in_use_fd_);  // releases the shared lock
}

bool GraphStore::in_use(const std::string& dir) {
  const std::string file = (fs::path(dir) / kInUseFile).string();
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    const bool taken = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
    ::close(fd);
    if (taken) return true;
  }
  // A writer of an mlkg from before the in-use file.
  InstanceRequest r;
  r.path = dir;
  r.role = InstanceRole::kPrimary;
  if (!fs::exists(fs::path(dir) / "CURRENT")) return false;
  if (!list_families(dir, &r.families).ok()) return false;
  std::shared_ptr<RocksInstance> probe;
  return RocksInstance::open(r, &probe).code() == Status::Code::kBusy;
}

InstanceRequest GraphStore::request(InstanceRole role, bool create) const {
  InstanceRequest r;
  r.path = path_;
  r.role = role;
  r.create = create;
  r.busy_timeout = busy_timeout_;
  r.client = client_;
  r.block_cache = block_cache_;
  // Every family of ours: a database this store opened has them all (the
  // open checked, or created them).
  for (size_t i = 0; i < static_cast<size_t>(Family::kCount); ++i) r.families.push_back(family_name(static_cast<Family>(i)));
  return r;
}

Status GraphStore::open(const std::string& dir, const OpenOptions& options, std::unique_ptr<GraphStore>* out) {
  std::unique_ptr<GraphStore> store(new GraphStore());
  store->path_ = dir;
  store->access_ = options.access;
  store->busy_timeout_ = options.busy_timeout;
  store->client_ = options.client;
  store->text_analyzer_ = options.text_analyzer;
  store->block_cache_ = rocksdb::NewLRUCache(kBlockCacheBytes);
  const bool read_only = options.access == Access::kReadOnly;
  const bool may_create = options.create_if_missing && !read_only;

  std::error_code ec;
  bool exists = fs::exists(dir, ec);
  bool empty_dir = exists && fs::is_directory(dir, ec) && fs::is_empty(dir, ec);
  if (exists && !fs::is_directory(dir, ec))
    return Status::incompatible(dir + " is a file, not an mlkg database directory");
  // A directory holding only the first files RocksDB writes when it creates
  // a database (no CURRENT yet) is a creation that was interrupted.
  bool fresh = !exists || empty_dir || (!fs::exists(fs::path(dir) / "CURRENT", ec) && only_creation_files(dir));
  if (fresh && !may_create) return Status::not_found("no mlkg database at " + dir);
  if (!fresh && !fs::exists(fs::path(dir) / "CURRENT", ec)) {
    // A manifest without the CURRENT file naming it: a database that lost
    // a file, not a directory of something else.
    if (has_file_starting_with(dir, "MANIFEST-"))
      return Status::corruption("cannot open " + dir + ": the stored data is damaged: its CURRENT file is missing");
    return Status::incompatible(dir + " is not an mlkg database (it is a non-empty directory without database files)");
  }

  std::vector<std::string> names;
  if (fresh) {
    fs::create_directories(dir, ec);
    if (ec) return Status::io_error("cannot create " + dir + ": " + ec.message());
  } else {
    rocksdb::Status s = list_families(dir, &names);
    if (!s.ok()) return not_a_database(dir, s);
  }

  // Announce this process as a user of the database (best effort: in a
  // directory we may not write in, an existing file can still be locked; a
  // read-only store creates nothing).
  const std::string in_use_file = (fs::path(dir) / kInUseFile).string();
  if (!read_only) store->in_use_fd_ = ::open(in_use_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (store->in_use_fd_ < 0) store->in_use_fd_ = ::open(in_use_file.c_str(), O_RDONLY | O_CLOEXEC);
  if (store->in_use_fd_ >= 0) ::flock(store->in_use_fd_, LOCK_SH | LOCK_NB);

  std::shared_ptr<RocksInstance> reader;
  if (options.access == Access::kExclusive) {
    MLKG_RETURN_IF_ERROR(store->open_primary(fresh, &reader));
    store->primary_ = reader;
  } else {
    // Read-only and shared stores read without the lock; a shared one takes
    // it at open only when the database must be created or upgraded first.
    bool ready = false;
    if (!fresh) {
      InstanceRequest r = store->request(read_only ? InstanceRole::kReadOnly : InstanceRole::kSecondary, false);
      r.families = names;
      bool foreign = false;
      MLKG_RETURN_IF_ERROR(RocksInstance::open(r, &reader, &foreign));
      FormatState state;
      MLKG_RETURN_IF_ERROR(read_format(dir, *reader, foreign, &state));
      if (state == FormatState::kBlank && (read_only || foreign || !families_empty(*reader)))
        return Status::incompatible(dir + " is a RocksDB database but not an mlkg database (no format version)");
      if (state == FormatState::kVersion1 && read_only)
        return Status::incompatible(dir + " uses format 1; open it once without --read-only to upgrade it to format " +
                                    std::to_string(kFormatVersion));
      ready = state == FormatState::kCurrent;
    }
    if (!ready) {
      reader.reset();
      {
        std::shared_ptr<RocksInstance> primary;
        MLKG_RETURN_IF_ERROR(store->open_primary(true, &primary));
      }  // closed: the lock goes back at once
      MLKG_RETURN_IF_ERROR(RocksInstance::open(store->request(InstanceRole::kSecondary, false), &reader));
    }
  }
  MLKG_RETURN_IF_ERROR(store->adopt_reader(std::move(reader)));
  *out = std::move(store);
  return Status();
}

Status GraphStore::open_primary(bool create, std::shared_ptr<RocksInstance>* out) {
  // The families there are now (the database may have been created or
  // upgraded by another process since this store opened).
  InstanceRequest r = request(InstanceRole::kPrimary, create);
  r.families.clear();
  if (fs::exists(fs::path(path_) / "CURRENT")) {
    rocksdb::Status s = list_families(path_, &r.families);
    if (!s.ok()) return not_a_database(path_, s);
  }
  std::shared_ptr<RocksInstance> primary;
  bool foreign = false;
  MLKG_RETURN_IF_ERROR(RocksInstance::open(r, &primary, &foreign));
  FormatState state;
  MLKG_RETURN_IF_ERROR(read_format(path_, *primary, foreign, &state));
  const auto& handles = primary->handles();
  const bool families_missing = std::find(handles.begin(), handles.end(), nullptr) != handles.end();
  if (state == FormatState::kBlank) {
    // Either a new database, or one whose creation was interrupted before its
    // first write: no foreign families, and nothing in those that exist.
    // Anything else without a format version is someone else's database.
    if (foreign || !families_empty(*primary))
      return Status::incompatible(path_ + " is a RocksDB database but not an mlkg database (no format version)");
    if (families_missing) {
      primary.reset();
      r.create = true;
      MLKG_RETURN_IF_ERROR(RocksInstance::open(r, &primary));
    }
    MLKG_RETURN_IF_ERROR(initialise(path_, *primary));
  } else if (state == FormatState::kVersion1) {
    if (families_missing) {  // opened without create: reopen to add the text family
      primary.reset();
      r.create = true;
      MLKG_RETURN_IF_ERROR(RocksInstance::open(r, &primary));
    }
    MLKG_RETURN_IF_ERROR(upgrade_from_v1(path_, *primary));
  }
  *out = std::move(primary);
  return Status();
}

Status GraphStore::adopt_reader(std::shared_ptr<RocksInstance> instance) {
  const NoAllocationRefusal rocks;  // opening, catching up and loading the catalog never stop half-way
  std::shared_ptr<const Catalog> catalog;
  const rocksdb::Snapshot* snapshot = instance->has_snapshots() ? instance->db()->GetSnapshot() : nullptr;
  const uint64_t sequence = snapshot ? snapshot->GetSequenceNumber() : instance->sequence();
  Status s = load_catalog(path_, *instance, snapshot, &catalog);
  if (snapshot) instance->db()->ReleaseSnapshot(snapshot);
  MLKG_RETURN_IF_ERROR(s);
  std::lock_guard<std::mutex> lock(state_mutex_);
  install_reader(std::move(instance), std::move(catalog), sequence);
  return Status();
}

void GraphStore::install_reader(std::shared_ptr<RocksInstance> instance, std::shared_ptr<const Catalog> catalog,
                                uint64_t sequence) {
  reader_ = std::move(instance);
  catalog_ = std::move(catalog);
  reader_sequence_ = sequence;
  data_version_ = next_data_version++;
  committed_since_catch_up_ = false;
}

bool GraphStore::reopen_reader() {
  std::shared_ptr<RocksInstance> fresh;
  std::shared_ptr<const Catalog> catalog;
  if (!RocksInstance::open(request(InstanceRole::kSecondary, false), &fresh).ok()) return false;
  if (!load_catalog(path_, *fresh, nullptr, &catalog).ok()) return false;
  const uint64_t sequence = fresh->sequence();
  install_reader(std::move(fresh), std::move(catalog), sequence);
  return true;
}

void GraphStore::refresh_reader() {
  const NoAllocationRefusal rocks;  // opening, catching up and loading the catalog never stop half-way
  if (access_ != Access::kShared) return;
  if (reader_->readers() == 0) {
    // Nothing reads the secondary: move it to the directory's last commit.
    // If it cannot (a log it was reading removed under it), a fresh one can;
    // failing that, it stays where it was.
    if (!reader_->catch_up().ok()) {
      reopen_reader();
      return;
    }
    const uint64_t sequence = reader_->sequence();
    committed_since_catch_up_ = false;
    if (sequence == reader_sequence_) return;  // nothing new (a flush or compaction changes no data)
    // Something was committed since. The state a catch-up reaches is not
    // always one a commit left: after writers were killed mid-write, the
    // stress test (readers_writers_stress_test.cpp) saw one family ahead of
    // another for a while, and after an import a memtable older than the
    // imported files. A fresh secondary recovers as any open does, to the
    // last commit: it is what the reader reads.
    reopen_reader();
  } else if (committed_since_catch_up_) {
    // Another transaction holds the secondary still, and this store wrote
    // since: a new secondary shows the write (the old one lives on with its
    // readers). Writes of other processes wait for the next catch-up.
    reopen_reader();
  }
}

Status GraphStore::acquire_writer(std::shared_ptr<RocksInstance>* primary, std::shared_ptr<const Catalog>* catalog,
                                  uint64_t* data_version) {
  const NoAllocationRefusal rocks;  // opening, catching up and loading the catalog never stop half-way
  if (primary_) {
    *primary = primary_;
    std::lock_guard<std::mutex> lock(state_mutex_);
    *catalog = catalog_;
    *data_version = data_version_;
    return Status();
  }
  MLKG_RETURN_IF_ERROR(open_primary(false, primary));
  // The primary shows the directory's last commit, which may be newer than
  // what this store's reader shows: its catalog is the writer's.
  const rocksdb::Snapshot* snapshot = (*primary)->db()->GetSnapshot();
  const uint64_t sequence = snapshot->GetSequenceNumber();
  Status s = load_catalog(path_, **primary, snapshot, catalog);
  (*primary)->db()->ReleaseSnapshot(snapshot);
  MLKG_RETURN_IF_ERROR(s);
  std::lock_guard<std::mutex> lock(state_mutex_);
  *data_version = sequence == reader_sequence_ ? data_version_ : next_data_version++;
  return Status();
}

Status GraphStore::commit_atomically(const RocksInstance& target, const std::function<Status()>& apply,
                                     std::shared_ptr<const Catalog> catalog) {
  const NoAllocationRefusal rocks;  // a commit never stops half-way (transaction.cpp says why)
  std::lock_guard<std::mutex> lock(state_mutex_);
  if (&target != reader_.get()) {
    MLKG_RETURN_IF_ERROR(apply());
    committed_since_catch_up_ = true;
    return Status();
  }
  MLKG_RETURN_IF_ERROR(apply());
  data_version_ = next_data_version++;
  if (catalog) catalog_ = std::move(catalog);
  return Status();
}

std::shared_ptr<const Catalog> GraphStore::catalog() {
  std::lock_guard<std::mutex> lock(state_mutex_);
  refresh_reader();
  return catalog_;
}

uint64_t GraphStore::data_version() {
  std::lock_guard<std::mutex> lock(state_mutex_);
  refresh_reader();
  return data_version_;
}

std::unique_ptr<Transaction> GraphStore::begin_read() {
  std::lock_guard<std::mutex> lock(state_mutex_);
  refresh_reader();
  // Constructed under the lock: the reader cannot be caught up between
  // reading the view and registering as its reader.
  return std::unique_ptr<Transaction>(new Transaction(this, StoreView{reader_, catalog_, data_version_}));
}

Status GraphStore::lock_writer(std::unique_lock<std::timed_mutex>* lock) {
  *lock = std::unique_lock<std::timed_mutex>(write_mutex_, std::defer_lock);
  if (lock->try_lock_for(busy_timeout_)) return Status();
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", static_cast<double>(busy_timeout_.count()) / 1000);
  return Status::busy("the database " + path_ + " is being written by another transaction of this process, which " +
                      "held the write lock for the whole busy timeout of " + seconds +
                      " s (an explicit transaction stays open until it commits or rolls back)");
}

Status GraphStore::begin_write(std::unique_ptr<WriteTransaction>* out) {
  if (read_only()) return Status::not_supported("the database " + path_ + " is open read-only");
  std::unique_lock<std::timed_mutex> lock;
  MLKG_RETURN_IF_ERROR(lock_writer(&lock));
  StoreView view;
  MLKG_RETURN_IF_ERROR(acquire_writer(&view.rocks, &view.catalog, &view.data_version));
  std::unique_ptr<WriteTransaction> txn(new WriteTransaction(this, std::move(view), std::move(lock)));
  MLKG_RETURN_IF_ERROR(txn->load_counters());
  *out = std::move(txn);
  return Status();
}

Status GraphStore::begin_bulk(std::unique_ptr<BulkWriter>* out) {
  if (read_only()) return Status::not_supported("the database " + path_ + " is open read-only");
  std::unique_lock<std::timed_mutex> lock;
  MLKG_RETURN_IF_ERROR(lock_writer(&lock));
  StoreView view;
  MLKG_RETURN_IF_ERROR(acquire_writer(&view.rocks, &view.catalog, &view.data_version));
  // Files staged by a bulk writer that crashed before ingesting them (no
  // other bulk writer runs: this one holds the lock).
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(path_, ec))
    if (entry.path().filename().string().rfind("bulk-", 0) == 0) fs::remove_all(entry.path(), ec);
  std::unique_ptr<BulkWriter> bulk(new BulkWriter(this, std::move(view), std::move(lock)));
  MLKG_RETURN_IF_ERROR(bulk->load_counters());
  *out = std::move(bulk);
  return Status();
}

uint64_t GraphStore::disk_size() const {
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(path_, ec))
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  return total;
}

Status GraphStore::get_property(const std::string& name, std::string* value, bool* found) {
  return begin_read()->get_store_property(name, value, found);
}

Status GraphStore::put_property(const std::string& name, const std::string& value) {
  if (read_only()) return Status::not_supported("the database " + path_ + " is open read-only");
  std::unique_lock<std::timed_mutex> lock;
  MLKG_RETURN_IF_ERROR(lock_writer(&lock));
  std::shared_ptr<RocksInstance> primary;
  std::shared_ptr<const Catalog> catalog;
  uint64_t data_version;
  MLKG_RETURN_IF_ERROR(acquire_writer(&primary, &catalog, &data_version));
  return commit_atomically(*primary,
                           [&] {
                             return from_rocks(primary->db()->Put(rocksdb::WriteOptions(), primary->cf(Family::kMeta),
                                                                  meta_property_key(name), value),
                                               "cannot write store property " + name);
                           },
                           nullptr);
}

}  // namespace mlkg::storage

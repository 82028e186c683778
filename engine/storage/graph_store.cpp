#include "engine/storage/graph_store.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <thread>

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
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
constexpr const char* kFamilyNames[] = {"default", "nodes", "rels", "adj",
                                        "label_idx", "prop_idx", "text_idx"};

bool is_lock_error(const rocksdb::Status& s) {
  return s.IsIOError() && (s.ToString().find("LOCK") != std::string::npos ||
                           s.ToString().find("lock") != std::string::npos);
}

// The note a writer leaves beside RocksDB's LOCK: "<pid> <client>".
constexpr char kWriterNote[] = "mlkg.writer";

// RocksDB's info LOG is not kept: a read-only open must write nothing (in a
// read-only directory the LOG could not be made), and RocksDB rotates the
// LOG before it takes the lock, so two processes opening at once raced on
// it ("while unlink() file: LOG.old..."). Every failure reaches us as a
// Status anyway; the LOG's messages go nowhere.
class QuietLogger final : public rocksdb::Logger {
 public:
  using rocksdb::Logger::Logv;
  void Logv(const char*, va_list) override {}
};

// The holder the note names, if the note is there and its process lives.
std::string writer_named_in(const std::string& dir) {
  std::ifstream in(fs::path(dir) / kWriterNote);
  long pid = 0;
  std::string client;
  if (!(in >> pid) || pid <= 0) return "";
  std::getline(in >> std::ws, client);
  if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno != EPERM) return "";
  return "pid " + std::to_string(pid) + (client.empty() ? "" : ", " + client);
}

// RocksDB's files from the first moments of creating a database.
bool only_creation_files(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string n = entry.path().filename().string();
    bool creation = n == "LOCK" || n == kWriterNote || n == "IDENTITY" || n.rfind("LOG", 0) == 0 ||
                    n.rfind("MANIFEST-", 0) == 0 ||
                    n.rfind("OPTIONS-", 0) == 0 || n.ends_with(".dbtmp") || n.ends_with(".log");
    if (!creation) return false;
  }
  return !ec;
}

// Data versions are drawn from one counter for the whole process, so no two
// stores (and no store reopened at the same address) ever share one.
std::atomic<uint64_t> next_data_version{1};

}  // namespace

const char* family_name(Family f) { return kFamilyNames[static_cast<size_t>(f)]; }

Status from_rocks(const rocksdb::Status& s, const std::string& context) {
  if (s.ok()) return Status();
  std::string msg = context + ": " + s.ToString();
  if (s.IsNotFound()) return Status::not_found(msg);
  if (s.IsCorruption()) return Status::corruption(msg);
  if (s.IsInvalidArgument()) return Status::invalid_argument(msg);
  if (s.IsNotSupported()) return Status::not_supported(msg);
  if (s.IsBusy() || s.IsTimedOut() || s.IsTryAgain()) return Status::busy(msg);
  return Status::io_error(msg);
}

rocksdb::DBOptions db_options() {
  rocksdb::DBOptions o;
  // Start-up cost matters more than statistics: a one-shot query is a whole
  // process (DESIGN.md section 10).
  o.stats_dump_period_sec = 0;
  o.stats_persist_period_sec = 0;
  o.skip_stats_update_on_db_open = true;
  o.avoid_flush_during_recovery = true;
  o.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  o.max_background_jobs = 2;
  o.max_file_opening_threads = 1;
  return o;
}

rocksdb::ColumnFamilyOptions family_options(Family f, const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache;
  t.cache_index_and_filter_blocks = false;
  t.pin_l0_filter_and_index_blocks_in_cache = true;
  t.format_version = 5;
  switch (f) {
    case Family::kNodes:
    case Family::kRels:
    case Family::kAdj:
    case Family::kPropIdx:
    case Family::kTextIdx:
    case Family::kMeta:
      // Point reads (the text family: document lengths; its postings are
      // read by prefix scans, which the filter does not slow down) (records and adjacency lists by id, unique index
      // entries): whole-key blooms, and a hash index inside each block.
      t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
      t.data_block_index_type = rocksdb::BlockBasedTableOptions::kDataBlockBinaryAndHash;
      break;
    case Family::kLabelIdx:
    case Family::kCount:
      break;  // read by prefix scans only
  }
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  // Hot families stay uncompressed: decompression would dominate 1-hop reads.
  o.compression = f == Family::kMeta ? rocksdb::kLZ4Compression : rocksdb::kNoCompression;
  o.level_compaction_dynamic_level_bytes = true;
  return o;
}

GraphStore::~GraphStore() { close_db(); }

Status GraphStore::open(const std::string& dir, const OpenOptions& options, std::unique_ptr<GraphStore>* out) {
  std::unique_ptr<GraphStore> store(new GraphStore());
  store->path_ = dir;
  store->read_only_ = options.read_only;
  store->busy_timeout_ = options.busy_timeout;
  store->text_analyzer_ = options.text_analyzer;
  store->block_cache_ = rocksdb::NewLRUCache(kBlockCacheBytes);
  const bool may_create = options.create_if_missing && !options.read_only;

  std::error_code ec;
  bool exists = fs::exists(dir, ec);
  bool empty_dir = exists && fs::is_directory(dir, ec) && fs::is_empty(dir, ec);
  if (exists && !fs::is_directory(dir, ec))
    return Status::incompatible(dir + " is a file, not an mlkg database directory");
  // A directory holding only the first files RocksDB writes when it creates
  // a database (no CURRENT yet) is a creation that was interrupted.
  bool fresh = !exists || empty_dir || (!fs::exists(fs::path(dir) / "CURRENT", ec) && only_creation_files(dir));
  if (fresh && !may_create) return Status::not_found("no mlkg database at " + dir);
  if (!fresh && !fs::exists(fs::path(dir) / "CURRENT", ec))
    return Status::incompatible(dir + " is not an mlkg database (it is a non-empty directory without database files)");

  std::vector<std::string> names;
  if (fresh) {
    fs::create_directories(dir, ec);
    if (ec) return Status::io_error("cannot create " + dir + ": " + ec.message());
  } else {
    rocksdb::Status s = rocksdb::DB::ListColumnFamilies(db_options(), dir, &names);
    if (!s.ok()) return Status::incompatible(dir + " is not an mlkg database (" + s.ToString() + ")");
  }
  MLKG_RETURN_IF_ERROR(store->open_families(names, fresh));

  std::string version;
  rocksdb::Status s =
      store->db()->Get(rocksdb::ReadOptions(), store->cf(Family::kMeta), meta_format_version_key(), &version);
  if (s.IsNotFound()) {
    // Either a new database, or one whose creation was interrupted before its
    // first write: no foreign families, and nothing in those that exist.
    // Anything else without a format version is someone else's database.
    if (options.read_only || store->foreign_families_ || !store->families_empty())
      return Status::incompatible(dir + " is a RocksDB database but not an mlkg database (no format version)");
    const auto& handles = store->rocks_->handles();
    if (std::find(handles.begin(), handles.end(), nullptr) != handles.end()) {
      store->close_db();
      MLKG_RETURN_IF_ERROR(store->open_families(names, true));
    }
    MLKG_RETURN_IF_ERROR(store->initialise());
  } else if (!s.ok()) {
    return from_rocks(s, "cannot read the format version of " + dir);
  } else {
    if (version.size() != 4) return Status::incompatible(dir + " has an unreadable format version");
    uint32_t v = load_u32_be(version.data());
    if (v > kFormatVersion)
      return Status::incompatible(dir + " was written by a newer mlkg (format " + std::to_string(v) +
                                  "); this build reads format " + std::to_string(kFormatVersion));
    if (v == 1 && options.read_only)
      return Status::incompatible(dir + " uses format 1; open it once without --read-only to upgrade it to format " +
                                  std::to_string(kFormatVersion));
    if (v < 1)
      return Status::incompatible(dir + " uses the old format " + std::to_string(v) + "; this build reads format " +
                                  std::to_string(kFormatVersion) + " (re-import it from an export)");
    if (store->foreign_families_) return Status::incompatible(dir + " holds column families this mlkg does not know");
    // Format 1 has every family but the text family.
    for (size_t i = 0; i < static_cast<size_t>(Family::kCount); ++i)
      if (!store->cf(static_cast<Family>(i)) && !(v == 1 && static_cast<Family>(i) == Family::kTextIdx))
        return Status::corruption(dir + " lacks the column family '" + kFamilyNames[i] + "'");
    if (v == 1) MLKG_RETURN_IF_ERROR(store->upgrade_from_v1(names));
  }

  if (!options.read_only) {
    // Who holds the lock, for a process that waits for it (best effort: a
    // directory we cannot write in only loses the name).
    std::ofstream note(fs::path(dir) / kWriterNote, std::ios::trunc);
    note << ::getpid() << " " << options.client << "\n";
    store->wrote_writer_note_ = static_cast<bool>(note);
    // Files staged by a bulk writer that crashed before ingesting them.
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (entry.path().filename().string().rfind("bulk-", 0) == 0) fs::remove_all(entry.path(), ec);
  }

  MLKG_RETURN_IF_ERROR(store->load_catalog());
  *out = std::move(store);
  return Status();
}

Status GraphStore::open_families(const std::vector<std::string>& existing, bool create) {
  rocksdb::DBOptions dbo = db_options();
  // Open the families there are; make the missing ones afterwards in one
  // step. (RocksDB's create_missing_column_families makes them one at a
  // time, writing and re-reading its OPTIONS file after each: a new database
  // took three times as long to create.)
  std::vector<std::string> names = existing;
  if (std::find(names.begin(), names.end(), kFamilyNames[0]) == names.end()) names.insert(names.begin(), kFamilyNames[0]);
  std::vector<std::string> missing;
  if (create) {
    dbo.create_if_missing = true;
    for (size_t i = 1; i < static_cast<size_t>(Family::kCount); ++i)
      if (std::find(names.begin(), names.end(), kFamilyNames[i]) == names.end()) missing.push_back(kFamilyNames[i]);
  }
  auto family_index = [](const std::string& name) {
    for (size_t i = 0; i < static_cast<size_t>(Family::kCount); ++i)
      if (name == kFamilyNames[i]) return static_cast<int>(i);
    return -1;
  };
  auto descriptor = [&](const std::string& name) {
    const int f = family_index(name);
    return rocksdb::ColumnFamilyDescriptor(
        name, f >= 0 ? family_options(static_cast<Family>(f), block_cache_) : rocksdb::ColumnFamilyOptions());
  };
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  std::vector<int> family_of_descriptor;  // Family index, or -1 for a foreign family
  for (const auto& name : names) {
    family_of_descriptor.push_back(family_index(name));
    descriptors.push_back(descriptor(name));
  }
  dbo.info_log = std::make_shared<QuietLogger>();
  rocksdb::DB* db = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  // Another writer's lock: wait for it (5 ms, doubling up to 50 ms between
  // tries), as SQLite's busy timeout does.
  const auto start = std::chrono::steady_clock::now();
  rocksdb::Status s;
  for (auto pause = std::chrono::milliseconds(5);; pause = std::min(pause * 2, std::chrono::milliseconds(50))) {
    s = read_only_ ? rocksdb::DB::OpenForReadOnly(dbo, path_, descriptors, &handles, &db)
                   : rocksdb::DB::Open(dbo, path_, descriptors, &handles, &db);
    if (s.ok() || read_only_ || !is_lock_error(s)) break;
    db = nullptr;
    handles.clear();
    const auto waited = std::chrono::steady_clock::now() - start;
    if (waited >= busy_timeout_) break;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(pause, busy_timeout_ - waited));
  }
  if (!s.ok()) {
    if (is_lock_error(s))
      return lock_held(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start));
    return from_rocks(s, "cannot open " + path_);
  }
  if (!missing.empty()) {
    std::vector<rocksdb::ColumnFamilyDescriptor> to_create;
    for (const auto& name : missing) {
      family_of_descriptor.push_back(family_index(name));
      to_create.push_back(descriptor(name));
    }
    std::vector<rocksdb::ColumnFamilyHandle*> created;
    s = db->CreateColumnFamilies(to_create, &created);
    handles.insert(handles.end(), created.begin(), created.end());
    if (!s.ok()) {
      for (auto* h : handles) db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
      db->Close().PermitUncheckedError();
      delete db;
      return from_rocks(s, "cannot create the column families of " + path_);
    }
  }
  // Keep our families in Family order; note and close foreign ones.
  std::vector<rocksdb::ColumnFamilyHandle*> ours(static_cast<size_t>(Family::kCount), nullptr);
  foreign_families_ = false;
  for (size_t i = 0; i < handles.size(); ++i) {
    if (family_of_descriptor[i] >= 0) {
      ours[family_of_descriptor[i]] = handles[i];
    } else {
      foreign_families_ = true;
      db->DestroyColumnFamilyHandle(handles[i]).PermitUncheckedError();
    }
  }
  rocks_ = std::make_shared<RocksInstance>(db, std::move(ours), !read_only_);
  if (!rocks_->cf(Family::kMeta)) return Status::corruption(path_ + " lacks its default column family");
  return Status();
}

Status GraphStore::lock_held(std::chrono::milliseconds waited) const {
  const std::string holder = writer_named_in(path_);
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", static_cast<double>(waited.count()) / 1000);
  return Status::busy("the database " + path_ + " is in use by another mlkg process (" +
                      (holder.empty() ? "it holds " + path_ + "/LOCK" : holder) + ") and stayed locked for " + seconds +
                      " s; --busy-timeout MS waits longer, --read-only reads beside it");
}

bool GraphStore::families_empty() const {
  for (auto* h : rocks_->handles()) {
    if (!h) continue;
    std::unique_ptr<rocksdb::Iterator> it(db()->NewIterator(rocksdb::ReadOptions(), h));
    it->SeekToFirst();
    if (it->Valid() || !it->status().ok()) return false;
  }
  return true;
}

Status GraphStore::initialise() {
  rocksdb::WriteBatch init;
  std::string v, one;
  put_u32_be(&v, kFormatVersion);
  put_u64_be(&one, 1);
  init.Put(cf(Family::kMeta), meta_format_version_key(), v).PermitUncheckedError();
  init.Put(cf(Family::kMeta), meta_next_node_key(), one).PermitUncheckedError();
  init.Put(cf(Family::kMeta), meta_next_rel_key(), one).PermitUncheckedError();
  rocksdb::WriteOptions wo;
  wo.sync = true;
  return from_rocks(db()->Write(wo, &init), "cannot initialise " + path_);
}

Status GraphStore::upgrade_from_v1(const std::vector<std::string>& names) {
  // Format 2 only adds: the text family (created empty by reopening with
  // the missing families) and a version number.
  close_db();
  MLKG_RETURN_IF_ERROR(open_families(names, true));
  std::string v;
  put_u32_be(&v, kFormatVersion);
  rocksdb::WriteOptions wo;
  wo.sync = true;
  return from_rocks(db()->Put(wo, cf(Family::kMeta), meta_format_version_key(), v), "cannot upgrade " + path_);
}

void GraphStore::close_db() {
  if (wrote_writer_note_) {  // before the lock goes: the next writer writes its own
    std::error_code ec;
    fs::remove(fs::path(path_) / kWriterNote, ec);
    wrote_writer_note_ = false;
  }
  rocks_.reset();  // closes the database, unless a transaction still reads it
}

Status GraphStore::load_catalog() {
  auto catalog = std::make_shared<Catalog>();
  std::unique_ptr<rocksdb::Iterator> it(db()->NewIterator(rocksdb::ReadOptions(), cf(Family::kMeta)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    std::string_view value(it->value().data(), it->value().size());
    char kind = key[0];
    if ((kind == 'L' || kind == 'T' || kind == 'K') && key.size() == 5) {
      uint32_t id = load_u32_be(key.data() + 1);
      if (!catalog->restore_name(static_cast<NameKind>(kind), id, std::string(value)))
        return Status::corruption("the dictionary of " + path_ + " is inconsistent at " + std::string(1, kind) +
                                  std::to_string(id));
    } else if (kind == 'I' && key.size() == 5) {
      IndexDefinition def;
      if (!decode_index_definition(load_u32_be(key.data() + 1), value, &def))
        return Status::corruption("an index definition of " + path_ + " does not decode");
      catalog->add_index(def);
    } else if (kind == 'F' && key.size() == 5) {
      FulltextIndexDefinition def;
      if (!decode_fulltext_definition(load_u32_be(key.data() + 1), value, &def))
        return Status::corruption("a full-text index definition of " + path_ + " does not decode");
      catalog->add_fulltext_index(std::move(def));
    }
  }
  MLKG_RETURN_IF_ERROR(from_rocks(it->status(), "cannot read the catalog of " + path_));
  catalog->name_unnamed_indexes();  // definitions stored before names were: their names, until written
  publish_catalog(std::move(catalog));
  return Status();
}

void GraphStore::publish_catalog(std::shared_ptr<const Catalog> catalog) {
  std::lock_guard<std::mutex> lock(state_mutex_);
  catalog_ = std::move(catalog);
  data_version_ = next_data_version++;
}

Status GraphStore::commit_atomically(const std::function<Status()>& apply, std::shared_ptr<const Catalog> catalog) {
  const NoAllocationRefusal rocks;  // a commit never stops half-way (transaction.cpp says why)
  std::lock_guard<std::mutex> lock(state_mutex_);
  MLKG_RETURN_IF_ERROR(apply());
  data_version_ = next_data_version++;
  if (catalog) catalog_ = std::move(catalog);
  return Status();
}

std::shared_ptr<const Catalog> GraphStore::catalog() const {
  std::lock_guard<std::mutex> lock(state_mutex_);
  return catalog_;
}

uint64_t GraphStore::data_version() const {
  std::lock_guard<std::mutex> lock(state_mutex_);
  return data_version_;
}

std::unique_ptr<Transaction> GraphStore::begin_read() {
  return std::unique_ptr<Transaction>(new Transaction(this, nullptr));
}

Status GraphStore::begin_write(std::unique_ptr<WriteTransaction>* out) {
  if (read_only_) return Status::not_supported("the database " + path_ + " is open read-only");
  std::unique_lock<std::mutex> lock(write_mutex_);
  std::unique_ptr<WriteTransaction> txn(new WriteTransaction(this, catalog(), std::move(lock)));
  MLKG_RETURN_IF_ERROR(txn->load_counters());
  *out = std::move(txn);
  return Status();
}

Status GraphStore::begin_bulk(std::unique_ptr<BulkWriter>* out) {
  if (read_only_) return Status::not_supported("the database " + path_ + " is open read-only");
  std::unique_lock<std::mutex> lock(write_mutex_);
  std::unique_ptr<BulkWriter> bulk(new BulkWriter(this, catalog(), std::move(lock)));
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
  const NoAllocationRefusal rocks;
  rocksdb::Status s = db()->Get(rocksdb::ReadOptions(), cf(Family::kMeta), meta_property_key(name), value);
  *found = s.ok();
  if (s.IsNotFound()) return Status();
  return from_rocks(s, "cannot read store property " + name);
}

Status GraphStore::put_property(const std::string& name, const std::string& value) {
  if (read_only_) return Status::not_supported("the database " + path_ + " is open read-only");
  std::lock_guard<std::mutex> lock(write_mutex_);
  return commit_atomically(
      [&] {
        return from_rocks(db()->Put(rocksdb::WriteOptions(), cf(Family::kMeta), meta_property_key(name), value),
                          "cannot write store property " + name);
      },
      nullptr);
}

}  // namespace mlkg::storage

#include "engine/storage/rocks_instance.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/file_system.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <rocksdb/transaction_log.h>

#include "engine/common/memory_budget.hpp"
#include "engine/storage/rocks_util.hpp"

namespace fs = std::filesystem;

namespace mlkg::storage {

namespace {

constexpr const char* kFamilyNames[] = {"default", "nodes", "rels", "adj", "label_idx", "prop_idx", "text_idx"};

// The note a primary leaves beside RocksDB's LOCK: "<pid> <client>".
constexpr char kWriterNote[] = "mlkg.writer";

bool is_lock_error(const rocksdb::Status& s) {
  if (!s.IsIOError()) return false;
  const std::string text = s.ToString();
  return text.find("LOCK") != std::string::npos || text.find("lock") != std::string::npos;
}

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

Status lock_held(const std::string& path, std::chrono::milliseconds waited) {
  const std::string holder = writer_named_in(path);
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", static_cast<double>(waited.count()) / 1000);
  return Status::busy("the database " + path + " is in use by another mlkg process (" +
                      (holder.empty() ? "it holds " + path + "/LOCK" : holder) + ") and stayed locked for " + seconds +
                      " s; --busy-timeout MS waits longer");
}

int family_index(const std::string& name) {
  for (size_t i = 0; i < static_cast<size_t>(Family::kCount); ++i)
    if (name == kFamilyNames[i]) return static_cast<int>(i);
  return -1;
}

}  // namespace

const char* family_name(Family f) { return kFamilyNames[static_cast<size_t>(f)]; }

namespace {

// RocksDB names a failed file operation "<While doing something>: <path>:
// <strerror>" (IOErrorFromErrno) or "<path>: <strerror>"; says which of
// reading, writing and opening it was.
std::string file_action(const std::string& context) {
  std::string lower;
  for (char c : context) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* w : {"append", "writ", "sync", "allocate", "truncat", "renam", "creat", "link", "delet"})
    if (lower.find(w) != std::string::npos) return "writing";
  if (lower.find("read") != std::string::npos) return "reading";
  if (lower.find("open") != std::string::npos) return "opening";
  return "using";
}

std::string lower_first(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z' && (text.size() < 2 || !(text[1] >= 'A' && text[1] <= 'Z')))
    text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return text;
}

// RocksDB's text for damage, tidied: nested status prefixes dropped, a
// missing table file named once by its real name (RocksDB also tries the old
// ".ldb" name and reports that one), and a space where RocksDB omits one.
std::string damage_text(std::string text) {
  for (const char* prefix : {"Corruption: ", "IO error: "}) {
    for (size_t at; (at = text.find(prefix)) != std::string::npos;) text.erase(at, std::strlen(prefix));
  }
  const size_t missing = text.find("No such file or directory: While open a file for random read: ");
  if (missing != std::string::npos) {
    std::string rest = text.substr(missing + std::strlen("No such file or directory: While open a file for random read: "));
    std::string file = rest.substr(0, rest.find(": "));
    if (file.size() > 4 && file.compare(file.size() - 4, 4, ".ldb") == 0) file.replace(file.size() - 4, 4, ".sst");
    const size_t in_file = text.find(" in file ");
    return "the table file " + file + " is missing" +
           (in_file == std::string::npos ? "" : " (" + text.substr(in_file + std::strlen(" in file ")) + " lists it)");
  }
  const size_t sstable = text.find("to be an sstable");
  if (sstable != std::string::npos) text.insert(sstable + std::strlen("to be an sstable"), ": ");
  return text;
}

bool is_no_space(const rocksdb::Status& s) {
  return s.IsNoSpace() || (s.getState() && std::strstr(s.getState(), "No space left on device"));
}

}  // namespace

std::string rocks_error_text(const rocksdb::Status& s) {
  if (s.ok()) return "";
  const std::string state = s.getState() ? s.getState() : "";
  // Split "<context>: <path>: <reason>" from the right.
  std::string context, path, reason = state;
  if (s.IsIOError() || s.IsPathNotFound() || is_no_space(s)) {
    const size_t last = state.rfind(": ");
    if (last != std::string::npos) {
      reason = state.substr(last + 2);
      std::string rest = state.substr(0, last);
      const size_t before = rest.rfind(": ");
      path = before == std::string::npos ? rest : rest.substr(before + 2);
      context = before == std::string::npos ? "" : rest.substr(0, before);
      if (path.find('/') == std::string::npos && path.find('.') == std::string::npos) {
        // Not a file name: keep the whole text as the reason.
        reason = state;
        path.clear();
        context.clear();
      }
    }
  }
  const std::string where = path.empty() ? "" : " (while " + file_action(context) + " " + path + ")";
  if (is_no_space(s)) return "the disk is full" + where + ": nothing was written; free some space and try again";
  if (s.IsCorruption()) return "the stored data is damaged: " + damage_text(state);
  if (s.IsIOError() || s.IsPathNotFound()) return lower_first(reason.empty() ? "input/output error" : reason) + where;
  if (s.IsBusy() || s.IsTimedOut() || s.IsTryAgain()) return "the database is busy: " + state;
  return state.empty() ? "an unknown storage error" : state;
}

bool has_file_starting_with(const std::string& dir, std::string_view prefix) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().filename().string().starts_with(prefix)) return true;
  return false;
}

Status from_rocks(const rocksdb::Status& s, const std::string& context) {
  if (s.ok()) return Status();
  std::string msg = context + ": " + rocks_error_text(s);
  if (is_no_space(s)) return Status::no_space(msg);
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
  // process (DESIGN.md section 10), and so is a one-shot write.
  o.stats_dump_period_sec = 0;
  o.stats_persist_period_sec = 0;
  o.skip_stats_update_on_db_open = true;
  o.skip_checking_sst_file_sizes_on_db_open = true;
  o.avoid_flush_during_recovery = true;
  o.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  o.info_log = std::make_shared<QuietLogger>();
  o.max_background_jobs = 2;
  o.max_file_opening_threads = 1;
  // Every writable open starts a new manifest of a few kilobytes; RocksDB
  // would reserve 4 MB of disk for each.
  o.manifest_preallocation_size = 64 << 10;
  // Every flush writes all families at one sequence number, so a reader
  // (a secondary catching up) never shows one family newer than another:
  // one statement's writes to several families are seen whole or not at all.
  o.atomic_flush = true;
  return o;
}

rocksdb::ColumnFamilyOptions family_options(Family f, const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache;
  // Index and filter blocks are read when first needed, through the block
  // cache, not all of them when a table opens: opening a database reads no
  // filter of a file the statement never touches (a third of a one-shot
  // query's time at 100k nodes went to reading every filter at open).
  t.cache_index_and_filter_blocks = true;
  t.pin_l0_filter_and_index_blocks_in_cache = true;
  t.format_version = 5;
  switch (f) {
    case Family::kNodes:
    case Family::kRels:
    case Family::kAdj:
    case Family::kPropIdx:
    case Family::kTextIdx:
    case Family::kMeta:
      // Point reads (records and adjacency lists by id, unique index
      // entries; the text family: document lengths, its postings being read
      // by prefix scans, which the filter does not slow down): whole-key
      // blooms, and a hash index inside each block.
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

namespace {

// The write-ahead logs and table files of a database directory.
struct DataFiles {
  std::set<std::string> logs, tables;
};

DataFiles data_files(const std::string& dir) {
  DataFiles files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.ends_with(".log")) files.logs.insert(std::move(name));
    else if (name.ends_with(".sst")) files.tables.insert(std::move(name));
  }
  return files;
}

// Whether a reader that opened between two listings of the directory
// recovered a state some commit left. A reader (secondary or read-only)
// reads the manifest, then lists the logs and replays them. A writer's flush
// writes a table file, records it in the manifest, then deletes the log it
// came from: if the reader read the manifest before the record and listed
// the logs after the deletion, it has neither copy of that log's writes. A
// flush in between shows as a table file that appeared (or, compacted away,
// disappeared) or a log that disappeared; a writer that only opened (a new
// log and manifest) or committed changes neither and costs no second open.
bool recovered_whole(const DataFiles& before, const DataFiles& after) {
  if (before.tables != after.tables) return false;
  return std::includes(after.logs.begin(), after.logs.end(), before.logs.begin(), before.logs.end());
}

// A file system that declines to write RocksDB's OPTIONS file. Every
// writable open rewrites that file (32 KB for our eight families) and parses
// it back to verify it: 48% of the instructions of a one-statement write
// from a fresh process at 100k nodes (callgrind). mlkg never reads it (every
// open passes its options), so a database keeps the one written when it was
// created, and a writer that reopens it skips the rewrite: RocksDB treats a
// failed OPTIONS write as a warning (fail_if_options_file_error is false).
class KeepOptionsFileSystem : public rocksdb::FileSystemWrapper {
 public:
  KeepOptionsFileSystem() : FileSystemWrapper(rocksdb::FileSystem::Default()) {}
  const char* Name() const override { return "MlkgKeepOptionsFile"; }
  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* out,
                                    rocksdb::IODebugContext* debug) override {
    const std::string base = fs::path(name).filename().string();
    if (base.rfind("OPTIONS-", 0) == 0) return rocksdb::IOStatus::NotSupported("the OPTIONS file is kept as created");
    return target()->NewWritableFile(name, options, out, debug);
  }
};

// The environment of a primary that opens an existing database; lives as
// long as the process (a DB must not outlive its Env).
rocksdb::Env* keep_options_env() {
  static rocksdb::Env* env = rocksdb::NewCompositeEnv(std::make_shared<KeepOptionsFileSystem>()).release();
  return env;
}

}  // namespace

// Every call into RocksDB here runs under a NoAllocationRefusal: an open, a
// catch-up or a close may run inside a statement's memory budget and must not
// stop half-way (transaction.cpp says why).
Status RocksInstance::open(const InstanceRequest& request, std::shared_ptr<RocksInstance>* out,
                           bool* foreign_families) {
  const NoAllocationRefusal rocks;
  const bool primary = request.role == InstanceRole::kPrimary;
  rocksdb::DBOptions dbo = db_options();
  // A secondary keeps every table file open: the primary may delete a file
  // (after a compaction) that the secondary's current view still reads.
  if (request.role == InstanceRole::kSecondary) dbo.max_open_files = -1;
  dbo.fail_if_options_file_error = false;
  if (primary && has_file_starting_with(request.path, "OPTIONS-")) dbo.env = keep_options_env();
  // Open the families there are; make the missing ones afterwards in one
  // step. (RocksDB's create_missing_column_families makes them one at a
  // time, writing and re-reading its OPTIONS file after each: a new database
  // took three times as long to create.)
  std::vector<std::string> names = request.families;
  if (std::find(names.begin(), names.end(), kFamilyNames[0]) == names.end())
    names.insert(names.begin(), kFamilyNames[0]);
  std::vector<std::string> missing;
  if (primary && request.create) {
    dbo.create_if_missing = true;
    for (size_t i = 1; i < static_cast<size_t>(Family::kCount); ++i)
      if (std::find(names.begin(), names.end(), kFamilyNames[i]) == names.end()) missing.push_back(kFamilyNames[i]);
  }
  auto descriptor = [&](const std::string& name) {
    const int f = family_index(name);
    return rocksdb::ColumnFamilyDescriptor(name, f >= 0 ? family_options(static_cast<Family>(f), request.block_cache)
                                                        : rocksdb::ColumnFamilyOptions());
  };
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  std::vector<int> family_of_descriptor;  // Family index, or -1 for a foreign family
  for (const auto& name : names) {
    family_of_descriptor.push_back(family_index(name));
    descriptors.push_back(descriptor(name));
  }

  rocksdb::DB* db = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  const auto start = std::chrono::steady_clock::now();
  rocksdb::Status s;
  for (auto pause = std::chrono::milliseconds(5);; pause = std::min(pause * 2, std::chrono::milliseconds(50))) {
    const DataFiles before = primary ? DataFiles() : data_files(request.path);
    switch (request.role) {
      case InstanceRole::kPrimary: s = rocksdb::DB::Open(dbo, request.path, descriptors, &handles, &db); break;
      case InstanceRole::kReadOnly:
        s = rocksdb::DB::OpenForReadOnly(dbo, request.path, descriptors, &handles, &db);
        break;
      case InstanceRole::kSecondary:
        // The secondary path is where RocksDB would keep the secondary's own
        // info LOG; with our logger it writes nothing there.
        s = rocksdb::DB::OpenAsSecondary(dbo, request.path, request.path, descriptors, &handles, &db);
        break;
    }
    if (s.ok() && !primary && !recovered_whole(before, data_files(request.path)) &&
        std::chrono::steady_clock::now() - start < std::chrono::seconds(5)) {
      // A writer flushed while this reader opened: the reader may have read
      // the manifest from before the flush and listed the logs after it
      // deleted the flushed one, a state with a hole in it (the stress test
      // saw a counter created long before vanish). Open again.
      for (auto* h : handles) db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
      delete db;
      db = nullptr;
      handles.clear();
      continue;
    }
    if (s.ok()) break;
    if (!primary) {
      // A reader reads the manifest, then opens the files it names: a writer
      // may delete one in between (a log whose data it flushed, a table file
      // it compacted away). Open again: the new manifest names what is there.
      const std::string text = s.ToString();
      if ((text.find("No such file") != std::string::npos || text.find("Missing sst file") != std::string::npos) &&
          std::chrono::steady_clock::now() - start < std::chrono::seconds(5)) {
        db = nullptr;
        handles.clear();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        continue;
      }
      break;
    }
    if (!is_lock_error(s)) break;
    db = nullptr;
    handles.clear();
    const auto waited = std::chrono::steady_clock::now() - start;
    if (waited >= request.busy_timeout) break;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(pause, request.busy_timeout - waited));
  }
  if (!s.ok()) {
    if (primary && is_lock_error(s))
      return lock_held(request.path, std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::steady_clock::now() - start));
    return from_rocks(s, "cannot open " + request.path + (primary ? " for writing" : ""));
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
      return from_rocks(s, "cannot create the column families of " + request.path);
    }
  }
  // Keep our families in Family order; note and close foreign ones.
  std::vector<rocksdb::ColumnFamilyHandle*> ours(static_cast<size_t>(Family::kCount), nullptr);
  bool foreign = false;
  for (size_t i = 0; i < handles.size(); ++i) {
    if (family_of_descriptor[i] >= 0) {
      ours[family_of_descriptor[i]] = handles[i];
    } else {
      foreign = true;
      db->DestroyColumnFamilyHandle(handles[i]).PermitUncheckedError();
    }
  }
  if (foreign_families) *foreign_families = foreign;

  std::string note;
  if (primary) {
    // Who holds the lock, for a process that waits for it (best effort: a
    // directory we cannot write in only loses the name).
    note = (fs::path(request.path) / kWriterNote).string();
    std::ofstream file(note, std::ios::trunc);
    file << ::getpid() << " " << request.client << "\n";
    if (!file) note.clear();
  }
  out->reset(new RocksInstance(db, std::move(ours), request.role, std::move(note)));
  if (!(*out)->cf(Family::kMeta)) return Status::corruption(request.path + " lacks its default column family");
  return Status();
}

RocksInstance::RocksInstance(rocksdb::DB* db, std::vector<rocksdb::ColumnFamilyHandle*> handles, InstanceRole role,
                             std::string writer_note)
    : db_(db), handles_(std::move(handles)), role_(role), writer_note_(std::move(writer_note)) {}

RocksInstance::~RocksInstance() {
  const NoAllocationRefusal rocks;
  if (!db_) return;
  if (writable()) {
    rocksdb::VectorLogPtr logs;
    uint64_t log_bytes = 0;
    const bool listed = db_->GetSortedWalFiles(logs).ok();
    for (const auto& log : logs) log_bytes += log->SizeFileBytes();
    if (listed && (logs.size() > kMaxLogsKept || log_bytes > kMaxLogBytesKept)) {
      std::vector<rocksdb::ColumnFamilyHandle*> live;
      for (auto* h : handles_)
        if (h) live.push_back(h);
      rocksdb::FlushOptions flush;
      flush.wait = true;
      db_->Flush(flush, live).PermitUncheckedError();  // best effort: the logs stay valid if it fails
    }
    merge_small_files();
    // A compaction RocksDB scheduled (level 0 has reached its trigger) would
    // be dropped by closing, and short-lived writers would pile up small
    // level-0 files that every open and every read then pays for: finish it
    // first, as a long-lived writer would in the background.
    // (Not after a background error, when nothing more will run, and not
    // for more than a minute.)
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    while (std::chrono::steady_clock::now() < give_up) {
      uint64_t pending = 0, running = 0, errors = 0;
      if (!db_->GetIntProperty(rocksdb::DB::Properties::kNumRunningCompactions, &running) ||
          !db_->GetIntProperty(rocksdb::DB::Properties::kBackgroundErrors, &errors) || errors > 0)
        break;
      for (auto* h : handles_) {  // a property of each family, not of the database
        uint64_t family_pending = 0;
        if (h && db_->GetIntProperty(h, rocksdb::DB::Properties::kCompactionPending, &family_pending))
          pending += family_pending;
      }
      if (pending == 0 && running == 0) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  if (!writer_note_.empty()) {  // before the lock goes: the next writer writes its own
    std::error_code ec;
    fs::remove(writer_note_, ec);
  }
  for (auto* h : handles_)
    if (h) db_->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  db_->Close().PermitUncheckedError();
  delete db_;
}

void RocksInstance::merge_small_files() {
  rocksdb::CompactionOptions options;
  options.compression = rocksdb::kDisableCompressionOption;  // the family's own
  for (auto* h : handles_) {
    if (!h) continue;
    rocksdb::ColumnFamilyMetaData meta;
    db_->GetColumnFamilyMetaData(h, &meta);
    for (const rocksdb::LevelMetaData& level : meta.levels) {
      std::vector<std::string> run;
      if (level.level == 0) {
        // Level-0 files may overlap: merge all of them or none.
        if (level.files.size() >= kLevel0FilesMerged && level.size <= kSmallFileBytes)
          for (const auto& f : level.files) run.push_back(f.name);
      } else {
        // The longest run of neighbouring small files (a level's files are
        // sorted and do not overlap, so a run merges into one file that
        // overlaps nothing else in the level).
        std::vector<std::string> current;
        for (const auto& f : level.files) {
          if (f.size <= kSmallFileBytes) {
            current.push_back(f.name);
          } else {
            if (current.size() > run.size()) run = current;
            current.clear();
          }
        }
        if (current.size() > run.size()) run = current;
        if (run.size() < kSmallFilesMerged) run.clear();
      }
      // Best effort: a compaction RocksDB started on these files wins, and
      // nothing is lost either way.
      if (!run.empty()) db_->CompactFiles(options, h, run, level.level).PermitUncheckedError();
    }
  }
}

Status RocksInstance::catch_up() {
  const NoAllocationRefusal rocks;
  return from_rocks(db_->TryCatchUpWithPrimary(), "cannot read the latest writes");
}

uint64_t RocksInstance::sequence() const { return db_->GetLatestSequenceNumber(); }

}  // namespace mlkg::storage

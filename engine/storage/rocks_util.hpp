#pragma once
// Internal to engine/storage: translation of RocksDB statuses and the
// options every family is opened with. Nothing outside engine/storage
// includes RocksDB headers.

#include <string>
#include <string_view>

#include <rocksdb/options.h>
#include <rocksdb/status.h>

#include "engine/common/status.hpp"
#include "engine/storage/graph_store.hpp"

namespace mlkg::storage {

// Maps a RocksDB status to ours; `context` says what was being done. The
// message is "<context>: <rocks_error_text(s)>"; a full disk is kNoSpace.
Status from_rocks(const rocksdb::Status& s, const std::string& context);

// What a failed RocksDB status says, in our words and with the file it names
// when it names one: "the disk is full (while writing db/000141.log)",
// "permission denied (while opening db/LOCK)", "the stored data is damaged:
// block checksum mismatch ... in db/000012.sst". Never RocksDB's own prefix.
std::string rocks_error_text(const rocksdb::Status& s);

// Whether `dir` holds a file whose name starts with `prefix` ("OPTIONS-",
// "MANIFEST-").
bool has_file_starting_with(const std::string& dir, std::string_view prefix);

// Options of one column family, sharing `cache` for blocks.
rocksdb::ColumnFamilyOptions family_options(Family f, const std::shared_ptr<rocksdb::Cache>& cache);
rocksdb::DBOptions db_options();

}  // namespace mlkg::storage

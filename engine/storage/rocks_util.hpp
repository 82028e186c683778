#pragma once
// Internal to engine/storage: translation of RocksDB statuses and the
// options every family is opened with. Nothing outside engine/storage
// includes RocksDB headers.

#include <string>

#include <rocksdb/options.h>
#include <rocksdb/status.h>

#include "engine/common/status.hpp"
#include "engine/storage/graph_store.hpp"

namespace mlkg::storage {

// Maps a RocksDB status to ours; `context` says what was being done.
Status from_rocks(const rocksdb::Status& s, const std::string& context);

// Options of one column family, sharing `cache` for blocks.
rocksdb::ColumnFamilyOptions family_options(Family f, const std::shared_ptr<rocksdb::Cache>& cache);
rocksdb::DBOptions db_options();

}  // namespace mlkg::storage

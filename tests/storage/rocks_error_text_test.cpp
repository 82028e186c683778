// RocksDB's failures in our words (engine/storage/rocks_util.hpp): the file a
// failure concerns, what was being done to it, and never RocksDB's prefixes.

#include <catch2/catch.hpp>

#include <rocksdb/status.h>

#include "engine/storage/rocks_util.hpp"

using mlkg::Status;
using mlkg::storage::from_rocks;
using mlkg::storage::rocks_error_text;

TEST_CASE("rocks errors: a full disk names the file, says nothing was written, and is kNoSpace", "[storage]") {
  // As RocksDB reports an append that met ENOSPC (IOErrorFromErrno), and with its subcode.
  for (const rocksdb::Status& s :
       {rocksdb::Status::IOError("While appending to file: db/000141.log", "No space left on device"),
        rocksdb::Status::NoSpace("While appending to file: db/000141.log", "No space left on device")}) {
    CHECK(rocks_error_text(s) ==
          "the disk is full (while writing db/000141.log): nothing was written; free some space and try again");
    Status ours = from_rocks(s, "commit failed");
    CHECK(ours.code() == Status::Code::kNoSpace);
    CHECK(ours.message().rfind("commit failed: the disk is full", 0) == 0);
  }
}

TEST_CASE("rocks errors: other file failures keep the reason and name the file and the action", "[storage]") {
  CHECK(rocks_error_text(rocksdb::Status::IOError("While open a file for lock: db/LOCK", "Permission denied")) ==
        "permission denied (while opening db/LOCK)");
  CHECK(rocks_error_text(rocksdb::Status::IOError("While opening a file for sequentially reading: db/CURRENT",
                                                  "Permission denied")) == "permission denied (while reading db/CURRENT)");
  CHECK(rocks_error_text(rocksdb::Status::IOError("db/MANIFEST-000005", "Input/output error")) ==
        "input/output error (while using db/MANIFEST-000005)");
  // Text that names no file stays whole.
  CHECK(rocks_error_text(rocksdb::Status::IOError("something odd", "went wrong")) == "something odd: went wrong");
  CHECK(from_rocks(rocksdb::Status::IOError("x", "y"), "cannot open db").code() == Status::Code::kIOError);
}

TEST_CASE("rocks errors: damage is said plainly, a missing table file by its own name", "[storage]") {
  const rocksdb::Status missing = rocksdb::Status::Corruption(
      "IO error: No such file or directory: While open a file for random read: db/000013.ldb: No such file or "
      "directory in file db/MANIFEST-000005");
  CHECK(rocks_error_text(missing) ==
        "the stored data is damaged: the table file db/000013.sst is missing (db/MANIFEST-000005 lists it)");
  CHECK(rocks_error_text(rocksdb::Status::Corruption(
            "file is too short (1216 bytes) to be an sstabledb/000011.sst in file db/MANIFEST-000005")) ==
        "the stored data is damaged: file is too short (1216 bytes) to be an sstable: db/000011.sst in file "
        "db/MANIFEST-000005");
  CHECK(from_rocks(missing, "cannot open db").code() == Status::Code::kCorruption);
  for (const rocksdb::Status& s : {missing, rocksdb::Status::IOError("db/x.log", "Input/output error")})
    CHECK(from_rocks(s, "c").message().find("IO error") == std::string::npos);
}

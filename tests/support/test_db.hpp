#pragma once
// Opening a Database in a test: fails the test with the reason if it cannot.

#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "engine/database.hpp"

namespace mlkg::test {

// `access`: kShared (the shell's, and the default) takes the write lock for
// each write statement; kExclusive (a script's) once, for tests that run
// hundreds of writes.
inline std::unique_ptr<Database> open_db(const std::string& dir,
                                         storage::Access access = storage::Access::kShared) {
  std::unique_ptr<Database> db;
  storage::OpenOptions options;
  options.access = access;
  Status s = Database::open(dir, options, &db);
  INFO(s.to_string());
  REQUIRE(s.ok());
  return db;
}

}  // namespace mlkg::test

#pragma once
// Opening a Database in a test: fails the test with the reason if it cannot.

#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "engine/database.hpp"

namespace mlkg::test {

inline std::unique_ptr<Database> open_db(const std::string& dir) {
  std::unique_ptr<Database> db;
  Status s = Database::open(dir, storage::OpenOptions{}, &db);
  INFO(s.to_string());
  REQUIRE(s.ok());
  return db;
}

}  // namespace mlkg::test

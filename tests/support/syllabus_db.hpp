#pragma once
// The bundled syllabus graph (data/ with data/schema.pg): imported once per
// test process into a temporary directory and shared by every test that
// reads it (syllabus_db(); tests must not write to it), or imported into a
// directory of the test's own for a test that writes.

#include <catch2/catch.hpp>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "engine/database.hpp"
#include "engine/load/schema.hpp"
#include "repl/default_database.hpp"
#include "support/temp_dir.hpp"
#include "support/test_db.hpp"

namespace mlkg::test {

// Imports the files of data/, checked against data/schema.pg, into `db`.
inline void import_syllabus(Database& db) {
  const std::string data = std::string(MLKG_SOURCE_DIR) + "/data";
  std::ifstream in(data + "/" + repl::kSchemaFileName);
  std::ostringstream text;
  text << in.rdbuf();
  load::Schema schema;
  Status s = load::Schema::parse(text.str(), "data/schema.pg", &schema);
  INFO(s.to_string());
  REQUIRE(s.ok());
  load::ImportOptions options;
  options.schema = &schema;
  load::ImportStats stats;
  s = db.import_files(repl::bundled_data_files(data), options, &stats);
  INFO(s.to_string());
  REQUIRE(s.ok());
}

// A writable syllabus graph of the caller's own, in `dir` (which must not
// hold a database yet).
inline std::unique_ptr<Database> scratch_syllabus_db(const std::string& dir) {
  auto db = open_db(dir);
  import_syllabus(*db);
  return db;
}

inline Database& syllabus_db() {
  static TempDir* dir = new TempDir();  // outlives the database below
  static std::unique_ptr<Database> db = scratch_syllabus_db(dir->sub("syllabus"));
  return *db;
}

}  // namespace mlkg::test

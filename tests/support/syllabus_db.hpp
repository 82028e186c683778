#pragma once
// The bundled syllabus graph (data/ with data/schema.pg), imported once per
// test process into a temporary directory and shared by every test that
// reads it. Tests must not write to it.

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

inline Database& syllabus_db() {
  static TempDir* dir = new TempDir();  // outlives the database below
  static std::unique_ptr<Database> db = [] {
    auto d = open_db(dir->sub("syllabus"));
    const std::string data = std::string(MLKG_SOURCE_DIR) + "/data";
    std::ifstream in(data + "/" + repl::kSchemaFileName);
    std::ostringstream text;
    text << in.rdbuf();
    static load::Schema schema;
    Status s = load::Schema::parse(text.str(), "data/schema.pg", &schema);
    INFO(s.to_string());
    REQUIRE(s.ok());
    load::ImportOptions options;
    options.schema = &schema;
    load::ImportStats stats;
    s = d->import_files(repl::bundled_data_files(data), options, &stats);
    INFO(s.to_string());
    REQUIRE(s.ok());
    return d;
  }();
  return *db;
}

}  // namespace mlkg::test

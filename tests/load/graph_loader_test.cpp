#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/database.hpp"
#include "engine/storage/transaction.hpp"
#include "support/graph_dump.hpp"
#include "support/temp_dir.hpp"
#include "support/test_db.hpp"

using namespace mlkg;

namespace {

using test::open_db;

std::string write_file(const test::TempDir& dir, const std::string& name, const std::string& text) {
  std::string path = dir.sub(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

Status import(Database& db, const std::vector<std::string>& files, load::ImportStats* stats = nullptr) {
  load::ImportStats local;
  return db.import_files(files, load::ImportOptions{}, stats ? stats : &local);
}

void require_consistent(Database& db) {
  storage::CheckReport report;
  REQUIRE(db.check(&report).ok());
  std::string all;
  for (const auto& p : report.problems) all += p + "\n";
  INFO(all);
  REQUIRE(report.ok());
}

}  // namespace

TEST_CASE("import: PG nodes and edges become nodes with an id property and typed relationships", "[load]") {
  test::TempDir dir;
  auto db = open_db(dir.sub("db"));
  std::string f = write_file(dir, "g.pg",
                             "firehose :Service name:\"Amazon Data Firehose\" aliases:KDF,Firehose\n"
                             "firehose -> s3 :DELIVERS_TO source:aws-docs\n"
                             "s3 :Service :Storage name:\"Amazon S3\" tier:1 ratio:0.5 serverless:true\n"
                             "e9: s3 -- efs :ALTERNATIVE_TO\n");
  load::ImportStats stats;
  Status s = import(*db, {f}, &stats);
  INFO(s.to_string());
  REQUIRE(s.ok());
  REQUIRE(stats.nodes_created == 3);  // efs is implicit
  REQUIRE(stats.relationships_created == 2);
  REQUIRE(stats.undirected_edges == 1);
  REQUIRE(test::canonical_dump(db->store()) ==
          "node 'efs' {}\n"
          "node 'firehose' :Service {aliases=['KDF', 'Firehose']:[STRING,STRING,]::LIST;name='Amazon Data Firehose'::STRING;}\n"
          "node 's3' :Service :Storage {name='Amazon S3'::STRING;ratio=0.5::FLOAT;serverless=true::BOOLEAN;tier=1::INTEGER;}\n"
          "rel 'firehose' -> 's3' :DELIVERS_TO {source='aws-docs'::STRING;}\n"
          "rel 's3' -- 'efs' :ALTERNATIVE_TO {id='e9'::STRING;}\n");
  require_consistent(*db);
}

TEST_CASE("import: a repeated node id merges labels and appends values, across files too", "[load]") {
  test::TempDir dir;
  auto db = open_db(dir.sub("db"));
  std::string a = write_file(dir, "a.pg", "x :A k:1\nx :B k:2\n");
  std::string b = write_file(dir, "b.pg", "x :A k:3 other:\"o\"\n");
  REQUIRE(import(*db, {a, b}).ok());
  REQUIRE(test::canonical_dump(db->store()) ==
          "node 'x' :A :B {k=[1, 2, 3]:[INTEGER,INTEGER,INTEGER,]::LIST;other='o'::STRING;}\n");
}

TEST_CASE("import: nodes already in the database gain labels, and imported properties replace theirs", "[load]") {
  test::TempDir dir;
  auto db = open_db(dir.sub("db"));
  REQUIRE(import(*db, {write_file(dir, "a.pg", "s3 :Service name:S3 tier:1\nkms :Service\n")}).ok());
  load::ImportStats stats;
  REQUIRE(import(*db, {write_file(dir, "b.pg", "s3 :Storage name:\"Amazon S3\"\nkms -> s3 :SECURES\n")}, &stats).ok());
  REQUIRE(stats.nodes_created == 0);
  REQUIRE(stats.nodes_updated == 1);  // kms is only named by the edge: unchanged
  REQUIRE(test::canonical_dump(db->store()) ==
          "node 'kms' :Service {}\n"
          "node 's3' :Service :Storage {name='Amazon S3'::STRING;tier=1::INTEGER;}\n"
          "rel 'kms' -> 's3' :SECURES {}\n");
  require_consistent(*db);
}

TEST_CASE("import: a syntax error anywhere names file, line and column, and nothing is written", "[load]") {
  test::TempDir dir;
  auto db = open_db(dir.sub("db"));
  std::string good = write_file(dir, "good.pg", "a :A\nb :B\na -> b :R\n");
  std::string bad = write_file(dir, "bad.pg", "c :C\nc -> d :R x\n");
  Status s = import(*db, {good, bad});
  REQUIRE(s.code() == Status::Code::kInvalidArgument);
  INFO(s.message());
  REQUIRE(s.message().rfind(bad + ":2:11: ", 0) == 0);
  REQUIRE(s.message().find("\nc -> d :R x\n          ^") != std::string::npos);
  REQUIRE(test::canonical_dump(db->store()).empty());
  REQUIRE_FALSE(db->store().catalog()->find_label("A"));  // no names either
  require_consistent(*db);
}

TEST_CASE("import: an edge with two labels or a node property named id is refused with its place", "[load]") {
  test::TempDir dir;
  auto db = open_db(dir.sub("db"));
  SECTION("two labels") {
    std::string f = write_file(dir, "two.pg", "a :A\na -> b :R :S\n");
    Status s = import(*db, {f});
    INFO(s.message());
    REQUIRE(s.message().rfind(f + ":2:12: this edge has 2 labels", 0) == 0);
    REQUIRE(s.message().find("a -> b :R :S\n           ^") != std::string::npos);
  }
  SECTION("a property id") {
    std::string f = write_file(dir, "id.pg", "a :A id:5\n");
    Status s = import(*db, {f});
    INFO(s.message());
    REQUIRE(s.message().rfind(f + ":1:6: a node property may not be called 'id'", 0) == 0);
  }
  REQUIRE(test::canonical_dump(db->store()).empty());
}

TEST_CASE("import: edges without a label get the default type", "[load]") {
  test::TempDir dir;
  auto db = open_db(dir.sub("db"));
  load::ImportOptions options;
  options.default_type = "LINKS";
  load::ImportStats stats;
  REQUIRE(db->import_files({write_file(dir, "g.pg", "a -> b\n")}, options, &stats).ok());
  REQUIRE(stats.edges_given_default_type == 1);
  REQUIRE(test::canonical_dump(db->store()) == "node 'a' {}\nnode 'b' {}\nrel 'a' -> 'b' :LINKS {}\n");
}

TEST_CASE("import: PG-JSON and PG-JSONL files load like PG", "[load]") {
  test::TempDir dir;
  auto from_pg = open_db(dir.sub("pg"));
  auto from_json = open_db(dir.sub("json"));
  auto from_jsonl = open_db(dir.sub("jsonl"));
  REQUIRE(import(*from_pg, {write_file(dir, "g.pg", "a :A n:1,2.5\nb\na -> b :R w:x\n")}).ok());
  REQUIRE(import(*from_json, {write_file(dir, "g.json",
                                         R"({"nodes":[{"id":"a","labels":["A"],"properties":{"n":[1,2.5]}},)"
                                         R"({"id":"b","labels":[],"properties":{}}],)"
                                         R"("edges":[{"from":"a","to":"b","labels":["R"],"properties":{"w":["x"]}}]})")})
              .ok());
  REQUIRE(import(*from_jsonl,
                 {write_file(dir, "g.jsonl",
                             "{\"type\":\"node\",\"id\":\"a\",\"labels\":[\"A\"],\"properties\":{\"n\":[1,2.5]}}\n"
                             "{\"type\":\"node\",\"id\":\"b\",\"labels\":[],\"properties\":{}}\n"
                             "{\"type\":\"edge\",\"from\":\"a\",\"to\":\"b\",\"labels\":[\"R\"],\"properties\":{\"w\":[\"x\"]}}\n")})
              .ok());
  REQUIRE(test::canonical_dump(from_pg->store()) == test::canonical_dump(from_json->store()));
  REQUIRE(test::canonical_dump(from_pg->store()) == test::canonical_dump(from_jsonl->store()));
}

TEST_CASE("import: the id index finds nodes created before it existed, and duplicate ids stop the import", "[load]") {
  test::TempDir dir;
  auto db = open_db(dir.sub("db"));
  {
    std::unique_ptr<storage::WriteTransaction> txn;
    REQUIRE(db->store().begin_write(&txn).ok());
    REQUIRE(txn->create_node({}, {{txn->key_id("id"), Value("a")}}, nullptr).ok());
    REQUIRE(txn->commit().ok());
  }
  REQUIRE(import(*db, {write_file(dir, "g.pg", "a :A\n")}).ok());
  REQUIRE(test::canonical_dump(db->store()) == "node 'a' :A {}\n");
  require_consistent(*db);

  auto other = open_db(dir.sub("dup"));
  {
    std::unique_ptr<storage::WriteTransaction> txn;
    REQUIRE(other->store().begin_write(&txn).ok());
    REQUIRE(txn->create_node({}, {{txn->key_id("id"), Value("x")}}, nullptr).ok());
    REQUIRE(txn->create_node({}, {{txn->key_id("id"), Value("x")}}, nullptr).ok());
    REQUIRE(txn->commit().ok());
  }
  Status s = import(*other, {write_file(dir, "h.pg", "x :A\n")});
  REQUIRE(s.code() == Status::Code::kInvalidArgument);
  REQUIRE(s.message().find("both have id 'x'") != std::string::npos);
}

TEST_CASE("import: a missing file is an error naming it", "[load]") {
  test::TempDir dir;
  auto db = open_db(dir.sub("db"));
  Status s = import(*db, {dir.sub("nope.pg")});
  REQUIRE(s.code() == Status::Code::kIOError);
  REQUIRE(s.message().find("nope.pg") != std::string::npos);
}

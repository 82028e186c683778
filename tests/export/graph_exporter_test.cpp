#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/database.hpp"
#include "engine/load/pg_document.hpp"
#include "engine/storage/transaction.hpp"
#include "repl/default_database.hpp"
#include "support/graph_dump.hpp"
#include "support/temp_dir.hpp"
#include "support/test_db.hpp"

using namespace mlkg;

namespace {

using test::open_db;

std::string export_text(Database& db, exporter::ExportFormat format, exporter::ExportStats* stats = nullptr) {
  std::ostringstream out;
  exporter::ExportStats local;
  REQUIRE(db.export_graph(format, out, stats ? stats : &local).ok());
  return out.str();
}

// Exports `db` in `format`, imports the result into a fresh database, and
// returns that database.
std::unique_ptr<Database> round_trip(Database& db, exporter::ExportFormat format, const test::TempDir& dir,
                                     const std::string& name) {
  const char* ext = format == exporter::ExportFormat::kPg ? ".pg"
                    : format == exporter::ExportFormat::kPgJson ? ".json" : ".jsonl";
  std::string file = dir.sub(name + ext);
  std::ofstream(file, std::ios::binary) << export_text(db, format);
  auto back = open_db(dir.sub(name));
  load::ImportStats stats;
  Status s = back->import_files({file}, load::ImportOptions{}, &stats);
  INFO(s.to_string());
  REQUIRE(s.ok());
  return back;
}

}  // namespace

TEST_CASE("export: the syllabus graph survives pg, pgjson and pgjsonl round trips unchanged", "[export]") {
  test::TempDir dir;
  auto db = open_db(dir.sub("db"));
  load::ImportStats stats;
  REQUIRE(db->import_files(repl::bundled_data_files(MLKG_SOURCE_DIR "/data"), load::ImportOptions{}, &stats).ok());
  REQUIRE(stats.nodes_created > 40);
  std::string original = test::canonical_dump(db->store());
  for (auto format : {exporter::ExportFormat::kPg, exporter::ExportFormat::kPgJson, exporter::ExportFormat::kPgJsonl}) {
    auto back = round_trip(*db, format, dir, "rt" + std::to_string(static_cast<int>(format)));
    REQUIRE(test::canonical_dump(back->store()) == original);
    // And a second trip gives the same text as the first.
    auto again = round_trip(*back, format, dir, "rt2" + std::to_string(static_cast<int>(format)));
    REQUIRE(test::canonical_dump(again->store()) == original);
  }
}

TEST_CASE("export: awkward values, ids and undirected edges survive a PG round trip", "[export]") {
  test::TempDir dir;
  auto db = open_db(dir.sub("db"));
  std::string file = dir.sub("g.pg");
  std::ofstream(file) << "\"a b\" :\"x:y\" s:\"line\\nbreak\" q:\"'\\\"\" n:\"12\" t:\"true\" f:1.0 big:9007199254740993\n"
                         "\"a b\" -- \"#c\" :R w:-0.5,\"x\"\n"
                         "e:1: \"#c\" -> \"a b\" :R\n";
  load::ImportStats stats;
  Status s = db->import_files({file}, load::ImportOptions{}, &stats);
  INFO(s.to_string());
  REQUIRE(s.ok());
  std::string original = test::canonical_dump(db->store());
  REQUIRE(original.find("f=1.0::FLOAT") != std::string::npos);
  REQUIRE(original.find("n='12'::STRING") != std::string::npos);
  auto back = round_trip(*db, exporter::ExportFormat::kPg, dir, "back");
  REQUIRE(test::canonical_dump(back->store()) == original);
}

TEST_CASE("export: what PG cannot hold is reported, and the export still loads", "[export]") {
  test::TempDir dir;
  auto db = open_db(dir.sub("db"));
  {
    std::unique_ptr<storage::WriteTransaction> txn;
    REQUIRE(db->store().begin_write(&txn).ok());
    auto k = txn->key_id("k");
    storage::NodeId a, b;
    REQUIRE(txn->create_node({txn->label_id("A")}, {{k, Value(ValueList{})}}, &a).ok());
    REQUIRE(txn->create_node({}, {{k, Value(std::nan(""))}, {txn->key_id("id"), Value(int64_t{7})}}, &b).ok());
    REQUIRE(txn->create_rel(txn->type_id("R"), a, b, {}, false, nullptr).ok());
    REQUIRE(txn->commit().ok());
  }
  exporter::ExportStats stats;
  std::string text = export_text(*db, exporter::ExportFormat::kPg, &stats);
  std::string notes;
  for (const auto& n : stats.notes) notes += n + "\n";
  INFO(notes);
  REQUIRE(notes.find("empty lists") != std::string::npos);
  REQUIRE(notes.find("NaN") != std::string::npos);
  REQUIRE(notes.find("no usable id") != std::string::npos);
  REQUIRE(notes.find("integer id") != std::string::npos);
  REQUIRE(stats.nodes == 2);
  REQUIRE(stats.relationships == 1);
  // The generated ids are real PG, and the file loads.
  load::PgDocument doc;
  load::PgDocumentBuilder builder(&doc);
  REQUIRE(load::parse_pg(text, builder).ok());
  REQUIRE(doc.nodes().size() == 2);
  REQUIRE(doc.edges().size() == 1);
}

TEST_CASE("export: strings that are not valid UTF-8 do not stop a JSON export", "[export]") {
  test::TempDir dir;
  auto db = open_db(dir.sub("db"));
  {
    std::unique_ptr<storage::WriteTransaction> txn;
    REQUIRE(db->store().begin_write(&txn).ok());
    REQUIRE(txn->create_node({}, {{txn->key_id("id"), Value("a")}, {txn->key_id("s"), Value("bad \xff byte")}}, nullptr)
                .ok());
    REQUIRE(txn->commit().ok());
  }
  for (auto format : {exporter::ExportFormat::kPgJson, exporter::ExportFormat::kPgJsonl}) {
    std::string text = export_text(*db, format);
    REQUIRE(text.find("bad \xef\xbf\xbd byte") != std::string::npos);  // U+FFFD in place of the byte
  }
}

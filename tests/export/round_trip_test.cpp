// Round trips: a graph exported in a format mlkg reads, then imported (or,
// for Cypher, run) into an empty database, comes back identical: the same
// labels, types, properties with their value types (a one-element list stays
// a list), directions and counts (test::canonical_dump).

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/database.hpp"
#include "engine/load/schema.hpp"
#include "engine/query/parser/parser.hpp"
#include "repl/default_database.hpp"
#include "support/graph_dump.hpp"
#include "support/syllabus_db.hpp"
#include "support/temp_dir.hpp"
#include "support/test_db.hpp"

using namespace mlkg;

namespace {

using exporter::ExportFormat;

exporter::ExportStats export_to(Database& db, ExportFormat format, const std::string& path) {
  exporter::ExportOptions options;
  options.format = format;
  options.path = path;
  exporter::ExportStats stats;
  Status s = db.export_graph(options, std::nullopt, {}, &stats);
  INFO(s.to_string());
  REQUIRE(s.ok());
  return stats;
}

std::unique_ptr<Database> import_into(const std::string& dir, const std::vector<std::string>& files,
                                      const load::Schema* schema = nullptr) {
  auto db = test::open_db(dir);
  load::ImportOptions options;
  options.schema = schema;
  load::ImportStats stats;
  Status s = db->import_files(files, options, &stats);
  INFO(s.to_string());
  REQUIRE(s.ok());
  return db;
}

// Runs every statement of a Cypher script, as `mlkg -f` does.
void run_script(Database& db, const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  for (const auto& statement : query::parse_script(text.str())) {
    try {
      db.execute(statement);
    } catch (const query::QueryError& e) {
      FAIL(e.what());
    }
  }
}

load::Schema syllabus_schema() {
  std::ifstream in(std::string(MLKG_SOURCE_DIR) + "/data/" + repl::kSchemaFileName);
  std::ostringstream text;
  text << in.rdbuf();
  load::Schema schema;
  REQUIRE(load::Schema::parse(text.str(), "schema.pg", &schema).ok());
  return schema;
}

// A small graph with the values formats find hard.
void build_awkward_graph(Database& db) {
  db.execute(
      "CREATE (a:Service:Feature {id: 'a b', name: '  padded  ', text: 'line1\\nline2\\r\\nline3\\ttab', quote: "
      "'say \"hi\", then; go', empty: '', one: ['only'], ints: [1, -2, 3], floats: [0.5, 1.0e100], flag: true, "
      "big: 9007199254740993, neg: -0.25, number: 1, xml: '<&>'})"
      "-[:USES {weight: 0.5, note: 'a,b', number: 2}]->"
      "(b:Concept {id: 'c:1', number: '1.1', flag: false, label: 'a label', labels: 'not labels'})");
  db.execute("MATCH (b {id: 'c:1'}) CREATE (b)-[:RELATED_TO {label: 'typed', id: 'r1'}]->(:Thing {id: '#3', number: 2.5})");
}

}  // namespace

TEST_CASE("round trip: the syllabus graph through pg, pgjson, pgjsonl, graphml, neo4j-csv and cypher comes back "
          "identical",
          "[export][roundtrip]") {
  Database& syllabus = test::syllabus_db();
  const std::string original = test::canonical_dump(syllabus.store());
  REQUIRE(original.size() > 10000);
  test::TempDir dir;
  const load::Schema schema = syllabus_schema();

  SECTION("pg, pgjson, pgjsonl: lists of one value come back as lists through the schema, as the syllabus loads") {
    for (auto [format, ext] : {std::pair{ExportFormat::kPg, ".pg"}, std::pair{ExportFormat::kPgJson, ".json"},
                               std::pair{ExportFormat::kPgJsonl, ".jsonl"}}) {
      const std::string file = dir.sub(std::string("syllabus") + ext);
      export_to(syllabus, format, file);
      auto back = import_into(dir.sub(std::string("db") + ext), {file}, &schema);
      REQUIRE(test::canonical_dump(back->store()) == original);
    }
  }
  SECTION("graphml, without a schema") {
    const std::string file = dir.sub("syllabus.graphml");
    auto stats = export_to(syllabus, ExportFormat::kGraphml, file);
    REQUIRE(stats.nodes == 862);
    auto back = import_into(dir.sub("db"), {file});
    REQUIRE(test::canonical_dump(back->store()) == original);
  }
  SECTION("neo4j-csv, without a schema, from a directory") {
    auto stats = export_to(syllabus, ExportFormat::kNeo4jCsv, dir.sub("csv/"));
    REQUIRE(stats.files.size() > 10);
    auto back = import_into(dir.sub("db"), {dir.sub("csv")});
    REQUIRE(test::canonical_dump(back->store()) == original);
  }
  SECTION("cypher, run by mlkg into an empty database") {
    const std::string file = dir.sub("syllabus.cypher");
    export_to(syllabus, ExportFormat::kCypher, file);
    auto back = test::open_db(dir.sub("db"), storage::Access::kExclusive);  // as `mlkg -f` opens it
    run_script(*back, file);
    REQUIRE(test::canonical_dump(back->store()) == original);
  }
}

TEST_CASE("round trip: awkward values (spaces, line breaks, quotes, separators, mixed types, one-element lists) "
          "survive graphml, neo4j-csv and cypher",
          "[export][roundtrip]") {
  test::TempDir dir;
  auto db = test::open_db(dir.sub("source"));
  build_awkward_graph(*db);
  const std::string original = test::canonical_dump(db->store());
  REQUIRE(original.find("one=['only']:[STRING,]::LIST") != std::string::npos);
  REQUIRE(original.find("text='line1\\nline2\\r\\nline3\\ttab'") != std::string::npos);

  SECTION("graphml") {
    exporter::ExportStats stats = export_to(*db, ExportFormat::kGraphml, dir.sub("g.graphml"));
    std::string notes;
    for (const auto& n : stats.notes) notes += n + "\n";
    INFO(notes);
    CHECK(notes.find("list values were written as JSON text") != std::string::npos);
    CHECK(notes.find("shared a key with values of another type") != std::string::npos);
    CHECK(notes.find("relationship properties called 'label' were written as '_label'") != std::string::npos);
    auto back = import_into(dir.sub("db"), {dir.sub("g.graphml")});
    REQUIRE(test::canonical_dump(back->store()) == original);
  }
  SECTION("neo4j-csv: exact where each file's columns have one type") {
    exporter::ExportStats stats = export_to(*db, ExportFormat::kNeo4jCsv, dir.sub("csv/"));
    std::string notes;
    for (const auto& n : stats.notes) notes += n + "\n";
    INFO(notes);
    CHECK(notes.find("line breaks") != std::string::npos);
    auto back = import_into(dir.sub("db"), {dir.sub("csv")});
    REQUIRE(test::canonical_dump(back->store()) == original);
  }
  SECTION("cypher") {
    export_to(*db, ExportFormat::kCypher, dir.sub("g.cypher"));
    auto back = test::open_db(dir.sub("db"));
    run_script(*back, dir.sub("g.cypher"));
    REQUIRE(test::canonical_dump(back->store()) == original);
  }
}

TEST_CASE("round trip: the cypher script loads into a database that already holds some of its nodes, and leaves "
          "them as they were",
          "[export][roundtrip]") {
  test::TempDir dir;
  auto db = test::open_db(dir.sub("source"));
  db->execute("CREATE (:Service {id: 's3', name: 'Amazon S3'})<-[:DELIVERS_TO]-(:Service {id: 'firehose', name: 'Amazon Data Firehose'})");
  export_to(*db, ExportFormat::kCypher, dir.sub("g.cypher"));
  auto target = test::open_db(dir.sub("target"));
  target->execute("CREATE (:Service {id: 's3', name: 'S3, already here'})");
  run_script(*target, dir.sub("g.cypher"));
  auto r = target->execute("MATCH (n:Service) RETURN n.id, n.name ORDER BY n.id");
  REQUIRE(r.rows.size() == 2);
  CHECK(r.rows[1][1].as_string() == "S3, already here");
  r = target->execute("MATCH (:Service {id: 'firehose'})-[:DELIVERS_TO]->(s {id: 's3'}) RETURN count(*)");
  CHECK(r.rows[0][0].as_int() == 1);
}

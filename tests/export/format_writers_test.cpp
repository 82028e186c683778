// What each writer puts in its file, on a small graph: the syntax of
// section (c) of the formats reference, the conventions each header states,
// stable output, and the notes on what a format could not carry.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "engine/database.hpp"
#include "support/temp_dir.hpp"
#include "support/test_db.hpp"

using namespace mlkg;
using exporter::ExportFormat;

namespace {

// s3 and firehose (Service), a Concept with two labels, an undirected edge.
std::unique_ptr<Database> small_graph(const test::TempDir& dir) {
  auto db = test::open_db(dir.sub("db"));
  std::ofstream(dir.sub("g.pg")) << "s3 :Service name:\"Amazon S3\" aliases:S3,\"Simple Storage\" tier:1\n"
                                    "firehose :Service name:\"Amazon Data Firehose\" tier:2.5\n"
                                    "streaming :Concept :Topic name:\"Streaming \\\"data\\\"\" flag:true\n"
                                    "firehose -> s3 :DELIVERS_TO weight:0.5 source:docs\n"
                                    "s3 -- streaming :RELATED_TO\n";
  load::ImportStats stats;
  Status s = db->import_files({dir.sub("g.pg")}, load::ImportOptions{}, &stats);
  INFO(s.to_string());
  REQUIRE(s.ok());
  return db;
}

std::string export_text(Database& db, ExportFormat format, exporter::ExportStats* stats = nullptr,
                        std::optional<std::string> query = std::nullopt) {
  std::ostringstream out;
  exporter::ExportOptions options;
  options.format = format;
  options.out = &out;
  exporter::ExportStats local;
  Status s = db.export_graph(options, query, {}, stats ? stats : &local);
  INFO(s.to_string());
  REQUIRE(s.ok());
  return out.str();
}

std::string notes_of(const exporter::ExportStats& stats) {
  std::string out;
  for (const auto& n : stats.notes) out += n + "\n";
  return out;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("writers: DOT draws labels, types on edges, colours by label, and is stable", "[export][writers]") {
  test::TempDir dir;
  auto db = small_graph(dir);
  exporter::ExportStats stats;
  const std::string dot = export_text(*db, ExportFormat::kDot, &stats);
  INFO(dot);
  CHECK(dot.rfind("// mlkg export: 3 nodes, 2 relationships\ndigraph mlkg {\n", 0) == 0);
  CHECK(has(dot, "\"s3\" [label=\"Amazon S3\\n:Service\", labels=\":Service\", fillcolor=\"#80b1d3\""));
  CHECK(has(dot, "\"streaming\" [label=\"Streaming \\\"data\\\"\\n:Concept:Topic\""));
  CHECK(has(dot, "\"firehose\" -> \"s3\" [label=\"DELIVERS_TO\", tooltip=\"source: docs\\nweight: 0.5\"];"));
  CHECK(has(dot, "\"s3\" -> \"streaming\" [label=\"RELATED_TO\", dir=none];"));
  CHECK(export_text(*db, ExportFormat::kDot) == dot);
  const std::string notes = notes_of(stats);
  CHECK(has(notes, "tooltip text"));
  CHECK(has(notes, "1 nodes had several labels; the first chose the colour"));
}

TEST_CASE("writers: GraphML has typed keys sorted by name, labels and label keys, and no data for absent values",
          "[export][writers]") {
  test::TempDir dir;
  auto db = small_graph(dir);
  exporter::ExportStats stats;
  const std::string xml = export_text(*db, ExportFormat::kGraphml, &stats);
  INFO(xml);
  CHECK(has(xml, "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""));
  CHECK(has(xml, "for=\"node\" attr.name=\"labels\" attr.type=\"string\""));
  CHECK(has(xml, "for=\"edge\" attr.name=\"label\" attr.type=\"string\""));
  CHECK(has(xml, "for=\"node\" attr.name=\"flag\" attr.type=\"boolean\""));
  CHECK(has(xml, "for=\"node\" attr.name=\"tier\" attr.type=\"double\""));  // 1 and 2.5
  CHECK(has(xml, "for=\"edge\" attr.name=\"weight\" attr.type=\"double\""));
  CHECK(has(xml, "for=\"graph\" attr.name=\"mlkg\""));
  CHECK(has(xml, ">:Concept:Topic</data>"));
  CHECK(has(xml, ">[&quot;S3&quot;,&quot;Simple Storage&quot;]</data>"));
  CHECK(has(xml, ">true</data>"));
  CHECK(!has(xml, "></data>"));  // no empty data for properties a node lacks
  // Keys come before the graph, sorted by name within each kind.
  CHECK(xml.find("attr.name=\"aliases\"") < xml.find("attr.name=\"flag\""));
  CHECK(xml.find("<key") < xml.find("<graph "));
  const std::string notes = notes_of(stats);
  CHECK(has(notes, "1 list values were written as JSON text"));
  CHECK(has(notes, "1 values shared a key"));  // tier 1, an integer in a double key
  CHECK(has(notes, "1 undirected relationships were written as directed edges"));
}

TEST_CASE("writers: GEXF 1.3 with a liststring labels attribute, list types and edge kinds", "[export][writers]") {
  test::TempDir dir;
  auto db = small_graph(dir);
  const std::string xml = export_text(*db, ExportFormat::kGexf);
  INFO(xml);
  CHECK(has(xml, "<gexf xmlns=\"http://gexf.net/1.3\""));
  CHECK(has(xml, "version=\"1.3\""));
  CHECK(has(xml, "<graph mode=\"static\" defaultedgetype=\"directed\">"));
  CHECK(has(xml, "<attribute id=\"0\" title=\"labels\" type=\"liststring\"/>"));
  CHECK(has(xml, "title=\"aliases\" type=\"liststring\""));
  CHECK(has(xml, "<node id=\"s3\" label=\"Amazon S3\">"));
  CHECK(has(xml, "<attvalue for=\"0\" value=\"[Concept, Topic]\"/>"));
  CHECK(has(xml, "value=\"[S3, Simple Storage]\""));
  CHECK(has(xml, "source=\"firehose\" target=\"s3\" label=\"DELIVERS_TO\" kind=\"DELIVERS_TO\""));
  CHECK(has(xml, "type=\"undirected\""));
}

TEST_CASE("writers: Cytoscape.js and JGF v2 are JSON in the shapes their readers expect", "[export][writers]") {
  test::TempDir dir;
  auto db = small_graph(dir);
  SECTION("cytoscape") {
    exporter::ExportStats stats;
    auto j = nlohmann::json::parse(export_text(*db, ExportFormat::kCytoscape, &stats));
    REQUIRE(j["elements"]["nodes"].size() == 3);
    REQUIRE(j["elements"]["edges"].size() == 2);
    std::set<std::string> ids;
    for (const auto& n : j["elements"]["nodes"]) {
      REQUIRE(n["data"]["id"].is_string());
      CHECK(n["data"]["value"] == n["data"]["id"]);
      ids.insert(n["data"]["id"].get<std::string>());
    }
    const auto& s3 = j["elements"]["nodes"][0]["data"];
    CHECK(s3["labels"] == nlohmann::json::array({"Service"}));
    CHECK(s3["aliases"] == nlohmann::json::array({"S3", "Simple Storage"}));
    CHECK(s3["tier"] == 1);
    for (const auto& e : j["elements"]["edges"]) {
      CHECK(ids.count(e["data"]["source"].get<std::string>()));
      CHECK(ids.count(e["data"]["target"].get<std::string>()));
      CHECK(!ids.count(e["data"]["id"].get<std::string>()));  // one id space with the nodes
    }
    const auto& delivers = j["elements"]["edges"][0]["data"];
    CHECK(delivers["type"] == "DELIVERS_TO");
    CHECK(delivers["_source"] == "docs");  // `source` is Cytoscape's
    CHECK(has(notes_of(stats), "written with '_' in front"));
  }
  SECTION("jgf") {
    auto j = nlohmann::json::parse(export_text(*db, ExportFormat::kJgf));
    REQUIRE(j["graph"]["nodes"].is_object());  // v2: keyed by id
    CHECK(j["graph"]["nodes"]["s3"]["label"] == "Amazon S3");
    CHECK(j["graph"]["nodes"]["s3"]["metadata"]["labels"] == nlohmann::json::array({"Service"}));
    CHECK(j["graph"]["nodes"]["streaming"]["metadata"]["flag"] == true);
    REQUIRE(j["graph"]["edges"].size() == 2);
    CHECK(j["graph"]["edges"][0]["relation"] == "DELIVERS_TO");
    CHECK(j["graph"]["edges"][0]["metadata"]["weight"] == 0.5);
    CHECK(j["graph"]["edges"][1]["directed"] == false);
  }
}

TEST_CASE("writers: the Cypher script creates nodes first, then matches them by label and id", "[export][writers]") {
  test::TempDir dir;
  auto db = small_graph(dir);
  exporter::ExportStats stats;
  const std::string script = export_text(*db, ExportFormat::kCypher, &stats);
  INFO(script);
  CHECK(has(script, "OPTIONAL MATCH (n:Service {id: 's3'}) WITH n WHERE n IS NULL CREATE (:Service {aliases: "
                    "['S3', 'Simple Storage'], id: 's3', name: 'Amazon S3', tier: 1});\n"));
  CHECK(has(script, "CREATE (:Concept:Topic {flag: true, id: 'streaming', name: 'Streaming \"data\"'});"));
  CHECK(has(script, "MATCH (a:Service {id: 'firehose'}), (b:Service {id: 's3'}) CREATE "
                    "(a)-[:DELIVERS_TO {source: 'docs', weight: 0.5}]->(b);\n"));
  CHECK(script.rfind("OPTIONAL MATCH") < script.find("\nMATCH"));
  CHECK(has(notes_of(stats), "1 undirected relationships were written as directed ones"));
}

TEST_CASE("writers: neo4j-csv needs files, and writes one typed header per label and type", "[export][writers]") {
  test::TempDir dir;
  auto db = small_graph(dir);
  std::ostringstream out;
  exporter::ExportOptions options;
  options.format = ExportFormat::kNeo4jCsv;
  options.out = &out;
  exporter::ExportStats stats;
  Status s = db->export_graph(options, std::nullopt, {}, &stats);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(has(s.message(), "name a directory"));
  options.out = nullptr;
  options.path = dir.sub("out/g-");
  std::filesystem::create_directories(dir.sub("out"));
  REQUIRE(db->export_graph(options, std::nullopt, {}, &stats).ok());
  auto slurp = [](const std::string& p) {
    std::ifstream in(p);
    std::ostringstream o;
    o << in.rdbuf();
    return o.str();
  };
  CHECK(stats.files.size() == 4);
  CHECK(slurp(dir.sub("out/g-nodes_Service.csv")) ==
        "id:ID,:LABEL,aliases:string[],name:string,tier:double\n"
        "\"s3\",Service,\"S3;Simple Storage\",\"Amazon S3\",1\n"
        "\"firehose\",Service,,\"Amazon Data Firehose\",2.5\n");
  CHECK(slurp(dir.sub("out/g-nodes_Concept_Topic.csv")) ==
        "id:ID,:LABEL,flag:boolean,name:string\n\"streaming\",Concept;Topic,true,\"Streaming \"\"data\"\"\"\n");
  CHECK(slurp(dir.sub("out/g-relationships_DELIVERS_TO.csv")) ==
        ":START_ID,:END_ID,:TYPE,source:string,weight:double\n\"firehose\",\"s3\",DELIVERS_TO,\"docs\",0.5\n");
  const std::string notes = notes_of(stats);
  CHECK(has(notes, "integers shared a column with floats"));
  CHECK(has(notes, "undirected relationships were written as directed ones"));
}

TEST_CASE("writers: Mermaid draws a flowchart with classes per label, and notes Mermaid's edge limit",
          "[export][writers]") {
  test::TempDir dir;
  auto db = small_graph(dir);
  const std::string chart = export_text(*db, ExportFormat::kMermaid);
  INFO(chart);
  CHECK(has(chart, "flowchart LR\n"));
  CHECK(has(chart, "  n0[\"Amazon S3<br/>:Service\"]\n"));
  CHECK(has(chart, "  n2[\"Streaming #quot;data#quot;<br/>:Concept:Topic\"]\n"));
  CHECK(has(chart, "  n1 -->|\"DELIVERS_TO\"| n0\n"));
  CHECK(has(chart, "  n0 ---|\"RELATED_TO\"| n2\n"));
  CHECK(has(chart, "  classDef L_Service fill:#80b1d3"));
  CHECK(has(chart, "  class n0,n1 L_Service\n"));
  auto big = test::open_db(dir.sub("big"));
  big->execute("UNWIND range(1, 501) AS i CREATE (:A {id: toString(i)})-[:R]->(:B)");
  exporter::ExportStats stats;
  export_text(*big, ExportFormat::kMermaid, &stats);
  CHECK(has(notes_of(stats), "501 relationships exceed Mermaid's default limit of 500 edges"));
}

TEST_CASE("writers: nodes without a usable id get generated keys, consistently across formats", "[export][writers]") {
  test::TempDir dir;
  auto db = test::open_db(dir.sub("db"));
  db->execute("CREATE (:A {name: 'no id'})-[:R]->(:B {id: 'same'}), (:C {id: 'same'}), (:D {id: 7})");
  exporter::ExportStats stats;
  const std::string pg = export_text(*db, ExportFormat::kPg, &stats);
  INFO(pg);
  CHECK(has(pg, "_1 :A name:\"no id\"\n"));
  CHECK(has(pg, "_2 :B _id:same\n"));  // both nodes called 'same' lose the key
  CHECK(has(pg, "\n7 :D\n"));
  CHECK(has(pg, "_1 -> _2 :R\n"));
  const std::string notes = notes_of(stats);
  CHECK(has(notes, "1 nodes had an integer id"));
  CHECK(has(notes, "3 nodes had no usable id"));
  const std::string cypher = export_text(*db, ExportFormat::kCypher);
  CHECK(has(cypher, "CREATE (:B {id: '_2', _id: 'same'})"));
  CHECK(has(cypher, "OPTIONAL MATCH (n:D {id: 7})"));
}

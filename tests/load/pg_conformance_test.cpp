// The PG format conformance suite (tests/load/pg-test-suite): valid cases give
// the expected PG-JSON, invalid cases are rejected with a located message,
// examples/NAME.pg gives examples/NAME.json. Every valid document also round
// trips through the three writers (PG, PG-JSON, PG-JSONL).

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/pg/pg_format.hpp"
#include "engine/load/pg_document.hpp"
#include "engine/load/pg_parser.hpp"

namespace {

using mlkg::Status;
using mlkg::load::parse_pg;
using mlkg::load::parse_pg_json;
using mlkg::load::parse_pg_jsonl;
using mlkg::load::PgDocument;
using mlkg::load::PgDocumentBuilder;
using mlkg::pg::PgEdge;
using mlkg::load::PgError;
using mlkg::pg::PgNode;
using mlkg::load::PgSink;
using Json = nlohmann::json;

const std::filesystem::path kSuite = std::filesystem::path(MLKG_SOURCE_DIR) / "tests/load/pg-test-suite";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  INFO("cannot read " << path.string());
  REQUIRE(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Builds the document and writes every statement, as delivered (before any
// merging), in the three formats.
class RecordingSink : public PgSink {
 public:
  Status on_node(const PgNode& node) override {
    doc.add_node(node);
    mlkg::pg::append_pg_node(&pg, node);
    mlkg::pg::append_pg_jsonl_node(&jsonl, node);
    json["nodes"].push_back(mlkg::pg::pg_node_to_json(node));
    return Status();
  }
  Status on_edge(const PgEdge& edge) override {
    doc.add_edge(edge);
    mlkg::pg::append_pg_edge(&pg, edge);
    mlkg::pg::append_pg_jsonl_edge(&jsonl, edge);
    json["edges"].push_back(mlkg::pg::pg_edge_to_json(edge));
    return Status();
  }

  PgDocument doc;
  std::string pg;
  std::string jsonl;
  Json json = {{"nodes", Json::array()}, {"edges", Json::array()}};
};

// PG-JSON made comparable by value: nodes as an object keyed by id, labels
// sorted (PG-JSON says they should be; PgDocument keeps them as written),
// numbers as doubles (2000 == 2000.0), "undirected": false dropped.
Json normalize_value(const Json& v) { return v.is_number() ? Json(v.get<double>()) : v; }

Json normalize_element(const Json& element) {
  Json out = element;
  std::vector<std::string> labels = element.value("labels", std::vector<std::string>{});
  std::sort(labels.begin(), labels.end());
  out["labels"] = labels;
  out["properties"] = Json::object();
  const Json properties = element.value("properties", Json::object());
  for (const auto& [key, values] : properties.items()) {
    for (const Json& v : values) out["properties"][key].push_back(normalize_value(v));
  }
  if (out.contains("undirected") && !out["undirected"].get<bool>()) out.erase("undirected");
  return out;
}

Json normalize(const Json& graph) {
  Json nodes = Json::object();
  for (const Json& node : graph.at("nodes")) nodes[node.at("id").get<std::string>()] = normalize_element(node);
  Json edges = Json::array();
  for (const Json& edge : graph.at("edges")) edges.push_back(normalize_element(edge));
  return {{"nodes", nodes}, {"edges", edges}};
}

// Parses a document that must be valid; returns what the recording sink saw.
void parse_valid(const std::string& pg, RecordingSink* sink) {
  PgError error;
  const Status status = parse_pg(pg, *sink, {}, &error);
  INFO(error.to_string());
  REQUIRE(status.ok());
}

// The written forms read back to the same document (exact types).
void check_round_trip(const RecordingSink& sink) {
  const std::string want = sink.doc.to_pg_json().dump();
  struct Reader {
    const char* name;
    Status (*parse)(std::string_view, PgSink&, const mlkg::load::PgParseOptions&, PgError*);
    std::string text;
  };
  const Reader readers[] = {{"PG", parse_pg, sink.pg},
                            {"PG-JSONL", parse_pg_jsonl, sink.jsonl},
                            {"PG-JSON", parse_pg_json, sink.json.dump()}};
  for (const Reader& reader : readers) {
    INFO(reader.name << " written:\n" << reader.text);
    PgDocument doc;
    PgDocumentBuilder builder(&doc);
    PgError error;
    const Status status = reader.parse(reader.text, builder, {}, &error);
    INFO(error.to_string());
    REQUIRE(status.ok());
    CHECK(doc.to_pg_json().dump() == want);
  }
}

}  // namespace

TEST_CASE("pg conformance: every valid case parses to its expected graph and round trips", "[pg][conformance]") {
  const Json cases = Json::parse(read_file(kSuite / "pg-format-valid.json"));
  REQUIRE(cases.size() >= 30);
  size_t with_graph = 0;
  for (const Json& c : cases) {
    const std::string pg = c.at("pg").get<std::string>();
    INFO("case: " << Json(pg).dump() << " (" << c.value("about", "") << ")");
    RecordingSink sink;
    parse_valid(pg, &sink);
    if (c.contains("graph")) {
      ++with_graph;
      CHECK(normalize(sink.doc.to_pg_json()).dump(1) == normalize(c.at("graph")).dump(1));
    }
    check_round_trip(sink);
  }
  CHECK(with_graph >= 15);
}

TEST_CASE("pg conformance: every invalid case is rejected with line, column and what was expected",
          "[pg][conformance]") {
  const Json cases = Json::parse(read_file(kSuite / "pg-format-invalid.json"));
  REQUIRE(cases.size() >= 40);
  for (const auto& [pg, reason] : cases.items()) {
    INFO("case: " << Json(pg).dump() << " (" << reason.get<std::string>() << ")");
    PgDocument doc;
    PgDocumentBuilder builder(&doc);
    PgError error;
    const Status status = parse_pg(pg, builder, {"case.pg", {}}, &error);
    REQUIRE(status.code() == Status::Code::kInvalidArgument);
    INFO(error.to_string());
    CHECK(error.source_name == "case.pg");
    CHECK(error.location.line >= 1);
    CHECK(error.location.column >= 1);
    CHECK(error.message.find("expected ") != std::string::npos);
    const std::string prefix = "case.pg:" + std::to_string(error.location.line) + ":" +
                               std::to_string(error.location.column) + ": ";
    CHECK(status.message() == prefix + error.message);
  }
}

TEST_CASE("pg conformance: every example NAME.pg gives NAME.json and round trips", "[pg][conformance]") {
  size_t examples = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kSuite / "examples")) {
    if (entry.path().extension() != ".pg") continue;
    std::filesystem::path expected = entry.path();
    expected.replace_extension(".json");
    if (!std::filesystem::exists(expected)) continue;
    ++examples;
    INFO("example: " << entry.path().filename());
    RecordingSink sink;
    parse_valid(read_file(entry.path()), &sink);
    CHECK(normalize(sink.doc.to_pg_json()).dump(1) == normalize(Json::parse(read_file(expected))).dump(1));
    check_round_trip(sink);
  }
  CHECK(examples == 9);
}

// libFuzzer target for the PG readers and writers (docs/fuzzing.md).
//
// For arbitrary bytes: parse_pg, parse_pg_json and parse_pg_jsonl must not
// crash, leak or hit undefined behaviour, and a syntax error from parse_pg
// must carry a line and column. Whatever one of them accepts is written back
// statement by statement with the PG, PG-JSON and PG-JSONL writers, and each
// written form must read back to the same document; the PG form must also be
// a fixed point of write(parse(...)). Then the input itself, taken as one
// string (and as a number, when it is one), is put in every place of a node
// and an edge, written as PG and read back: this tries the writer's quoting
// on any string, not only on those the parsers let through. Any mismatch
// aborts with both sides.

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/pg/pg_format.hpp"
#include "engine/load/pg_document.hpp"
#include "engine/load/pg_parser.hpp"

namespace {

using mlkg::Status;
using mlkg::Value;
using mlkg::load::PgDocument;
using mlkg::pg::PgEdge;
using mlkg::load::PgError;
using mlkg::pg::PgNode;
using mlkg::load::PgParseOptions;
using mlkg::load::PgSink;
using Json = nlohmann::json;
using Parser = Status (*)(std::string_view, PgSink&, const PgParseOptions&, PgError*);

// Builds the document and writes every statement, as delivered, in the three
// formats.
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

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

[[noreturn]] void fail(const char* what, std::string_view input, const std::string& detail) {
  std::fprintf(stderr, "pg_parser_fuzz: %s\ninput: %s\n%s\n", what, dump(Json(std::string(input))).c_str(),
               detail.c_str());
  std::abort();
}

// Parses `text`, which was written by our writers, into a recording sink;
// aborts if it does not parse.
void read_back(Parser parser, const char* name, std::string_view input, const std::string& text,
               RecordingSink* sink) {
  PgError error;
  const Status status = parser(text, *sink, {}, &error);
  if (!status.ok()) {
    fail("written output does not read back", input,
         std::string(name) + " written:\n" + text + "\nerror: " + error.to_string());
  }
}

// The three written forms of `sink` read back to its document.
void check_round_trip(std::string_view input, const RecordingSink& sink) {
  const std::string want = dump(sink.doc.to_pg_json());
  RecordingSink from_pg, from_jsonl, from_json;
  read_back(mlkg::load::parse_pg, "PG", input, sink.pg, &from_pg);
  read_back(mlkg::load::parse_pg_jsonl, "PG-JSONL", input, sink.jsonl, &from_jsonl);
  read_back(mlkg::load::parse_pg_json, "PG-JSON", input, dump(sink.json), &from_json);
  const std::pair<const char*, const RecordingSink*> reads[] = {
      {"PG", &from_pg}, {"PG-JSONL", &from_jsonl}, {"PG-JSON", &from_json}};
  for (const auto& [name, read] : reads) {
    const std::string got = dump(read->doc.to_pg_json());
    if (got != want) fail("round trip changed the document", input, std::string(name) + "\nwant: " + want + "\ngot:  " + got);
  }
  if (from_pg.pg != sink.pg) fail("PG output is not a fixed point", input, "first:\n" + sink.pg + "second:\n" + from_pg.pg);
}

// Keeps a copy of every statement.
class CaptureSink : public PgSink {
 public:
  Status on_node(const PgNode& node) override {
    nodes.push_back(node);
    return Status();
  }
  Status on_edge(const PgEdge& edge) override {
    edges.push_back(edge);
    return Status();
  }
  std::vector<PgNode> nodes;
  std::vector<PgEdge> edges;
};

bool is_utf8(std::string_view s) {
  try {
    (void)Json(std::string(s)).dump();
    return true;
  } catch (const Json::exception&) {
    return false;
  }
}

// `value` as a property value, `name` as every identifier of a node and an
// edge: written as PG, both statements read back the same.
void check_statement_round_trip(std::string_view input, const std::string& name, const Value& value) {
  PgNode node;
  node.id = name;
  node.labels = {name};
  node.properties = {{name, {value, value}, {}}};
  PgEdge edge;
  edge.id = name;
  edge.from = name;
  edge.to = name;
  edge.labels = node.labels;
  edge.properties = node.properties;
  std::string pg;
  mlkg::pg::append_pg_node(&pg, node);
  mlkg::pg::append_pg_edge(&pg, edge);
  CaptureSink read;
  PgError error;
  if (!mlkg::load::parse_pg(pg, read, {}, &error).ok()) {
    fail("written statement does not read back", input, "PG written:\n" + pg + "error: " + error.to_string());
  }
  if (read.nodes.size() != 1 || read.edges.size() != 1) fail("written statements read back wrong", input, pg);
  const PgNode& n = read.nodes[0];
  const PgEdge& e = read.edges[0];
  const bool same = n.id == name && n.labels == node.labels && n.properties.size() == 1 &&
                    n.properties[0].key == name && n.properties[0].values == node.properties[0].values &&
                    e.id == edge.id && e.from == name && e.to == name && e.directed && e.labels == edge.labels &&
                    e.properties.size() == 1 && e.properties[0].key == name &&
                    e.properties[0].values == edge.properties[0].values;
  if (!same) fail("written statement reads back different", input, "PG written:\n" + pg);
}

void check_writer_on_input(std::string_view input) {
  if (input.empty() || !is_utf8(input)) return;  // the writers replace invalid UTF-8
  const std::string name(input);
  check_statement_round_trip(input, name, Value(name));
  const char* end = input.data() + input.size();
  int64_t i;
  if (std::from_chars(input.data(), end, i).ptr == end) check_statement_round_trip(input, name, Value(i));
  double d;
  if (std::from_chars(input.data(), end, d).ptr == end && std::isfinite(d)) {
    check_statement_round_trip(input, name, Value(d));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::pair<const char*, Parser> parsers[] = {{"PG", mlkg::load::parse_pg},
                                                    {"PG-JSON", mlkg::load::parse_pg_json},
                                                    {"PG-JSONL", mlkg::load::parse_pg_jsonl}};
  for (const auto& [name, parser] : parsers) {
    RecordingSink sink;
    PgError error;
    const Status status = parser(input, sink, {}, &error);
    if (status.ok()) {
      check_round_trip(input, sink);
      continue;
    }
    if (status.code() != Status::Code::kInvalidArgument) fail("unexpected status", input, status.to_string());
    // A PG error always has a place; a JSON one may name an element instead.
    if (parser == mlkg::load::parse_pg && (error.location.line == 0 || error.location.column == 0)) {
      fail("PG error without line and column", input, status.to_string());
    }
    (void)error.to_string();
  }
  check_writer_on_input(input);
  return 0;
}

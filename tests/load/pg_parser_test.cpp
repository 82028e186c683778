// The PG parser's own cases beyond the conformance suite: error locations and
// messages, number mapping, folding, line breaks, quoting and escapes, the
// sink contract, the JSON readers, PgDocument merging and the writers.

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <new>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/common/memory_budget.hpp"
#include "engine/pg/pg_format.hpp"
#include "engine/load/pg_document.hpp"
#include "engine/load/pg_parser.hpp"

namespace {

using mlkg::Status;
using mlkg::Value;
using mlkg::load::parse_pg;
using mlkg::load::parse_pg_json;
using mlkg::load::parse_pg_jsonl;
using mlkg::load::PgDocument;
using mlkg::load::PgDocumentBuilder;
using mlkg::pg::PgEdge;
using mlkg::load::PgError;
using mlkg::pg::PgNode;
using mlkg::load::PgParseOptions;
using mlkg::pg::PgProperty;
using mlkg::load::PgSink;
using mlkg::pg::SourceLocation;
using Json = nlohmann::json;

// `text` as a JSON string, for messages (invalid UTF-8 shown as U+FFFD).
std::string as_json_string(std::string_view text) {
  return Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Keeps a copy of every statement, in order.
class CaptureSink : public PgSink {
 public:
  Status on_node(const PgNode& node) override {
    nodes.push_back(node);
    order += 'n';
    return Status();
  }
  Status on_edge(const PgEdge& edge) override {
    edges.push_back(edge);
    order += 'e';
    return Status();
  }
  std::vector<PgNode> nodes;
  std::vector<PgEdge> edges;
  std::string order;  // 'n' / 'e' per statement
};

using Parser = Status (*)(std::string_view, PgSink&, const PgParseOptions&, PgError*);

CaptureSink parse_ok(std::string_view text, Parser parser = parse_pg) {
  CaptureSink sink;
  PgError error;
  const Status status = parser(text, sink, {}, &error);
  INFO("input: " << as_json_string(text) << "\n" << error.to_string());
  REQUIRE(status.ok());
  return sink;
}

PgError parse_error(std::string_view text, Parser parser = parse_pg) {
  CaptureSink sink;
  PgError error;
  const Status status = parser(text, sink, {"t.pg", {}}, &error);
  INFO("input: " << as_json_string(text));
  REQUIRE(status.code() == Status::Code::kInvalidArgument);
  return error;
}

// The values of property `key` of a statement, in order.
std::vector<Value> values_of(const std::vector<PgProperty>& properties, const std::string& key) {
  std::vector<Value> out;
  for (const PgProperty& p : properties) {
    if (p.key == key) out.insert(out.end(), p.values.begin(), p.values.end());
  }
  return out;
}

Value single_value(const std::string& written) {
  CaptureSink sink = parse_ok("n k:" + written);
  REQUIRE(sink.nodes.size() == 1);
  REQUIRE(sink.nodes[0].properties.size() == 1);
  REQUIRE(sink.nodes[0].properties[0].values.size() == 1);
  return sink.nodes[0].properties[0].values[0];
}

bool same_location(SourceLocation a, SourceLocation b) { return a.line == b.line && a.column == b.column; }

// Renders a statement's data (not its locations) for comparison.
std::string render(const PgNode& n) {
  std::string out = "node " + as_json_string(n.id) + " labels";
  for (const std::string& label : n.labels) out += " " + as_json_string(label);
  for (const PgProperty& p : n.properties) {
    out += " " + as_json_string(p.key) + "=";
    for (const Value& v : p.values) out += std::string(mlkg::type_name(v.type())) + ":" + v.to_literal() + ";";
  }
  return out;
}
std::string render(const PgEdge& e) {
  PgNode as_node;
  as_node.id = e.from + (e.directed ? " -> " : " -- ") + e.to + (e.id ? " id " + *e.id : "");
  as_node.labels = e.labels;
  as_node.properties = e.properties;
  return "edge " + render(as_node);
}

}  // namespace

// ------------------------------------------------------------------ statements

TEST_CASE("pg parser: a node statement delivers id, labels, properties and their locations", "[pg]") {
  CaptureSink sink = parse_ok("# header\nn1 :Person :Admin name:\"Ann\" age:42\n");
  REQUIRE(sink.nodes.size() == 1);
  const PgNode& n = sink.nodes[0];
  CHECK(n.id == "n1");
  CHECK(n.labels == std::vector<std::string>{"Person", "Admin"});
  CHECK(same_location(n.location, {2, 1}));
  REQUIRE(n.label_locations.size() == 2);
  CHECK(same_location(n.label_locations[0], {2, 5}));
  CHECK(same_location(n.label_locations[1], {2, 13}));
  REQUIRE(n.properties.size() == 2);
  CHECK(n.properties[0].key == "name");
  CHECK(n.properties[0].values == std::vector<Value>{Value("Ann")});
  CHECK(same_location(n.properties[0].location, {2, 19}));
  CHECK(n.properties[1].key == "age");
  CHECK(n.properties[1].values == std::vector<Value>{Value(int64_t{42})});
  CHECK(same_location(n.properties[1].location, {2, 30}));
}

TEST_CASE("pg parser: an edge statement delivers id, endpoints, direction and their locations", "[pg]") {
  CaptureSink sink = parse_ok("a\ne1: a -> b :KNOWS since:2020\nb -- c\n");
  REQUIRE(sink.order == "nee");
  const PgEdge& e = sink.edges[0];
  REQUIRE(e.id.has_value());
  CHECK(*e.id == "e1");
  CHECK(e.from == "a");
  CHECK(e.to == "b");
  CHECK(e.directed);
  CHECK(e.labels == std::vector<std::string>{"KNOWS"});
  CHECK(values_of(e.properties, "since") == std::vector<Value>{Value(int64_t{2020})});
  CHECK(same_location(e.location, {2, 1}));
  CHECK(same_location(e.from_location, {2, 5}));
  CHECK(same_location(e.to_location, {2, 10}));
  CHECK(same_location(e.label_locations.at(0), {2, 13}));
  const PgEdge& u = sink.edges[1];
  CHECK_FALSE(u.id.has_value());
  CHECK_FALSE(u.directed);
  CHECK(same_location(u.location, {3, 1}));
}

TEST_CASE("pg parser: repeated labels in a statement are dropped, repeated keys kept as written", "[pg]") {
  CaptureSink sink = parse_ok("a :x :y :x k:1 j:2 k:3");
  const PgNode& n = sink.nodes.at(0);
  CHECK(n.labels == std::vector<std::string>{"x", "y"});
  CHECK(n.label_locations.size() == 2);
  REQUIRE(n.properties.size() == 3);
  CHECK(n.properties[2].key == "k");
  CHECK(n.properties[2].values == std::vector<Value>{Value(int64_t{3})});

  // Many labels go through the hash set; the result is the same.
  std::string line = "b";
  for (int i = 0; i < 100; ++i) line += " :l" + std::to_string(i % 40);
  sink = parse_ok(line);
  REQUIRE(sink.nodes.at(0).labels.size() == 40);
  CHECK(sink.nodes[0].labels[39] == "l39");
}

// ------------------------------------------------------------------ errors

TEST_CASE("pg parser: syntax errors name line, column and what was expected", "[pg]") {
  struct Case {
    const char* text;
    size_t line;
    size_t column;
    const char* message;  // a part of the message
  };
  const Case cases[] = {
      {"a ->", 1, 5, "expected whitespace after the edge direction ('->' or '--'); found the end of the input"},
      {"a -> ", 1, 6, "expected the target node id after the edge direction"},
      {"a --b", 1, 5, "expected whitespace after the edge direction ('->' or '--'); found 'b'"},
      {"a->b", 1, 2, "expected whitespace before '->'"},
      {"a : b -> c", 1, 7, "expected a label (:name), a property (key:value) or the end of the statement; found '-'"},
      {"a k :v", 1, 4, "expected ':' directly after the property key (no space is allowed before the colon)"},
      {"a b:c k :v", 1, 8, "expected ':' directly after the property key"},
      {"x\ny \"abc\n\ndef", 2, 3, "unterminated quoted string: expected a closing quote before the end of the input"},
      {" a", 1, 1, "expected a statement at the start of the line"},
      {"# c\n\ta", 2, 1, "expected a statement at the start of the line"},
      {"a :b\n\"x\\qy\"", 2, 4, "expected an escape sequence after '\\'"},
      {"a k:\"\\u12\"", 1, 8, "expected four hexadecimal digits after '\\u'"},
      {"a k:\"\\ud800x\"", 1, 12, "expected a low surrogate escape"},
      {"a k:\"\\udc00\"", 1, 8, "lone low surrogate"},
      {"a :b c:d\n  :e", 2, 3, "labels must come before properties"},
      {"a\n\nb c", 3, 3, "expected a label (:name), a property (key:value) or the end of the statement; found 'c'"},
      {"a\r\nb c", 2, 3, "found 'c'"},
      {"a\rb c", 2, 3, "found 'c'"},
      {"a b:1,", 1, 7, "expected a property value after ','"},
      {"a b: ,", 1, 6, "expected a property value after ':'"},
      {"a :", 1, 4, "expected a label name after ':'"},
      {"a :\"\"", 1, 4, "expected a non-empty identifier"},
      {"a\xff", 1, 2, "found invalid UTF-8 byte 0xFF"},
      {"a\x01", 1, 2, "found control character U+0001"},
      {"a k:\"x\x01\"", 1, 7, "expected '\"' to close the string"},
      {"a k:1e999", 1, 5, "expected a number within the range of a 64-bit float"},
      {"e: a -> b\nf: a -> b\ne: b -> c", 3, 1, "expected a new edge id: \"e\" is already the id of the edge at line 1, column 1"},
  };
  for (const Case& c : cases) {
    const PgError e = parse_error(c.text);
    INFO("input: " << as_json_string(c.text) << "\n" << e.to_string());
    CHECK(e.location.line == c.line);
    CHECK(e.location.column == c.column);
    CHECK(e.message.find(c.message) != std::string::npos);
  }
}

TEST_CASE("pg parser: an error shows its line with a caret under the column", "[pg]") {
  CaptureSink sink;
  PgError error;
  const Status status = parse_pg("a\nb\tk :v\nc", sink, {"data/x.pg", {}}, &error);
  CHECK(status.message() ==
        "data/x.pg:2:4: expected ':' directly after the property key (no space is allowed before the colon); "
        "found a space");
  CHECK(error.line_text == "b\tk :v");
  CHECK(error.to_string() == status.message() + "\nb\tk :v\n \t ^");
  CHECK(sink.order == "n");  // statements before the error reached the sink
}

TEST_CASE("pg parser: a sink error stops the parse and is returned unchanged", "[pg]") {
  class StopAtSecond : public PgSink {
   public:
    Status on_node(const PgNode&) override { return ++calls == 2 ? Status::aborted("enough") : Status(); }
    Status on_edge(const PgEdge&) override { return ++calls == 2 ? Status::aborted("enough") : Status(); }
    int calls = 0;
  };
  for (Parser parser : {parse_pg, parse_pg_jsonl}) {
    StopAtSecond sink;
    const bool jsonl = parser == parse_pg_jsonl;
    const std::string text = jsonl ? "{\"type\":\"node\",\"id\":\"a\"}\n{\"type\":\"edge\",\"from\":\"a\",\"to\":\"b\"}\n"
                                     "{\"type\":\"node\",\"id\":\"c\"}\n"
                                   : "a\na -> b\nc\n";
    const Status status = parser(text, sink, {}, nullptr);
    CHECK(status.code() == Status::Code::kAborted);
    CHECK(status.message() == "enough");
    CHECK(sink.calls == 2);
  }
  StopAtSecond sink;
  CHECK(parse_pg_json(R"({"nodes":[{"id":"a"},{"id":"b"},{"id":"c"}]})", sink).code() == Status::Code::kAborted);
  CHECK(sink.calls == 2);
}

TEST_CASE("pg parser: the grammar passes PEGTL's analysis", "[pg]") {
  CHECK(mlkg::load::analyze_pg_grammar() == 0);
}

// ------------------------------------------------------------------ values

TEST_CASE("pg parser: integers that fit in int64 read as ints, every other number as a float", "[pg]") {
  CHECK(single_value("1") == Value(int64_t{1}));
  CHECK(single_value("-0") == Value(int64_t{0}));
  CHECK(single_value("9223372036854775807") == Value(std::numeric_limits<int64_t>::max()));
  CHECK(single_value("-9223372036854775808") == Value(std::numeric_limits<int64_t>::min()));
  CHECK(single_value("9223372036854775808") == Value(9223372036854775808.0));
  CHECK(single_value("-9223372036854775809") == Value(-9223372036854775809.0));
  CHECK(single_value("1.0") == Value(1.0));
  CHECK(single_value("2e3") == Value(2000.0));
  CHECK(single_value("2E+3") == Value(2000.0));
  CHECK(single_value("-0.0") == Value(-0.0));
  CHECK(single_value("1e-400") == Value(0.0));
  CHECK(single_value("4.9e-324") == Value(4.9e-324));
  CHECK(single_value("true") == Value(true));
  CHECK(single_value("false") == Value(false));
  // Not numbers or booleans: strings.
  CHECK(single_value("01") == Value("01"));
  CHECK(single_value("2x") == Value("2x"));
  CHECK(single_value("1.") == Value("1."));
  CHECK(single_value("1:2") == Value("1:2"));
  CHECK(single_value("truex") == Value("truex"));
  CHECK(single_value("TRUE") == Value("TRUE"));
  CHECK(single_value("null") == Value("null"));
  CHECK(single_value("\"1\"") == Value("1"));
}

TEST_CASE("pg parser: a comment may follow a value directly", "[pg]") {
  CaptureSink sink = parse_ok("a k:2#c\nb k:true#c\nc k:\"s\"#c\nd k:x#c\ne k:1, 2 # c");
  CHECK(values_of(sink.nodes[0].properties, "k") == std::vector<Value>{Value(int64_t{2})});
  CHECK(values_of(sink.nodes[1].properties, "k") == std::vector<Value>{Value(true)});
  CHECK(values_of(sink.nodes[2].properties, "k") == std::vector<Value>{Value("s")});
  // '#' may be inside an unquoted string, so here it is not a comment.
  CHECK(values_of(sink.nodes[3].properties, "k") == std::vector<Value>{Value("x#c")});
  CHECK(values_of(sink.nodes[4].properties, "k") == std::vector<Value>{Value(int64_t{1}), Value(int64_t{2})});
}

TEST_CASE("pg parser: a:b:c is key a with value b:c, a:b: c is key a:b with value c", "[pg]") {
  CaptureSink sink = parse_ok("n a:b:c\nm a:b: c\no a:b:\n  c\np \"a:b\":c");
  CHECK(sink.nodes[0].properties.at(0).key == "a");
  CHECK(sink.nodes[0].properties[0].values == std::vector<Value>{Value("b:c")});
  CHECK(sink.nodes[1].properties.at(0).key == "a:b");
  CHECK(sink.nodes[1].properties[0].values == std::vector<Value>{Value("c")});
  CHECK(sink.nodes[2].properties.at(0).key == "a:b");
  CHECK(sink.nodes[3].properties.at(0).key == "a:b");
  CHECK(sink.nodes[3].properties[0].values == std::vector<Value>{Value("c")});
}

// ------------------------------------------------------------------ layout

TEST_CASE("pg parser: folded lines continue a statement across blank and comment lines", "[pg]") {
  CaptureSink sink = parse_ok(
      "a # comment\n"
      "  :x\n"
      "\n"
      "  # a comment line\n"
      "\t:y k:\n"
      "   1,\n"
      "   2\n"
      "b\n"
      "  ->\n"
      "  c\n");
  REQUIRE(sink.order == "ne");
  const PgNode& a = sink.nodes[0];
  CHECK(a.labels == std::vector<std::string>{"x", "y"});
  CHECK(same_location(a.label_locations.at(1), {5, 3}));
  CHECK(values_of(a.properties, "k") == std::vector<Value>{Value(int64_t{1}), Value(int64_t{2})});
  CHECK(same_location(a.properties.at(0).location, {5, 5}));
  CHECK(sink.edges[0].from == "b");
  CHECK(sink.edges[0].to == "c");
  CHECK(same_location(sink.edges[0].to_location, {10, 3}));
  // Indented blank lines and trailing spaces end nothing and start nothing.
  CHECK(parse_ok("a\n   \n  # c\n\t\nb   ").order == "nn");
}

TEST_CASE("pg parser: CRLF and CR are line breaks, in statements, folds and strings", "[pg]") {
  CaptureSink sink = parse_ok("a\r\n :x\rb k:\"1\r\n2\"\r\nc\r  -> d\r\n");
  REQUIRE(sink.order == "nne");
  CHECK(sink.nodes[0].labels == std::vector<std::string>{"x"});
  CHECK(sink.nodes[1].id == "b");
  CHECK(same_location(sink.nodes[1].location, {3, 1}));
  // A raw line break inside a quoted string is kept as written.
  CHECK(values_of(sink.nodes[1].properties, "k") == std::vector<Value>{Value("1\r\n2")});
  CHECK(sink.edges[0].from == "c");
  CHECK(same_location(sink.edges[0].location, {5, 1}));
  CHECK(same_location(sink.edges[0].to_location, {6, 6}));
}

TEST_CASE("pg parser: quoted identifiers decode escapes and surrogate pairs to UTF-8", "[pg]") {
  CaptureSink sink = parse_ok(
      "\"a\\tb\\n\\\"\\\\\\/\"\n"
      "'it\\'s \"quoted\"'\n"
      "\"\\u00e9\\u6728\"\n"
      "\"\\uD83D\\uDE00\"\n"
      "\"raw\ttab\"\n");
  REQUIRE(sink.nodes.size() == 5);
  CHECK(sink.nodes[0].id == "a\tb\n\"\\/");
  CHECK(sink.nodes[1].id == "it's \"quoted\"");
  CHECK(sink.nodes[2].id == "\xC3\xA9\xE6\x9C\xA8");
  CHECK(sink.nodes[3].id == "\xF0\x9F\x98\x80");
  CHECK(sink.nodes[4].id == "raw\ttab");
}

TEST_CASE("pg parser: edge ids may contain colons and are dropped when no edge follows", "[pg]") {
  CaptureSink sink = parse_ok("x:: a -> b\n\":\": a -> b\na:b: c -- d\n1: -> 2\nn: k:v\n");
  REQUIRE(sink.order == "eeeen");
  CHECK(*sink.edges[0].id == "x:");
  CHECK(*sink.edges[1].id == ":");
  CHECK(*sink.edges[2].id == "a:b");
  CHECK_FALSE(sink.edges[3].id.has_value());
  CHECK(sink.edges[3].from == "1:");
  // `n:` looked like an edge id; it is the node "n:" with property k.
  CHECK(sink.nodes[0].id == "n:");
  CHECK(values_of(sink.nodes[0].properties, "k") == std::vector<Value>{Value("v")});
}

TEST_CASE("pg parser: labels may contain colons and follow a spaced colon", "[pg]") {
  CaptureSink sink = parse_ok("a :b:c :http://example.org/ : d");
  CHECK(sink.nodes.at(0).labels == std::vector<std::string>{"b:c", "http://example.org/", "d"});
}

TEST_CASE("pg parser: a large generated input parses, reporting progress", "[pg]") {
  std::string text;
  const int kEdges = 200000;
  for (int i = 0; i < kEdges; ++i) {
    text += "n" + std::to_string(i) + " -> n" + std::to_string(i * 7 % kEdges) + " :KNOWS weight:0.5 since:" +
            std::to_string(1900 + i % 100) + " note:\"line " + std::to_string(i) + "\"\n";
  }
  REQUIRE(text.size() > 8 * (size_t{1} << 20));
  class CountingSink : public PgSink {
   public:
    Status on_node(const PgNode&) override { return Status::invalid_argument("no nodes here"); }
    Status on_edge(const PgEdge& edge) override {
      ++edges;
      if (edge.properties.size() != 3 || edge.labels.size() != 1) return Status::corruption("bad edge");
      return Status();
    }
    int edges = 0;
  } sink;
  std::vector<size_t> progress;
  PgParseOptions options;
  options.progress = [&](size_t done) { progress.push_back(done); };
  REQUIRE(parse_pg(text, sink, options).ok());
  CHECK(sink.edges == kEdges);
  REQUIRE(progress.size() >= 8);
  CHECK(std::is_sorted(progress.begin(), progress.end()));
  CHECK(progress.back() == text.size());
  CHECK(progress[0] >= (size_t{1} << 20));
  CHECK(progress[0] < (size_t{1} << 20) + 200);
}

TEST_CASE("pg parser: statements after the first few cost no heap allocation", "[pg]") {
  std::string text;
  for (int i = 0; i < 1000; ++i) {
    text += "n" + std::to_string(i) + " -> n" + std::to_string(i * 13 % 1000) +
            " :KNOWS :\"quoted label\" weight:0.5 since:2020,2021 ok:true name:\"Ann\" tag:short # c\n";
    text += "n" + std::to_string(i) + " :Person :\"Person with a long label\" key_with_a_long_name:1\n";
  }
  class AllocationSink : public PgSink {
   public:
    Status on_node(const PgNode& node) override { return check(node.properties.size() == 1); }
    Status on_edge(const PgEdge& edge) override { return check(edge.properties.size() == 5); }
    Status check(bool ok) {
      const uint64_t now = counting.allocations();
      if (++statements > 10 && now != last) ++statements_that_allocated;
      last = now;
      return ok ? Status() : Status::corruption("wrong statement");
    }
    explicit AllocationSink(const mlkg::MemoryBudget& c) : counting(c) {}
    const mlkg::MemoryBudget& counting;
    uint64_t last = 0;
    int statements = 0;
    int statements_that_allocated = 0;
  };
  // Counts this thread's allocations (the engine's operator new does: a
  // budget no parse comes near).
  const mlkg::MemoryBudget counting(uint64_t{1} << 62);
  AllocationSink sink(counting);
  REQUIRE(parse_pg(text, sink).ok());
  CHECK(sink.statements == 2000);
  CHECK(sink.statements_that_allocated == 0);
}

// Hidden (run with "[pg-bench]" in a Release build): the loader's case, a
// million edge lines; prints the throughput.
TEST_CASE("pg parser: a generated 1M-line edge file parses at speed", "[.][pg-bench]") {
  std::string text;
  for (int i = 0; i < 1000000; ++i) {
    text += "n" + std::to_string(i) + " -> n" + std::to_string(int64_t{i} * 7919 % 1000000) + " :KNOWS weight:0.5\n";
  }
  class CountingSink : public PgSink {
   public:
    Status on_node(const PgNode&) override { return Status::invalid_argument("no nodes here"); }
    Status on_edge(const PgEdge& edge) override {
      bytes += edge.from.size() + edge.to.size();
      return Status();
    }
    size_t bytes = 0;
  } sink;
  const auto start = std::chrono::steady_clock::now();
  REQUIRE(parse_pg(text, sink).ok());
  const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
  CHECK(sink.bytes > 12000000);
  WARN(text.size() << " bytes in " << seconds.count() << " s: " << text.size() / seconds.count() / 1e6 << " MB/s");
}

// ------------------------------------------------------------------ PgDocument

TEST_CASE("pg document: repeated nodes merge, implicit nodes appear where first named", "[pg]") {
  PgDocument doc;
  PgDocumentBuilder builder(&doc);
  REQUIRE(parse_pg("a :x k:1\nb -> c\na :y :x k:2 m:true\nc :z\n", builder).ok());
  REQUIRE(doc.nodes().size() == 3);
  CHECK(doc.nodes()[0].id == "a");
  CHECK(doc.nodes()[1].id == "b");
  CHECK(doc.nodes()[2].id == "c");
  CHECK(doc.nodes()[0].labels == std::vector<std::string>{"x", "y"});
  CHECK(doc.nodes()[0].label_locations.size() == 2);
  CHECK(values_of(doc.nodes()[0].properties, "k") == std::vector<Value>{Value(int64_t{1}), Value(int64_t{2})});
  CHECK(doc.nodes()[0].properties.size() == 2);
  CHECK(doc.nodes()[2].labels == std::vector<std::string>{"z"});
  CHECK(doc.to_pg_json() == Json::parse(R"({
    "nodes": [
      {"id": "a", "labels": ["x", "y"], "properties": {"k": [1, 2], "m": [true]}},
      {"id": "b", "labels": [], "properties": {}},
      {"id": "c", "labels": ["z"], "properties": {}}],
    "edges": [{"from": "b", "to": "c", "labels": [], "properties": {}}]})"));
}

// ------------------------------------------------------------------ JSON readers

TEST_CASE("pg json: PG-JSON delivers nodes, then edges, with JSON number types", "[pg]") {
  CaptureSink sink = parse_ok(R"({"edges": [{"id": "e", "from": "a", "to": "b", "undirected": true,
      "labels": ["L", "L"], "properties": {"w": [1, 1.0, 18446744073709551615, "s", false]}}],
    "nodes": [{"id": "a", "labels": ["A"]}]})", parse_pg_json);
  REQUIRE(sink.order == "ne");
  CHECK(sink.nodes[0].properties.empty());
  const PgEdge& e = sink.edges[0];
  CHECK(*e.id == "e");
  CHECK_FALSE(e.directed);
  CHECK(e.labels == std::vector<std::string>{"L"});
  CHECK(values_of(e.properties, "w") ==
        std::vector<Value>{Value(int64_t{1}), Value(1.0), Value(18446744073709551615.0), Value("s"), Value(false)});
}

TEST_CASE("pg json: structural errors name the element and what was expected", "[pg]") {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"[]", "expected an object with \"nodes\" and \"edges\" arrays"},
      {R"({"nodes": {}})", "nodes: expected an array"},
      {R"({"nodes": [], "graph": 1})", "graph: expected only the fields \"nodes\", \"edges\""},
      {R"({"nodes": [{"id": ""}]})", "nodes[0].id: expected the node id as a non-empty string"},
      {R"({"nodes": [{"id": "a"}, {"id": 7}]})", "nodes[1].id: expected the node id as a non-empty string"},
      {R"({"nodes": [{"id": "a", "labels": ["x", ""]}]})", "nodes[0].labels[1]: expected a non-empty string"},
      {R"({"nodes": [{"id": "a", "labels": "x"}]})", "nodes[0].labels: expected an array of labels"},
      {R"({"nodes": [{"id": "a", "properties": {"k": []}}]})", "nodes[0].properties.k: expected a non-empty array of values"},
      {R"({"nodes": [{"id": "a", "properties": {"k": 1}}]})", "nodes[0].properties.k: expected a non-empty array of values"},
      {R"({"nodes": [{"id": "a", "properties": {"k": [[1]]}}]})", "nodes[0].properties.k[0]: expected a string, a number or a boolean"},
      {R"({"nodes": [{"id": "a", "properties": {"k": [null]}}]})", "nodes[0].properties.k[0]: expected a string, a number or a boolean"},
      {R"({"nodes": [{"id": "a", "properties": {"": [1]}}]})", "nodes[0].properties: expected non-empty property keys"},
      {R"({"nodes": [{"id": "a", "lables": []}]})", "nodes[0].lables: expected only the fields \"id\", \"labels\", \"properties\""},
      {R"({"edges": [{"from": "a"}]})", "edges[0].to: expected a node id as a non-empty string"},
      {R"({"edges": [{"from": "a", "to": "b", "undirected": 1}]})", "edges[0].undirected: expected true or false"},
      {R"({"edges": [{"id": "e", "from": "a", "to": "b"}, {"id": "e", "from": "a", "to": "b"}]})",
       "edges[1].id: expected a new edge id: \"e\" is already the id of edges[0]"},
  };
  for (const Case& c : cases) {
    const PgError e = parse_error(c.text, parse_pg_json);
    INFO(e.to_string());
    CHECK(e.message == c.message);
    CHECK(e.location.line == 0);
    CHECK(e.to_string() == "t.pg: " + std::string(c.message));
  }
}

TEST_CASE("pg json: JSON syntax errors give line and column", "[pg]") {
  PgError e = parse_error("{\"nodes\": [\n  {\"id\": x}]}", parse_pg_json);
  CHECK(e.location.line == 2);
  CHECK(e.location.column == 10);
  CHECK(e.message.find("syntax error while parsing value") == 0);
  e = parse_error(R"({"nodes": [{"id": "a", "properties": {"k": [1e999]}}]})", parse_pg_json);
  CHECK(e.message.find("number overflow") != std::string::npos);
  // Deep nesting is no problem for the reader.
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  CHECK(parse_error(deep, parse_pg_json).message == "expected an object with \"nodes\" and \"edges\" arrays");
}

TEST_CASE("pg jsonl: one statement per line, blank lines skipped, errors located by line", "[pg]") {
  CaptureSink sink = parse_ok(
      "{\"type\": \"node\", \"id\": \"a\", \"labels\": [\"x\"], \"properties\": {}}\n"
      "\n"
      "  {\"type\": \"edge\", \"from\": \"a\", \"to\": \"b\", \"labels\": [], \"properties\": {}}\r\n",
      parse_pg_jsonl);
  REQUIRE(sink.order == "ne");
  CHECK(same_location(sink.nodes[0].location, {1, 1}));
  CHECK(same_location(sink.edges[0].location, {3, 3}));

  PgError e = parse_error("{\"type\": \"node\", \"id\": \"a\"}\n{\"id\": \"b\"}\n", parse_pg_jsonl);
  CHECK(same_location(e.location, {2, 1}));
  CHECK(e.message == "type: expected an object with \"type\": \"node\" or \"type\": \"edge\"");
  e = parse_error("{\"type\": \"node\", \"id\": \"a\"}\n{\"type\": \"node\", \"id\": [}\n", parse_pg_jsonl);
  CHECK(e.location.line == 2);
  CHECK(e.location.column == 25);
  e = parse_error("{\"type\": \"edge\", \"id\": \"e\", \"from\": \"a\", \"to\": \"b\"}\n"
                  "{\"type\": \"edge\", \"id\": \"e\", \"from\": \"a\", \"to\": \"b\"}",
                  parse_pg_jsonl);
  CHECK(e.location.line == 2);
  CHECK(e.message == "id: expected a new edge id: \"e\" is already the id of the edge on line 1");
}

// ------------------------------------------------------------------ writers

TEST_CASE("pg writer: identifiers are quoted only when the unquoted form would not read back", "[pg][writer]") {
  const std::pair<const char*, const char*> cases[] = {
      {"abc", "abc"},
      {"a:b", "a:b"},
      {"a,b", "a,b"},
      {"a#b", "a#b"},
      {"a'", "a'"},
      {"1", "1"},
      {"true", "true"},
      {"http://example.org/?a=-&c=0#x", "http://example.org/?a=-&c=0#x"},
      {"\xE6\x9C\xA8", "\xE6\x9C\xA8"},
      {"a\xC2\xA0" "b", "a\xC2\xA0" "b"},
      {"a b", "\"a b\""},
      {":a", "\":a\""},
      {",a", "\",a\""},
      {"-a", "\"-a\""},
      {"#a", "\"#a\""},
      {"'a", "\"'a\""},
      {"a>b", "\"a>b\""},
      {"a\"b", "\"a\\\"b\""},
      {"a\\b", "\"a\\\\b\""},
      {"a\tb\nc\x01", "\"a\\tb\\nc\\u0001\""},
      {"del\x7f", "\"del\\u007f\""},
      {"bad\xff", "\"bad\xEF\xBF\xBD\""},
  };
  for (const auto& [id, written] : cases) {
    std::string out;
    mlkg::pg::append_pg_identifier(&out, id);
    CHECK(out == written);
  }
}

TEST_CASE("pg writer: strings that would read back as something else are quoted", "[pg][writer]") {
  const std::pair<const char*, const char*> cases[] = {
      {"abc", "abc"},     {"null", "null"},     {"truex", "truex"},  {"TRUE", "TRUE"},   {"01", "01"},
      {"1.5.3", "1.5.3"}, {"2x", "2x"},         {"a:b", "a:b"},      {"x#y", "x#y"},     {"", "\"\""},
      {"1", "\"1\""},     {"-1", "\"-1\""},     {"1e5", "\"1e5\""},  {"0.5", "\"0.5\""}, {"true", "\"true\""},
      {"false", "\"false\""}, {"2#x", "\"2#x\""}, {"true#", "\"true#\""}, {"a,b", "\"a,b\""}, {"b:", "\"b:\""},
      {"a b", "\"a b\""},
  };
  for (const auto& [s, written] : cases) {
    std::string out;
    mlkg::pg::append_pg_value(&out, Value(s));
    CHECK(out == written);
  }
}

TEST_CASE("pg writer: an id that starts with U+FEFF is quoted, or the reader would take it for a byte order mark", "[pg][writer]") {
  // Found by pg_parser_fuzz (input "\xEF\xBB\xBF" "b"): written unquoted as the document's first
  // statement, the node read back with the id "b".
  const std::string bom_b = "\xEF\xBB\xBF" "b";
  PgNode node;
  node.id = bom_b;
  node.labels = {bom_b};
  std::string out;
  mlkg::pg::append_pg_node(&out, node);
  CHECK(out == "\"" + bom_b + "\" :\"" + bom_b + "\"\n");
  const CaptureSink read = parse_ok(out);
  REQUIRE(read.nodes.size() == 1);
  CHECK(read.nodes[0].id == bom_b);
  CHECK(read.nodes[0].labels == std::vector<std::string>{bom_b});
  // Not at the start, it is a character like any other, but the writer does not know where its
  // line will go.
  out.clear();
  mlkg::pg::append_pg_value(&out, Value(bom_b));
  CHECK(out == "\"" + bom_b + "\"");
}

TEST_CASE("pg writer: numbers keep their type, floats always show they are floats", "[pg][writer]") {
  const std::pair<Value, const char*> cases[] = {
      {Value(int64_t{2000}), "2000"},
      {Value(std::numeric_limits<int64_t>::min()), "-9223372036854775808"},
      {Value(2000.0), "2000.0"},
      {Value(-0.0), "-0.0"},
      {Value(1e100), "1e+100"},
      {Value(0.1), "0.1"},
      {Value(true), "true"},
      {Value(std::nan("")), "\"NaN\""},
      {Value(-INFINITY), "\"-Infinity\""},
      {Value(), "\"null\""},
  };
  for (const auto& [v, written] : cases) {
    std::string out;
    mlkg::pg::append_pg_value(&out, v);
    CHECK(out == written);
  }
}

TEST_CASE("pg writer: awkward statements read back the same through PG, PG-JSON and PG-JSONL", "[pg][writer]") {
  PgNode node;
  node.id = "x:";
  node.labels = {"b:c", "a b", "-", "\xF0\x9F\x98\x80", "'q'"};
  const std::vector<Value> values = {Value("b:"),
                                     Value("2#x"),
                                     Value("a,b"),
                                     Value(""),
                                     Value("line\nbreak\r\ttab\x01"),
                                     Value("quote\"'\\"),
                                     Value("x#y"),
                                     Value("k:v"),
                                     Value(std::numeric_limits<int64_t>::max()),
                                     Value(std::numeric_limits<int64_t>::min()),
                                     Value(5e-324),
                                     Value(1.7976931348623157e308),
                                     Value(-0.0),
                                     Value(0.1),
                                     Value(false)};
  node.properties = {{"k", values, {}}, {"a:b", {Value("c")}, {}}, {"k:", {Value("v")}, {}},
                     {"\"q\"", {Value(int64_t{1})}, {}}, {"k", {Value("again")}, {}}, {"k,k", {Value("w")}, {}}};
  PgEdge edge;
  edge.id = "e:";
  edge.from = "a:";
  edge.to = "b->c";
  edge.directed = false;
  edge.labels = {"L"};
  edge.properties = {{"w", {Value(0.5), Value("true#")}, {}}};
  PgEdge plain = edge;
  plain.id.reset();
  plain.directed = true;

  std::string pg, jsonl;
  mlkg::pg::append_pg_node(&pg, node);
  mlkg::pg::append_pg_edge(&pg, edge);
  mlkg::pg::append_pg_edge(&pg, plain);
  mlkg::pg::append_pg_jsonl_node(&jsonl, node);
  mlkg::pg::append_pg_jsonl_edge(&jsonl, edge);
  mlkg::pg::append_pg_jsonl_edge(&jsonl, plain);
  INFO("PG:\n" << pg << "PG-JSONL:\n" << jsonl);
  CHECK(std::count(pg.begin(), pg.end(), '\n') == 3);

  const CaptureSink from_pg = parse_ok(pg);
  REQUIRE(from_pg.order == "nee");
  CHECK(render(from_pg.nodes[0]) == render(node));
  CHECK(render(from_pg.edges[0]) == render(edge));
  CHECK(render(from_pg.edges[1]) == render(plain));

  const CaptureSink from_jsonl = parse_ok(jsonl, parse_pg_jsonl);
  REQUIRE(from_jsonl.order == "nee");
  CHECK(render(from_jsonl.edges[0]) == render(edge));
  CHECK(render(from_jsonl.edges[1]) == render(plain));
  // JSON has one list per key: repeated keys come back merged.
  PgDocument written, read;
  written.add_node(node);
  read.add_node(from_jsonl.nodes[0]);
  CHECK(read.to_pg_json().dump() == written.to_pg_json().dump());

  const Json json = {{"nodes", {mlkg::pg::pg_node_to_json(node)}},
                     {"edges", {mlkg::pg::pg_edge_to_json(edge), mlkg::pg::pg_edge_to_json(plain)}}};
  const CaptureSink from_json = parse_ok(json.dump(), parse_pg_json);
  REQUIRE(from_json.order == "nee");
  CHECK(render(from_json.edges[0]) == render(edge));
}

TEST_CASE("pg parser: a UTF-8 byte order mark at the start is skipped, in PG, PG-JSON and PG-JSONL", "[pg]") {
  {
    PgDocument doc;
    PgDocumentBuilder builder(&doc);
    REQUIRE(parse_pg("\xEF\xBB\xBF" "a :x\nb :y\n", builder).ok());
    REQUIRE(doc.nodes().size() == 2);
    CHECK(doc.nodes()[0].id == "a");
  }
  {
    PgDocument doc;
    PgDocumentBuilder builder(&doc);
    REQUIRE(parse_pg_json("\xEF\xBB\xBF" R"({"nodes":[{"id":"a","labels":[],"properties":{}}],"edges":[]})", builder).ok());
    REQUIRE(doc.nodes().size() == 1);
    CHECK(doc.nodes()[0].id == "a");
  }
  {
    PgDocument doc;
    PgDocumentBuilder builder(&doc);
    REQUIRE(parse_pg_jsonl("\xEF\xBB\xBF" R"({"type":"node","id":"a","labels":[],"properties":{}})" "\n", builder).ok());
    REQUIRE(doc.nodes().size() == 1);
    CHECK(doc.nodes()[0].id == "a");
  }
}

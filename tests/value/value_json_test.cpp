// Values as mlkg's result documents spell them (engine/value/value_json.hpp):
// nlohmann-json documents written with ", " / ": " and bare non-finite tokens.

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <memory>
#include <string>

#include "engine/value/value_json.hpp"

using namespace mlkg;

namespace {

std::string json_text(const Value& v) {
  std::string out;
  write_json(to_json(v), &out);
  return out;
}

Value map_of(ValueMap m) { return Value(std::move(m)); }

}  // namespace

TEST_CASE("value json: scalars keep their type, floats always show they are floats", "[value][json]") {
  CHECK(json_text(Value()) == "null");
  CHECK(json_text(Value(true)) == "true");
  CHECK(json_text(Value(int64_t{-9223372036854775807 - 1})) == "-9223372036854775808");
  CHECK(json_text(Value(1.0)) == "1.0");
  CHECK(json_text(Value(-0.0)) == "-0.0");
  CHECK(json_text(Value(0.1)) == "0.1");
  CHECK(json_text(Value(1e300)) == "1e+300");
  CHECK(json_text(Value(0.30000000000000004)) == "0.30000000000000004");
  CHECK(json_text(Value(std::numeric_limits<double>::quiet_NaN())) == "NaN");
  CHECK(json_text(Value(std::numeric_limits<double>::infinity())) == "Infinity");
  CHECK(json_text(Value(-std::numeric_limits<double>::infinity())) == "-Infinity");
}

TEST_CASE("value json: strings are escaped, and malformed UTF-8 becomes U+FFFD", "[value][json]") {
  CHECK(json_text(Value(std::string("a\"b\\c\n\t\x01"))) == "\"a\\\"b\\\\c\\n\\t\\u0001\"");
  CHECK(json_text(Value(std::string("caf\xC3\xA9"))) == "\"caf\xC3\xA9\"");
  CHECK(json_text(Value(std::string("bad\xFF"))) == "\"bad\xEF\xBF\xBD\"");
  // A key too.
  CHECK(json_text(map_of({{std::string("k\xFF"), Value(int64_t{1})}})) == "{\"k\xEF\xBF\xBD\": 1}");
}

TEST_CASE("value json: lists and maps nest, with ', ' and ': ' between items", "[value][json]") {
  Value v = map_of({{"b", Value(ValueList{Value(int64_t{1}), Value(2.5), Value()})},
                    {"a", map_of({{"x", Value(std::numeric_limits<double>::quiet_NaN())}})}});
  CHECK(json_text(v) == "{\"a\": {\"x\": NaN}, \"b\": [1, 2.5, null]}");
  CHECK(json_text(Value(ValueList{})) == "[]");
  CHECK(json_text(map_of({})) == "{}");
}

TEST_CASE("value json: nodes, relationships and paths", "[value][json]") {
  auto node_data = std::make_shared<EntityData>();
  node_data->labels = {"Service"};
  node_data->properties = std::make_shared<const ValueMap>(ValueMap{{"name", Value(std::string("Amazon S3"))}});
  NodeValue a{1, node_data};
  NodeValue b{2, nullptr};  // not materialised
  auto rel_data = std::make_shared<EntityData>();
  rel_data->labels = {"READS_FROM"};
  rel_data->start = 2;
  rel_data->end = 1;
  RelValue r{5, rel_data};
  CHECK(json_text(Value(a)) ==
        "{\"~node\": {\"id\": 1, \"labels\": [\"Service\"], \"properties\": {\"name\": \"Amazon S3\"}}}");
  CHECK(json_text(Value(b)) == "{\"~node\": {\"id\": 2, \"labels\": [], \"properties\": {}}}");
  CHECK(json_text(Value(r)) ==
        "{\"~rel\": {\"id\": 5, \"type\": \"READS_FROM\", \"start\": 2, \"end\": 1, \"properties\": {}}}");
  CHECK(json_text(Value(RelValue{6, nullptr})) ==
        "{\"~rel\": {\"id\": 6, \"type\": null, \"start\": null, \"end\": null, \"properties\": {}}}");
  PathValue path;
  path.nodes = {a, b};
  path.rels = {r};
  CHECK(json_text(Value(path)) == "{\"~path\": [" + json_text(Value(a)) + ", " + json_text(Value(r)) + ", " +
                                      json_text(Value(b)) + "]}");
}

TEST_CASE("value json: what is written reads back as the same document", "[value][json]") {
  ValueMap big;
  for (int i = 0; i < 20000; ++i) big["k" + std::to_string(i)] = Value(static_cast<int64_t>(i));  // linear, not quadratic
  Value v = map_of({{"big", Value(std::move(big))}, {"f", Value(1e-7)}, {"s", Value(std::string("\xE2\x82\xAC"))}});
  std::string text = json_text(v);
  nlohmann::ordered_json back = nlohmann::ordered_json::parse(text);
  CHECK(back["big"].size() == 20000);
  CHECK(back["big"]["k19999"] == 19999);
  CHECK(back["f"].get<double>() == 1e-7);
  CHECK(back["s"] == "\xE2\x82\xAC");
  CHECK(back == to_json(v));
}

// Rendering query results in every --format: exact output over small
// hand-built results, and the JSON read back as the TCK runner reads it.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <sstream>
#include <string_view>

#include <nlohmann/json.hpp>

#include "repl/result_format.hpp"

using mlkg::EntityData;
using mlkg::NodeValue;
using mlkg::PathValue;
using mlkg::RelValue;
using mlkg::Value;
using mlkg::ValueList;
using mlkg::ValueMap;
using mlkg::query::QueryResult;
using mlkg::repl::OutputFormat;
using mlkg::repl::parse_output_format;
using mlkg::repl::render_result;
using mlkg::repl::RenderOptions;
using Json = nlohmann::json;

namespace {

constexpr const char* kFFFD = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

constexpr const char* kZeroStats =
    "\"stats\": {\"nodes_created\": 0, \"nodes_deleted\": 0, \"relationships_created\": 0, "
    "\"relationships_deleted\": 0, \"labels_added\": 0, \"labels_removed\": 0, \"properties_set\": 0, "
    "\"properties_removed\": 0, \"indexes_added\": 0, \"indexes_removed\": 0, \"constraints_added\": 0, "
    "\"constraints_removed\": 0}";

NodeValue node(uint64_t id, std::vector<std::string> labels, ValueMap properties) {
  return NodeValue{id, std::make_shared<const EntityData>(EntityData{
                           std::move(labels), 0, 0, std::make_shared<const ValueMap>(std::move(properties))})};
}

RelValue rel(uint64_t id, std::string type, uint64_t start, uint64_t end, ValueMap properties) {
  return RelValue{id, std::make_shared<const EntityData>(EntityData{
                          {std::move(type)}, start, end, std::make_shared<const ValueMap>(std::move(properties))})};
}

// (1:Service {name: 'Amazon S3'})-[10:STORES {since: 2006}]->(2:Concept:Storage)<-[11:FEEDS]-(3 {k: 1.5}):
// the second relationship points against the path. Node 2 and relationship
// 11 have no property map at all.
PathValue sample_path() {
  NodeValue b{2, std::make_shared<const EntityData>(EntityData{{"Concept", "Storage"}, 0, 0, nullptr})};
  RelValue feeds{11, std::make_shared<const EntityData>(EntityData{{"FEEDS"}, 3, 2, nullptr})};
  return PathValue{{node(1, {"Service"}, {{"name", "Amazon S3"}}), b, node(3, {}, {{"k", 1.5}})},
                   {rel(10, "STORES", 1, 2, {{"since", 2006}}), feeds}};
}

QueryResult rows_of(std::vector<std::string> columns, std::vector<ValueList> rows) {
  QueryResult result;
  result.columns = std::move(columns);
  result.rows = std::move(rows);
  result.returns_rows = true;
  return result;
}

std::string render(const QueryResult& result, OutputFormat format, RenderOptions options = {}) {
  std::ostringstream out;
  render_result(result, format, out, options);
  return out.str();
}

// The JSON document of a one-column, one-row result, without the envelope.
std::string json_cell(const Value& v) {
  const std::string doc = render(rows_of({"v"}, {{v}}), OutputFormat::kJson);
  const std::string head = "{\"columns\": [\"v\"], \"rows\": [[";
  const std::string tail = std::string("]], ") + kZeroStats + "}\n";
  REQUIRE(doc.substr(0, head.size()) == head);
  REQUIRE(doc.size() >= head.size() + tail.size());
  REQUIRE(doc.substr(doc.size() - tail.size()) == tail);
  return doc.substr(head.size(), doc.size() - head.size() - tail.size());
}

// Parses our JSON as Python's json module does, which accepts the bare
// tokens NaN, Infinity and -Infinity: outside strings they are replaced by
// the strings "<NaN>", "<Infinity>" and "<-Infinity>" before nlohmann reads it.
Json parse_json(const std::string& text) {
  std::string substituted;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      substituted += c;
      if (c == '\\') substituted += text[++i];
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    bool replaced = false;
    for (const char* token : {"-Infinity", "Infinity", "NaN"}) {
      if (text.compare(i, std::strlen(token), token) == 0) {
        substituted += std::string("\"<") + token + ">\"";
        i += std::strlen(token) - 1;
        replaced = true;
        break;
      }
    }
    if (!replaced) substituted += c;
  }
  return Json::parse(substituted);
}

// Display width of our table lines: every character in them is one column
// wide except the CJK ones the wide-character case uses.
size_t columns_of(const std::string& line) {
  size_t n = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;
    n += (c == 0xE6 || c == 0xE8) ? 2 : 1;  // 日 本 語 start with E6 or E8
  }
  return n;
}

std::string repeat(std::string_view s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

// ---------------------------------------------------------------- format names

TEST_CASE("result format: every name in the help text parses, and nothing else does", "[render]") {
  const std::pair<const char*, OutputFormat> names[] = {
      {"table", OutputFormat::kTable}, {"csv", OutputFormat::kCsv},     {"tsv", OutputFormat::kTsv},
      {"json", OutputFormat::kJson},   {"jsonl", OutputFormat::kJsonl}, {"markdown", OutputFormat::kMarkdown},
      {"plain", OutputFormat::kPlain},
  };
  std::string joined;
  for (const auto& [name, format] : names) {
    OutputFormat parsed = format == OutputFormat::kTable ? OutputFormat::kPlain : OutputFormat::kTable;
    REQUIRE(parse_output_format(name, &parsed));
    REQUIRE(parsed == format);
    joined += joined.empty() ? name : std::string("|") + name;
  }
  REQUIRE(joined == mlkg::repl::kOutputFormatNames);

  OutputFormat untouched = OutputFormat::kMarkdown;
  for (const char* bad : {"", "JSON", "Table", "xml", "json ", "jsonlines"}) {
    REQUIRE_FALSE(parse_output_format(bad, &untouched));
    REQUIRE(untouched == OutputFormat::kMarkdown);
  }
}

// ---------------------------------------------------------------- json

TEST_CASE("result format: json writes floats with a decimal point and NaN as a bare token", "[render]") {
  const double inf = std::numeric_limits<double>::infinity();
  QueryResult result = rows_of({"one", "big", "nan", "inf", "ninf", "negzero", "tenth"},
                               {{1.0, 1e300, std::nan(""), inf, -inf, -0.0, 0.1}});
  REQUIRE(render(result, OutputFormat::kJson) ==
          std::string("{\"columns\": [\"one\", \"big\", \"nan\", \"inf\", \"ninf\", \"negzero\", \"tenth\"], "
                      "\"rows\": [[1.0, 1e+300, NaN, Infinity, -Infinity, -0.0, 0.1]], ") +
              kZeroStats + "}\n");
}

TEST_CASE("result format: json floats read back to the same double, always as floats", "[render]") {
  const double values[] = {0.1,     0.1 + 0.2, 1.0 / 3,  5e-324,  DBL_MIN, -DBL_MAX, DBL_MAX,
                           1e21,    1e-7,      123456789.0, 9007199254740992.0, 2.5e-8, -0.0, 100.0};
  for (double d : values) {
    const std::string text = json_cell(d);
    INFO(text);
    REQUIRE(text.find_first_of(".e") != std::string::npos);
    const Json parsed = parse_json("[" + text + "]")[0];
    REQUIRE(parsed.is_number_float());
    const double back = parsed.get<double>();
    REQUIRE(std::memcmp(&back, &d, sizeof d) == 0);
  }
}

TEST_CASE("result format: json integers are exact over the whole int64 range", "[render]") {
  const int64_t min = std::numeric_limits<int64_t>::min();
  const int64_t max = std::numeric_limits<int64_t>::max();
  REQUIRE(json_cell(min) == "-9223372036854775808");
  REQUIRE(json_cell(max) == "9223372036854775807");
  REQUIRE(json_cell(int64_t{0}) == "0");
  const Json parsed = parse_json("[" + json_cell(min) + ", " + json_cell(max) + "]");
  REQUIRE(parsed[0].is_number_integer());
  REQUIRE(parsed[0].get<int64_t>() == min);
  REQUIRE(parsed[1].get<int64_t>() == max);
}

TEST_CASE("result format: json escapes strings and replaces invalid UTF-8 with U+FFFD", "[render]") {
  SECTION("quotes, backslashes and control characters") {
    REQUIRE(json_cell(std::string("q\"b\\s/\x01\x1f\n\t\r\b\f\x7f")) ==
            "\"q\\\"b\\\\s/\\u0001\\u001f\\n\\t\\r\\b\\f\x7f\"");
    REQUIRE(json_cell(std::string("nul\0end", 7)) == "\"nul\\u0000end\"");
  }
  SECTION("valid UTF-8 is written as it is") {
    REQUIRE(json_cell("日本 🚀 é") == "\"日本 🚀 é\"");
  }
  SECTION("each byte of an invalid sequence becomes one U+FFFD") {
    const std::string f = kFFFD;
    REQUIRE(json_cell(std::string("a\xff" "b")) == "\"a" + f + "b\"");
    REQUIRE(json_cell(std::string("cut\xe6\x97")) == "\"cut" + f + f + "\"");          // truncated 日
    REQUIRE(json_cell(std::string("\xc0\xaf")) == "\"" + f + f + "\"");                // overlong '/'
    REQUIRE(json_cell(std::string("\xed\xa0\x80")) == "\"" + f + f + f + "\"");        // a surrogate
    REQUIRE(json_cell(std::string("\xf4\x90\x80\x80")) == "\"" + f + f + f + f + "\"");  // above U+10FFFF
  }
  SECTION("map keys and column names are escaped too") {
    QueryResult result = rows_of({"a\"b\n"}, {{ValueMap{{"k\\\xff", 1}}}});
    REQUIRE(render(result, OutputFormat::kJson) == std::string("{\"columns\": [\"a\\\"b\\n\"], \"rows\": [[{\"k\\\\") +
                                                       kFFFD + "\": 1}]], " + kZeroStats + "}\n");
  }
  SECTION("whatever the bytes, the document parses") {
    std::string all_bytes;
    for (int b = 0; b < 256; ++b) all_bytes += static_cast<char>(b);
    const Json parsed = parse_json(render(rows_of({all_bytes}, {{all_bytes}}), OutputFormat::kJson));
    REQUIRE(parsed["rows"][0][0].get<std::string>() == parsed["columns"][0].get<std::string>());
    REQUIRE(parsed["rows"][0][0].get<std::string>().substr(0, 128) == all_bytes.substr(0, 128));
  }
}

TEST_CASE("result format: json writes nodes, relationships and paths with their own start and end", "[render]") {
  const PathValue path = sample_path();
  const std::string n1 = "{\"~node\": {\"id\": 1, \"labels\": [\"Service\"], \"properties\": {\"name\": \"Amazon S3\"}}}";
  const std::string n2 = "{\"~node\": {\"id\": 2, \"labels\": [\"Concept\", \"Storage\"], \"properties\": {}}}";
  const std::string n3 = "{\"~node\": {\"id\": 3, \"labels\": [], \"properties\": {\"k\": 1.5}}}";
  const std::string r10 =
      "{\"~rel\": {\"id\": 10, \"type\": \"STORES\", \"start\": 1, \"end\": 2, \"properties\": {\"since\": 2006}}}";
  const std::string r11 = "{\"~rel\": {\"id\": 11, \"type\": \"FEEDS\", \"start\": 3, \"end\": 2, \"properties\": {}}}";

  REQUIRE(json_cell(path.nodes[0]) == n1);
  REQUIRE(json_cell(path.rels[0]) == r10);
  REQUIRE(json_cell(path) == "{\"~path\": [" + n1 + ", " + r10 + ", " + n2 + ", " + r11 + ", " + n3 + "]}");
  REQUIRE(json_cell(PathValue{{path.nodes[0]}, {}}) == "{\"~path\": [" + n1 + "]}");

  SECTION("an unmaterialised entity has its id, and null for what only its data would say") {
    REQUIRE(json_cell(NodeValue{7, nullptr}) == "{\"~node\": {\"id\": 7, \"labels\": [], \"properties\": {}}}");
    REQUIRE(json_cell(RelValue{8, nullptr}) ==
            "{\"~rel\": {\"id\": 8, \"type\": null, \"start\": null, \"end\": null, \"properties\": {}}}");
  }
  SECTION("read back, the backwards relationship connects its path's nodes end to start") {
    const Json p = parse_json(json_cell(path))["~path"];
    REQUIRE(p.size() == 5);
    REQUIRE(p[3]["~rel"]["start"] == p[4]["~node"]["id"]);
    REQUIRE(p[3]["~rel"]["end"] == p[2]["~node"]["id"]);
    REQUIRE(p[1]["~rel"]["start"] == p[0]["~node"]["id"]);
    REQUIRE(p[1]["~rel"]["end"] == p[2]["~node"]["id"]);
  }
}

TEST_CASE("result format: json reads back to the values that were rendered", "[render]") {
  const double inf = std::numeric_limits<double>::infinity();
  QueryResult result = rows_of(
      {"n", "x", "s", "list", "map", "node"},
      {{int64_t{-5}, 1.0, "tab\there", ValueList{1, 2.5, Value(), true, "x"},
        ValueMap{{"nan", std::nan("")}, {"neg", -inf}, {"inner", ValueMap{{"deep", ValueList{}}}}},
        node(4, {"Service"}, {{"name", "NaN Infinity"}})},
       {Value(), -0.5, "", ValueList{}, ValueMap{}, Value(false)}});
  result.stats.nodes_created = 3;
  result.stats.properties_removed = 1;

  const Json expected = {
      {"columns", {"n", "x", "s", "list", "map", "node"}},
      {"rows",
       {{-5, 1.0, "tab\there", {1, 2.5, nullptr, true, "x"},
         {{"nan", "<NaN>"}, {"neg", "<-Infinity>"}, {"inner", {{"deep", Json::array()}}}},
         {{"~node", {{"id", 4}, {"labels", {"Service"}}, {"properties", {{"name", "NaN Infinity"}}}}}}},
        {nullptr, -0.5, "", Json::array(), Json::object(), false}}},
      {"stats",
       {{"nodes_created", 3}, {"nodes_deleted", 0}, {"relationships_created", 0}, {"relationships_deleted", 0},
        {"labels_added", 0}, {"labels_removed", 0}, {"properties_set", 0}, {"properties_removed", 1},
        {"indexes_added", 0}, {"indexes_removed", 0}, {"constraints_added", 0}, {"constraints_removed", 0}}},
  };
  const std::string text = render(result, OutputFormat::kJson);
  REQUIRE(std::count(text.begin(), text.end(), '\n') == 1);
  const Json parsed = parse_json(text);
  REQUIRE(parsed == expected);
  REQUIRE(parsed["rows"][0][1].is_number_float());  // 1.0 stays a float
}

TEST_CASE("result format: json of a statement without rows still has columns, rows and stats", "[render]") {
  QueryResult result;
  result.stats.nodes_created = 2;
  result.stats.relationships_deleted = 1;
  result.stats.labels_added = 3;
  result.stats.properties_set = 4;
  REQUIRE(render(result, OutputFormat::kJson) ==
          "{\"columns\": [], \"rows\": [], \"stats\": {\"nodes_created\": 2, \"nodes_deleted\": 0, "
          "\"relationships_created\": 0, \"relationships_deleted\": 1, \"labels_added\": 3, \"labels_removed\": 0, "
          "\"properties_set\": 4, \"properties_removed\": 0, \"indexes_added\": 0, \"indexes_removed\": 0, "
          "\"constraints_added\": 0, \"constraints_removed\": 0}}\n");

  SECTION("a result that returns rows but has none is the same apart from its columns") {
    REQUIRE(render(rows_of({"a", "b"}, {}), OutputFormat::kJson) ==
            std::string("{\"columns\": [\"a\", \"b\"], \"rows\": [], ") + kZeroStats + "}\n");
  }
  SECTION("EXPLAIN's plan comes after the stats") {
    result.plan = "Produce\n  AllNodesScan";
    REQUIRE(render(result, OutputFormat::kJson).find("\"constraints_removed\": 0}, \"plan\": \"Produce\\n  AllNodesScan\"}\n") !=
            std::string::npos);
  }
}

TEST_CASE("result format: rows shorter or longer than the columns are rendered as wide as the columns", "[render]") {
  QueryResult result = rows_of({"a", "b"}, {{1}, {1, 2, 3}});
  REQUIRE(render(result, OutputFormat::kJson) ==
          std::string("{\"columns\": [\"a\", \"b\"], \"rows\": [[1, null], [1, 2]], ") + kZeroStats + "}\n");
  REQUIRE(render(result, OutputFormat::kCsv) == "a,b\n1,\n1,2\n");
}

// ---------------------------------------------------------------- jsonl

TEST_CASE("result format: jsonl writes one object per row keyed by column name, nothing without rows", "[render]") {
  QueryResult result = rows_of({"name", "n.score", "node"}, {{"Amazon S3", 2.0, NodeValue{7, nullptr}},
                                                             {Value(), std::nan(""), Value()}});
  REQUIRE(render(result, OutputFormat::kJsonl) ==
          "{\"name\": \"Amazon S3\", \"n.score\": 2.0, \"node\": {\"~node\": {\"id\": 7, \"labels\": [], "
          "\"properties\": {}}}}\n"
          "{\"name\": null, \"n.score\": NaN, \"node\": null}\n");

  QueryResult write;
  write.stats.nodes_created = 1;
  REQUIRE(render(write, OutputFormat::kJsonl).empty());
  REQUIRE(render(rows_of({"a"}, {}), OutputFormat::kJsonl).empty());
}

// ---------------------------------------------------------------- csv, tsv, plain

TEST_CASE("result format: csv quotes only fields that need it and writes null as nothing", "[render]") {
  QueryResult result = rows_of(
      {"name", "a,b", "empty", "nothing", "list", "f"},
      {{"Amazon S3", "say \"hi\", then\nleave", "", Value(), ValueList{1, "a", Value()}, 1.0},
       {node(1, {"Service"}, {{"name", "Amazon S3"}}), node(2, {"Service"}, {{"name", "S3"}, {"tier", 1}}),
        "cr\rhere", "-Infinity", std::numeric_limits<double>::infinity(), int64_t{-3}}});
  REQUIRE(render(result, OutputFormat::kCsv) ==
          "name,\"a,b\",empty,nothing,list,f\n"
          "Amazon S3,\"say \"\"hi\"\", then\nleave\",\"\",,\"[1, 'a', null]\",1.0\n"
          "(:Service {name: 'Amazon S3'}),\"(:Service {name: 'S3', tier: 1})\",\"cr\rhere\",-Infinity,Infinity,-3\n");

  SECTION("invalid UTF-8 becomes U+FFFD") {
    REQUIRE(render(rows_of({"x"}, {{std::string("a\xff")}}), OutputFormat::kCsv) == std::string("x\na") + kFFFD + "\n");
  }
  SECTION("no rows: the header alone; no result: nothing") {
    REQUIRE(render(rows_of({"a", "b"}, {}), OutputFormat::kCsv) == "a,b\n");
    REQUIRE(render(QueryResult{}, OutputFormat::kCsv).empty());
  }
}

TEST_CASE("result format: tsv escapes tabs, line breaks and backslashes", "[render]") {
  QueryResult result = rows_of({"t\tab", "value", "n"}, {{"tab\there", "back\\slash\nline\r", Value()},
                                                         {"a \"quoted\" 'word'", ValueList{"x\ty"}, 2.5}});
  REQUIRE(render(result, OutputFormat::kTsv) ==
          "t\\tab\tvalue\tn\n"
          "tab\\there\tback\\\\slash\\nline\\r\t\n"
          "a \"quoted\" 'word'\t['x\\\\ty']\t2.5\n");
  REQUIRE(render(QueryResult{}, OutputFormat::kTsv).empty());
}

TEST_CASE("result format: plain writes tab-separated values with strings bare, header first", "[render]") {
  QueryResult result = rows_of({"name", "n", "labels"}, {{"Amazon S3", 3, ValueList{"Service"}},
                                                         {"it's", Value(), ValueList{}}});
  REQUIRE(render(result, OutputFormat::kPlain) ==
          "name\tn\tlabels\n"
          "Amazon S3\t3\t['Service']\n"
          "it's\t\t[]\n");
  REQUIRE(render(QueryResult{}, OutputFormat::kPlain).empty());
}

// ---------------------------------------------------------------- markdown

TEST_CASE("result format: markdown writes a GitHub table with pipes escaped and numbers right-aligned", "[render]") {
  QueryResult result = rows_of({"name|alias", "n"}, {{"a|b", 1}, {"back\\slash\r\nnext\tcol", Value()},
                                                     {node(1, {"Service"}, {{"name", "S3"}}), 2.5}});
  REQUIRE(render(result, OutputFormat::kMarkdown) ==
          "| name\\|alias | n |\n"
          "| --- | ---: |\n"
          "| a\\|b | 1 |\n"
          "| back\\\\slash<br>next col |  |\n"
          "| (:Service {name: 'S3'}) | 2.5 |\n");
  REQUIRE(render(QueryResult{}, OutputFormat::kMarkdown).empty());
}

// ---------------------------------------------------------------- table

TEST_CASE("result format: table draws a box with numbers right-aligned and a row count", "[render]") {
  QueryResult result = rows_of({"name", "count", "score"}, {{"Amazon S3", 3, Value()}, {"SageMaker", 12, 2.5}});
  REQUIRE(render(result, OutputFormat::kTable) ==
          "┌───────────┬───────┬───────┐\n"
          "│ name      │ count │ score │\n"
          "├───────────┼───────┼───────┤\n"
          "│ Amazon S3 │     3 │  null │\n"
          "│ SageMaker │    12 │   2.5 │\n"
          "└───────────┴───────┴───────┘\n"
          "2 rows\n");

  SECTION("entities and paths, compact: labels and name or id, relationship types") {
    const std::string path = "(:Service {name: 'Amazon S3'})-[:STORES]->(:Concept:Storage)<-[:FEEDS]-({k: 1.5})";
    const size_t w = path.size();
    auto line = [&](const std::string& text) { return "│ " + text + std::string(w - text.size(), ' ') + " │\n"; };
    QueryResult entities = rows_of({"x"}, {{sample_path()}, {NodeValue{7, nullptr}}, {rel(10, "STORES", 1, 2, {{"since", 2006}})},
                                           {ValueList{node(4, {"Task"}, {{"id", "t1.1"}, {"number", "1.1"}})}}});
    REQUIRE(render(entities, OutputFormat::kTable) ==
            "┌" + repeat("─", w + 2) + "┐\n" + line("x") + "├" + repeat("─", w + 2) + "┤\n" + line(path) + line("(#7)") +
                line("[:STORES]") + line("[(:Task {id: 't1.1'})]") + "└" + repeat("─", w + 2) + "┘\n" + "4 rows\n");
  }
  SECTION("entities and paths as Cypher literals, every property") {
    const std::string path = "<(:Service {name: 'Amazon S3'})-[:STORES {since: 2006}]->(:Concept:Storage)<-[:FEEDS]-({k: 1.5})>";
    REQUIRE(path.size() == 97);
    const std::string rule = repeat("─", 99);
    QueryResult entities = rows_of({"x"}, {{sample_path()}, {NodeValue{7, nullptr}}});
    RenderOptions every_property;
    every_property.compact_entities = false;
    REQUIRE(render(entities, OutputFormat::kTable, every_property) ==
            "┌" + rule + "┐\n"
            "│ x" + std::string(96, ' ') + " │\n"
            "├" + rule + "┤\n"
            "│ " + path + " │\n"
            "│ (#7)" + std::string(93, ' ') + " │\n"
            "└" + rule + "┘\n"
            "2 rows\n");
  }
  SECTION("one row, and none") {
    REQUIRE(render(rows_of({"a"}, {{1}}), OutputFormat::kTable) == "┌───┐\n│ a │\n├───┤\n│ 1 │\n└───┘\n1 row\n");
    REQUIRE(render(rows_of({"a"}, {}), OutputFormat::kTable) == "┌───┐\n│ a │\n├───┤\n└───┘\n0 rows\n");
  }
  SECTION("ASCII frame") {
    RenderOptions ascii;
    ascii.ascii = true;
    REQUIRE(render(rows_of({"a", "bb"}, {{1, "x"}}), OutputFormat::kTable, ascii) ==
            "+---+----+\n| a | bb |\n+---+----+\n| 1 | x  |\n+---+----+\n1 row\n");
  }
}

TEST_CASE("result format: table states what a write statement changed", "[render]") {
  QueryResult write;
  write.stats.nodes_created = 2;
  write.stats.relationships_created = 1;
  write.stats.labels_removed = 1;
  write.stats.properties_set = 4;
  write.stats.properties_removed = 2;
  REQUIRE(render(write, OutputFormat::kTable) ==
          "Created 2 nodes and 1 relationship, removed 1 label and 2 properties, set 4 properties.\n");

  QueryResult one_each;
  one_each.stats.nodes_deleted = 1;
  one_each.stats.relationships_deleted = 1;
  one_each.stats.labels_added = 1;
  REQUIRE(render(one_each, OutputFormat::kTable) == "Deleted 1 node and 1 relationship, added 1 label.\n");

  QueryResult index;
  index.stats.indexes_added = 1;
  REQUIRE(render(index, OutputFormat::kTable) == "Added 1 index.\n");
  QueryResult constraints;
  constraints.stats.constraints_added = 1;
  constraints.stats.indexes_removed = 2;
  REQUIRE(render(constraints, OutputFormat::kTable) == "Removed 2 indexes, added 1 constraint.\n");

  REQUIRE(render(QueryResult{}, OutputFormat::kTable) == "(no changes, no records)\n");

  SECTION("a write statement that returns rows has both lines") {
    QueryResult both = rows_of({"n"}, {{1}});
    both.stats.properties_set = 1;
    REQUIRE(render(both, OutputFormat::kTable) == "┌───┐\n│ n │\n├───┤\n│ 1 │\n└───┘\n1 row\nSet 1 property.\n");
  }
  SECTION("EXPLAIN's plan is all it shows; a write's plan comes before its summary") {
    QueryResult explain;
    explain.plan = "Produce\n  AllNodesScan";
    REQUIRE(render(explain, OutputFormat::kTable) == "Produce\n  AllNodesScan\n");
    explain.stats.nodes_created = 1;
    REQUIRE(render(explain, OutputFormat::kTable) == "Produce\n  AllNodesScan\nCreated 1 node.\n");
  }
}

TEST_CASE("result format: table fits max_width by narrowing wide columns fairly and marking cuts", "[render]") {
  QueryResult result = rows_of({"id", "description", "name"},
                               {{1, "A fully managed service to build, train and deploy models", "Amazon SageMaker"},
                                {2, "Object storage", "Amazon S3"}});
  RenderOptions options;
  options.max_width = 40;
  const std::string text = render(result, OutputFormat::kTable, options);
  REQUIRE(text ==
          "┌────┬────────────────┬────────────────┐\n"
          "│ id │ description    │ name           │\n"
          "├────┼────────────────┼────────────────┤\n"
          "│  1 │ A fully manag… │ Amazon SageMa… │\n"
          "│  2 │ Object storage │ Amazon S3      │\n"
          "└────┴────────────────┴────────────────┘\n"
          "2 rows\n");

  SECTION("a narrowed table uses the whole width, whatever it is, down to one character a column") {
    const size_t natural = columns_of(lines_of(render(result, OutputFormat::kTable))[0]);
    REQUIRE(natural == 85);
    for (size_t width = 13; width <= natural + 1; ++width) {
      options.max_width = width;
      const auto lines = lines_of(render(result, OutputFormat::kTable, options));
      for (size_t i = 0; i + 1 < lines.size(); ++i) {
        INFO("max_width " << width << ": " << lines[i]);
        REQUIRE(columns_of(lines[i]) == std::min(width, natural));
      }
    }
  }
  SECTION("a table that fits is not touched") {
    options.max_width = 200;
    REQUIRE(render(result, OutputFormat::kTable, options) == render(result, OutputFormat::kTable));
  }
  SECTION("too narrow for the frame: one character a column") {
    options.max_width = 5;
    REQUIRE(lines_of(render(result, OutputFormat::kTable, options))[3] == "│ 1 │ … │ … │");
  }
  SECTION("the ASCII ellipsis is three dots") {
    options.ascii = true;
    REQUIRE(lines_of(render(result, OutputFormat::kTable, options))[3] == "|  1 | A fully man... | Amazon Sage... |");
  }
}

TEST_CASE("result format: table announces the rows that max_rows hides", "[render]") {
  std::vector<ValueList> rows;
  for (int i = 1; i <= 5; ++i) rows.push_back({i});
  RenderOptions options;
  options.max_rows = 2;
  REQUIRE(render(rows_of({"i"}, rows), OutputFormat::kTable, options) ==
          "┌───┐\n│ i │\n├───┤\n│ 1 │\n│ 2 │\n└───┘\n"
          "5 rows, 3 not shown: :last shows them all\n");
  options.max_rows = 4;
  REQUIRE(lines_of(render(rows_of({"i"}, rows), OutputFormat::kTable, options)).back() ==
          "5 rows, 1 not shown: :last shows them all");
  options.max_rows = 5;
  REQUIRE(lines_of(render(rows_of({"i"}, rows), OutputFormat::kTable, options)).back() == "5 rows");
}

TEST_CASE("result format: table counts East Asian wide characters as two columns", "[render]") {
  QueryResult result = rows_of({"name"}, {{"日本語"}, {"abc"}});
  REQUIRE(render(result, OutputFormat::kTable) ==
          "┌────────┐\n"
          "│ name   │\n"
          "├────────┤\n"
          "│ 日本語 │\n"
          "│ abc    │\n"
          "└────────┘\n"
          "2 rows\n");
  RenderOptions options;
  options.max_width = 8;
  REQUIRE(render(result, OutputFormat::kTable, options) ==
          "┌──────┐\n"
          "│ name │\n"
          "├──────┤\n"
          "│ 日…  │\n"
          "│ abc  │\n"
          "└──────┘\n"
          "2 rows\n");
  SECTION("combining marks take no column") {
    REQUIRE(lines_of(render(rows_of({"abc"}, {{"e\xCC\x81"}}), OutputFormat::kTable))[3] == "│ e\xCC\x81   │");
  }
}

TEST_CASE("result format: table shows control characters as escapes and colours only when asked", "[render]") {
  QueryResult result = rows_of({"s", "n"}, {{std::string("a\nb\tc\x1b[31m\xc2\x85" "end\xff"), Value()}});
  const std::string plain = render(result, OutputFormat::kTable);
  REQUIRE(lines_of(plain)[3] == std::string("│ a\\nb\\tc\\u001b[31m\\u0085end") + kFFFD + " │ null │");
  REQUIRE(plain.find('\x1b') == std::string::npos);

  RenderOptions color;
  color.color = true;
  const auto lines = lines_of(render(result, OutputFormat::kTable, color));
  REQUIRE(lines[1] == "│ \x1b[1ms\x1b[0m" + std::string(26, ' ') + " │ \x1b[1mn\x1b[0m" + std::string(3, ' ') + " │");
  REQUIRE(lines[3] == std::string("│ a\\nb\\tc\\u001b[31m\\u0085end") + kFFFD + " │ \x1b[2mnull\x1b[0m │");
}

// The GraphML reader: files other tools write (networkx, yEd, Gephi-like),
// values kept byte for byte, keys nobody declared in advance, and errors
// with file, line and column.

#include <catch2/catch.hpp>

#include <fstream>

#include "engine/database.hpp"
#include "engine/load/graphml_reader.hpp"
#include "engine/load/pg_document.hpp"
#include "support/graph_dump.hpp"
#include "support/temp_dir.hpp"
#include "support/test_db.hpp"

using namespace mlkg;

namespace {

load::PgDocument read(const std::string& text) {
  load::PgDocument doc;
  load::PgDocumentBuilder builder(&doc);
  load::PgParseOptions options;
  options.source_name = "g.graphml";
  Status s = load::parse_graphml(text, builder, options);
  INFO(s.to_string());
  REQUIRE(s.ok());
  return doc;
}

std::string error_of(const std::string& text) {
  load::PgDocument doc;
  load::PgDocumentBuilder builder(&doc);
  load::PgParseOptions options;
  options.source_name = "g.graphml";
  Status s = load::parse_graphml(text, builder, options);
  REQUIRE(!s.ok());
  return s.message();
}

const pg::PgProperty* property(const pg::PgNode& n, const std::string& key) {
  for (const auto& p : n.properties)
    if (p.key == key) return &p;
  return nullptr;
}

// As networkx's write_graphml writes it: keys d0, d1, ..., node ids the
// names, an undirected graph, a key for="graph".
constexpr const char* kNetworkx = R"(<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="d3" for="edge" attr.name="weight" attr.type="double" />
  <key id="d2" for="node" attr.name="rank" attr.type="long" />
  <key id="d1" for="node" attr.name="ok" attr.type="boolean"><default>false</default></key>
  <key id="d0" for="graph" attr.name="name" attr.type="string" />
  <graph edgedefault="undirected">
    <data key="d0">demo</data>
    <node id="alpha">
      <data key="d2">3</data>
      <data key="d1">true</data>
    </node>
    <node id="beta" />
    <edge source="alpha" target="beta">
      <data key="d3">0.5</data>
    </edge>
  </graph>
</graphml>
)";

}  // namespace

TEST_CASE("graphml reader: a networkx file: GraphML ids name the nodes, types and defaults apply, undirected edges",
          "[load][graphml]") {
  auto doc = read(kNetworkx);
  REQUIRE(doc.nodes().size() == 2);
  const auto& alpha = doc.nodes()[0];
  CHECK(alpha.id == "alpha");
  REQUIRE(property(alpha, "rank"));
  CHECK(property(alpha, "rank")->values == std::vector<Value>{Value(int64_t{3})});
  CHECK(property(alpha, "ok")->values == std::vector<Value>{Value(true)});
  CHECK(property(doc.nodes()[1], "ok")->values == std::vector<Value>{Value(false)});  // the key's <default>
  REQUIRE(doc.edges().size() == 1);
  CHECK_FALSE(doc.edges()[0].directed);
  CHECK(doc.edges()[0].labels.empty());  // no `label` key: the importer's default type
  CHECK(doc.edges()[0].properties[0].values == std::vector<Value>{Value(0.5)});
}

TEST_CASE("graphml reader: yEd graphics and foreign elements are skipped, and values keep every space",
          "[load][graphml]") {
  auto doc = read(R"(<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key attr.name="description" attr.type="string" for="node" id="d5"/>
  <key attr.name="labels" attr.type="string" for="node" id="l"/>
  <key attr.name="label" attr.type="string" for="edge" id="t"/>
  <graph edgedefault="directed" id="G">
    <node id="n0">
      <data key="d5">  two  spaces
and a line &amp; an entity  </data>
      <data key="l">:Service:Feature</data>
      <data key="d6"><y:ShapeNode><y:NodeLabel>drawn</y:NodeLabel></y:ShapeNode></data>
    </node>
    <node id="n1"/>
    <edge id="e0" source="n0" target="n1"><data key="t">USES</data></edge>
    <edge id="e1" source="n1" target="n0" directed="false"/>
  </graph>
</graphml>)");
  REQUIRE(doc.nodes().size() == 2);
  const auto& n0 = doc.nodes()[0];
  CHECK(n0.labels == std::vector<std::string>{"Service", "Feature"});
  REQUIRE(n0.properties.size() == 1);
  CHECK(n0.properties[0].values[0].as_string() == "  two  spaces\nand a line & an entity  ");
  REQUIRE(doc.edges().size() == 2);
  CHECK(doc.edges()[0].labels == std::vector<std::string>{"USES"});
  CHECK(doc.edges()[0].directed);
  CHECK_FALSE(doc.edges()[1].directed);
}

TEST_CASE("graphml reader: a value under a key no <key> declares is an error, not dropped", "[load][graphml]") {
  const std::string msg = error_of(R"(<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key attr.name="name" attr.type="string" for="node" id="d0"/>
  <graph edgedefault="directed">
    <node id="n0"><data key="d0">kept</data>
      <data key="nobody">would be lost</data></node>
  </graph>
</graphml>)");
  INFO(msg);
  CHECK(msg.find(":6:7: the <data> element's key 'nobody' is declared by no <key> element") != std::string::npos);
}

TEST_CASE("graphml reader: errors name the file, line and column and show the line", "[load][graphml]") {
  SECTION("XML that is not well formed") {
    const std::string msg = error_of("<graphml>\n  <graph>\n    <node id=\"a\">\n  </graph>\n</graphml>\n");
    INFO(msg);
    CHECK(msg.rfind("g.graphml:4:", 0) == 0);
    CHECK(msg.find("not well-formed XML: mismatched tag") != std::string::npos);
    CHECK(msg.find("\n  </graph>\n") != std::string::npos);
  }
  SECTION("a value that is not its key's type") {
    const std::string msg = error_of(
        "<graphml>\n<key id=\"k\" for=\"node\" attr.name=\"rank\" attr.type=\"long\"/>\n<graph>\n"
        "<node id=\"a\"><data key=\"k\">twelve</data></node>\n</graph></graphml>");
    INFO(msg);
    CHECK(msg.rfind("g.graphml:4:", 0) == 0);
    CHECK(msg.find("the value 'twelve' of the key 'rank' is not a long") != std::string::npos);
  }
  SECTION("nested graphs") {
    const std::string msg =
        error_of("<graphml><graph>\n<node id=\"a\"><graph id=\"inner\"/></node>\n</graph></graphml>");
    INFO(msg);
    CHECK(msg.find("g.graphml:2:") == 0);
    CHECK(msg.find("nested graphs are not supported") != std::string::npos);
  }
  SECTION("two nodes with one id") {
    const std::string msg = error_of(
        "<graphml><key id=\"i\" for=\"node\" attr.name=\"id\"/><graph>\n<node id=\"a\"><data key=\"i\">x</data></node>\n"
        "<node id=\"b\"><data key=\"i\">x</data></node>\n</graph></graphml>");
    INFO(msg);
    CHECK(msg.find("g.graphml:3:") == 0);
    CHECK(msg.find("two nodes have the id 'x' (the other is on line 2)") != std::string::npos);
  }
  SECTION("not GraphML at all") { CHECK(error_of("<html><body/></html>").find("no GraphML graph") != std::string::npos); }
}

TEST_CASE("graphml import: all or nothing across files", "[load][graphml]") {
  test::TempDir dir;
  auto db = test::open_db(dir.sub("db"));
  std::ofstream(dir.sub("good.graphml")) << kNetworkx;
  std::ofstream(dir.sub("bad.graphml")) << "<graphml><graph><node id=\"x\"></graph></graphml>";
  load::ImportStats stats;
  Status s = db->import_files({dir.sub("good.graphml"), dir.sub("bad.graphml")}, load::ImportOptions{}, &stats);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find("bad.graphml:1:") != std::string::npos);
  CHECK(test::canonical_dump(db->store()).empty());
  REQUIRE(db->import_files({dir.sub("good.graphml")}, load::ImportOptions{}, &stats).ok());
  CHECK(stats.nodes_created == 2);
  CHECK(stats.relationships_created == 1);
  CHECK(stats.undirected_edges == 1);
}

// The neo4j-csv reader: neo4j-admin's and Neptune's header format, RFC 4180
// fields, and errors with file, line and column.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "engine/database.hpp"
#include "engine/load/neo4j_csv_reader.hpp"
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
  options.source_name = "f.csv";
  Status s = load::parse_neo4j_csv(text, builder, options);
  INFO(s.to_string());
  REQUIRE(s.ok());
  return doc;
}

std::string error_of(const std::string& text) {
  load::PgDocument doc;
  load::PgDocumentBuilder builder(&doc);
  load::PgParseOptions options;
  options.source_name = "f.csv";
  Status s = load::parse_neo4j_csv(text, builder, options);
  REQUIRE(!s.ok());
  return s.message();
}

void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

}  // namespace

TEST_CASE("neo4j-csv reader: the neo4j-admin tutorial's movies, actors and roles import", "[load][csv]") {
  test::TempDir dir;
  write(dir.sub("movies.csv"),
        "movieId:ID,title,year:int,:LABEL\n"
        "tt0133093,\"The Matrix\",1999,Movie\n"
        "tt0234215,\"The Matrix Reloaded\",2003,Movie;Sequel\n");
  write(dir.sub("actors.csv"), "personId:ID,name,:LABEL\nkeanu,\"Keanu Reeves\",Actor\n");
  write(dir.sub("roles.csv"),
        ":START_ID,role,:END_ID,:TYPE\nkeanu,\"Neo\",tt0133093,ACTED_IN\nkeanu,\"Neo\",tt0234215,ACTED_IN\n");
  auto db = test::open_db(dir.sub("db"));
  load::ImportStats stats;
  Status s = db->import_files({dir.sub("movies.csv"), dir.sub("actors.csv"), dir.sub("roles.csv")},
                              load::ImportOptions{}, &stats);
  INFO(s.to_string());
  REQUIRE(s.ok());
  CHECK(stats.nodes_created == 3);
  CHECK(stats.relationships_created == 2);
  auto r = db->execute("MATCH (a:Actor)-[r:ACTED_IN]->(m:Sequel) RETURN a.id, a.personId, a.name, r.role, m.title, m.year");
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0][0] == Value("keanu"));
  CHECK(r.rows[0][1] == Value("keanu"));  // personId:ID keeps the id under its own name too
  CHECK(r.rows[0][3] == Value("Neo"));
  CHECK(r.rows[0][5] == Value(int64_t{2003}));
}

TEST_CASE("neo4j-csv reader: types, arrays, quoting, trimming and empty fields", "[load][csv]") {
  auto doc = read(
      "id:ID,:LABEL,n:long,f:double,b:boolean,tags:string[],nums:int[],s,when:datetime,skip:IGNORE\n"
      "a,A;B,  42 ,1.5,TRUE,\"x;y\",1;2,\"  kept  , \"\"quoted\"\"\nnext line\",2024-01-01T00:00Z,zzz\n"
      "b,,,,,,,\"\",,\n");
  REQUIRE(doc.nodes().size() == 2);
  const auto& a = doc.nodes()[0];
  CHECK(a.labels == std::vector<std::string>{"A", "B"});
  std::map<std::string, std::vector<Value>> props;
  std::map<std::string, bool> lists;
  for (const auto& p : a.properties) props[p.key] = p.values, lists[p.key] = p.list;
  CHECK(props["n"] == std::vector<Value>{Value(int64_t{42})});
  CHECK(props["f"] == std::vector<Value>{Value(1.5)});
  CHECK(props["b"] == std::vector<Value>{Value(true)});
  CHECK(props["tags"] == std::vector<Value>{Value("x"), Value("y")});
  CHECK(lists["tags"]);
  CHECK(props["nums"] == std::vector<Value>{Value(int64_t{1}), Value(int64_t{2})});
  CHECK(props["s"] == std::vector<Value>{Value("  kept  , \"quoted\"\nnext line")});
  CHECK(props["when"] == std::vector<Value>{Value("2024-01-01T00:00Z")});
  CHECK(props.count("skip") == 0);
  const auto& b = doc.nodes()[1];
  REQUIRE(b.properties.size() == 1);  // only the quoted empty string
  CHECK(b.properties[0].key == "s");
  CHECK(b.properties[0].values == std::vector<Value>{Value("")});
}

TEST_CASE("neo4j-csv reader: Neptune's relationship ids become the relationship's id", "[load][csv]") {
  auto doc = read(":ID,:START_ID,:END_ID,:TYPE,since:int\nr1,a,b,KNOWS,2020\n");
  REQUIRE(doc.edges().size() == 1);
  CHECK(doc.edges()[0].id == std::optional<std::string>("r1"));
  CHECK(doc.edges()[0].labels == std::vector<std::string>{"KNOWS"});
}

TEST_CASE("neo4j-csv reader: errors name the file, line and column", "[load][csv]") {
  SECTION("a value of the wrong type, on a line after a multi-line field") {
    const std::string msg = error_of("id:ID,s,n:int\na,\"one\ntwo\",1\nb,x,seven\n");
    INFO(msg);
    CHECK(msg.rfind("f.csv:4:5: 'seven' is not an integer (column 'n')", 0) == 0);
    CHECK(msg.find("\nb,x,seven\n    ^") != std::string::npos);
  }
  SECTION("a row with too many fields") {
    const std::string msg = error_of("id:ID,name\na,b,c\n");
    CHECK(msg.rfind("f.csv:2:3: this row has 3 fields; the header has 2", 0) == 0);
  }
  SECTION("no :ID in a node file") {
    CHECK(error_of("name,:LABEL\nx,A\n").find("a node file needs an :ID column") != std::string::npos);
  }
  SECTION("a quote that never closes") {
    CHECK(error_of("id:ID,name\na,\"open\n").find("f.csv:2:3: this quoted field never ends") == 0);
  }
  SECTION("a relationship file with only one end") {
    CHECK(error_of(":START_ID,:TYPE\na,T\n").find("needs both :START_ID and :END_ID") != std::string::npos);
  }
  SECTION("a type the format does not have") {
    const std::string msg = error_of("id:ID,x:wibble\na,1\n");
    INFO(msg);
    CHECK(msg.rfind("f.csv:1:7: the header cell 'x:wibble' has the unknown type 'wibble'", 0) == 0);
  }
  SECTION("bytes that are not UTF-8, and NUL bytes") {
    std::string msg = error_of("id:ID,name\na,ok\nb,caf\xE9\n");
    INFO(msg);
    CHECK(msg.rfind("f.csv:3:6: invalid UTF-8 byte 0xE9 (the file must be UTF-8)", 0) == 0);
    msg = error_of(std::string("id:ID,name\r\na,x\0y\r\n", 19));
    INFO(msg);
    CHECK(msg.rfind("f.csv:2:4: a NUL byte", 0) == 0);
  }
}

TEST_CASE("neo4j-csv reader: a byte order mark is not part of the first header cell", "[load][csv]") {
  auto doc = read("\xEF\xBB\xBFid:ID,name\na,\xC3\xA9t\xC3\xA9\n");
  REQUIRE(doc.nodes().size() == 1);
  CHECK(doc.nodes()[0].id == "a");
  CHECK(doc.nodes()[0].properties.at(0).key == "name");
}

TEST_CASE("neo4j-csv import: a bad file stops the whole import, and names itself", "[load][csv]") {
  test::TempDir dir;
  write(dir.sub("nodes.csv"), "id:ID,:LABEL\na,A\nb,A\n");
  write(dir.sub("rels.csv"), ":START_ID,:END_ID,:TYPE,w:double\na,b,R,0.5\na,b,R,heavy\n");
  auto db = test::open_db(dir.sub("db"));
  load::ImportStats stats;
  Status s = db->import_files({dir.sub("nodes.csv"), dir.sub("rels.csv")}, load::ImportOptions{}, &stats);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find("rels.csv:3:") != std::string::npos);
  CHECK(test::canonical_dump(db->store()).empty());
}

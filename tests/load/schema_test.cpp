#include <catch2/catch.hpp>

#include <fstream>

#include "engine/database.hpp"
#include "engine/load/schema.hpp"
#include "support/graph_dump.hpp"
#include "support/temp_dir.hpp"
#include "support/test_db.hpp"

using namespace mlkg;

namespace {

const char* kSchema = R"(# a small schema
label:Service :NodeLabel description:"An AWS service."
  prop.name:STRING! prop.tier:INTEGER prop.score:FLOAT prop.aliases:"LIST<STRING>"
  prop.scope:STRING! values.scope:IN,OUT
label:UseCase :NodeLabel prop.name:STRING!
type:FITS :RelationshipType from:Service to:UseCase prop.source:STRING! prop.confirmed:BOOLEAN
)";

std::string write_file(const test::TempDir& dir, const std::string& name, const std::string& text) {
  std::string path = dir.sub(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

load::Schema schema() {
  load::Schema s;
  Status st = load::Schema::parse(kSchema, "schema.pg", &s);
  INFO(st.to_string());
  REQUIRE(st.ok());
  return s;
}

Status import_with_schema(Database& db, const std::vector<std::string>& files) {
  load::Schema s = schema();
  load::ImportOptions options;
  options.schema = &s;
  load::ImportStats stats;
  return db.import_files(files, options, &stats);
}

}  // namespace

TEST_CASE("schema: the notation reads into label and type rules", "[load][schema]") {
  load::Schema s = schema();
  REQUIRE(s.labels().size() == 2);
  const load::LabelRule* service = s.label("Service");
  REQUIRE(service);
  REQUIRE(service->description == "An AWS service.");
  REQUIRE(service->properties.size() == 5);
  const load::PropertyRule* aliases = s.node_property({"Service"}, "aliases");
  REQUIRE(aliases);
  REQUIRE(aliases->type.name() == "LIST<STRING>");
  REQUIRE_FALSE(aliases->required);
  REQUIRE(s.node_property({"Service"}, "name")->required);
  REQUIRE(s.node_property({"Service"}, "scope")->allowed == std::vector<std::string>{"IN", "OUT"});
  const load::TypeRule* fits = s.type("FITS");
  REQUIRE(fits);
  REQUIRE(fits->from == std::vector<std::string>{"Service"});
  REQUIRE(fits->to == std::vector<std::string>{"UseCase"});
  // And back from its stored form.
  load::Schema back;
  REQUIRE(load::Schema::from_json(s.to_json(), &back).ok());
  REQUIRE(back.to_json() == s.to_json());
}

TEST_CASE("schema: mistakes in a schema name their place", "[load][schema]") {
  load::Schema s;
  auto error = [&](const std::string& text) {
    Status st = load::Schema::parse(text, "bad.pg", &s);
    REQUIRE_FALSE(st.ok());
    return st.message();
  };
  REQUIRE(error("label:A :NodeLabel prop.x:STRNG\n").rfind("bad.pg:1:20: the type of 'x' must be", 0) == 0);
  REQUIRE(error("A :NodeLabel\n").rfind("bad.pg:1:1: the id of this statement must be label:<name>", 0) == 0);
  REQUIRE(error("label:A :Thing\n").find("a schema statement is") != std::string::npos);
  REQUIRE(error("label:A :NodeLabel values.x:1\n").find("prop.x is not declared") != std::string::npos);
  REQUIRE(error("type:T :RelationshipType from:Nope\n").find("names the label Nope, which is not declared") !=
          std::string::npos);
  REQUIRE(error("label:A :NodeLabel\nlabel:A :NodeLabel\n").rfind("bad.pg:2:1: the label A is declared twice", 0) == 0);
}

TEST_CASE("schema: conforming data loads, with single values of list properties stored as lists", "[load][schema]") {
  test::TempDir dir;
  auto db = test::open_db(dir.sub("db"));
  std::string f = write_file(dir, "ok.pg",
                             "s3 :Service name:\"Amazon S3\" scope:IN aliases:S3 tier:1 score:2\n"
                             "uc-lake :UseCase name:\"A data lake\"\n"
                             "s3 -> uc-lake :FITS source:exam-guide\n");
  Status st = import_with_schema(*db, {f});
  INFO(st.to_string());
  REQUIRE(st.ok());
  REQUIRE(test::canonical_dump(db->store()) ==
          "node 's3' :Service {aliases=['S3']:[STRING,]::LIST;name='Amazon S3'::STRING;scope='IN'::STRING;score=2.0::FLOAT;"
          "tier=1::INTEGER;}\n"
          "node 'uc-lake' :UseCase {name='A data lake'::STRING;}\n"
          "rel 's3' -> 'uc-lake' :FITS {source='exam-guide'::STRING;}\n");
  // The schema is stored with the data and can be queried.
  query::QueryResult r = db->execute(
      "CALL db.schema.nodeTypeProperties() YIELD nodeType, propertyName, propertyTypes, mandatory "
      "WHERE propertyName = 'aliases' RETURN nodeType, propertyTypes, mandatory");
  REQUIRE(r.rows.size() == 1);
  REQUIRE(r.rows[0][0] == Value(":Service"));
  REQUIRE(r.rows[0][1] == Value(ValueList{Value("LIST<STRING>")}));
  REQUIRE(r.rows[0][2] == Value(false));
  query::QueryResult t = db->execute("CALL db.schema.relTypeProperties() YIELD relType, propertyName, from, to "
                                     "WHERE propertyName = 'source' RETURN relType, from, to");
  REQUIRE(t.rows.size() == 1);
  REQUIRE(t.rows[0][1] == Value(ValueList{Value("Service")}));
}

TEST_CASE("schema: every violation fails the load at its place and writes nothing", "[load][schema]") {
  test::TempDir dir;
  auto db = test::open_db(dir.sub("db"));
  auto check = [&](const std::string& text, const std::string& expect) {
    std::string f = write_file(dir, "bad.pg", text);
    Status st = import_with_schema(*db, {f});
    INFO(text);
    INFO(st.message());
    REQUIRE(st.code() == Status::Code::kInvalidArgument);
    REQUIRE(st.message().rfind(f + ":" + expect, 0) == 0);
    REQUIRE(test::canonical_dump(db->store()).empty());
  };
  check("s3 :Servce name:S3 scope:IN\n", "1:5: the label :Servce is not declared in the schema; did you mean :Service?");
  check("s3 :Service name:S3 scope:IN colour:red\n", "1:30: the property 'colour' is not declared for :Service");
  check("s3 :Service name:S3 scope:IN tier:one\n", "1:30: the property 'tier' takes INTEGER, not STRING 'one'");
  check("s3 :Service name:S3 scope:MAYBE\n", "1:21: the property 'scope' cannot be 'MAYBE' (it takes one of IN, OUT)");
  check("s3 :Service name:S3,S4 scope:IN\n", "1:13: the property 'name' takes one STRING, not 2 values");
  check("s3 :Service scope:IN\n", "1:1: the node 's3' (:Service) needs the property 'name' (STRING)");
  check("s3 :Service name:S3 scope:IN\nuc :UseCase name:x\ns3 -> uc :FIT source:x\n",
        "3:11: the relationship type :FIT is not declared in the schema; did you mean :FITS?");
  check("s3 :Service name:S3 scope:IN\nuc :UseCase name:x\ns3 -> uc :FITS\n",
        "3:1: a :FITS relationship needs the property 'source' (STRING)");
  check("s3 :Service name:S3 scope:IN\nuc :UseCase name:x\nuc -> s3 :FITS source:x\n",
        "3:1: a :FITS relationship cannot start at 'uc' (:UseCase); it starts at :Service");
  check("s3 :Service name:S3 scope:IN\ns3 -> uc-lakee :FITS source:x\n",
        "2:7: no file declares the node 'uc-lakee' that this edge names (is the id misspelt?)");
}

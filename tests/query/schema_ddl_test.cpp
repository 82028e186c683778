// Property indexes and uniqueness constraints through Cypher (Neo4j 5's
// DDL): CREATE [RANGE] INDEX, CREATE CONSTRAINT ... IS UNIQUE, DROP INDEX,
// DROP CONSTRAINT, SHOW INDEXES and SHOW CONSTRAINTS; their names, errors and
// statistics; writes that break a constraint; names of definitions stored
// before names were; and the index seeks the planner makes of them.

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include <rocksdb/db.h>

#include "engine/database.hpp"
#include "engine/query/parser/parser.hpp"
#include "engine/storage/catalog.hpp"
#include "engine/storage/key_codec.hpp"
#include "engine/storage/transaction.hpp"
#include "support/query_checks.hpp"
#include "support/temp_dir.hpp"
#include "support/test_db.hpp"

using namespace mlkg;

namespace {

using Strings = std::vector<std::string>;

// The error a statement raises as the CLI shows its first line.
std::string error_of(Database& db, const std::string& text) {
  try {
    db.execute(text);
  } catch (const query::QueryError& e) {
    std::string shown = query::format_error(e, text);
    return shown.substr(0, shown.find('\n'));
  }
  return "no error";
}

// One column of a statement's rows, rendered as literals.
Strings column(Database& db, const std::string& text, size_t index = 0) {
  Strings out;
  for (const auto& row : db.execute(text).rows)
    out.push_back(row.at(index).is_string() ? row[index].as_string() : row[index].to_literal());
  return out;
}

int64_t count_nodes(Database& db) { return db.execute("MATCH (n) RETURN count(n)").rows.at(0).at(0).as_int(); }

void require_consistent(Database& db) {
  storage::CheckReport report;
  REQUIRE(db.check(&report).ok());
  std::string all;
  for (const auto& p : report.problems) all += p + "\n";
  INFO(all);
  REQUIRE(report.ok());
}

void fill(Database& db) {
  db.execute(
      "CREATE (:Service {id: 'kinesis', name: 'Amazon Kinesis'}), (:Service {id: 's3', name: 'Amazon S3'}), "
      "(:Service {id: 'glue', name: 'AWS Glue'}), (:Concept {id: 'kinesis', name: 'Streaming'})");
}

}  // namespace

TEST_CASE("schema DDL: create, show and drop an index and a constraint, and again after reopening",
          "[schema][query]") {
  test::TempDir dir;
  {
    auto db = test::open_db(dir.path());
    fill(*db);
    query::QueryResult index = db->execute("CREATE INDEX FOR (n:Service) ON (n.name)");
    CHECK(index.stats.indexes_added == 1);
    CHECK(index.stats.constraints_added == 0);
    CHECK_FALSE(index.returns_rows);
    query::QueryResult constraint = db->execute("CREATE CONSTRAINT FOR (s:Service) REQUIRE s.id IS UNIQUE");
    CHECK(constraint.stats.constraints_added == 1);
    CHECK(constraint.stats.indexes_added == 0);
    CHECK(db->execute("CREATE RANGE INDEX by_name IF NOT EXISTS FOR (c:Concept) ON (c.name) "
                      "OPTIONS {indexProvider: 'range-1.0', indexConfig: {}}")
              .stats.indexes_added == 1);
    CHECK(db->execute("CREATE FULLTEXT INDEX svc FOR (n:Service) ON EACH [n.name]").stats.indexes_added == 1);

    query::QueryResult shown = db->execute("SHOW INDEXES");
    REQUIRE(shown.columns == Strings{"id", "name", "state", "populationPercent", "type", "entityType",
                                     "labelsOrTypes", "properties", "indexProvider", "owningConstraint"});
    REQUIRE(shown.rows.size() == 4);  // by name
    CHECK(column(*db, "SHOW INDEXES", 1) == Strings{"by_name", "constraint_Service_id", "index_Service_name", "svc"});
    const ValueList& unique = shown.rows[1];
    CHECK(unique[2] == Value("ONLINE"));
    CHECK(unique[3] == Value(100.0));
    CHECK(unique[4] == Value("RANGE"));
    CHECK(unique[5] == Value("NODE"));
    CHECK(unique[6] == test::list({Value("Service")}));
    CHECK(unique[7] == test::list({Value("id")}));
    CHECK(unique[8] == Value("range-1.0"));
    CHECK(unique[9] == Value("constraint_Service_id"));
    CHECK(shown.rows[2][9].is_null());
    CHECK(shown.rows[3][4] == Value("FULLTEXT"));
    CHECK(shown.rows[3][8] == Value("fulltext-1.0"));
    // Ids are distinct across property and full-text indexes.
    Strings ids = column(*db, "SHOW INDEXES", 0);
    std::sort(ids.begin(), ids.end());
    CHECK(std::unique(ids.begin(), ids.end()) == ids.end());
    CHECK(column(*db, "SHOW RANGE INDEXES", 1) == Strings{"by_name", "constraint_Service_id", "index_Service_name"});
    CHECK(column(*db, "SHOW FULLTEXT INDEXES", 1) == Strings{"svc"});
    CHECK(db->execute("SHOW POINT INDEXES").rows.empty());

    query::QueryResult constraints = db->execute("SHOW CONSTRAINTS");
    REQUIRE(constraints.columns ==
            Strings{"id", "name", "type", "entityType", "labelsOrTypes", "properties", "ownedIndex"});
    REQUIRE(constraints.rows.size() == 1);
    CHECK(constraints.rows[0][1] == Value("constraint_Service_id"));
    CHECK(constraints.rows[0][2] == Value("UNIQUENESS"));
    CHECK(constraints.rows[0][3] == Value("NODE"));
    CHECK(constraints.rows[0][4] == test::list({Value("Service")}));
    CHECK(constraints.rows[0][5] == test::list({Value("id")}));
    CHECK(constraints.rows[0][6] == Value("constraint_Service_id"));
    CHECK(db->execute("SHOW UNIQUE CONSTRAINTS").rows.size() == 1);
    CHECK(db->execute("SHOW NODE KEY CONSTRAINTS").rows.empty());
    require_consistent(*db);
  }
  {
    auto db = test::open_db(dir.path());
    CHECK(column(*db, "SHOW INDEXES", 1) == Strings{"by_name", "constraint_Service_id", "index_Service_name", "svc"});
    test::require_error([&] { db->execute("CREATE (:Service {id: 's3'})"); }, "ConstraintVerificationFailed",
                        "ConstraintVerificationFailed");
    query::QueryResult dropped = db->execute("DROP CONSTRAINT constraint_Service_id");
    CHECK(dropped.stats.constraints_removed == 1);
    CHECK(dropped.stats.indexes_removed == 0);
    CHECK(db->execute("DROP INDEX index_Service_name").stats.indexes_removed == 1);
    CHECK(db->execute("DROP INDEX svc").stats.indexes_removed == 1);
    CHECK(db->execute("DROP CONSTRAINT constraint_Service_id IF EXISTS").stats.constraints_removed == 0);
    CHECK(db->execute("DROP INDEX index_Service_name IF EXISTS").stats.indexes_removed == 0);
    CHECK(db->execute("SHOW CONSTRAINTS").rows.empty());
    // The constraint is gone: the value may be there twice now.
    CHECK(db->execute("CREATE (:Service {id: 's3'})").stats.nodes_created == 1);
  }
  {
    auto db = test::open_db(dir.path());
    CHECK(column(*db, "SHOW INDEXES", 1) == Strings{"by_name"});
    require_consistent(*db);
  }
}

TEST_CASE("schema DDL: generated names are readable and unique among indexes, constraints and full-text indexes",
          "[schema][query]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  fill(*db);
  db->execute("CREATE FULLTEXT INDEX index_Service_name FOR (n:Service) ON EACH [n.name]");
  db->execute("CREATE INDEX FOR (n:Service) ON (n.name)");
  db->execute("CREATE CONSTRAINT FOR (n:Concept) REQUIRE (n.id) IS UNIQUE");
  db->execute("CREATE INDEX `odd name` FOR (n:`Odd Label`) ON (n.`odd key`)");
  CHECK(column(*db, "SHOW INDEXES", 1) ==
        Strings{"constraint_Concept_id", "index_Service_name", "index_Service_name_2", "odd name"});
  CHECK(db->execute("DROP INDEX `odd name`").stats.indexes_removed == 1);
  // A name is taken whatever holds it: errors name the holder.
  CHECK(error_of(*db, "CREATE INDEX constraint_Concept_id FOR (n:Service) ON (n.id)") ==
        "SchemaError: ConstraintAlreadyExists: there is already a constraint called constraint_Concept_id (FOR "
        "(n:Concept) REQUIRE n.id IS UNIQUE); drop it first, or add IF NOT EXISTS (line 1, column 14)");
  CHECK(error_of(*db, "CREATE CONSTRAINT index_Service_name_2 FOR (n:Service) REQUIRE n.id IS UNIQUE") ==
        "SchemaError: IndexAlreadyExists: there is already an index called index_Service_name_2 (FOR (n:Service) ON "
        "(n.name)); drop it first, or add IF NOT EXISTS (line 1, column 19)");
  CHECK(error_of(*db, "CREATE FULLTEXT INDEX constraint_Concept_id FOR (n:Service) ON EACH [n.id]")
            .starts_with("SchemaError: ConstraintAlreadyExists: there is already a constraint called"));
  // IF NOT EXISTS: a taken name is enough for nothing to happen.
  CHECK(db->execute("CREATE INDEX constraint_Concept_id IF NOT EXISTS FOR (n:Service) ON (n.id)").stats.indexes_added ==
        0);
  CHECK(column(*db, "SHOW INDEXES", 1).size() == 3);
}

TEST_CASE("schema DDL: Neo4j's errors for existing, equivalent and missing rules", "[schema][query]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  fill(*db);
  db->execute("CREATE INDEX names FOR (n:Service) ON (n.name)");
  db->execute("CREATE CONSTRAINT ids FOR (n:Service) REQUIRE n.id IS UNIQUE");

  SECTION("the same rule again") {
    CHECK(error_of(*db, "CREATE INDEX FOR (n:Service) ON (n.name)") ==
          "SchemaError: EquivalentSchemaRuleAlreadyExists: an equivalent index already exists: names (FOR (n:Service) "
          "ON (n.name)) (line 1, column 1)");
    CHECK(error_of(*db, "CREATE INDEX names FOR (x:Service) ON (x.name)")
              .starts_with("SchemaError: EquivalentSchemaRuleAlreadyExists: "));
    CHECK(error_of(*db, "CREATE CONSTRAINT FOR (n:Service) REQUIRE n.id IS UNIQUE")
              .starts_with("SchemaError: EquivalentSchemaRuleAlreadyExists: an equivalent constraint already exists: ids"));
    CHECK(db->execute("CREATE INDEX IF NOT EXISTS FOR (n:Service) ON (n.name)").stats.indexes_added == 0);
    CHECK(db->execute("CREATE CONSTRAINT IF NOT EXISTS FOR (n:Service) REQUIRE n.id IS UNIQUE").stats.constraints_added ==
          0);
    // A constraint's index serves lookups: CREATE INDEX IF NOT EXISTS on it does nothing.
    CHECK(db->execute("CREATE INDEX IF NOT EXISTS FOR (n:Service) ON (n.id)").stats.indexes_added == 0);
  }
  SECTION("the same schema under another name") {
    CHECK(error_of(*db, "CREATE INDEX other FOR (n:Service) ON (n.name)") ==
          "SchemaError: IndexAlreadyExists: there is already an index on (:Service).name, called names (FOR "
          "(n:Service) ON (n.name)) (line 1, column 14)");
    CHECK(error_of(*db, "CREATE CONSTRAINT other FOR (n:Service) REQUIRE n.id IS UNIQUE")
              .starts_with("SchemaError: ConstraintAlreadyExists: there is already a uniqueness constraint on "
                           "(:Service).id, called ids"));
    CHECK(error_of(*db, "CREATE INDEX FOR (n:Service) ON (n.id)")
              .starts_with("SchemaError: ConstraintAlreadyExists: the uniqueness constraint ids on (:Service).id has "
                           "an index already"));
    CHECK(error_of(*db, "CREATE CONSTRAINT FOR (n:Service) REQUIRE n.name IS UNIQUE")
              .starts_with("SchemaError: IndexAlreadyExists: there is already an index on (:Service).name, called "
                           "names; a uniqueness constraint brings its own index: drop the index first (DROP INDEX "
                           "names)"));
    CHECK(error_of(*db, "CREATE CONSTRAINT IF NOT EXISTS FOR (n:Service) REQUIRE n.name IS UNIQUE")
              .starts_with("SchemaError: IndexAlreadyExists: "));
  }
  SECTION("dropping what is not there, or not of that kind") {
    CHECK(error_of(*db, "DROP INDEX nmes") ==
          "SchemaError: IndexNotFound: there is no index called nmes; did you mean names? (line 1, column 12)");
    CHECK(error_of(*db, "DROP CONSTRAINT idz") ==
          "SchemaError: ConstraintNotFound: there is no constraint called idz; did you mean ids? (line 1, column 17)");
    CHECK(error_of(*db, "DROP INDEX ids") ==
          "SchemaError: ForbiddenOnConstraintIndex: ids is the index of the constraint called ids (FOR (n:Service) "
          "REQUIRE n.id IS UNIQUE); drop the constraint to drop its index: DROP CONSTRAINT ids (line 1, column 12)");
    CHECK(error_of(*db, "DROP INDEX ids IF EXISTS").starts_with("SchemaError: ForbiddenOnConstraintIndex: "));
    CHECK(error_of(*db, "DROP CONSTRAINT names") ==
          "SchemaError: ConstraintNotFound: there is no constraint called names: it is the index called names (FOR "
          "(n:Service) ON (n.name)) (DROP INDEX names drops it) (line 1, column 17)");
    CHECK(db->execute("DROP CONSTRAINT names IF EXISTS").stats.constraints_removed == 0);
    CHECK(db->execute("DROP INDEX nmes IF EXISTS").stats.indexes_removed == 0);
  }
  // Nothing the failed statements tried was kept.
  CHECK(column(*db, "SHOW INDEXES", 1) == Strings{"ids", "names"});
  require_consistent(*db);
}

TEST_CASE("schema DDL: what mlkg does not support is refused saying what it supports", "[schema][query]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  CHECK(error_of(*db, "CREATE INDEX FOR ()-[r:USES]-() ON (r.since)") ==
        "SyntaxError: indexes on relationship properties are not supported: mlkg's indexes cover node properties, as "
        "in CREATE INDEX FOR (n:Service) ON (n.name) (line 1, column 18)");
  CHECK(error_of(*db, "CREATE CONSTRAINT FOR ()-[r:USES]->() REQUIRE r.id IS UNIQUE")
            .starts_with("SyntaxError: constraints on relationship properties are not supported"));
  CHECK(error_of(*db, "CREATE INDEX FOR (n:Service) ON (n.name, n.id)") ==
        "SyntaxError: composite indexes (on several properties) are not supported: each covers one property, as in "
        "CREATE INDEX FOR (n:Service) ON (n.name) (line 1, column 42)");
  CHECK(error_of(*db, "CREATE CONSTRAINT FOR (n:Service) REQUIRE (n.name, n.id) IS UNIQUE")
            .starts_with("SyntaxError: composite constraints (on several properties) are not supported"));
  CHECK(error_of(*db, "CREATE CONSTRAINT FOR (n:Service) REQUIRE n.name IS NOT NULL") ==
        "SyntaxError: IS NOT NULL (property existence) constraints are not supported: mlkg's constraints are "
        "uniqueness constraints on a node property, as in CREATE CONSTRAINT FOR (n:Service) REQUIRE n.id IS UNIQUE "
        "(line 1, column 50)");
  CHECK(error_of(*db, "CREATE CONSTRAINT FOR (n:Service) REQUIRE n.name IS NODE KEY")
            .starts_with("SyntaxError: key constraints are not supported"));
  CHECK(error_of(*db, "CREATE CONSTRAINT FOR (n:Service) REQUIRE n.name IS :: STRING")
            .starts_with("SyntaxError: property type constraints are not supported"));
  CHECK(error_of(*db, "CREATE CONSTRAINT FOR (n:Service) REQUIRE n.name IS TYPED STRING")
            .starts_with("SyntaxError: property type constraints are not supported"));
  CHECK(error_of(*db, "CREATE INDEX FOR (n:Service) ON (m.name)")
            .starts_with("SyntaxError: UndefinedVariable: the property m.name does not use the node pattern's "
                         "variable `n`"));
  CHECK(error_of(*db, "CREATE INDEX FOR (n:Service) ON (n.name) OPTIONS {indexProvider: 'text-2.0'}")
            .starts_with("ArgumentError: InvalidArgumentValue: the only index provider of property indexes is "
                         "'range-1.0', not 'text-2.0'"));
  CHECK(error_of(*db, "CREATE CONSTRAINT `` FOR (n:Service) REQUIRE n.id IS UNIQUE") ==
        "SyntaxError: InvalidArgumentValue: the name of an index or constraint cannot be empty (line 1, column 19)");
  CHECK(error_of(*db, "SHOW FANCY INDEXES")
            .starts_with("SyntaxError: InvalidArgumentValue: unknown kind of index 'FANCY'"));
  // Syntax: each missing part is named where it should be.
  CHECK(error_of(*db, "CREATE INDEX FOR (n) ON (n.name)") ==
        "SyntaxError: UnexpectedSyntax: expected ':' and a label after the variable: an index or constraint covers "
        "the nodes of one label, as in (n:Service); found ')' (line 1, column 20)");
  CHECK(error_of(*db, "CREATE INDEX FOR (n:A:B) ON (n.name)")
            .starts_with("SyntaxError: UnexpectedSyntax: expected ')' to close the node pattern (an index or "
                         "constraint covers the nodes of one label)"));
  CHECK(error_of(*db, "CREATE INDEX FOR (n:Service) ON n.name")
            .starts_with("SyntaxError: UnexpectedSyntax: expected '(' and the property, as in (n.name); found 'n'"));
  CHECK(error_of(*db, "CREATE CONSTRAINT ON (n:Service) ASSERT n.id IS UNIQUE")
            .find("Neo4j 4's ON ... ASSERT is FOR ... REQUIRE") != std::string::npos);
  CHECK(error_of(*db, "CREATE CONSTRAINT FOR (n:Service) REQUIRE n.id IS UNIQE")
            .starts_with("SyntaxError: UnexpectedSyntax: expected UNIQUE after IS"));
  CHECK(error_of(*db, "CREATE RANGE x") ==
        "SyntaxError: UnexpectedSyntax: expected INDEX after CREATE RANGE; found 'x' (line 1, column 14)");
  CHECK(error_of(*db, "DROP x") ==
        "SyntaxError: UnexpectedSyntax: expected INDEX or CONSTRAINT after DROP; found 'x' (line 1, column 6)");
  CHECK(error_of(*db, "SHOW") ==
        "SyntaxError: UnexpectedSyntax: expected INDEXES or CONSTRAINTS after SHOW, as in SHOW INDEXES, SHOW "
        "FULLTEXT INDEXES or SHOW CONSTRAINTS; found the end of the input (line 1, column 5)");
  CHECK(db->execute("SHOW INDEXES").rows.empty());
}

TEST_CASE("schema DDL: statements read back as written", "[schema][query]") {
  for (const char* text : {
           "CREATE INDEX FOR (n:Service) ON (n.name)",
           "CREATE RANGE INDEX by_name IF NOT EXISTS FOR (n:Service) ON (n.name) OPTIONS {indexProvider: 'range-1.0'}",
           "CREATE INDEX `for` FOR (`my var`:`Odd Label`) ON (`my var`.`odd key`)",
           "CREATE INDEX IF NOT EXISTS FOR ()-[r:USES]->() ON (r.since)",
           "CREATE INDEX FOR ()<-[r]-() ON (r.since, r.until)",
           "CREATE CONSTRAINT FOR (n:Service) REQUIRE n.id IS UNIQUE",
           "CREATE CONSTRAINT ids IF NOT EXISTS FOR (n:Service) REQUIRE (n.id) IS UNIQUE",
           "CREATE CONSTRAINT FOR (n:Service) REQUIRE n.id IS NOT NULL",
           "CREATE CONSTRAINT FOR (n:Service) REQUIRE (n.id, n.name) IS NODE KEY",
           "CREATE CONSTRAINT FOR (n:Service) REQUIRE n.id IS :: STRING",
           "DROP INDEX svc", "DROP INDEX `for` IF EXISTS", "DROP CONSTRAINT ids", "DROP CONSTRAINT ids IF EXISTS",
           "SHOW INDEXES", "SHOW RANGE INDEXES", "SHOW FULLTEXT INDEXES", "SHOW CONSTRAINTS",
           "SHOW NODE UNIQUE CONSTRAINTS"}) {
    INFO(text);
    std::vector<query::ast::Statement> parsed = query::parse_script(text);
    REQUIRE(parsed.size() == 1);
    const std::string written = query::ast::to_string(parsed[0]);
    CHECK(written == text);
    CHECK(query::ast::to_string(query::parse_script(written).at(0)) == written);
  }
  // Keywords in any case, INDEX for INDEXES, and words that stay names elsewhere.
  CHECK(query::ast::to_string(query::parse_script("create constraint for (n:A) require n.x is unique").at(0)) ==
        "CREATE CONSTRAINT FOR (n:A) REQUIRE n.x IS UNIQUE");
  CHECK(query::ast::to_string(query::parse_script("show all index").at(0)) == "SHOW ALL INDEXES");
  CHECK(query::ast::to_string(query::parse_script("show constraint").at(0)) == "SHOW CONSTRAINTS");
  CHECK_NOTHROW(query::parse_script("MATCH (constraint:range) WITH constraint AS unique RETURN unique.require AS key"));
  // CREATE followed by a path named like a keyword is still a CREATE clause.
  std::vector<query::ast::Statement> path = query::parse_script("CREATE index = (a)-[:T]->(b)");
  REQUIRE(path.size() == 1);
  CHECK(path[0].query.parts.at(0).clauses.at(0).kind == query::ast::ClauseKind::kCreate);
}

TEST_CASE("uniqueness constraint: data that already breaks it fails naming the value, and nothing is created",
          "[schema][query]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  fill(*db);
  db->execute("CREATE (:Service {id: 'glue', name: 'Glue again'})");
  CHECK(error_of(*db, "CREATE CONSTRAINT FOR (n:Service) REQUIRE n.id IS UNIQUE") ==
        "SchemaError: ConstraintCreationFailed: cannot create the uniqueness constraint constraint_Service_id: nodes 3 "
        "and 5 both have label :Service and property 'id' = 'glue'; nothing was created");
  CHECK(db->execute("SHOW CONSTRAINTS").rows.empty());
  CHECK(db->execute("SHOW INDEXES").rows.empty());
  // 1 and 1.0 are equal values.
  db->execute("CREATE (:Number {v: 1}), (:Number {v: 1.0})");
  CHECK(error_of(*db, "CREATE CONSTRAINT FOR (n:Number) REQUIRE n.v IS UNIQUE")
            .find("property 'v' = 1") != std::string::npos);
  // Another label keeps its own values: the Concept 'kinesis' is no duplicate.
  CHECK(db->execute("CREATE CONSTRAINT FOR (n:Concept) REQUIRE n.id IS UNIQUE").stats.constraints_added == 1);
  require_consistent(*db);
}

TEST_CASE("uniqueness constraint: a write that breaks it fails and its statement writes nothing", "[schema][query]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  fill(*db);
  db->execute("CREATE CONSTRAINT FOR (n:Service) REQUIRE n.id IS UNIQUE");
  const int64_t before = count_nodes(*db);

  CHECK(error_of(*db, "CREATE (:Concept {id: 'x'}), (:Service {id: 'kinesis'})") ==
        "ConstraintVerificationFailed: ConstraintVerificationFailed: node 1 already has label :Service and property "
        "'id' = 'kinesis' (constraint constraint_Service_id)");
  // Two nodes of the same statement: the second sees the first.
  CHECK(error_of(*db, "CREATE (:Service {id: 'new'}), (:Service {id: 'new'})")
            .starts_with("ConstraintVerificationFailed: ConstraintVerificationFailed: node 5 already has label :Service "
                         "and property 'id' = 'new'"));
  CHECK(error_of(*db, "UNWIND [1, 2, 1] AS i CREATE (:Service {id: i})")
            .starts_with("ConstraintVerificationFailed: ConstraintVerificationFailed: "));
  CHECK(error_of(*db, "UNWIND [7, 7.0] AS i CREATE (:Service {id: i})")
            .find("property 'id' = 7") != std::string::npos);
  CHECK(count_nodes(*db) == before);
  CHECK(db->execute("MATCH (n {id: 'new'}) RETURN n").rows.empty());
  // Nodes without the label, or without the property, are not constrained.
  CHECK(db->execute("CREATE (:Concept {id: 's3'}), (:Service {name: 'x'}), (:Service {name: 'y'})").stats.nodes_created ==
        3);
  CHECK(db->execute("CREATE (:Service:Concept {id: 'athena'})").stats.nodes_created == 1);
  test::require_error([&] { db->execute("CREATE (:Concept:Service {id: 'athena'})"); }, "ConstraintVerificationFailed",
                      "ConstraintVerificationFailed");
  require_consistent(*db);
}

TEST_CASE("uniqueness constraint: a value freed in the same transaction can be taken again", "[schema][storage]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  fill(*db);
  db->execute("CREATE CONSTRAINT FOR (n:Service) REQUIRE n.id IS UNIQUE");
  storage::GraphStore& store = db->store();
  {
    std::unique_ptr<storage::WriteTransaction> txn;
    REQUIRE(store.begin_write(&txn).ok());
    const storage::LabelId service = txn->label_id("Service");
    const storage::PropertyKeyId id = txn->key_id("id");
    // Deleting node 1 frees 'kinesis'; renaming node 2 frees 's3'.
    REQUIRE(txn->delete_node(1, true).ok());
    REQUIRE(txn->set_node_property(2, id, Value("amazon-s3")).ok());
    storage::NodeId a, b;
    REQUIRE(txn->create_node({service}, {{id, Value("kinesis")}}, &a).ok());
    REQUIRE(txn->create_node({service}, {{id, Value("s3")}}, &b).ok());
    // Taken again in this transaction: refused.
    CHECK(txn->create_node({service}, {{id, Value("kinesis")}}, nullptr).code() == Status::Code::kConstraintViolation);
    CHECK(txn->set_node_property(3, id, Value("s3")).code() == Status::Code::kConstraintViolation);
    REQUIRE(txn->commit().ok());
  }
  CHECK(column(*db, "MATCH (n:Service) RETURN n.id ORDER BY n.id") == Strings{"amazon-s3", "glue", "kinesis", "s3"});
  require_consistent(*db);
}

TEST_CASE("schema storage: a definition stored without a name opens with a generated one", "[schema][storage]") {
  test::TempDir dir;
  storage::IndexId index_id = 0;
  {
    auto db = test::open_db(dir.path());
    fill(*db);
    db->execute("CREATE CONSTRAINT ids FOR (n:Service) REQUIRE n.id IS UNIQUE");
    index_id = db->store().catalog()->find_index_named("ids")->id;
  }
  // Rewrite the definition as mlkg stored it before names were: 9 bytes.
  auto with_meta = [&](const std::function<void(rocksdb::DB*, rocksdb::ColumnFamilyHandle*)>& f) {
    std::vector<std::string> names;
    REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.path(), &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> descs;
    for (auto& n : names) descs.emplace_back(n, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw;
    REQUIRE(rocksdb::DB::Open(rocksdb::DBOptions(), dir.path(), descs, &handles, &raw).ok());
    for (size_t i = 0; i < names.size(); ++i)
      if (names[i] == "default") f(raw, handles[i]);
    for (auto* h : handles) REQUIRE(raw->DestroyColumnFamilyHandle(h).ok());
    delete raw;
  };
  with_meta([&](rocksdb::DB* raw, rocksdb::ColumnFamilyHandle* meta) {
    std::string value;
    REQUIRE(raw->Get(rocksdb::ReadOptions(), meta, storage::meta_index_key(index_id), &value).ok());
    REQUIRE(value.size() > 9);
    value.resize(9);
    REQUIRE(raw->Put(rocksdb::WriteOptions(), meta, storage::meta_index_key(index_id), value).ok());
  });
  {
    auto db = test::open_db(dir.path());
    CHECK(column(*db, "SHOW CONSTRAINTS", 1) == Strings{"constraint_Service_id"});
    test::require_error([&] { db->execute("CREATE (:Service {id: 'glue'})"); }, "ConstraintVerificationFailed",
                        "ConstraintVerificationFailed");
    require_consistent(*db);
    // The next change of the schema writes the name down.
    db->execute("CREATE INDEX FOR (n:Service) ON (n.name)");
  }
  with_meta([&](rocksdb::DB* raw, rocksdb::ColumnFamilyHandle* meta) {
    std::string value;
    REQUIRE(raw->Get(rocksdb::ReadOptions(), meta, storage::meta_index_key(index_id), &value).ok());
    storage::IndexDefinition def;
    REQUIRE(storage::decode_index_definition(index_id, value, &def));
    CHECK(def.name == "constraint_Service_id");
  });
  auto db = test::open_db(dir.path());
  CHECK(column(*db, "SHOW INDEXES", 1) == Strings{"constraint_Service_id", "index_Service_name"});
  CHECK(db->execute("DROP CONSTRAINT constraint_Service_id").stats.constraints_removed == 1);
}

TEST_CASE("schema storage: index definitions encode their names and decode old ones", "[schema][storage]") {
  storage::IndexDefinition def{7, 3, 4, true, "constraint_Service_id"};
  storage::IndexDefinition back;
  REQUIRE(storage::decode_index_definition(7, storage::encode_index_definition(def), &back));
  CHECK(back == def);
  std::string old = storage::encode_index_definition(def).substr(0, 9);
  REQUIRE(storage::decode_index_definition(7, old, &back));
  CHECK(back.name.empty());
  CHECK(back.unique);
  CHECK_FALSE(storage::decode_index_definition(7, old + '\x05' + "ab", &back));  // name cut short
  CHECK_FALSE(storage::decode_index_definition(7, old + '\x00', &back));        // empty name
  CHECK_FALSE(storage::decode_index_definition(7, old.substr(0, 8), &back));
}

TEST_CASE("planner: index seeks for =, IN, ranges and STARTS WITH find what a scan finds", "[schema][query][planner]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  // Values of every kind an index holds, some equal across types (2 and 2.0).
  db->execute(
      "UNWIND range(-5, 25) AS i CREATE (:Item {i: i, v: CASE i % 7 WHEN 0 THEN toFloat(i) / 2 WHEN 1 THEN 'k' + "
      "toString(i) WHEN 2 THEN [i, 2] WHEN 3 THEN i % 3 = 0 ELSE i END})");
  db->execute("CREATE (:Item {i: 100, v: 2.0}), (:Item {i: 107, v: 2}), (:Item {i: 101, v: [2.0, 2]}), "
              "(:Item {i: 102, v: 'k1\\u0000x'}), "
              "(:Item {i: 103, v: -0.0}), (:Item {i: 104, v: 9223372036854775807}), (:Item {i: 105}), "
              "(:Other {i: 106, v: 3})");
  const std::vector<std::pair<std::string, ValueMap>> queries = {
      {"MATCH (n:Item {v: 2}) RETURN n.i", {}},
      {"MATCH (n:Item) WHERE n.v = $v RETURN n.i", {{"v", Value(2.0)}}},
      {"MATCH (n:Item) WHERE $v = n.v RETURN n.i", {{"v", Value(int64_t{0})}}},
      {"MATCH (n:Item) WHERE n.v = [2, 2] RETURN n.i", {}},
      {"MATCH (n:Item) WHERE n.v = null RETURN n.i", {}},
      {"MATCH (n:Item) WHERE n.v IN [1, 3.0, 'k8', true, null, [9, 2]] RETURN n.i", {}},
      {"MATCH (n:Item) WHERE n.v IN $list RETURN n.i", {{"list", test::list({Value(int64_t{4}), Value("k15")})}}},
      {"MATCH (n:Item) WHERE n.v IN null RETURN n.i", {}},
      {"MATCH (n:Item) WHERE n.v > 10 RETURN n.i", {}},
      {"MATCH (n:Item) WHERE n.v >= 2.5 AND n.v < 12 RETURN n.i", {}},
      {"MATCH (n:Item) WHERE 3 > n.v RETURN n.i", {}},
      {"MATCH (n:Item) WHERE n.v <= -1.5 RETURN n.i", {}},
      {"MATCH (n:Item) WHERE n.v > 9.2e18 RETURN n.i", {}},
      {"MATCH (n:Item) WHERE n.v < $hi AND n.v > $lo RETURN n.i", {{"lo", Value(-3.5)}, {"hi", Value(int64_t{3})}}},
      {"MATCH (n:Item) WHERE n.v > 'k1' RETURN n.i", {}},
      {"MATCH (n:Item) WHERE n.v >= 'k1' AND n.v <= 'k2' RETURN n.i", {}},
      {"MATCH (n:Item) WHERE n.v > 1 AND n.v < 'z' RETURN n.i", {}},
      {"MATCH (n:Item) WHERE n.v > false RETURN n.i", {}},
      {"MATCH (n:Item) WHERE n.v < null RETURN n.i", {}},
      {"MATCH (n:Item) WHERE n.v > 0.0 / 0.0 RETURN n.i", {}},
      {"MATCH (n:Item) WHERE n.v STARTS WITH 'k1' RETURN n.i", {}},
      {"MATCH (n:Item) WHERE n.v STARTS WITH $p RETURN n.i", {{"p", Value(std::string("k1\0", 3))}}},
      {"MATCH (n:Item) WHERE n.v STARTS WITH '' RETURN n.i", {}},
      {"MATCH (n:Item) WHERE n.v STARTS WITH null RETURN n.i", {}},
      {"UNWIND [1, 2, 'k8'] AS x MATCH (n:Item) WHERE n.v = x RETURN n.i", {}},
  };
  auto run_all = [&] {
    std::vector<std::vector<Strings>> out;
    for (const auto& [text, params] : queries) {
      std::vector<Strings> rows;
      for (const auto& row : db->execute(text, params).rows) rows.push_back({row.at(0).to_literal()});
      std::sort(rows.begin(), rows.end());
      out.push_back(std::move(rows));
    }
    return out;
  };
  const auto scanned = run_all();
  CHECK(scanned[0].size() == 2);  // 2 and 2.0
  db->execute("CREATE INDEX FOR (n:Item) ON (n.v)");
  for (size_t i = 0; i < queries.size(); ++i) {
    INFO(queries[i].first);
    std::string plan = db->execute("EXPLAIN " + queries[i].first, queries[i].second).plan;
    INFO(plan);
    CHECK(plan.find("NodeIndexSeek") != std::string::npos);
  }
  const auto indexed = run_all();
  for (size_t i = 0; i < queries.size(); ++i) {
    INFO(queries[i].first);
    CHECK(indexed[i] == scanned[i]);
  }
}

TEST_CASE("planner: a unique index answers ranges and lists like a scan", "[schema][query][planner]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  db->execute("UNWIND range(1, 40) AS i CREATE (:Task {n: i, code: 'T' + toString(i)})");
  const Strings queries = {"MATCH (t:Task) WHERE t.n > 35 RETURN t.code ORDER BY t.code",
                           "MATCH (t:Task) WHERE t.n IN [3, 4.0, 99] RETURN t.code ORDER BY t.code",
                           "MATCH (t:Task {n: 7.0}) RETURN t.code",
                           "MATCH (t:Task) WHERE t.code STARTS WITH 'T3' RETURN t.code ORDER BY t.code"};
  std::vector<Strings> before;
  for (const auto& q : queries) before.push_back(column(*db, q));
  db->execute("CREATE CONSTRAINT FOR (t:Task) REQUIRE t.n IS UNIQUE");
  db->execute("CREATE CONSTRAINT FOR (t:Task) REQUIRE t.code IS UNIQUE");
  for (size_t i = 0; i < queries.size(); ++i) {
    INFO(queries[i]);
    CHECK(db->execute("EXPLAIN " + queries[i]).plan.find("NodeIndexSeek") != std::string::npos);
    CHECK(column(*db, queries[i]) == before[i]);
  }
  CHECK(before[1] == Strings{"T3", "T4"});
}

TEST_CASE("planner: after CREATE INDEX an equality on the property seeks the index", "[schema][query][planner]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  fill(*db);
  CHECK(db->execute("EXPLAIN MATCH (n:Service {name: $v}) RETURN n", {{"v", Value("AWS Glue")}}).plan.find(
            "NodeIndexSeek") == std::string::npos);
  db->execute("CREATE INDEX FOR (n:Service) ON (n.name)");
  std::string plan = db->execute("EXPLAIN MATCH (n:Service {name: $v}) RETURN n", {{"v", Value("AWS Glue")}}).plan;
  CHECK(plan.find("NodeIndexSeek (n) via (:Service).name = $v") != std::string::npos);
  plan = db->execute("EXPLAIN MATCH (n:Service) WHERE n.name = 'x' RETURN n").plan;
  CHECK(plan.find("NodeIndexSeek (n) via (:Service).name = 'x'") != std::string::npos);
  plan = db->execute("EXPLAIN MATCH (n:Service) WHERE n.name IN ['a', 'b'] RETURN n").plan;
  CHECK(plan.find("NodeIndexSeek (n) via (:Service).name IN ['a', 'b']") != std::string::npos);
  plan = db->execute("EXPLAIN MATCH (n:Service) WHERE 'a' <= n.name AND n.name < 'b' RETURN n").plan;
  CHECK(plan.find("NodeIndexSeekByRange (n) via (:Service).name >= 'a' AND < 'b'") != std::string::npos);
  plan = db->execute("EXPLAIN MATCH (n:Service) WHERE n.name STARTS WITH 'Am' RETURN n").plan;
  CHECK(plan.find("NodeIndexSeekByRange (n) via (:Service).name STARTS WITH 'Am'") != std::string::npos);
  CHECK(column(*db, "MATCH (n:Service) WHERE n.name STARTS WITH 'Am' RETURN n.id ORDER BY n.id") ==
        Strings{"kinesis", "s3"});
  // Another label's nodes are not in the index.
  CHECK(db->execute("EXPLAIN MATCH (n:Concept) WHERE n.name = 'x' RETURN n").plan.find("NodeIndexSeek") ==
        std::string::npos);
}

TEST_CASE("schema DDL: a read-only database shows the schema but refuses to change it", "[schema][query]") {
  test::TempDir dir;
  test::open_db(dir.path())->execute("CREATE CONSTRAINT FOR (n:Service) REQUIRE n.id IS UNIQUE");
  std::unique_ptr<Database> db;
  storage::OpenOptions options;
  options.access = storage::Access::kReadOnly;
  REQUIRE(Database::open(dir.path(), options, &db).ok());
  CHECK(db->execute("SHOW CONSTRAINTS").rows.size() == 1);
  CHECK(db->execute("SHOW INDEXES").rows.size() == 1);
  CHECK_THROWS_AS(db->execute("CREATE INDEX FOR (n:Service) ON (n.name)"), query::QueryError);
  CHECK_THROWS_AS(db->execute("DROP CONSTRAINT constraint_Service_id"), query::QueryError);
}

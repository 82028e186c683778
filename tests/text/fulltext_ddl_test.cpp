// Full-text indexes through Cypher: CREATE FULLTEXT INDEX, DROP INDEX, SHOW
// FULLTEXT INDEXES, db.index.fulltext.queryNodes and their errors, and a
// search of the syllabus graph.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "engine/database.hpp"
#include "engine/load/schema.hpp"
#include "engine/query/parser/parser.hpp"
#include "repl/default_database.hpp"
#include "support/query_checks.hpp"
#include "support/temp_dir.hpp"
#include "support/test_db.hpp"

using namespace mlkg;

namespace {

std::vector<std::string> names_found(Database& db, const std::string& index, const std::string& text,
                                     const std::string& options = "{}") {
  query::QueryResult r = db.execute("CALL db.index.fulltext.queryNodes('" + index + "', $text, " + options +
                                        ") YIELD node RETURN node.name",
                                    ValueMap{{"text", Value(text)}});
  std::vector<std::string> out;
  for (const auto& row : r.rows) out.push_back(row[0].as_string());
  return out;
}

// The error a statement raises, rendered as the CLI shows it (first line
// with line and column, then the text and a caret).
std::string error_of(Database& db, const std::string& text) {
  try {
    db.execute(text);
  } catch (const query::QueryError& e) {
    return query::format_error(e, text);
  }
  return "no error";
}

// A small catalogue of services.
void fill(Database& db) {
  db.execute(
      "CREATE (:Service {name: 'Amazon Kinesis Data Streams', aliases: ['KDS', 'Kinesis Streams'], "
      "summary: 'Real-time streaming of data records.'}), "
      "(:Service {name: 'Amazon Data Firehose', aliases: ['Kinesis Data Firehose'], "
      "summary: 'Loads streaming data into S3 in near real time.'}), "
      "(:Service {name: 'Amazon S3', aliases: ['Simple Storage Service'], summary: 'Object storage for data lakes.'}), "
      "(:UseCase {name: 'Ingest clickstream events in real time'}), "
      "(:Concept {name: 'Kinesis shards'})");
}

}  // namespace

TEST_CASE("full-text DDL: create, query, show, drop, and again after reopening", "[fulltext][query]") {
  test::TempDir dir;
  {
    auto db = test::open_db(dir.path());
    fill(*db);
    query::QueryResult created =
        db->execute("CREATE FULLTEXT INDEX svc FOR (n:Service|UseCase) ON EACH [n.name, n.aliases, n.summary]");
    CHECK(created.stats.indexes_added == 1);
    CHECK_FALSE(created.returns_rows);
    // The existing nodes were indexed by the same statement; the Concept is not covered.
    CHECK(names_found(*db, "svc", "kinesis") ==
          std::vector<std::string>{"Amazon Kinesis Data Streams", "Amazon Data Firehose"});
    query::QueryResult shown = db->execute("SHOW FULLTEXT INDEXES");
    REQUIRE(shown.columns ==
            std::vector<std::string>{"id", "name", "state", "type", "entityType", "labelsOrTypes", "properties", "documents"});
    REQUIRE(shown.rows.size() == 1);
    CHECK(shown.rows[0][1] == Value("svc"));
    CHECK(shown.rows[0][2] == Value("ONLINE"));
    CHECK(shown.rows[0][3] == Value("FULLTEXT"));
    CHECK(shown.rows[0][5] == test::list({Value("Service"), Value("UseCase")}));
    CHECK(shown.rows[0][6] == test::list({Value("name"), Value("aliases"), Value("summary")}));
    CHECK(shown.rows[0][7] == Value(int64_t{4}));
    // IF NOT EXISTS: nothing happens, even with another definition.
    CHECK(db->execute("CREATE FULLTEXT INDEX svc IF NOT EXISTS FOR (n:Concept) ON EACH [n.name]").stats.indexes_added == 0);
    // New nodes are indexed as they are created.
    db->execute("CREATE (:UseCase {name: 'Replay a Kinesis stream'})");
    CHECK(names_found(*db, "svc", "kinesis").size() == 3);
  }
  {
    auto db = test::open_db(dir.path());
    CHECK(names_found(*db, "svc", "kinesis").size() == 3);
    CHECK(db->execute("DROP INDEX svc").stats.indexes_removed == 1);
    CHECK(db->execute("SHOW FULLTEXT INDEXES").rows.empty());
    CHECK(db->execute("DROP INDEX svc IF EXISTS").stats.indexes_removed == 0);
  }
  {
    auto db = test::open_db(dir.path());
    test::require_error([&] { names_found(*db, "svc", "kinesis"); }, "SchemaError", "IndexNotFound");
    storage::CheckReport report;
    REQUIRE(db->check(&report).ok());
    CHECK(report.ok());
    CHECK(report.text_index_entries == 0);
  }
}

TEST_CASE("full-text DDL: statements read back as written", "[fulltext][query]") {
  for (const char* text : {
           "CREATE FULLTEXT INDEX svc FOR (n:Service|UseCase) ON EACH [n.name, n.aliases, n.summary]",
           "CREATE FULLTEXT INDEX svc IF NOT EXISTS FOR (n:Service) ON EACH [n.name] OPTIONS {indexConfig: "
           "{`fulltext.analyzer`: 'english', `fulltext.eventually_consistent`: false}}",
           "CREATE FULLTEXT INDEX `for` FOR (`my var`:`Odd Label`) ON EACH [`my var`.`odd key`]",
           "DROP INDEX svc", "DROP INDEX `for` IF EXISTS", "DROP INDEX `odd name` IF EXISTS",
           "SHOW FULLTEXT INDEXES"}) {
    INFO(text);
    std::vector<query::ast::Statement> parsed = query::parse_script(text);
    REQUIRE(parsed.size() == 1);
    const std::string written = query::ast::to_string(parsed[0]);
    CHECK(written == text);
    CHECK(query::ast::to_string(query::parse_script(written).at(0)) == written);
  }
  // Keywords in any case, '|:' between labels, SHOW INDEX, and names that are keywords elsewhere.
  CHECK(query::ast::to_string(query::parse_script("create fulltext index index for (n:A|:B) on each [n.x]").at(0)) ==
        "CREATE FULLTEXT INDEX index FOR (n:A|B) ON EACH [n.x]");
  CHECK(query::ast::to_string(query::parse_script("show fulltext index").at(0)) == "SHOW FULLTEXT INDEXES");
  // None of the new words is reserved.
  CHECK_NOTHROW(query::parse_script("MATCH (fulltext:index) WITH fulltext AS show RETURN show.for AS drop"));
}

TEST_CASE("full-text DDL: mistakes are errors with their place", "[fulltext][query]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  fill(*db);
  db->execute("CREATE FULLTEXT INDEX services FOR (n:Service) ON EACH [n.name]");

  CHECK(error_of(*db, "CREATE FULLTEXT INDEX services FOR (n:UseCase) ON EACH [n.name]") ==
        "SchemaError: IndexAlreadyExists: there is already a full-text index called services (FOR (n:Service) ON "
        "EACH [n.name]); drop it first, or add IF NOT EXISTS (line 1, column 23)\n"
        "CREATE FULLTEXT INDEX services FOR (n:UseCase) ON EACH [n.name]\n"
        "                      ^");
  CHECK(error_of(*db, "DROP INDEX servces") ==
        "SchemaError: IndexNotFound: there is no index called servces; did you mean services? (line 1, "
        "column 12)\nDROP INDEX servces\n           ^");
  CHECK(error_of(*db, "CALL db.index.fulltext.queryNodes('servces', 'kinesis')") ==
        "SchemaError: IndexNotFound: there is no full-text index called servces; did you mean services?");
  CHECK(error_of(*db, "CREATE FULLTEXT INDEX x FOR (n:Service) ON EACH [n.name, m.summary]") ==
        "SyntaxError: UndefinedVariable: the property m.summary does not use the node pattern's variable `n`; write "
        "n.summary (line 1, column 58)\n"
        "CREATE FULLTEXT INDEX x FOR (n:Service) ON EACH [n.name, m.summary]\n"
        "                                                         ^");
  // Syntax: each missing part is named where it should be.
  auto first_line = [&](const std::string& text) {
    std::string e = error_of(*db, text);
    return e.substr(0, e.find('\n'));
  };
  CHECK(first_line("CREATE FULLTEXT INDEX FOR (n:Service) ON EACH [n.name]") ==
        "SyntaxError: UnexpectedSyntax: expected the index's name, as in CREATE FULLTEXT INDEX svc FOR (n:Service) ON "
        "EACH [n.name]; found 'FOR' (line 1, column 23)");
  CHECK(first_line("CREATE FULLTEXT INDEX x FOR (n) ON EACH [n.name]") ==
        "SyntaxError: UnexpectedSyntax: expected ':' and a label after the variable: a full-text index covers nodes "
        "with given labels, as in (n:Service|UseCase); found ')' (line 1, column 31)");
  CHECK(first_line("CREATE FULLTEXT INDEX x FOR (n:Service) ON [n.name]") ==
        "SyntaxError: UnexpectedSyntax: expected EACH after ON; found '[' (line 1, column 44)");
  CHECK(first_line("CREATE FULLTEXT INDEX x FOR (n:Service) ON EACH [n.name,]") ==
        "SyntaxError: UnexpectedSyntax: expected a property of the pattern's variable, such as n.name; found ']' "
        "(line 1, column 57)");
  CHECK(first_line("CREATE FULLTEXT INDX x") ==
        "SyntaxError: UnexpectedSyntax: expected INDEX after CREATE FULLTEXT; found 'INDX'; did you mean INDEX? (line 1, "
        "column 17)");
  CHECK(first_line("CREATE FULLTXT INDEX x").find("did you mean FULLTEXT?") != std::string::npos);
  CHECK(first_line("DROP x") ==
        "SyntaxError: UnexpectedSyntax: expected INDEX or CONSTRAINT after DROP; found 'x' (line 1, column 6)");
  CHECK(first_line("SHOW FULLTEXT") ==
        "SyntaxError: UnexpectedSyntax: expected INDEXES or CONSTRAINTS after SHOW, as in SHOW INDEXES, SHOW "
        "FULLTEXT INDEXES or SHOW CONSTRAINTS; found the end of the input (line 1, column 14)");
  CHECK(first_line("DROP INDEX services RETURN 1") ==
        "SyntaxError: UnexpectedSyntax: expected ';' or the end of the input after the statement; found 'RETURN' "
        "(line 1, column 21)");
  // OPTIONS: Neo4j's settings, of which mlkg has one analyzer and consistent indexes.
  CHECK(first_line("CREATE FULLTEXT INDEX x FOR (n:S) ON EACH [n.a] OPTIONS {indexConfg: {}}") ==
        "ArgumentError: InvalidArgumentValue: unknown index option 'indexConfg'; did you mean 'indexConfig'? (line 1, "
        "column 70)");
  CHECK(first_line("CREATE FULLTEXT INDEX x FOR (n:S) ON EACH [n.a] OPTIONS {indexConfig: {`fulltext.analyzer`: "
                   "'standard'}}")
            .find("unknown analyzer 'standard'; the one there is: 'english'") != std::string::npos);
  CHECK(first_line("CREATE FULLTEXT INDEX x FOR (n:S) ON EACH [n.a] OPTIONS {indexConfig: "
                   "{`fulltext.eventually_consistent`: true}}")
            .find("fulltext.eventually_consistent must be false") != std::string::npos);
  test::require_error([&] { db->execute("CREATE FULLTEXT INDEX x FOR (n:S) ON EACH [n.a] OPTIONS {indexConfig: $c}"); },
                      "ArgumentError", "InvalidArgumentValue");
  // Nothing of the failed statements was created.
  CHECK(db->execute("SHOW FULLTEXT INDEXES").rows.size() == 1);
}

TEST_CASE("full-text DDL: a read-only database refuses to create or drop", "[fulltext][query]") {
  test::TempDir dir;
  test::open_db(dir.path())->execute("CREATE FULLTEXT INDEX svc FOR (n:Service) ON EACH [n.name]");
  std::unique_ptr<Database> db;
  storage::OpenOptions options;
  options.access = storage::Access::kReadOnly;
  REQUIRE(Database::open(dir.path(), options, &db).ok());
  CHECK(db->execute("SHOW FULLTEXT INDEXES").rows.size() == 1);
  CHECK_THROWS_AS(db->execute("DROP INDEX svc"), query::QueryError);
  CHECK_THROWS_AS(db->execute("CREATE FULLTEXT INDEX x FOR (n:Service) ON EACH [n.name]"), query::QueryError);
}

TEST_CASE("full-text query: phrases, prefixes, boolean operators, list properties, skip and limit",
          "[fulltext][query]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  fill(*db);
  db->execute("CREATE FULLTEXT INDEX svc FOR (n:Service|UseCase) ON EACH [n.name, n.aliases, n.summary]");
  using Names = std::vector<std::string>;
  const std::string kds = "Amazon Kinesis Data Streams", firehose = "Amazon Data Firehose", s3 = "Amazon S3",
                    clicks = "Ingest clickstream events in real time";

  // Each string of a list is indexed: 'KDS' is only an alias.
  CHECK(names_found(*db, "svc", "kds") == Names{kds});
  CHECK(names_found(*db, "svc", "simple storage") == Names{s3});
  // Phrases: the words next to each other, in order; not across two strings.
  CHECK(names_found(*db, "svc", "\"real time\"") == Names{clicks, kds, firehose});
  CHECK(names_found(*db, "svc", "\"time real\"").empty());
  CHECK(names_found(*db, "svc", "real-time") == Names{clicks, kds, firehose});
  CHECK(names_found(*db, "svc", "\"streams kds\"").empty());  // "...Data Streams" then the alias "KDS"
  CHECK(names_found(*db, "svc", "\"kinesis data\"") == Names{kds, firehose});
  // Prefixes, cut back to the stem: "stream*" finds "streams" and "streaming".
  CHECK(names_found(*db, "svc", "stream*") == Names{kds, firehose});
  CHECK(names_found(*db, "svc", "clicks*") == Names{clicks});
  CHECK(names_found(*db, "svc", "zzz*").empty());
  // Boolean operators.
  CHECK(names_found(*db, "svc", "kinesis -firehose") == Names{kds});
  CHECK(names_found(*db, "svc", "kinesis AND NOT firehose") == Names{kds});
  CHECK(names_found(*db, "svc", "+data +lakes") == Names{s3});
  CHECK(names_found(*db, "svc", "data AND (lakes OR firehose)") == Names{firehose, s3});
  CHECK(names_found(*db, "svc", "s3 OR clickstream") == Names{clicks, s3, firehose});
  // Skip and limit.
  CHECK(names_found(*db, "svc", "data", "{limit: 2}").size() == 2);
  CHECK(names_found(*db, "svc", "data", "{skip: 1, limit: 1}") ==
        Names{names_found(*db, "svc", "data").at(1)});
  CHECK(names_found(*db, "svc", "data", "{skip: 10}").empty());
  // Stop words only: nothing.
  CHECK(names_found(*db, "svc", "the of").empty());

  // Scores are BM25 and come best first.
  query::QueryResult r = db->execute(
      "CALL db.index.fulltext.queryNodes('svc', 'data') YIELD node, score RETURN score ORDER BY score DESC");
  query::QueryResult unsorted =
      db->execute("CALL db.index.fulltext.queryNodes('svc', 'data') YIELD node, score RETURN score");
  CHECK(r.rows == unsorted.rows);
}

TEST_CASE("full-text query: bad arguments are ArgumentErrors that say what is wrong", "[fulltext][query]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  fill(*db);
  db->execute("CREATE FULLTEXT INDEX svc FOR (n:Service) ON EACH [n.name]");
  CHECK(error_of(*db, "CALL db.index.fulltext.queryNodes('svc', 'kinesis AND (data')") ==
        "ArgumentError: InvalidArgumentValue: db.index.fulltext.queryNodes: cannot read the search text 'kinesis AND "
        "(data' at column 13: the group that starts here has no closing ')'");
  CHECK(error_of(*db, "CALL db.index.fulltext.queryNodes('svc', 'name:kinesis')").find("at column 5: field queries") !=
        std::string::npos);
  CHECK(error_of(*db, "CALL db.index.fulltext.queryNodes('svc', '')").find("the search text is empty") !=
        std::string::npos);
  CHECK(error_of(*db, "CALL db.index.fulltext.queryNodes('svc', 'x', {limt: 1})") ==
        "ArgumentError: InvalidArgumentValue: db.index.fulltext.queryNodes: unknown option 'limt'; did you mean "
        "'limit'?");
  CHECK(error_of(*db, "CALL db.index.fulltext.queryNodes('svc', 'x', {limit: -1})") ==
        "ArgumentError: InvalidArgumentValue: db.index.fulltext.queryNodes: limit must be a non-negative integer, got "
        "-1");
  // Constants are checked against the signature before the query runs; values
  // computed per row by the procedure.
  test::require_error([&] { db->execute("CALL db.index.fulltext.queryNodes('svc', 42)"); }, "SyntaxError",
                      "InvalidArgumentType");
  test::require_error([&] { db->execute("CALL db.index.fulltext.queryNodes(null, 'x')"); }, "SyntaxError",
                      "InvalidArgumentType");
  test::require_error(
      [&] { db->execute("WITH 42 AS q CALL db.index.fulltext.queryNodes('svc', q) YIELD node RETURN node"); },
      "ArgumentError", "InvalidArgumentType");
  test::require_error(
      [&] { db->execute("WITH null AS i CALL db.index.fulltext.queryNodes(i, 'x') YIELD node RETURN node"); },
      "ArgumentError", "InvalidArgumentType");
  // A prefix that would touch too many terms.
  std::string many = "UNWIND range(1, 1100) AS i CREATE (:Service {name: 'w' + toString(i)})";
  db->execute(many);
  test::require_error([&] { db->execute("CALL db.index.fulltext.queryNodes('svc', 'w*')"); }, "ArgumentError",
                      "InvalidArgumentValue");
  CHECK(db->execute("CALL db.index.fulltext.queryNodes('svc', 'w1*')").rows.size() == 1 + 10 + 100 + 101);
}

TEST_CASE("full-text query: on the syllabus graph, 'kinesis' finds the Kinesis services first", "[fulltext][data]") {
  test::TempDir dir;
  auto db = test::open_db(dir.sub("syllabus"));
  const std::string data = std::string(MLKG_SOURCE_DIR) + "/data";
  std::ifstream in(data + "/" + repl::kSchemaFileName);
  std::ostringstream text;
  text << in.rdbuf();
  load::Schema schema;
  REQUIRE(load::Schema::parse(text.str(), "data/schema.pg", &schema).ok());
  load::ImportOptions options;
  options.schema = &schema;
  load::ImportStats stats;
  REQUIRE(db->import_files(repl::bundled_data_files(data), options, &stats).ok());

  db->execute("CREATE FULLTEXT INDEX svc FOR (n:Service|UseCase) ON EACH [n.name, n.aliases, n.summary]");
  query::QueryResult r = db->execute(
      "CALL db.index.fulltext.queryNodes('svc', 'kinesis') YIELD node, score "
      "RETURN node.id, node.name, labels(node) AS labels, score");
  REQUIRE(r.rows.size() >= 3);
  for (size_t i = 0; i < 3; ++i) {
    INFO(r.rows[i][1].as_string());
    CHECK(r.rows[i][1].as_string().find("Kinesis") != std::string::npos);
    CHECK(r.rows[i][2] == test::list({Value("Service")}));
  }
  CHECK(r.rows[0][0] == Value("kinesis"));
  // A phrase picks the one service it names.
  query::QueryResult phrase =
      db->execute("CALL db.index.fulltext.queryNodes('svc', '\"kinesis data streams\"') YIELD node RETURN node.id");
  REQUIRE_FALSE(phrase.rows.empty());
  CHECK(phrase.rows[0][0] == Value("kinesis-data-streams"));
  storage::CheckReport report;
  REQUIRE(db->check(&report).ok());
  CHECK(report.ok());
}

// CALL export.<format>(query, file, config): the subgraph a query returns,
// written to a file, with a summary row; and its errors.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

#include "engine/database.hpp"
#include "engine/load/pg_document.hpp"
#include "support/syllabus_db.hpp"
#include "support/temp_dir.hpp"
#include "support/test_db.hpp"

using namespace mlkg;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The PG document a pg export wrote: what ended up in the file.
load::PgDocument exported_pg(Database& db, const std::string& query, const std::string& file,
                             const std::string& config = "{}") {
  auto r = db.execute("CALL export.pg(" + query + ", '" + file + "', " + config + ") YIELD nodes RETURN nodes");
  REQUIRE(r.rows.size() == 1);
  load::PgDocument doc;
  load::PgDocumentBuilder builder(&doc);
  REQUIRE(load::parse_pg(slurp(file), builder).ok());
  return doc;
}

std::set<std::string> node_ids(const load::PgDocument& doc) {
  std::set<std::string> ids;
  for (const auto& n : doc.nodes()) ids.insert(n.id);
  return ids;
}

}  // namespace

TEST_CASE("export procedures: one per format, writing the file and yielding a summary row", "[export][procedures]") {
  test::TempDir dir;
  Database& db = test::syllabus_db();
  REQUIRE(db.set_export_directory(dir.path()).ok());
  const std::string file = dir.sub("task.graphml");
  auto r = db.execute(
      "CALL export.graphml('MATCH (t:Task {id: $t})-[r:MENTIONS]->(s:Service) RETURN t, r, s', '" + file +
      "', {params: {t: 't1.1'}}) YIELD file, format, nodes, relationships, notes RETURN file, format, nodes, "
      "relationships, notes");
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0][0] == Value(file));
  CHECK(r.rows[0][1] == Value("graphml"));
  const int64_t rels = r.rows[0][3].as_int();
  CHECK(rels > 10);
  CHECK(r.rows[0][2].as_int() == rels + 1);
  CHECK(r.rows[0][4].is_list());
  CHECK(slurp(file).find("Ingest and store data") != std::string::npos);

  auto procs = db.execute("CALL dbms.procedures() YIELD name WHERE name STARTS WITH 'export.' RETURN name ORDER BY name");
  std::vector<std::string> names;
  for (const auto& row : procs.rows) names.push_back(row[0].as_string());
  CHECK(names == std::vector<std::string>{"export.cypher", "export.cytoscape", "export.dot", "export.gexf",
                                          "export.graphml", "export.jgf", "export.mermaid", "export.neo4jCsv",
                                          "export.pg", "export.pgjson", "export.pgjsonl", "export.png",
                                          "export.svg"});
}

TEST_CASE("export procedures: the subgraph is every node, relationship and path returned, and relationships bring their "
          "ends",
          "[export][procedures]") {
  test::TempDir dir;
  auto db = test::open_db(dir.sub("db"));
  REQUIRE(db->set_export_directory(dir.path()).ok());
  db->execute("CREATE (a:N {id: 'a'})-[:R]->(b:N {id: 'b'})-[:R]->(c:N {id: 'c'})-[:R]->(d:N {id: 'd'}), (:N {id: 'lonely'})");
  const std::string file = dir.sub("x.pg");
  SECTION("a relationship alone") {
    auto doc = exported_pg(*db, "'MATCH (:N {id: \"b\"})-[r]->() RETURN r'", file);
    CHECK(node_ids(doc) == std::set<std::string>{"b", "c"});
    CHECK(doc.edges().size() == 1);
  }
  SECTION("a path") {
    auto doc = exported_pg(*db, "'MATCH p = (:N {id: \"a\"})-[*2]->() RETURN p'", file);
    CHECK(node_ids(doc) == std::set<std::string>{"a", "b", "c"});
    CHECK(doc.edges().size() == 2);
  }
  SECTION("lists of nodes, with no relationship between them returned") {
    auto doc = exported_pg(*db, "'MATCH (n:N) WHERE n.id IN [\"a\", \"c\"] RETURN collect(n) AS ns'", file);
    CHECK(node_ids(doc) == std::set<std::string>{"a", "c"});
    CHECK(doc.edges().empty());
  }
  SECTION("values that are no entities are ignored") {
    auto doc = exported_pg(*db, "'MATCH (n:N {id: \"d\"}) RETURN n.id, 42, n'", file);
    CHECK(node_ids(doc) == std::set<std::string>{"d"});
  }
  SECTION("null: the whole graph") {
    auto doc = exported_pg(*db, "null", file);
    CHECK(doc.nodes().size() == 5);
    CHECK(doc.edges().size() == 3);
  }
  SECTION("UNION parts all count") {
    auto doc = exported_pg(*db, "'MATCH (n {id: \"a\"}) RETURN n UNION MATCH (n {id: \"lonely\"}) RETURN n'", file);
    CHECK(node_ids(doc) == std::set<std::string>{"a", "lonely"});
  }
}

TEST_CASE("export procedures: errors say what is wrong and write nothing", "[export][procedures]") {
  test::TempDir dir;
  auto db = test::open_db(dir.sub("db"));
  REQUIRE(db->set_export_directory(dir.path()).ok());
  db->execute("CREATE (:N {id: 'a'})");
  auto error = [&](const std::string& call) {
    try {
      db->execute(call);
    } catch (const query::QueryError& e) {
      return std::string(e.what());
    }
    FAIL("no error for " << call);
    return std::string();
  };
  const std::string file = dir.sub("x.dot");
  CHECK(error("CALL export.dot('CREATE (n:X) RETURN n', '" + file + "')").find("must only read") != std::string::npos);
  CHECK(error("CALL export.dot('MATCH (n) RETURN n', '" + file + "', {parms: {}})").find("did you mean 'params'") !=
        std::string::npos);
  CHECK(error("CALL export.dot('MATCH (n) RETURN n', '')").find("the file must be a non-empty string") !=
        std::string::npos);
  CHECK(error("CALL export.dot('MATCH (n RETURN n', '" + file + "')").rfind("SyntaxError", 0) == 0);
  CHECK(error("CALL export.dot('MATCH (n) RETURN n', '/no/such/dir/x.dot')").find("outside the export directory") !=
        std::string::npos);
  CHECK(error("CALL export.dot('MATCH (n) RETURN n', 'no/such/dir/x.dot')").find("cannot write") != std::string::npos);
  CHECK(!std::filesystem::exists(file));
  // A query parameter that is not given.
  CHECK(error("CALL export.dot('MATCH (n {id: $missing}) RETURN n', '" + file + "')").find("missing") !=
        std::string::npos);
}

TEST_CASE("export procedures: neo4jCsv writes into a directory and counts its files", "[export][procedures]") {
  test::TempDir dir;
  Database& db = test::syllabus_db();
  REQUIRE(db.set_export_directory(dir.path()).ok());
  auto r = db.execute("CALL export.neo4jCsv('MATCH (t:Task)-[r:PART_OF]->(d:Domain) RETURN t, r, d', '" +
                      dir.sub("csv/") + "') YIELD nodes, relationships RETURN nodes, relationships");
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0][0].as_int() == 16);  // 12 tasks and 4 domains
  CHECK(r.rows[0][1].as_int() == 12);
  CHECK(std::filesystem::exists(dir.sub("csv/nodes_Task.csv")));
  CHECK(std::filesystem::exists(dir.sub("csv/nodes_Domain.csv")));
  CHECK(slurp(dir.sub("csv/relationships_PART_OF.csv")).rfind(":START_ID,:END_ID,:TYPE", 0) == 0);
}

TEST_CASE("export procedures: files stay inside the export directory and are replaced only when asked",
          "[export][procedures]") {
  namespace fs = std::filesystem;
  test::TempDir dir;
  auto db = test::open_db(dir.sub("db"));
  db->execute("CREATE (:N {id: 'a'})");
  const std::string out = dir.sub("out");
  fs::create_directories(out);
  REQUIRE(db->set_export_directory(out).ok());
  auto error = [&](const std::string& file, const std::string& config = "{}") {
    try {
      db->execute("CALL export.dot('MATCH (n) RETURN n', '" + file + "', " + config + ")");
    } catch (const query::QueryError& e) {
      return std::string(e.what());
    }
    FAIL("no error for " << file);
    return std::string();
  };
  auto leftovers = [&] {
    size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(out))
      if (e.path().filename().string().find(".mlkg-") != std::string::npos) ++n;
    return n;
  };

  // A relative name is taken from the export directory.
  auto r = db->execute("CALL export.dot('MATCH (n) RETURN n', 'g.dot') YIELD file RETURN file");
  CHECK(r.rows.at(0).at(0) == Value("g.dot"));
  REQUIRE(fs::exists(out + "/g.dot"));

  // Out of the directory: up with .., an absolute path elsewhere, a link on the way.
  CHECK(error("../escape.dot").find("goes up with '..'") != std::string::npos);
  CHECK(error("sub/../../escape.dot").find("goes up with '..'") != std::string::npos);
  CHECK(error(dir.sub("escape.dot")).find("outside the export directory") != std::string::npos);
  fs::create_directory_symlink(dir.path(), out + "/link");
  CHECK(error("link/escape.dot").find("symbolic link") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.sub("escape.dot")));
  // An absolute path inside it is fine.
  db->execute("CALL export.dot('MATCH (n) RETURN n', '" + fs::canonical(out).string() + "/abs.dot')");
  CHECK(fs::exists(out + "/abs.dot"));

  // An existing file: refused without overwrite, replaced with it, keeping its mode.
  std::ofstream(out + "/g.dot") << "mine";
  fs::permissions(out + "/g.dot", fs::perms::owner_read | fs::perms::owner_write);
  CHECK(error("g.dot").find("exists; give overwrite: true") != std::string::npos);
  CHECK(slurp(out + "/g.dot") == "mine");
  db->execute("CALL export.dot('MATCH (n) RETURN n', 'g.dot', {overwrite: true})");
  CHECK(slurp(out + "/g.dot").find("digraph") != std::string::npos);
  CHECK((fs::status(out + "/g.dot").permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
  CHECK(error("g.dot", "{overwrite: 'yes'}").find("overwrite must be true or false") != std::string::npos);

  // A failed export leaves the old file and no temporary one.
  try {
    db->execute("CALL export.dot('MATCH (n) RETURN n.nope + [1] + {}', 'g.dot', {overwrite: true})");
  } catch (const query::QueryError&) {
  }
  CHECK(slurp(out + "/g.dot").find("digraph") != std::string::npos);
  CHECK(leftovers() == 0);

  // Never through a link, into a FIFO or a directory, even when told to overwrite.
  fs::create_symlink(dir.sub("target.dot"), out + "/alias.dot");
  CHECK(error("alias.dot", "{overwrite: true}").find("is a symbolic link") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.sub("target.dot")));
  REQUIRE(::mkfifo((out + "/pipe.dot").c_str(), 0600) == 0);
  CHECK(error("pipe.dot", "{overwrite: true}").find("not a regular file") != std::string::npos);
  fs::create_directory(out + "/adir.dot");
  CHECK(error("adir.dot", "{overwrite: true}").find("not a regular file") != std::string::npos);
  CHECK(fs::is_fifo(out + "/pipe.dot"));
  CHECK(leftovers() == 0);
}

TEST_CASE("export procedures: they write files, so a read-only database refuses them", "[export][procedures]") {
  test::TempDir dir;
  test::open_db(dir.sub("db"))->execute("CREATE (:N {id: 'a'})");
  std::unique_ptr<Database> db;
  storage::OpenOptions options;
  options.access = storage::Access::kReadOnly;
  REQUIRE(Database::open(dir.sub("db"), options, &db).ok());
  REQUIRE(db->set_export_directory(dir.path()).ok());
  try {
    db->execute("CALL export.pg(null, 'all.pg')");
    FAIL("a read-only database ran an export");
  } catch (const query::QueryError& e) {
    CHECK(std::string(e.what()).find("read-only; this statement writes files") != std::string::npos);
  }
  CHECK_FALSE(std::filesystem::exists(dir.sub("all.pg")));
  // Reading still works, and dbms.procedures() says the exports write.
  CHECK(db->execute("MATCH (n) RETURN count(n)").rows.at(0).at(0) == Value(int64_t{1}));
  auto mode = db->execute("CALL dbms.procedures() YIELD name, mode WHERE name = 'export.pg' RETURN mode");
  CHECK(mode.rows.at(0).at(0) == Value("WRITE"));
  // An export inside an export's query is refused: the inner query must only read.
  auto writable = test::open_db(dir.sub("db2"));
  REQUIRE(writable->set_export_directory(dir.path()).ok());
  try {
    writable->execute("CALL export.pg('CALL export.dot(null, \\'x.dot\\') YIELD file RETURN file', 'y.pg')");
    FAIL("an export ran inside an export's query");
  } catch (const query::QueryError& e) {
    CHECK(std::string(e.what()).find("must only read") != std::string::npos);
  }
}

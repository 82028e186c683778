// Tab completion: GraphVocabulary::load and complete(), against the syllabus
// graph and a small graph made for the cases the syllabus lacks (a label with
// a space, a node with two labels, a name with a quote, relationships with
// their own keys).

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "repl/completer.hpp"
#include "repl/graph_vocabulary.hpp"
#include "support/syllabus_db.hpp"
#include "support/temp_dir.hpp"
#include "support/test_db.hpp"

namespace mlkg::repl {
namespace {

using Strings = std::vector<std::string>;

const GraphVocabulary& syllabus() {
  static const GraphVocabulary vocab = GraphVocabulary::load(test::syllabus_db());
  return vocab;
}

constexpr const char* kSmallGraph =
    "CREATE (ada:Person {id: 'p-ada', name: 'Ada Lovelace', aliases: ['Countess of Lovelace', 'AL']}),"
    "       (alan:Person {id: 'p-alan', name: 'Alan Turing', born: 1912}),"
    "       (iris:`Data Set` {id: 'ds-iris', name: 'Iris', rows: 150}),"
    "       (numpy:Tool:Library {id: 'numpy', name: 'NumPy'}),"
    "       (algebra:Topic {id: 't-algebra', name: 'Linear Algebra'}),"
    "       (note:Note {id: 'n1', name: \"Ada's note\"}),"
    "       (ada)-[:WROTE {year: 1843}]->(note),"
    "       (alan)-[:USES {since: 1936}]->(iris),"
    "       (numpy)-[:USES]->(iris),"
    "       (alan)-[:KNOWS]->(ada),"
    "       (note)-[:ABOUT]->(algebra)";

// A small graph of its own, made once.
struct SmallGraph {
  test::TempDir dir;
  std::unique_ptr<Database> db;
  GraphVocabulary vocab;
};

SmallGraph& small() {
  static SmallGraph* g = [] {
    auto* s = new SmallGraph();
    s->db = test::open_db(s->dir.sub("small"));
    s->db->execute(kSmallGraph);
    s->vocab = GraphVocabulary::load(*s->db);
    return s;
  }();
  return *g;
}

const std::vector<MetaCommandSpec> kMeta = {
    {":explain", false}, {":export", true}, {":help", false}, {":quit", false}, {":read", true}};

// complete(), checking the contract every result keeps: as many shown as
// candidates, no duplicates, the replaced range inside the text.
Completion checked(std::string_view text, const GraphVocabulary& vocab, const std::vector<MetaCommandSpec>& meta = kMeta) {
  Completion c = complete(text, vocab, meta);
  INFO("text: " << text);
  REQUIRE(c.candidates.size() == c.shown.size());
  REQUIRE(std::set<std::string>(c.candidates.begin(), c.candidates.end()).size() == c.candidates.size());
  REQUIRE(c.replace_from <= text.size());
  return c;
}

Strings offered(std::string_view text, const GraphVocabulary& vocab = syllabus()) {
  return checked(text, vocab).candidates;
}

bool has(const Strings& list, const std::string& s) { return std::find(list.begin(), list.end(), s) != list.end(); }

}  // namespace

// ---------------------------------------------------------------- the vocabulary

TEST_CASE("completion: the vocabulary of the syllabus graph", "[completion]") {
  const GraphVocabulary& v = syllabus();
  CHECK(v.labels == Strings{"Category", "Concept", "Domain", "Exam", "Feature", "Knowledge", "Service", "Skill", "Synonym", "Task",
                            "UseCase"});
  CHECK(has(v.types, "MENTIONS"));
  CHECK(has(v.types, "FITS"));
  CHECK(has(v.keys, "aliases"));
  CHECK(std::is_sorted(v.keys.begin(), v.keys.end()));
  CHECK(v.keys_by_label.at("Domain") == Strings{"id", "name", "number", "source", "weight"});
  CHECK(has(v.keys_by_label.at("Service"), "scope"));
  CHECK(!has(v.keys_by_label.at("Task"), "scope"));
  CHECK(has(v.keys_by_type.at("FITS"), "source"));
  CHECK(has(v.rel_keys, "confirmed"));
  using P = GraphVocabulary::Pattern;
  CHECK(std::binary_search(v.patterns.begin(), v.patterns.end(), P{"Task", "MENTIONS", "Service"}));
  CHECK(std::binary_search(v.patterns.begin(), v.patterns.end(), P{"Knowledge", "PART_OF", "Task"}));
  CHECK(!std::binary_search(v.patterns.begin(), v.patterns.end(), P{"Task", "FITS", "UseCase"}));
  auto kds = std::find_if(v.nodes.begin(), v.nodes.end(), [](const auto& n) { return n.id == "kinesis-data-streams"; });
  REQUIRE(kds != v.nodes.end());
  CHECK(kds->name == "Amazon Kinesis Data Streams");
  CHECK(kds->label == "Service");
  CHECK(has(kds->aliases, "KDS"));
  CHECK(has(v.functions, "toLower"));
  CHECK(has(v.functions, "collect"));  // aggregates too
  CHECK(has(v.procedures, "db.schema.nodeTypeProperties"));
}

TEST_CASE("completion: the vocabulary of a small graph, in full and sampled", "[completion]") {
  const GraphVocabulary& v = small().vocab;
  CHECK(v.labels == Strings{"Data Set", "Library", "Note", "Person", "Tool", "Topic"});
  CHECK(v.types == Strings{"ABOUT", "KNOWS", "USES", "WROTE"});
  CHECK(v.keys_by_label.at("Person") == Strings{"aliases", "born", "id", "name"});
  CHECK(v.keys_by_type.at("WROTE") == Strings{"year"});
  CHECK(v.keys_by_type.count("KNOWS") == 0);  // no properties
  CHECK(v.rel_keys == Strings{"since", "year"});
  CHECK(v.nodes.size() == 6);
  auto numpy = std::find_if(v.nodes.begin(), v.nodes.end(), [](const auto& n) { return n.id == "numpy"; });
  REQUIRE(numpy != v.nodes.end());
  CHECK(numpy->label == "Tool:Library");

  // A budget smaller than the graph: two nodes listed, yet every label still
  // has its keys and every type that leaves a label is seen.
  GraphVocabulary sampled = GraphVocabulary::load(*small().db, 2);
  CHECK(sampled.nodes.size() == 2);
  CHECK(sampled.keys_by_label == v.keys_by_label);
  CHECK(sampled.patterns == v.patterns);
  CHECK(sampled.keys_by_type == v.keys_by_type);
}

TEST_CASE("completion: the vocabulary of an empty database", "[completion]") {
  test::TempDir dir;
  auto db = test::open_db(dir.sub("empty"));
  GraphVocabulary v = GraphVocabulary::load(*db);
  CHECK(v.labels.empty());
  CHECK(v.types.empty());
  CHECK(v.keys.empty());
  CHECK(v.patterns.empty());
  CHECK(v.nodes.empty());
  CHECK(v.keys_by_label.empty());
  CHECK(has(v.functions, "toLower"));
  CHECK(has(v.procedures, "db.labels"));
  // and completion on it offers only what needs no data
  CHECK(offered("MATCH (n:", v).empty());
  CHECK(offered("MATCH (n) RETURN n.", v).empty());
  CHECK(offered("RETURN 'x", v).empty());
  CHECK(offered("RETURN coll", v) == Strings{"collect("});
}

// ---------------------------------------------------------------- keywords, functions, procedures, variables

TEST_CASE("completion: keywords come in the case the user started", "[completion]") {
  CHECK(offered("mat") == Strings{"match"});
  CHECK(offered("MAT") == Strings{"MATCH"});
  CHECK(offered("Mat") == Strings{"MATCH"});
  CHECK(offered("MATCH (n) ret") == Strings{"return"});
  CHECK(offered("MATCH (n) RETURN n ord") == Strings{"order by"});
  CHECK(offered("OPT") == Strings{"OPTIONAL MATCH"});
  CHECK(offered("MATCH (n) WHERE n.name STA") == Strings{"STARTS WITH"});
  CHECK(offered("MATCH (n) WHERE n.note is") == Strings{"is not null", "is null"});
  CHECK(offered("RETURN tr") == Strings{"trim(", "true"});
  Completion c = checked("MATCH (n)\nWHE", syllabus());
  CHECK(c.replace_from == 10);
  CHECK(c.candidates == Strings{"WHERE"});  // WHEN belongs to CASE
  CHECK(offered("RETURN CASE WHEN true TH") == Strings{"THEN"});
  // after an operand only an operator or a clause can come, not a function
  CHECK(offered("MATCH (n) RETURN n.name co") == Strings{"contains"});
}

TEST_CASE("completion: transaction commands where a statement starts, and nowhere else", "[completion]") {
  CHECK(offered("beg") == Strings{"begin", "begin read only"});
  CHECK(offered("COMM") == Strings{"COMMIT"});
  CHECK(offered("RETURN 1; Rollb") == Strings{"ROLLBACK"});
  CHECK_FALSE(has(offered("MATCH (n) RETURN n.name, comm"), "commit"));
}

TEST_CASE("completion: schema statements where a statement starts, their words inside one", "[completion]") {
  CHECK(offered("SHO") == Strings{"SHOW CONSTRAINTS", "SHOW FULLTEXT INDEXES", "SHOW INDEXES", "SHOW RANGE INDEXES"});
  CHECK(offered("drop") == Strings{"drop constraint", "drop index"});
  CHECK(has(offered("RETURN 1; CREATE CON"), "CONSTRAINT"));
  CHECK(offered("show fulltext ind") == Strings{"indexes"});
  CHECK(offered("CREATE CONSTRAINT FOR (n:Service) REQ") == Strings{"REQUIRE"});
  CHECK(offered("CREATE CONSTRAINT FOR (n:Service) REQUIRE n.id is") == Strings{"is not null", "is null", "is unique"});
  CHECK(offered("CREATE INDEX IF") == Strings{"IF EXISTS", "IF NOT EXISTS"});
  // Not schema statements: none of their words.
  CHECK(offered("MATCH (n) SHO").empty());
  CHECK(offered("CREATE (n:Service) REQ").empty());
  CHECK(offered("MATCH (n) WHERE n.note is") == Strings{"is not null", "is null"});
}

TEST_CASE("completion: functions in their canonical case with '('", "[completion]") {
  CHECK(offered("RETURN toL") == Strings{"toLower("});
  CHECK(offered("RETURN tolo") == Strings{"toLower("});
  CHECK(offered("MATCH (s:Service) RETURN coll") == Strings{"collect("});
  CHECK(offered("RETURN percentile") == Strings{"percentileCont(", "percentileDisc("});
  Strings s = offered("RETURN s");
  CHECK(has(s, "size("));
  CHECK(has(s, "sum("));
  CHECK(has(s, "single("));  // a list predicate: syntax, still written like a call
  CHECK(has(s, "skip"));  // keywords in the case typed
  CHECK(has(s, "set"));
}

TEST_CASE("completion: procedure names after CALL", "[completion]") {
  Completion c = checked("CALL db.sch", syllabus());
  CHECK(c.replace_from == 5);
  CHECK(c.candidates == Strings{"db.schema", "db.schema.nodeTypeProperties", "db.schema.relTypeProperties"});
  CHECK(offered("CALL dbms.") == Strings{"dbms.functions", "dbms.procedures"});
  CHECK(offered("CALL DB.LA") == Strings{"db.labels"});
  CHECK(offered("CALL ").size() == syllabus().procedures.size());
  CHECK(offered("MATCH (n) CALL db.schema.r") == Strings{"db.schema.relTypeProperties"});
}

TEST_CASE("completion: variables bound earlier in the statement", "[completion]") {
  CHECK(offered("MATCH (svc:Service) RETURN sv") == Strings{"svc"});
  CHECK(offered("MATCH (s:Service)-[fit:FITS]->(u) WITH s, count(fit) AS fits RETURN fi") == Strings{"fit", "fits"});
  CHECK(offered("UNWIND [1, 2] AS xs RETURN x") == Strings{"xor", "xs"});
  CHECK(offered("CALL db.labels() YIELD label RETURN lab") == Strings{"label", "labels("});
  CHECK(offered("MATCH p = (a)-->(b) RETURN p") == Strings{"p", "percentileCont(", "percentileDisc(", "pi(", "properties("});
  // EXPLAIN and PROFILE only begin a statement
  CHECK(offered("PRO") == Strings{"PROFILE", "properties("});
  // the word being typed is not yet bound
  CHECK(offered("MATCH (sv").empty());
  // a pattern's variable: those bound before
  CHECK(offered("MATCH (task:Task) MATCH (ta") == Strings{"task"});
  CHECK(offered("MATCH (a)-[rel]->(b) MATCH (a)-[r") == Strings{"rel"});
}

// ---------------------------------------------------------------- labels and types

TEST_CASE("completion: labels after ':' in a node pattern", "[completion]") {
  Completion c = checked("MATCH (s:Ser", syllabus());
  CHECK(c.replace_from == 9);
  CHECK(c.candidates == Strings{"Service"});
  CHECK(offered("MATCH (s:ser") == Strings{"Service"});
  CHECK(offered("MATCH (:") == syllabus().labels);
  CHECK(offered("MATCH (a)-->(b:Ta") == Strings{"Task"});
  CHECK(offered("MATCH (n) WHERE n:Sk") == Strings{"Skill"});
  CHECK(offered("CREATE (n:Con") == Strings{"Concept"});
}

TEST_CASE("completion: a second label leaves out the first", "[completion]") {
  Strings s = offered("MATCH (n:Service:");
  CHECK(!has(s, "Service"));
  CHECK(has(s, "Feature"));
  CHECK(s.size() == syllabus().labels.size() - 1);
  CHECK(offered("MATCH (n:Service:Fe") == Strings{"Feature"});
}

TEST_CASE("completion: labels that need quoting come in backticks", "[completion]") {
  const GraphVocabulary& v = small().vocab;
  CHECK(offered("MATCH (d:Dat", v) == Strings{"`Data Set`"});
  Completion c = checked("MATCH (d:`Data S", v);
  CHECK(c.replace_from == 9);
  CHECK(c.candidates == Strings{"`Data Set`"});
  CHECK(offered("MATCH (:", v) == Strings{"`Data Set`", "Library", "Note", "Person", "Tool", "Topic"});
  // a quoted label earlier does not confuse what follows
  CHECK(offered("MATCH (d:`Data Set`)<-[:", v) == Strings{"USES"});
}

TEST_CASE("completion: relationship types filtered by the label on the left", "[completion]") {
  SECTION("outgoing: the types that leave the label") {
    Strings s = offered("MATCH (t:Task)-[:");
    CHECK(has(s, "MENTIONS"));
    CHECK(has(s, "PART_OF"));
    CHECK(!has(s, "FITS"));
    CHECK(s == Strings{"MENTIONS", "PART_OF"});
    CHECK(offered("MATCH (t:Task)-[r:") == Strings{"MENTIONS", "PART_OF"});
    CHECK(offered("MATCH (t:Task)-[:ME") == Strings{"MENTIONS"});
  }
  SECTION("incoming: the types that enter it") {
    Strings s = offered("MATCH (t:Task)<-[:");
    CHECK(has(s, "PART_OF"));
    CHECK(!has(s, "MENTIONS"));
    CHECK(s == Strings{"PART_OF"});
    CHECK(offered("MATCH (u:UseCase)<-[f:") == Strings{"FITS"});
  }
  SECTION("the label bound earlier in the statement") {
    CHECK(offered("MATCH (t:Task) MATCH (t)-[:") == Strings{"MENTIONS", "PART_OF"});
    CHECK(offered("MATCH (t:Task)\nWITH t\nMATCH (t)<-[:") == Strings{"PART_OF"});
    CHECK(offered("MATCH (t) WHERE t:UseCase MATCH (t)<-[:") == Strings{"FITS"});
  }
  SECTION("no label, or one nothing leaves: every type") {
    CHECK(offered("MATCH (n)-[:") == syllabus().types);
    CHECK(offered("MATCH ()-[:") == syllabus().types);
    CHECK(offered("MATCH (c:Category)-[:") == syllabus().types);  // Category has no outgoing relationships
  }
  SECTION("a node with two labels: the types both have") {
    const GraphVocabulary& v = small().vocab;
    CHECK(offered("MATCH (l:Library)-[:", v) == Strings{"USES"});
    CHECK(offered("MATCH (p:Person)-[:", v) == Strings{"KNOWS", "USES", "WROTE"});
    CHECK(offered("MATCH (p:Person)<-[:", v) == Strings{"KNOWS"});
  }
}

TEST_CASE("completion: relationship type alternatives after '|'", "[completion]") {
  CHECK(offered("MATCH (s:Service)-[:READS_FROM|DEL") == Strings{"DELIVERS_TO"});
  Strings s = offered("MATCH (a)-[r:READS_FROM|");
  CHECK(!has(s, "READS_FROM"));
  CHECK(has(s, "DELIVERS_TO"));
  CHECK(s.size() == syllabus().types.size() - 1);
  CHECK(offered("MATCH (t:Task)-[:PART_OF|:") == Strings{"MENTIONS"});
  // in a list comprehension '|' is not a type separator
  CHECK(offered("MATCH (n) RETURN [x IN [1] | toU") == Strings{"toUpper("});
}

// ---------------------------------------------------------------- property keys

TEST_CASE("completion: property keys of a variable's labels", "[completion]") {
  Completion c = checked("MATCH (s:Service) WHERE s.na", syllabus());
  CHECK(c.replace_from == 26);
  CHECK(c.candidates == Strings{"name"});
  CHECK(offered("MATCH (d:Domain) RETURN d.") == Strings{"id", "name", "number", "source", "weight"});
  CHECK(offered("MATCH (s:Service) RETURN s.sc") == Strings{"scope"});
  CHECK(offered("MATCH (t:Task) RETURN t.sc").empty());  // tasks have no scope
  // several labels: the union of their keys
  CHECK(offered("MATCH (x:Domain:Category) RETURN x.") == Strings{"id", "name", "number", "source", "weight"});
  // an unknown variable, or one without labels: every key
  CHECK(offered("MATCH (n) RETURN n.") == syllabus().keys);
  CHECK(offered("RETURN m.") == syllabus().keys);
  // an alias keeps the labels
  CHECK(offered("MATCH (d:Domain) WITH d AS dom RETURN dom.we") == Strings{"weight"});
  // a label predicate binds too
  CHECK(offered("MATCH (n) WHERE n:Domain AND n.we") == Strings{"weight"});
  // after a call: every key
  CHECK(offered("MATCH ()-[r]->() RETURN startNode(r).sc") == Strings{"scope", "score_max", "score_min", "scored_questions", "scoring"});
  // a map projection
  CHECK(offered("MATCH (d:Domain) RETURN d{.id, .we") == Strings{"weight"});
}

TEST_CASE("completion: property keys of a relationship variable", "[completion]") {
  CHECK(offered("MATCH (s)-[r:FITS]->(u) RETURN r.so") == Strings{"source"});
  CHECK(offered("MATCH (s)-[r:FITS]->(u) RETURN r.") == syllabus().keys_by_type.at("FITS"));
  const GraphVocabulary& v = small().vocab;
  CHECK(offered("MATCH (a)-[w:WROTE]->(b) RETURN w.", v) == Strings{"year"});
  CHECK(offered("MATCH (a)-[w:WROTE|USES]->(b) RETURN w.", v) == Strings{"since", "year"});
  CHECK(offered("MATCH (a)-[w]->(b) RETURN w.", v) == Strings{"since", "year"});  // any type: the relationship keys
  CHECK(offered("MATCH (a)-[k:KNOWS]->(b) RETURN k.", v) == Strings{"since", "year"});  // a type without keys
}

TEST_CASE("completion: keys inside a pattern's property map", "[completion]") {
  CHECK(offered("MATCH (s:Service {na") == Strings{"name"});
  CHECK(offered("MATCH (d:Domain {id: 'd1', we") == Strings{"weight"});
  const GraphVocabulary& v = small().vocab;
  CHECK(offered("MATCH (p:Person {", v) == Strings{"aliases", "born", "id", "name"});
  CHECK(offered("MATCH (p:Person) MATCH (p {b", v) == Strings{"born"});
  CHECK(offered("MATCH (a)-[:WROTE {", v) == Strings{"year"});
  // a map literal's keys are the user's own
  CHECK(offered("RETURN {na", v).empty());
  // a value in the map is an expression
  CHECK(offered("MATCH (p:Person {born: toI", v) == Strings{"toInteger(", "toIntegerList(", "toIntegerOrNull("});
}

// ---------------------------------------------------------------- node names in strings

TEST_CASE("completion: node names by alias, id and word", "[completion]") {
  SECTION("an alias finds the name") {
    Completion c = checked("MATCH (s:Service {name: 'kds", syllabus());
    CHECK(c.replace_from == 25);
    CHECK(c.candidates == Strings{"Amazon Kinesis Data Streams'"});
    CHECK(c.shown[0] == "Amazon Kinesis Data Streams  (:Service kinesis-data-streams, alias KDS)");
  }
  SECTION("an id prefix finds the name") {
    CHECK(offered("MATCH (s:Service) WHERE s.name = 'kinesis-data-s") == Strings{"Amazon Kinesis Data Streams'"});
  }
  SECTION("a word inside the name") {
    Strings s = offered("MATCH (s:Service) WHERE s.name CONTAINS 'streams");
    CHECK(has(s, "Amazon Kinesis Data Streams'"));
    CHECK(has(s, "Amazon Kinesis Video Streams'"));
  }
  SECTION("exact and name-prefix matches come before alias and word matches") {
    Strings s = offered("RETURN 'kinesis");
    REQUIRE(s.size() >= 3);
    CHECK(s[0] == "Amazon Kinesis'");  // its alias is exactly "Kinesis"
    const GraphVocabulary& v = small().vocab;
    // exact alias (AL), name prefix, word inside a name
    CHECK(offered("RETURN 'al", v) == Strings{"Ada Lovelace'", "Alan Turing'", "Linear Algebra'"});
    CHECK(checked("RETURN 'al", v).shown[0] == "Ada Lovelace  (:Person p-ada, alias AL)");
  }
  SECTION("the closing quote matches the opening one, and quotes inside are escaped") {
    const GraphVocabulary& v = small().vocab;
    CHECK(offered("RETURN \"ada", v) == Strings{"Ada Lovelace\"", "Ada's note\""});
    CHECK(offered("RETURN 'ada", v) == Strings{"Ada Lovelace'", "Ada\\'s note'"});
    CHECK(offered("RETURN 'ada\\'s", v) == Strings{"Ada\\'s note'"});
  }
  SECTION("the list is capped") {
    CHECK(offered("RETURN '").size() == kMaxNodeCandidates);
  }
}

TEST_CASE("completion: ids after {id: ' and v.id = '", "[completion]") {
  Completion c = checked("MATCH (d:Domain {id: '", syllabus());
  CHECK(c.candidates == Strings{"d1'", "d2'", "d3'", "d4'"});
  CHECK(c.shown[0].starts_with("d1  (:Domain "));
  CHECK(offered("MATCH (s {id: 'kds") == Strings{"kinesis-data-streams'"});
  CHECK(offered("MATCH (s:Service) WHERE s.id = \"kinesis-data-s") == Strings{"kinesis-data-streams\""});
  CHECK(offered("MATCH (s:Service) WHERE s.id IN ['s3', 'kinesis-data-s") == Strings{"kinesis-data-streams'"});
  CHECK(offered("MATCH (s:Service) WHERE s.id STARTS WITH 'kinesis-data-s") == Strings{"kinesis-data-streams'"});
}

TEST_CASE("completion: names restricted to the label of the pattern or variable", "[completion]") {
  CHECK(offered("MATCH (d:Domain {name: '").size() == 4);
  CHECK(offered("MATCH (c:Category {name: 'kin").empty());
  CHECK(offered("MATCH (u:UseCase) WHERE u.name STARTS WITH 'Amazon Kinesis").empty());
  Strings services = offered("MATCH (s:Service) WHERE s.name CONTAINS 'kin");
  CHECK(has(services, "Amazon Kinesis'"));
  Strings anything = offered("MATCH (s) WHERE s.name CONTAINS 'kin");
  CHECK(anything.size() > services.size());  // items that name Kinesis too
  const GraphVocabulary& v = small().vocab;
  CHECK(offered("MATCH (l:Library {name: '", v) == Strings{"NumPy'"});
  CHECK(offered("MATCH (t:Tool:Library {id: '", v) == Strings{"numpy'"});
  CHECK(offered("MATCH (p:Person) MATCH (p {name: '", v) == Strings{"Ada Lovelace'", "Alan Turing'"});
  // a relationship's property is no node's name
  CHECK(offered("MATCH (a)-[w:WROTE {note: '", v).empty());
  CHECK(offered("MATCH (a)-[w:WROTE]->() WHERE w.note = '", v).empty());
}

// ---------------------------------------------------------------- meta-commands and paths

TEST_CASE("completion: meta-command names", "[completion]") {
  Completion c = checked(":ex", syllabus());
  CHECK(c.replace_from == 0);
  CHECK(c.candidates == Strings{":explain", ":export"});
  Completion q = checked("  :Q", syllabus());
  CHECK(q.replace_from == 2);
  CHECK(q.candidates == Strings{":quit"});
  CHECK(offered(":").size() == kMeta.size());
  CHECK(offered(":nope").empty());
  CHECK(offered(":help ex").empty());  // :help takes no path
}

TEST_CASE("completion: file paths after a meta-command that takes one", "[completion]") {
  test::TempDir dir;
  for (const char* f : {"alpha.txt", "alps.csv", "beta.pg", ".hidden"}) std::ofstream(dir.sub(f)) << "x";
  std::filesystem::create_directory(dir.sub("albums"));
  const std::string base = dir.path() + "/";

  std::string text = ":export " + base + "al";
  Completion c = checked(text, syllabus());
  CHECK(c.replace_from == 8);
  CHECK(c.candidates == Strings{base + "albums/", base + "alpha.txt", base + "alps.csv"});
  CHECK(c.shown == Strings{"albums/", "alpha.txt", "alps.csv"});
  CHECK(offered(":export " + base) == Strings{base + "albums/", base + "alpha.txt", base + "alps.csv", base + "beta.pg"});
  CHECK(offered(":read  " + base + ".h") == Strings{base + ".hidden"});
  CHECK(offered(":export " + base + "albums/").empty());
  CHECK(offered(":export " + base + "zzz").empty());

  SECTION("~/ is the home directory") {
    const char* old = std::getenv("HOME");
    const std::optional<std::string> saved = old ? std::optional<std::string>(old) : std::nullopt;
    setenv("HOME", dir.path().c_str(), 1);
    Strings home = offered(":export ~/al");
    Strings tilde = offered(":export ~");
    if (saved) setenv("HOME", saved->c_str(), 1);
    else unsetenv("HOME");
    CHECK(home == Strings{"~/albums/", "~/alpha.txt", "~/alps.csv"});
    CHECK(tilde == Strings{"~/"});
  }
}

// ---------------------------------------------------------------- what must not confuse it

TEST_CASE("completion: comments, strings and quoted names earlier in the text", "[completion]") {
  CHECK(offered("MATCH (s:Service) // not (t:Task)-[:\nWHERE s.name = 'a (b [c {' /* ) ] } */ AND s.na") ==
        Strings{"name"});
  CHECK(offered("MATCH (t:Task) /* (s:Service) */ MATCH (t)-[:") == Strings{"MENTIONS", "PART_OF"});
  CHECK(offered("MATCH (t:Task) WHERE t.name = 'x)-[' MATCH (t)<-[:") == Strings{"PART_OF"});
  CHECK(offered("MATCH (`my (odd) var`:Service) RETURN `my (odd) var`.sc") == Strings{"scope"});
  CHECK(offered("MATCH (`x`:Domain) RETURN `x`.we") == Strings{"weight"});
  CHECK(offered("MATCH (d:Domain) RETURN `") == Strings{"d"});
  // the cursor inside a comment: nothing
  CHECK(offered("MATCH (n) // n.na").empty());
  CHECK(offered("MATCH (n) /* RETURN n.na").empty());
  // an earlier statement's variables and brackets are gone after ';'
  CHECK(offered("MATCH (t:Task) RETURN t; MATCH (t)-[:") == syllabus().types);
}

TEST_CASE("completion: multi-line statements", "[completion]") {
  CHECK(offered("MATCH (svc:Service)\nRETURN sv") == Strings{"svc"});
  CHECK(offered("MATCH (t:Task)\n  -[:") == Strings{"MENTIONS", "PART_OF"});
  CHECK(offered("MATCH (s:Service)\nWHERE s.name = 'Amazon S3'\n  AND s.sc") == Strings{"scope"});
  Completion c = checked("MATCH (d:Domain)\nWHERE d.id = 'd", syllabus());
  CHECK(c.replace_from == 31);  // after the opening quote
  CHECK(c.candidates == Strings{"d1'", "d2'", "d3'", "d4'"});
}

TEST_CASE("completion: nothing sensible, nothing offered", "[completion]") {
  CHECK(offered("RETURN 12").empty());
  CHECK(offered("RETURN 1.5").empty());
  CHECK(offered("RETURN $par").empty());
  CHECK(offered("MATCH (n) RETURN n AS ").empty());
  CHECK(offered("MATCH (n) RETURN n AS na").empty());
  CHECK(offered("RETURN 'done'").empty());
  CHECK(offered("MATCH (n:Service) WHERE n.name = 'zzzz").empty());
  CHECK(offered("xyzzy").empty());
  CHECK(offered("MATCH (n ").empty());  // a node pattern wants ':', '{' or ')'
  CHECK(offered("MATCH (n:Zzz").empty());
  CHECK(offered("MATCH (n) RETURN n.zzz").empty());
  CHECK(offered("CALL nope.").empty());
}

}  // namespace mlkg::repl

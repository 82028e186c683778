// Full-text indexes in storage (engine/storage/fulltext_index.hpp): every
// kind of write keeps the postings and the BM25 statistics exact, which the
// tests check by recomputing the ranking by hand from their own account of
// each document; writes that do not commit leave nothing; definitions
// survive reopening; imports keep indexes correct; the checker finds damage.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>

#include <rocksdb/db.h>

#include "engine/database.hpp"
#include "engine/storage/fulltext_index.hpp"
#include "engine/storage/key_codec.hpp"
#include "engine/storage/transaction.hpp"
#include "engine/text/analyzer.hpp"
#include "engine/text/bm25.hpp"
#include "engine/text/fulltext_search.hpp"
#include "support/temp_dir.hpp"
#include "support/test_db.hpp"

using namespace mlkg;
using storage::NodeId;

namespace {

// The test's own account of the index: each document's analysed terms.
using Model = std::map<NodeId, std::vector<std::string>>;
using Ranking = std::vector<std::pair<NodeId, double>>;

// BM25 of a one-term query over `model`, from first principles: N documents,
// df of them with the term, tf in each, |D| and the average length.
Ranking expected_ranking(const Model& model, const std::string& term) {
  uint64_t total = 0, df = 0;
  for (const auto& [id, terms] : model) {
    total += terms.size();
    df += std::count(terms.begin(), terms.end(), term) > 0;
  }
  const double average = model.empty() ? 0 : static_cast<double>(total) / static_cast<double>(model.size());
  const double idf = text::bm25_idf(model.size(), df);
  Ranking out;
  for (const auto& [id, terms] : model) {
    auto tf = static_cast<uint32_t>(std::count(terms.begin(), terms.end(), term));
    if (tf) out.emplace_back(id, text::bm25_term(idf, tf, static_cast<uint32_t>(terms.size()), average));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return out;
}

Ranking search(Database& db, const std::string& index, const std::string& text) {
  query::QueryResult r =
      db.execute("CALL db.index.fulltext.queryNodes($index, $text) YIELD node, score RETURN id(node), score",
                 ValueMap{{"index", Value(index)}, {"text", Value(text)}});
  Ranking out;
  for (const auto& row : r.rows) out.emplace_back(static_cast<NodeId>(row[0].as_int()), row[1].as_float());
  return out;
}

void require_ranking(const Ranking& actual, const Ranking& expected) {
  REQUIRE(actual.size() == expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    CHECK(actual[i].first == expected[i].first);
    CHECK(actual[i].second == Approx(expected[i].second).epsilon(1e-12));
  }
}

void require_consistent(Database& db) {
  storage::CheckReport report;
  REQUIRE(db.check(&report).ok());
  std::string all;
  for (const auto& p : report.problems) all += p + "\n";
  INFO(all);
  REQUIRE(report.ok());
}

// The index `name` answers every one-term query as the model says, and its
// statistics are the model's; the checker is content.
void require_index_matches(Database& db, const std::string& name, const Model& model) {
  for (const char* term : {"alpha", "beta", "gamma", "delta", "epsilon"}) {
    INFO("term " << term);
    require_ranking(search(db, name, term), expected_ranking(model, term));
  }
  auto txn = db.store().begin_read();
  const storage::FulltextIndexDefinition* def = txn->catalog().find_fulltext_index(name);
  REQUIRE(def);
  storage::FulltextStats stats;
  REQUIRE(txn->fulltext_stats(def->id, &stats).ok());
  uint64_t total = 0;
  for (const auto& [id, terms] : model) total += terms.size();
  CHECK(stats.documents == model.size());
  CHECK(stats.total_length == total);
  require_consistent(db);
}

NodeId create(Database& db, const std::string& pattern) {
  query::QueryResult r = db.execute("CREATE (n" + pattern + ") RETURN id(n)");
  return static_cast<NodeId>(r.rows.at(0).at(0).as_int());
}

// Runs `body` in a storage write transaction and commits it.
void write(Database& db, const std::function<void(storage::WriteTransaction&)>& body) {
  std::unique_ptr<storage::WriteTransaction> txn;
  REQUIRE(db.store().begin_write(&txn).ok());
  body(*txn);
  REQUIRE(txn->commit().ok());
}

std::vector<std::string> terms(const char* text) { return text::analyze_terms(text); }

}  // namespace

TEST_CASE("full-text index: every kind of write keeps the postings and BM25 statistics exact", "[fulltext][storage]") {
  // The words are their own stems, so the model can be written by hand.
  REQUIRE(terms("alpha beta gamma delta epsilon") ==
          std::vector<std::string>{"alpha", "beta", "gamma", "delta", "epsilon"});
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  const NodeId a = create(*db, ":Doc {title: 'alpha beta', tags: ['gamma', 7]}");
  const NodeId b = create(*db, ":Doc {title: 'beta beta delta'}");
  const NodeId c = create(*db, ":Other {title: 'beta epsilon'}");
  create(*db, ":Doc {count: 3}");  // no text: not a document
  db->execute("CREATE FULLTEXT INDEX docs FOR (n:Doc) ON EACH [n.title, n.tags]");
  Model model = {{a, terms("alpha beta gamma")}, {b, terms("beta beta delta")}};
  require_index_matches(*db, "docs", model);
  // beta: b has it twice in a document as long as a's, so b ranks first.
  REQUIRE(search(*db, "docs", "beta").at(0).first == b);

  SECTION("a node created with the label is indexed") {
    const NodeId d = create(*db, ":Doc:Other {title: 'delta delta', tags: ['beta']}");
    model[d] = terms("delta delta beta");
    require_index_matches(*db, "docs", model);
  }
  SECTION("setting an indexed property re-indexes the node") {
    write(*db, [&](storage::WriteTransaction& t) { REQUIRE(t.set_node_property(a, t.key_id("title"), Value("beta beta beta")).ok()); });
    model[a] = terms("beta beta beta gamma");
    require_index_matches(*db, "docs", model);
    // A list property that stops holding text.
    write(*db, [&](storage::WriteTransaction& t) { REQUIRE(t.set_node_property(a, t.key_id("tags"), Value(int64_t{42})).ok()); });
    model[a] = terms("beta beta beta");
    require_index_matches(*db, "docs", model);
  }
  SECTION("setting a property the index does not read changes nothing") {
    write(*db, [&](storage::WriteTransaction& t) { REQUIRE(t.set_node_property(a, t.key_id("other"), Value("delta")).ok()); });
    require_index_matches(*db, "docs", model);
  }
  SECTION("removing the last indexed text takes the node out") {
    write(*db, [&](storage::WriteTransaction& t) { REQUIRE(t.set_node_property(b, t.key_id("title"), Value()).ok()); });
    model.erase(b);
    require_index_matches(*db, "docs", model);
  }
  SECTION("adding the label puts a node in, removing it takes the node out") {
    write(*db, [&](storage::WriteTransaction& t) { REQUIRE(t.add_node_label(c, t.label_id("Doc")).ok()); });
    model[c] = terms("beta epsilon");
    require_index_matches(*db, "docs", model);
    write(*db, [&](storage::WriteTransaction& t) { REQUIRE(t.remove_node_label(a, t.label_id("Doc")).ok()); });
    model.erase(a);
    require_index_matches(*db, "docs", model);
  }
  SECTION("deleting a node takes it out") {
    const NodeId x = create(*db, ":Doc {title: 'x'}");
    write(*db, [&](storage::WriteTransaction& t) { REQUIRE(t.delete_node(a, true).ok()); });
    model.erase(a);
    model[x] = terms("x");
    require_index_matches(*db, "docs", model);
  }
  SECTION("several writes to one node in one transaction") {
    write(*db, [&](storage::WriteTransaction& t) {
      REQUIRE(t.set_node_property(c, t.key_id("title"), Value("gamma")).ok());
      REQUIRE(t.add_node_label(c, t.label_id("Doc")).ok());
      REQUIRE(t.set_node_property(c, t.key_id("tags"), Value(ValueList{Value("alpha alpha"), Value("epsilon")})).ok());
      REQUIRE(t.set_node_property(b, t.key_id("title"), Value("epsilon")).ok());
      REQUIRE(t.delete_node(b, false).ok());
    });
    model[c] = terms("gamma alpha alpha epsilon");
    model.erase(b);
    require_index_matches(*db, "docs", model);
  }
}

TEST_CASE("full-text index: a transaction reads its own index writes, and one that does not commit leaves none",
          "[fulltext][storage]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  const NodeId a = create(*db, ":Doc {title: 'alpha beta'}");
  const NodeId b = create(*db, ":Doc {title: 'beta gamma gamma'}");
  db->execute("CREATE FULLTEXT INDEX docs FOR (n:Doc) ON EACH [n.title]");
  const Model model = {{a, terms("alpha beta")}, {b, terms("beta gamma gamma")}};
  require_index_matches(*db, "docs", model);

  SECTION("a Cypher statement that fails") {
    REQUIRE_THROWS_AS(db->execute("CREATE (:Doc {title: 'beta beta'}) WITH 1 AS one RETURN one / 0"), query::QueryError);
    require_index_matches(*db, "docs", model);
  }
  SECTION("a storage transaction that is abandoned, after reading its own writes") {
    {
      std::unique_ptr<storage::WriteTransaction> txn;
      REQUIRE(db->store().begin_write(&txn).ok());
      NodeId d;
      REQUIRE(txn->create_node({txn->label_id("Doc")}, {{txn->key_id("title"), Value("beta beta")}}, &d).ok());
      REQUIRE(txn->set_node_property(a, txn->key_id("title"), Value("gamma")).ok());
      REQUIRE(txn->create_fulltext_index("more", {txn->label_id("Doc")}, {txn->key_id("title")}, nullptr).ok());
      // Its own view: the new node and the new text, with statistics to match.
      const storage::FulltextIndexDefinition* def = txn->catalog().find_fulltext_index("docs");
      text::QueryNode q;
      text::QuerySyntaxError error;
      REQUIRE(text::parse_fulltext_query("beta", &q, &error));
      std::vector<text::FulltextHit> hits;
      REQUIRE(text::search_fulltext(*txn, *def, q, {}, &hits).ok());
      const Model mine = {{a, terms("gamma")}, {b, terms("beta gamma gamma")}, {d, terms("beta beta")}};
      Ranking ranking;
      for (const auto& h : hits) ranking.emplace_back(h.node, h.score);
      require_ranking(ranking, expected_ranking(mine, "beta"));
      REQUIRE(txn->drop_fulltext_index(def->id).ok());
      REQUIRE(txn->catalog().find_fulltext_index("docs") == nullptr);
    }  // destroyed without commit
    REQUIRE(db->store().catalog()->fulltext_indexes().size() == 1);
    require_index_matches(*db, "docs", model);
  }
}

TEST_CASE("full-text index: definitions survive reopening, and a dropped index leaves no entry", "[fulltext][storage]") {
  test::TempDir dir;
  Model model;
  {
    auto db = test::open_db(dir.path());
    model[create(*db, ":A {name: 'alpha', summary: 'beta'}")] = terms("alpha beta");
    model[create(*db, ":B {name: 'gamma gamma'}")] = terms("gamma gamma");
    create(*db, ":C {name: 'alpha'}");
    db->execute("CREATE FULLTEXT INDEX ab FOR (n:A|B) ON EACH [n.name, n.summary]");
    db->execute("CREATE FULLTEXT INDEX c FOR (n:C) ON EACH [n.name]");
  }
  {
    auto db = test::open_db(dir.path());
    const storage::Catalog& catalog = *db->store().catalog();
    REQUIRE(catalog.fulltext_indexes().size() == 2);
    const storage::FulltextIndexDefinition* ab = catalog.find_fulltext_index("ab");
    REQUIRE(ab);
    CHECK(ab->labels == std::vector<storage::LabelId>{*catalog.find_label("A"), *catalog.find_label("B")});
    CHECK(ab->keys == std::vector<storage::PropertyKeyId>{*catalog.find_key("name"), *catalog.find_key("summary")});
    require_index_matches(*db, "ab", model);
    db->execute("DROP INDEX ab");
  }
  {
    auto db = test::open_db(dir.path());
    REQUIRE(db->store().catalog()->fulltext_indexes().size() == 1);
    // The checker would name any entry of the dropped index (its id no longer exists).
    require_consistent(*db);
    storage::CheckReport report;
    REQUIRE(db->check(&report).ok());
    CHECK(report.text_index_entries == 1 + 1 + 1);  // c: one document, one posting, the statistics
  }
}

TEST_CASE("full-text index: imports keep existing indexes correct", "[fulltext][storage][load]") {
  test::TempDir dir;
  auto db = test::open_db(dir.path());
  db->execute("CREATE FULLTEXT INDEX docs FOR (n:Doc) ON EACH [n.title]");
  auto import = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir.sub(name)) << text;
    load::ImportStats stats;
    Status s = db->import_files({dir.sub(name)}, load::ImportOptions{}, &stats);
    INFO(s.to_string());
    REQUIRE(s.ok());
  };
  import("a.pg", "d1 :Doc title:\"alpha beta\"\nd2 :Doc title:\"beta\"\nd3 :Other title:\"gamma\"\nd1 -> d2 :NEXT\n");
  auto id_of = [&](const std::string& pg_id) {
    query::QueryResult r = db->execute("MATCH (n {id: $id}) RETURN id(n)", ValueMap{{"id", Value(pg_id)}});
    return static_cast<NodeId>(r.rows.at(0).at(0).as_int());
  };
  Model model = {{id_of("d1"), terms("alpha beta")}, {id_of("d2"), terms("beta")}};
  require_index_matches(*db, "docs", model);
  // Existing nodes: d2's title replaced, d3 gains the label; d4 is new.
  import("b.pg", "d2 title:\"delta delta\"\nd3 :Doc\nd4 :Doc title:\"epsilon beta\"\n");
  model[id_of("d2")] = terms("delta delta");
  model[id_of("d3")] = terms("gamma");
  model[id_of("d4")] = terms("epsilon beta");
  require_index_matches(*db, "docs", model);
}

TEST_CASE("full-text index: a format-1 database is upgraded when opened for writing", "[fulltext][storage]") {
  test::TempDir dir;
  {
    auto db = test::open_db(dir.path());
    create(*db, ":Doc {title: 'alpha'}");
  }
  // Make it what the first release wrote: no text family, format 1.
  {
    std::vector<std::string> names;
    REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.path(), &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> descs;
    for (auto& n : names) descs.emplace_back(n, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw;
    REQUIRE(rocksdb::DB::Open(rocksdb::DBOptions(), dir.path(), descs, &handles, &raw).ok());
    std::string v;
    storage::put_u32_be(&v, 1);
    REQUIRE(raw->Put(rocksdb::WriteOptions(), handles[0], storage::meta_format_version_key(), v).ok());
    for (size_t i = 0; i < names.size(); ++i)
      if (names[i] == "text_idx") REQUIRE(raw->DropColumnFamily(handles[i]).ok());
    for (auto* h : handles) REQUIRE(raw->DestroyColumnFamilyHandle(h).ok());
    delete raw;
  }
  std::unique_ptr<Database> db;
  storage::OpenOptions read_only;
  read_only.access = storage::Access::kReadOnly;
  Status s = Database::open(dir.path(), read_only, &db);
  REQUIRE(s.code() == Status::Code::kIncompatible);
  CHECK(s.message().find("open it once without --read-only") != std::string::npos);
  db = test::open_db(dir.path());
  db->execute("CREATE FULLTEXT INDEX docs FOR (n:Doc) ON EACH [n.title]");
  REQUIRE(search(*db, "docs", "alpha").size() == 1);
  require_consistent(*db);
  db.reset();
  REQUIRE(Database::open(dir.path(), read_only, &db).ok());  // format 2 now
}

TEST_CASE("full-text index: the checker finds damaged postings, lengths and statistics", "[fulltext][storage][check]") {
  test::TempDir dir;
  NodeId a, b;
  storage::IndexId index;
  {
    auto db = test::open_db(dir.path());
    a = create(*db, ":Doc {title: 'alpha beta beta'}");
    b = create(*db, ":Doc {title: 'gamma'}");
    db->execute("CREATE FULLTEXT INDEX docs FOR (n:Doc) ON EACH [n.title]");
    index = db->store().catalog()->find_fulltext_index("docs")->id;
    require_consistent(*db);
  }
  std::vector<std::string> names;
  REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.path(), &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> descs;
  for (auto& n : names) descs.emplace_back(n, rocksdb::ColumnFamilyOptions());
  // Sets (or, without a value, erases) one text_idx key behind mlkg's back,
  // expects the checker to say `expect`, then restores the key.
  auto damage = [&](const std::string& key, std::optional<std::string> value, const std::string& expect) {
    auto with_family = [&](const std::function<void(rocksdb::DB*, rocksdb::ColumnFamilyHandle*)>& f) {
      std::vector<rocksdb::ColumnFamilyHandle*> handles;
      rocksdb::DB* raw;
      REQUIRE(rocksdb::DB::Open(rocksdb::DBOptions(), dir.path(), descs, &handles, &raw).ok());
      for (size_t i = 0; i < names.size(); ++i)
        if (names[i] == "text_idx") f(raw, handles[i]);
      for (auto* h : handles) REQUIRE(raw->DestroyColumnFamilyHandle(h).ok());
      delete raw;
    };
    std::string old;
    bool had = false;
    with_family([&](rocksdb::DB* raw, rocksdb::ColumnFamilyHandle* h) {
      had = raw->Get(rocksdb::ReadOptions(), h, key, &old).ok();
      REQUIRE((value ? raw->Put(rocksdb::WriteOptions(), h, key, *value) : raw->Delete(rocksdb::WriteOptions(), h, key)).ok());
    });
    {
      auto db = test::open_db(dir.path());
      storage::CheckReport report;
      REQUIRE(db->check(&report).ok());
      std::string all;
      for (const auto& p : report.problems) all += p + "\n";
      INFO(all);
      REQUIRE_FALSE(report.ok());
      REQUIRE(all.find(expect) != std::string::npos);
    }
    with_family([&](rocksdb::DB* raw, rocksdb::ColumnFamilyHandle* h) {
      REQUIRE((had ? raw->Put(rocksdb::WriteOptions(), h, key, old) : raw->Delete(rocksdb::WriteOptions(), h, key)).ok());
    });
  };
  using storage::encode_posting;
  damage(storage::text_posting_key(index, "beta", a), std::nullopt,
         "node " + std::to_string(a) + ": the posting of 'beta' in full-text index docs is missing");
  damage(storage::text_posting_key(index, "beta", a), encode_posting({1}), "has the wrong frequency or positions");
  damage(storage::text_posting_key(index, "delta", b), encode_posting({0}),
         "holds a posting of 'delta' for node " + std::to_string(b) + ", whose document does not have that term");
  damage(storage::text_posting_key(index, "alpha", 99), encode_posting({0}),
         "holds a posting of 'alpha' for node 99, which is not one of its documents");
  damage(storage::text_posting_key(index, "alpha", a), "\x05", "does not decode");
  damage(storage::text_document_key(index, b), std::nullopt, "its document in full-text index docs is missing");
  damage(storage::text_document_key(index, b), storage::encode_document_length(7), "document length in full-text index docs is wrong");
  damage(storage::text_stats_key(index), storage::encode_fulltext_stats({3, 4}),
         "the statistics say 3 documents of total length 4, the nodes make 2 of total length 4");
  damage(storage::text_stats_key(index), std::nullopt, "the statistics entry is missing");
  damage(storage::text_stats_key(index + 1), storage::encode_fulltext_stats({0, 0}),
         "an entry belongs to index " + std::to_string(index + 1) + ", which does not exist");
}

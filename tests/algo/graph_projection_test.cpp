// GraphProjection (what is projected, how) and ProjectionCache (reuse until
// the next write).

#include <catch2/catch.hpp>

#include "algo/algo_graphs.hpp"
#include "engine/algo/graph_projection.hpp"
#include "engine/algo/projection_cache.hpp"
#include "engine/storage/transaction.hpp"

using namespace mlkg;
using namespace mlkg::algo;
using test::SmallGraph;

namespace {

// a:A -R-> b:A -R-> c:B, c -S {w: 2.5}-> a, a -S-> a (a self-loop, no w),
// d:B alone.
const char* kGraph =
    "CREATE (a:A {id: 'a'}), (b:A {id: 'b'}), (c:B {id: 'c'}), (d:B {id: 'd'}), "
    "(a)-[:R {w: 1}]->(b), (b)-[:R {w: 2}]->(c), (c)-[:S {w: 2.5}]->(a), (a)-[:S]->(a)";

std::shared_ptr<const GraphProjection> build(Database& db, ProjectionSpec spec) {
  auto txn = db.store().begin_read();
  std::shared_ptr<const GraphProjection> p;
  Status s = build_projection(*txn, spec, {}, &p);
  INFO(s.to_string());
  REQUIRE(s.ok());
  return p;
}

Status build_status(Database& db, ProjectionSpec spec) {
  auto txn = db.store().begin_read();
  std::shared_ptr<const GraphProjection> p;
  return build_projection(*txn, spec, {}, &p);
}

// The edges as "source>target" by node position (a=0 ...), sorted.
std::string edges(const GraphProjection& p) {
  std::vector<std::string> out;
  const auto& g = p.graph();
  for (GraphProjection::Vertex u = 0; u < p.vertex_count(); ++u)
    for (auto [e, end] = boost::out_edges(u, g); e != end; ++e)
      out.push_back(std::to_string(u) + ">" + std::to_string(boost::target(*e, g)));
  std::sort(out.begin(), out.end());
  std::string joined;
  for (const auto& x : out) joined += (joined.empty() ? "" : " ") + x;
  return joined;
}

std::shared_ptr<const GraphProjection> cached(ProjectionCache& cache, Database& db, const ProjectionSpec& spec,
                                              bool cacheable = true) {
  auto txn = db.store().begin_read();
  std::shared_ptr<const GraphProjection> p;
  REQUIRE(cache.get(db.store(), *txn, cacheable, spec, {}, &p).ok());
  return p;
}

}  // namespace

TEST_CASE("graph projection: every node and relationship, in node id order, with the relationships' ids", "[algo]") {
  SmallGraph g(kGraph);
  auto p = build(g.db(), {});
  REQUIRE(p->vertex_count() == 4);
  CHECK(p->edge_count() == 4);
  CHECK(p->relationship_count() == 4);
  for (GraphProjection::Vertex v = 0; v + 1 < p->vertex_count(); ++v) CHECK(p->node_id(v) < p->node_id(v + 1));
  for (GraphProjection::Vertex v = 0; v < p->vertex_count(); ++v) CHECK(p->vertex_of(p->node_id(v)) == v);
  CHECK_FALSE(p->vertex_of(p->node_id(3) + 100));
  CHECK(edges(*p) == "0>0 0>1 1>2 2>0");
  CHECK_FALSE(p->weighted());
  CHECK(p->weight(0) == 1.0);
  // Each edge carries its relationship: the four ids are distinct and they
  // are the database's.
  std::set<storage::RelId> rels;
  for (uint32_t e = 0; e < p->edge_count(); ++e) rels.insert(p->rel_id(e));
  CHECK(rels.size() == 4);
  auto r = g.run("MATCH ()-[r]->() RETURN id(r)");
  for (const auto& row : r.rows) CHECK(rels.count(static_cast<storage::RelId>(row[0].as_int())) == 1);
}

TEST_CASE("graph projection: labels, types and orientation select and direct the edges", "[algo]") {
  SmallGraph g(kGraph);
  ProjectionSpec a_only;
  a_only.labels = {"A"};
  auto p = build(g.db(), a_only);
  CHECK(p->vertex_count() == 2);
  CHECK(edges(*p) == "0>0 0>1");  // b -> c and c -> a leave the projection with c
  ProjectionSpec both_labels;
  both_labels.labels = {"B", "A", "A"};  // any of them; order and repeats do not matter
  CHECK(build(g.db(), both_labels)->vertex_count() == 4);

  ProjectionSpec s_only;
  s_only.types = {"S"};
  CHECK(edges(*build(g.db(), s_only)) == "0>0 2>0");
  s_only.orientation = Orientation::kReverse;
  CHECK(edges(*build(g.db(), s_only)) == "0>0 0>2");
  s_only.orientation = Orientation::kUndirected;
  auto u = build(g.db(), s_only);
  CHECK(edges(*u) == "0>0 0>2 2>0");  // both ways, the self-loop once
  CHECK(u->edge_count() == 3);
  CHECK(u->relationship_count() == 2);
}

TEST_CASE("graph projection: weights come from a relationship property, or the default", "[algo]") {
  SmallGraph g(kGraph);
  ProjectionSpec spec;
  spec.weight = "w";
  spec.default_weight = 7;
  auto p = build(g.db(), spec);
  REQUIRE(p->weighted());
  std::multiset<double> weights;
  for (uint32_t e = 0; e < p->edge_count(); ++e) weights.insert(p->weight(e));
  CHECK(weights == std::multiset<double>{1.0, 2.0, 2.5, 7.0});
  CHECK(p->min_weight() == 1.0);
  // The weight follows its relationship through the counting sort: c -> a weighs 2.5.
  for (uint32_t e = 0; e < p->edge_count(); ++e) {
    auto r = g.run("MATCH ()-[r]->() WHERE id(r) = $id RETURN r.w", {{"id", Value(static_cast<int64_t>(p->rel_id(e)))}});
    CHECK((r.rows[0][0].is_null() ? 7.0 : r.rows[0][0].is_int() ? static_cast<double>(r.rows[0][0].as_int())
                                                                 : r.rows[0][0].as_float()) == p->weight(e));
  }
}

TEST_CASE("graph projection: unknown names and non-numeric weights are errors that say what is wrong", "[algo]") {
  SmallGraph g(kGraph + std::string(", (d)-[:T {w: 'heavy'}]->(a)"));
  ProjectionSpec spec;
  spec.labels = {"a"};
  Status s = build_status(g.db(), spec);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(s.message() == "the database has no label :a; did you mean :A?");
  spec = {};
  spec.types = {"R", "Q"};
  CHECK(build_status(g.db(), spec).message() == "the database has no relationship type :Q; did you mean :R?");
  spec = {};
  spec.weight = "ww";
  CHECK(build_status(g.db(), spec).message() == "the database has no property key ww; did you mean w?");
  spec.weight = "w";
  s = build_status(g.db(), spec);
  CHECK(s.message().find("(:T) has w = 'heavy', which is a STRING, not a number") != std::string::npos);
  spec.types = {"R", "S"};  // without T, the weights are all numbers
  CHECK(build_status(g.db(), spec).ok());
}

TEST_CASE("projection cache: reused until the next write, never for a writer", "[algo]") {
  SmallGraph g(kGraph);
  ProjectionCache cache;
  ProjectionSpec spec;
  spec.types = {"R"};
  auto before = cache.stats();
  auto first = cached(cache, g.db(), spec);
  auto second = cached(cache, g.db(), spec);
  CHECK(first == second);  // the same object
  ProjectionSpec same = spec;
  same.types = {"R", "R"};  // equal once normalised
  CHECK(cached(cache, g.db(), same) == first);
  auto after = cache.stats();
  CHECK(after.hits - before.hits == 2);
  CHECK(after.builds - before.builds == 1);

  ProjectionSpec other = spec;
  other.orientation = Orientation::kUndirected;
  CHECK(cached(cache, g.db(), other) != first);

  // A write makes a new data version: the next request builds again and
  // sees the new relationship.
  g.run("MATCH (c {id: 'c'}), (d {id: 'd'}) CREATE (c)-[:R]->(d)");
  auto third = cached(cache, g.db(), spec);
  CHECK(third != first);
  CHECK(first->edge_count() == 2);
  CHECK(third->edge_count() == 3);
  CHECK(cached(cache, g.db(), spec) == third);

  // A transaction with its own writes neither reads nor fills the cache.
  std::unique_ptr<storage::WriteTransaction> w;
  REQUIRE(g.db().store().begin_write(&w).ok());
  storage::NodeId n;
  REQUIRE(w->create_node({w->label_id("A")}, {}, &n).ok());
  std::shared_ptr<const GraphProjection> own, own_again;
  REQUIRE(cache.get(g.db().store(), *w, false, spec, {}, &own).ok());
  REQUIRE(cache.get(g.db().store(), *w, false, spec, {}, &own_again).ok());
  CHECK(own != third);
  CHECK(own != own_again);
  CHECK(own->vertex_count() == 5);  // it sees its own new node
  w.reset();                        // rolled back
  CHECK(cached(cache, g.db(), spec) == third);
}

TEST_CASE("projection cache: stays within its bounds and drops a store's older versions", "[algo]") {
  SmallGraph g(kGraph);
  ProjectionCache cache;
  ProjectionSpec spec;
  cached(cache, g.db(), spec);
  const size_t entries = cache.stats().entries;
  for (int i = 0; i < 3; ++i) {
    g.run("CREATE (:A {id: 'x" + std::to_string(i) + "'})");
    cached(cache, g.db(), spec);
    CHECK(cache.stats().entries == entries);  // the old version's entry made way
  }
  for (int i = 0; i < 40; ++i) {
    ProjectionSpec many;
    many.default_weight = i;  // forty different keys
    cached(cache, g.db(), many);
  }
  CHECK(cache.stats().entries <= ProjectionCache::kMaxEntries);
}

TEST_CASE("graph projection: a few nodes among many ids are found without a dense table", "[algo]") {
  // 2000 unlabelled nodes first, so the two labelled ones have ids above 2000:
  // too sparse for the direct table, found by binary search instead.
  SmallGraph g("UNWIND range(1, 2000) AS i CREATE (:Filler)");
  g.run("CREATE (:A {id: 'a'})-[:R]->(:A {id: 'b'})");
  ProjectionSpec spec;
  spec.labels = {"A"};
  auto p = build(g.db(), spec);
  REQUIRE(p->vertex_count() == 2);
  CHECK(p->node_id(0) > 2000);
  CHECK(p->vertex_of(p->node_id(0)) == 0u);
  CHECK(p->vertex_of(p->node_id(1)) == 1u);
  CHECK_FALSE(p->vertex_of(1));
  CHECK(edges(*p) == "0>1");
  auto r = g.run("MATCH (a {id: 'a'}), (b {id: 'b'}) CALL algo.shortestPath(a, b, {labels: 'A'}) YIELD length "
                 "RETURN length");
  CHECK(r.rows[0][0].as_int() == 1);
}

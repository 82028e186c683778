// The path searches against a plain reference implementation, on random
// graphs: every shortest path the projections' searches return must be a
// real path of the graph, as short (or cheap) as the reference's distance,
// and allShortestPaths must list exactly as many paths as the reference
// counts.

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <queue>
#include <random>

#include "engine/algo/graph_projection.hpp"
#include "engine/algo/paths.hpp"
#include "engine/storage/graph_store.hpp"
#include "engine/storage/transaction.hpp"
#include "support/temp_dir.hpp"

using namespace mlkg;
using namespace mlkg::algo;

namespace {

struct RandomGraph {
  struct Rel {
    int from, to;
    double w;
  };
  std::vector<storage::NodeId> nodes;
  std::map<storage::RelId, Rel> rels;
};

// n nodes, m relationships between random ends (loops and parallels
// allowed), weights multiples of 0.25 in [0, 4], so sums are exact and ties
// are real ties.
RandomGraph fill(storage::GraphStore& store, int n, int m, uint32_t seed) {
  std::mt19937 rng(seed);
  RandomGraph g;
  std::unique_ptr<storage::WriteTransaction> txn;
  REQUIRE(store.begin_write(&txn).ok());
  const storage::LabelId label = txn->label_id("N");
  const storage::TypeId type = txn->type_id("R");
  const storage::PropertyKeyId w = txn->key_id("w");
  for (int i = 0; i < n; ++i) {
    storage::NodeId id;
    REQUIRE(txn->create_node({label}, {}, &id).ok());
    g.nodes.push_back(id);
  }
  for (int i = 0; i < m; ++i) {
    int a = static_cast<int>(rng() % n), b = static_cast<int>(rng() % n);
    double weight = static_cast<double>(rng() % 17) / 4.0;
    storage::RelId id;
    REQUIRE(txn->create_rel(type, g.nodes[a], g.nodes[b], {{w, Value(weight)}}, false, &id).ok());
    g.rels[id] = {a, b, weight};
  }
  REQUIRE(txn->commit().ok());
  return g;
}

// Reference: distances from s and the number of shortest paths to each node
// (each parallel relationship its own path), by Dijkstra over the plain
// relationship list; unit weights when !weighted; both ways when undirected.
struct Reference {
  std::vector<double> dist;
  std::vector<double> count;
};

Reference reference(const RandomGraph& g, int s, bool weighted, bool undirected) {
  const size_t n = g.nodes.size();
  std::vector<std::vector<std::pair<int, double>>> adj(n);
  for (const auto& [id, r] : g.rels) {
    double w = weighted ? r.w : 1.0;
    adj[r.from].push_back({r.to, w});
    if (undirected && r.from != r.to) adj[r.to].push_back({r.from, w});
  }
  Reference ref{std::vector<double>(n, std::numeric_limits<double>::infinity()), std::vector<double>(n, 0)};
  ref.dist[s] = 0;
  using E = std::pair<double, int>;
  std::priority_queue<E, std::vector<E>, std::greater<>> q;
  q.push({0, s});
  std::vector<bool> done(n, false);
  std::vector<int> order;
  while (!q.empty()) {
    auto [d, u] = q.top();
    q.pop();
    if (done[u]) continue;
    done[u] = true;
    order.push_back(u);
    for (auto [v, w] : adj[u])
      if (d + w < ref.dist[v]) {
        ref.dist[v] = d + w;
        q.push({ref.dist[v], v});
      }
  }
  // Counts along tight edges, in settling order. Zero-weight edges make
  // ties within a distance; counting only simple paths there is what the
  // engine does, which a DP cannot, so such graphs are avoided in weighted
  // runs by checking counts only when no tight zero-weight edge exists.
  ref.count[s] = 1;
  for (int u : order)
    for (auto [v, w] : adj[u])
      if (v != s && ref.dist[u] + w == ref.dist[v] && w > 0) ref.count[v] += ref.count[u];
  return ref;
}

bool has_zero_weight(const RandomGraph& g) {
  for (const auto& [id, r] : g.rels)
    if (r.w == 0) return true;
  return false;
}

// The path is a walk along real relationships from s to t whose cost is
// the sum of their weights (allowing them to be walked backwards only when
// undirected).
void require_real_path(const RandomGraph& g, const GraphProjection& p, const Path& path, int s, int t, bool weighted,
                       bool undirected) {
  REQUIRE(path.vertices.size() == path.rels.size() + 1);
  REQUIRE(p.node_id(path.vertices.front()) == g.nodes[s]);
  REQUIRE(p.node_id(path.vertices.back()) == g.nodes[t]);
  double cost = 0;
  for (size_t i = 0; i < path.rels.size(); ++i) {
    const RandomGraph::Rel& r = g.rels.at(path.rels[i]);
    storage::NodeId a = p.node_id(path.vertices[i]), b = p.node_id(path.vertices[i + 1]);
    bool along = g.nodes[r.from] == a && g.nodes[r.to] == b;
    bool against = g.nodes[r.from] == b && g.nodes[r.to] == a;
    REQUIRE((along || (undirected && against)));
    cost += weighted ? r.w : 1.0;
  }
  REQUIRE(path.cost == cost);
}

}  // namespace

TEST_CASE("algo paths: shortest and all shortest paths agree with a reference on random graphs", "[algo]") {
  // Small and sparse on purpose: the number of equally short paths grows
  // exponentially with density, and each is checked (60 nodes and 150
  // relationships took 77 s in a Release build and over 20 min under the
  // sanitizers; 50 and 115 over 13 min).
  for (uint32_t seed : {1u, 2u}) {
    test::TempDir dir;
    std::unique_ptr<storage::GraphStore> store;
    REQUIRE(storage::GraphStore::open(dir.path(), storage::OpenOptions{}, &store).ok());
    const int n = 40;
    RandomGraph g = fill(*store, n, 90, seed);
    auto txn = store->begin_read();
    for (bool weighted : {false, true}) {
      for (Orientation o : {Orientation::kNatural, Orientation::kUndirected}) {
        ProjectionSpec spec;
        spec.orientation = o;
        if (weighted) spec.weight = "w";
        std::shared_ptr<const GraphProjection> fwd, bwd;
        REQUIRE(build_projection(*txn, spec, {}, &fwd).ok());
        spec.orientation = reversed(o);
        REQUIRE(build_projection(*txn, spec, {}, &bwd).ok());
        const bool undirected = o == Orientation::kUndirected;
        const bool count_paths = !weighted || !has_zero_weight(g);
        for (int s = 0; s < n; s += 3) {
          Reference ref = reference(g, s, weighted, undirected);
          for (int t = 0; t < n; ++t) {
            INFO("seed " << seed << (weighted ? " weighted " : " unweighted ") << (undirected ? "undirected " : "")
                         << s << " -> " << t << ", reference distance " << ref.dist[t]);
            GraphProjection::Vertex vs = *fwd->vertex_of(g.nodes[s]), vt = *fwd->vertex_of(g.nodes[t]);
            std::optional<Path> one = shortest_path(*fwd, *bwd, vs, vt, {});
            std::vector<Path> all = all_shortest_paths(*fwd, *bwd, vs, vt, {});
            if (std::isinf(ref.dist[t])) {
              CHECK_FALSE(one);
              CHECK(all.empty());
              continue;
            }
            REQUIRE(one);
            require_real_path(g, *fwd, *one, s, t, weighted, undirected);
            CHECK(one->cost == ref.dist[t]);
            REQUIRE_FALSE(all.empty());
            for (const Path& p : all) {
              require_real_path(g, *fwd, p, s, t, weighted, undirected);
              CHECK(p.cost == ref.dist[t]);
            }
            if (count_paths && s != t) CHECK(static_cast<double>(all.size()) == ref.count[t]);
          }
        }
      }
    }
  }
}

TEST_CASE("algo paths: within_hops agrees with breadth-first depths on random graphs", "[algo]") {
  test::TempDir dir;
  std::unique_ptr<storage::GraphStore> store;
  REQUIRE(storage::GraphStore::open(dir.path(), storage::OpenOptions{}, &store).ok());
  RandomGraph g = fill(*store, 80, 120, 7);
  auto txn = store->begin_read();
  std::shared_ptr<const GraphProjection> p;
  REQUIRE(build_projection(*txn, {}, {}, &p).ok());
  for (int s = 0; s < 80; s += 7) {
    Reference ref = reference(g, s, false, false);
    for (uint32_t k : {0u, 1u, 2u, 5u}) {
      std::map<storage::NodeId, uint32_t> got;
      for (const Reached& r : within_hops(*p, {*p->vertex_of(g.nodes[s])}, k, {})) got[p->node_id(r.vertex)] = r.depth;
      std::map<storage::NodeId, uint32_t> want;
      for (int v = 0; v < 80; ++v)
        if (ref.dist[v] <= k) want[g.nodes[v]] = static_cast<uint32_t>(ref.dist[v]);
      CHECK(got == want);
    }
  }
}

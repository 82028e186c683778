#include "engine/algo/paths.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>
#include <utility>

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <boost/property_map/property_map.hpp>

namespace mlkg::algo {

namespace {

using Graph = GraphProjection::Graph;
using Vertex = GraphProjection::Vertex;
using Edge = GraphProjection::Edge;

constexpr uint32_t kUnseen = std::numeric_limits<uint32_t>::max();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr uint32_t kStepsBetweenChecks = 4096;
constexpr double kRelativeTie = 1e-9;

// Counts steps and calls the cancellation check every kStepsBetweenChecks of them.
class Poller {
 public:
  explicit Poller(const CancelCheck& check) : check_(check) {}
  void step() {
    if (check_ && ++steps_ % kStepsBetweenChecks == 0) check_();
  }

 private:
  const CancelCheck& check_;
  uint32_t steps_ = 0;
};

// Thrown by visitors to end a Boost search early.
struct StopSearch {};

bool ties(double a, double b) { return std::abs(a - b) <= kRelativeTie * std::max({1.0, std::abs(a), std::abs(b)}); }

// One side of the bidirectional search: depth, and the edge each vertex was
// reached by (its parent vertex and the CSR edge index in that side's graph).
struct Side {
  const GraphProjection& projection;
  std::vector<uint32_t> depth;
  std::vector<Vertex> parent;
  std::vector<uint32_t> parent_edge;
  std::vector<Vertex> frontier;

  Side(const GraphProjection& p, Vertex start)
      : projection(p), depth(p.vertex_count(), kUnseen), parent(p.vertex_count()), parent_edge(p.vertex_count()),
        frontier{start} {
    depth[start] = 0;
  }

  // The edges the next expansion reads: the cheaper side goes next, so a
  // frontier holding one hub with thousands of edges waits its turn.
  uint64_t next_cost() const {
    uint64_t edges = 0;
    for (Vertex u : frontier) edges += boost::out_degree(u, projection.graph());
    return edges;
  }

  // Expands the whole frontier by one level; returns a vertex that `other`
  // has reached, if one is found (the search can stop there: see below).
  std::optional<Vertex> expand(const Side& other, Poller& poll) {
    std::vector<Vertex> next;
    const Graph& g = projection.graph();
    for (Vertex u : frontier) {
      poll.step();
      for (auto [e, end] = boost::out_edges(u, g); e != end; ++e) {
        Vertex v = boost::target(*e, g);
        if (depth[v] != kUnseen) continue;
        depth[v] = depth[u] + 1;
        parent[v] = u;
        parent_edge[v] = GraphProjection::edge_index(*e);
        if (other.depth[v] != kUnseen) return v;
        next.push_back(v);
      }
    }
    frontier = std::move(next);
    return std::nullopt;
  }
};

// Bidirectional breadth-first search. Before each level the two searched
// sets are disjoint: the forward side holds every vertex within a hops of
// the source, the backward side every vertex within b hops of the target, so
// the distance is at least a + b + 1. A vertex met while the forward side
// expands to level a + 1 lies within a + 1 + b hops: exactly the distance,
// so the first meeting already gives a shortest path (the same holds with
// the sides swapped).
std::optional<Path> bidirectional_bfs(const GraphProjection& forward, const GraphProjection& backward, Vertex s,
                                      Vertex t, const CancelCheck& check) {
  Side f(forward, s), b(backward, t);
  Poller poll(check);
  std::optional<Vertex> meet;
  while (!meet && !f.frontier.empty() && !b.frontier.empty())
    meet = f.next_cost() <= b.next_cost() ? f.expand(b, poll) : b.expand(f, poll);
  if (!meet) return std::nullopt;
  Path path;
  for (Vertex v = *meet; v != s; v = f.parent[v]) {
    path.vertices.push_back(v);
    path.rels.push_back(forward.rel_id(f.parent_edge[v]));
  }
  path.vertices.push_back(s);
  std::reverse(path.vertices.begin(), path.vertices.end());
  std::reverse(path.rels.begin(), path.rels.end());
  for (Vertex v = *meet; v != t;) {
    path.rels.push_back(backward.rel_id(b.parent_edge[v]));
    v = b.parent[v];
    path.vertices.push_back(v);
  }
  path.cost = static_cast<double>(path.rels.size());
  return path;
}

// Bidirectional Dijkstra: one search from the source over `forward`, one
// from the target over `backward`, each step taken by the side whose queue
// holds the smaller distance. Whenever an edge reaches a vertex the other
// side has reached, df[v] + db[v] is the cost of a real path; the best such
// cost (mu) is the answer once the smallest distances left in the two queues
// add up to mu or more, because any cheaper path would have to go through a
// vertex still queued on both sides at smaller distances. Lazy deletion: a
// queue entry whose distance is no longer the vertex's is skipped.
std::optional<Path> bidirectional_dijkstra(const GraphProjection& forward, const GraphProjection& backward, Vertex s,
                                           Vertex t, const CancelCheck& check) {
  using Entry = std::pair<double, Vertex>;
  struct Search {
    const GraphProjection& projection;
    std::vector<double> dist;
    std::vector<Vertex> parent;
    std::vector<uint32_t> parent_edge;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    Search(const GraphProjection& p, Vertex start)
        : projection(p), dist(p.vertex_count(), kInf), parent(p.vertex_count()), parent_edge(p.vertex_count()) {
      dist[start] = 0;
      queue.push({0.0, start});
    }
    double top() const { return queue.empty() ? kInf : queue.top().first; }
  };
  Search f(forward, s), b(backward, t);
  Poller poll(check);
  double mu = kInf;
  Vertex meet = s;
  while (!f.queue.empty() && !b.queue.empty() && f.top() + b.top() < mu) {
    poll.step();
    Search& side = f.top() <= b.top() ? f : b;
    const Search& other = &side == &f ? b : f;
    auto [d, u] = side.queue.top();
    side.queue.pop();
    if (d > side.dist[u]) continue;  // stale
    const Graph& g = side.projection.graph();
    for (auto [e, end] = boost::out_edges(u, g); e != end; ++e) {
      Vertex v = boost::target(*e, g);
      uint32_t idx = GraphProjection::edge_index(*e);
      double nd = d + side.projection.weight(idx);
      if (nd < side.dist[v]) {
        side.dist[v] = nd;
        side.parent[v] = u;
        side.parent_edge[v] = idx;
        side.queue.push({nd, v});
      }
      if (other.dist[v] < kInf && side.dist[v] + other.dist[v] < mu) {
        mu = side.dist[v] + other.dist[v];
        meet = v;
      }
    }
  }
  if (mu == kInf) return std::nullopt;
  Path path;
  for (Vertex v = meet; v != s; v = f.parent[v]) {
    path.vertices.push_back(v);
    path.rels.push_back(forward.rel_id(f.parent_edge[v]));
  }
  path.vertices.push_back(s);
  std::reverse(path.vertices.begin(), path.vertices.end());
  std::reverse(path.rels.begin(), path.rels.end());
  for (Vertex v = meet; v != t;) {
    path.rels.push_back(backward.rel_id(b.parent_edge[v]));
    v = b.parent[v];
    path.vertices.push_back(v);
  }
  path.cost = mu;
  return path;
}

// Distances from `s` by Boost's Dijkstra over the forward projection's
// weights, stopped once every vertex as close as the target (within the tie
// tolerance) is settled, or at the end when the target is unreachable.
class SettleUpTo : public boost::default_dijkstra_visitor {
 public:
  SettleUpTo(Vertex target, const std::vector<double>& distance, Poller& poll)
      : target_(target), distance_(distance), poll_(poll) {}

  void examine_vertex(Vertex u, const Graph&) {
    poll_.step();
    if (target_settled_ && !ties(distance_[u], distance_[target_])) throw StopSearch();
    if (u == target_) target_settled_ = true;
  }

 private:
  Vertex target_;
  const std::vector<double>& distance_;
  Poller& poll_;
  bool target_settled_ = false;
};

std::vector<double> dijkstra_distances(const GraphProjection& forward, Vertex s, Vertex t, Poller& poll) {
  const Graph& g = forward.graph();
  std::vector<double> distance(forward.vertex_count(), std::numeric_limits<double>::infinity());
  auto index = boost::get(boost::vertex_index, g);
  auto weight = boost::make_function_property_map<Edge, double>(
      [&forward](const Edge& e) { return forward.weight(GraphProjection::edge_index(e)); });
  try {
    boost::dijkstra_shortest_paths(g, s,
                                   boost::weight_map(weight)
                                       .distance_map(boost::make_iterator_property_map(distance.begin(), index))
                                       .visitor(SettleUpTo(t, distance, poll)));
  } catch (const StopSearch&) {
  }
  return distance;
}

// Hop counts from `s` by breadth-first search, stopped once the target is
// discovered (every vertex nearer than the target has its depth by then).
class DepthRecorder : public boost::default_bfs_visitor {
 public:
  DepthRecorder(std::vector<uint32_t>& depth, std::optional<Vertex> stop_at, uint32_t max_depth, Poller& poll)
      : depth_(depth), stop_at_(stop_at), max_depth_(max_depth), poll_(poll) {}

  void examine_vertex(Vertex u, const Graph&) {
    poll_.step();
    // Vertices leave the queue by depth: once one at max_depth does, every
    // vertex within max_depth has been discovered.
    if (depth_[u] >= max_depth_) throw StopSearch();
  }
  void tree_edge(const Edge& e, const Graph& g) {
    Vertex v = boost::target(e, g);
    depth_[v] = depth_[boost::source(e, g)] + 1;
    if (stop_at_ && v == *stop_at_) throw StopSearch();
  }

 private:
  std::vector<uint32_t>& depth_;
  std::optional<Vertex> stop_at_;
  uint32_t max_depth_;
  Poller& poll_;
};

std::vector<uint32_t> bfs_depths(const GraphProjection& forward, const std::vector<Vertex>& sources,
                                 std::optional<Vertex> stop_at, uint32_t max_depth, Poller& poll) {
  const Graph& g = forward.graph();
  std::vector<uint32_t> depth(forward.vertex_count(), kUnseen);
  for (Vertex s : sources) depth[s] = 0;
  std::vector<boost::default_color_type> color(forward.vertex_count(), boost::white_color);
  boost::queue<Vertex> queue;
  try {
    boost::breadth_first_visit(g, sources.begin(), sources.end(), queue, DepthRecorder(depth, stop_at, max_depth, poll),
                               boost::make_iterator_property_map(color.begin(), boost::get(boost::vertex_index, g)));
  } catch (const StopSearch&) {
  }
  return depth;
}

}  // namespace

std::optional<Path> shortest_path(const GraphProjection& forward, const GraphProjection& backward, Vertex source,
                                  Vertex target, const CancelCheck& check_cancelled) {
  if (source == target) return Path{{source}, {}, 0.0};
  if (!forward.weighted()) return bidirectional_bfs(forward, backward, source, target, check_cancelled);
  return bidirectional_dijkstra(forward, backward, source, target, check_cancelled);
}

std::vector<Path> all_shortest_paths(const GraphProjection& forward, const GraphProjection& backward, Vertex source,
                                     Vertex target, const CancelCheck& check_cancelled) {
  if (source == target) return {Path{{source}, {}, 0.0}};
  Poller poll(check_cancelled);
  // Distances from the source; an edge (u -> v) lies on a shortest path to
  // the target when it is tight (dist[u] + w == dist[v]) and v leads on to
  // the target along tight edges. Listing walks back from the target along
  // the backward projection's edges (v -> u), keeping the tight ones.
  std::vector<double> dist;
  if (forward.weighted()) {
    dist = dijkstra_distances(forward, source, target, poll);
  } else {
    std::vector<uint32_t> depth = bfs_depths(forward, {source}, target, kUnseen, poll);
    dist.resize(depth.size());
    for (size_t i = 0; i < depth.size(); ++i)
      dist[i] = depth[i] == kUnseen ? std::numeric_limits<double>::infinity() : depth[i];
  }
  if (std::isinf(dist[target])) return {};

  const Graph& bg = backward.graph();
  auto tight = [&](Vertex u, Vertex v, double w) {
    return !std::isinf(dist[u]) && (forward.weighted() ? ties(dist[u] + w, dist[v]) : dist[u] + 1 == dist[v]);
  };
  std::vector<Path> paths;
  // Depth-first over the tight edges, from the target back to the source;
  // `stack` holds the path so far (reversed), `on_path` keeps it simple.
  std::vector<Vertex> stack{target};
  std::vector<storage::RelId> rels;
  std::vector<bool> on_path(forward.vertex_count(), false);
  on_path[target] = true;
  auto walk = [&](auto&& self, Vertex v) -> void {
    poll.step();
    if (v == source) {
      Path p;
      p.vertices.assign(stack.rbegin(), stack.rend());
      p.rels.assign(rels.rbegin(), rels.rend());
      p.cost = dist[target];
      paths.push_back(std::move(p));
      return;
    }
    for (auto [e, end] = boost::out_edges(v, bg); e != end; ++e) {
      Vertex u = boost::target(*e, bg);
      uint32_t idx = GraphProjection::edge_index(*e);
      if (on_path[u] || !tight(u, v, backward.weight(idx))) continue;
      on_path[u] = true;
      stack.push_back(u);
      rels.push_back(backward.rel_id(idx));
      self(self, u);
      rels.pop_back();
      stack.pop_back();
      on_path[u] = false;
    }
  };
  walk(walk, target);
  return paths;
}

std::vector<Reached> within_hops(const GraphProjection& forward, const std::vector<Vertex>& sources, uint32_t k,
                                 const CancelCheck& check_cancelled) {
  Poller poll(check_cancelled);
  std::vector<uint32_t> depth = bfs_depths(forward, sources, std::nullopt, k, poll);
  std::vector<Reached> out;
  for (Vertex v = 0; v < depth.size(); ++v)
    if (depth[v] != kUnseen) out.push_back({v, depth[v]});
  std::stable_sort(out.begin(), out.end(), [](const Reached& a, const Reached& b) { return a.depth < b.depth; });
  return out;
}

std::vector<storage::RelId> relationships_among(const GraphProjection& projection, const std::vector<bool>& members,
                                                const CancelCheck& check_cancelled) {
  Poller poll(check_cancelled);
  const Graph& g = projection.graph();
  std::vector<storage::RelId> out;
  for (Vertex u = 0; u < projection.vertex_count(); ++u) {
    if (!members[u]) continue;
    poll.step();
    for (auto [e, end] = boost::out_edges(u, g); e != end; ++e)
      if (members[boost::target(*e, g)]) out.push_back(projection.rel_id(GraphProjection::edge_index(*e)));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace mlkg::algo

#include "engine/algo/topo_sort.hpp"

#include <algorithm>
#include <limits>

namespace mlkg::algo {

TopoOrder topological_order(const GraphProjection& projection, const CancelCheck& check_cancelled) {
  using Vertex = GraphProjection::Vertex;
  const auto& g = projection.graph();
  const uint32_t n = projection.vertex_count();
  TopoOrder out;
  out.level.assign(n, 0);
  std::vector<uint32_t> in_degree(n, 0);
  for (Vertex u = 0; u < n; ++u)
    for (auto [e, end] = boost::out_edges(u, g); e != end; ++e) ++in_degree[boost::target(*e, g)];

  // Kahn: take vertices whose predecessors are all taken; a vertex's level
  // is one more than its highest predecessor's.
  std::vector<Vertex> ready;
  for (Vertex v = 0; v < n; ++v)
    if (in_degree[v] == 0) ready.push_back(v);
  std::vector<Vertex> taken;
  taken.reserve(n);
  while (!ready.empty()) {
    Vertex u = ready.back();
    ready.pop_back();
    taken.push_back(u);
    if (check_cancelled && (taken.size() & 0xfff) == 0) check_cancelled();
    for (auto [e, end] = boost::out_edges(u, g); e != end; ++e) {
      Vertex v = boost::target(*e, g);
      out.level[v] = std::max(out.level[v], out.level[u] + 1);
      if (--in_degree[v] == 0) ready.push_back(v);
    }
  }
  if (taken.size() == n) {
    out.order = std::move(taken);
    std::sort(out.order.begin(), out.order.end(), [&](Vertex a, Vertex b) {
      return out.level[a] != out.level[b] ? out.level[a] < out.level[b] : a < b;
    });
    return out;
  }

  // The vertices left each have a predecessor that is also left (else Kahn
  // would have taken them), so walking predecessors from any of them must
  // come round to a vertex seen before: that loop is a cycle.
  constexpr Vertex kNone = std::numeric_limits<Vertex>::max();
  std::vector<Vertex> predecessor(n, kNone);
  std::vector<uint32_t> predecessor_edge(n, kNone);
  for (Vertex u = 0; u < n; ++u) {
    if (in_degree[u] == 0) continue;  // taken
    for (auto [e, end] = boost::out_edges(u, g); e != end; ++e) {
      Vertex v = boost::target(*e, g);
      if (in_degree[v] != 0 && predecessor[v] == kNone) {
        predecessor[v] = u;
        predecessor_edge[v] = GraphProjection::edge_index(*e);
      }
    }
  }
  Vertex start = 0;
  while (in_degree[start] == 0) ++start;
  std::vector<uint32_t> seen_at(n, kNone);
  std::vector<Vertex> walk;
  Vertex v = start;
  while (seen_at[v] == kNone) {
    seen_at[v] = static_cast<uint32_t>(walk.size());
    walk.push_back(v);
    v = predecessor[v];
  }
  // walk[seen_at[v]..] runs against the edges; the cycle runs with them.
  out.cycle.assign(walk.begin() + seen_at[v], walk.end());
  std::reverse(out.cycle.begin(), out.cycle.end());
  // The edge leaving cycle[i] enters cycle[i + 1]: the one recorded there.
  for (size_t i = 0; i < out.cycle.size(); ++i)
    out.cycle_edges.push_back(predecessor_edge[out.cycle[(i + 1) % out.cycle.size()]]);
  // Start at the cycle's lowest vertex, so the report does not depend on
  // where the walk happened to enter the cycle.
  size_t first = std::min_element(out.cycle.begin(), out.cycle.end()) - out.cycle.begin();
  std::rotate(out.cycle.begin(), out.cycle.begin() + first, out.cycle.end());
  std::rotate(out.cycle_edges.begin(), out.cycle_edges.begin() + first, out.cycle_edges.end());
  out.level.clear();
  return out;
}

}  // namespace mlkg::algo

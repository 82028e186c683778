#include "engine/algo/components.hpp"

#include <limits>

#include <boost/pending/disjoint_sets.hpp>
#include <boost/property_map/property_map.hpp>

namespace mlkg::algo {

Components weakly_connected_components(const GraphProjection& projection, const CancelCheck& check_cancelled) {
  using Vertex = GraphProjection::Vertex;
  const auto& g = projection.graph();
  const uint32_t n = projection.vertex_count();
  std::vector<Vertex> parent(n);
  std::vector<uint32_t> rank(n, 0);
  boost::typed_identity_property_map<Vertex> id;
  auto rank_map = boost::make_iterator_property_map(rank.begin(), id);
  auto parent_map = boost::make_iterator_property_map(parent.begin(), id);
  boost::disjoint_sets<decltype(rank_map), decltype(parent_map)> sets(rank_map, parent_map);
  for (Vertex v = 0; v < n; ++v) sets.make_set(v);
  for (Vertex u = 0; u < n; ++u) {
    if (check_cancelled && (u & 0xfff) == 0) check_cancelled();
    for (auto [e, end] = boost::out_edges(u, g); e != end; ++e) sets.union_set(u, boost::target(*e, g));
  }
  Components out;
  out.component.assign(n, 0);
  constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
  std::vector<uint32_t> number(n, kNone);  // by representative
  for (Vertex v = 0; v < n; ++v) {
    Vertex root = sets.find_set(v);
    if (number[root] == kNone) number[root] = out.count++;
    out.component[v] = number[root];
  }
  return out;
}

}  // namespace mlkg::algo

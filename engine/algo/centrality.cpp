#include "engine/algo/centrality.hpp"

#include <algorithm>
#include <cmath>

#include <boost/graph/betweenness_centrality.hpp>
#include <boost/property_map/property_map.hpp>

namespace mlkg::algo {

namespace {

using Graph = GraphProjection::Graph;
using Vertex = GraphProjection::Vertex;
using Edge = GraphProjection::Edge;

// Boost's Brandes offers no hook between sources, but it writes the path
// count of every vertex when each source's search begins. This path-count
// map counts its writes and calls the cancellation check every 2^16 of them.
struct PollingCountMap {
  using key_type = Vertex;
  using value_type = double;
  using reference = double&;
  using category = boost::read_write_property_map_tag;

  double* counts;
  uint64_t* writes;
  const CancelCheck* check;
};

double get(const PollingCountMap& m, Vertex v) { return m.counts[v]; }

void put(const PollingCountMap& m, Vertex v, double x) {
  m.counts[v] = x;
  if (*m.check && (++*m.writes & 0xffff) == 0) (*m.check)();
}

}  // namespace

PageRankResult page_rank(const GraphProjection& projection, const PageRankOptions& options,
                         const CancelCheck& check_cancelled) {
  const Graph& g = projection.graph();
  const uint32_t n = projection.vertex_count();
  PageRankResult result;
  if (n == 0) return result;
  const double d = options.damping;
  std::vector<double> x(n, 1.0 / n), next(n);
  std::vector<uint32_t> out_degree(n);
  for (Vertex u = 0; u < n; ++u) out_degree[u] = static_cast<uint32_t>(boost::out_degree(u, g));
  while (result.iterations < options.max_iterations) {
    if (check_cancelled) check_cancelled();
    double dangling = 0;
    for (Vertex u = 0; u < n; ++u)
      if (out_degree[u] == 0) dangling += x[u];
    std::fill(next.begin(), next.end(), (1.0 - d) / n + d * dangling / n);
    for (Vertex u = 0; u < n; ++u) {
      if (out_degree[u] == 0) continue;
      const double share = d * x[u] / out_degree[u];
      for (auto [e, end] = boost::out_edges(u, g); e != end; ++e) next[boost::target(*e, g)] += share;
    }
    double change = 0;
    for (Vertex v = 0; v < n; ++v) change = std::max(change, std::abs(next[v] - x[v]));
    x.swap(next);
    ++result.iterations;
    if (change < options.tolerance) {
      result.converged = true;
      break;
    }
  }
  result.scores = std::move(x);
  return result;
}

std::vector<double> betweenness(const GraphProjection& projection, bool normalized,
                                const CancelCheck& check_cancelled) {
  const Graph& g = projection.graph();
  const uint32_t n = projection.vertex_count();
  std::vector<double> centrality(n, 0.0);
  if (n == 0) return centrality;
  std::vector<std::vector<Edge>> incoming(n);
  std::vector<double> distance(n), dependency(n), path_count(n);
  uint64_t writes = 0;
  auto index = boost::get(boost::vertex_index, g);
  boost::brandes_betweenness_centrality(g, boost::make_iterator_property_map(centrality.begin(), index),
                                        boost::dummy_property_map(),
                                        boost::make_iterator_property_map(incoming.begin(), index),
                                        boost::make_iterator_property_map(distance.begin(), index),
                                        boost::make_iterator_property_map(dependency.begin(), index),
                                        PollingCountMap{path_count.data(), &writes, &check_cancelled}, index);
  // Boost counted ordered pairs (the CSR graph is directed). An undirected
  // projection has every pair both ways: halve, as for an undirected graph.
  const bool undirected = projection.spec().orientation == Orientation::kUndirected;
  double scale = undirected ? 0.5 : 1.0;
  if (normalized && n > 2) scale = 1.0 / ((static_cast<double>(n) - 1) * (static_cast<double>(n) - 2));
  if (scale != 1.0)
    for (double& c : centrality) c *= scale;
  return centrality;
}

}  // namespace mlkg::algo

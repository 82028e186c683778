#pragma once
// Centrality over a projection: PageRank and betweenness.

#include <cstdint>
#include <vector>

#include "engine/algo/graph_projection.hpp"

namespace mlkg::algo {

struct PageRankOptions {
  uint32_t max_iterations = 20;
  double damping = 0.85;
  double tolerance = 1e-7;  // stop once no score moves more than this in an iteration
};

struct PageRankResult {
  std::vector<double> scores;  // by vertex; they sum to 1
  uint32_t iterations = 0;     // iterations run
  bool converged = false;      // stopped by the tolerance, not the iteration limit
};

// PageRank by power iteration, as networkx.pagerank defines it: every vertex
// starts at 1/n; each iteration gives each vertex (1 - d)/n, plus d times
// the score of each in-neighbour divided by that neighbour's out-degree, plus
// d times the scores of the dangling vertices (no out-edges) spread evenly
// over all n, so no score leaks away and the scores stay a distribution.
// Parallel edges count once each, as in networkx's MultiDiGraph. Boost's
// page_rank is not used: it mixes a 1/n start with an un-normalised
// (1 - d) + d * sum update and lets dangling vertices leak, so its scores
// match neither networkx nor Neo4j GDS. Empty projection: no scores.
PageRankResult page_rank(const GraphProjection& projection, const PageRankOptions& options,
                         const CancelCheck& check_cancelled);

// Betweenness centrality by Brandes' algorithm (Boost's
// brandes_betweenness_centrality, unweighted: hop counts): for each vertex,
// the sum over ordered pairs (s, t) of other vertices of the share of
// shortest s-t paths that pass through it. An undirected projection (each
// relationship an edge both ways) counts each unordered pair once, as
// networkx does. `normalized` divides by the number of pairs that could pass
// through a vertex: (n - 1)(n - 2) ordered pairs, or half that many
// unordered ones (no division when n <= 2). O(V * E) time.
std::vector<double> betweenness(const GraphProjection& projection, bool normalized,
                                const CancelCheck& check_cancelled);

}  // namespace mlkg::algo

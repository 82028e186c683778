#pragma once
// Weakly connected components of a projection.

#include <cstdint>
#include <vector>

#include "engine/algo/graph_projection.hpp"

namespace mlkg::algo {

struct Components {
  std::vector<uint32_t> component;  // by vertex
  uint32_t count = 0;
};

// Groups vertices joined by edges in either direction (union-find over
// every edge, Boost's disjoint_sets). Components are numbered 0, 1, ... in
// the order of their lowest vertex index (so of their lowest node id): the
// numbering is stable for equal projections. The projection's orientation
// does not matter.
Components weakly_connected_components(const GraphProjection& projection, const CancelCheck& check_cancelled);

}  // namespace mlkg::algo

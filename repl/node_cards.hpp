#pragma once
// The shell's views of single nodes: find a node from the words a user types
// (an id, a name, an alias, or part of a name), show it as a card (its
// properties, then its neighbours grouped by relationship type and
// direction), and compare two side by side (their properties, then the
// relationships they share and those only one has).
//
//   :show kds                 :compare glue emr
//
// Text out, for a terminal of a given width; nothing here writes the graph.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/database.hpp"

namespace mlkg::repl {

struct NodeMatch {
  uint64_t id = 0;
  std::string key;    // its id property, or its name
  std::string name;   // its name, or its id
  std::string label;  // its first label
};

// The nodes `words` names, best first: an exact id, name or alias (any case)
// if there is one, else nodes whose name, id or an alias contains the words
// (services first, then by name), at most `limit`. Throws query::QueryError
// on a storage error.
std::vector<NodeMatch> find_nodes(Database& db, std::string_view words, size_t limit = 10);

// A card of node `id`: its labels, id and name, its other properties, then
// each kind of relationship ("-FITS->", "<-MENTIONS-") with its neighbours'
// names (at most `per_group`, then how many more). Lines fit `width` columns.
std::string node_card(Database& db, uint64_t id, size_t width, size_t per_group = 8);

// Two nodes side by side: each property of either, then the relationships
// both have to the same neighbour, and those only one of them has, grouped
// by kind.
std::string compare_nodes(Database& db, uint64_t a, uint64_t b, size_t width);

}  // namespace mlkg::repl

#pragma once
// The statements of a PG document (PG format v1.0, pg-format.github.io), as
// the PG parser delivers them and the PG writers consume them.
//
// Value mapping (documented in docs/formats.md): a PG string becomes a
// Value string, `true`/`false` a Value bool, a number written as an integer
// (`-?(0|[1-9][0-9]*)`) that fits in int64 a Value int, any other number a
// Value float. PG has no null.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "engine/value/value.hpp"

namespace mlkg::pg {

// A place in a source text. Both numbers are 1-based; the column counts bytes
// from the start of the line (as compilers and PEGTL do). {0, 0} = unknown.
struct SourceLocation {
  size_t line = 0;
  size_t column = 0;
};

struct PgProperty {
  std::string key;
  std::vector<Value> values;  // never empty in a parsed PG document
  SourceLocation location;    // of the key
  // Set by readers of typed formats (GraphML, neo4j-csv) when the source
  // said the value is a list: the loader then keeps a list even of one value
  // (or none), where PG's rule would make one value a scalar.
  bool list = false;
};

struct PgNode {
  std::string id;
  std::vector<std::string> labels;             // as written, duplicates removed
  std::vector<SourceLocation> label_locations; // parallel to labels
  std::vector<PgProperty> properties;          // as written; repeated keys not yet merged
  SourceLocation location;                     // of the statement's first character

  void clear() {
    id.clear(); labels.clear(); label_locations.clear(); properties.clear(); location = {};
  }
};

struct PgEdge {
  std::optional<std::string> id;  // the optional edge identifier (`e1: a -> b`)
  std::string from;
  std::string to;
  bool directed = true;           // false for `--`
  std::vector<std::string> labels;
  std::vector<SourceLocation> label_locations;
  std::vector<PgProperty> properties;
  SourceLocation location;        // of the statement's first character
  SourceLocation from_location;
  SourceLocation to_location;

  void clear() {
    id.reset(); from.clear(); to.clear(); directed = true; labels.clear();
    label_locations.clear(); properties.clear(); location = {}; from_location = {}; to_location = {};
  }
};

}  // namespace mlkg::pg

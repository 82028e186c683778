#pragma once
// What one executed statement produced: its columns and rows (entities
// materialised with their labels or type and properties, so the result
// outlives the transaction), the counts of what it changed, and for
// EXPLAIN / PROFILE the rendered plan.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/value/value.hpp"

namespace mlkg::query {

struct QueryStats {
  int64_t nodes_created = 0;
  int64_t nodes_deleted = 0;
  int64_t relationships_created = 0;
  int64_t relationships_deleted = 0;
  int64_t labels_added = 0;
  int64_t labels_removed = 0;
  int64_t properties_set = 0;
  int64_t properties_removed = 0;
  int64_t indexes_added = 0;  // property and full-text indexes, not those of constraints
  int64_t indexes_removed = 0;
  int64_t constraints_added = 0;
  int64_t constraints_removed = 0;
  bool any() const {
    return nodes_created || nodes_deleted || relationships_created || relationships_deleted || labels_added ||
           labels_removed || properties_set || properties_removed || indexes_added || indexes_removed ||
           constraints_added || constraints_removed;
  }
  // Adds another statement's counts (an explicit transaction's sum).
  QueryStats& operator+=(const QueryStats& o) {
    nodes_created += o.nodes_created;
    nodes_deleted += o.nodes_deleted;
    relationships_created += o.relationships_created;
    relationships_deleted += o.relationships_deleted;
    labels_added += o.labels_added;
    labels_removed += o.labels_removed;
    properties_set += o.properties_set;
    properties_removed += o.properties_removed;
    indexes_added += o.indexes_added;
    indexes_removed += o.indexes_removed;
    constraints_added += o.constraints_added;
    constraints_removed += o.constraints_removed;
    return *this;
  }
};

struct QueryResult {
  std::vector<std::string> columns;  // as written, or the alias
  std::vector<ValueList> rows;
  bool returns_rows = false;  // false for statements that end without RETURN (only stats to show)
  QueryStats stats;
  std::string plan;           // EXPLAIN / PROFILE: the operator plan, else empty
  // Hints that do not fail the statement, for stderr: e.g. "the label
  // :Servce does not exist; did you mean :Service?".
  std::vector<std::string> notices;
  double elapsed_ms = 0;      // parse to last row
};

}  // namespace mlkg::query

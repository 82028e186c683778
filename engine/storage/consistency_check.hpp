#pragma once
// The store's invariant checker (what `mlkg check` runs), in the spirit of
// SQLite's PRAGMA integrity_check and neo4j-admin check-consistency.
//
// Invariants verified on one snapshot:
//  - every record decodes; its labels, type and property keys are in the
//    catalog;
//  - every relationship's end nodes exist and both of its adjacency entries
//    exist; every adjacency entry belongs to a live relationship that agrees
//    with it (type, ends, direction);
//  - every node has a label-index entry per label, and every label-index
//    entry points at a live node with that label;
//  - every property-index entry points at a live node that the index covers
//    and that holds exactly that value, and every covered value is indexed;
//  - every full-text index holds exactly the documents its definition makes
//    of the nodes (fulltext_index.hpp): each document's length and postings
//    (term, frequency, positions), no entry for anything else, and
//    statistics equal to the documents' count and total length;
//  - the stored counts (per label, per type, totals) equal the real ones;
//  - the id counters are above every id in use.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/common/status.hpp"

namespace mlkg::storage {

class GraphStore;

struct CheckReport {
  uint64_t nodes = 0;
  uint64_t relationships = 0;
  uint64_t adjacency_entries = 0;
  uint64_t label_index_entries = 0;
  uint64_t property_index_entries = 0;
  uint64_t text_index_entries = 0;     // every entry of every full-text index
  uint64_t problem_count = 0;          // every violation found
  std::vector<std::string> problems;   // the first `max_reported` of them
  bool ok() const { return problem_count == 0; }
};

// Runs every check. A non-OK Status means the check itself could not run
// (I/O error); violations go to the report.
Status check_consistency(GraphStore& store, CheckReport* report, size_t max_reported = 100);

}  // namespace mlkg::storage

#pragma once
// The exporter: writes a store's graph in an interchange format.
//
// PG, PG-JSON and PG-JSONL are lossless for graphs that came from PG (import
// then export then import gives the same graph). Where a graph holds what the
// format cannot (a node without a string `id`, an empty list, NaN), the
// export still succeeds and ExportStats::notes says what was changed.
//
// Mapping, the inverse of the importer's: a node's string property `id` is
// its PG node id; every other property is written with its values (a list as
// several values); a relationship's type is its edge's one label; a
// relationship's string `id` becomes the edge id (the first time that id is
// seen in the export; later duplicates stay plain properties, which import
// alike); undirected relationships are written with `--`.

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.hpp"

namespace mlkg::storage {
class GraphStore;
}

namespace mlkg::exporter {

enum class ExportFormat { kPg, kPgJson, kPgJsonl };

bool parse_export_format(std::string_view name, ExportFormat* out);
const char* export_format_names();  // for help texts

struct ExportStats {
  uint64_t nodes = 0;
  uint64_t relationships = 0;
  // What the format could not carry as it was, one line per kind of change.
  std::vector<std::string> notes;
};

// Writes the whole graph, as of one snapshot, to `out`.
Status export_graph(storage::GraphStore& store, ExportFormat format, std::ostream& out, ExportStats* stats);

}  // namespace mlkg::exporter

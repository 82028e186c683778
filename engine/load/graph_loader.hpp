#pragma once
// The importer: loads graph files into a store as one all-or-nothing load.
//
// Mapping (docs/formats.md has the full story):
//  - A PG node becomes a node; its PG id becomes the string property `id`,
//    which a unique index over every node keeps unique (created on first
//    import). Labels carry over; a property with one value becomes a scalar,
//    one with several values a list.
//  - A node id seen again, in the same file or another file of the same
//    import, merges as PG says: labels are added and property values appended.
//    A node that already exists in the database (same `id`) gains the
//    imported labels, and each imported property replaces its old value.
//  - A PG edge becomes a relationship whose type is the edge's single label.
//    An edge without a label gets ImportOptions::default_type; an edge with
//    several labels is an error (an mlkg relationship has one type). An edge
//    id becomes the relationship's `id` property. Undirected edges (`--`) are
//    kept as relationships from the first to the second node, flagged
//    undirected for exports. Edges may name nodes declared later or never
//    (implicit nodes, created with just their id).
//
// Errors: any problem in any file — syntax, an edge with two labels, a
// property named `id` beside a node id, anything the schema forbids — fails
// the whole import before anything is written. The message is "<file>:<line>:<column>: <problem>",
// then the offending line and a caret under the column.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.hpp"
#include "engine/load/schema.hpp"

namespace mlkg::storage {
class GraphStore;
}

namespace mlkg::load {

enum class InputFormat { kAuto, kPg, kPgJson, kPgJsonl, kGraphml, kNeo4jCsv };

// "pg", "pgjson", "pgjsonl", "graphml", "neo4j-csv" -> format; false for
// anything else.
bool parse_input_format(std::string_view name, InputFormat* out);
// The format a file name suggests: .pg, .json (PG-JSON), .jsonl / .ndjson,
// .graphml, .csv (neo4j-csv); PG for anything else.
InputFormat format_from_path(std::string_view path);
const char* input_format_names();  // for help texts: "pg, pgjson, pgjsonl, graphml, neo4j-csv"

struct ImportProgress {
  const char* phase;  // "reading", "indexing", "sorting", "writing", "ingesting"
  std::string file;   // while reading
  uint64_t done;
  uint64_t total;
};

struct ImportOptions {
  InputFormat format = InputFormat::kAuto;  // kAuto: by each file's extension
  std::string default_type = "RELATED";     // for edges without a label
  std::function<void(const ImportProgress&)> progress;
  // With a schema, every node and relationship is checked against it (and
  // values coerced as it says; schema.hpp), and the schema is stored with the
  // database (store property kSchemaProperty).
  const Schema* schema = nullptr;
};

// The store property holding the schema of the last import that had one (JSON).
inline constexpr const char* kSchemaProperty = "schema";

struct ImportStats {
  uint64_t files = 0;
  uint64_t bytes = 0;
  uint64_t nodes_created = 0;
  uint64_t nodes_updated = 0;   // existing nodes that gained labels or properties
  uint64_t relationships_created = 0;
  uint64_t edges_given_default_type = 0;
  uint64_t undirected_edges = 0;
};

// A path that is a directory stands for the files in it whose format the
// extension names (.pg, .json, .jsonl, .ndjson, .graphml, .csv), sorted by
// name: `mlkg import export/` loads what `export --to neo4j-csv -o export/`
// wrote.
Status import_files(storage::GraphStore& store, const std::vector<std::string>& paths, const ImportOptions& options,
                    ImportStats* stats);

// The same for documents already in memory: (name used in messages, text).
Status import_texts(storage::GraphStore& store, const std::vector<std::pair<std::string, std::string>>& texts,
                    const ImportOptions& options, ImportStats* stats);

}  // namespace mlkg::load

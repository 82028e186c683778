#pragma once
// The exporter: writes the whole graph, or a subgraph (subgraph.hpp), in one
// of the interchange formats, and says what the format could not carry.
//
// One writer per format, each in its own file beside this one; this file
// names the formats and sends each export to its writer. Every export reads
// one snapshot (the transaction it is given), so a graph that changes while
// it is written is written as it was.
//
// Fidelity: no writer fails because a value does not fit its format. It
// writes the nearest thing the format holds and ExportStats::notes says what
// was changed, one line per kind of change with its count. PG, PG-JSON and
// PG-JSONL are lossless for graphs that came from PG; docs/formats.md has
// what each format holds and loses.

#include <atomic>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.hpp"
#include "engine/export/output_file.hpp"
#include "engine/export/subgraph.hpp"

namespace mlkg::storage {
class GraphStore;
class Transaction;
}  // namespace mlkg::storage

namespace mlkg::exporter {

enum class ExportFormat {
  kPg, kPgJson, kPgJsonl,  // lossless
  kDot, kSvg, kPng,        // drawings (svg and png need Graphviz's dot)
  kGraphml, kGexf,         // graph tools
  kCytoscape, kJgf,        // JSON for web viewers
  kCypher,                 // a script for graph databases
  kNeo4jCsv,               // bulk-load files (several)
  kMermaid,                // a flowchart for notes
};

// "pg", "pgjson", "pgjsonl", "dot", "svg", "png", "graphml", "gexf",
// "cytoscape", "jgf", "cypher", "neo4j-csv", "mermaid" -> format; false for
// anything else.
bool parse_export_format(std::string_view name, ExportFormat* out);
std::string_view export_format_name(ExportFormat format);
const char* export_format_names();  // for help texts: "pg, pgjson, ..."
// Every format, in the order export_format_names() lists them.
const std::vector<ExportFormat>& export_formats();
// True for formats whose output is binary (png): not for a terminal.
bool is_binary_format(ExportFormat format);

struct ExportStats {
  uint64_t nodes = 0;
  uint64_t relationships = 0;
  // What the format could not carry as it was, one line per kind of change
  // ("12 list values were written as JSON text ...").
  std::vector<std::string> notes;
  // The files written (several for neo4j-csv); empty when writing to a stream.
  std::vector<std::string> files;
};

struct ExportOptions {
  ExportFormat format = ExportFormat::kPg;
  // The file to write; for neo4j-csv a directory or a file-name prefix
  // (neo4j_csv_writer.hpp). Empty: write to *out.
  std::string path;
  // Whether an existing file may be replaced, and for a query's export the
  // directory the files must lie in (output_file.hpp).
  FilePolicy files;
  std::ostream* out = nullptr;
  // When set from another thread, stops the export ("cancelled").
  const std::atomic<bool>* cancelled = nullptr;
  // Graphviz's dot for svg and png; empty: find_graphviz_dot().
  std::string dot_program;
};

// Writes `selection` as of `txn`'s snapshot. Files are written under
// temporary names and renamed into place when complete (all of neo4j-csv's
// at once), so a failed export leaves no half-written file. Fails with
// kInvalidArgument for a missing target (neo4j-csv to a stream) or one the
// policy refuses (output_file.hpp),
// kNotSupported for svg/png without Graphviz, kIOError when writing fails,
// kAborted when cancelled.
Status export_graph(storage::Transaction& txn, const Subgraph& selection, const ExportOptions& options,
                    ExportStats* stats);

// The whole graph to a stream, as of one snapshot of `store`.
Status export_graph(storage::GraphStore& store, ExportFormat format, std::ostream& out, ExportStats* stats);

}  // namespace mlkg::exporter

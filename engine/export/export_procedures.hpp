#pragma once
// Export from Cypher: one procedure per format, and the query-to-subgraph
// sink that the procedures, `mlkg export -c` and the shell's :export share
// (the query itself runs through the query runner).
//
//   CALL export.graphml('MATCH (t:Task {id: $t})-[r:MENTIONS]->(s) RETURN t, r, s', 'task.graphml',
//                       {params: {t: 't1.1'}})
//   YIELD file, format, nodes, relationships, notes
//
// Procedures: export.pg, export.pgjson, export.pgjsonl, export.dot,
// export.svg, export.png, export.graphml, export.gexf, export.cytoscape,
// export.jgf, export.cypher, export.neo4jCsv, export.mermaid. Arguments:
// query (STRING, or null for the whole graph), file (STRING: the file to
// write, inside the export directory; for neo4jCsv a directory or file
// prefix), config (MAP, optional: `params`, a map of the query's
// parameters; `overwrite`, true to replace files that exist). They write
// files, not the database: mode WRITE files (ProcedureMode::kWriteFiles), so
// a read-only database refuses them. Where they may write, and how a file
// is replaced, is output_file.hpp's: inside the ExportDirectory, never over
// a file without `overwrite`, never through a link or into a device. The
// one row they yield: file (as given), format, nodes,
// relationships, notes (what the format could not carry, one line per kind
// of change).

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

#include "engine/export/subgraph.hpp"
#include "engine/procedure/procedure_registry.hpp"
#include "engine/procedure/row_sink.hpp"

namespace mlkg::exporter {

// A RowSink that takes every node, relationship and path of each row into a
// Subgraph (Subgraph::add_value): what a query's result becomes for export.
class SubgraphRows final : public procedure::RowSink {
 public:
  explicit SubgraphRows(Subgraph* into) : into_(into) {}
  void emit(ValueList row) override {
    for (const Value& v : row) into_->add_value(v);
  }

 private:
  Subgraph* into_;
};

// The directory the export.* procedures of one Database write in: the
// process's current directory (at each call) unless set. Thread-safe.
class ExportDirectory {
 public:
  void set(std::filesystem::path dir) {
    std::lock_guard<std::mutex> lock(mutex_);
    dir_ = std::move(dir);
  }
  std::filesystem::path get() const {
    std::lock_guard<std::mutex> lock(mutex_);
    if (dir_) return *dir_;
    std::error_code ec;
    return std::filesystem::current_path(ec);
  }

 private:
  mutable std::mutex mutex_;
  std::optional<std::filesystem::path> dir_;
};

// Adds the export.* procedures to `registry`; they write inside `directory`.
void add_export_procedures(procedure::ProcedureRegistry& registry,
                           std::shared_ptr<const ExportDirectory> directory = std::make_shared<ExportDirectory>());

}  // namespace mlkg::exporter

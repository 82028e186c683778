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
// write, replaced if it exists; for neo4jCsv a directory or file prefix),
// config (MAP, optional: `params`, a map of the query's parameters). They
// write files, not the database, so they run in read-only sessions too. The
// one row they yield: file, format, nodes, relationships, notes (what the
// format could not carry, one line per kind of change).

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

// Adds the export.* procedures to `registry`.
void add_export_procedures(procedure::ProcedureRegistry& registry);

}  // namespace mlkg::exporter

#pragma once
// Export from Cypher: one procedure per format, and the query-to-subgraph
// step that the procedures, `mlkg export -c` and the shell's :export share.
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

#include <atomic>
#include <string_view>
#include <vector>

#include "engine/export/subgraph.hpp"
#include "engine/query/graph_txn.hpp"
#include "engine/query/procedures.hpp"

namespace mlkg::exporter {

// Runs `query`, which must only read and be one statement, inside `graph`'s
// transaction, and returns the subgraph of every node, relationship and path
// it returns (subgraph.hpp). Throws query::QueryError when the query fails
// (syntax, binding, a write clause: "the export query must only read").
Subgraph select_subgraph(query::GraphTxn& graph, std::string_view query, const ValueMap& params,
                         const std::atomic<bool>* cancelled = nullptr);

// The export.* procedures, for the registry (engine/query/procedures.cpp).
std::vector<query::ProcedureInfo> export_procedures();

}  // namespace mlkg::exporter

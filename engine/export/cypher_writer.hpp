#pragma once
// The Cypher script writer: statements that mlkg (mlkg -f FILE), Neo4j
// (cypher-shell -f FILE), Memgraph (mgconsole < FILE) and Amazon Neptune's
// openCypher endpoint run, one per line, each ending in ';'.
//
// Nodes come first, then relationships. A node is created only if no node
// with its first label and its `id` exists:
//   OPTIONAL MATCH (n:Task {id: 't1.1'}) WITH n WHERE n IS NULL CREATE (:Task {id: 't1.1', ...});
// (MERGE says the same more briefly, but mlkg does not have MERGE yet; this
// form runs everywhere). A relationship matches its two nodes the same way
// and is created:
//   MATCH (a:Task {id: 't1.1'}), (b:Service {id: 's3'}) CREATE (a)-[:MENTIONS {...}]->(b);
// So the script also loads into a database that already holds some of the
// nodes (those are neither duplicated nor changed); run twice, it doubles the
// relationships, as MATCH ... CREATE does.
//
// A node is matched by its key (subgraph.hpp): its string or integer `id`.
// A node without a usable `id` gets id '_<number>' (its old `id`, if any,
// kept as `_id`), noted. Values are Cypher literals; NaN and infinities are
// written as 0.0 / 0.0 and 1.0 / 0.0 (noted: Neptune may reject the
// division); undirected relationships become directed (noted).

#include <ostream>

#include "engine/common/status.hpp"
#include "engine/export/export_notes.hpp"
#include "engine/export/subgraph.hpp"

namespace mlkg::exporter {

Status write_cypher(GraphView& graph, std::ostream& out, Notes* notes);

}  // namespace mlkg::exporter

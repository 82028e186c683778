#pragma once
// The Cytoscape.js JSON writer ({"elements": {"nodes": [...], "edges": [...]}}),
// which cy.json(), cy.add() and Cytoscape desktop read, and which networkx's
// cytoscape_graph() reads too.
//
// A node's data: id (its key, subgraph.hpp; a string, as Cytoscape.js
// requires), label (its caption), labels (an array), its properties as JSON
// values, and value (the id again: networkx names nodes by it). A
// relationship's data: id ("e<number>", never the same as a node's), source,
// target, label and type (the relationship type), key (the id again: networkx
// keeps parallel edges apart by it), its properties. Top level: data (a
// name), directed, multigraph, as networkx writes them. Properties whose
// names the format uses are written with a '_' in front (noted); the node's
// `id` is not repeated when it is the key; undirected relationships are
// written as directed edges (noted).

#include <functional>
#include <ostream>
#include <set>
#include <string>

#include "engine/common/status.hpp"
#include "engine/export/export_notes.hpp"
#include "engine/export/subgraph.hpp"

namespace mlkg::exporter {

Status write_cytoscape(GraphView& graph, std::ostream& out, Notes* notes);

// "e<internal id>", with '_' in front until no node key is the same (shared
// by the JSON writers, whose edge and node ids live in one namespace).
std::string edge_element_id(const GraphView& graph, uint64_t rel, const std::set<std::string, std::less<>>& node_keys);

}  // namespace mlkg::exporter

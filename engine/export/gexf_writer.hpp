#pragma once
// The GEXF 1.3 writer (gexf.net/1.3), for Gephi.
//
// Nodes: id = key (subgraph.hpp), label = caption (name, else title, else
// key), a `labels` attribute of type liststring ("[Task]"), one attribute
// per property. Edges: id = "e<number>", label and kind = the relationship
// type (kind keeps parallel edges of different types apart in Gephi), one
// attribute per property; undirected relationships get type="undirected" in a
// directed graph (GEXF's mixed graphs). An attribute's type is the one its
// values share (boolean, long, double, string; list types listboolean,
// listlong, listdouble, liststring, written "[a, b]"); values of mixed types
// are written as strings (noted). GEXF is written for viewing: mlkg does not
// import it.

#include <ostream>

#include "engine/common/status.hpp"
#include "engine/export/export_notes.hpp"
#include "engine/export/subgraph.hpp"

namespace mlkg::exporter {

Status write_gexf(GraphView& graph, std::ostream& out, Notes* notes);

}  // namespace mlkg::exporter

#pragma once
// The Graphviz DOT writer: a digraph to draw (dot, xdot, Gephi, yEd, any
// Graphviz front end), not to store.
//
// Each node is drawn as a rounded box filled with its first label's colour
// (format_util.hpp: the same colour for a label in every export), captioned
// with its name (else title, else key) over its labels (":Task"). Its DOT id
// is its key (subgraph.hpp), quoted. Relationships are edges labelled with
// their type; undirected ones get dir=none. Properties go into each element's
// tooltip (shown on hover in SVG) as "key: value" lines, and the node's
// labels into a `labels` attribute (":A:B"), which renderers ignore.
//
// Above 300 nodes the layout effort is capped (mclimit, nslimit; noted), so
// dot takes seconds rather than minutes. Output is stable: the same graph
// gives the same bytes. Lost, and noted:
// typed and list values (tooltips are text), the labels after the first in
// the colour.

#include <ostream>

#include "engine/common/status.hpp"
#include "engine/export/export_notes.hpp"
#include "engine/export/subgraph.hpp"

namespace mlkg::exporter {

Status write_dot(GraphView& graph, std::ostream& out, Notes* notes);

}  // namespace mlkg::exporter

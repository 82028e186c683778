#pragma once
// The GraphML writer, on Boost.Graph's write_graphml (for yEd, Gephi,
// Cytoscape desktop, networkx, igraph, graph-tool).
//
// The document Boost writes: typed <key>s (attr.type boolean, long, double or
// string), sorted by name; node ids n0, n1, ... and edge ids e0, e1, ...;
// edgedefault="directed". Conventions on top (APOC's, which Gephi and
// graph-tool read; see docs/formats.md):
//  - node key `labels`: the node's labels as ":A:B";
//  - node key `label`: its caption (name, else title, else key), which
//    Gephi and yEd show; left out if nodes have a property called `label`;
//  - edge key `label`: the relationship type;
//  - one key per property; a node's `id` is an ordinary key.
// GraphML gives a key one type. A key whose values share a type gets it; a
// key holding integers and floats is `double`; any other mix, and lists, are
// `string` (lists as JSON text, ["a","b"]). Booleans are true/false; NaN and
// infinities are NaN, INF, -INF (xs:double).
//
// So that mlkg's own reader (load/graphml_reader.hpp) gives back exactly the
// graph that was written, a graph-level key `mlkg` holds a JSON description
// of what the conventions above hid: which keys hold lists, which elements'
// values are of another type than their key's, properties renamed to make way
// for `labels`/`label`, undirected relationships. Other tools show it as a
// graph attribute and need not read it.
//
// Boost's writer puts a <data> for every key on every element; an element
// without the property would get an empty or zero value. This writer marks
// those with a sentinel and drops them on the way out (AbsentFilter in the
// .cpp), and writes carriage returns as &#13; so XML's line-end
// normalisation keeps them. Noted losses for other tools: list and mixed-type
// keys written as strings, undirected relationships written as directed.

#include <ostream>

#include "engine/common/status.hpp"
#include "engine/export/export_notes.hpp"
#include "engine/export/subgraph.hpp"

namespace mlkg::exporter {

Status write_graphml(GraphView& graph, std::ostream& out, Notes* notes);

}  // namespace mlkg::exporter

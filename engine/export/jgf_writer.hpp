#pragma once
// The JSON Graph Format v2 writer (jsongraphformat.info): one graph whose
// "nodes" is an object keyed by node key (v2's form; v1 had an array).
//
// A node: {"label": caption, "metadata": {"labels": [...], property: value,
// ...}}. An edge: {"id": "e<number>", "source", "target", "relation": type,
// "directed": false for undirected relationships, "metadata": {properties}}.
// Labels and properties have no standard place in JGF; metadata is where v2
// puts what it does not define. A property called `labels` is written as
// `_labels` (noted); the node's `id` is not repeated when it is the key.

#include <ostream>

#include "engine/common/status.hpp"
#include "engine/export/export_notes.hpp"
#include "engine/export/subgraph.hpp"

namespace mlkg::exporter {

Status write_jgf(GraphView& graph, std::ostream& out, Notes* notes);

}  // namespace mlkg::exporter

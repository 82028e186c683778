#pragma once
// The Mermaid writer: a flowchart to paste into Markdown notes (GitHub,
// GitLab, Obsidian, Notion render it).
//
//   flowchart LR
//     n0["Ingest and store data<br/>:Task"]
//     n0 -->|"MENTIONS"| n1
//     classDef Task fill:#ffffb3,stroke:#555555
//     class n0 Task
//
// Node ids are n0, n1, ... (Mermaid reserves some words, such as `end`); the
// caption and labels are the text; the first label is the class, coloured as
// in DOT. Undirected relationships are drawn with ---. Lost, and noted: every
// property, labels after the first in the colour. Mermaid refuses to draw
// more than 500 edges by default (its maxEdges setting): larger exports are
// noted.

#include <ostream>

#include "engine/common/status.hpp"
#include "engine/export/export_notes.hpp"
#include "engine/export/subgraph.hpp"

namespace mlkg::exporter {

Status write_mermaid(GraphView& graph, std::ostream& out, Notes* notes);

}  // namespace mlkg::exporter

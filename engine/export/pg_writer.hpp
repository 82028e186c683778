#pragma once
// The PG, PG-JSON and PG-JSONL writers: lossless for graphs that came from PG
// (import, export, import gives the same graph).
//
// Mapping, the inverse of the importer's: a node's key (subgraph.hpp) is its
// PG node id, so its string `id` is not repeated as a property; a node whose
// key is not its string id keeps an unusable `id` as the property `_id`. Every
// other property is written with its values (a list as several values). A
// relationship's type is its edge's one label; its string `id` becomes the
// edge id the first time that id is seen in the export (later duplicates stay
// plain properties, which import alike); undirected relationships are written
// with `--`.
//
// What PG cannot hold is changed and noted: empty lists are left out,
// one-element lists become single values, NaN and infinities become strings.

#include <ostream>

#include "engine/common/status.hpp"
#include "engine/export/export_notes.hpp"
#include "engine/export/subgraph.hpp"

namespace mlkg::exporter {

enum class PgFlavour { kPg, kJson, kJsonl };

Status write_pg(GraphView& graph, PgFlavour flavour, std::ostream& out, Notes* notes);

}  // namespace mlkg::exporter

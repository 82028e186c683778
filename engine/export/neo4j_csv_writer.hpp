#pragma once
// The neo4j-csv writer: node and relationship files in neo4j-admin's header
// format, which is also Amazon Neptune's openCypher bulk-load format (load
// with userProvidedEdgeIds set to false: neo4j-admin takes no relationship
// ids, so the files carry none).
//
// One node file per label combination (nodes_Task.csv, nodes.csv for nodes
// without labels) and one relationship file per type
// (relationships_MENTIONS.csv), so every column has one type:
//   id:ID,:LABEL,name:string,number:long,aliases:string[]
//   "t1.1",Task,"Ingest and store data",,
//   :START_ID,:END_ID,:TYPE,source:string
//   "t1.1","s3",MENTIONS,"exam-guide 1.1"
// The :ID is the node's key (subgraph.hpp), stored back as the property `id`
// (so a node without a string id gets one, noted; an old id is kept as
// `_id`). Types: long, double, boolean, string, and arrays of them (`[]`,
// elements separated by ';'). Strings are always quoted (RFC 4180, "" for a
// quote), so empty and space-padded strings survive and an empty field means
// "no value". Noted losses: integers sharing a column with floats become
// floats, other mixes become strings, a single value in an array column
// becomes a one-element array, empty lists are left out, list elements
// containing ';' would split, undirected relationships become directed.

#include <string>
#include <vector>

#include "engine/common/status.hpp"
#include "engine/export/export_notes.hpp"
#include "engine/export/output_file.hpp"
#include "engine/export/subgraph.hpp"

namespace mlkg::exporter {

// Writes the files at `target`: into a directory when `target` is one or
// ends with '/' (created if missing), else with `target` as the start of each
// file name (export/syllabus- gives export/syllabus-nodes_Task.csv). Fills
// *files with the paths written, in order (nodes first). Each file is
// written as `policy` allows (output_file.hpp); none replaces an old one
// before all are complete.
Status write_neo4j_csv(GraphView& graph, const std::string& target, const FilePolicy& policy,
                       std::vector<std::string>* files, Notes* notes);

}  // namespace mlkg::exporter

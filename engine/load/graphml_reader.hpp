#pragma once
// The GraphML reader: turns a GraphML document into PG statements for a
// PgSink (the importer stages them, so an import stays all or nothing).
//
// Why not Boost's read_graphml: it reads through property_tree with
// whitespace trimming, which strips and collapses the spaces and line breaks
// inside every value ("a  b\nc" reads back as "a b c"); it does not report
// the GraphML node ids, so a file without an `id` key could not name its
// nodes; it throws on a file that mixes directed and undirected edges; and
// its errors carry no line numbers. This reader uses expat (a streaming XML
// parser, Debian's libexpat1-dev) and keeps values byte for byte.
//
// Mapping (docs/formats.md):
//  - Every <key> is read, whatever its name (for="node", "edge" or "all";
//    attr.type boolean, int, long, float, double, string; a <default> fills
//    elements that lack the key). Keys for yEd graphics (yfiles.type) and
//    <data> holding elements rather than text are skipped.
//  - A node's PG id is the value of its `id` key when it has one, else its
//    GraphML id. The key `labels` gives labels (":A:B", APOC's convention).
//  - An edge's type is its `label` key (else the importer's default type).
//    directed="false", or edgedefault="undirected", makes it undirected.
//  - Every other key becomes a property of its type.
//  - The graph key `mlkg`, which mlkg's GraphML writer adds, restores what
//    GraphML could not say: list values, values of another type than their
//    key's, renamed properties, labels with ':', undirected edges; and it
//    marks the node key `label` as a caption to skip.
// Not supported (an error): nested graphs, hyperedges, two nodes with one id.
//
// Errors: "<source>:<line>:<column>: <problem>" with the line and a caret,
// for malformed XML and for values that do not parse as their key's type.

#include <string_view>

#include "engine/common/status.hpp"
#include "engine/load/pg_parser.hpp"

namespace mlkg::load {

Status parse_graphml(std::string_view text, PgSink& sink, const PgParseOptions& options = {},
                     PgError* error = nullptr);

}  // namespace mlkg::load

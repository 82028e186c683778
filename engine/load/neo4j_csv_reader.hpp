#pragma once
// The neo4j-csv reader: one CSV file in neo4j-admin's header format (also
// Amazon Neptune's openCypher bulk-load format) as PG statements for a
// PgSink. A file with :START_ID and :END_ID columns holds relationships;
// any other needs an :ID column and holds nodes.
//
// Header cells are `name:type`: `name:ID` (the node id, stored as the
// property `id`; a name other than `id` also keeps it under that name), `:ID`
// in a relationship file (Neptune's relationship id: the property `id`),
// `:LABEL` (labels separated by ';'), `:START_ID`, `:END_ID`, `:TYPE`,
// `:IGNORE`, and property types int, long, short, byte (INTEGER), float,
// double (FLOAT), boolean, string, char, with `[]` for arrays (elements
// separated by ';'); a cell without a type is a string; temporal and point
// types are read as strings. ID spaces (`:ID(Person)`) are accepted but not
// kept: mlkg has one space of node ids (the property `id`), so a node id
// repeated in another space is the same node (merged, as PG merges).
//
// Fields follow RFC 4180 (quotes, "" inside them, line breaks inside quoted
// fields). As in neo4j-admin, an unquoted field is trimmed and an empty one
// is no value; a quoted empty field is an empty string.
//
// Errors: "<source>:<line>:<column>: <problem>" with the line and a caret.

#include <string_view>

#include "engine/common/status.hpp"
#include "engine/load/pg_parser.hpp"

namespace mlkg::load {

Status parse_neo4j_csv(std::string_view text, PgSink& sink, const PgParseOptions& options = {},
                       PgError* error = nullptr);

}  // namespace mlkg::load

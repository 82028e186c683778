#pragma once
// Writers for single PG statements in the PG format, PG-JSON and PG-JSONL.
//
// Contract: for every PgNode / PgEdge whose property value lists are non-empty
// and hold only strings, bools, ints and finite floats, parse_pg of the written
// line gives back the same statement (ids, labels, keys, values and their
// types). Identifiers are quoted only when the unquoted form would not read
// back; strings that would read back as a number or boolean are quoted; floats
// always carry a '.' or an exponent so they read back as floats.
// Values the format cannot hold (null, NaN, infinities, nested lists, maps)
// are the caller's to avoid; if given, they are written as strings.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/pg/pg_model.hpp"

namespace mlkg::pg {

// Appends `id` as a PG identifier (node id, edge id, label or key).
void append_pg_identifier(std::string* out, std::string_view id);
// Appends one scalar value as a PG value.
void append_pg_value(std::string* out, const Value& value);
// Appends one statement line, ending in '\n'.
void append_pg_node(std::string* out, const PgNode& node);
void append_pg_edge(std::string* out, const PgEdge& edge);

// PG-JSON objects: {"id", "labels", "properties"} and
// {"id"?, "from", "to", "undirected"?, "labels", "properties"}.
nlohmann::json pg_node_to_json(const PgNode& node);
nlohmann::json pg_edge_to_json(const PgEdge& edge);
// PG-JSONL lines: the objects above with "type": "node" / "edge", ending in '\n'.
void append_pg_jsonl_node(std::string* out, const PgNode& node);
void append_pg_jsonl_edge(std::string* out, const PgEdge& edge);

}  // namespace mlkg::pg

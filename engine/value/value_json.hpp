#pragma once
// Values as JSON, the way mlkg's result documents spell them
// (docs/output-formats.md): integers exact, floats in the shortest form that
// reads back (always a '.' or an exponent), NaN / Infinity / -Infinity as
// bare tokens, strings as UTF-8 (malformed bytes replaced by U+FFFD), maps
// as objects, and
//   {"~node": {"id": N, "labels": [...], "properties": {...}}}
//   {"~rel": {"id": N, "type": "T", "start": N, "end": N, "properties": {...}}}
//   {"~path": [node, rel, node, ...]}
// (what an unmaterialised entity does not know is null, or empty).
//
// The documents are nlohmann-json values; write_json prints them with ", "
// and ": " between items and the bare non-finite tokens, which nlohmann's
// dump() spells as null, and leaves every other scalar to dump().

#include <string>

#include <nlohmann/json.hpp>

#include "engine/value/value.hpp"

namespace mlkg {

using Json = nlohmann::ordered_json;

// The value as a JSON document (a non-finite float stays a double).
Json to_json(const Value& v);

// Appends `doc` to *out on one line.
void write_json(const Json& doc, std::string* out);

}  // namespace mlkg

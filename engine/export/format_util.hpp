#pragma once
// Small pieces the writers share: escaping for XML, a node's caption, a
// stable colour per label, values as JSON and as display text.
//
// Strings are assumed to be UTF-8. Where a format cannot hold a byte sequence
// (invalid UTF-8 anywhere; control characters in XML 1.0), it is replaced by
// U+FFFD and the caller's Notes get a line, so the output always parses.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/export/export_notes.hpp"
#include "engine/export/subgraph.hpp"
#include "engine/value/value.hpp"

namespace mlkg::exporter {

// `s` with invalid UTF-8 sequences replaced by U+FFFD (noted).
std::string valid_utf8(std::string_view s, Notes* notes);

// Text for XML character data or a double-quoted attribute value: & < > " '
// as entities, CR (and in attributes also LF and TAB) as character
// references so that they survive XML's normalisation, characters XML 1.0
// forbids and invalid UTF-8 as U+FFFD (noted).
std::string xml_escape(std::string_view s, Notes* notes, bool attribute = true);

// The text a drawing shows for a node: its `name` if it is a string, else
// its `title`, else its key.
std::string caption(const ExportNode& node);

// A fill colour ("#rrggbb") for a label: fixed for the syllabus graph's
// labels, and a stable choice from the same palette (by a hash of the name)
// for any other, so a label has the same colour in every export.
std::string_view label_colour(std::string_view label);

// A stored value as JSON: scalars as themselves, lists as arrays. NaN and
// infinities, which JSON cannot hold, become the strings "NaN", "Infinity",
// "-Infinity" (noted); invalid UTF-8 becomes U+FFFD (noted).
nlohmann::json value_to_json(const Value& v, Notes* notes);

// A value as a person reads it: strings as they are, numbers and booleans
// as literals, lists as JSON arrays.
std::string display_text(const Value& v);

// Serialises JSON that value_to_json and the writers built (UTF-8 already
// checked) without escaping non-ASCII.
std::string dump_json(const nlohmann::json& j, int indent = -1);

}  // namespace mlkg::exporter

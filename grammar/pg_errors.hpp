#pragma once
// Error messages of the PG grammar (grammar/pg.hpp), one per error point, in
// PEGTL's json_errors style: a rule with a message raises a parse error as
// soon as it fails (must_if), and must_if static_asserts that every rule that
// can raise has a message. Each message says what was expected at the spot.

#include <tao/pegtl.hpp>

#include "grammar/pg.hpp"

namespace mlkg::grammar::pg {

template <typename>
inline constexpr const char* error_message = nullptr;

// clang-format off
template <> inline constexpr auto error_message<hex4> =
    "expected four hexadecimal digits after '\\u'";
template <> inline constexpr auto error_message<low_surrogate_escape> =
    "expected a low surrogate escape (\\uDC00 to \\uDFFF) after the high surrogate escape";
template <> inline constexpr auto error_message<no_lone_low_surrogate> =
    "expected a Unicode escape that is not a lone low surrogate (\\uDC00 to \\uDFFF must follow a high surrogate)";
template <> inline constexpr auto error_message<escape_code> =
    "expected an escape sequence after '\\': one of \\\" \\' \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX";
template <> inline constexpr auto error_message<string_not_at_eof> =
    "expected a closing quote before the end of the input";
template <> inline constexpr auto error_message<dq_close> =
    "expected '\"' to close the string (control characters other than tab, line feed and carriage return must be escaped)";
template <> inline constexpr auto error_message<sq_close> =
    "expected ''' to close the string (control characters other than tab, line feed and carriage return must be escaped)";
template <> inline constexpr auto error_message<quoted_identifier_not_empty> =
    "expected a non-empty identifier: \"\" and '' cannot be node ids, edge ids, labels or keys";
template <> inline constexpr auto error_message<label_name> =
    "expected a label name after ':'";
template <> inline constexpr auto error_message<first_value> =
    "expected a property value after ':' (a number, true, false, a quoted string or an unquoted string)";
template <> inline constexpr auto error_message<next_value> =
    "expected a property value after ','";
template <> inline constexpr auto error_message<end_after_labels> =
    "expected a label (:name), a property (key:value) or the end of the statement";
template <> inline constexpr auto error_message<end_after_properties> =
    "expected a property (key:value) or the end of the statement (labels must come before properties)";
template <> inline constexpr auto error_message<space_before_key_colon> =
    "expected ':' directly after the property key (no space is allowed before the colon)";
template <> inline constexpr auto error_message<space_before_arrow> =
    "expected whitespace before '->'";
template <> inline constexpr auto error_message<direction_space> =
    "expected whitespace after the edge direction ('->' or '--')";
template <> inline constexpr auto error_message<target_id> =
    "expected the target node id after the edge direction";
template <> inline constexpr auto error_message<statement> =
    "expected a node id or an edge at the start of the statement";
template <> inline constexpr auto error_message<not_indented> =
    "expected a statement at the start of the line: an indented line continues the statement before it, and there is none";
// clang-format on

struct errors {
  template <typename Rule>
  static constexpr auto message = error_message<Rule>;
};

template <typename Rule>
using control = must_if<errors>::control<Rule>;

}  // namespace mlkg::grammar::pg

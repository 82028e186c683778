#pragma once
// Unicode character properties and case mapping for the string functions,
// the regex engine and the text analyzer (UTF-8 itself: utf8.hpp).
//
// openCypher's string functions count and cut Unicode characters (code
// points), not bytes: size('é') is 1 and substring() never splits a
// character. Strings are stored as UTF-8; these helpers decode and encode
// them. A byte that does not start a well-formed sequence decodes as one
// U+FFFD, so no input makes them read out of bounds or loop.
//
// Case mapping and character classes use the simple (one code point to one
// code point) Unicode mappings of the C library's C.UTF-8 locale; where that
// locale is missing they fall back to ASCII. Thread-safe: no shared mutable
// state after the first call.

#include <cstddef>
#include <string>
#include <string_view>

namespace mlkg::unicode {

// Simple case mappings of one code point.
char32_t to_lower(char32_t cp);
char32_t to_upper(char32_t cp);
// `s` with every code point case-mapped.
std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);

// Java's Character.isWhitespace: the Unicode space, line and paragraph
// separators except the no-break spaces, plus \t \n \v \f \r and U+001C..U+001F.
bool is_whitespace(char32_t cp);
// Letters (any script), and upper- and lower-case letters.
bool is_letter(char32_t cp);
bool is_upper(char32_t cp);
bool is_lower(char32_t cp);
// A letter, a decimal digit or '_': what a regex word boundary separates.
bool is_word(char32_t cp);

}  // namespace mlkg::unicode

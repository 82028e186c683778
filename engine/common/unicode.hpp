#pragma once
// Unicode properties of characters, case mapping, normalisation, terminal
// width and grapheme clusters, from utf8proc (the Unicode tables of the
// library Debian ships, not the process locale): the same answers under
// any LANG or LC_ALL, in the shell, the server and a test. UTF-8 itself is
// utf8.hpp's; a malformed byte counts as U+FFFD here too.
//
// openCypher's string functions count and cut code points (size('é') is 1);
// the shell's table counts terminal columns and never cuts inside a
// grapheme cluster (a letter and its combining accents, an emoji sequence).
// Thread-safe: nothing here has state.

#include <cstddef>
#include <string>
#include <string_view>

namespace mlkg::unicode {

// Simple case mappings of one code point (one code point to one).
char32_t to_lower(char32_t cp);
char32_t to_upper(char32_t cp);
// `s` with every code point case-mapped; to_upper uses the full mappings
// where a letter's upper case is more than one letter ('ß' -> "SS", as Java).
std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);

// `s` with A-Z lower-cased and every other byte as it is: how names that
// compare case-insensitively by ASCII rules (keywords, procedure and function
// names, format names) are keyed.
std::string to_lower_ascii(std::string_view s);

// Java's Character.isWhitespace: the Unicode space, line and paragraph
// separators except the no-break spaces, plus \t \n \v \f \r and U+001C..U+001F.
bool is_whitespace(char32_t cp);
// Letters of any script (general categories L*), and the upper-case (Lu)
// and lower-case (Ll) ones.
bool is_letter(char32_t cp);
bool is_upper(char32_t cp);
bool is_lower(char32_t cp);
// A letter, a decimal digit or '_': what a regex word boundary separates.
bool is_word(char32_t cp);

// `s` in Unicode normalisation form C (composed), or D, KC, KD.
enum class NormalForm { kNFC, kNFD, kNFKC, kNFKD };
std::string normalize(std::string_view s, NormalForm form = NormalForm::kNFC);

// The terminal columns a code point takes: 0 (combining marks, zero-width
// and control characters), 1, or 2 (East Asian wide, emoji).
size_t width(char32_t cp);
// The byte offset just past the grapheme cluster that starts at byte `pos`
// of `s` (pos < s.size()).
size_t grapheme_end(std::string_view s, size_t pos);
// The terminal columns of `s`: per grapheme cluster, the widest of its code
// points (so an accented letter takes 1 and an emoji sequence 2).
size_t display_width(std::string_view s);

}  // namespace mlkg::unicode

#pragma once
// The one UTF-8 codec of mlkg: every decoder and encoder in the engine, the
// loaders, the exports and the shell goes through these functions.
//
// Strings are stored and exchanged as UTF-8. A well-formed sequence is the
// shortest encoding of a code point up to U+10FFFF that is not a surrogate;
// anything else (a stray continuation byte, a truncated, overlong or
// surrogate sequence) is malformed. Decoding never reads past the end of its
// input and always makes progress, so no input makes a caller loop.

#include <cstddef>
#include <string>
#include <string_view>

namespace mlkg::utf8 {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;
inline constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD as UTF-8

// The length of the well-formed sequence that starts `s`, with its code point
// in *code_point; 0 when `s` is empty or starts with a malformed sequence.
size_t sequence_length(std::string_view s, char32_t* code_point);

// The code point that starts at byte `pos` of `s` (pos < s.size()), advancing
// `pos` past it; a byte that does not start a well-formed sequence decodes
// as U+FFFD and advances `pos` by one.
char32_t decode(std::string_view s, size_t& pos);

// Appends `cp` as UTF-8; a surrogate or a value above U+10FFFF as U+FFFD.
void append(std::string& out, char32_t cp);

// `s` with each byte that does not start a well-formed sequence replaced by
// U+FFFD; *replaced (when given) says whether any was.
std::string make_valid(std::string_view s, bool* replaced = nullptr);

// The number of code points in `s` (a malformed byte counts as one).
size_t length(std::string_view s);
// The byte offset of code point number `index` of `s` (s.size() when `s` has
// no more than `index` code points).
size_t offset_of(std::string_view s, size_t index);

}  // namespace mlkg::utf8

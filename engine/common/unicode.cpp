#include "engine/common/unicode.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "engine/common/utf8.hpp"

namespace mlkg::unicode {

namespace {

utf8proc_int32_t as_utf8proc(char32_t cp) { return static_cast<utf8proc_int32_t>(cp); }

bool valid(char32_t cp) { return utf8proc_codepoint_valid(as_utf8proc(cp)); }

utf8proc_category_t category(char32_t cp) {
  return valid(cp) ? utf8proc_category(as_utf8proc(cp)) : UTF8PROC_CATEGORY_CN;
}

template <class Map>
std::string map_code_points(std::string_view s, Map map) {
  std::string out;
  out.reserve(s.size());
  for (size_t pos = 0; pos < s.size();) {
    const auto b = static_cast<unsigned char>(s[pos]);
    if (b < 0x80) {  // ASCII fast path
      out += static_cast<char>(map(b));
      ++pos;
    } else {
      utf8::append(out, map(utf8::decode(s, pos)));
    }
  }
  return out;
}

}  // namespace

char32_t to_lower(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + ('a' - 'A') : cp;
  return valid(cp) ? static_cast<char32_t>(utf8proc_tolower(as_utf8proc(cp))) : cp;
}

char32_t to_upper(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') ? cp - ('a' - 'A') : cp;
  if (cp == 0xDF) return cp;  // ß has no one-letter upper case (utf8proc offers ẞ; Unicode's simple mapping keeps ß)
  return valid(cp) ? static_cast<char32_t>(utf8proc_toupper(as_utf8proc(cp))) : cp;
}

std::string to_lower(std::string_view s) {
  return map_code_points(s, [](char32_t cp) { return to_lower(cp); });
}

namespace {

// The upper case of the letters whose upper case is more than one letter
// (Unicode's SpecialCasing, unconditional Latin entries), as Java's
// String.toUpperCase and so Neo4j's toUpper() write them; null otherwise.
const char* full_upper(char32_t cp) {
  switch (cp) {
    case 0x00DF: return "SS";        // ß
    case 0x0149: return "\u02BCN";   // ŉ
    case 0xFB00: return "FF";        // ﬀ
    case 0xFB01: return "FI";        // ﬁ
    case 0xFB02: return "FL";        // ﬂ
    case 0xFB03: return "FFI";       // ﬃ
    case 0xFB04: return "FFL";       // ﬄ
    case 0xFB05: return "ST";        // ﬅ
    case 0xFB06: return "ST";        // ﬆ
    default: return nullptr;
  }
}

}  // namespace

std::string to_upper(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t pos = 0; pos < s.size();) {
    const auto b = static_cast<unsigned char>(s[pos]);
    if (b < 0x80) {
      out += static_cast<char>(to_upper(b));
      ++pos;
      continue;
    }
    const char32_t cp = utf8::decode(s, pos);
    if (const char* full = full_upper(cp)) {
      out += full;
    } else {
      utf8::append(out, to_upper(cp));
    }
  }
  return out;
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_whitespace(char32_t cp) {
  if (cp <= 0x20) return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
  return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A && cp != 0x2007) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x205F || cp == 0x3000;
}

bool is_letter(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  switch (category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: return true;
    default: return false;
  }
}

bool is_upper(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return category(cp) == UTF8PROC_CATEGORY_LU;
}

bool is_lower(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return category(cp) == UTF8PROC_CATEGORY_LL;
}

bool is_word(char32_t cp) { return cp == '_' || (cp >= '0' && cp <= '9') || is_letter(cp); }

std::string normalize(std::string_view s, NormalForm form) {
  // utf8proc reads well-formed UTF-8 only: malformed bytes become U+FFFD first.
  const std::string valid_text = utf8::make_valid(s);
  int options = UTF8PROC_STABLE;
  switch (form) {
    case NormalForm::kNFC: options |= UTF8PROC_COMPOSE; break;
    case NormalForm::kNFD: options |= UTF8PROC_DECOMPOSE; break;
    case NormalForm::kNFKC: options |= UTF8PROC_COMPOSE | UTF8PROC_COMPAT; break;
    case NormalForm::kNFKD: options |= UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT; break;
  }
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(valid_text.data()),
                   static_cast<utf8proc_ssize_t>(valid_text.size()), &out, static_cast<utf8proc_option_t>(options));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(out, &std::free);
  if (n < 0) return valid_text;  // only on allocation failure: leave the text as it is
  return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(n));
}

size_t width(char32_t cp) {
  if (cp >= 0x20 && cp < 0x7F) return 1;
  if (!valid(cp)) return 1;  // shown as U+FFFD
  return static_cast<size_t>(std::max(0, utf8proc_charwidth(as_utf8proc(cp))));
}

size_t grapheme_end(std::string_view s, size_t pos) {
  utf8proc_int32_t state = 0;
  char32_t previous = utf8::decode(s, pos);
  while (pos < s.size()) {
    size_t next = pos;
    const char32_t cp = utf8::decode(s, next);
    if (utf8proc_grapheme_break_stateful(as_utf8proc(previous), as_utf8proc(cp), &state)) break;
    previous = cp;
    pos = next;
  }
  return pos;
}

size_t display_width(std::string_view s) {
  size_t total = 0;
  for (size_t pos = 0; pos < s.size();) {
    const size_t end = grapheme_end(s, pos);
    size_t widest = 0;
    for (size_t p = pos; p < end;) widest = std::max(widest, width(utf8::decode(s, p)));
    total += widest;
    pos = end;
  }
  return total;
}

}  // namespace mlkg::unicode

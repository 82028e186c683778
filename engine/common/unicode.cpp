#include "engine/common/unicode.hpp"

#include "engine/common/utf8.hpp"

#include <locale.h>
#include <wctype.h>

namespace mlkg::unicode {

namespace {

// The C.UTF-8 locale for the wide-character classification and case
// functions, or null when the C library does not have it (ASCII then).
locale_t utf8_locale() {
  static const locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  return locale;
}

}  // namespace

char32_t to_lower(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + ('a' - 'A') : cp;
  locale_t locale = utf8_locale();
  return locale ? static_cast<char32_t>(towlower_l(static_cast<wint_t>(cp), locale)) : cp;
}

char32_t to_upper(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') ? cp - ('a' - 'A') : cp;
  locale_t locale = utf8_locale();
  return locale ? static_cast<char32_t>(towupper_l(static_cast<wint_t>(cp), locale)) : cp;
}

namespace {

template <class Map>
std::string map_code_points(std::string_view s, Map map) {
  std::string out;
  out.reserve(s.size());
  for (size_t pos = 0; pos < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[pos]);
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

std::string to_lower(std::string_view s) {
  return map_code_points(s, [](char32_t cp) { return to_lower(cp); });
}

std::string to_upper(std::string_view s) {
  return map_code_points(s, [](char32_t cp) { return to_upper(cp); });
}

bool is_whitespace(char32_t cp) {
  if (cp <= 0x20) return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
  return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A && cp != 0x2007) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x205F || cp == 0x3000;
}

bool is_letter(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  locale_t locale = utf8_locale();
  return locale && iswalpha_l(static_cast<wint_t>(cp), locale);
}

bool is_upper(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  locale_t locale = utf8_locale();
  return locale && iswupper_l(static_cast<wint_t>(cp), locale);
}

bool is_lower(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  locale_t locale = utf8_locale();
  return locale && iswlower_l(static_cast<wint_t>(cp), locale);
}

bool is_word(char32_t cp) { return cp == '_' || (cp >= '0' && cp <= '9') || is_letter(cp); }

}  // namespace mlkg::unicode

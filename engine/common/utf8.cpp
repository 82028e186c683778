#include "engine/common/utf8.hpp"

namespace mlkg::utf8 {

size_t sequence_length(std::string_view s, char32_t* code_point) {
  if (s.empty()) return 0;
  const auto b0 = static_cast<unsigned char>(s[0]);
  if (b0 < 0x80) {
    *code_point = b0;
    return 1;
  }
  // The length, the smallest code point it may encode (shorter forms are
  // overlong) and the payload bits of the lead byte.
  size_t len;
  char32_t min, cp;
  if ((b0 & 0xE0) == 0xC0) len = 2, min = 0x80, cp = b0 & 0x1F;
  else if ((b0 & 0xF0) == 0xE0) len = 3, min = 0x800, cp = b0 & 0x0F;
  else if ((b0 & 0xF8) == 0xF0) len = 4, min = 0x10000, cp = b0 & 0x07;
  else return 0;
  if (s.size() < len) return 0;
  for (size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  *code_point = cp;
  return len;
}

char32_t decode(std::string_view s, size_t& pos) {
  char32_t cp;
  const size_t n = sequence_length(s.substr(pos), &cp);
  if (n == 0) {
    ++pos;
    return kReplacementCharacter;
  }
  pos += n;
  return cp;
}

void append(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacementCharacter;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string make_valid(std::string_view s, bool* replaced) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    const size_t n = sequence_length(s.substr(i), &cp);
    if (n == 0) {
      if (replaced) *replaced = true;
      out += kReplacement;
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

size_t length(std::string_view s) {
  size_t n = 0;
  for (size_t pos = 0; pos < s.size(); ++n) decode(s, pos);
  return n;
}

size_t offset_of(std::string_view s, size_t index) {
  size_t pos = 0;
  for (size_t i = 0; i < index && pos < s.size(); ++i) decode(s, pos);
  return pos;
}

}  // namespace mlkg::utf8

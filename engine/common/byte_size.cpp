#include "engine/common/byte_size.hpp"

#include <cctype>
#include <cstdio>

namespace mlkg {

namespace {

constexpr uint64_t kMaxSize = uint64_t{1} << 62;

// The multiplier a unit stands for; 0 for no unit we know.
uint64_t unit_multiplier(std::string_view unit) {
  std::string u;
  for (char c : unit) u += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (u.empty() || u == "b") return 1;
  const char* prefixes = "kmgt";
  for (int i = 0; i < 4; ++i)
    if (u.size() >= 1 && u[0] == prefixes[i] && (u.size() == 1 || u.substr(1) == "b" || u.substr(1) == "ib"))
      return uint64_t{1} << (10 * (i + 1));
  return 0;
}

}  // namespace

std::optional<uint64_t> parse_byte_size(std::string_view text) {
  size_t pos = 0;
  unsigned __int128 whole = 0;
  size_t digits = 0;
  for (; pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])); ++pos, ++digits) {
    whole = whole * 10 + static_cast<unsigned>(text[pos] - '0');
    if (whole > kMaxSize) return std::nullopt;
  }
  unsigned __int128 fraction = 0, scale = 1;
  bool has_fraction = false;
  if (pos < text.size() && text[pos] == '.') {
    has_fraction = true;
    for (++pos; pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])); ++pos, ++digits) {
      if (scale < 1'000'000'000'000ULL) {  // digits past the 12th change nothing we keep
        fraction = fraction * 10 + static_cast<unsigned>(text[pos] - '0');
        scale *= 10;
      }
    }
  }
  if (digits == 0) return std::nullopt;
  if (pos < text.size() && text[pos] == ' ') ++pos;
  const std::string_view unit = text.substr(pos);
  const uint64_t multiplier = unit_multiplier(unit);
  if (multiplier == 0 || (has_fraction && multiplier == 1)) return std::nullopt;
  const unsigned __int128 bytes = whole * multiplier + fraction * multiplier / scale;
  if (bytes > kMaxSize) return std::nullopt;
  return static_cast<uint64_t>(bytes);
}

std::string format_byte_size(uint64_t bytes) {
  static const char* const kUnits[] = {"KiB", "MiB", "GiB", "TiB", "PiB"};
  if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  int unit = 0;
  uint64_t size = uint64_t{1} << 10;
  while (unit < 4 && bytes >= (size << 10)) {
    size <<= 10;
    ++unit;
  }
  char text[48];
  if (bytes % size == 0)
    std::snprintf(text, sizeof text, "%llu %s", static_cast<unsigned long long>(bytes / size), kUnits[unit]);
  else
    std::snprintf(text, sizeof text, "%.1f %s", static_cast<double>(bytes) / static_cast<double>(size), kUnits[unit]);
  return text;
}

}  // namespace mlkg

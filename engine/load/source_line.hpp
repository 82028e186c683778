#pragma once
// The text of one line of a document, for error messages that show it.

#include <string>
#include <string_view>

namespace mlkg::load {

// Line `line` (1-based) of `text` without its line break (LF, CR or CRLF);
// empty if there is no such line.
inline std::string source_line(std::string_view text, size_t line) {
  size_t start = 0;
  for (size_t l = 1; l < line; ++l) {
    start = text.find_first_of("\r\n", start);
    if (start == std::string_view::npos) return std::string();
    start += (text[start] == '\r' && start + 1 < text.size() && text[start + 1] == '\n') ? 2 : 1;
  }
  if (start > text.size()) return std::string();
  const size_t end = text.find_first_of("\r\n", start);
  return std::string(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
}

}  // namespace mlkg::load

#include "engine/export/format_util.hpp"

#include "engine/common/utf8.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace mlkg::exporter {

namespace {

using utf8::kReplacement;

}  // namespace

std::string valid_utf8(std::string_view s, Notes* notes) {
  bool replaced = false;
  std::string out = utf8::make_valid(s, &replaced);
  if (replaced && notes) notes->add("strings held bytes that are not UTF-8; they were written as U+FFFD");
  return out;
}

std::string xml_escape(std::string_view s, Notes* notes, bool attribute) {
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    const size_t n = utf8::sequence_length(s.substr(i), &cp);
    if (n == 0) {
      if (notes) notes->add("strings held bytes that are not UTF-8; they were written as U+FFFD");
      out += kReplacement;
      ++i;
      continue;
    }
    switch (cp) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\r': out += "&#13;"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      default:
        if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) {
          if (notes) notes->add("strings held control characters XML cannot carry; they were written as U+FFFD");
          out += kReplacement;
        } else {
          out.append(s.substr(i, n));
        }
    }
    i += n;
  }
  return out;
}

std::string caption(const ExportNode& node) {
  for (const char* key : {"name", "title"})
    for (const ExportProperty& p : node.properties)
      if (p.key == key && p.value.is_string() && !p.value.as_string().empty()) return p.value.as_string();
  return std::string(node.key);
}

std::string_view label_colour(std::string_view label) {
  // ColorBrewer's Set3 (12 pastel colours that keep black text readable).
  static constexpr std::string_view kPalette[] = {"#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
                                                  "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f"};
  static constexpr std::pair<std::string_view, int> kFixed[] = {
      {"Exam", 3},    {"Domain", 5},  {"Task", 1},     {"Knowledge", 10}, {"Skill", 6},   {"Service", 4},
      {"Feature", 0}, {"Category", 9}, {"Concept", 2}, {"UseCase", 7},    {"Synonym", 8}, {"Note", 11}};
  for (const auto& [name, slot] : kFixed)
    if (name == label) return kPalette[slot];
  uint32_t h = 2166136261u;  // FNV-1a: the same on every platform and run
  for (unsigned char c : label) h = (h ^ c) * 16777619u;
  return kPalette[h % 12];
}

nlohmann::json value_to_json(const Value& v, Notes* notes) {
  switch (v.type()) {
    case Value::Type::kBool: return v.as_bool();
    case Value::Type::kInt: return v.as_int();
    case Value::Type::kFloat:
      if (!std::isfinite(v.as_float())) {
        if (notes) notes->add("NaN or infinite numbers were written as strings (JSON has no such numbers)");
        return format_float(v.as_float());
      }
      return v.as_float();
    case Value::Type::kString: return valid_utf8(v.as_string(), notes);
    case Value::Type::kList: {
      nlohmann::json a = nlohmann::json::array();
      for (const Value& e : v.as_list()) a.push_back(value_to_json(e, notes));
      return a;
    }
    default: return nullptr;  // storage holds nothing else
  }
}

std::string display_text(const Value& v) {
  switch (v.type()) {
    case Value::Type::kString: return v.as_string();
    case Value::Type::kBool: return v.as_bool() ? "true" : "false";
    case Value::Type::kInt: return std::to_string(v.as_int());
    case Value::Type::kFloat: return format_float(v.as_float());
    case Value::Type::kList: return dump_json(value_to_json(v, nullptr));
    default: return "";
  }
}

std::string dump_json(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace mlkg::exporter

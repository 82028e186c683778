#include "engine/value/value.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace mlkg {

bool Value::operator==(const Value& other) const {
  if (type() != other.type()) return false;
  switch (type()) {
    case Type::kNull: return true;
    case Type::kBool: return as_bool() == other.as_bool();
    case Type::kInt: return as_int() == other.as_int();
    case Type::kFloat: {
      double a = as_float(), b = other.as_float();
      if (std::isnan(a) && std::isnan(b)) return true;
      return std::memcmp(&a, &b, sizeof a) == 0 || a == b;
    }
    case Type::kString: return as_string() == other.as_string();
    case Type::kList: return as_list() == other.as_list();
    case Type::kMap: return as_map() == other.as_map();
  }
  return false;
}

const char* type_name(Value::Type type) {
  switch (type) {
    case Value::Type::kNull: return "NULL";
    case Value::Type::kBool: return "BOOLEAN";
    case Value::Type::kInt: return "INTEGER";
    case Value::Type::kFloat: return "FLOAT";
    case Value::Type::kString: return "STRING";
    case Value::Type::kList: return "LIST";
    case Value::Type::kMap: return "MAP";
  }
  return "UNKNOWN";
}

std::string format_float(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  // Shortest representation that round-trips.
  auto res = std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, res.ptr);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

std::string quote_cypher_string(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '\'';
  for (unsigned char c : s) {
    switch (c) {
      case '\'': out += "\\'"; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '\'';
  return out;
}

std::string Value::to_literal() const {
  switch (type()) {
    case Type::kNull: return "null";
    case Type::kBool: return as_bool() ? "true" : "false";
    case Type::kInt: return std::to_string(as_int());
    case Type::kFloat: return format_float(as_float());
    case Type::kString: return quote_cypher_string(as_string());
    case Type::kList: {
      std::string out = "[";
      bool first = true;
      for (const Value& v : as_list()) {
        if (!first) out += ", ";
        first = false;
        out += v.to_literal();
      }
      return out + "]";
    }
    case Type::kMap: {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, v] : as_map()) {
        if (!first) out += ", ";
        first = false;
        out += k;
        out += ": ";
        out += v.to_literal();
      }
      return out + "}";
    }
  }
  return "null";
}

}  // namespace mlkg

#include "engine/value/value.hpp"

#include <cctype>
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
    case Type::kNode: return as_node().id == other.as_node().id;
    case Type::kRelationship: return as_relationship().id == other.as_relationship().id;
    case Type::kPath: {
      const PathValue& a = as_path();
      const PathValue& b = other.as_path();
      if (a.nodes.size() != b.nodes.size() || a.rels.size() != b.rels.size()) return false;
      for (size_t i = 0; i < a.nodes.size(); ++i)
        if (a.nodes[i].id != b.nodes[i].id) return false;
      for (size_t i = 0; i < a.rels.size(); ++i)
        if (a.rels[i].id != b.rels[i].id) return false;
      return true;
    }
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
    case Value::Type::kNode: return "NODE";
    case Value::Type::kRelationship: return "RELATIONSHIP";
    case Value::Type::kPath: return "PATH";
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

std::string quote_cypher_name(std::string_view name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (unsigned char c : name) plain = plain && (std::isalnum(c) || c == '_');
  if (plain) return std::string(name);
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out += '`';  // a backtick inside is doubled
    out += c;
  }
  return out + "`";
}

namespace {

std::string map_literal(const ValueMap& map) {
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : map) {
    if (!first) out += ", ";
    first = false;
    out += quote_cypher_name(k);
    out += ": ";
    out += v.to_literal();
  }
  return out + "}";
}

std::string node_literal(const NodeValue& n) {
  if (!n.data) return "(#" + std::to_string(n.id) + ")";
  std::string out = "(";
  for (const auto& l : n.data->labels) out += ":" + quote_cypher_name(l);
  if (n.data->properties && !n.data->properties->empty()) {
    if (out.size() > 1) out += " ";
    out += map_literal(*n.data->properties);
  }
  return out + ")";
}

std::string rel_literal(const RelValue& r) {
  if (!r.data) return "[#" + std::to_string(r.id) + "]";
  std::string out = "[";
  for (const auto& t : r.data->labels) out += ":" + quote_cypher_name(t);
  if (r.data->properties && !r.data->properties->empty()) out += " " + map_literal(*r.data->properties);
  return out + "]";
}

}  // namespace

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
    case Type::kMap: return map_literal(as_map());
    case Type::kNode: return node_literal(as_node());
    case Type::kRelationship: return rel_literal(as_relationship());
    case Type::kPath: {
      const PathValue& p = as_path();
      std::string out = "<";
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        out += node_literal(p.nodes[i]);
        if (i < p.rels.size()) {
          const RelValue& r = p.rels[i];
          // A relationship that ends where this step starts points backwards.
          bool backwards = r.data && r.data->end == p.nodes[i].id && r.data->start != p.nodes[i].id;
          out += backwards ? "<-" + rel_literal(r) + "-" : "-" + rel_literal(r) + "->";
        }
      }
      return out + ">";
    }
  }
  return "null";
}

std::vector<std::string> string_elements(const Value& v) {
  std::vector<std::string> out;
  if (v.is_string()) out.push_back(v.as_string());
  else if (v.is_list())
    for (const Value& e : v.as_list())
      if (e.is_string()) out.push_back(e.as_string());
  return out;
}

}  // namespace mlkg

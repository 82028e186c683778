// Writers for the PG format, PG-JSON and PG-JSONL (see pg_format.hpp).
//
// The PG writer decides quoting by the reading rules of grammar/pg.hpp; where
// a rule depends on what follows, it quotes whenever the unquoted form could
// read differently in some position, so that every written line reads back to
// the same statement. Strings are assumed to be UTF-8: an invalid byte is
// written as U+FFFD, in quoted PG strings and in JSON alike, so the output
// always reads back.

#include "engine/pg/pg_format.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "engine/common/utf8.hpp"

namespace mlkg::pg {
namespace {

using Json = nlohmann::json;

// ASCII characters allowed in an unquoted identifier: U+0021-U+007E except
// " < > \ ^ ` { | }. (The spec also allows DEL; it is quoted here so that
// output stays printable.)
bool is_unquoted_ascii(unsigned char c) {
  switch (c) {
    case '"': case '<': case '>': case '\\': case '^': case '`': case '{': case '|': case '}': return false;
    default: return c > 0x20 && c < 0x7F;
  }
}

// Length of the valid UTF-8 sequence of a non-ASCII character at the start of
// s, or 0 (overlong forms and surrogates are invalid).
size_t utf8_length(std::string_view s) {
  char32_t code_point;
  return utf8::sequence_length(s, &code_point);
}

// True if `s` reads back as itself when written unquoted as a node id, edge
// id, label or key: UnquotedStart UnquotedChar*, valid UTF-8, and not
// starting with U+FEFF, which at the start of a document the readers take
// for a byte order mark and drop.
bool is_plain_identifier(std::string_view s) {
  if (s.empty() || s.substr(0, 3) == "\xEF\xBB\xBF") return false;
  switch (s[0]) {
    case ':': case ',': case '-': case '#': case '\'': return false;
    default: break;
  }
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (!is_unquoted_ascii(c)) return false;
      ++i;
    } else {
      const size_t n = utf8_length(s.substr(i));
      if (n == 0) return false;
      i += n;
    }
  }
  return true;
}

size_t digits(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
  return j - i;
}

// Length of the prefix of s that the grammar's `number` rule takes (it is
// greedy and each optional part is all or nothing), 0 if none.
size_t number_prefix(std::string_view s) {
  size_t i = (!s.empty() && s[0] == '-') ? 1 : 0;
  if (i >= s.size() || s[i] < '0' || s[i] > '9') return 0;
  i += s[i] == '0' ? 1 : digits(s, i);
  if (i < s.size() && s[i] == '.' && digits(s, i + 1) > 0) i += 1 + digits(s, i + 1);
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    if (digits(s, j) > 0) i = j + digits(s, j);
  }
  return i;
}

// True if `s` unquoted would read as a number or boolean: the grammar takes
// one when a value end ('#', space, ',' or line end) follows it.
bool reads_as_number_or_boolean(std::string_view s) {
  size_t n = number_prefix(s);
  if (n == 0 && s.substr(0, 4) == "true") n = 4;
  if (n == 0 && s.substr(0, 5) == "false") n = 5;
  return n > 0 && (n == s.size() || s[n] == '#');
}

// True if the string value `s` reads back as itself unquoted. Besides the
// identifier rules: no ',' (it separates values), not a number or boolean,
// and no ':' at the end, which would let `k:v: next` read as key "k:v"
// (grammar rule key_with_colons).
bool is_plain_value(std::string_view s) {
  return is_plain_identifier(s) && s.find(',') == std::string_view::npos && s.back() != ':' &&
         !reads_as_number_or_boolean(s);
}

void append_quoted(std::string* out, std::string_view s) {
  *out += '"';
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t n = utf8_length(s.substr(i));
      if (n == 0) {
        *out += utf8::kReplacement;
        ++i;
      } else {
        out->append(s.substr(i, n));
        i += n;
      }
      continue;
    }
    ++i;
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\b': *out += "\\b"; break;
      case '\f': *out += "\\f"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          *out += buf;
        } else {
          *out += static_cast<char>(c);
        }
    }
  }
  *out += '"';
}

void append_string_value(std::string* out, std::string_view s) {
  if (is_plain_value(s)) {
    out->append(s);
  } else {
    append_quoted(out, s);
  }
}

void append_labels_and_properties(std::string* out, const std::vector<std::string>& labels,
                                  const std::vector<PgProperty>& properties) {
  for (const std::string& label : labels) {
    *out += " :";
    append_pg_identifier(out, label);
  }
  for (const PgProperty& property : properties) {
    if (property.values.empty()) continue;  // `key:` alone is not PG; nothing to write
    *out += ' ';
    append_pg_identifier(out, property.key);
    *out += ':';
    // An unquoted key with a ':' inside is only read to its last ':' when
    // whitespace follows (grammar rule key_with_colons).
    if (property.key.find(':') != std::string::npos && is_plain_identifier(property.key)) *out += ' ';
    for (size_t i = 0; i < property.values.size(); ++i) {
      if (i > 0) *out += ',';
      append_pg_value(out, property.values[i]);
    }
  }
}

// A Value as a PG-JSON scalar; what JSON cannot hold as a scalar (null,
// non-finite floats, lists, maps) becomes a string, as in the PG writer.
Json value_to_json(const Value& v) {
  switch (v.type()) {
    case Value::Type::kBool: return v.as_bool();
    case Value::Type::kInt: return v.as_int();
    case Value::Type::kFloat:
      if (std::isfinite(v.as_float())) return v.as_float();
      return format_float(v.as_float());
    case Value::Type::kString: return v.as_string();
    default: return v.to_literal();
  }
}

// Repeated keys are merged: their value lists are concatenated in order.
Json properties_to_json(const std::vector<PgProperty>& properties) {
  Json out = Json::object();
  for (const PgProperty& property : properties) {
    if (property.values.empty()) continue;
    Json& values = out[property.key];
    if (values.is_null()) values = Json::array();
    for (const Value& v : property.values) values.push_back(value_to_json(v));
  }
  return out;
}

void append_json_line(std::string* out, Json j, const char* type) {
  j["type"] = type;
  *out += j.dump(-1, ' ', false, Json::error_handler_t::replace);
  *out += '\n';
}

}  // namespace

void append_pg_identifier(std::string* out, std::string_view id) {
  if (is_plain_identifier(id)) {
    out->append(id);
  } else {
    append_quoted(out, id);
  }
}

void append_pg_value(std::string* out, const Value& value) {
  switch (value.type()) {
    case Value::Type::kBool: *out += value.as_bool() ? "true" : "false"; return;
    case Value::Type::kInt: {
      char buf[24];
      const auto res = std::to_chars(buf, buf + sizeof buf, value.as_int());
      out->append(buf, res.ptr);
      return;
    }
    case Value::Type::kFloat:
      if (std::isfinite(value.as_float())) {
        *out += format_float(value.as_float());
      } else {
        append_quoted(out, format_float(value.as_float()));
      }
      return;
    case Value::Type::kString: append_string_value(out, value.as_string()); return;
    default: append_quoted(out, value.to_literal()); return;
  }
}

void append_pg_node(std::string* out, const PgNode& node) {
  append_pg_identifier(out, node.id);
  append_labels_and_properties(out, node.labels, node.properties);
  *out += '\n';
}

void append_pg_edge(std::string* out, const PgEdge& edge) {
  if (edge.id) {
    append_pg_identifier(out, *edge.id);
    *out += ": ";
  }
  append_pg_identifier(out, edge.from);
  *out += edge.directed ? " -> " : " -- ";
  append_pg_identifier(out, edge.to);
  append_labels_and_properties(out, edge.labels, edge.properties);
  *out += '\n';
}

nlohmann::json pg_node_to_json(const PgNode& node) {
  return Json{{"id", node.id}, {"labels", node.labels}, {"properties", properties_to_json(node.properties)}};
}

nlohmann::json pg_edge_to_json(const PgEdge& edge) {
  Json out{{"from", edge.from},
           {"to", edge.to},
           {"labels", edge.labels},
           {"properties", properties_to_json(edge.properties)}};
  if (edge.id) out["id"] = *edge.id;
  if (!edge.directed) out["undirected"] = true;
  return out;
}

void append_pg_jsonl_node(std::string* out, const PgNode& node) {
  append_json_line(out, pg_node_to_json(node), "node");
}

void append_pg_jsonl_edge(std::string* out, const PgEdge& edge) {
  append_json_line(out, pg_edge_to_json(edge), "edge");
}

}  // namespace mlkg::pg

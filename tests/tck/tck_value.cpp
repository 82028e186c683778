#include "tests/tck/tck_value.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <vector>

// Key grammar (every key is self-delimiting, so a sequence of keys is
// unambiguous):
//   N null   X NaN   T / F booleans   I<decimal>; integers   D<%.17g>; floats
//   S<bytes>:<text> strings   L[<keys>] lists   M{<bytes>:<name><key>...} maps
//   V<count>(<bytes>:<label>...)<map> nodes   R<bytes>:<type><map> relationships
//   P<node>(> | <)<rel><node>...; paths (> when the relationship points along the path)

namespace mlkg::tck {
namespace {

void add_text(std::string* out, std::string_view s) {
  *out += std::to_string(s.size());
  *out += ':';
  *out += s;
}

std::string float_key(double d) {
  if (std::isnan(d)) return "X";
  if (d == 0) return "D0;";  // -0.0 equals 0.0
  if (std::isinf(d)) return d > 0 ? "Dinf;" : "D-inf;";
  char buf[40];
  std::snprintf(buf, sizeof buf, "D%.17g;", d);
  return buf;
}

std::string list_key(std::vector<std::string> items, bool unordered) {
  if (unordered) std::sort(items.begin(), items.end());
  std::string out = "L[";
  for (const auto& item : items) out += item;
  return out + "]";
}

// `entries` sorted by name.
std::string map_key(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out = "M{";
  for (const auto& [name, key] : entries) {
    add_text(&out, name);
    out += key;
  }
  return out + "}";
}

std::string node_key(const std::set<std::string>& labels, const std::string& properties) {
  std::string out = "V" + std::to_string(labels.size()) + "(";
  for (const auto& l : labels) add_text(&out, l);
  return out + ")" + properties;
}

std::string rel_key(std::string_view type, const std::string& properties) {
  std::string out = "R";
  add_text(&out, type);
  return out + properties;
}

bool is_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The TCK's notation, read as the reference runner (shared/tck/run.py) reads it.
class Parser {
 public:
  Parser(std::string_view text, bool unordered) : s_(text), unordered_(unordered) {}

  std::string parse() {
    std::string v = value();
    ws();
    if (i_ != s_.size()) fail("trailing characters");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& why) {
    throw ValueParseError(why + " at offset " + std::to_string(i_) + " in '" + std::string(s_) + "'");
  }
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\f'))
      ++i_;
  }
  char peek() {
    ws();
    return i_ < s_.size() ? s_[i_] : '\0';
  }
  bool at(std::string_view tok) const { return s_.substr(i_, tok.size()) == tok; }
  void expect(std::string_view tok) {
    ws();
    if (!at(tok)) fail("expected '" + std::string(tok) + "'");
    i_ += tok.size();
  }
  bool word_ends(size_t j) const { return j >= s_.size() || !is_name_char(s_[j]); }
  bool keyword(std::string_view word) {
    if (at(word) && word_ends(i_ + word.size())) {
      i_ += word.size();
      return true;
    }
    return false;
  }

  std::string value() {
    const char c = peek();
    if (c == '(') return node();
    if (c == '[') {
      size_t j = i_ + 1;
      while (j < s_.size() && (s_[j] == ' ' || s_[j] == '\t')) ++j;
      return j < s_.size() && s_[j] == ':' ? rel() : list();
    }
    if (c == '<') return path();
    if (c == '{') return map();
    if (c == '\'') {
      std::string out = "S";
      add_text(&out, string());
      return out;
    }
    if (keyword("true")) return "T";
    if (keyword("false")) return "F";
    if (keyword("null")) return "N";
    if (keyword("NaN") || keyword("-NaN")) return "X";
    if (keyword("Infinity") || keyword("Inf")) return float_key(HUGE_VAL);
    if (keyword("-Infinity") || keyword("-Inf")) return float_key(-HUGE_VAL);
    return number();
  }

  // -?( d+.d+[exp] | .d+[exp] | d+exp | d+ ), the first alternative that
  // matches, then the end of a word.
  std::string number() {
    size_t j = i_;
    if (j < s_.size() && s_[j] == '-') ++j;
    auto digits = [&](size_t k) {
      size_t e = k;
      while (e < s_.size() && is_digit(s_[e])) ++e;
      return e;
    };
    auto exponent = [&](size_t k) {  // the end of [eE][-+]?d+ at k, or k
      if (k >= s_.size() || (s_[k] != 'e' && s_[k] != 'E')) return k;
      size_t e = k + 1;
      if (e < s_.size() && (s_[e] == '-' || s_[e] == '+')) ++e;
      const size_t d = digits(e);
      return d > e ? d : k;
    };
    const size_t int_end = digits(j);
    size_t end = std::string_view::npos;
    bool is_float = true;
    if (int_end > j && int_end < s_.size() && s_[int_end] == '.' && digits(int_end + 1) > int_end + 1) {
      end = exponent(digits(int_end + 1));
    } else if (int_end == j && j < s_.size() && s_[j] == '.' && digits(j + 1) > j + 1) {
      end = exponent(digits(j + 1));
    } else if (int_end > j && exponent(int_end) > int_end) {
      end = exponent(int_end);
    } else if (int_end > j) {
      end = int_end;
      is_float = false;
    }
    if (end == std::string_view::npos || !word_ends(end)) fail("unexpected input");
    const std::string text(s_.substr(i_, end - i_));
    i_ = end;
    if (is_float) return float_key(std::strtod(text.c_str(), nullptr));
    // Any size: the digits without leading zeros, and no "-0".
    const bool negative = text[0] == '-';
    std::string digits_only = text.substr(negative ? 1 : 0);
    digits_only.erase(0, std::min(digits_only.find_first_not_of('0'), digits_only.size() - 1));
    return "I" + std::string(negative && digits_only != "0" ? "-" : "") + digits_only + ";";
  }

  std::string name() {
    ws();
    if (i_ < s_.size() && s_[i_] == '`') {
      const size_t close = s_.find('`', i_ + 1);
      if (close == std::string_view::npos) fail("unterminated backtick name");
      std::string n(s_.substr(i_ + 1, close - i_ - 1));
      i_ = close + 1;
      return n;
    }
    const size_t start = i_;
    while (i_ < s_.size() && is_name_char(s_[i_])) ++i_;
    if (i_ == start) fail("expected a name");
    return std::string(s_.substr(start, i_ - start));
  }

  std::string node() {
    expect("(");
    std::set<std::string> labels;
    while (peek() == ':') {
      ++i_;
      labels.insert(name());
    }
    std::string props = peek() == '{' ? map() : map_key({});
    expect(")");
    return node_key(labels, props);
  }

  std::string rel() {
    expect("[");
    expect(":");
    const std::string type = name();
    std::string props = peek() == '{' ? map() : map_key({});
    expect("]");
    return rel_key(type, props);
  }

  std::string path() {
    expect("<");
    std::string out = "P" + node();
    for (;;) {
      const char c = peek();
      if (c == '>') {
        ++i_;
        break;
      }
      if (at("<-")) {
        i_ += 2;
        std::string r = rel();
        expect("-");
        out += "<" + r + node();
      } else if (c == '-') {
        ++i_;
        std::string r = rel();
        expect("->");
        out += ">" + r + node();
      } else {
        fail("bad path link");
      }
    }
    return out + ";";
  }

  std::string list() {
    expect("[");
    std::vector<std::string> items;
    if (peek() == ']') {
      ++i_;
      return list_key(items, unordered_);
    }
    for (;;) {
      items.push_back(value());
      const char c = peek();
      ++i_;
      if (c == ']') return list_key(std::move(items), unordered_);
      if (c != ',') {
        --i_;
        fail("expected ',' or ']'");
      }
    }
  }

  std::string map() {
    expect("{");
    std::vector<std::pair<std::string, std::string>> entries;
    if (peek() == '}') {
      ++i_;
      return map_key(entries);
    }
    for (;;) {
      std::string k = name();
      expect(":");
      for (const auto& e : entries)
        if (e.first == k) fail("duplicate map key '" + k + "'");
      entries.emplace_back(std::move(k), value());
      const char c = peek();
      ++i_;
      if (c == '}') break;
      if (c != ',') {
        --i_;
        fail("expected ',' or '}'");
      }
    }
    std::sort(entries.begin(), entries.end());
    return map_key(entries);
  }

  // '...' with \' and \\ as the only escapes.
  std::string string() {
    expect("'");
    std::string out;
    for (;;) {
      if (i_ >= s_.size()) fail("unterminated string");
      const char c = s_[i_];
      if (c == '\'') {
        ++i_;
        return out;
      }
      if (c == '\\' && i_ + 1 < s_.size() && (s_[i_ + 1] == '\'' || s_[i_ + 1] == '\\')) {
        out += s_[i_ + 1];
        i_ += 2;
        continue;
      }
      out += c;
      ++i_;
    }
  }

  std::string_view s_;
  size_t i_ = 0;
  bool unordered_;
};

std::string properties_key(const std::shared_ptr<const ValueMap>& properties, bool unordered);

std::string entity_node_key(const NodeValue& n, bool unordered) {
  std::set<std::string> labels;
  if (n.data) labels.insert(n.data->labels.begin(), n.data->labels.end());
  return node_key(labels, properties_key(n.data ? n.data->properties : nullptr, unordered));
}

std::string entity_rel_key(const RelValue& r, bool unordered) {
  const bool typed = r.data && !r.data->labels.empty();
  return rel_key(typed ? r.data->labels.front() : "", properties_key(r.data ? r.data->properties : nullptr, unordered));
}

std::string value_key(const Value& v, bool unordered) {
  switch (v.type()) {
    case Value::Type::kNull: return "N";
    case Value::Type::kBool: return v.as_bool() ? "T" : "F";
    case Value::Type::kInt: return "I" + std::to_string(v.as_int()) + ";";
    case Value::Type::kFloat: return float_key(v.as_float());
    case Value::Type::kString: {
      std::string out = "S";
      add_text(&out, v.as_string());
      return out;
    }
    case Value::Type::kList: {
      std::vector<std::string> items;
      for (const Value& item : v.as_list()) items.push_back(value_key(item, unordered));
      return list_key(std::move(items), unordered);
    }
    case Value::Type::kMap: {
      std::vector<std::pair<std::string, std::string>> entries;
      for (const auto& [k, item] : v.as_map()) entries.emplace_back(k, value_key(item, unordered));
      return map_key(entries);
    }
    case Value::Type::kNode: return entity_node_key(v.as_node(), unordered);
    case Value::Type::kRelationship: return entity_rel_key(v.as_relationship(), unordered);
    case Value::Type::kPath: {
      const PathValue& p = v.as_path();
      if (p.nodes.size() != p.rels.size() + 1) throw std::runtime_error("a path without a node between relationships");
      std::string out = "P" + entity_node_key(p.nodes[0], unordered);
      for (size_t k = 0; k < p.rels.size(); ++k) {
        const RelValue& r = p.rels[k];
        const uint64_t a = p.nodes[k].id, b = p.nodes[k + 1].id;
        const uint64_t start = r.data ? r.data->start : 0, end = r.data ? r.data->end : 0;
        if (start == a && end == b) {
          out += ">";
        } else if (start == b && end == a) {
          out += "<";
        } else {
          throw std::runtime_error("path relationship " + std::to_string(r.id) + " does not connect nodes " +
                                   std::to_string(a) + " and " + std::to_string(b));
        }
        out += entity_rel_key(r, unordered) + entity_node_key(p.nodes[k + 1], unordered);
      }
      return out + ";";
    }
  }
  return "N";
}

std::string properties_key(const std::shared_ptr<const ValueMap>& properties, bool unordered) {
  std::vector<std::pair<std::string, std::string>> entries;
  if (properties)
    for (const auto& [k, item] : *properties) entries.emplace_back(k, value_key(item, unordered));
  return map_key(entries);
}

}  // namespace

std::string expected_key(std::string_view cell, bool unordered_lists) { return Parser(cell, unordered_lists).parse(); }

std::string actual_key(const Value& value, bool unordered_lists) { return value_key(value, unordered_lists); }

}  // namespace mlkg::tck

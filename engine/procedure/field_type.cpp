#include "engine/procedure/field_type.hpp"

#include <cctype>

namespace mlkg::procedure {

namespace {

using Kind = FieldType::Kind;

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::kAny: return "ANY";
    case Kind::kBoolean: return "BOOLEAN";
    case Kind::kInteger: return "INTEGER";
    case Kind::kFloat: return "FLOAT";
    case Kind::kNumber: return "NUMBER";
    case Kind::kString: return "STRING";
    case Kind::kMap: return "MAP";
    case Kind::kList: return "LIST";
    case Kind::kNode: return "NODE";
    case Kind::kRelationship: return "RELATIONSHIP";
    case Kind::kPath: return "PATH";
  }
  return "ANY";
}

// Whether a non-null `v` is of kind `k` (a list of kind kList: any list).
bool of_kind(Kind k, const Value& v) {
  switch (k) {
    case Kind::kAny: return true;
    case Kind::kBoolean: return v.is_bool();
    case Kind::kInteger: return v.is_int();
    case Kind::kFloat: return v.is_float();
    case Kind::kNumber: return v.is_number();
    case Kind::kString: return v.is_string();
    case Kind::kMap: return v.is_map();
    case Kind::kList: return v.is_list();
    case Kind::kNode: return v.is_node();
    case Kind::kRelationship: return v.is_relationship();
    case Kind::kPath: return v.is_path();
  }
  return false;
}

std::optional<Kind> kind_of(std::string_view name) {
  for (Kind k : {Kind::kAny, Kind::kBoolean, Kind::kInteger, Kind::kFloat, Kind::kNumber, Kind::kString, Kind::kMap,
                 Kind::kList, Kind::kNode, Kind::kRelationship, Kind::kPath})
    if (name == kind_name(k)) return k;
  return std::nullopt;
}

std::string upper_trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<FieldType> FieldType::parse(std::string_view text) {
  std::string t = upper_trimmed(text);
  FieldType out;
  if (!t.empty() && t.back() == '?') {
    out.nullable = true;
    t.pop_back();
  }
  if (t.rfind("LIST<", 0) == 0 && t.size() > 6 && t.back() == '>') {
    std::optional<Kind> element = kind_of(t.substr(5, t.size() - 6));
    if (!element || *element == Kind::kList) return std::nullopt;
    out.kind = Kind::kList;
    out.element = *element;
    return out;
  }
  std::optional<Kind> k = kind_of(t);
  if (!k) return std::nullopt;
  out.kind = *k;
  return out;
}

Value FieldType::coerce(Value v) const {
  if (kind == Kind::kFloat && v.is_int()) return Value(static_cast<double>(v.as_int()));
  return v;
}

std::string FieldType::name() const {
  std::string out = kind_name(kind);
  if (kind == Kind::kList) out += std::string("<") + kind_name(element) + ">";
  if (nullable) out += "?";
  return out;
}

bool FieldType::accepts(const Value& v) const {
  if (v.is_null()) return nullable || kind == Kind::kAny;
  if (kind == Kind::kFloat && v.is_int()) return true;
  if (!of_kind(kind, v)) return false;
  if (kind != Kind::kList || element == Kind::kAny) return true;
  for (const Value& e : v.as_list())
    if (!e.is_null() && !of_kind(element, e)) return false;
  return true;
}

}  // namespace mlkg::procedure

#include "engine/procedure/field_type.hpp"

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

}  // namespace

std::string FieldType::name() const {
  std::string out = kind_name(kind);
  if (kind == Kind::kList) out += std::string("<") + kind_name(element) + ">";
  if (nullable) out += "?";
  return out;
}

bool FieldType::accepts(const Value& v) const {
  if (v.is_null()) return nullable || kind == Kind::kAny;
  if (!of_kind(kind, v)) return false;
  if (kind != Kind::kList || element == Kind::kAny) return true;
  for (const Value& e : v.as_list())
    if (!e.is_null() && !of_kind(element, e)) return false;
  return true;
}

}  // namespace mlkg::procedure

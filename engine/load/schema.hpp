#pragma once
// Schema: the node labels and relationship types a graph may hold, with
// their properties, as declared in a schema file (data/schema.pg documents
// the notation), and the checks the importer applies with it.
//
// The notation is PG itself, so the schema file is read by the same parser:
//   label:<Name> :NodeLabel [description:"..."] prop.<key>:<TYPE>[!] ...
//       [values.<key>:a,b,c]
//   type:<NAME> :RelationshipType from:<Label>,... to:<Label>,... prop.<key>:<TYPE>[!] ...
// TYPE is STRING, INTEGER, FLOAT, NUMBER, BOOLEAN or LIST<one of those>; a
// trailing `!` marks a required property.
//
// With a schema, an import checks every node (it has a label, every label
// is declared, every property is declared by one of its labels with a value
// of its type, every required property is there, values are among those
// allowed) and every relationship (its type is declared, its end nodes carry
// allowed labels, its properties are declared and typed, the required ones
// are there). A value is coerced where the type says: a single value of a
// LIST property becomes a one-element list, an integer of a FLOAT property a
// float.

#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.hpp"
#include "engine/pg/pg_model.hpp"
#include "engine/value/value.hpp"

namespace mlkg::load {

struct PropertyType {
  enum class Base { kString, kInteger, kFloat, kNumber, kBoolean };
  Base base = Base::kString;
  bool list = false;
  std::string name() const;  // "STRING", "LIST<INTEGER>"
};

struct PropertyRule {
  std::string key;
  PropertyType type;
  bool required = false;
  std::vector<std::string> allowed;  // empty: any value of the type
};

struct LabelRule {
  std::string name;
  std::string description;
  std::vector<PropertyRule> properties;
};

struct TypeRule {
  std::string name;
  std::string description;
  std::vector<std::string> from;  // labels the start node may have (empty: any)
  std::vector<std::string> to;
  std::vector<PropertyRule> properties;
};

class Schema {
 public:
  // Reads a schema document. Errors: InvalidArgument "<source>:<line>:<col>: ...".
  static Status parse(std::string_view text, const std::string& source_name, Schema* out);

  const LabelRule* label(std::string_view name) const;
  const TypeRule* type(std::string_view name) const;
  const std::vector<LabelRule>& labels() const { return labels_; }
  const std::vector<TypeRule>& types() const { return types_; }
  bool empty() const { return labels_.empty() && types_.empty(); }

  // The rule for `key` among the rules of `labels` (the first that declares
  // it), or null.
  const PropertyRule* node_property(const std::vector<std::string>& labels, std::string_view key) const;

  // Checks `values` against `rule` and returns the value to store (coerced
  // as the type says). On a mismatch returns false and says why in *error.
  static bool conform(const PropertyRule& rule, const std::vector<Value>& values, Value* out, std::string* error);

  // A self-contained JSON form, stored with a database so that it can be
  // queried later (db.schema.nodeTypeProperties()).
  std::string to_json() const;
  static Status from_json(std::string_view json, Schema* out);

 private:
  std::vector<LabelRule> labels_;
  std::vector<TypeRule> types_;
};

}  // namespace mlkg::load

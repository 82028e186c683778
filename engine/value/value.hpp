#pragma once
// Value: one openCypher value as the engine stores and passes it around.
//
// The whole openCypher value model: null, boolean, 64-bit integer, double,
// UTF-8 string, list, map, node, relationship and path. Storage accepts
// null-free scalars and lists of scalars as property values (see
// storage::is_storable); the rest exist in queries, parameters and results.
//
// Graph entities are references: a node or relationship value is its id,
// plus, once a result is materialised for output, a shared snapshot of its
// labels (or type) and properties (EntityData). During execution the query
// engine reads entities through its transaction; equality and hashing of
// entities use the id alone.
//
// operator== is structural identity (1 and 1.0 differ, NaN equals NaN): it
// answers "is this the same value", not openCypher's `=` (see
// engine/query/function/value_ops.hpp for the openCypher comparisons).

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mlkg {

class Value;
using ValueList = std::vector<Value>;
using ValueMap = std::map<std::string, Value, std::less<>>;

// What a materialised entity looked like when its result was produced.
struct EntityData {
  std::vector<std::string> labels;  // a node's labels, or a relationship's one type
  uint64_t start = 0;               // relationships: the start and end node ids
  uint64_t end = 0;
  std::shared_ptr<const ValueMap> properties;
};

struct NodeValue {
  uint64_t id = 0;
  std::shared_ptr<const EntityData> data;  // null until materialised
};

struct RelValue {
  uint64_t id = 0;
  std::shared_ptr<const EntityData> data;  // null until materialised
};

// A path: nodes[0], rels[0], nodes[1], ..., rels[n-1], nodes[n]. A relationship
// may point either way along the path (its data says which once materialised).
struct PathValue {
  std::vector<NodeValue> nodes;
  std::vector<RelValue> rels;
};

class Value {
 public:
  // Never renumber: the order is openCypher's orderability order for the
  // storable types and is embedded in index keys on disk.
  enum class Type : uint8_t {
    kNull = 0, kBool = 1, kInt = 2, kFloat = 3, kString = 4, kList = 5, kMap = 6,
    kNode = 7, kRelationship = 8, kPath = 9,
  };

  Value() = default;
  Value(bool b) : v_(b) {}
  Value(int i) : v_(static_cast<int64_t>(i)) {}
  Value(int64_t i) : v_(i) {}
  Value(double d) : v_(d) {}
  Value(const char* s) : v_(std::string(s)) {}
  Value(std::string s) : v_(std::move(s)) {}
  Value(std::string_view s) : v_(std::string(s)) {}
  Value(ValueList l) : v_(std::move(l)) {}
  Value(ValueMap m) : v_(std::move(m)) {}
  Value(NodeValue n) : v_(std::move(n)) {}
  Value(RelValue r) : v_(std::move(r)) {}
  Value(PathValue p) : v_(std::make_shared<const PathValue>(std::move(p))) {}

  Type type() const { return static_cast<Type>(v_.index()); }
  bool is_null() const { return type() == Type::kNull; }
  bool is_bool() const { return type() == Type::kBool; }
  bool is_int() const { return type() == Type::kInt; }
  bool is_float() const { return type() == Type::kFloat; }
  bool is_number() const { return is_int() || is_float(); }
  bool is_string() const { return type() == Type::kString; }
  bool is_list() const { return type() == Type::kList; }
  bool is_map() const { return type() == Type::kMap; }
  bool is_node() const { return type() == Type::kNode; }
  bool is_relationship() const { return type() == Type::kRelationship; }
  bool is_path() const { return type() == Type::kPath; }

  // Accessors require the matching type (checked by std::get).
  bool as_bool() const { return std::get<bool>(v_); }
  int64_t as_int() const { return std::get<int64_t>(v_); }
  double as_float() const { return std::get<double>(v_); }
  const std::string& as_string() const { return std::get<std::string>(v_); }
  const ValueList& as_list() const { return std::get<ValueList>(v_); }
  ValueList& as_list() { return std::get<ValueList>(v_); }
  const ValueMap& as_map() const { return std::get<ValueMap>(v_); }
  ValueMap& as_map() { return std::get<ValueMap>(v_); }
  const NodeValue& as_node() const { return std::get<NodeValue>(v_); }
  NodeValue& as_node() { return std::get<NodeValue>(v_); }
  const RelValue& as_relationship() const { return std::get<RelValue>(v_); }
  RelValue& as_relationship() { return std::get<RelValue>(v_); }
  const PathValue& as_path() const { return *std::get<std::shared_ptr<const PathValue>>(v_); }

  bool operator==(const Value& other) const;
  bool operator!=(const Value& other) const { return !(*this == other); }

  // The value in openCypher literal syntax: null, true, 42, 1.5, 'text',
  // [1, 2], {a: 1}. Floats always carry a '.' or an exponent. Entities are
  // written as the TCK writes them: (:L {k: v}), [:T {k: v}], <(...)-[...]->(...)>,
  // from their materialised data (an unmaterialised one shows only its id).
  std::string to_literal() const;

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string, ValueList, ValueMap, NodeValue, RelValue,
               std::shared_ptr<const PathValue>>
      v_;
};

const char* type_name(Value::Type type);

// Formats a double so that it reads back to the same value and always shows
// it is a float ("1.0", "1e+100", "NaN", "Infinity", "-Infinity").
std::string format_float(double d);

// Quotes `s` as an openCypher string literal with single quotes and escapes.
std::string quote_cypher_string(std::string_view s);

// `name` as written in openCypher: as is when it is a plain identifier,
// else in backticks (`my key`).
std::string quote_cypher_name(std::string_view name);

// The text a property holds: a string itself, or the strings of a list (its
// other elements skipped), as for `aliases`; nothing for any other value.
std::vector<std::string> string_elements(const Value& v);

}  // namespace mlkg

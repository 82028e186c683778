#pragma once
// Value: one openCypher value as the engine stores and passes it around.
//
// This header holds the storable part of the openCypher value model: null,
// boolean, 64-bit integer, double, UTF-8 string, list and map. Graph entities
// (node, relationship, path) are added by the query engine on top.
// Storage accepts null-free scalars and lists of scalars as property values
// (see storage::is_storable); maps exist for parameters and query results.
//
// operator== is structural identity (1 and 1.0 differ, NaN equals NaN): it
// answers "is this the same stored value", not openCypher's `=`.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mlkg {

class Value;
using ValueList = std::vector<Value>;
using ValueMap = std::map<std::string, Value, std::less<>>;

class Value {
 public:
  // Never renumber: the order is openCypher's orderability order for the
  // storable types and is embedded in index keys on disk.
  enum class Type : uint8_t { kNull = 0, kBool = 1, kInt = 2, kFloat = 3, kString = 4, kList = 5, kMap = 6 };

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

  Type type() const { return static_cast<Type>(v_.index()); }
  bool is_null() const { return type() == Type::kNull; }
  bool is_bool() const { return type() == Type::kBool; }
  bool is_int() const { return type() == Type::kInt; }
  bool is_float() const { return type() == Type::kFloat; }
  bool is_number() const { return is_int() || is_float(); }
  bool is_string() const { return type() == Type::kString; }
  bool is_list() const { return type() == Type::kList; }
  bool is_map() const { return type() == Type::kMap; }

  // Accessors require the matching type (checked by std::get).
  bool as_bool() const { return std::get<bool>(v_); }
  int64_t as_int() const { return std::get<int64_t>(v_); }
  double as_float() const { return std::get<double>(v_); }
  const std::string& as_string() const { return std::get<std::string>(v_); }
  const ValueList& as_list() const { return std::get<ValueList>(v_); }
  ValueList& as_list() { return std::get<ValueList>(v_); }
  const ValueMap& as_map() const { return std::get<ValueMap>(v_); }
  ValueMap& as_map() { return std::get<ValueMap>(v_); }

  bool operator==(const Value& other) const;
  bool operator!=(const Value& other) const { return !(*this == other); }

  // The value in openCypher literal syntax: null, true, 42, 1.5, 'text',
  // [1, 2], {a: 1}. Floats always carry a '.' or an exponent.
  std::string to_literal() const;

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string, ValueList, ValueMap> v_;
};

const char* type_name(Value::Type type);

// Formats a double so that it reads back to the same value and always shows
// it is a float ("1.0", "1e+100", "NaN", "Infinity", "-Infinity").
std::string format_float(double d);

// Quotes `s` as an openCypher string literal with single quotes and escapes.
std::string quote_cypher_string(std::string_view s);

}  // namespace mlkg

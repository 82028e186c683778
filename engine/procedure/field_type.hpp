#pragma once
// FieldType: the Cypher type of a procedure's argument or YIELD column, as
// a value rather than a string, so that signatures can be checked and shown
// alike everywhere ("LIST<STRING>?" in dbms.procedures() and the shell).

#include <optional>
#include <string>
#include <string_view>

#include "engine/value/value.hpp"

namespace mlkg::procedure {

struct FieldType {
  enum class Kind { kAny, kBoolean, kInteger, kFloat, kNumber, kString, kMap, kList, kNode, kRelationship, kPath };

  Kind kind = Kind::kAny;
  Kind element = Kind::kAny;  // the elements' kind, for kList
  bool nullable = false;      // null is a value of the type ("STRING?")

  static constexpr FieldType of(Kind k) { return FieldType{k, Kind::kAny, false}; }
  static constexpr FieldType list_of(Kind element) { return FieldType{Kind::kList, element, false}; }
  constexpr FieldType or_null() const { return FieldType{kind, element, true}; }

  // "STRING", "LIST<NODE>", "MAP?", "ANY".
  std::string name() const;
  // The type that name() spells ("LIST<STRING>?", in any case); nullopt for
  // any other text.
  static std::optional<FieldType> parse(std::string_view text);
  // Whether `v` may be passed where this type is declared: a value of the
  // type (any value is of ANY; null only of a nullable type or ANY), or an
  // integer for a FLOAT (coerce() converts it).
  bool accepts(const Value& v) const;
  // `v` as an argument of this type: an integer given for a FLOAT becomes
  // a float (as Neo4j coerces it); anything else as it is.
  Value coerce(Value v) const;

  bool operator==(const FieldType&) const = default;
};

// The usual types, for signatures that read like Neo4j's.
namespace types {
inline constexpr FieldType kAny = FieldType::of(FieldType::Kind::kAny);
inline constexpr FieldType kBoolean = FieldType::of(FieldType::Kind::kBoolean);
inline constexpr FieldType kInteger = FieldType::of(FieldType::Kind::kInteger);
inline constexpr FieldType kFloat = FieldType::of(FieldType::Kind::kFloat);
inline constexpr FieldType kNumber = FieldType::of(FieldType::Kind::kNumber);
inline constexpr FieldType kString = FieldType::of(FieldType::Kind::kString);
inline constexpr FieldType kMap = FieldType::of(FieldType::Kind::kMap);
inline constexpr FieldType kNode = FieldType::of(FieldType::Kind::kNode);
inline constexpr FieldType kRelationship = FieldType::of(FieldType::Kind::kRelationship);
inline constexpr FieldType kPath = FieldType::of(FieldType::Kind::kPath);
inline constexpr FieldType kListOfAny = FieldType::list_of(FieldType::Kind::kAny);
inline constexpr FieldType kListOfString = FieldType::list_of(FieldType::Kind::kString);
inline constexpr FieldType kListOfNode = FieldType::list_of(FieldType::Kind::kNode);
inline constexpr FieldType kListOfRelationship = FieldType::list_of(FieldType::Kind::kRelationship);
}  // namespace types

}  // namespace mlkg::procedure

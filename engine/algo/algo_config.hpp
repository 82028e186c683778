#pragma once
// AlgoConfig: the config map of one algo.* procedure call, checked against
// the keys that procedure takes, and read with types, ranges and defaults.
//
// Errors (QueryError, each message starting with the procedure's name):
//  - a config that is neither a map nor null: TypeError InvalidArgumentType;
//  - a key the procedure does not take: ArgumentError InvalidArgumentValue,
//    naming the key, with "did you mean" when a key it takes is close, and
//    listing the keys it takes;
//  - a value of the wrong type: TypeError InvalidArgumentType, naming the
//    key, what it expects and what it got;
//  - a value out of range or not one of the allowed words: ArgumentError
//    InvalidArgumentValue, naming the key and what is allowed.
// A key given as null counts as not given (its default applies).
//
// Aliases: the spellings of Neo4j GDS and of mlkg's first design notes are
// accepted for three keys and read as the canonical one: relTypes
// (relationshipTypes), maxDepth (k), maxIterations (iterations). Giving a
// key and its alias together is an error.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/algo/graph_projection.hpp"
#include "engine/value/value.hpp"

namespace mlkg::algo {

class AlgoConfig {
 public:
  // Checks `config` against `accepted` (canonical key names). Throws as
  // described above.
  AlgoConfig(std::string procedure, const Value& config, std::initializer_list<std::string_view> accepted);

  const std::string& procedure() const { return procedure_; }

  // An integer in [min, max]; floats are refused (k: 1.5 is no hop count).
  int64_t integer(std::string_view key, int64_t fallback, int64_t min, int64_t max) const;
  // A number (integer or float) in [min, max]; `max_exclusive` excludes max.
  double number(std::string_view key, double fallback, double min, double max, bool max_exclusive = false) const;
  bool boolean(std::string_view key, bool fallback) const;
  // A string; empty when not given.
  std::string string(std::string_view key) const;
  // A string or a list of strings; empty when not given.
  std::vector<std::string> strings(std::string_view key) const;
  // The `direction` key: 'OUTGOING' (or 'OUT'), 'INCOMING' (or 'IN') or
  // 'BOTH', any case; as the orientation of the projection to walk.
  Orientation direction(Orientation fallback) const;

 private:
  const Value* find(std::string_view key) const;  // null when absent or null
  [[noreturn]] void type_error(std::string_view key, const char* expected, const Value& got) const;
  [[noreturn]] void value_error(std::string_view key, const std::string& expected, const Value& got) const;

  std::string procedure_;
  ValueMap values_;  // canonical key -> value (non-null)
};

// "STRING 'abc'", "INTEGER 3", "LIST [1, 2]": a value as error messages
// show what they got.
std::string describe_value(const Value& v);

}  // namespace mlkg::algo

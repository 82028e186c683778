#pragma once
// Values as the TCK compares them.
//
// The TCK writes expected values in its own notation: Cypher literals plus
// nodes "(:L {k: v})", relationships "[:T {k: v}]" and paths
// "<(:A)-[:T]->(:B)<-[:U]-(:C)>", and NaN, Inf and -Inf. Both an expected
// cell and a value mlkg returned become a *comparison key*, a string that is
// equal exactly when the TCK calls the values equal:
//  - node and relationship identity is ignored (a node is its labels, as a
//    set, and its properties; a relationship its type and properties);
//  - 1 and 1.0 differ; -0.0 equals 0.0; every NaN equals every NaN;
//  - map keys are unordered;
//  - with `unordered_lists`, the elements of every list, at any depth, are
//    compared as a multiset ("ignoring element order for lists").

#include <stdexcept>
#include <string>
#include <string_view>

#include "engine/value/value.hpp"

namespace mlkg::tck {

class ValueParseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The key of one expected cell. Throws ValueParseError when the cell is not
// in the TCK's notation.
std::string expected_key(std::string_view cell, bool unordered_lists = false);

// The key of a value mlkg returned. Entities must be materialised (as
// query results are).
std::string actual_key(const Value& value, bool unordered_lists = false);

}  // namespace mlkg::tck

#pragma once
// The openCypher semantics of operators on values: comparison (equality,
// comparability, orderability, equivalence), three-valued logic,
// arithmetic, string and list predicates, indexing and slicing.
//
// The openCypher TCK (shared/tck/features/expressions) is the arbiter; the
// rules, in short:
//  - Equality `=` is ternary: null if either side is null (or, inside lists
//    and maps, if the answer depends on a null); integers and floats compare
//    by numeric value; NaN is not equal to anything; values of different
//    kinds are not equal; entities are equal when their ids are.
//  - Comparability `<` etc.: numbers with numbers, strings with strings,
//    booleans with booleans (false < true), lists with lists
//    (lexicographically); anything else, and anything involving null or
//    NaN where the order is undefined, gives null.
//  - Orderability (ORDER BY, min, max): a total order over all values:
//    MAP < NODE < RELATIONSHIP < LIST < PATH < STRING < BOOLEAN < NUMBER < NULL,
//    numbers by value with NaN above every number, lists element by element.
//  - Equivalence (DISTINCT, grouping keys): like equality, but null is
//    equivalent to null and NaN to NaN, and the answer is always a boolean.
//    equivalence_hash is consistent with it (1 and 1.0 hash alike).
//
// Errors are thrown as QueryError with the TCK's class and code (e.g.
// TypeError: InvalidArgumentType for `1 + true`, ArgumentError or
// SyntaxError codes as the TCK expects for integer overflow).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "engine/query/function/graph_accessor.hpp"
#include "engine/common/query_error.hpp"
#include "engine/value/value.hpp"

namespace mlkg::query {

// ---- comparison
Value equals(const Value& a, const Value& b);        // true / false / null
Value not_equals(const Value& a, const Value& b);    // NOT equals
Value less_than(const Value& a, const Value& b);     // true / false / null
Value less_equal(const Value& a, const Value& b);
Value greater_than(const Value& a, const Value& b);
Value greater_equal(const Value& a, const Value& b);
// <0, 0 or >0 in the orderability order (ascending; null last).
int order_compare(const Value& a, const Value& b);
bool equivalent(const Value& a, const Value& b);
size_t equivalence_hash(const Value& v);

// ---- boolean logic (operands must be booleans or null, else TypeError)
Value logical_and(const Value& a, const Value& b);
Value logical_or(const Value& a, const Value& b);
Value logical_xor(const Value& a, const Value& b);
Value logical_not(const Value& a);

// ---- arithmetic (+ also concatenates strings and lists)
Value add(const Value& a, const Value& b);
Value subtract(const Value& a, const Value& b);
Value multiply(const Value& a, const Value& b);
Value divide(const Value& a, const Value& b);
Value modulo(const Value& a, const Value& b);
Value power(const Value& a, const Value& b);
Value negate(const Value& a);

// ---- string and list predicates (null when an operand is null or of the
// wrong type, as the TCK expects)
Value starts_with(const Value& a, const Value& b);
Value ends_with(const Value& a, const Value& b);
Value contains(const Value& a, const Value& b);
Value regex_match(const Value& a, const Value& b);  // whole-string match, Java-like regex syntax
Value in_list(const Value& element, const Value& list);  // ternary, as IN

// ---- access
// list[index] (negative counts from the end; out of range is null),
// map[key], node[key], rel[key]. Null container or index gives null.
Value subscript(const Value& container, const Value& index, GraphAccessor* graph);
// list[from..to] with either bound null meaning open.
// (A null pointer is an omitted bound, open; a bound whose value is null
// makes the whole slice null, as the TCK's List2 [9] expects.)
Value slice(const Value& list, const Value* from, const Value* to);
// container.key for maps, nodes and relationships (null map gives null).
Value property(const Value& container, std::string_view key, GraphAccessor* graph);

// ---- messages
// A value as error messages show it: its type and its literal, the literal
// cut to 40 characters ("INTEGER 42", "STRING 'abc'", "LIST [1, 2, 3, ...").
std::string describe_value(const Value& v);

}  // namespace mlkg::query

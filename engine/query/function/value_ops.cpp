#include "engine/query/function/value_ops.hpp"

#include <cmath>
#include <cstring>
#include <functional>
#include <string>

#include "engine/query/function/entity_access.hpp"
#include "engine/query/function/regex.hpp"

// Decisions the TCK leaves open, taken as Neo4j 5 takes them:
//  - Integer overflow in + - * / and unary - raises
//    ArgumentError: IntegerOverflow; integer division or modulo by zero
//    raises ArgumentError: NumberOutOfRange. Floats follow IEEE 754
//    (1 / 0.0 is Infinity, 1 % 0.0 is NaN); % is a truncating remainder.
//  - A null operand makes any arithmetic null, also next to a list
//    ([1] + null is null).
//  - + joins a string with a number or boolean ('a' + 1 is 'a1'); floats
//    are written as format_float writes them.
//  - Strings compare and order by code point (byte order of UTF-8).
//  - Operators given operands of the wrong type raise
//    TypeError: InvalidArgumentType.

namespace mlkg::query {

namespace {

// ------------------------------------------------------------------ errors

[[noreturn]] void type_error(std::string message) {
  throw QueryError(ErrorClass::kType, ErrorCode::kInvalidArgumentType, std::move(message));
}

[[noreturn]] void operands_error(const char* op, const Value& a, const Value& b) {
  type_error(std::string("cannot apply ") + op + " to " + describe_value(a) + " and " + describe_value(b));
}

[[noreturn]] void overflow_error(const char* op) {
  throw QueryError(ErrorClass::kArgument, ErrorCode::kIntegerOverflow,
                   std::string("integer overflow in ") + op + " (integers are 64-bit)");
}

[[noreturn]] void division_by_zero(const char* op) {
  throw QueryError(ErrorClass::kArgument, ErrorCode::kNumberOutOfRange,
                   std::string("integer ") + op + " by zero");
}

// ------------------------------------------------------------------ numbers

bool is_nan(const Value& v) { return v.is_float() && std::isnan(v.as_float()); }

double to_double(const Value& v) { return v.is_int() ? static_cast<double>(v.as_int()) : v.as_float(); }

int sign_of(double d) { return d < 0 ? -1 : (d > 0 ? 1 : 0); }

// Three-way comparison of an integer and a double that is not NaN, exact even
// where converting the integer to a double would round.
int compare_int_float(int64_t i, double d) {
  constexpr double kTwo63 = 9223372036854775808.0;
  if (d >= kTwo63) return -1;
  if (d < -kTwo63) return 1;
  const double whole = std::trunc(d);  // |whole| < 2^63: converts exactly
  const int64_t w = static_cast<int64_t>(whole);
  if (i != w) return i < w ? -1 : 1;
  return -sign_of(d - whole);
}

// Three-way comparison of two numbers, neither NaN.
int compare_numbers(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) return a.as_int() < b.as_int() ? -1 : (a.as_int() > b.as_int() ? 1 : 0);
  if (a.is_int()) return compare_int_float(a.as_int(), b.as_float());
  if (b.is_int()) return -compare_int_float(b.as_int(), a.as_float());
  const double x = a.as_float(), y = b.as_float();
  return x < y ? -1 : (x > y ? 1 : 0);
}

// ------------------------------------------------------------------ three-valued comparison

enum class Tri : uint8_t { kFalse, kTrue, kNull };

Tri tri(bool b) { return b ? Tri::kTrue : Tri::kFalse; }

Value to_value(Tri t) { return t == Tri::kNull ? Value() : Value(t == Tri::kTrue); }

bool same_path(const PathValue& a, const PathValue& b) {
  if (a.nodes.size() != b.nodes.size() || a.rels.size() != b.rels.size()) return false;
  for (size_t i = 0; i < a.nodes.size(); ++i)
    if (a.nodes[i].id != b.nodes[i].id) return false;
  for (size_t i = 0; i < a.rels.size(); ++i)
    if (a.rels[i].id != b.rels[i].id) return false;
  return true;
}

// openCypher `=`: false as soon as some part differs, else null if some part
// involved a null, else true.
Tri equal3(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) return tri(a.as_int() == b.as_int());
  if (a.is_null() || b.is_null()) return Tri::kNull;
  if (a.is_number() && b.is_number()) return tri(!is_nan(a) && !is_nan(b) && compare_numbers(a, b) == 0);
  if (a.type() != b.type()) return Tri::kFalse;
  switch (a.type()) {
    case Value::Type::kBool: return tri(a.as_bool() == b.as_bool());
    case Value::Type::kString: return tri(a.as_string() == b.as_string());
    case Value::Type::kList: {
      const ValueList& x = a.as_list();
      const ValueList& y = b.as_list();
      if (x.size() != y.size()) return Tri::kFalse;
      bool saw_null = false;
      for (size_t i = 0; i < x.size(); ++i) {
        Tri t = equal3(x[i], y[i]);
        if (t == Tri::kFalse) return Tri::kFalse;
        saw_null = saw_null || t == Tri::kNull;
      }
      return saw_null ? Tri::kNull : Tri::kTrue;
    }
    case Value::Type::kMap: {
      const ValueMap& x = a.as_map();
      const ValueMap& y = b.as_map();
      if (x.size() != y.size()) return Tri::kFalse;
      bool saw_null = false;
      for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j) {
        if (i->first != j->first) return Tri::kFalse;
        Tri t = equal3(i->second, j->second);
        if (t == Tri::kFalse) return Tri::kFalse;
        saw_null = saw_null || t == Tri::kNull;
      }
      return saw_null ? Tri::kNull : Tri::kTrue;
    }
    case Value::Type::kNode: return tri(a.as_node().id == b.as_node().id);
    case Value::Type::kRelationship: return tri(a.as_relationship().id == b.as_relationship().id);
    case Value::Type::kPath: return tri(same_path(a.as_path(), b.as_path()));
    default: return Tri::kFalse;
  }
}

// The outcome of `<` and friends: an order, "unordered" (NaN: every
// comparison is false) or "incomparable" (every comparison is null).
enum class Cmp : uint8_t { kLess, kEqual, kGreater, kUnordered, kIncomparable };

Cmp cmp_of(int c) { return c < 0 ? Cmp::kLess : (c > 0 ? Cmp::kGreater : Cmp::kEqual); }

Cmp compare3(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) return cmp_of(a.as_int() < b.as_int() ? -1 : (a.as_int() > b.as_int() ? 1 : 0));
  if (a.is_null() || b.is_null()) return Cmp::kIncomparable;
  if (a.is_number() && b.is_number()) {
    if (is_nan(a) || is_nan(b)) return Cmp::kUnordered;
    return cmp_of(compare_numbers(a, b));
  }
  if (a.type() != b.type()) return Cmp::kIncomparable;
  switch (a.type()) {
    case Value::Type::kBool: return cmp_of(static_cast<int>(a.as_bool()) - static_cast<int>(b.as_bool()));
    case Value::Type::kString: return cmp_of(a.as_string().compare(b.as_string()));
    case Value::Type::kList: {  // lexicographic; a proper prefix comes first
      const ValueList& x = a.as_list();
      const ValueList& y = b.as_list();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        Cmp c = compare3(x[i], y[i]);
        if (c != Cmp::kEqual) return c;
      }
      return cmp_of(x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0));
    }
    default: return Cmp::kIncomparable;  // maps, nodes, relationships, paths
  }
}

// ------------------------------------------------------------------ orderability

// Ascending rank of each kind of value in ORDER BY.
int order_rank(Value::Type type) {
  switch (type) {
    case Value::Type::kMap: return 0;
    case Value::Type::kNode: return 1;
    case Value::Type::kRelationship: return 2;
    case Value::Type::kList: return 3;
    case Value::Type::kPath: return 4;
    case Value::Type::kString: return 5;
    case Value::Type::kBool: return 6;
    case Value::Type::kInt:
    case Value::Type::kFloat: return 7;
    case Value::Type::kNull: return 8;
  }
  return 8;
}

template <class T>
int three_way(T a, T b) {
  return a < b ? -1 : (a > b ? 1 : 0);
}

int order_paths(const PathValue& a, const PathValue& b) {
  // Node, relationship, node, ...: element by element, then the shorter first.
  for (size_t i = 0; i < a.nodes.size() && i < b.nodes.size(); ++i) {
    if (int c = three_way(a.nodes[i].id, b.nodes[i].id)) return c;
    if (i < a.rels.size() && i < b.rels.size()) {
      if (int c = three_way(a.rels[i].id, b.rels[i].id)) return c;
    }
  }
  return three_way(a.rels.size(), b.rels.size());
}

// ------------------------------------------------------------------ hashing

size_t mix(size_t h, size_t v) {
  // splitmix64's finaliser over the combination: cheap, and spreads small ints.
  uint64_t x = h ^ (v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2));
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return static_cast<size_t>(x ^ (x >> 31));
}

enum HashTag : size_t { kNullTag = 1, kBoolTag, kNumberTag, kNaNTag, kStringTag, kListTag, kMapTag, kNodeTag, kRelTag, kPathTag };

size_t hash_double_bits(double d) {
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  return mix(kNumberTag, bits);
}

// ------------------------------------------------------------------ boolean logic

Tri boolean_operand(const Value& v, const char* op) {
  if (v.is_null()) return Tri::kNull;
  if (!v.is_bool()) type_error(std::string(op) + " expects boolean operands, got " + describe_value(v));
  return tri(v.as_bool());
}

// ------------------------------------------------------------------ arithmetic

// Whether + joins `v` to a string (as its text).
bool joins_strings(const Value& v) { return v.is_number() || v.is_bool(); }

// A string, number or boolean as + writes it into a string.
std::string text_of(const Value& v) {
  if (v.is_string()) return v.as_string();
  if (v.is_int()) return std::to_string(v.as_int());
  if (v.is_float()) return format_float(v.as_float());
  return v.as_bool() ? "true" : "false";
}

// ------------------------------------------------------------------ access

[[noreturn]] void key_type_error(const Value& container, const Value& key) {
  type_error(std::string("a ") + type_name(container.type()) + " is indexed by a STRING key, not by " + describe_value(key));
}

// Normalises a possibly negative list position to [0, size].
size_t clamp_position(int64_t i, size_t size) {
  const auto n = static_cast<int64_t>(size);
  if (i < 0) return i < -n ? 0 : static_cast<size_t>(n + i);
  return i > n ? size : static_cast<size_t>(i);
}

}  // namespace

// ================================================================== messages

std::string describe_value(const Value& v) {
  std::string literal = v.to_literal();
  if (literal.size() > 40) literal = literal.substr(0, 37) + "...";
  return std::string(type_name(v.type())) + " " + literal;
}

// ================================================================== comparison

Value equals(const Value& a, const Value& b) { return to_value(equal3(a, b)); }

Value not_equals(const Value& a, const Value& b) {
  Tri t = equal3(a, b);
  return t == Tri::kNull ? Value() : Value(t == Tri::kFalse);
}

Value less_than(const Value& a, const Value& b) {
  Cmp c = compare3(a, b);
  return c == Cmp::kIncomparable ? Value() : Value(c == Cmp::kLess);
}

Value less_equal(const Value& a, const Value& b) {
  Cmp c = compare3(a, b);
  return c == Cmp::kIncomparable ? Value() : Value(c == Cmp::kLess || c == Cmp::kEqual);
}

Value greater_than(const Value& a, const Value& b) {
  Cmp c = compare3(a, b);
  return c == Cmp::kIncomparable ? Value() : Value(c == Cmp::kGreater);
}

Value greater_equal(const Value& a, const Value& b) {
  Cmp c = compare3(a, b);
  return c == Cmp::kIncomparable ? Value() : Value(c == Cmp::kGreater || c == Cmp::kEqual);
}

int order_compare(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) return compare_numbers(a, b);
  const int rank_a = order_rank(a.type()), rank_b = order_rank(b.type());
  if (rank_a != rank_b) return rank_a < rank_b ? -1 : 1;
  switch (a.type()) {
    case Value::Type::kNull: return 0;
    case Value::Type::kBool: return static_cast<int>(a.as_bool()) - static_cast<int>(b.as_bool());
    case Value::Type::kInt:
    case Value::Type::kFloat: {
      // NaN sorts above every other number (and equal to itself).
      const bool nan_a = is_nan(a), nan_b = is_nan(b);
      if (nan_a || nan_b) return static_cast<int>(nan_a) - static_cast<int>(nan_b);
      return compare_numbers(a, b);
    }
    case Value::Type::kString: {
      int c = a.as_string().compare(b.as_string());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Value::Type::kList: {
      const ValueList& x = a.as_list();
      const ValueList& y = b.as_list();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i)
        if (int c = order_compare(x[i], y[i])) return c;
      return three_way(x.size(), y.size());
    }
    case Value::Type::kMap: {
      // Entry by entry in key order (key, then value), then the smaller map first.
      const ValueMap& x = a.as_map();
      const ValueMap& y = b.as_map();
      for (auto i = x.begin(), j = y.begin(); i != x.end() && j != y.end(); ++i, ++j) {
        if (int c = i->first.compare(j->first)) return c < 0 ? -1 : 1;
        if (int c = order_compare(i->second, j->second)) return c;
      }
      return three_way(x.size(), y.size());
    }
    case Value::Type::kNode: return three_way(a.as_node().id, b.as_node().id);
    case Value::Type::kRelationship: return three_way(a.as_relationship().id, b.as_relationship().id);
    case Value::Type::kPath: return order_paths(a.as_path(), b.as_path());
  }
  return 0;
}

bool equivalent(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) return a.as_int() == b.as_int();
  if (a.is_number() && b.is_number()) {
    const bool nan_a = is_nan(a), nan_b = is_nan(b);
    if (nan_a || nan_b) return nan_a && nan_b;
    return compare_numbers(a, b) == 0;
  }
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case Value::Type::kNull: return true;
    case Value::Type::kList: {
      const ValueList& x = a.as_list();
      const ValueList& y = b.as_list();
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i)
        if (!equivalent(x[i], y[i])) return false;
      return true;
    }
    case Value::Type::kMap: {
      const ValueMap& x = a.as_map();
      const ValueMap& y = b.as_map();
      if (x.size() != y.size()) return false;
      for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j)
        if (i->first != j->first || !equivalent(i->second, j->second)) return false;
      return true;
    }
    default: return equal3(a, b) == Tri::kTrue;  // booleans, strings, entities: no nulls inside
  }
}

size_t equivalence_hash(const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull: return mix(kNullTag, 0);
    case Value::Type::kBool: return mix(kBoolTag, v.as_bool());
    case Value::Type::kInt: return mix(kNumberTag, static_cast<uint64_t>(v.as_int()));
    case Value::Type::kFloat: {
      // A float equal to an integer hashes as that integer (1.0 as 1).
      const double d = v.as_float();
      if (std::isnan(d)) return mix(kNaNTag, 0);
      if (d == std::trunc(d) && d >= -9223372036854775808.0 && d < 9223372036854775808.0)
        return mix(kNumberTag, static_cast<uint64_t>(static_cast<int64_t>(d)));
      return hash_double_bits(d);
    }
    case Value::Type::kString: return mix(kStringTag, std::hash<std::string_view>()(v.as_string()));
    case Value::Type::kList: {
      size_t h = mix(kListTag, v.as_list().size());
      for (const Value& item : v.as_list()) h = mix(h, equivalence_hash(item));
      return h;
    }
    case Value::Type::kMap: {
      size_t h = mix(kMapTag, v.as_map().size());
      for (const auto& [key, item] : v.as_map())
        h = mix(mix(h, std::hash<std::string_view>()(key)), equivalence_hash(item));
      return h;
    }
    case Value::Type::kNode: return mix(kNodeTag, v.as_node().id);
    case Value::Type::kRelationship: return mix(kRelTag, v.as_relationship().id);
    case Value::Type::kPath: {
      const PathValue& p = v.as_path();
      size_t h = mix(kPathTag, p.rels.size());
      for (const NodeValue& n : p.nodes) h = mix(h, n.id);
      for (const RelValue& r : p.rels) h = mix(h, r.id);
      return h;
    }
  }
  return 0;
}

// ================================================================== boolean logic

Value logical_and(const Value& a, const Value& b) {
  const Tri x = boolean_operand(a, "AND"), y = boolean_operand(b, "AND");
  if (x == Tri::kFalse || y == Tri::kFalse) return Value(false);
  if (x == Tri::kNull || y == Tri::kNull) return Value();
  return Value(true);
}

Value logical_or(const Value& a, const Value& b) {
  const Tri x = boolean_operand(a, "OR"), y = boolean_operand(b, "OR");
  if (x == Tri::kTrue || y == Tri::kTrue) return Value(true);
  if (x == Tri::kNull || y == Tri::kNull) return Value();
  return Value(false);
}

Value logical_xor(const Value& a, const Value& b) {
  const Tri x = boolean_operand(a, "XOR"), y = boolean_operand(b, "XOR");
  if (x == Tri::kNull || y == Tri::kNull) return Value();
  return Value(x != y);
}

Value logical_not(const Value& a) {
  const Tri x = boolean_operand(a, "NOT");
  return x == Tri::kNull ? Value() : Value(x == Tri::kFalse);
}

// ================================================================== arithmetic

Value add(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) {
    int64_t r;
    if (__builtin_add_overflow(a.as_int(), b.as_int(), &r)) overflow_error("+");
    return Value(r);
  }
  if (a.is_null() || b.is_null()) return Value();
  if (a.is_number() && b.is_number()) return Value(to_double(a) + to_double(b));
  if (a.is_list()) {
    ValueList out = a.as_list();
    if (b.is_list()) {
      out.insert(out.end(), b.as_list().begin(), b.as_list().end());
    } else {
      out.push_back(b);
    }
    return Value(std::move(out));
  }
  if (b.is_list()) {
    ValueList out;
    out.reserve(b.as_list().size() + 1);
    out.push_back(a);
    out.insert(out.end(), b.as_list().begin(), b.as_list().end());
    return Value(std::move(out));
  }
  if (a.is_string() && b.is_string()) return Value(a.as_string() + b.as_string());
  if ((a.is_string() && joins_strings(b)) || (joins_strings(a) && b.is_string())) return Value(text_of(a) + text_of(b));
  operands_error("+", a, b);
}

Value subtract(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) {
    int64_t r;
    if (__builtin_sub_overflow(a.as_int(), b.as_int(), &r)) overflow_error("-");
    return Value(r);
  }
  if (a.is_null() || b.is_null()) return Value();
  if (a.is_number() && b.is_number()) return Value(to_double(a) - to_double(b));
  operands_error("-", a, b);
}

Value multiply(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) {
    int64_t r;
    if (__builtin_mul_overflow(a.as_int(), b.as_int(), &r)) overflow_error("*");
    return Value(r);
  }
  if (a.is_null() || b.is_null()) return Value();
  if (a.is_number() && b.is_number()) return Value(to_double(a) * to_double(b));
  operands_error("*", a, b);
}

Value divide(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) {
    const int64_t x = a.as_int(), y = b.as_int();
    if (y == 0) division_by_zero("division");
    if (x == INT64_MIN && y == -1) overflow_error("/");
    return Value(x / y);
  }
  if (a.is_null() || b.is_null()) return Value();
  if (a.is_number() && b.is_number()) return Value(to_double(a) / to_double(b));
  operands_error("/", a, b);
}

Value modulo(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) {
    const int64_t x = a.as_int(), y = b.as_int();
    if (y == 0) division_by_zero("modulo");
    if (y == -1) return Value(int64_t{0});  // INT64_MIN % -1 would trap
    return Value(x % y);
  }
  if (a.is_null() || b.is_null()) return Value();
  if (a.is_number() && b.is_number()) return Value(std::fmod(to_double(a), to_double(b)));
  operands_error("%", a, b);
}

Value power(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  if (a.is_number() && b.is_number()) return Value(std::pow(to_double(a), to_double(b)));
  operands_error("^", a, b);
}

Value negate(const Value& a) {
  if (a.is_int()) {
    if (a.as_int() == INT64_MIN) overflow_error("unary -");
    return Value(-a.as_int());
  }
  if (a.is_float()) return Value(-a.as_float());
  if (a.is_null()) return Value();
  type_error("cannot negate " + describe_value(a));
}

// ================================================================== string and list predicates

Value starts_with(const Value& a, const Value& b) {
  if (!a.is_string() || !b.is_string()) return Value();
  return Value(a.as_string().starts_with(b.as_string()));
}

Value ends_with(const Value& a, const Value& b) {
  if (!a.is_string() || !b.is_string()) return Value();
  return Value(a.as_string().ends_with(b.as_string()));
}

Value contains(const Value& a, const Value& b) {
  if (!a.is_string() || !b.is_string()) return Value();
  return Value(a.as_string().find(b.as_string()) != std::string::npos);
}

Value regex_match(const Value& a, const Value& b) {
  if (!a.is_string() || !b.is_string()) return Value();
  return Value(cached_regex(b.as_string())->full_match(a.as_string()));
}

Value in_list(const Value& element, const Value& list) {
  if (list.is_null()) return Value();
  if (!list.is_list()) type_error("IN expects a list on its right, got " + describe_value(list));
  bool saw_null = false;
  for (const Value& item : list.as_list()) {
    Tri t = equal3(element, item);
    if (t == Tri::kTrue) return Value(true);
    saw_null = saw_null || t == Tri::kNull;
  }
  return saw_null ? Value() : Value(false);
}

// ================================================================== access

Value subscript(const Value& container, const Value& index, GraphAccessor* graph) {
  if (container.is_null() || index.is_null()) return Value();
  switch (container.type()) {
    case Value::Type::kList: {
      if (!index.is_int()) type_error("a list is indexed by an INTEGER, not by " + describe_value(index));
      const ValueList& list = container.as_list();
      const int64_t i = index.as_int();
      const auto n = static_cast<int64_t>(list.size());
      if (i >= n || i < -n) return Value();
      return list[static_cast<size_t>(i < 0 ? n + i : i)];
    }
    case Value::Type::kMap: {
      if (!index.is_string()) key_type_error(container, index);
      const ValueMap& map = container.as_map();
      auto it = map.find(index.as_string());
      return it == map.end() ? Value() : it->second;
    }
    case Value::Type::kNode:
      if (!index.is_string()) key_type_error(container, index);
      return node_property(container.as_node(), index.as_string(), graph);
    case Value::Type::kRelationship:
      if (!index.is_string()) key_type_error(container, index);
      return rel_property(container.as_relationship(), index.as_string(), graph);
    default: type_error("cannot index into " + describe_value(container));
  }
}

Value slice(const Value& list, const Value* from, const Value* to) {
  if (list.is_null() || (from && from->is_null()) || (to && to->is_null())) return Value();
  if (!list.is_list()) type_error("cannot slice " + describe_value(list));
  for (const Value* bound : {from, to}) {
    if (bound && !bound->is_int()) type_error("a list slice's bounds are INTEGERs, not " + describe_value(*bound));
  }
  const ValueList& items = list.as_list();
  const size_t begin = from ? clamp_position(from->as_int(), items.size()) : 0;
  const size_t end = to ? clamp_position(to->as_int(), items.size()) : items.size();
  if (begin >= end) return Value(ValueList{});
  return Value(ValueList(items.begin() + static_cast<std::ptrdiff_t>(begin),
                         items.begin() + static_cast<std::ptrdiff_t>(end)));
}

Value property(const Value& container, std::string_view key, GraphAccessor* graph) {
  switch (container.type()) {
    case Value::Type::kNull: return Value();
    case Value::Type::kMap: {
      const ValueMap& map = container.as_map();
      auto it = map.find(key);
      return it == map.end() ? Value() : it->second;
    }
    case Value::Type::kNode: return node_property(container.as_node(), key, graph);
    case Value::Type::kRelationship: return rel_property(container.as_relationship(), key, graph);
    default:
      type_error("cannot read property " + quote_cypher_name(key) + " of " + describe_value(container));
  }
}

}  // namespace mlkg::query

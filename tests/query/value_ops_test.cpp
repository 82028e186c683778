// Operators on values. Cases marked with a TCK scenario come from
// shared/tck/features (Feature file, scenario number).

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/query/function/value_ops.hpp"
#include "support/fake_graph.hpp"
#include "support/query_checks.hpp"

using namespace mlkg;
using namespace mlkg::query;
using mlkg::test::kNull;
using mlkg::test::list;
using mlkg::test::map;
using mlkg::test::require_error;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

Value path(std::vector<uint64_t> nodes, std::vector<uint64_t> rels) {
  PathValue p;
  for (uint64_t n : nodes) p.nodes.push_back(NodeValue{n, nullptr});
  for (uint64_t r : rels) p.rels.push_back(RelValue{r, nullptr});
  return Value(std::move(p));
}

Value node(uint64_t id) { return Value(NodeValue{id, nullptr}); }
Value rel(uint64_t id) { return Value(RelValue{id, nullptr}); }

constexpr ErrorClass kType = ErrorClass::kType;
constexpr ErrorClass kArgument = ErrorClass::kArgument;

}  // namespace

// ------------------------------------------------------------------ equality

TEST_CASE("value ops: equality of lists with nulls is null unless an element differs", "[expr]") {
  // Comparison1 [6]
  CHECK(equals(list({1, 2}), list({1})) == Value(false));
  CHECK(equals(list({kNull}), list({1})) == kNull);
  CHECK(equals(list({"a"}), list({1})) == Value(false));
  CHECK(equals(list({list({1})}), list({list({1}), list({kNull})})) == Value(false));
  CHECK(equals(list({list({1}), list({2})}), list({list({1}), list({kNull})})) == kNull);
  CHECK(equals(list({list({1}), list({2, 3})}), list({list({1}), list({kNull})})) == Value(false));
  // List3 [2], [6], [7]
  CHECK(equals(list({1}), list({1, kNull})) == Value(false));
  CHECK(equals(list({list({1, 2}), list({1, 3})}), list({list({1, 2}), list({kNull, "foo"})})) == Value(false));
  CHECK(equals(list({list({1, 2}), list({"foo", "bar"})}), list({list({1, 2}), list({kNull, "bar"})})) == kNull);
  CHECK(equals(list({1, list({2, "x"})}), list({1.0, list({2.0, "x"})})) == Value(true));
}

TEST_CASE("value ops: equality of maps needs the same keys, then compares values three-valued", "[expr]") {
  // Comparison1 [7]
  struct Case {
    Value lhs, rhs, result;
  };
  const Case cases[] = {
      {map({}), map({}), Value(true)},
      {map({{"k", true}}), map({{"k", true}}), Value(true)},
      {map({{"k", 1}}), map({{"k", 1}}), Value(true)},
      {map({{"k", 1.0}}), map({{"k", 1.0}}), Value(true)},
      {map({{"k", "abc"}}), map({{"k", "abc"}}), Value(true)},
      {map({{"k", "a"}, {"l", 2}}), map({{"k", "a"}, {"l", 2}}), Value(true)},
      {map({}), map({{"k", kNull}}), Value(false)},
      {map({{"k", kNull}}), map({}), Value(false)},
      {map({{"k", 1}}), map({{"k", 1}, {"l", kNull}}), Value(false)},
      {map({{"k", kNull}, {"l", 1}}), map({{"l", 1}}), Value(false)},
      {map({{"k", kNull}}), map({{"k", kNull}, {"l", kNull}}), Value(false)},
      {map({{"k", kNull}}), map({{"k", kNull}}), kNull},
      {map({{"k", 1}}), map({{"k", kNull}}), kNull},
      {map({{"k", 1}, {"l", kNull}}), map({{"k", kNull}, {"l", kNull}}), kNull},
      {map({{"k", 1}, {"l", kNull}}), map({{"k", kNull}, {"l", 1}}), kNull},
      {map({{"k", 1}, {"l", kNull}}), map({{"k", 1}, {"l", 1}}), kNull},
  };
  for (const Case& c : cases) {
    INFO(c.lhs.to_literal() << " = " << c.rhs.to_literal());
    CHECK(equals(c.lhs, c.rhs) == c.result);
  }
}

TEST_CASE("value ops: NaN equals nothing, not even itself, and differs from everything", "[expr]") {
  // Comparison1 [8]
  for (const Value& rhs : {Value(1), Value(1.0), Value(kNaN), Value("a")}) {
    CHECK(equals(Value(kNaN), rhs) == Value(false));
    CHECK(not_equals(Value(kNaN), rhs) == Value(true));
  }
}

TEST_CASE("value ops: integers and floats are equal by value, strings never equal numbers", "[expr]") {
  // Comparison1 [9]
  CHECK(equals(Value(1.0), Value(1.0)) == Value(true));
  CHECK(equals(Value(1), Value(1.0)) == Value(true));
  CHECK(equals(Value("1.0"), Value(1.0)) == Value(false));
  CHECK(equals(Value("1"), Value(1)) == Value(false));
  // Comparison1 [11], [13]: large integers compare exactly.
  CHECK(equals(Value(int64_t{4611686018427387905}), Value(int64_t{4611686018427387905})) == Value(true));
  CHECK(equals(Value(int64_t{4611686018427387905}), Value(int64_t{4611686018427387900})) == Value(false));
  // 2^53 + 1 has no double; it must not equal the double 2^53 it would round to.
  CHECK(equals(Value(int64_t{9007199254740993}), Value(9007199254740992.0)) == Value(false));
  CHECK(equals(Value(int64_t{9007199254740992}), Value(9007199254740992.0)) == Value(true));
  CHECK(equals(Value(std::numeric_limits<int64_t>::max()), Value(9223372036854775808.0)) == Value(false));
  CHECK(equals(Value(0.0), Value(-0.0)) == Value(true));
}

TEST_CASE("value ops: null is neither equal nor unequal to anything", "[expr]") {
  // Null3 [2], [3]; Comparison1 [16]
  CHECK(equals(kNull, kNull) == kNull);
  CHECK(not_equals(kNull, kNull) == kNull);
  CHECK(equals(Value(1), kNull) == kNull);
  CHECK(not_equals(kNull, Value("a")) == kNull);
}

TEST_CASE("value ops: entities are equal by id and kind, paths by their ids", "[expr]") {
  // Comparison1 [4], [5]
  CHECK(equals(node(1), node(1)) == Value(true));
  CHECK(equals(node(1), node(2)) == Value(false));
  CHECK(equals(rel(1), rel(1)) == Value(true));
  CHECK(equals(node(1), rel(1)) == Value(false));
  // Comparison1 [14]: a loop traversed either way is the same path.
  CHECK(equals(path({7, 7}, {3}), path({7, 7}, {3})) == Value(true));
  CHECK(equals(path({7, 8}, {3}), path({7, 8}, {4})) == Value(false));
  CHECK(equals(path({7}, {}), node(7)) == Value(false));
}

// ------------------------------------------------------------------ comparability

TEST_CASE("value ops: comparing across types yields null, except numbers", "[expr]") {
  // Comparison2 [3]
  const Value values[] = {node(1), rel(1), path({1, 2}, {1}), Value(""), Value(1), Value(3.14), Value(true),
                          kNull, list({}), map({})};
  for (size_t i = 0; i < std::size(values); ++i) {
    for (size_t j = 0; j < std::size(values); ++j) {
      if (i == j) continue;
      INFO(values[i].to_literal() << " vs " << values[j].to_literal());
      const bool numbers = values[i].is_number() && values[j].is_number();
      for (Value (*op)(const Value&, const Value&) : {less_than, less_equal, greater_than, greater_equal}) {
        Value r = op(values[i], values[j]);
        CHECK(r.is_null() == !numbers);
      }
    }
  }
  CHECK(less_than(Value(1), Value(3.14)) == Value(true));
  CHECK(greater_equal(Value(3.14), Value(1)) == Value(true));
}

TEST_CASE("value ops: lists compare lexicographically and null when an element decides nothing", "[expr]") {
  // Comparison2 [4]
  CHECK(greater_equal(list({1, 0}), list({1})) == Value(true));
  CHECK(greater_equal(list({1, kNull}), list({1})) == Value(true));
  CHECK(greater_equal(list({1, 2}), list({1, kNull})) == kNull);
  CHECK(greater_equal(list({1, "a"}), list({1, kNull})) == kNull);
  CHECK(greater_equal(list({1, 2}), list({3, kNull})) == Value(false));
  CHECK(less_than(list({}), list({kNull})) == Value(true));
}

TEST_CASE("value ops: NaN compares false with numbers and null with other types", "[expr]") {
  // Comparison2 [5]
  for (const Value& rhs : {Value(1), Value(1.0), Value(kNaN)}) {
    CHECK(greater_than(Value(kNaN), rhs) == Value(false));
    CHECK(greater_equal(Value(kNaN), rhs) == Value(false));
    CHECK(less_than(Value(kNaN), rhs) == Value(false));
    CHECK(less_equal(Value(kNaN), rhs) == Value(false));
  }
  CHECK(greater_than(Value(kNaN), Value("a")) == kNull);
  CHECK(less_equal(Value(kNaN), Value("a")) == kNull);
}

TEST_CASE("value ops: numbers compare by exact value, strings by code point, false below true", "[expr]") {
  // Comparison2 [6]
  CHECK(less_than(Value(1.0), Value(1.0)) == Value(false));
  CHECK(less_than(Value(1), Value(1.0)) == Value(false));
  CHECK(less_than(Value("1.0"), Value(1.0)) == kNull);
  CHECK(less_than(Value("1"), Value(1)) == kNull);
  CHECK(greater_than(Value(int64_t{9007199254740993}), Value(9007199254740992.0)) == Value(true));
  CHECK(less_than(Value(std::numeric_limits<int64_t>::max()), Value(kInf)) == Value(true));
  CHECK(greater_than(Value(std::numeric_limits<int64_t>::min()), Value(-kInf)) == Value(true));
  CHECK(less_than(Value(2), Value(2.5)) == Value(true));
  CHECK(less_than(Value(-3), Value(-2.5)) == Value(true));
  CHECK(less_than(Value("B"), Value("a")) == Value(true));
  CHECK(less_than(Value("z"), Value("\xc3\xa9")) == Value(true));  // 'z' < 'é'
  CHECK(less_than(Value("ab"), Value("abc")) == Value(true));
  CHECK(less_than(Value(false), Value(true)) == Value(true));
  CHECK(less_equal(Value(true), Value(true)) == Value(true));
  CHECK(less_than(node(1), node(2)) == kNull);
  CHECK(less_than(map({{"a", 1}}), map({{"a", 2}})) == kNull);
}

// ------------------------------------------------------------------ orderability

TEST_CASE("value ops: ORDER BY orders distinct types map, node, relationship, list, path, string, boolean, number, null",
          "[expr]") {
  // ReturnOrderBy1 [11], [12]
  std::vector<Value> values = {node(1), rel(1),       path({1, 2}, {1}), Value(1.5), list({"list"}),
                               Value("text"), kNull, Value(false),      Value(kNaN), map({{"a", "map"}})};
  std::sort(values.begin(), values.end(), [](const Value& a, const Value& b) { return order_compare(a, b) < 0; });
  const std::vector<Value::Type> expected = {Value::Type::kMap,    Value::Type::kNode,   Value::Type::kRelationship,
                                             Value::Type::kList,   Value::Type::kPath,   Value::Type::kString,
                                             Value::Type::kBool,   Value::Type::kFloat,  Value::Type::kFloat,
                                             Value::Type::kNull};
  REQUIRE(values.size() == expected.size());
  for (size_t i = 0; i < values.size(); ++i) CHECK(values[i].type() == expected[i]);
  CHECK(values[7] == Value(1.5));
  CHECK(std::isnan(values[8].as_float()));
}

TEST_CASE("value ops: ORDER BY orders lists element by element with shorter prefixes first", "[expr]") {
  // ReturnOrderBy1 [9]
  std::vector<Value> values = {list({}),     list({"a"}),     list({"a", 1}),  list({1}),
                               list({1, "a"}), list({1, kNull}), list({kNull, 1}), list({kNull, 2})};
  std::vector<Value> shuffled = {values[5], values[2], values[7], values[0], values[4], values[6], values[1], values[3]};
  std::sort(shuffled.begin(), shuffled.end(),
            [](const Value& a, const Value& b) { return order_compare(a, b) < 0; });
  CHECK(shuffled == values);
}

TEST_CASE("value ops: ORDER BY puts infinities around the numbers and NaN above them, below null", "[expr]") {
  std::vector<Value> values = {kNull, Value(kNaN), Value(kInf), Value(2), Value(1.5), Value(-kInf), Value(-7)};
  std::sort(values.begin(), values.end(), [](const Value& a, const Value& b) { return order_compare(a, b) < 0; });
  CHECK(values[0] == Value(-kInf));
  CHECK(values[1] == Value(-7));
  CHECK(values[2] == Value(1.5));
  CHECK(values[3] == Value(2));
  CHECK(values[4] == Value(kInf));
  CHECK(std::isnan(values[5].as_float()));
  CHECK(values[6].is_null());
  CHECK(order_compare(Value(1), Value(1.0)) == 0);
  CHECK(order_compare(Value(kNaN), Value(kNaN)) == 0);
}

TEST_CASE("value ops: orderability is a total order consistent with comparisons", "[expr]") {
  // WithOrderBy1 [45]: where < is defined, ORDER BY agrees with it.
  const std::vector<Value> values = {
      kNull,        Value(true),  Value(false), Value(0),          Value(-0.0),       Value(3),
      Value(2.5),   Value(kNaN),  Value(kInf),  Value(""),         Value("a"),        Value("ab"),
      list({}),     list({1}),    list({1, kNull}), list({kNull}), map({}),           map({{"a", 1}}),
      map({{"a", kNull}}), map({{"b", 0}}), node(1), node(2),      rel(1),            path({1}, {}),
      path({1, 2}, {1}), path({1, 2}, {2})};
  for (const Value& a : values) {
    CHECK(order_compare(a, a) == 0);
    for (const Value& b : values) {
      INFO(a.to_literal() << " vs " << b.to_literal());
      const int ab = order_compare(a, b), ba = order_compare(b, a);
      CHECK((ab > 0) - (ab < 0) == -((ba > 0) - (ba < 0)));
      Value lt = less_than(a, b);
      if (lt.is_bool() && lt.as_bool()) CHECK(ab < 0);
      Value gt = greater_than(a, b);
      if (gt.is_bool() && gt.as_bool()) CHECK(ab > 0);
      for (const Value& c : values) {
        if (ab <= 0 && order_compare(b, c) <= 0) CHECK(order_compare(a, c) <= 0);
      }
    }
  }
}

// ------------------------------------------------------------------ equivalence

TEST_CASE("value ops: equivalence groups 1 with 1.0, null with null and NaN with NaN, and hashes alike", "[expr]") {
  CHECK(equivalent(Value(1), Value(1.0)));
  CHECK(equivalence_hash(Value(1)) == equivalence_hash(Value(1.0)));
  CHECK(equivalent(Value(0.0), Value(-0.0)));
  CHECK(equivalence_hash(Value(0.0)) == equivalence_hash(Value(-0.0)));
  CHECK(equivalent(kNull, kNull));
  CHECK(equivalent(Value(kNaN), Value(kNaN)));
  CHECK(equivalence_hash(Value(kNaN)) == equivalence_hash(Value(-kNaN)));
  CHECK(equivalent(list({1, kNull}), list({1.0, kNull})));
  CHECK(equivalence_hash(list({1, kNull})) == equivalence_hash(list({1.0, kNull})));
  // Return5 [1], [3]: maps holding lists are grouped by content.
  Value a = map({{"name", list({list({"A", "B"}), list({"A", "B"})})}});
  Value b = map({{"name", list({list({"A", "B"}), list({"A", "B"})})}});
  CHECK(equivalent(a, b));
  CHECK(equivalence_hash(a) == equivalence_hash(b));

  CHECK_FALSE(equivalent(Value(1), Value("1")));
  CHECK_FALSE(equivalent(Value(1), Value(1.5)));
  CHECK_FALSE(equivalent(kNull, Value(false)));
  CHECK_FALSE(equivalent(list({1}), list({1, kNull})));
  CHECK_FALSE(equivalent(map({{"a", kNull}}), map({})));
  CHECK_FALSE(equivalent(node(1), rel(1)));
  CHECK_FALSE(equivalent(Value(int64_t{9007199254740993}), Value(9007199254740992.0)));
}

TEST_CASE("value ops: equivalent values always hash alike", "[expr]") {
  const std::vector<Value> values = {kNull,      Value(1),    Value(1.0),   Value(-0.0),        Value(0),
                                     Value(kNaN), Value(2.5), Value("1"),  Value(true),        list({1, 2}),
                                     list({1.0, 2.0}), list({}), map({{"a", 1}}), map({{"a", 1.0}}), node(1),
                                     rel(1),     path({1, 2}, {1}), path({1, 2}, {1}), Value(1e300),
                                     Value(-9223372036854775808.0), Value(std::numeric_limits<int64_t>::min())};
  for (const Value& a : values)
    for (const Value& b : values)
      if (equivalent(a, b)) CHECK(equivalence_hash(a) == equivalence_hash(b));
  CHECK(equivalent(Value(-9223372036854775808.0), Value(std::numeric_limits<int64_t>::min())));
  CHECK(equivalence_hash(Value(1)) != equivalence_hash(Value(2)));
  CHECK(equivalence_hash(list({1, 2})) != equivalence_hash(list({2, 1})));
}

// ------------------------------------------------------------------ boolean logic

TEST_CASE("value ops: AND, OR, XOR and NOT follow three-valued logic", "[expr]") {
  const Value t(true), f(false);
  // Boolean1 [1]
  CHECK(logical_and(t, t) == t);
  CHECK(logical_and(t, f) == f);
  CHECK(logical_and(t, kNull) == kNull);
  CHECK(logical_and(f, kNull) == f);
  CHECK(logical_and(kNull, f) == f);
  CHECK(logical_and(kNull, kNull) == kNull);
  // Boolean2 [1]
  CHECK(logical_or(t, kNull) == t);
  CHECK(logical_or(f, f) == f);
  CHECK(logical_or(f, kNull) == kNull);
  CHECK(logical_or(kNull, t) == t);
  CHECK(logical_or(kNull, kNull) == kNull);
  // Boolean3 [1]
  CHECK(logical_xor(t, t) == f);
  CHECK(logical_xor(t, f) == t);
  CHECK(logical_xor(f, f) == f);
  CHECK(logical_xor(t, kNull) == kNull);
  CHECK(logical_xor(kNull, f) == kNull);
  // Boolean4 [1]
  CHECK(logical_not(t) == f);
  CHECK(logical_not(f) == t);
  CHECK(logical_not(kNull) == kNull);
}

TEST_CASE("value ops: boolean operators reject non-boolean operands, even beside null", "[expr]") {
  // Boolean2 [8], Boolean3 [8], Boolean4 [4] (at runtime: TypeError)
  const std::pair<Value, Value> cases[] = {{Value(123), Value(true)},   {Value(123.4), Value(false)},
                                           {Value(123.4), kNull},       {Value("foo"), Value(true)},
                                           {list({}), Value(false)},    {list({kNull}), kNull},
                                           {map({}), Value(true)},      {Value(false), Value(123)},
                                           {kNull, Value("foo")},       {Value(true), list({false})}};
  for (const auto& [a, b] : cases) {
    INFO(a.to_literal() << ", " << b.to_literal());
    require_error([&] { logical_or(a, b); }, kType, ErrorCode::kInvalidArgumentType);
    require_error([&] { logical_xor(a, b); }, kType, ErrorCode::kInvalidArgumentType);
    require_error([&] { logical_and(a, b); }, kType, ErrorCode::kInvalidArgumentType);
  }
  for (const Value& v : {Value(0), Value(""), Value("true"), list({true}), map({{"bool", true}})})
    require_error([&] { logical_not(v); }, kType, ErrorCode::kInvalidArgumentType);
}

// ------------------------------------------------------------------ arithmetic

TEST_CASE("value ops: integer arithmetic stays integral and truncates like Java", "[expr]") {
  CHECK(add(Value(99), Value(5)) == Value(104));  // Mathematical2 [1]
  // Mathematical8 [2]: 12 / 4 * (3 - 2 * 4)
  CHECK(multiply(divide(Value(12), Value(4)), subtract(Value(3), multiply(Value(2), Value(4)))) == Value(-15));
  CHECK(divide(Value(7), Value(2)) == Value(3));
  CHECK(divide(Value(-7), Value(2)) == Value(-3));
  CHECK(modulo(Value(7), Value(3)) == Value(1));
  CHECK(modulo(Value(-7), Value(2)) == Value(-1));
  CHECK(modulo(Value(7), Value(-2)) == Value(1));
  CHECK(modulo(Value(std::numeric_limits<int64_t>::min()), Value(-1)) == Value(0));
  CHECK(negate(Value(5)) == Value(-5));
}

TEST_CASE("value ops: mixing in a float gives IEEE float arithmetic", "[expr]") {
  CHECK(add(Value(1), Value(0.5)) == Value(1.5));
  CHECK(subtract(Value(1.5), Value(2)) == Value(-0.5));
  CHECK(multiply(Value(2), Value(0.25)) == Value(0.5));
  CHECK(divide(Value(7), Value(2.0)) == Value(3.5));
  CHECK(modulo(Value(7.5), Value(2)) == Value(1.5));
  CHECK(modulo(Value(-7.5), Value(2)) == Value(-1.5));
  CHECK(divide(Value(1), Value(0.0)) == Value(kInf));
  CHECK(divide(Value(-1.0), Value(0)) == Value(-kInf));
  CHECK(std::isnan(divide(Value(0.0), Value(0.0)).as_float()));
  CHECK(std::isnan(modulo(Value(1), Value(0.0)).as_float()));
  CHECK(negate(Value(0.0)) == Value(-0.0));
}

TEST_CASE("value ops: ^ always gives a float", "[expr]") {
  // Precedence2 [2], [3], [4]
  CHECK(multiply(power(Value(4), Value(3)), power(Value(2), Value(3))) == Value(512.0));
  CHECK(divide(power(Value(4), Value(3)), power(Value(2), Value(3))) == Value(8.0));
  CHECK(modulo(power(Value(4), Value(3)), power(Value(2), Value(3))) == Value(0.0));
  CHECK(add(power(Value(4), Value(3)), power(Value(2), Value(3))) == Value(72.0));
  CHECK(power(negate(Value(3)), Value(2)) == Value(9.0));
  CHECK(negate(power(Value(3), Value(2))) == Value(-9.0));
  CHECK(power(Value(2), Value(-1)) == Value(0.5));
  CHECK(power(Value(2), Value(62)).is_float());
}

TEST_CASE("value ops: integer overflow is an error, never wraps", "[expr]") {
  const Value max(std::numeric_limits<int64_t>::max()), min(std::numeric_limits<int64_t>::min());
  require_error([&] { add(max, Value(1)); }, kArgument, ErrorCode::kIntegerOverflow);
  require_error([&] { subtract(min, Value(1)); }, kArgument, ErrorCode::kIntegerOverflow);
  require_error([&] { multiply(max, Value(2)); }, kArgument, ErrorCode::kIntegerOverflow);
  require_error([&] { multiply(min, Value(-1)); }, kArgument, ErrorCode::kIntegerOverflow);
  require_error([&] { divide(min, Value(-1)); }, kArgument, ErrorCode::kIntegerOverflow);
  require_error([&] { negate(min); }, kArgument, ErrorCode::kIntegerOverflow);
  CHECK(add(max, Value(-1)) == Value(std::numeric_limits<int64_t>::max() - 1));
  CHECK(add(max, Value(1.0)) == Value(9223372036854775808.0));
}

TEST_CASE("value ops: integer division and modulo by zero are errors", "[expr]") {
  require_error([] { divide(Value(1), Value(0)); }, kArgument, ErrorCode::kNumberOutOfRange);
  require_error([] { modulo(Value(1), Value(0)); }, kArgument, ErrorCode::kNumberOutOfRange);
}

TEST_CASE("value ops: arithmetic on null is null", "[expr]") {
  for (Value (*op)(const Value&, const Value&) : {add, subtract, multiply, divide, modulo, power}) {
    CHECK(op(kNull, Value(1)) == kNull);
    CHECK(op(Value(1.5), kNull) == kNull);
    CHECK(op(kNull, kNull) == kNull);
  }
  CHECK(add(list({1}), kNull) == kNull);
  CHECK(add(kNull, Value("a")) == kNull);
  CHECK(negate(kNull) == kNull);
}

TEST_CASE("value ops: + concatenates strings and lists, and appends or prepends elements", "[expr]") {
  CHECK(add(Value("ab"), Value("cd")) == Value("abcd"));
  CHECK(add(Value("n: "), Value(1)) == Value("n: 1"));
  CHECK(add(Value(1.5), Value(" m")) == Value("1.5 m"));
  CHECK(add(Value("is "), Value(true)) == Value("is true"));
  CHECK(add(list({1}), list({2, 3})) == list({1, 2, 3}));
  // Precedence3 [1], [4]
  CHECK(add(list({list({1}), list({2, 3}), list({4, 5})}), Value(10)) ==
        list({list({1}), list({2, 3}), list({4, 5}), 10}));
  CHECK(add(list({1}), Value(2)) == list({1, 2}));
  CHECK(add(Value(0), list({1})) == list({0, 1}));
  CHECK(add(list({list({1})}), list({list({2})})) == list({list({1}), list({2})}));
  CHECK(add(list({}), map({})) == list({map({})}));
  // List6 [3]
  CHECK(add(list({list({}), list({})}), list({list({})})).as_list().size() == 3);
}

TEST_CASE("value ops: arithmetic on unsupported types is a type error", "[expr]") {
  const std::pair<Value, Value> cases[] = {{Value(1), Value(true)},     {map({}), Value(1)},
                                           {Value("a"), map({})},       {node(1), Value(1)},
                                           {Value(true), Value(false)}, {map({}), map({})}};
  for (const auto& [a, b] : cases) {
    INFO(a.to_literal() << " + " << b.to_literal());
    require_error([&] { add(a, b); }, kType, ErrorCode::kInvalidArgumentType);
  }
  require_error([] { subtract(Value("a"), Value(1)); }, kType, ErrorCode::kInvalidArgumentType);
  require_error([] { multiply(list({1}), Value(2)); }, kType, ErrorCode::kInvalidArgumentType);
  require_error([] { divide(Value(1), Value("2")); }, kType, ErrorCode::kInvalidArgumentType);
  require_error([] { modulo(Value(true), Value(2)); }, kType, ErrorCode::kInvalidArgumentType);
  require_error([] { power(Value("2"), Value(2)); }, kType, ErrorCode::kInvalidArgumentType);
  require_error([] { negate(Value("a")); }, kType, ErrorCode::kInvalidArgumentType);
}

// ------------------------------------------------------------------ string and list predicates

TEST_CASE("value ops: STARTS WITH, ENDS WITH and CONTAINS match substrings, the empty one everywhere", "[expr]") {
  // String8 [3], String9 [1]-[3], String10 [1]-[5]
  CHECK(starts_with(Value("ABCDEF"), Value("AB")) == Value(true));
  CHECK(starts_with(Value("ab"), Value("AB")) == Value(false));
  CHECK(starts_with(Value(""), Value("")) == Value(true));
  CHECK(ends_with(Value("ABCDEF"), Value("DEF")) == Value(true));
  CHECK(ends_with(Value("AB"), Value("ABC")) == Value(false));
  CHECK(ends_with(Value("abc"), Value("")) == Value(true));
  CHECK(contains(Value("ABCDEF"), Value("CD")) == Value(true));
  CHECK(contains(Value("Foo\nFoo"), Value("\n")) == Value(true));
  CHECK(contains(Value("Foo Foo"), Value("\n")) == Value(false));
  CHECK(contains(Value(""), Value("")) == Value(true));
}

TEST_CASE("value ops: string predicates on null or non-string operands are null", "[expr]") {
  // String9 [6]-[8], String10 [7]-[8]: all 36 pairs give null.
  const Value operands[] = {Value(1), Value(3.14), Value(true), list({}), map({}), kNull};
  for (const Value& a : operands) {
    for (const Value& b : operands) {
      CHECK(starts_with(a, b) == kNull);
      CHECK(ends_with(a, b) == kNull);
      CHECK(contains(a, b) == kNull);
      CHECK(regex_match(a, b) == kNull);
    }
  }
  CHECK(starts_with(Value("abc"), kNull) == kNull);
  CHECK(regex_match(Value("abc"), kNull) == kNull);
}

TEST_CASE("value ops: =~ matches the whole string and rejects an invalid pattern", "[expr]") {
  CHECK(regex_match(Value("ABCDEF"), Value("AB.*")) == Value(true));
  CHECK(regex_match(Value("ABCDEF"), Value("BC")) == Value(false));
  CHECK(regex_match(Value("abc"), Value("(?i)ABC")) == Value(true));
  require_error([] { regex_match(Value("a"), Value("(unclosed")); }, kArgument, ErrorCode::kInvalidArgumentValue);
}

TEST_CASE("value ops: IN is a three-valued search with list equality", "[expr]") {
  // List5
  CHECK(in_list(Value(3), list({1, 2, 3})) == Value(true));
  CHECK(in_list(Value(1), list({"1", 2})) == Value(false));                                  // [5]
  CHECK(in_list(list({1}), list({1, 2})) == Value(false));                                   // [7]
  CHECK(in_list(list({1, 2}), list({1, 2})) == Value(false));                                // [8]
  CHECK(in_list(list({1}), list({1, 2, list({1})})) == Value(true));                         // [9]
  CHECK(in_list(list({1, 2}), list({1, list({2, 1})})) == Value(false));                     // [11]
  CHECK(in_list(list({list({1, 2}), list({3, 4})}), list({5, list({list({1, 2}), list({3, 4})})})) ==
        Value(true));                                                                        // [14]
  CHECK(in_list(kNull, list({kNull})) == kNull);                                             // [20]
  CHECK(in_list(list({kNull}), list({kNull})) == kNull);                                     // [22]
  CHECK(in_list(list({1}), list({list({1, kNull})})) == Value(false));                       // [23]
  CHECK(in_list(list({1, 2}), list({list({kNull, 2})})) == kNull);                           // [29]
  CHECK(in_list(list({1, 2, kNull}), list({1, list({1, 2, kNull})})) == kNull);              // [31]
  CHECK(in_list(list({1, 2}), list({list({kNull, 2}), list({1, 2})})) == Value(true));       // [32]
  CHECK(in_list(list({1, 2}), list({list({kNull, 2}), list({1, 3})})) == kNull);             // [34]
  CHECK(in_list(list({}), list({list({})})) == Value(true));                                 // [35]
  CHECK(in_list(list({}), list({})) == Value(false));                                        // [36]
  CHECK(in_list(list({}), list({1, 2, kNull})) == kNull);                                    // [40]
  CHECK(in_list(kNull, list({})) == Value(false));
  CHECK(in_list(Value(1), kNull) == kNull);
  CHECK(in_list(Value(1.0), list({1})) == Value(true));
}

TEST_CASE("value ops: IN on a non-list is a type error", "[expr]") {
  // List5 [42] (at runtime)
  for (const Value& v : {Value(true), Value(123), Value(123.4), Value("foo"), map({{"x", list({})}})})
    require_error([&] { in_list(Value(1), v); }, kType, ErrorCode::kInvalidArgumentType);
}

// ------------------------------------------------------------------ indexing and slicing

TEST_CASE("value ops: list indexes count from 0, negative ones from the end, out of range is null", "[expr]") {
  const Value l = list({1, 2, 3});
  CHECK(subscript(l, Value(0), nullptr) == Value(1));  // List1 [1]
  CHECK(subscript(l, Value(2), nullptr) == Value(3));
  CHECK(subscript(l, Value(-1), nullptr) == Value(3));
  CHECK(subscript(l, Value(-3), nullptr) == Value(1));
  CHECK(subscript(l, Value(3), nullptr) == kNull);
  CHECK(subscript(l, Value(-4), nullptr) == kNull);
  CHECK(subscript(l, Value(std::numeric_limits<int64_t>::min()), nullptr) == kNull);
  CHECK(subscript(l, Value(std::numeric_limits<int64_t>::max()), nullptr) == kNull);
  CHECK(subscript(l, kNull, nullptr) == kNull);
  CHECK(subscript(kNull, Value(0), nullptr) == kNull);
  // Precedence3 [1]
  CHECK(subscript(list({5, list({6, 7}), list({8, 9}), 10}), Value(3), nullptr) == Value(10));
}

TEST_CASE("value ops: indexing a non-list or with a non-integer is a type error", "[expr]") {
  // List1 [6], [8]
  for (const Value& v : {Value(true), Value(123), Value(4.7), Value("1")})
    require_error([&] { subscript(v, Value(0), nullptr); }, kType, ErrorCode::kInvalidArgumentType);
  for (const Value& idx : {Value(true), Value(4.7), Value("1"), list({1}), map({{"x", 3}})})
    require_error([&] { subscript(list({1, 2, 3}), idx, nullptr); }, kType, ErrorCode::kInvalidArgumentType);
}

TEST_CASE("value ops: maps are indexed by string keys", "[expr]") {
  // Map2 [1], [3], [4], [8]
  const Value m = map({{"name", "Apa"}});
  CHECK(subscript(m, Value("name"), nullptr) == Value("Apa"));
  CHECK(subscript(m, Value("other"), nullptr) == kNull);
  CHECK(subscript(kNull, Value("x"), nullptr) == kNull);
  CHECK(subscript(m, kNull, nullptr) == kNull);
  require_error([&] { subscript(m, Value(0), nullptr); }, kType, ErrorCode::kInvalidArgumentType);
  require_error([] { subscript(Value(100), Value(0), nullptr); }, kType, ErrorCode::kInvalidArgumentType);
}

TEST_CASE("value ops: nodes and relationships are indexed by key through the graph", "[expr]") {
  // Graph7 [1]
  test::FakeGraph graph;
  const Value n(graph.add_node(1, {"A"}, {{"name", Value("Apa")}}));
  const Value r(graph.add_rel(5, "T", 1, 1, {{"w", Value(2.5)}}));
  CHECK(subscript(n, Value("name"), &graph) == Value("Apa"));
  CHECK(subscript(n, Value("nothing"), &graph) == kNull);
  CHECK(subscript(r, Value("w"), &graph) == Value(2.5));
  require_error([&] { subscript(n, Value(1), &graph); }, kType, ErrorCode::kInvalidArgumentType);
}

TEST_CASE("value ops: list slices take from up to but not including to, with negative and out-of-range bounds clamped", "[expr]") {
  const Value five = list({1, 2, 3, 4, 5});
  const Value three = list({1, 2, 3});
  const Value one(1), two(2), three_i(3), zero(0), neg1(-1), neg3(-3), neg5(-5), pos5(5);
  CHECK(slice(five, &one, &three_i) == list({2, 3}));              // List2 [1]
  CHECK(slice(three, &one, nullptr) == list({2, 3}));              // List2 [2]
  CHECK(slice(three, nullptr, &two) == list({1, 2}));              // List2 [3]
  CHECK(slice(three, &zero, &one) == list({1}));                   // List2 [4]
  CHECK(slice(three, &zero, &zero) == list({}));                   // List2 [5]
  CHECK(slice(three, &neg3, &neg1) == list({1, 2}));               // List2 [6]
  CHECK(slice(three, &three_i, &one) == list({}));                 // List2 [7]
  CHECK(slice(three, &neg5, &pos5) == list({1, 2, 3}));            // List2 [8]
  CHECK(slice(three, nullptr, nullptr) == three);
}

TEST_CASE("value ops: a slice with a null bound is null", "[expr]") {
  // List2 [9]
  const Value three = list({1, 2, 3});
  const Value one(1), three_i(3);
  CHECK(slice(three, &kNull, &kNull) == kNull);
  CHECK(slice(three, &one, &kNull) == kNull);
  CHECK(slice(three, &kNull, &three_i) == kNull);
  CHECK(slice(three, nullptr, &kNull) == kNull);
  CHECK(slice(three, &kNull, nullptr) == kNull);
  CHECK(slice(kNull, &one, nullptr) == kNull);
}

TEST_CASE("value ops: slicing a non-list or with non-integer bounds is a type error", "[expr]") {
  const Value one(1), half(0.5);
  require_error([&] { slice(Value("abc"), &one, nullptr); }, kType, ErrorCode::kInvalidArgumentType);
  require_error([&] { slice(list({1, 2}), &half, nullptr); }, kType, ErrorCode::kInvalidArgumentType);
}

// ------------------------------------------------------------------ property access

TEST_CASE("value ops: property access on maps finds keys case-sensitively, missing ones are null", "[expr]") {
  // Map1 [1], [2], [4], [5]; Null1 [5]
  const Value m = map({{"existing", 42}, {"notMissing", kNull}});
  CHECK(property(m, "existing", nullptr) == Value(42));
  CHECK(property(m, "notMissing", nullptr) == kNull);
  CHECK(property(m, "missing", nullptr) == kNull);
  CHECK(property(kNull, "missing", nullptr) == kNull);
  const Value names = map({{"name", "Mats"}, {"Name", "Pontus"}});
  CHECK(property(names, "Name", nullptr) == Value("Pontus"));
  CHECK(property(names, "nAMe", nullptr) == kNull);
}

TEST_CASE("value ops: property access on a non-map, non-entity value is a type error", "[expr]") {
  // Map1 [6] (at runtime)
  for (const Value& v : {Value(123), Value(42.45), Value(true), Value(false), Value("string"), list({123, true})})
    require_error([&] { property(v, "num", nullptr); }, kType, ErrorCode::kInvalidArgumentType);
}

TEST_CASE("value ops: property access on entities reads the graph, or the materialised data without one",
          "[expr]") {
  // Graph6 [1], [5]
  test::FakeGraph graph;
  const Value n(graph.add_node(1, {}, {{"existing", Value(42)}}));
  const Value r(graph.add_rel(2, "REL", 1, 1, {{"existing", Value(42)}}));
  CHECK(property(n, "existing", &graph) == Value(42));
  CHECK(property(n, "missing", &graph) == kNull);
  CHECK(property(r, "existing", &graph) == Value(42));
  CHECK(property(r, "missingToo", &graph) == kNull);

  auto data = std::make_shared<EntityData>();
  data->properties = std::make_shared<const ValueMap>(ValueMap{{"k", Value("v")}});
  const Value materialised(NodeValue{9, data});
  CHECK(property(materialised, "k", nullptr) == Value("v"));
  require_error([] { property(node(9), "k", nullptr); }, ErrorClass::kEntityNotFound, ErrorCode::kNone);

  graph.remove_node(1);
  require_error([&] { property(n, "existing", &graph); }, ErrorClass::kEntityNotFound,
                ErrorCode::kDeletedEntityAccess);
}

// Aggregate functions. Cases marked with a TCK scenario come from
// shared/tck/features (Feature file, scenario number).

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "engine/query/function/aggregates.hpp"
#include "support/query_checks.hpp"

using namespace mlkg;
using namespace mlkg::query;
using mlkg::test::kNull;
using mlkg::test::list;
using mlkg::test::map;
using mlkg::test::require_error;

namespace {

// Runs aggregate `name` over `values`, with `constant_args` after the first.
Value aggregate(std::string_view name, const std::vector<Value>& values, std::vector<Value> constant_args = {}) {
  const AggregateInfo* info = find_aggregate(name);
  REQUIRE(info != nullptr);
  std::unique_ptr<Aggregator> agg = info->make(constant_args);
  for (const Value& v : values) agg->add(v);
  return agg->result();
}

void require_add_error(std::string_view name, const std::vector<Value>& values, ErrorClass error_class,
                       ErrorCode code) {
  require_error([&] { aggregate(name, values); }, error_class, code);
}

}  // namespace

TEST_CASE("aggregates: names are found in any case and all listed", "[expr]") {
  CHECK(find_aggregate("COUNT") == find_aggregate("count"));
  CHECK(find_aggregate("stdevp")->name == "stDevP");
  CHECK(find_aggregate("percentiledisc")->min_args == 2);
  CHECK(find_aggregate("toInteger") == nullptr);
  const auto all = all_aggregates();
  CHECK(all.size() == 10);
  for (const AggregateInfo* info : all) {
    INFO(info->name);
    CHECK(info->signature.starts_with(info->name));
    CHECK(!info->description.empty());
  }
}

TEST_CASE("aggregates: count() counts the values that are not null", "[expr]") {
  CHECK(aggregate("count", {Value(33), kNull, Value("x")}) == Value(2));  // Aggregation1 [1]
  CHECK(aggregate("count", {}) == Value(0));                               // Aggregation8 [1]
  CHECK(aggregate("count", {kNull}) == Value(0));                          // Aggregation8 [2]
}

TEST_CASE("aggregates: sum() of integers is an integer, of anything with a float a float", "[expr]") {
  CHECK(aggregate("sum", {Value(33), kNull, Value(42)}) == Value(75));  // Aggregation3 [1]
  // Aggregation3 [2]: sum(range(1000000, 1002999)) needs more than 32 bits.
  std::vector<Value> values;
  for (int64_t i = 1000000; i < 1003000; ++i) values.emplace_back(i);
  CHECK(aggregate("sum", values) == Value(int64_t{3004498500}));
  CHECK(aggregate("sum", {}) == Value(0));
  CHECK(aggregate("sum", {kNull}) == Value(0));
  CHECK(aggregate("sum", {Value(1), Value(2.5), Value(3)}) == Value(6.5));
  CHECK(aggregate("sum", {Value(0.5), Value(1)}) == Value(1.5));
  CHECK(aggregate("sum", {Value(1.0)}).is_float());
}

TEST_CASE("aggregates: sum() reports integer overflow and non-numbers", "[expr]") {
  const Value max(std::numeric_limits<int64_t>::max());
  require_add_error("sum", {max, Value(1)}, ErrorClass::kArgument, ErrorCode::kIntegerOverflow);
  CHECK(aggregate("sum", {max, Value(-2), Value(1)}) == Value(std::numeric_limits<int64_t>::max() - 1));
  require_add_error("sum", {Value(1), Value("a")}, ErrorClass::kType, ErrorCode::kInvalidArgumentValue);
  require_add_error("sum", {list({1})}, ErrorClass::kType, ErrorCode::kInvalidArgumentValue);
}

TEST_CASE("aggregates: avg() is a float, null for no values", "[expr]") {
  CHECK(aggregate("avg", {Value(1), Value(2)}) == Value(1.5));
  CHECK(aggregate("avg", {Value(1), Value(2), Value(3), kNull}) == Value(2.0));
  CHECK(aggregate("avg", {Value(1.5), Value(2), Value(4)}) == Value(2.5));
  CHECK(aggregate("avg", {}) == kNull);
  CHECK(aggregate("avg", {kNull}) == kNull);
  // Integers near the limit average without overflowing.
  const Value max(std::numeric_limits<int64_t>::max());
  CHECK(aggregate("avg", {max, max}) == Value(9223372036854775807.0));
  require_add_error("avg", {Value(true)}, ErrorClass::kType, ErrorCode::kInvalidArgumentValue);
}

TEST_CASE("aggregates: min() and max() follow the ORDER BY order over any types", "[expr]") {
  CHECK(aggregate("max", {Value(1), Value(2), Value(0), kNull, Value(-1)}) == Value(2));     // Aggregation2 [1]
  CHECK(aggregate("min", {Value(1), Value(2), Value(0), kNull, Value(-1)}) == Value(-1));    // Aggregation2 [2]
  CHECK(aggregate("max", {Value(1.0), Value(2.0), Value(0.5), kNull}) == Value(2.0));        // Aggregation2 [3]
  CHECK(aggregate("min", {Value(1.0), Value(2.0), Value(0.5), kNull}) == Value(0.5));        // Aggregation2 [4]
  CHECK(aggregate("min", {Value(1), Value(2.0), Value(5), kNull, Value(3.2), Value(0.1)}) == Value(0.1));  // [6]
  const std::vector<Value> strings = {Value("a"), Value("b"), Value("B"), kNull, Value("abc"), Value("abc1")};
  CHECK(aggregate("max", strings) == Value("b"));                                            // Aggregation2 [7]
  CHECK(aggregate("min", strings) == Value("B"));                                            // Aggregation2 [8]
  CHECK(aggregate("min", {list({1}), list({2}), list({2, 1})}) == list({1}));                // Aggregation2 [10]
  CHECK(aggregate("min", {Value(1), Value("a"), kNull, list({1, 2}), Value(0.2), Value("b")}) ==
        list({1, 2}));                                                                       // Aggregation2 [12]
  CHECK(aggregate("max", {Value(1), Value("a"), kNull, list({1, 2}), Value(0.2), Value("b")}) == Value(1));
  CHECK(aggregate("max", {}) == kNull);
  CHECK(aggregate("min", {kNull, kNull}) == kNull);
  CHECK(aggregate("max", {Value(1), Value(1.0)}) == Value(1));  // ties keep the first
}

TEST_CASE("aggregates: collect() gathers the values that are not null", "[expr]") {
  CHECK(aggregate("collect", {}) == list({}));                                   // Aggregation5 [1]
  CHECK(aggregate("collect", {kNull, kNull}) == list({}));                       // Aggregation8 [3]
  CHECK(aggregate("collect", {kNull, Value(1), kNull}) == list({1}));            // Aggregation8 [4]
  CHECK(aggregate("collect", {Value(42), Value(43), Value(42)}) == list({42, 43, 42}));
  CHECK(aggregate("collect", {map({{"a", kNull}}), list({kNull})}) == list({map({{"a", kNull}}), list({kNull})}));
}

TEST_CASE("aggregates: stDev() and stDevP() are the sample and population deviations", "[expr]") {
  const std::vector<Value> values = {Value(8), Value(9), Value(10), Value(11), Value(12), Value(15), kNull};
  CHECK(aggregate("stDev", values).as_float() == Approx(2.48327740429189).epsilon(1e-12));
  CHECK(aggregate("stDevP", values).as_float() == Approx(2.266911751455907).epsilon(1e-12));
  CHECK(aggregate("stDev", {}) == Value(0.0));
  CHECK(aggregate("stDev", {Value(5)}) == Value(0.0));
  CHECK(aggregate("stDevP", {}) == Value(0.0));
  CHECK(aggregate("stDevP", {Value(5.5)}) == Value(0.0));
  // Welford's algorithm keeps its precision far from zero.
  CHECK(aggregate("stDev", {Value(1e9 + 4), Value(1e9 + 7), Value(1e9 + 13), Value(1e9 + 16)}).as_float() ==
        Approx(5.477225575051661));
  require_add_error("stDev", {Value("x")}, ErrorClass::kType, ErrorCode::kInvalidArgumentValue);
}

TEST_CASE("aggregates: percentileCont() interpolates and percentileDisc() picks a value", "[expr]") {
  const std::vector<Value> prices = {Value(10.0), Value(20.0), Value(30.0)};
  // Aggregation6 [1], [2]
  for (auto [p, expected] : {std::pair{0.0, 10.0}, std::pair{0.5, 20.0}, std::pair{1.0, 30.0}}) {
    CHECK(aggregate("percentileDisc", prices, {Value(p)}) == Value(expected));
    CHECK(aggregate("percentileCont", prices, {Value(p)}) == Value(expected));
  }
  const std::vector<Value> ints = {Value(4), Value(1), kNull, Value(3), Value(2)};
  CHECK(aggregate("percentileCont", ints, {Value(0.5)}) == Value(2.5));
  CHECK(aggregate("percentileCont", ints, {Value(0.9)}).as_float() == Approx(3.7));
  CHECK(aggregate("percentileDisc", ints, {Value(0.5)}) == Value(2));
  CHECK(aggregate("percentileDisc", ints, {Value(0.51)}) == Value(3));
  CHECK(aggregate("percentileDisc", ints, {Value(1)}) == Value(4));
  CHECK(aggregate("percentileDisc", {Value(13), Value(33), Value(44)}, {Value(0.5)}) == Value(33));
  CHECK(aggregate("percentileCont", {}, {Value(0.5)}) == kNull);
  CHECK(aggregate("percentileDisc", {kNull}, {Value(0.5)}) == kNull);
}

TEST_CASE("aggregates: a percentile outside 0 to 1 is an error when the aggregate is made", "[expr]") {
  // Aggregation6 [3], [4], [5]
  for (const char* name : {"percentileCont", "percentileDisc"}) {
    for (const Value& p : {Value(1000), Value(-1), Value(1.1), Value(3), Value(std::nan(""))}) {
      INFO(name << " " << p.to_literal());
      require_error([&] { find_aggregate(name)->make(std::vector<Value>{p}); }, ErrorClass::kArgument,
                    ErrorCode::kNumberOutOfRange);
    }
    require_error([&] { find_aggregate(name)->make(std::vector<Value>{Value("half")}); }, ErrorClass::kType,
                  ErrorCode::kInvalidArgumentValue);
    require_error([&] { find_aggregate(name)->make(std::vector<Value>{kNull}); }, ErrorClass::kType,
                  ErrorCode::kInvalidArgumentValue);
  }
  // A missing percentile is refused, not read past the end.
  require_add_error("percentileDisc", {}, ErrorClass::kType, ErrorCode::kInvalidArgumentValue);
}

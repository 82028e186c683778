#include "engine/query/function/aggregates.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/query/function/value_ops.hpp"

// Semantics, from the TCK where it speaks and Neo4j 5 where it does not:
//  - sum() of integers is an integer, and overflow raises
//    ArgumentError: IntegerOverflow; once a float is added the sum is a
//    float (values are added in the order they come, as `+` would).
//  - avg(), stDev(), stDevP() and percentileCont() give floats;
//    percentileDisc() gives one of the values as it was (an integer stays an
//    integer).
//  - min() and max() use orderability, so they accept any mix of types.
//  - stDev() and stDevP() of fewer than two values (or none) are 0.0, as in
//    Neo4j; avg, min, max and the percentiles of no values are null.
//  - A non-numeric value given to a numeric aggregate raises
//    TypeError: InvalidArgumentValue, as for scalar functions.

namespace mlkg::query {

namespace {

[[noreturn]] void not_a_number(std::string_view aggregate, const Value& v) {
  throw QueryError(ErrorClass::kType, ErrorCode::kInvalidArgumentValue,
                   std::string(aggregate) + "() expects numbers, got " + describe_value(v));
}

double number_of(std::string_view aggregate, const Value& v) {
  if (v.is_int()) return static_cast<double>(v.as_int());
  if (!v.is_float()) not_a_number(aggregate, v);
  return v.as_float();
}

// A strict weak order on doubles with NaN above everything (std::sort needs one).
bool float_less(double a, double b) {
  if (std::isnan(a)) return false;
  return std::isnan(b) || a < b;
}

class CountAggregator final : public Aggregator {
 public:
  void add(const Value& v) override { count_ += v.is_null() ? 0 : 1; }
  Value result() const override { return Value(count_); }

 private:
  int64_t count_ = 0;
};

class SumAggregator final : public Aggregator {
 public:
  void add(const Value& v) override {
    if (v.is_null()) return;
    if (v.is_int() && !is_float_) {
      if (__builtin_add_overflow(int_sum_, v.as_int(), &int_sum_))
        throw QueryError(ErrorClass::kArgument, ErrorCode::kIntegerOverflow,
                         "sum(): integer overflow (integers are 64-bit)");
      return;
    }
    const double d = number_of("sum", v);
    if (!is_float_) {
      float_sum_ = static_cast<double>(int_sum_);
      is_float_ = true;
    }
    float_sum_ += d;
  }
  Value result() const override { return is_float_ ? Value(float_sum_) : Value(int_sum_); }

 private:
  bool is_float_ = false;
  int64_t int_sum_ = 0;
  double float_sum_ = 0;
};

class AvgAggregator final : public Aggregator {
 public:
  void add(const Value& v) override {
    if (v.is_null()) return;
    if (v.is_int()) {
      int_sum_ += v.as_int();  // 128 bits: no 64-bit sum of int64s can overflow it
    } else {
      float_sum_ += number_of("avg", v);
    }
    ++count_;
  }
  Value result() const override {
    if (count_ == 0) return Value();
    return Value((static_cast<double>(int_sum_) + float_sum_) / static_cast<double>(count_));
  }

 private:
  __int128 int_sum_ = 0;
  double float_sum_ = 0;
  int64_t count_ = 0;
};

// min() (kSign -1) or max() (kSign 1) in the orderability order; on ties the
// first value added wins.
template <int kSign>
class ExtremeAggregator final : public Aggregator {
 public:
  void add(const Value& v) override {
    if (v.is_null()) return;
    if (best_.is_null() || order_compare(v, best_) * kSign > 0) best_ = v;
  }
  Value result() const override { return best_; }

 private:
  Value best_;
};

class CollectAggregator final : public Aggregator {
 public:
  void add(const Value& v) override {
    if (!v.is_null()) items_.push_back(v);
  }
  Value result() const override { return Value(items_); }

 private:
  ValueList items_;
};

// Welford's online algorithm: numerically stable in one pass.
class StDevAggregator final : public Aggregator {
 public:
  explicit StDevAggregator(bool population) : population_(population) {}
  void add(const Value& v) override {
    if (v.is_null()) return;
    const double x = number_of(population_ ? "stDevP" : "stDev", v);
    ++count_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(count_);
    m2_ += delta * (x - mean_);
  }
  Value result() const override {
    const int64_t divisor = population_ ? count_ : count_ - 1;
    if (divisor < 1) return Value(0.0);
    return Value(std::sqrt(m2_ / static_cast<double>(divisor)));
  }

 private:
  bool population_;
  int64_t count_ = 0;
  double mean_ = 0;
  double m2_ = 0;
};

// The percentile argument: a number in [0, 1].
double percentile_of(std::string_view aggregate, std::span<const Value> constant_args) {
  if (constant_args.empty())
    throw QueryError(ErrorClass::kType, ErrorCode::kInvalidArgumentValue,
                     std::string(aggregate) + "() expects a percentile as its second argument");
  const Value& p = constant_args.front();
  if (!p.is_number())
    throw QueryError(ErrorClass::kType, ErrorCode::kInvalidArgumentValue,
                     std::string(aggregate) + "() expects a percentile between 0.0 and 1.0, got " + describe_value(p));
  const double d = p.is_int() ? static_cast<double>(p.as_int()) : p.as_float();
  if (!(d >= 0.0 && d <= 1.0))
    throw QueryError(ErrorClass::kArgument, ErrorCode::kNumberOutOfRange,
                     std::string(aggregate) + "(): the percentile must be between 0.0 and 1.0, got " + describe_value(p));
  return d;
}

// The value at `percentile`, interpolating linearly between the two nearest.
class PercentileContAggregator final : public Aggregator {
 public:
  explicit PercentileContAggregator(double percentile) : percentile_(percentile) {}
  void add(const Value& v) override {
    if (!v.is_null()) values_.push_back(number_of("percentileCont", v));
  }
  Value result() const override {
    if (values_.empty()) return Value();
    std::vector<double> sorted = values_;
    std::sort(sorted.begin(), sorted.end(), float_less);
    const double index = percentile_ * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<size_t>(std::floor(index));
    const auto above = static_cast<size_t>(std::ceil(index));
    if (below == above) return Value(sorted[below]);
    return Value(sorted[below] * (static_cast<double>(above) - index) +
                 sorted[above] * (index - static_cast<double>(below)));
  }

 private:
  double percentile_;
  std::vector<double> values_;
};

// The smallest value with at least `percentile` of the values at or below it
// (Neo4j's rule): one of the values, of its own type.
class PercentileDiscAggregator final : public Aggregator {
 public:
  explicit PercentileDiscAggregator(double percentile) : percentile_(percentile) {}
  void add(const Value& v) override {
    if (v.is_null()) return;
    if (!v.is_number()) not_a_number("percentileDisc", v);
    values_.push_back(v);
  }
  Value result() const override {
    if (values_.empty()) return Value();
    ValueList sorted = values_;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Value& a, const Value& b) { return order_compare(a, b) < 0; });
    const size_t n = sorted.size();
    if (percentile_ == 1.0 || n == 1) return sorted.back();
    const double position = percentile_ * static_cast<double>(n);
    auto index = static_cast<size_t>(position);
    if (static_cast<double>(index) == position && index > 0) --index;
    return sorted[std::min(index, n - 1)];
  }

 private:
  double percentile_;
  ValueList values_;
};

template <class A>
std::unique_ptr<Aggregator> make_plain(std::span<const Value>) {
  return std::make_unique<A>();
}

std::unique_ptr<Aggregator> make_stdev(std::span<const Value>) { return std::make_unique<StDevAggregator>(false); }
std::unique_ptr<Aggregator> make_stdevp(std::span<const Value>) { return std::make_unique<StDevAggregator>(true); }

std::unique_ptr<Aggregator> make_percentile_cont(std::span<const Value> args) {
  return std::make_unique<PercentileContAggregator>(percentile_of("percentileCont", args));
}

std::unique_ptr<Aggregator> make_percentile_disc(std::span<const Value> args) {
  return std::make_unique<PercentileDiscAggregator>(percentile_of("percentileDisc", args));
}

// Sorted by lower-case name.
const AggregateInfo kAggregates[] = {
    {"avg", 1, 1, make_plain<AvgAggregator>, "avg(input :: INTEGER | FLOAT) :: FLOAT",
     "The average of the numbers, nulls ignored (null if there are none)."},
    {"collect", 1, 1, make_plain<CollectAggregator>, "collect(input :: ANY) :: LIST<ANY>",
     "The values as a list, nulls left out."},
    {"count", 1, 1, make_plain<CountAggregator>, "count(input :: ANY) :: INTEGER",
     "The number of values that are not null; count(*) counts rows."},
    {"max", 1, 1, make_plain<ExtremeAggregator<1>>, "max(input :: ANY) :: ANY",
     "The largest value in the ORDER BY order, nulls ignored."},
    {"min", 1, 1, make_plain<ExtremeAggregator<-1>>, "min(input :: ANY) :: ANY",
     "The smallest value in the ORDER BY order, nulls ignored."},
    {"percentileCont", 2, 2, make_percentile_cont,
     "percentileCont(input :: INTEGER | FLOAT, percentile :: FLOAT) :: FLOAT",
     "The percentile (0.0 to 1.0) of the numbers, interpolating between the two nearest values."},
    {"percentileDisc", 2, 2, make_percentile_disc,
     "percentileDisc(input :: INTEGER | FLOAT, percentile :: FLOAT) :: INTEGER | FLOAT",
     "The percentile (0.0 to 1.0) of the numbers, as the nearest value at or above it."},
    {"stDev", 1, 1, make_stdev, "stDev(input :: INTEGER | FLOAT) :: FLOAT",
     "The sample standard deviation of the numbers (0.0 for fewer than two)."},
    {"stDevP", 1, 1, make_stdevp, "stDevP(input :: INTEGER | FLOAT) :: FLOAT",
     "The population standard deviation of the numbers (0.0 for none)."},
    {"sum", 1, 1, make_plain<SumAggregator>, "sum(input :: INTEGER | FLOAT) :: INTEGER | FLOAT",
     "The sum of the numbers: an integer for integers, else a float (0 for none)."},
};

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; };
    return lower(x) == lower(y);
  });
}

}  // namespace

const AggregateInfo* find_aggregate(std::string_view name) {
  for (const AggregateInfo& info : kAggregates)
    if (equals_ignoring_ascii_case(info.name, name)) return &info;
  return nullptr;
}

std::vector<const AggregateInfo*> all_aggregates() {
  std::vector<const AggregateInfo*> out;
  for (const AggregateInfo& info : kAggregates) out.push_back(&info);
  return out;
}

}  // namespace mlkg::query

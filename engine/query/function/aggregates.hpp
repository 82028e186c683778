#pragma once
// Aggregate functions: count, sum, avg, min, max, collect, stDev, stDevP,
// percentileCont, percentileDisc.
//
// The executor creates one Aggregator per group (and per aggregate
// expression), feeds it the argument value of every row of the group, and
// asks for the result at the end. DISTINCT is the executor's business: it
// feeds each equivalent value once. Nulls are ignored by every aggregate
// (count(*) is the executor's own and counts rows).

#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "engine/common/query_error.hpp"
#include "engine/value/value.hpp"

namespace mlkg::query {

class Aggregator {
 public:
  virtual ~Aggregator() = default;
  // Throws QueryError for values of the wrong type (e.g. sum over strings).
  virtual void add(const Value& v) = 0;
  // The aggregate over what was added (for an empty group: count 0, sum 0,
  // collect [], stDev and stDevP 0.0 as in Neo4j, the others null).
  virtual Value result() const = 0;
};

struct AggregateInfo {
  std::string_view name;  // canonical spelling
  int min_args;           // the first argument is the aggregated expression;
  int max_args;           //   percentileCont/Disc take a second, constant one
  // Makes an aggregator; `constant_args` are the arguments after the first,
  // evaluated once (percentile). Throws ArgumentError for invalid ones.
  std::unique_ptr<Aggregator> (*make)(std::span<const Value> constant_args);
  std::string_view signature;
  std::string_view description;
};

const AggregateInfo* find_aggregate(std::string_view name);  // any case; null if none
std::vector<const AggregateInfo*> all_aggregates();

}  // namespace mlkg::query

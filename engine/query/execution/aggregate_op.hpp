#pragma once
// Aggregate: groups its input by the grouping expressions (openCypher
// equivalence) and computes the aggregates of each group. Blocking: it reads
// its whole input on the first next(). Output rows hold the grouping values
// and the aggregate results in their slots; other slots are null. With no
// grouping keys there is exactly one output row, even for an empty input.

#include <string>
#include <unordered_map>
#include <vector>

#include "engine/query/execution/operator.hpp"
#include "engine/query/execution/row_ops.hpp"

namespace mlkg::query {

// The grouping keys and the aggregate calls as "k, count(x)", for EXPLAIN.
std::string describe_aggregation(const std::vector<std::pair<BoundExprPtr, Slot>>& keys,
                                 const std::vector<AggregateSpec>& aggregates);

class Aggregate final : public Operator {
 public:
  Aggregate(OperatorPtr input, std::vector<std::pair<BoundExprPtr, Slot>> keys, std::vector<AggregateSpec> aggregates,
            size_t width)
      : Operator(std::move(input)), keys_(std::move(keys)), aggregates_(std::move(aggregates)), width_(width) {}
  std::string name() const override { return keys_.empty() ? "Aggregate" : "GroupAggregate"; }
  std::string details() const override;

 protected:
  void open_impl(ExecContext&) override;
  bool next_impl(Row& row, ExecContext& ctx) override;

 private:
  // The state of one group: per aggregate, an Aggregator (or a row count for
  // count(*)) and, for DISTINCT aggregates, the values already fed.
  struct Group {
    ValueList key;
    std::vector<std::unique_ptr<Aggregator>> aggregators;
    std::vector<int64_t> star_counts;
    std::vector<KeySet> seen;
  };
  void consume(ExecContext& ctx);
  Group make_group(ValueList key, Row& first_row, ExecContext& ctx) const;

  std::vector<std::pair<BoundExprPtr, Slot>> keys_;
  std::vector<AggregateSpec> aggregates_;
  size_t width_;
  std::vector<Group> groups_;
  bool consumed_ = false;
  size_t pos_ = 0;
};

}  // namespace mlkg::query

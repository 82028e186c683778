#pragma once
// Sort (ORDER BY) and Top (ORDER BY with LIMIT: keeps only the first k rows
// in a heap). Both are blocking and stable; keys compare by openCypher
// orderability.

#include <string>
#include <vector>

#include "engine/query/binder/bound_query.hpp"
#include "engine/query/execution/operator.hpp"

namespace mlkg::query {

// The keys as "a, b DESC", for EXPLAIN.
std::string describe_sort_keys(const std::vector<SortKey>& keys);

class Sort final : public Operator {
 public:
  // `limit` (optional) makes it a Top: only the first `limit` rows in order
  // are kept while reading.
  Sort(OperatorPtr input, std::vector<SortKey> keys, size_t width, BoundExprPtr limit = nullptr)
      : Operator(std::move(input)), keys_(std::move(keys)), width_(width), limit_(std::move(limit)) {}
  std::string name() const override { return limit_ ? "Top" : "Sort"; }
  std::string details() const override;

 protected:
  void open_impl(ExecContext&) override;
  bool next_impl(Row& row, ExecContext& ctx) override;

 private:
  struct Entry {
    ValueList keys;
    Row row;
    uint64_t sequence;  // input order, for stability
  };
  bool less(const Entry& a, const Entry& b) const;
  void consume(ExecContext& ctx);

  std::vector<SortKey> keys_;
  size_t width_;
  BoundExprPtr limit_;
  std::vector<Entry> rows_;
  bool consumed_ = false;
  size_t pos_ = 0;
};

}  // namespace mlkg::query

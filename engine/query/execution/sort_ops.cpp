#include "engine/query/execution/sort_ops.hpp"

#include <algorithm>

#include "engine/query/expression/evaluator.hpp"
#include "engine/query/execution/row_ops.hpp"
#include "engine/query/function/value_ops.hpp"

namespace mlkg::query {

std::string describe_sort_keys(const std::vector<SortKey>& keys) {
  std::string out;
  for (const auto& k : keys) out += (out.empty() ? "" : ", ") + describe(*k.expr) + (k.descending ? " DESC" : "");
  return out;
}

std::string Sort::details() const {
  std::string out = describe_sort_keys(keys_);
  if (limit_) out += " LIMIT " + describe(*limit_);
  return out;
}

void Sort::open_impl(ExecContext&) {
  rows_.clear();
  consumed_ = false;
  pos_ = 0;
}

bool Sort::less(const Entry& a, const Entry& b) const {
  for (size_t i = 0; i < keys_.size(); ++i) {
    int c = order_compare(a.keys[i], b.keys[i]);
    if (c != 0) return keys_[i].descending ? c > 0 : c < 0;
  }
  return a.sequence < b.sequence;
}

void Sort::consume(ExecContext& ctx) {
  auto cmp = [this](const Entry& a, const Entry& b) { return less(a, b); };
  int64_t limit = limit_ ? evaluate_count(*limit_, ctx, "LIMIT") : -1;
  Row row(width_);
  uint64_t sequence = 0;
  while (input_->next(row, ctx)) {
    if ((sequence & 0x3ff) == 0) ctx.check_cancelled();
    if (limit == 0) break;
    Entry e;
    e.keys.reserve(keys_.size());
    for (const auto& k : keys_) e.keys.push_back(evaluate(*k.expr, row, ctx));
    e.sequence = sequence++;
    if (limit > 0 && static_cast<int64_t>(rows_.size()) == limit) {
      // A heap of the best `limit` rows: its top is the worst kept row.
      if (!less(e, rows_.front())) continue;
      std::pop_heap(rows_.begin(), rows_.end(), cmp);
      e.row = row;
      rows_.back() = std::move(e);
      std::push_heap(rows_.begin(), rows_.end(), cmp);
      continue;
    }
    e.row = row;
    rows_.push_back(std::move(e));
    if (limit > 0) std::push_heap(rows_.begin(), rows_.end(), cmp);
  }
  if (limit > 0) {
    std::sort_heap(rows_.begin(), rows_.end(), cmp);
  } else {
    std::stable_sort(rows_.begin(), rows_.end(), cmp);
  }
  consumed_ = true;
}

bool Sort::next_impl(Row& row, ExecContext& ctx) {
  if (!consumed_) consume(ctx);
  if (pos_ >= rows_.size()) return false;
  row = std::move(rows_[pos_++].row);
  return true;
}

}  // namespace mlkg::query

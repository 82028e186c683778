#include "engine/query/execution/update_op.hpp"

namespace mlkg::query {

void UpdateOp::open_impl(ExecContext& ctx) {
  std::vector<Row> input;
  Row row(width_);
  while (input_->next(row, ctx)) {
    ctx.check_cancelled();
    Row& kept = input.emplace_back(width_);
    for (Slot s : live_) kept[s] = row[s];
  }
  rows_.clear();
  pos_ = 0;
  for (Row& r : input) {
    ctx.check_cancelled();
    update(r, ctx, rows_);
  }
  finish(ctx);
}

bool UpdateOp::next_impl(Row& row, ExecContext&) {
  if (pos_ >= rows_.size()) return false;
  row = std::move(rows_[pos_++]);
  return true;
}

}  // namespace mlkg::query

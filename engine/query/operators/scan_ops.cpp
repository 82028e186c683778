#include "engine/query/operators/scan_ops.hpp"

#include <algorithm>
#include <cmath>

#include "engine/query/evaluator.hpp"

namespace mlkg::query {

namespace {
[[noreturn]] void storage_failure(const Status& s) { throw QueryError("DatabaseError", "", s.message()); }
}  // namespace

std::string AllNodesScan::details() const { return "(#" + std::to_string(slot_) + ")"; }

bool AllNodesScan::next_impl(Row& row, ExecContext& ctx) {
  while (true) {
    if (cursor_ && cursor_->valid()) {
      row[slot_] = Value(NodeValue{cursor_->node(), nullptr});
      cursor_->next();
      return true;
    }
    if (cursor_ && !cursor_->status().ok()) storage_failure(cursor_->status());
    cursor_.reset();  // no exhausted cursor stays open while a later clause writes
    ctx.check_cancelled();
    if (!input_->next(row, ctx)) return false;
    cursor_.emplace(ctx.graph->txn().scan_nodes());
  }
}

std::string LabelScan::details() const { return "(#" + std::to_string(slot_) + ":" + quote_cypher_name(label_) + ")"; }

bool LabelScan::next_impl(Row& row, ExecContext& ctx) {
  while (true) {
    if (cursor_ && cursor_->valid()) {
      row[slot_] = Value(NodeValue{cursor_->node(), nullptr});
      cursor_->next();
      return true;
    }
    if (cursor_ && !cursor_->status().ok()) storage_failure(cursor_->status());
    cursor_.reset();  // no exhausted cursor stays open while a later clause writes
    ctx.check_cancelled();
    if (!input_->next(row, ctx)) return false;
    auto label = ctx.graph->label_id(label_);
    if (!label) {
      cursor_.reset();
      continue;  // no node has a label the database does not know
    }
    cursor_.emplace(ctx.graph->txn().scan_label(*label));
  }
}

std::string IndexSeek::details() const {
  return "(#" + std::to_string(slot_) + ") via " + description_ + " = " + describe(*value_);
}

bool IndexSeek::next_impl(Row& row, ExecContext& ctx) {
  while (true) {
    if (!pending_.empty()) {
      row[slot_] = Value(NodeValue{pending_.back(), nullptr});
      pending_.pop_back();
      return true;
    }
    if (!input_->next(row, ctx)) return false;
    Value v = evaluate(*value_, row, ctx);
    std::vector<Value> probes = {v};
    // Index keys keep integers and floats apart; openCypher's = does not.
    if (v.is_int()) probes.push_back(Value(static_cast<double>(v.as_int())));
    if (v.is_float() && std::isfinite(v.as_float()) && std::trunc(v.as_float()) == v.as_float() &&
        std::fabs(v.as_float()) < 9.2e18)
      probes.push_back(Value(static_cast<int64_t>(v.as_float())));
    for (const Value& probe : probes) {
      if (!storage::is_storable(probe)) continue;
      storage::NodeCursor c = ctx.graph->txn().seek_index(index_, probe);
      for (; c.valid(); c.next()) pending_.push_back(c.node());
      if (!c.status().ok()) storage_failure(c.status());
    }
    std::sort(pending_.rbegin(), pending_.rend());  // pop_back yields ascending ids
    pending_.erase(std::unique(pending_.begin(), pending_.end()), pending_.end());
  }
}

}  // namespace mlkg::query

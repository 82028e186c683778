#include "engine/query/execution/aggregate_op.hpp"

#include "engine/query/expression/evaluator.hpp"

namespace mlkg::query {

std::string describe_aggregation(const std::vector<std::pair<BoundExprPtr, Slot>>& keys,
                                 const std::vector<AggregateSpec>& aggregates) {
  std::string out;
  for (const auto& [expr, slot] : keys) out += (out.empty() ? "" : ", ") + describe(*expr);
  for (const auto& a : aggregates) {
    std::string call = a.info ? std::string(a.info->name) + "(" + (a.distinct ? "DISTINCT " : "") +
                                    describe(*a.argument) + ")"
                              : "count(*)";
    out += (out.empty() ? "" : ", ") + call;
  }
  return out;
}

std::string Aggregate::details() const { return describe_aggregation(keys_, aggregates_); }

void Aggregate::open_impl(ExecContext&) {
  groups_.clear();
  consumed_ = false;
  pos_ = 0;
}

Aggregate::Group Aggregate::make_group(ValueList key, Row& first_row, ExecContext& ctx) const {
  Group g;
  g.key = std::move(key);
  for (const AggregateSpec& a : aggregates_) {
    ValueList extra;
    for (const auto& e : a.extra_args) extra.push_back(evaluate(*e, first_row, ctx));
    g.aggregators.push_back(a.info ? a.info->make(extra) : nullptr);
    g.star_counts.push_back(0);
    g.seen.emplace_back();
  }
  return g;
}

void Aggregate::consume(ExecContext& ctx) {
  std::unordered_map<ValueList, size_t, KeyHash, KeyEquivalent> index;
  Row row(width_);
  uint64_t n = 0;
  while (input_->next(row, ctx)) {
    if ((++n & 0x3ff) == 0) ctx.check_cancelled();
    ValueList key;
    key.reserve(keys_.size());
    for (const auto& [expr, slot] : keys_) key.push_back(evaluate(*expr, row, ctx));
    auto it = index.find(key);
    if (it == index.end()) {
      it = index.emplace(key, groups_.size()).first;
      groups_.push_back(make_group(std::move(key), row, ctx));
    }
    Group& g = groups_[it->second];
    for (size_t i = 0; i < aggregates_.size(); ++i) {
      const AggregateSpec& a = aggregates_[i];
      if (!a.info) {
        ++g.star_counts[i];
        continue;
      }
      Value v = evaluate(*a.argument, row, ctx);
      if (v.is_null()) continue;
      if (a.distinct && !g.seen[i].insert(ValueList{v}).second) continue;
      g.aggregators[i]->add(v);
    }
  }
  // Without grouping keys, an empty input still has its one group.
  if (keys_.empty() && groups_.empty()) {
    Row empty(width_);
    groups_.push_back(make_group({}, empty, ctx));
  }
  consumed_ = true;
}

bool Aggregate::next_impl(Row& row, ExecContext& ctx) {
  if (!consumed_) consume(ctx);
  if (pos_ >= groups_.size()) return false;
  Group& g = groups_[pos_++];
  row.assign(width_, Value());
  for (size_t i = 0; i < keys_.size(); ++i) row[keys_[i].second] = std::move(g.key[i]);
  for (size_t i = 0; i < aggregates_.size(); ++i)
    row[aggregates_[i].out] = aggregates_[i].info ? g.aggregators[i]->result() : Value(g.star_counts[i]);
  return true;
}

}  // namespace mlkg::query

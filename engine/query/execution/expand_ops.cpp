#include "engine/query/execution/expand_ops.hpp"

#include <algorithm>

#include "engine/query/expression/evaluator.hpp"
#include "engine/query/function/value_ops.hpp"

namespace mlkg::query {

namespace {

[[noreturn]] void not_a_node(const Value& v) {
  throw QueryError(ErrorClass::kType, ErrorCode::kInvalidArgumentType,
                   std::string("expected a node to expand from, got a ") + type_name(v.type()));
}

std::string step_text(const ExpandSpec& s, const std::string& range) {
  std::string types;
  for (size_t i = 0; i < s.types.size(); ++i) types += (i ? "|" : ":") + quote_cypher_name(s.types[i]);
  std::string mid = "[" + types + range + "]";
  std::string arrow = s.direction == ast::RelDirection::kRight ? "-" + mid + "->"
                      : s.direction == ast::RelDirection::kLeft ? "<-" + mid + "-"
                                                                : "-" + mid + "-";
  return "(#" + std::to_string(s.from) + ")" + arrow + "(#" + std::to_string(s.to) + ")";
}

}  // namespace

std::string describe_step(const ExpandSpec& step) { return step_text(step, ""); }

std::string describe_step(const VarExpandSpec& step) {
  return step_text(step, "*" + std::to_string(step.min) + ".." + (step.max < 0 ? "" : std::to_string(step.max)));
}

bool Adjacency::resolve(const std::vector<std::string>& types, ExecContext& ctx) {
  any_type_ = types.empty();
  types_.clear();
  for (const auto& t : types)
    if (auto id = ctx.graph->type_id(t)) types_.push_back(*id);
  std::sort(types_.begin(), types_.end());
  types_.erase(std::unique(types_.begin(), types_.end()), types_.end());
  return any_type_ || !types_.empty();
}

void Adjacency::collect(storage::NodeId node, ast::RelDirection direction, ExecContext& ctx,
                        std::vector<storage::AdjEntry>* out) const {
  out->clear();
  auto read = [&](storage::Direction dir, std::optional<storage::TypeId> type) {
    storage::AdjCursor c = ctx.graph->txn().expand(node, dir, type);
    for (; c.valid(); c.next()) {
      const storage::AdjEntry& e = c.entry();
      // An undirected step sees a self-loop in both lists: keep the outgoing one.
      if (direction == ast::RelDirection::kBoth && dir == storage::Direction::kIn && e.neighbour == node) continue;
      if (ctx.graph->deletion_pending(e.neighbour)) continue;  // deleted by this statement
      out->push_back(e);
    }
    throw_if_failed(c.status());
  };
  auto read_dir = [&](storage::Direction dir) {
    if (any_type_) {
      read(dir, std::nullopt);
    } else {
      for (storage::TypeId t : types_) read(dir, t);
    }
  };
  if (direction != ast::RelDirection::kLeft) read_dir(storage::Direction::kOut);
  if (direction != ast::RelDirection::kRight) read_dir(storage::Direction::kIn);
}

bool rel_in_slots(storage::RelId rel, const std::vector<Slot>& slots, const Row& row) {
  for (Slot s : slots) {
    const Value& v = row[s];
    if (v.is_relationship() && v.as_relationship().id == rel) return true;
    if (v.is_list())
      for (const Value& e : v.as_list())
        if (e.is_relationship() && e.as_relationship().id == rel) return true;
  }
  return false;
}

// ---------------------------------------------------------------- Expand

std::string Expand::details() const { return describe_step(spec_); }

void Expand::open_impl(ExecContext& ctx) {
  possible_ = adjacency_.resolve(spec_.types, ctx);
  entries_.clear();
  pos_ = 0;
}

bool Expand::next_impl(Row& row, ExecContext& ctx) {
  while (true) {
    while (pos_ < entries_.size()) {
      const storage::AdjEntry& e = entries_[pos_++];
      if (spec_.to_bound) {
        const Value& to = row[spec_.to];
        if (!to.is_node() || to.as_node().id != e.neighbour) continue;
      }
      if (spec_.rel_bound) {
        const Value& r = row[spec_.rel];
        if (!r.is_relationship() || r.as_relationship().id != e.rel) continue;
      }
      if (rel_in_slots(e.rel, spec_.unique_with, row)) continue;
      if (!spec_.rel_bound) row[spec_.rel] = Value(RelValue{e.rel, nullptr});
      if (!spec_.to_bound) row[spec_.to] = Value(NodeValue{e.neighbour, nullptr});
      return true;
    }
    if (!input_->next(row, ctx)) return false;
    ctx.check_cancelled();
    entries_.clear();
    pos_ = 0;
    const Value& from = row[spec_.from];
    if (from.is_null() || !possible_) continue;
    if (!from.is_node()) not_a_node(from);
    if (spec_.to_bound && row[spec_.to].is_null()) continue;
    adjacency_.collect(from.as_node().id, spec_.direction, ctx, &entries_);
  }
}

// ---------------------------------------------------------------- VarExpand

std::string VarExpand::details() const { return describe_step(spec_); }

void VarExpand::open_impl(ExecContext& ctx) {
  possible_ = adjacency_.resolve(spec_.types, ctx);
  stack_.clear();
  path_rels_.clear();
  active_ = false;
}

bool VarExpand::rel_matches(storage::RelId rel, ExecContext& ctx) {
  for (size_t i = 0; i < spec_.properties.size(); ++i) {
    Value eq = equals(ctx.graph->rel_property(rel, spec_.properties[i].first), property_values_[i]);
    if (!eq.is_bool() || !eq.as_bool()) return false;
  }
  return true;
}

void VarExpand::start(const Row& row, ExecContext& ctx) {
  stack_.clear();
  path_rels_.clear();
  const Value& from = row[spec_.from];
  if (from.is_null()) return;
  if (!from.is_node()) not_a_node(from);
  target_ = storage::kNoId;
  if (spec_.to_bound) {
    const Value& to = row[spec_.to];
    if (!to.is_node()) return;  // null: nothing can reach it
    target_ = to.as_node().id;
  }
  property_values_.clear();
  Row scratch = row;
  for (auto& [key, expr] : spec_.properties) property_values_.push_back(evaluate(*expr, scratch, ctx));
  stack_.push_back(Frame{from.as_node().id, {}, 0, false});
  if (spec_.max != 0 && possible_) adjacency_.collect(from.as_node().id, spec_.direction, ctx, &stack_.back().entries);
}

void VarExpand::emit(Row& row, storage::NodeId node) const {
  ValueList rels;
  rels.reserve(path_rels_.size());
  for (storage::RelId r : path_rels_) rels.push_back(Value(RelValue{r, nullptr}));
  if (spec_.reverse) std::reverse(rels.begin(), rels.end());
  row[spec_.rel] = Value(std::move(rels));
  if (!spec_.to_bound) row[spec_.to] = Value(NodeValue{node, nullptr});
  if (spec_.segment_nodes != kNoSlot) {
    ValueList inner;
    // stack_[0] is the start and stack_.back() the end: the ones between.
    for (size_t i = 1; i + 1 < stack_.size(); ++i) inner.push_back(Value(NodeValue{stack_[i].node, nullptr}));
    if (spec_.reverse) std::reverse(inner.begin(), inner.end());
    row[spec_.segment_nodes] = Value(std::move(inner));
  }
}

bool VarExpand::follow_bound_list(const Row& row, ExecContext& ctx, storage::NodeId* end) {
  const Value& list = row[spec_.rel];
  if (!list.is_list()) return false;
  const ValueList& rels = list.as_list();
  int64_t n = static_cast<int64_t>(rels.size());
  if (n < spec_.min || (spec_.max >= 0 && n > spec_.max)) return false;
  storage::NodeId at = row[spec_.from].as_node().id;
  // Written order runs from the pattern's left node; walking backwards, the
  // list is followed from its end.
  for (int64_t k = 0; k < n; ++k) {
    const Value& v = rels[static_cast<size_t>(spec_.reverse ? n - 1 - k : k)];
    if (!v.is_relationship()) return false;
    const storage::RelRecord* r = ctx.graph->rel(v.as_relationship().id);
    if (!r) return false;
    if (!spec_.types.empty() &&
        std::find(spec_.types.begin(), spec_.types.end(), ctx.graph->catalog().type_name(r->type)) == spec_.types.end())
      return false;
    bool forward = r->start == at, backward = r->end == at;
    if (spec_.direction == ast::RelDirection::kRight ? !forward
        : spec_.direction == ast::RelDirection::kLeft ? !backward
                                                      : !(forward || backward))
      return false;
    at = forward && spec_.direction != ast::RelDirection::kLeft ? r->end : r->start;
    if (!spec_.properties.empty() && !rel_matches(r->id, ctx)) return false;
  }
  *end = at;
  return true;
}

bool VarExpand::advance(Row& row, ExecContext& ctx) {
  while (!stack_.empty()) {
    Frame& top = stack_.back();
    int64_t depth = static_cast<int64_t>(path_rels_.size());
    if (!top.checked) {
      top.checked = true;
      if (depth >= spec_.min && (!spec_.to_bound || top.node == target_)) {
        emit(row, top.node);
        return true;
      }
    }
    bool pushed = false;
    while (top.pos < top.entries.size() && (spec_.max < 0 || depth < spec_.max)) {
      const storage::AdjEntry e = top.entries[top.pos++];
      if (std::find(path_rels_.begin(), path_rels_.end(), e.rel) != path_rels_.end()) continue;
      if (rel_in_slots(e.rel, spec_.unique_with, row)) continue;
      if (!spec_.properties.empty() && !rel_matches(e.rel, ctx)) continue;
      ctx.check_cancelled();
      path_rels_.push_back(e.rel);
      Frame next{e.neighbour, {}, 0, false};
      if (spec_.max < 0 || depth + 1 < spec_.max) adjacency_.collect(e.neighbour, spec_.direction, ctx, &next.entries);
      stack_.push_back(std::move(next));
      pushed = true;
      break;
    }
    if (pushed) continue;
    stack_.pop_back();
    if (!path_rels_.empty()) path_rels_.pop_back();
  }
  return false;
}

bool VarExpand::next_impl(Row& row, ExecContext& ctx) {
  while (true) {
    if (spec_.rel_bound) {
      // The relationships are given: at most one output per input row.
      if (!input_->next(row, ctx)) return false;
      if (!row[spec_.from].is_node()) continue;
      property_values_.clear();
      for (auto& [key, expr] : spec_.properties) property_values_.push_back(evaluate(*expr, row, ctx));
      storage::NodeId end;
      if (!follow_bound_list(row, ctx, &end)) continue;
      if (spec_.to_bound) {
        if (!row[spec_.to].is_node() || row[spec_.to].as_node().id != end) continue;
      } else {
        row[spec_.to] = Value(NodeValue{end, nullptr});
      }
      return true;
    }
    if (active_ && advance(row, ctx)) return true;
    active_ = false;
    if (!input_->next(row, ctx)) return false;
    ctx.check_cancelled();
    start(row, ctx);
    active_ = true;
  }
}

}  // namespace mlkg::query

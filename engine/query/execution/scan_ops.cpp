#include "engine/query/execution/scan_ops.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "engine/query/expression/evaluator.hpp"
#include "engine/storage/key_codec.hpp"

namespace mlkg::query {

std::string AllNodesScan::details() const { return "(#" + std::to_string(slot_) + ")"; }

bool AllNodesScan::next_impl(Row& row, ExecContext& ctx) {
  while (true) {
    if (cursor_ && cursor_->valid()) {
      storage::NodeId node = cursor_->node();
      cursor_->next();
      if (ctx.graph->deletion_pending(node)) continue;  // deleted by this statement
      row[slot_] = Value(NodeValue{node, nullptr});
      return true;
    }
    if (cursor_) throw_if_failed(cursor_->status());
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
      storage::NodeId node = cursor_->node();
      cursor_->next();
      if (ctx.graph->deletion_pending(node)) continue;  // deleted by this statement
      row[slot_] = Value(NodeValue{node, nullptr});
      return true;
    }
    if (cursor_) throw_if_failed(cursor_->status());
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

namespace {

// Where an index seek looks: one value (a point lookup) or a range of value
// encodings [lower, upper) as Transaction::scan_index_range takes them.
struct Probe {
  std::optional<Value> value;
  std::string lower, upper;
};

bool holds_number(const Value& v) {
  if (v.is_int() || v.is_float()) return true;
  if (v.is_list())
    for (const Value& e : v.as_list())
      if (holds_number(e)) return true;
  return false;
}

std::string encoded(const Value& v) {
  std::string out;
  storage::encode_index_value(&out, v);
  return out;
}

// Every range of one value type.
Probe whole_type(Value::Type t) {
  return Probe{std::nullopt, storage::index_type_lower_bound(t), storage::index_type_upper_bound(t)};
}

// The probes that find every stored value equal to `v` (openCypher's =).
void equality_probes(const Value& v, std::vector<Probe>* out) {
  if (!storage::is_storable(v)) return;  // null, maps, entities: equal to no property value
  if (v.is_list() && holds_number(v)) {
    out->push_back(whole_type(Value::Type::kList));  // [1, 2] = [1.0, 2]: every list, then the filter
    return;
  }
  out->push_back(Probe{v, "", ""});
  if (std::optional<Value> twin = storage::numeric_twin(v)) out->push_back(Probe{std::move(*twin), "", ""});
}

// The probes for lower <= value <= upper (either may be missing), a
// superset of what <, <=, >, >= select: numbers compare with numbers
// (integers and floats are stored apart), strings with strings.
void range_probes(const std::optional<Value>& lower, const std::optional<Value>& upper, std::vector<Probe>* out) {
  if ((lower && lower->is_null()) || (upper && upper->is_null())) return;  // a comparison with null holds for none
  auto is_number = [](const std::optional<Value>& v) { return v && (v->is_int() || v->is_float()); };
  auto is_string = [](const std::optional<Value>& v) { return v && v->is_string(); };
  const bool numbers = (!lower || is_number(lower)) && (!upper || is_number(upper));
  const bool strings = (!lower || is_string(lower)) && (!upper || is_string(upper));
  if (!numbers && !strings) {
    // Bounds of two kinds hold together for no value; other types (booleans,
    // lists) are rare enough to read the whole index.
    if ((is_number(lower) && is_string(upper)) || (is_string(lower) && is_number(upper))) return;
    out->push_back(Probe{std::nullopt, "", ""});
    return;
  }
  if (strings) {
    Probe p = whole_type(Value::Type::kString);
    if (lower) p.lower = encoded(*lower);
    if (upper) p.upper = storage::prefix_successor(encoded(*upper));
    out->push_back(std::move(p));
    return;
  }
  constexpr double kTwoTo63 = 9223372036854775808.0;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  // Floats: the bounds as doubles, widened by one step where an integer
  // does not convert exactly.
  auto as_double = [&](const Value& v, double towards) {
    if (v.is_float()) return v.as_float();
    return std::nextafter(static_cast<double>(v.as_int()), towards);
  };
  if ((lower && lower->is_float() && std::isnan(lower->as_float())) ||
      (upper && upper->is_float() && std::isnan(upper->as_float())))
    return;  // NaN compares false with everything
  Probe floats = whole_type(Value::Type::kFloat);
  if (lower) floats.lower = encoded(Value(as_double(*lower, -kInf)));
  if (upper) floats.upper = storage::prefix_successor(encoded(Value(as_double(*upper, kInf))));
  out->push_back(std::move(floats));
  // Integers: float bounds rounded outwards, clamped to the int64 range.
  int64_t lo = std::numeric_limits<int64_t>::min(), hi = std::numeric_limits<int64_t>::max();
  if (lower) {
    if (lower->is_int()) {
      lo = lower->as_int();
    } else {
      const double d = std::floor(lower->as_float());
      if (d >= kTwoTo63) return;  // above every integer
      if (d > -kTwoTo63) lo = static_cast<int64_t>(d);
    }
  }
  if (upper) {
    if (upper->is_int()) {
      hi = upper->as_int();
    } else {
      const double d = std::ceil(upper->as_float());
      if (d < -kTwoTo63) return;  // below every integer
      if (d < kTwoTo63) hi = static_cast<int64_t>(d);
    }
  }
  if (lo > hi) return;
  Probe ints = whole_type(Value::Type::kInt);
  if (lower) ints.lower = encoded(Value(lo));
  if (upper) ints.upper = storage::prefix_successor(encoded(Value(hi)));
  out->push_back(std::move(ints));
}

// The probes for STARTS WITH `prefix`.
void prefix_probes(const Value& prefix, std::vector<Probe>* out) {
  if (prefix.is_null()) return;
  if (!prefix.is_string()) {
    out->push_back(Probe{std::nullopt, "", ""});  // the filter decides (and complains) row by row
    return;
  }
  std::string lower = storage::index_string_prefix_bound(prefix.as_string());
  std::string upper = storage::prefix_successor(lower);
  out->push_back(Probe{std::nullopt, std::move(lower), std::move(upper)});
}

}  // namespace

std::string IndexSeek::name() const {
  return spec_.kind == IndexSeekSpec::Kind::kEquals || spec_.kind == IndexSeekSpec::Kind::kIn ? "NodeIndexSeek"
                                                                                              : "NodeIndexSeekByRange";
}

std::string IndexSeek::details() const {
  std::string out = "(#" + std::to_string(slot_) + ") via " + description_;
  switch (spec_.kind) {
    case IndexSeekSpec::Kind::kEquals: return out + " = " + describe(*spec_.value);
    case IndexSeekSpec::Kind::kIn: return out + " IN " + describe(*spec_.value);
    case IndexSeekSpec::Kind::kPrefix: return out + " STARTS WITH " + describe(*spec_.value);
    case IndexSeekSpec::Kind::kRange:
      if (spec_.lower) out += (spec_.lower_inclusive ? " >= " : " > ") + describe(*spec_.lower);
      if (spec_.lower && spec_.upper) out += " AND";
      if (spec_.upper) out += (spec_.upper_inclusive ? " <= " : " < ") + describe(*spec_.upper);
      return out;
  }
  return out;
}

void IndexSeek::seek(Row& row, ExecContext& ctx) {
  std::vector<Probe> probes;
  switch (spec_.kind) {
    case IndexSeekSpec::Kind::kEquals:
      equality_probes(evaluate(*spec_.value, row, ctx), &probes);
      break;
    case IndexSeekSpec::Kind::kIn: {
      Value list = evaluate(*spec_.value, row, ctx);
      if (list.is_list()) {
        for (const Value& e : list.as_list()) equality_probes(e, &probes);
      } else if (!list.is_null()) {
        probes.push_back(Probe{std::nullopt, "", ""});  // not a list: the filter decides (and complains)
      }
      break;
    }
    case IndexSeekSpec::Kind::kRange: {
      std::optional<Value> lower, upper;
      if (spec_.lower) lower = evaluate(*spec_.lower, row, ctx);
      if (spec_.upper) upper = evaluate(*spec_.upper, row, ctx);
      range_probes(lower, upper, &probes);
      break;
    }
    case IndexSeekSpec::Kind::kPrefix:
      prefix_probes(evaluate(*spec_.value, row, ctx), &probes);
      break;
  }
  storage::Transaction& txn = ctx.graph->txn();
  for (const Probe& probe : probes) {
    if (probe.lower > probe.upper && !probe.upper.empty()) continue;
    storage::NodeCursor c = probe.value ? txn.seek_index(index_, *probe.value)
                                        : txn.scan_index_range(index_, probe.lower, probe.upper);
    for (; c.valid(); c.next()) pending_.push_back(c.node());
    throw_if_failed(c.status());
  }
  std::sort(pending_.rbegin(), pending_.rend());  // pop_back yields ascending ids
  pending_.erase(std::unique(pending_.begin(), pending_.end()), pending_.end());
}

bool IndexSeek::next_impl(Row& row, ExecContext& ctx) {
  while (true) {
    if (!pending_.empty()) {
      storage::NodeId node = pending_.back();
      pending_.pop_back();
      if (ctx.graph->deletion_pending(node)) continue;  // deleted by this statement
      row[slot_] = Value(NodeValue{node, nullptr});
      return true;
    }
    if (!input_->next(row, ctx)) return false;
    ctx.check_cancelled();
    seek(row, ctx);
  }
}

}  // namespace mlkg::query

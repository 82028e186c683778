#include "engine/query/execution/row_ops.hpp"

#include "engine/query/expression/evaluator.hpp"
#include "engine/query/function/value_ops.hpp"

namespace mlkg::query {

std::string Filter::details() const { return describe(*predicate_); }

bool Filter::next_impl(Row& row, ExecContext& ctx) {
  // A filter that rejects row after row never returns: it looks for Ctrl-C itself.
  uint32_t rejected = 0;
  while (input_->next(row, ctx)) {
    if (evaluate_predicate(*predicate_, row, ctx)) return true;
    if ((++rejected & 0x3ff) == 0) ctx.check_cancelled();
  }
  return false;
}

std::string Project::details() const {
  std::string out;
  for (const auto& [expr, slot] : items_) out += (out.empty() ? "" : ", ") + describe(*expr);
  return out;
}

bool Project::next_impl(Row& row, ExecContext& ctx) {
  if (!input_->next(row, ctx)) return false;
  for (const auto& [expr, slot] : items_) row[slot] = evaluate(*expr, row, ctx);
  return true;
}

std::string Unwind::details() const { return describe(*list_); }

bool Unwind::next_impl(Row& row, ExecContext& ctx) {
  while (true) {
    if (pos_ < items_.size()) {
      row[slot_] = std::move(items_[pos_++]);
      return true;
    }
    if (!input_->next(row, ctx)) return false;
    Value list = evaluate(*list_, row, ctx);
    items_.clear();
    pos_ = 0;
    if (list.is_list()) {
      items_ = std::move(list.as_list());
    } else if (!list.is_null()) {
      items_.push_back(std::move(list));  // UNWIND of a single value yields it once
    }
  }
}

int64_t evaluate_count(const BoundExpr& e, ExecContext& ctx, const char* clause) {
  Row empty;
  Value v = evaluate(e, empty, ctx);
  if (v.is_int()) {
    if (v.as_int() < 0)
      throw QueryError(ErrorClass::kSyntax, ErrorCode::kNegativeIntegerArgument,
                       std::string(clause) + " needs a non-negative integer, got " + v.to_literal());
    return v.as_int();
  }
  throw QueryError(ErrorClass::kSyntax, ErrorCode::kInvalidArgumentType,
                   std::string(clause) + " needs an integer, got " + v.to_literal());
}

void Skip::open_impl(ExecContext& ctx) { remaining_ = evaluate_count(*count_, ctx, "SKIP"); }

bool Skip::next_impl(Row& row, ExecContext& ctx) {
  while (input_->next(row, ctx)) {
    if (remaining_ > 0) {
      --remaining_;
      continue;
    }
    return true;
  }
  return false;
}

void Limit::open_impl(ExecContext& ctx) { remaining_ = evaluate_count(*count_, ctx, "LIMIT"); }

bool Limit::next_impl(Row& row, ExecContext& ctx) {
  if (remaining_ <= 0) return false;  // pulls nothing more from the input
  if (!input_->next(row, ctx)) return false;
  --remaining_;
  return true;
}


size_t KeyHash::operator()(const ValueList& key) const {
  size_t h = 0x9e3779b97f4a7c15ull;
  for (const Value& v : key) h = (h ^ equivalence_hash(v)) * 0x100000001b3ull;
  return h;
}

bool KeyEquivalent::operator()(const ValueList& a, const ValueList& b) const {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!equivalent(a[i], b[i])) return false;
  return true;
}

bool Distinct::next_impl(Row& row, ExecContext& ctx) {
  while (input_->next(row, ctx)) {
    ValueList key;
    key.reserve(slots_.size());
    for (Slot s : slots_) key.push_back(row[s]);
    if (seen_.insert(std::move(key)).second) return true;
  }
  return false;
}

}  // namespace mlkg::query

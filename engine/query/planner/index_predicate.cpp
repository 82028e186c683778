#include "engine/query/planner/index_predicate.hpp"

#include <algorithm>
#include <vector>

namespace mlkg::query {

namespace {

ast::Op flipped(ast::Op op) {
  switch (op) {
    case ast::Op::kLt: return ast::Op::kGt;
    case ast::Op::kLe: return ast::Op::kGe;
    case ast::Op::kGt: return ast::Op::kLt;
    case ast::Op::kGe: return ast::Op::kLe;
    default: return op;
  }
}

}  // namespace

bool match_indexable(const BoundExpr& e, Slot slot, const std::function<bool(Slot)>& bound, IndexablePredicate* out) {
  if (e.kind != BoundKind::kBinary) return false;
  switch (e.op) {
    case ast::Op::kEq: case ast::Op::kLt: case ast::Op::kLe: case ast::Op::kGt: case ast::Op::kGe:
    case ast::Op::kIn: case ast::Op::kStartsWith: break;
    default: return false;
  }
  const bool symmetric = e.op != ast::Op::kIn && e.op != ast::Op::kStartsWith;  // the property may be on the right
  for (int side = 0; side < (symmetric ? 2 : 1); ++side) {
    const BoundExpr& prop = *e.children[side];
    const BoundExpr& other = *e.children[1 - side];
    if (prop.kind != BoundKind::kProperty || prop.children[0]->kind != BoundKind::kSlot ||
        prop.children[0]->slot != slot)
      continue;
    std::vector<Slot> reads;
    collect_slots(other, &reads);
    if (!std::all_of(reads.begin(), reads.end(), bound)) continue;
    out->key = prop.name;
    out->op = side == 0 ? e.op : flipped(e.op);
    out->value = &other;
    switch (e.op) {
      case ast::Op::kEq: out->kind = IndexSeekSpec::Kind::kEquals; break;
      case ast::Op::kIn: out->kind = IndexSeekSpec::Kind::kIn; break;
      case ast::Op::kStartsWith: out->kind = IndexSeekSpec::Kind::kPrefix; break;
      default: out->kind = IndexSeekSpec::Kind::kRange; break;
    }
    return true;
  }
  return false;
}

}  // namespace mlkg::query

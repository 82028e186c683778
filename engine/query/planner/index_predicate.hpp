#pragma once
// Which predicates an index can answer: a predicate on `slot.key` with the
// property read on one side and, on the other, a value computable before the
// seek. slot.key = v, slot.key IN v, slot.key < v (<=, >, >=, or with the
// sides swapped), slot.key STARTS WITH v. The index then finds a superset of
// the nodes the predicate holds for (the predicate stays as a filter).

#include <functional>
#include <string>

#include "engine/query/execution/scan_ops.hpp"

namespace mlkg::query {

struct IndexablePredicate {
  std::string key;
  IndexSeekSpec::Kind kind = IndexSeekSpec::Kind::kEquals;
  ast::Op op = ast::Op::kEq;       // with the property on the left (v < n.x reads as n.x > v)
  const BoundExpr* value = nullptr;  // the other side, inside the predicate
};

// Fills `out` if an index on `slot`'s key can answer `predicate`, given which
// slots are bound before the seek (the value side must read only those).
bool match_indexable(const BoundExpr& predicate, Slot slot, const std::function<bool(Slot)>& bound,
                     IndexablePredicate* out);

}  // namespace mlkg::query

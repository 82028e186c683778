#pragma once
// The bound forms of the writing clauses' parts, as the binder makes them and
// the update operators (execution/create_op, set_op, merge_op) run them.

#include <string>
#include <utility>
#include <vector>

#include "engine/query/expression/bound_expr.hpp"

namespace mlkg::query {

struct CreateNodeSpec {
  Slot slot = kNoSlot;
  bool exists = false;  // bound before the CREATE: reuse it
  std::vector<std::string> labels;
  BoundExprPtr properties;  // evaluates to a map, or null
};

struct CreateRelSpec {
  Slot slot = kNoSlot;
  std::string type;
  Slot start = kNoSlot;  // node slots, in the relationship's direction
  Slot end = kNoSlot;
  BoundExprPtr properties;
};

struct SetAction {
  enum class Kind {
    kProperty,           // target.key = value (REMOVE target.key: value is null)
    kReplaceProperties,  // target = value
    kMergeProperties,    // target += value
    kAddLabels,          // SET target:A:B
    kRemoveLabels,       // REMOVE target:A:B
  };
  Kind kind = Kind::kProperty;
  BoundExprPtr target;  // evaluates to the node or relationship (or null)
  std::string key;      // kProperty
  BoundExprPtr value;   // kProperty (null pointer: remove), kReplaceProperties, kMergeProperties
  std::vector<std::string> labels;
};

struct MergeSpec {
  std::vector<CreateNodeSpec> nodes;  // what to create when nothing matches
  std::vector<CreateRelSpec> rels;
  std::pair<BoundExprPtr, Slot> path;  // a named path (expression null if none)
  std::vector<SetAction> on_create;
  std::vector<SetAction> on_match;
};

}  // namespace mlkg::query

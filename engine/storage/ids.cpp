#include "engine/storage/ids.hpp"

#include <algorithm>

namespace mlkg::storage {

bool is_storable(const Value& v) {
  switch (v.type()) {
    case Value::Type::kBool:
    case Value::Type::kInt:
    case Value::Type::kFloat:
    case Value::Type::kString:
      return true;
    case Value::Type::kList:
      return std::all_of(v.as_list().begin(), v.as_list().end(), [](const Value& e) {
        return e.is_bool() || e.is_number() || e.is_string();
      });
    case Value::Type::kNull:
    case Value::Type::kMap:
    case Value::Type::kNode:
    case Value::Type::kRelationship:
    case Value::Type::kPath:
      return false;
  }
  return false;
}

const Value* find_property(const PropertyList& props, PropertyKeyId key) {
  auto it = std::lower_bound(props.begin(), props.end(), key,
                             [](const Property& p, PropertyKeyId k) { return p.key < k; });
  return it != props.end() && it->key == key ? &it->value : nullptr;
}

}  // namespace mlkg::storage

#pragma once
// The identifiers of the storage layer.
//
// Node and relationship ids are allocated from per-store counters, start at 1,
// and are never reused. Labels, relationship types and property keys are
// dictionary-encoded: each name gets a 32-bit id the first time it is
// written, starting at 1. Id 0 means "none" everywhere.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/value/value.hpp"

namespace mlkg::storage {

using NodeId = uint64_t;
using RelId = uint64_t;
using LabelId = uint32_t;
using TypeId = uint32_t;
using PropertyKeyId = uint32_t;
using IndexId = uint32_t;

inline constexpr uint64_t kNoId = 0;

// Direction of an adjacency entry as seen from the node that owns it.
// Never renumber: embedded in adjacency keys on disk.
enum class Direction : uint8_t { kOut = 0, kIn = 1 };

struct Property {
  PropertyKeyId key = 0;
  Value value;
  bool operator==(const Property&) const = default;
};

// Properties of one node or relationship: sorted by key id, keys unique,
// no null values (setting null removes a key).
using PropertyList = std::vector<Property>;

struct NodeRecord {
  NodeId id = kNoId;
  std::vector<LabelId> labels;  // in the order they were added, no duplicates
  PropertyList properties;
};

struct RelRecord {
  RelId id = kNoId;
  TypeId type = 0;
  NodeId start = kNoId;
  NodeId end = kNoId;
  // Imported from an undirected PG edge (`a -- b`). Queries still see a
  // relationship from start to end; exporters write it back as undirected.
  bool undirected = false;
  PropertyList properties;
};

// Whether `v` may be stored as a property value: a bool, integer, float or
// string, or a list of those (lists may mix them). Null is never stored.
bool is_storable(const Value& v);

// Returns the value of `key` in a sorted list, or nullptr.
const Value* find_property(const PropertyList& props, PropertyKeyId key);

}  // namespace mlkg::storage

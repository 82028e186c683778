#pragma once
// GraphAccessor: how expression evaluation reads graph entities.
//
// Node and relationship values are ids (engine/value/value.hpp); functions
// such as labels(n), type(r), properties(n) and property access n.key read
// through this interface, which the executor implements over its
// transaction (so a statement sees its own writes). Every method throws
// QueryError(EntityNotFound, DeletedEntityAccess) for an entity the statement
// has deleted.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/value/value.hpp"

namespace mlkg::query {

class GraphAccessor {
 public:
  virtual ~GraphAccessor() = default;

  // A property's value, or null when the entity does not have it.
  virtual Value node_property(uint64_t node, std::string_view key) = 0;
  virtual Value rel_property(uint64_t rel, std::string_view key) = 0;
  virtual ValueMap node_properties(uint64_t node) = 0;
  virtual ValueMap rel_properties(uint64_t rel) = 0;
  virtual std::vector<std::string> node_labels(uint64_t node) = 0;
  virtual bool node_has_label(uint64_t node, std::string_view label) = 0;
  virtual std::string rel_type(uint64_t rel) = 0;
  virtual uint64_t rel_start(uint64_t rel) = 0;
  virtual uint64_t rel_end(uint64_t rel) = 0;
};

}  // namespace mlkg::query

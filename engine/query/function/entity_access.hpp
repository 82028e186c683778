#pragma once
// Reading a node's or relationship's labels, type, endpoints and properties
// for property access and the entity functions (labels(), keys(), ...).
//
// During execution entity values carry only their ids and are read through
// the GraphAccessor (so a statement sees its own writes). Without an
// accessor (`graph` null: expressions evaluated outside a statement), a
// materialised value's EntityData answers instead. An entity with neither
// raises QueryError(EntityNotFound); the accessor's own errors
// (DeletedEntityAccess) pass through.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/query/function/graph_accessor.hpp"
#include "engine/value/value.hpp"

namespace mlkg::query {

Value node_property(const NodeValue& node, std::string_view key, GraphAccessor* graph);
Value rel_property(const RelValue& rel, std::string_view key, GraphAccessor* graph);
ValueMap node_properties(const NodeValue& node, GraphAccessor* graph);
ValueMap rel_properties(const RelValue& rel, GraphAccessor* graph);
std::vector<std::string> node_labels(const NodeValue& node, GraphAccessor* graph);
std::string rel_type(const RelValue& rel, GraphAccessor* graph);
uint64_t rel_start(const RelValue& rel, GraphAccessor* graph);
uint64_t rel_end(const RelValue& rel, GraphAccessor* graph);

}  // namespace mlkg::query

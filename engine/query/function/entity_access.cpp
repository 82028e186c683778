#include "engine/query/function/entity_access.hpp"

#include "engine/common/query_error.hpp"

namespace mlkg::query {

namespace {

// The materialised data of an entity read without an accessor.
const EntityData& data_of(const std::shared_ptr<const EntityData>& data, const char* kind, uint64_t id) {
  if (!data) {
    throw QueryError(ErrorClass::kEntityNotFound, ErrorCode::kNone,
                     std::string("cannot read ") + kind + " #" + std::to_string(id) + " outside a statement");
  }
  return *data;
}

Value lookup(const std::shared_ptr<const ValueMap>& properties, std::string_view key) {
  if (!properties) return Value();
  auto it = properties->find(key);
  return it == properties->end() ? Value() : it->second;
}

}  // namespace

Value node_property(const NodeValue& node, std::string_view key, GraphAccessor* graph) {
  if (graph) return graph->node_property(node.id, key);
  return lookup(data_of(node.data, "node", node.id).properties, key);
}

Value rel_property(const RelValue& rel, std::string_view key, GraphAccessor* graph) {
  if (graph) return graph->rel_property(rel.id, key);
  return lookup(data_of(rel.data, "relationship", rel.id).properties, key);
}

ValueMap node_properties(const NodeValue& node, GraphAccessor* graph) {
  if (graph) return graph->node_properties(node.id);
  const EntityData& data = data_of(node.data, "node", node.id);
  return data.properties ? *data.properties : ValueMap();
}

ValueMap rel_properties(const RelValue& rel, GraphAccessor* graph) {
  if (graph) return graph->rel_properties(rel.id);
  const EntityData& data = data_of(rel.data, "relationship", rel.id);
  return data.properties ? *data.properties : ValueMap();
}

std::vector<std::string> node_labels(const NodeValue& node, GraphAccessor* graph) {
  if (graph) return graph->node_labels(node.id);
  return data_of(node.data, "node", node.id).labels;
}

std::string rel_type(const RelValue& rel, GraphAccessor* graph) {
  if (graph) return graph->rel_type(rel.id);
  const EntityData& data = data_of(rel.data, "relationship", rel.id);
  return data.labels.empty() ? std::string() : data.labels.front();
}

uint64_t rel_start(const RelValue& rel, GraphAccessor* graph) {
  if (graph) return graph->rel_start(rel.id);
  return data_of(rel.data, "relationship", rel.id).start;
}

uint64_t rel_end(const RelValue& rel, GraphAccessor* graph) {
  if (graph) return graph->rel_end(rel.id);
  return data_of(rel.data, "relationship", rel.id).end;
}

}  // namespace mlkg::query

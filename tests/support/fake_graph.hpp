#pragma once
// FakeGraph: an in-memory GraphAccessor for testing expression evaluation
// without storage. Nodes and relationships are added by id; reading an id
// that was never added (or was "deleted") throws EntityNotFound as the real
// accessor does for deleted entities.

#include <map>
#include <string>
#include <vector>

#include "engine/query/function/graph_accessor.hpp"
#include "engine/common/query_error.hpp"

namespace mlkg::test {

class FakeGraph : public query::GraphAccessor {
 public:
  struct Node {
    std::vector<std::string> labels;
    ValueMap properties;
  };
  struct Rel {
    std::string type;
    uint64_t start = 0, end = 0;
    ValueMap properties;
  };

  NodeValue add_node(uint64_t id, std::vector<std::string> labels, ValueMap properties = {}) {
    nodes_[id] = Node{std::move(labels), std::move(properties)};
    return NodeValue{id, nullptr};
  }
  RelValue add_rel(uint64_t id, std::string type, uint64_t start, uint64_t end, ValueMap properties = {}) {
    rels_[id] = Rel{std::move(type), start, end, std::move(properties)};
    return RelValue{id, nullptr};
  }
  void remove_node(uint64_t id) { nodes_.erase(id); }

  Value node_property(uint64_t node, std::string_view key) override { return lookup(find_node(node).properties, key); }
  Value rel_property(uint64_t rel, std::string_view key) override { return lookup(find_rel(rel).properties, key); }
  ValueMap node_properties(uint64_t node) override { return find_node(node).properties; }
  ValueMap rel_properties(uint64_t rel) override { return find_rel(rel).properties; }
  std::vector<std::string> node_labels(uint64_t node) override { return find_node(node).labels; }
  bool node_has_label(uint64_t node, std::string_view label) override {
    for (const auto& l : find_node(node).labels)
      if (l == label) return true;
    return false;
  }
  std::string rel_type(uint64_t rel) override { return find_rel(rel).type; }
  uint64_t rel_start(uint64_t rel) override { return find_rel(rel).start; }
  uint64_t rel_end(uint64_t rel) override { return find_rel(rel).end; }

 private:
  static Value lookup(const ValueMap& map, std::string_view key) {
    auto it = map.find(key);
    return it == map.end() ? Value() : it->second;
  }
  [[noreturn]] static void deleted(const char* kind, uint64_t id) {
    throw query::QueryError(query::ErrorClass::kEntityNotFound, query::ErrorCode::kDeletedEntityAccess,
                            std::string(kind) + " " + std::to_string(id) + " was deleted");
  }
  const Node& find_node(uint64_t id) {
    auto it = nodes_.find(id);
    if (it == nodes_.end()) deleted("node", id);
    return it->second;
  }
  const Rel& find_rel(uint64_t id) {
    auto it = rels_.find(id);
    if (it == rels_.end()) deleted("relationship", id);
    return it->second;
  }

  std::map<uint64_t, Node> nodes_;
  std::map<uint64_t, Rel> rels_;
};

}  // namespace mlkg::test

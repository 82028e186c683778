#include "engine/load/pg_document.hpp"

#include <algorithm>

#include "engine/pg/pg_format.hpp"

namespace mlkg::load {
namespace {

// Adds the labels not yet in `labels` (with their locations) and appends
// property values key by key, keys in order of first appearance. Linear in
// the number of labels and keys of the target: PgDocument is for small
// graphs.
template <typename Statement>
void merge_labels_and_properties(Statement& into, const std::vector<std::string>& labels,
                                 const std::vector<pg::SourceLocation>& label_locations,
                                 const std::vector<pg::PgProperty>& properties) {
  for (size_t i = 0; i < labels.size(); ++i) {
    if (std::find(into.labels.begin(), into.labels.end(), labels[i]) != into.labels.end()) continue;
    into.labels.push_back(labels[i]);
    into.label_locations.push_back(i < label_locations.size() ? label_locations[i] : pg::SourceLocation{});
  }
  for (const pg::PgProperty& property : properties) {
    auto it = std::find_if(into.properties.begin(), into.properties.end(),
                           [&](const pg::PgProperty& p) { return p.key == property.key; });
    if (it == into.properties.end()) {
      into.properties.push_back(property);
    } else {
      it->values.insert(it->values.end(), property.values.begin(), property.values.end());
    }
  }
}

}  // namespace

void PgDocument::add_node(const pg::PgNode& node) {
  auto [it, inserted] = node_index_.try_emplace(node.id, nodes_.size());
  if (inserted) {
    pg::PgNode& added = nodes_.emplace_back();
    added.id = node.id;
    added.location = node.location;
  }
  merge_labels_and_properties(nodes_[it->second], node.labels, node.label_locations, node.properties);
}

void PgDocument::add_edge(const pg::PgEdge& edge) {
  // Implicit nodes: an id first seen in an edge is a node without labels or
  // properties, located where the edge names it.
  for (auto [id, location] : {std::pair{&edge.from, edge.from_location}, std::pair{&edge.to, edge.to_location}}) {
    if (node_index_.try_emplace(*id, nodes_.size()).second) {
      pg::PgNode& added = nodes_.emplace_back();
      added.id = *id;
      added.location = location;
    }
  }
  pg::PgEdge& added = edges_.emplace_back();
  added.id = edge.id;
  added.from = edge.from;
  added.to = edge.to;
  added.directed = edge.directed;
  added.location = edge.location;
  added.from_location = edge.from_location;
  added.to_location = edge.to_location;
  merge_labels_and_properties(added, edge.labels, edge.label_locations, edge.properties);
}

nlohmann::json PgDocument::to_pg_json() const {
  std::vector<const pg::PgNode*> sorted;
  sorted.reserve(nodes_.size());
  for (const pg::PgNode& node : nodes_) sorted.push_back(&node);
  std::sort(sorted.begin(), sorted.end(), [](const pg::PgNode* a, const pg::PgNode* b) { return a->id < b->id; });
  nlohmann::json nodes = nlohmann::json::array();
  for (const pg::PgNode* node : sorted) nodes.push_back(pg::pg_node_to_json(*node));
  nlohmann::json edges = nlohmann::json::array();
  for (const pg::PgEdge& edge : edges_) edges.push_back(pg::pg_edge_to_json(edge));
  return {{"nodes", std::move(nodes)}, {"edges", std::move(edges)}};
}

}  // namespace mlkg::load

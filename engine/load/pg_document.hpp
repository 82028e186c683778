#pragma once
// PgDocument: a whole PG graph in memory, with the PG format's merge rules
// applied. Used by the conformance tests, by small conversions, and wherever a
// PG graph must be compared as a whole. The streaming loader does not use it.
//
// Merge rules (PG v1.0): a repeated node id merges into the first node — its
// labels are added (insertion order, duplicates ignored) and its property
// values are appended to the existing key's list; a key repeated inside one
// statement appends likewise. A node id used by an edge but never declared is
// an implicit node with no labels and no properties. Edges are kept in
// document order.

#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/pg/pg_model.hpp"
#include "engine/load/pg_parser.hpp"

namespace mlkg::load {

class PgDocument {
 public:
  // Nodes in order of first appearance (declared or implicit); properties of
  // each node merged by key in order of first appearance.
  const std::vector<pg::PgNode>& nodes() const { return nodes_; }
  // Edges in document order, with repeated property keys merged.
  const std::vector<pg::PgEdge>& edges() const { return edges_; }

  void add_node(const pg::PgNode& node);
  void add_edge(const pg::PgEdge& edge);

  // PG-JSON: {"nodes": [...sorted by id...], "edges": [...document order...]}
  // with labels as written and every property value a JSON array.
  nlohmann::json to_pg_json() const;

 private:
  std::vector<pg::PgNode> nodes_;
  std::vector<pg::PgEdge> edges_;
  std::unordered_map<std::string, size_t> node_index_;  // id -> position in nodes_
};

// A PgSink that builds a PgDocument.
class PgDocumentBuilder : public PgSink {
 public:
  explicit PgDocumentBuilder(PgDocument* doc) : doc_(doc) {}
  Status on_node(const pg::PgNode& node) override { doc_->add_node(node); return Status(); }
  Status on_edge(const pg::PgEdge& edge) override { doc_->add_edge(edge); return Status(); }

 private:
  PgDocument* doc_;
};

}  // namespace mlkg::load

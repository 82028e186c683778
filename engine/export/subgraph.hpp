#pragma once
// What an export writes (Subgraph) and how every writer reads it (GraphView).
//
// Subgraph is the selection: the whole graph, or the nodes and relationships
// a query returned. add_value() walks one result value and takes every node,
// relationship and path in it, looking inside lists and maps. A relationship
// always brings its two end nodes (GraphView adds them), so every exported
// relationship has both ends in the file.
//
// GraphView reads a selection through one storage transaction, which must
// outlive it, so a writer sees one consistent snapshot however many passes it
// makes (formats with a header, such as GraphML and neo4j-csv, read the graph
// twice). It streams the whole graph from the store without holding it; a
// selected subgraph is read once into memory (subgraphs are small).
//
// Node keys: every exported node gets a key that is unique within the export,
// the name other formats use for it (PG node id, GraphML/DOT/GEXF node id,
// neo4j-csv :ID, the id Cypher matches on). It is the node's string `id`
// property where no other exported node has the same one; else its integer
// `id` in decimal, if that is unique; else a generated "_<internal id>"
// (with more underscores in front if that is taken). KeyKind says which, so
// writers that conflate key and `id` can say what they changed.
//
// Order: nodes and relationships come in internal id order, which is stable
// for a database, so the same export of the same data gives the same bytes.
// Properties of an entity come sorted by key name.
//
// Not thread-safe; one writer at a time.

#include <atomic>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/common/status.hpp"
#include "engine/storage/ids.hpp"
#include "engine/value/value.hpp"

namespace mlkg::storage {
class Transaction;
}

namespace mlkg::exporter {

class Subgraph {
 public:
  // Everything in the database.
  static Subgraph whole_graph();
  // Nothing yet; add_value() and add_node() fill it.
  Subgraph() = default;

  bool whole() const { return whole_; }
  // Takes every node, relationship and path in `v`, recursively through
  // lists and maps. Other values are ignored.
  void add_value(const Value& v);
  void add_node(uint64_t id) { nodes_.insert(id); }
  void add_relationship(uint64_t id) { rels_.insert(id); }

  const std::set<uint64_t>& nodes() const { return nodes_; }
  const std::set<uint64_t>& relationships() const { return rels_; }

 private:
  bool whole_ = false;
  std::set<uint64_t> nodes_;
  std::set<uint64_t> rels_;
};

struct ExportProperty {
  std::string_view key;  // the property key's name
  Value value;           // a scalar or a list of scalars (what storage holds)
};

struct ExportNode {
  uint64_t id = 0;                       // internal id
  std::string_view key;                  // unique within the export (see above)
  std::vector<std::string_view> labels;  // in the order they were added
  std::vector<ExportProperty> properties;  // sorted by key name; `id` included
};

struct ExportRel {
  uint64_t id = 0;
  std::string_view type;
  uint64_t start = 0, end = 0;
  std::string_view start_key, end_key;
  bool undirected = false;  // imported from a PG `--` edge
  std::vector<ExportProperty> properties;  // sorted by key name
};

enum class KeyKind {
  kStringId,   // the node's own string `id`
  kIntegerId,  // its integer `id`, in decimal
  kGenerated,  // no usable `id` (none, or shared with another node)
};

class GraphView {
 public:
  // `txn` must outlive the view. `cancelled`, when set from another thread,
  // makes the next pass stop with a "cancelled" error.
  GraphView(storage::Transaction& txn, Subgraph selection, const std::atomic<bool>* cancelled = nullptr);
  ~GraphView();

  // Reads what the selection needs, adds the end nodes of its relationships,
  // drops entities that do not exist, and assigns keys. Call once, first.
  Status init();

  uint64_t node_count() const { return node_count_; }
  uint64_t relationship_count() const { return rel_count_; }

  // Calls `fn` for every node, then returns; a non-OK Status from `fn` stops
  // the pass and is returned. The ExportNode is reused between calls.
  Status for_each_node(const std::function<Status(const ExportNode&)>& fn);
  // The same for relationships.
  Status for_each_rel(const std::function<Status(const ExportRel&)>& fn);

  // The key of an exported node, and how it was made.
  std::string_view key(uint64_t node) const;
  KeyKind key_kind(uint64_t node) const;
  // How many keys were not the node's string id.
  uint64_t keys_from_integer_ids() const { return integer_keys_; }
  uint64_t generated_keys() const { return generated_keys_; }

 private:
  struct Keyed {
    std::string key;
    KeyKind kind;
  };
  Status check_cancelled(uint64_t done) const;
  void fill_node(const storage::NodeRecord& rec, ExportNode* out) const;
  void fill_rel(const storage::RelRecord& rec, ExportRel* out) const;
  void fill_properties(const storage::PropertyList& props, std::vector<ExportProperty>* out) const;

  storage::Transaction& txn_;
  Subgraph selection_;
  const std::atomic<bool>* cancelled_;
  uint64_t node_count_ = 0, rel_count_ = 0;
  uint64_t integer_keys_ = 0, generated_keys_ = 0;
  std::unordered_map<uint64_t, Keyed> keys_;
  // A selected subgraph, read once in init(); empty for the whole graph.
  std::vector<storage::NodeRecord> nodes_;
  std::vector<storage::RelRecord> rels_;
};

}  // namespace mlkg::exporter

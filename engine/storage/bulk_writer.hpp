#pragma once
// BulkWriter: the fast write path for imports.
//
// It stages whole records, derives their index entries (property and
// full-text, as diffs against the records they replace) and adjacency
// entries, sorts everything per column family, writes sorted table files and
// ingests them in one atomic step (RocksDB IngestExternalFiles): after a
// crash either the whole import is in the database or none of it is.
// Sorted ingestion is what makes imports run at hundreds of thousands of
// edges per second, where random-order batch writes manage about ninety
// thousand (DESIGN.md §10).
//
// Reads through the BulkWriter see its snapshot only, not what it staged.
// Like a WriteTransaction it holds the store's writer lock while it lives;
// destroying it without commit() discards everything staged.

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/storage/transaction.hpp"

namespace mlkg::storage {

class BulkWriter : public Transaction {
 public:
  ~BulkWriter() override;

  LabelId label_id(std::string_view name) { return names_.intern(NameKind::kLabel, name); }
  TypeId type_id(std::string_view name) { return names_.intern(NameKind::kType, name); }
  PropertyKeyId key_id(std::string_view name) { return names_.intern(NameKind::kKey, name); }

  NodeId allocate_node_id() { return next_node_++; }
  RelId allocate_rel_id() { return next_rel_++; }

  // Stages the complete new state of a node: a new node (previous == nullptr,
  // node.id from allocate_node_id) or an existing one (previous = its record
  // in the snapshot). Each node may be staged once. Properties must be sorted
  // by key, unique and storable; labels unique.
  void stage_node(NodeRecord node, const NodeRecord* previous);

  // Stages a new relationship with properties already encoded by
  // encode_properties(). Both end nodes must exist in the snapshot or be staged.
  void stage_rel(RelId id, TypeId type, NodeId start, NodeId end, bool undirected, std::string_view encoded_properties);

  // Stages a free-form store property (GraphStore::get_property), written
  // in the same ingestion.
  void stage_store_property(std::string name, std::string value) {
    store_properties_.emplace_back(std::move(name), std::move(value));
  }

  // Defines a new property index, filled from the snapshot's nodes and the
  // staged ones at commit, called `name` (empty: the catalog's generated
  // name). kInvalidArgument if one exists on (label, key) or the name is taken.
  Status define_index(LabelId label, PropertyKeyId key, bool unique, IndexId* out, std::string name = {});

  // Progress while committing: phase name, units done, units in total.
  using Progress = std::function<void(const char* phase, uint64_t done, uint64_t total)>;

  // Sorts, writes and ingests everything staged. Fails with
  // kConstraintViolation (nothing written) if a unique index would hold a
  // value twice. The writer is finished either way.
  Status commit(const Progress& progress = {});

  size_t staged_nodes() const { return nodes_.size(); }
  size_t staged_rels() const { return rels_.size(); }

 private:
  friend class GraphStore;
  BulkWriter(GraphStore* store, StoreView view, std::unique_lock<std::timed_mutex> lock);
  Status load_counters();
  int64_t pending_count_delta(const std::string& key) const override { return 0; }

  struct StagedRel {
    RelId id;
    size_t offset;  // the record's bytes in rel_arena_
    size_t size;
  };
  struct AdjKey {
    NodeId node;
    uint8_t dir;
    TypeId type;
    NodeId neighbour;
    RelId rel;
  };
  struct StagedNode {
    NodeRecord record;
    std::unique_ptr<NodeRecord> previous;
  };

  Status check_unique_entries(std::vector<std::pair<std::string, std::string>>& puts,
                              const std::vector<std::string>& deletes);

  std::unique_lock<std::timed_mutex> lock_;
  std::shared_ptr<const Catalog> base_catalog_;  // as the snapshot has it
  CatalogWriter names_;
  NodeId next_node_ = 1;
  RelId next_rel_ = 1;
  NodeId first_new_node_ = 1;  // nodes below it existed before this writer
  std::vector<StagedNode> nodes_;
  std::vector<StagedRel> rels_;
  std::string rel_arena_;
  std::vector<AdjKey> adj_;
  std::unordered_map<TypeId, int64_t> type_deltas_;
  std::vector<IndexDefinition> new_indexes_;
  std::vector<std::pair<std::string, std::string>> store_properties_;
  bool finished_ = false;
  Status apply_commit(const Progress& progress);  // commit() without the ending
};

}  // namespace mlkg::storage

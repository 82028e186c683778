#pragma once
// GraphTxn: the query engine's view of one storage transaction.
//
// It resolves names to dictionary ids, caches decoded records for the
// length of a statement, reads entities for expression evaluation
// (GraphAccessor), and performs the writes of write statements, keeping the
// cache and the statement's counts (QueryStats) up to date. A statement that
// writes runs in a WriteTransaction, so it reads its own writes; one that
// only reads runs on a plain snapshot. A statement of an explicit
// transaction (explicit_transaction.hpp) gets a GraphTxn over the
// transaction's storage transaction, which outlives the statement: it reads
// the writes of the transaction's earlier statements, and its commit() ends
// only the statement.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/query/function/graph_accessor.hpp"
#include "engine/query/runtime/query_result.hpp"
#include "engine/storage/graph_store.hpp"
#include "engine/storage/transaction.hpp"

namespace mlkg::query {

class QueryError;

// The QueryError for a storage write that failed: a uniqueness constraint
// broken (kConstraintViolation) is ConstraintVerificationFailed:
// ConstraintVerificationFailed naming the node, label, property and value;
// a cancelled one TransientError: Cancelled; anything else DatabaseError.
// Every write of a statement goes through it, so that SET, MERGE and CREATE
// fail alike (and the statement's transaction, never committed, writes nothing).
QueryError write_failure(const Status& s);

class GraphTxn final : public GraphAccessor {
 public:
  // Begins a transaction: a writer when `write`, else a reader. Throws
  // QueryError when the store refuses (e.g. a read-only database).
  GraphTxn(storage::GraphStore& store, bool write);
  // A statement's view of `txn`, a transaction of `store` that outlives the
  // GraphTxn (an explicit transaction's); `writer` is `txn` itself when it
  // is a write transaction, else null (the statement may only read).
  GraphTxn(storage::GraphStore& store, storage::Transaction& txn, storage::WriteTransaction* writer);
  ~GraphTxn() override;

  storage::Transaction& txn() { return *txn_; }
  // The store the transaction reads (caches of derived data key on it).
  storage::GraphStore& store() { return store_; }
  bool writable() const { return writer_ != nullptr; }
  const storage::Catalog& catalog() const { return txn_->catalog(); }
  QueryStats& stats() { return stats_; }

  std::optional<storage::LabelId> label_id(std::string_view name) const { return catalog().find_label(name); }
  std::optional<storage::TypeId> type_id(std::string_view name) const { return catalog().find_type(name); }
  std::optional<storage::PropertyKeyId> key_id(std::string_view name) const { return catalog().find_key(name); }

  // Records, cached; null when the entity does not exist (or was deleted).
  const storage::NodeRecord* node(storage::NodeId id);
  const storage::RelRecord* rel(storage::RelId id);

  // ---- GraphAccessor
  Value node_property(uint64_t node, std::string_view key) override;
  Value rel_property(uint64_t rel, std::string_view key) override;
  ValueMap node_properties(uint64_t node) override;
  ValueMap rel_properties(uint64_t rel) override;
  std::vector<std::string> node_labels(uint64_t node) override;
  bool node_has_label(uint64_t node, std::string_view label) override;
  std::string rel_type(uint64_t rel) override;
  uint64_t rel_start(uint64_t rel) override;
  uint64_t rel_end(uint64_t rel) override;

  // ---- writes (writers only; they count themselves in stats())
  // Properties with a null value are skipped. Throws QueryError for values
  // that cannot be stored (TypeError: InvalidPropertyType).
  storage::NodeId create_node(const std::vector<std::string>& labels, const ValueMap& properties);
  storage::RelId create_rel(std::string_view type, storage::NodeId start, storage::NodeId end,
                            const ValueMap& properties);

  // Sets one property of a node or relationship (`entity` holds one); a
  // null value removes it. Throws DeletedEntityAccess for a deleted entity
  // and TypeError: InvalidPropertyType for a value that cannot be stored.
  void set_property(const Value& entity, const std::string& key, const Value& value);
  // Makes the entity's properties exactly `properties` (null values are
  // left out), or, with `merge`, sets each entry (null: removes it) and
  // keeps the rest.
  void set_properties(const Value& entity, const ValueMap& properties, bool merge);
  // Adds or removes labels of a node; labels it already has (or lacks) are
  // not counted.
  void set_labels(storage::NodeId node, const std::vector<std::string>& labels, bool add);

  // Deletes a relationship; one already deleted in this statement is left
  // alone (deleting twice is allowed). Counts it.
  void delete_rel(storage::RelId rel);
  // Deletes a node. With `detach`, its relationships go first. Without, the
  // node is deleted at once when it has no relationships left; otherwise it
  // is marked deleted (reads of it fail, scans skip it) and its deletion is
  // retried by finish_deletes(), since openCypher checks for remaining
  // relationships when the statement commits, not at the DELETE.
  void delete_node(storage::NodeId node, bool detach);
  // Deletes the marked nodes that have no relationships left. With `final`
  // (at commit), a node that still has one is ConstraintVerificationFailed:
  // DeleteConnectedNode.
  void finish_deletes(bool final);
  // Marked for deletion by delete_node and not yet removed from storage.
  bool deletion_pending(storage::NodeId node) const {
    return !pending_deletes_.empty() && pending_deletes_.count(node) > 0;
  }

  // Creates a full-text index (storage::WriteTransaction::create_fulltext_index),
  // adding the label and key names it needs, and drops one. The caller has
  // checked the name against catalog(). `stop` may cancel the creation, which
  // then throws the statement's cancellation.
  void create_fulltext_index(const std::string& name, const std::vector<std::string>& labels,
                             const std::vector<std::string>& keys, const std::function<bool()>& stop);
  void drop_fulltext_index(storage::IndexId index);
  // Creates a property index on (label, key), unique ones being uniqueness
  // constraints (storage::WriteTransaction::create_index), adding the names
  // it needs; `name` empty: a generated one. The caller has checked the
  // catalog for names and equivalent rules. Existing data that breaks a new
  // constraint throws SchemaError: ConstraintCreationFailed. Counted as an
  // index or a constraint added; drop_index counts its removal alike.
  void create_index(const std::string& label, const std::string& key, bool unique, const std::string& name);
  void drop_index(storage::IndexId index);

  // Copies an entity's current state into a value that outlives the
  // transaction (EntityData), recursively through lists, maps and paths.
  Value materialize(const Value& v);

  // Ends the statement: a writer checks the nodes it deleted without DETACH
  // (finish_deletes) and, when this GraphTxn began the transaction, applies
  // the writes and ends it. A borrowed transaction (an explicit
  // transaction's) is left open with the statement's writes in it.
  void commit();

 private:
  [[noreturn]] void deleted(const char* what, uint64_t id) const;
  storage::PropertyList to_properties(const ValueMap& map);
  // Throws the QueryError for a failed write: DeletedEntityAccess for an
  // entity that is gone, else write_failure(s).
  [[noreturn]] void write_failed(const Status& s, const char* what, uint64_t id) const;
  void forget(const Value& entity);  // drops the cached record

  storage::GraphStore& store_;
  std::unique_ptr<storage::Transaction> owned_;  // the transaction, when this GraphTxn began it
  storage::Transaction* txn_ = nullptr;          // owned_, or the borrowed one
  storage::WriteTransaction* writer_ = nullptr;  // txn_ when writing
  std::unordered_map<storage::NodeId, storage::NodeRecord> nodes_;
  std::unordered_map<storage::RelId, storage::RelRecord> rels_;
  QueryStats stats_;
  std::unordered_set<storage::NodeId> pending_deletes_;
  // What this statement deleted, as it was: a deleted relationship's type
  // stays readable, and RETURN shows a deleted entity as it was.
  std::unordered_map<storage::NodeId, storage::NodeRecord> deleted_nodes_;
  std::unordered_map<storage::RelId, storage::RelRecord> deleted_rels_;
};

}  // namespace mlkg::query

#pragma once
// Transactions over a GraphStore.
//
// Transaction: a read view on one snapshot. Every read of one transaction sees
// the database as it was when the transaction began (plus, for a
// WriteTransaction, its own writes so far).
//
// WriteTransaction: buffers its writes in an indexed batch, so its reads see
// them; commit() applies all of them in one atomic write; destroying it
// without commit() discards them, including any names it added to the
// catalog. Writes to records also keep the label index, property indexes,
// both adjacency entries of every relationship and the counts in step, in the
// same batch.
//
// Cursors borrow their transaction: they must not outlive it, and a
// WriteTransaction must not be written to while one of its cursors is open
// (materialise first, as openCypher's eager semantics require anyway).

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/common/status.hpp"
#include "engine/storage/adjacency_list.hpp"
#include "engine/storage/catalog.hpp"
#include "engine/storage/fulltext_index.hpp"
#include "engine/storage/ids.hpp"
#include "engine/storage/key_codec.hpp"
#include "engine/storage/rocks_instance.hpp"

namespace rocksdb {
class Iterator;
class Snapshot;
class WriteBatchWithIndex;
}  // namespace rocksdb

namespace mlkg::storage {

class GraphStore;
class ScanIterator;  // a bounded RocksDB iterator (transaction.cpp)

// What a transaction reads: one instance, and the catalog and data version
// of the state it shows (GraphStore hands them out together).
struct StoreView {
  std::shared_ptr<RocksInstance> rocks;
  std::shared_ptr<const Catalog> catalog;
  uint64_t data_version = 0;
};

// Node ids from the nodes family, the label index or a property index, in
// ascending order of their key.
class NodeCursor {
 public:
  enum class Source : uint8_t { kNodes, kLabelIndex, kPropertyIndex, kUniqueIndex, kSingle };
  NodeCursor(NodeCursor&&) noexcept;
  NodeCursor& operator=(NodeCursor&&) noexcept;
  ~NodeCursor();

  bool valid() const;
  NodeId node() const;  // requires valid()
  void next();
  // Non-OK if the scan stopped on an I/O error or corrupt key.
  Status status() const;

 private:
  friend class Transaction;
  NodeCursor(std::unique_ptr<ScanIterator> it, Source source);
  explicit NodeCursor(std::optional<NodeId> single);
  void settle();

  std::unique_ptr<ScanIterator> it_;
  Source source_;
  NodeId current_ = kNoId;
  Status status_;
};

// Adjacency entries of one node, ordered by (direction, type, neighbour, rel).
// It owns the encoded lists it walks (one or two point reads made by
// Transaction::expand), so it holds no RocksDB resources.
class AdjCursor {
 public:
  AdjCursor(AdjCursor&&) noexcept;
  AdjCursor& operator=(AdjCursor&&) noexcept;
  ~AdjCursor();

  bool valid() const { return valid_; }
  const AdjEntry& entry() const { return entry_; }  // requires valid()
  void next();
  // Non-OK if a read failed or a list does not decode.
  Status status() const { return status_; }

 private:
  friend class Transaction;
  AdjCursor() = default;
  void start_list();

  NodeId node_ = kNoId;
  std::optional<TypeId> type_;
  std::string lists_[2];  // encoded lists, in the order of dirs_
  Direction dirs_[2] = {Direction::kOut, Direction::kIn};
  int count_ = 0;         // lists to walk
  int current_ = 0;
  AdjListReader reader_;
  AdjEntry entry_;
  bool valid_ = false;
  Status status_;
};

// Every node record, ordered by id.
class NodeRecordCursor {
 public:
  NodeRecordCursor(NodeRecordCursor&&) noexcept;
  NodeRecordCursor& operator=(NodeRecordCursor&&) noexcept;
  ~NodeRecordCursor();

  bool valid() const;
  const NodeRecord& record() const;  // requires valid()
  void next();
  Status status() const;

 private:
  friend class Transaction;
  explicit NodeRecordCursor(std::unique_ptr<ScanIterator> it);
  void settle();

  std::unique_ptr<ScanIterator> it_;
  NodeRecord record_;
  Status status_;
};

// Every relationship, ordered by id.
class RelCursor {
 public:
  RelCursor(RelCursor&&) noexcept;
  RelCursor& operator=(RelCursor&&) noexcept;
  ~RelCursor();

  bool valid() const;
  const RelRecord& record() const;  // requires valid()
  void next();
  Status status() const;

 private:
  friend class Transaction;
  explicit RelCursor(std::unique_ptr<ScanIterator> it);
  void settle();

  std::unique_ptr<ScanIterator> it_;
  RelRecord record_;
  Status status_;
};

// Postings of a full-text index (fulltext_index.hpp), ordered by term, then
// node: those of one term, or of every term with a given prefix.
class PostingCursor {
 public:
  PostingCursor(PostingCursor&&) noexcept;
  PostingCursor& operator=(PostingCursor&&) noexcept;
  ~PostingCursor();

  bool valid() const { return valid_; }
  // Require valid(). term() views the cursor's current key: copy it to keep it.
  std::string_view term() const { return term_; }
  NodeId node() const { return node_; }
  const std::vector<uint32_t>& positions() const { return positions_; }  // ascending, never empty
  uint32_t frequency() const { return static_cast<uint32_t>(positions_.size()); }
  void next();
  // Non-OK if the scan stopped on an I/O error or an entry that does not decode.
  Status status() const { return status_; }

 private:
  friend class Transaction;
  explicit PostingCursor(std::unique_ptr<ScanIterator> it);
  void settle();

  std::unique_ptr<ScanIterator> it_;
  bool valid_ = false;
  std::string_view term_;
  NodeId node_ = kNoId;
  std::vector<uint32_t> positions_;
  Status status_;
};

class Transaction {
 public:
  friend class GraphStore;
  friend class ConsistencyChecker;
  virtual ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // The catalog this transaction sees (including names it added, for writers).
  const Catalog& catalog() const { return *catalog_; }
  // Which committed state of the store the snapshot shows. Every commit,
  // import and store-property write makes a new data version; versions are
  // unique within the process (never shared by two stores or reused), so
  // two transactions with the same data version see the same committed data
  // and the version can key caches of data derived from it. A writer's own
  // uncommitted writes are not part of it.
  uint64_t data_version() const { return data_version_; }

  // Point reads: *out is empty when there is no such record.
  Status get_node(NodeId id, std::optional<NodeRecord>* out);
  Status get_rel(RelId id, std::optional<RelRecord>* out);

  NodeCursor scan_nodes();
  NodeRecordCursor scan_node_records();
  NodeCursor scan_label(LabelId label);
  // Nodes whose indexed property equals `value` exactly (same type: an int
  // index entry does not match a float key; the query layer seeks both).
  NodeCursor seek_index(IndexId index, const Value& value);
  // Nodes whose indexed property has an index encoding in [lower, upper),
  // bounds as produced by encode_index_value (empty = unbounded).
  NodeCursor scan_index_range(IndexId index, const std::string& lower, const std::string& upper);
  // The node holding `value` in a unique index, if any.
  Status find_unique(IndexId index, const Value& value, std::optional<NodeId>* out);

  // Adjacency of `node`: both directions when `dir` is empty, one type or all.
  AdjCursor expand(NodeId node, std::optional<Direction> dir = std::nullopt,
                   std::optional<TypeId> type = std::nullopt);
  RelCursor scan_rels();

  // ---- full-text indexes (ids from catalog().fulltext_indexes())
  PostingCursor scan_postings(IndexId index, std::string_view term);
  PostingCursor scan_postings_with_prefix(IndexId index, std::string_view prefix);
  // Document count and total length (for a writer, with its own changes).
  Status fulltext_stats(IndexId index, FulltextStats* out);
  // The length of `node`'s document; empty when it is not a document.
  Status fulltext_document_length(IndexId index, NodeId node, std::optional<uint32_t>* out);

  // A free-form store property (GraphStore::put_property) as of the snapshot.
  Status get_store_property(const std::string& name, std::string* value, bool* found);

  Status count_nodes(uint64_t* out);
  Status count_nodes_with_label(LabelId label, uint64_t* out);
  Status count_rels(uint64_t* out);
  Status count_rels_with_type(TypeId type, uint64_t* out);

 protected:
  // Takes the snapshot (on an instance that has them; a secondary's state
  // holds still while it has readers) and registers as a reader of it.
  Transaction(GraphStore* store, StoreView view);
  // Ends the transaction's reads: releases the snapshot and its share of the
  // instance (a writer's primary closes, giving the write lock back, when
  // nothing else holds it). Nothing may be read afterwards.
  void end_reading();
  // Point read of one key in the snapshot (and the batch, for writers).
  Status read_key(int family, std::string_view key, std::string* value, bool* found);
  std::unique_ptr<ScanIterator> make_scan(int family, std::string lower, std::string upper);
  Status read_counter(const std::string& key, uint64_t* out);
  // The next node and relationship ids to allocate, as the snapshot has them.
  Status read_id_counters(NodeId* next_node, RelId* next_rel);
  virtual int64_t pending_count_delta(const std::string& key) const { return 0; }
  // A writer's change to a full-text index's statistics, not yet written.
  struct FulltextStatsDelta {
    int64_t documents = 0;
    int64_t total_length = 0;
  };
  virtual FulltextStatsDelta pending_fulltext_delta(IndexId index) const { return {}; }
  // A writer's own, not yet written version of an adjacency list: true and
  // its encoding in *out if the writer changed the list under `key`.
  virtual bool pending_adjacency(const std::string& key, std::string* out) { return false; }
  // Reads the encoded adjacency list of (node, dir); empty if none.
  Status read_adjacency(NodeId node, Direction dir, std::string* out);

  GraphStore* store_;
  std::shared_ptr<RocksInstance> rocks_;           // the database this transaction reads
  const rocksdb::Snapshot* snapshot_ = nullptr;   // of rocks_ (null on a secondary); released in the destructor
  std::shared_ptr<const Catalog> catalog_;
  uint64_t data_version_ = 0;
  rocksdb::WriteBatchWithIndex* batch_ = nullptr;  // set by WriteTransaction
};

// Name allocation and count bookkeeping shared by WriteTransaction and
// BulkWriter: a private copy of the catalog plus the meta entries to write.
class CatalogWriter {
 public:
  explicit CatalogWriter(const Catalog& base) : catalog_(std::make_shared<Catalog>(base)) {}
  uint32_t intern(NameKind kind, std::string_view name);
  const std::shared_ptr<Catalog>& catalog() const { return catalog_; }
  // New names and index changes as meta puts (key, value); empty value =
  // delete. When the schema changes, also the definitions that got their
  // names when the catalog loaded (Catalog::name_unnamed_indexes), so that
  // their names stay what SHOW INDEXES showed.
  std::vector<std::pair<std::string, std::string>> meta_changes();
  void record_index_added(const IndexDefinition& def) { index_changes_.push_back({def, true}); }
  void record_index_removed(const IndexDefinition& def) { index_changes_.push_back({def, false}); }
  void record_fulltext_added(const FulltextIndexDefinition& def) { fulltext_changes_.push_back({def, true}); }
  void record_fulltext_removed(const FulltextIndexDefinition& def) { fulltext_changes_.push_back({def, false}); }
  bool changed() const { return !new_names_.empty() || !index_changes_.empty() || !fulltext_changes_.empty(); }

 private:
  std::shared_ptr<Catalog> catalog_;
  std::vector<std::pair<NameKind, uint32_t>> new_names_;
  std::vector<std::pair<IndexDefinition, bool>> index_changes_;
  // In order: a drop and a re-creation under the same id in one
  // transaction end as the re-creation.
  std::vector<std::pair<FulltextIndexDefinition, bool>> fulltext_changes_;
};

class WriteTransaction : public Transaction {
 public:
  ~WriteTransaction() override;

  // Ids for names, added to the catalog on first use (and dropped again if
  // the transaction does not commit).
  LabelId label_id(std::string_view name) { return names_.intern(NameKind::kLabel, name); }
  TypeId type_id(std::string_view name) { return names_.intern(NameKind::kType, name); }
  PropertyKeyId key_id(std::string_view name) { return names_.intern(NameKind::kKey, name); }

  // Creates a node. Labels must be valid ids (duplicates are dropped);
  // properties must be storable with unique keys (any order).
  // kInvalidArgument for a non-storable value or an unknown label id;
  // kConstraintViolation if a unique index already holds one of its values.
  Status create_node(std::vector<LabelId> labels, PropertyList props, NodeId* out);
  // Sets (or, with a null value, removes) one property. kNotFound if the node
  // does not exist; kInvalidArgument if the value is not storable.
  Status set_node_property(NodeId node, PropertyKeyId key, const Value& value);
  Status add_node_label(NodeId node, LabelId label);
  Status remove_node_label(NodeId node, LabelId label);
  // Deletes a node. Without `detach`, a node that still has relationships is
  // kInvalidArgument and nothing changes; with it, its relationships go too.
  Status delete_node(NodeId node, bool detach);

  Status create_rel(TypeId type, NodeId start, NodeId end, PropertyList props, bool undirected, RelId* out);
  Status set_rel_property(RelId rel, PropertyKeyId key, const Value& value);
  Status delete_rel(RelId rel);

  // Creates a property index over nodes with `label` (0: every node) on `key`
  // and fills it from the existing nodes. A unique index (a uniqueness
  // constraint) over data that already holds a value twice (or 1 and 1.0)
  // fails with kConstraintViolation naming the nodes, label, key and value,
  // and writes nothing. `name` empty: Catalog::generate_index_name's.
  // kInvalidArgument if an index on (label, key) exists already or the name
  // is taken (by any index or constraint).
  Status create_index(LabelId label, PropertyKeyId key, bool unique, IndexId* out, std::string name = {});
  Status drop_index(IndexId index);

  // Creates the full-text index `name` over the nodes with any of `labels`,
  // reading `keys` in that order (fulltext_index.hpp), and indexes the
  // existing nodes in this transaction. Duplicates in the lists are
  // dropped. kInvalidArgument if the name is empty or taken (by any index
  // or constraint), a list is empty or an id unknown. `stop`, polled while
  // the existing nodes are read, may abandon the work by returning true
  // (kAborted).
  Status create_fulltext_index(std::string name, std::vector<LabelId> labels, std::vector<PropertyKeyId> keys,
                               IndexId* out, const std::function<bool()>& stop = {});
  // Drops a full-text index and every entry of it. kNotFound if there is none.
  Status drop_fulltext_index(IndexId index);

  // Applies every write atomically; the transaction is finished either way,
  // and gives the write lock back at once (nothing may be read through it
  // afterwards).
  Status commit();

 private:
  friend class GraphStore;
  WriteTransaction(GraphStore* store, StoreView view, std::unique_lock<std::timed_mutex> lock);
  Status load_counters();
  int64_t pending_count_delta(const std::string& key) const override;
  void add_count(const std::string& key, int64_t delta) { count_deltas_[key] += delta; }
  Status put_node(const NodeRecord& node);
  Status put_rel(const RelRecord& rel);
  // Adds or removes the entries of `node` in those of `defs` that apply to it.
  Status index_node(const NodeRecord& node, bool add, const std::vector<const IndexDefinition*>& defs);
  std::vector<const IndexDefinition*> all_indexes() const;
  Status index_entry(const IndexDefinition& def, const Value& value, NodeId node, bool add);
  // kConstraintViolation if a node other than `self` (kNoId: any node)
  // holds `v`, or a number equal to it of the other type, in unique `def`.
  Status check_unique(const IndexDefinition& def, const Value& v, NodeId self);
  Status delete_rel_record(const RelRecord& rel);
  bool pending_adjacency(const std::string& key, std::string* out) override;
  FulltextStatsDelta pending_fulltext_delta(IndexId index) const override;
  // Keeps every full-text index in step with a node going from `before` to
  // `after` (null: not there); call it with the record as stored so far.
  Status update_fulltext(const NodeRecord* before, const NodeRecord* after);
  Status apply_fulltext(IndexId index, const FulltextEntryChanges& changes);
  // The list of (node, dir) as this transaction has it, loaded on first use.
  Status adjacency(NodeId node, Direction dir, AdjacencyList** out);

  std::unique_lock<std::timed_mutex> lock_;
  std::unique_ptr<rocksdb::WriteBatchWithIndex> owned_batch_;
  CatalogWriter names_;
  NodeId next_node_ = 1;
  RelId next_rel_ = 1;
  bool ids_changed_ = false;
  std::unordered_map<std::string, int64_t> count_deltas_;
  // Adjacency lists this transaction changed, by adj key; written at commit.
  std::unordered_map<std::string, AdjacencyList> adjacency_;
  // Changes to the statistics of full-text indexes, by index; written at
  // commit (every index created here has an entry, so its statistics are).
  std::unordered_map<IndexId, FulltextStatsDelta> fulltext_deltas_;
  bool finished_ = false;
  Status apply_commit();  // commit() without the ending
};

}  // namespace mlkg::storage

#include "engine/storage/transaction.hpp"

#include <algorithm>

#include <rocksdb/db.h>
#include <rocksdb/utilities/write_batch_with_index.h>

#include "engine/common/memory_budget.hpp"
#include "engine/storage/graph_store.hpp"
#include "engine/storage/record_codec.hpp"
#include "engine/storage/rocks_util.hpp"
#include "engine/storage/scan_iterator.hpp"

namespace mlkg::storage {

// Every call into RocksDB that may allocate more than a few bytes (reads,
// iterators, batch writes, commits) runs under a NoAllocationRefusal, here
// and in graph_store.cpp: RocksDB is not written to survive an exception
// from operator new (a reference it holds, such as a cached SuperVersion,
// would never be returned), so a statement's memory budget counts what
// RocksDB allocates for it but never refuses it; the statement stops at its
// next check instead (engine/common/memory_budget.hpp).

namespace {

rocksdb::Status batch_put(rocksdb::WriteBatchWithIndex* batch, rocksdb::ColumnFamilyHandle* cf,
                          const rocksdb::Slice& key, const rocksdb::Slice& value) {
  const NoAllocationRefusal rocks;
  return batch->Put(cf, key, value);
}

rocksdb::Status batch_delete(rocksdb::WriteBatchWithIndex* batch, rocksdb::ColumnFamilyHandle* cf,
                             const rocksdb::Slice& key) {
  const NoAllocationRefusal rocks;
  return batch->Delete(cf, key);
}

}  // namespace

// ---------------------------------------------------------------- ScanIterator

ScanIterator::ScanIterator(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, const rocksdb::Snapshot* snapshot,
                           rocksdb::WriteBatchWithIndex* batch, std::string lower, std::string upper)
    : lower_(std::move(lower)), upper_(std::move(upper)) {
  const NoAllocationRefusal rocks;
  options_.snapshot = snapshot;
  options_.total_order_seek = true;
  if (!upper_.empty()) {
    upper_slice_ = rocksdb::Slice(upper_);
    options_.iterate_upper_bound = &upper_slice_;
  }
  rocksdb::Iterator* base = db->NewIterator(options_, cf);
  it_.reset(batch ? batch->NewIteratorWithBase(cf, base, &options_) : base);
  if (lower_.empty()) {
    it_->SeekToFirst();
  } else {
    it_->Seek(lower_);
  }
}

void ScanIterator::next() {
  const NoAllocationRefusal rocks;
  it_->Next();
}

Status ScanIterator::status() const { return from_rocks(it_->status(), "scan failed"); }

// ---------------------------------------------------------------- NodeCursor

NodeCursor::NodeCursor(std::unique_ptr<ScanIterator> it, Source source) : it_(std::move(it)), source_(source) {
  settle();
}
NodeCursor::NodeCursor(std::optional<NodeId> single) : source_(Source::kSingle), current_(single.value_or(kNoId)) {}
NodeCursor::NodeCursor(NodeCursor&&) noexcept = default;
NodeCursor& NodeCursor::operator=(NodeCursor&&) noexcept = default;
NodeCursor::~NodeCursor() = default;

void NodeCursor::settle() {
  if (!it_->valid()) {
    current_ = kNoId;
    if (status_.ok()) status_ = it_->status();
    return;
  }
  // Where the node id sits: the whole key (nodes), the key's last 8 bytes
  // (label and non-unique indexes), or the value (unique indexes).
  std::string_view bytes = source_ == Source::kUniqueIndex ? it_->value() : it_->key();
  bool well_formed = false;
  switch (source_) {
    case Source::kNodes: well_formed = bytes.size() == 8; break;
    case Source::kLabelIndex: well_formed = bytes.size() == kLabelIdxKeySize; break;
    case Source::kPropertyIndex: well_formed = bytes.size() >= 13; break;
    case Source::kUniqueIndex: well_formed = bytes.size() == 8; break;
    case Source::kSingle: break;
  }
  if (!well_formed) {
    status_ = Status::corruption("malformed index entry while scanning nodes");
    current_ = kNoId;
    return;
  }
  current_ = load_u64_be(bytes.data() + bytes.size() - 8);
}

bool NodeCursor::valid() const { return current_ != kNoId; }
NodeId NodeCursor::node() const { return current_; }
Status NodeCursor::status() const { return status_; }

void NodeCursor::next() {
  if (source_ == Source::kSingle) {
    current_ = kNoId;
    return;
  }
  it_->next();
  settle();
}

// ---------------------------------------------------------------- AdjCursor

AdjCursor::AdjCursor(AdjCursor&&) noexcept = default;
AdjCursor& AdjCursor::operator=(AdjCursor&&) noexcept = default;
AdjCursor::~AdjCursor() = default;

void AdjCursor::start_list() {
  reader_ = AdjListReader(lists_[current_], type_ ? &*type_ : nullptr);
}

void AdjCursor::next() {
  valid_ = false;
  while (current_ < count_) {
    AdjItem item;
    if (reader_.next(&item)) {
      entry_ = AdjEntry{node_, dirs_[current_], item.type, item.neighbour, item.rel};
      valid_ = true;
      return;
    }
    if (reader_.corrupt()) {
      status_ = Status::corruption("the adjacency list of node " + std::to_string(node_) + " does not decode");
      return;
    }
    if (++current_ < count_) start_list();
  }
}

// ---------------------------------------------------------------- NodeRecordCursor

NodeRecordCursor::NodeRecordCursor(std::unique_ptr<ScanIterator> it) : it_(std::move(it)) { settle(); }
NodeRecordCursor::NodeRecordCursor(NodeRecordCursor&&) noexcept = default;
NodeRecordCursor& NodeRecordCursor::operator=(NodeRecordCursor&&) noexcept = default;
NodeRecordCursor::~NodeRecordCursor() = default;

void NodeRecordCursor::settle() {
  record_.id = kNoId;
  if (!it_->valid()) {
    if (status_.ok()) status_ = it_->status();
    return;
  }
  if (it_->key().size() != 8 || !decode_node_record(it_->value(), &record_)) {
    status_ = Status::corruption("a node record does not decode");
    record_.id = kNoId;
    return;
  }
  record_.id = decode_node_key(it_->key());
}

bool NodeRecordCursor::valid() const { return record_.id != kNoId; }
const NodeRecord& NodeRecordCursor::record() const { return record_; }
Status NodeRecordCursor::status() const { return status_; }
void NodeRecordCursor::next() {
  it_->next();
  settle();
}

// ---------------------------------------------------------------- RelCursor

RelCursor::RelCursor(std::unique_ptr<ScanIterator> it) : it_(std::move(it)) { settle(); }
RelCursor::RelCursor(RelCursor&&) noexcept = default;
RelCursor& RelCursor::operator=(RelCursor&&) noexcept = default;
RelCursor::~RelCursor() = default;

void RelCursor::settle() {
  record_.id = kNoId;
  if (!it_->valid()) {
    if (status_.ok()) status_ = it_->status();
    return;
  }
  if (it_->key().size() != 8 || !decode_rel_record(it_->value(), &record_)) {
    status_ = Status::corruption("a relationship record does not decode");
    record_.id = kNoId;
    return;
  }
  record_.id = decode_rel_key(it_->key());
}

bool RelCursor::valid() const { return record_.id != kNoId; }
const RelRecord& RelCursor::record() const { return record_; }
Status RelCursor::status() const { return status_; }
void RelCursor::next() {
  it_->next();
  settle();
}

// ---------------------------------------------------------------- PostingCursor

PostingCursor::PostingCursor(std::unique_ptr<ScanIterator> it) : it_(std::move(it)) { settle(); }
PostingCursor::PostingCursor(PostingCursor&&) noexcept = default;
PostingCursor& PostingCursor::operator=(PostingCursor&&) noexcept = default;
PostingCursor::~PostingCursor() = default;

void PostingCursor::settle() {
  valid_ = false;
  if (!it_->valid()) {
    if (status_.ok()) status_ = it_->status();
    return;
  }
  TextKey key;
  if (!parse_text_key(it_->key(), &key) || key.kind != TextKeyKind::kPosting ||
      !decode_posting(it_->value(), &positions_)) {
    status_ = Status::corruption("a full-text posting does not decode");
    return;
  }
  term_ = key.term;
  node_ = key.node;
  valid_ = true;
}

void PostingCursor::next() {
  it_->next();
  settle();
}

// ---------------------------------------------------------------- Transaction

Transaction::Transaction(GraphStore* store, StoreView view)
    : store_(store), rocks_(std::move(view.rocks)), catalog_(std::move(view.catalog)),
      data_version_(view.data_version) {
  rocks_->add_reader();
  if (rocks_->has_snapshots()) snapshot_ = rocks_->db()->GetSnapshot();
}

Transaction::~Transaction() { end_reading(); }

void Transaction::end_reading() {
  if (!rocks_) return;
  if (snapshot_) rocks_->db()->ReleaseSnapshot(snapshot_);
  snapshot_ = nullptr;
  rocks_->remove_reader();
  rocks_.reset();
}

Status Transaction::read_key(int family, std::string_view key, std::string* value, bool* found) {
  if (!rocks_) return Status::invalid_argument("the transaction has ended");
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot_;
  auto* cf = rocks_->cf(static_cast<Family>(family));
  rocksdb::Slice k(key.data(), key.size());
  const NoAllocationRefusal rocks;
  rocksdb::Status s = batch_ ? batch_->GetFromBatchAndDB(rocks_->db(), ro, cf, k, value)
                             : rocks_->db()->Get(ro, cf, k, value);
  *found = s.ok();
  if (s.IsNotFound()) return Status();
  return from_rocks(s, "read failed");
}

std::unique_ptr<ScanIterator> Transaction::make_scan(int family, std::string lower, std::string upper) {
  return std::make_unique<ScanIterator>(rocks_->db(), rocks_->cf(static_cast<Family>(family)), snapshot_, batch_,
                                        std::move(lower), std::move(upper));
}

Status Transaction::get_node(NodeId id, std::optional<NodeRecord>* out) {
  out->reset();
  std::string value;
  bool found;
  MLKG_RETURN_IF_ERROR(read_key(static_cast<int>(Family::kNodes), node_key(id), &value, &found));
  if (!found) return Status();
  NodeRecord rec;
  if (!decode_node_record(value, &rec)) return Status::corruption("node " + std::to_string(id) + " does not decode");
  rec.id = id;
  *out = std::move(rec);
  return Status();
}

Status Transaction::get_rel(RelId id, std::optional<RelRecord>* out) {
  out->reset();
  std::string value;
  bool found;
  MLKG_RETURN_IF_ERROR(read_key(static_cast<int>(Family::kRels), rel_key(id), &value, &found));
  if (!found) return Status();
  RelRecord rec;
  if (!decode_rel_record(value, &rec))
    return Status::corruption("relationship " + std::to_string(id) + " does not decode");
  rec.id = id;
  *out = std::move(rec);
  return Status();
}

NodeCursor Transaction::scan_nodes() {
  return NodeCursor(make_scan(static_cast<int>(Family::kNodes), "", ""), NodeCursor::Source::kNodes);
}

NodeCursor Transaction::scan_label(LabelId label) {
  std::string prefix = label_idx_prefix(label);
  std::string upper = prefix_successor(prefix);
  return NodeCursor(make_scan(static_cast<int>(Family::kLabelIdx), std::move(prefix), std::move(upper)),
                    NodeCursor::Source::kLabelIndex);
}

NodeCursor Transaction::seek_index(IndexId index, const Value& value) {
  const IndexDefinition* def = catalog_->find_index(index);
  if (!def || !is_storable(value)) return NodeCursor(std::nullopt);
  if (def->unique) {
    std::optional<NodeId> node;
    Status s = find_unique(index, value, &node);
    NodeCursor c(node);
    c.status_ = s;
    if (!s.ok()) c.current_ = kNoId;
    return c;
  }
  std::string prefix = prop_idx_unique_key(index, value);
  std::string upper = prefix_successor(prefix);
  return NodeCursor(make_scan(static_cast<int>(Family::kPropIdx), std::move(prefix), std::move(upper)),
                    NodeCursor::Source::kPropertyIndex);
}

NodeCursor Transaction::scan_index_range(IndexId index, const std::string& lower, const std::string& upper) {
  const IndexDefinition* def = catalog_->find_index(index);
  if (!def) return NodeCursor(std::nullopt);
  std::string prefix = prop_idx_prefix(index);
  std::string lo = prefix + lower;
  std::string hi = upper.empty() ? prefix_successor(prefix) : prefix + upper;
  return NodeCursor(make_scan(static_cast<int>(Family::kPropIdx), std::move(lo), std::move(hi)),
                    def->unique ? NodeCursor::Source::kUniqueIndex : NodeCursor::Source::kPropertyIndex);
}

Status Transaction::find_unique(IndexId index, const Value& value, std::optional<NodeId>* out) {
  out->reset();
  if (!is_storable(value)) return Status();
  std::string v;
  bool found;
  MLKG_RETURN_IF_ERROR(read_key(static_cast<int>(Family::kPropIdx), prop_idx_unique_key(index, value), &v, &found));
  if (!found) return Status();
  if (v.size() != 8) return Status::corruption("a unique index entry does not decode");
  *out = load_u64_be(v.data());
  return Status();
}

Status Transaction::read_adjacency(NodeId node, Direction dir, std::string* out) {
  out->clear();
  std::string key = adj_key(node, dir);
  if (pending_adjacency(key, out)) return Status();
  bool found;
  return read_key(static_cast<int>(Family::kAdj), key, out, &found);
}

AdjCursor Transaction::expand(NodeId node, std::optional<Direction> dir, std::optional<TypeId> type) {
  AdjCursor c;
  c.node_ = node;
  c.type_ = type;
  if (dir) {
    c.dirs_[0] = *dir;
    c.count_ = 1;
  } else {
    c.count_ = 2;
  }
  for (int i = 0; i < c.count_; ++i) {
    Status s = read_adjacency(node, c.dirs_[i], &c.lists_[i]);
    if (!s.ok()) {
      c.status_ = s;
      return c;
    }
  }
  c.start_list();
  c.next();
  return c;
}

NodeRecordCursor Transaction::scan_node_records() {
  return NodeRecordCursor(make_scan(static_cast<int>(Family::kNodes), "", ""));
}

RelCursor Transaction::scan_rels() { return RelCursor(make_scan(static_cast<int>(Family::kRels), "", "")); }

Status Transaction::read_counter(const std::string& key, uint64_t* out) {
  std::string v;
  bool found;
  // Counters are read from the snapshot only; a writer adds its own deltas.
  rocksdb::WriteBatchWithIndex* saved = batch_;
  batch_ = nullptr;
  Status s = read_key(static_cast<int>(Family::kMeta), key, &v, &found);
  batch_ = saved;
  MLKG_RETURN_IF_ERROR(s);
  uint64_t base = 0;
  if (found) {
    if (v.size() != 8) return Status::corruption("a counter does not decode");
    base = load_u64_be(v.data());
  }
  *out = static_cast<uint64_t>(static_cast<int64_t>(base) + pending_count_delta(key));
  return Status();
}

Status Transaction::read_id_counters(NodeId* next_node, RelId* next_rel) {
  for (auto [key, target] : {std::pair{meta_next_node_key(), next_node}, std::pair{meta_next_rel_key(), next_rel}}) {
    std::string v;
    bool found;
    MLKG_RETURN_IF_ERROR(read_key(static_cast<int>(Family::kMeta), key, &v, &found));
    if (!found || v.size() != 8) return Status::corruption("the id counters of " + store_->path() + " are missing");
    *target = load_u64_be(v.data());
  }
  return Status();
}

PostingCursor Transaction::scan_postings(IndexId index, std::string_view term) {
  std::string prefix = text_term_prefix(index, term);
  std::string upper = prefix_successor(prefix);
  return PostingCursor(make_scan(static_cast<int>(Family::kTextIdx), std::move(prefix), std::move(upper)));
}

PostingCursor Transaction::scan_postings_with_prefix(IndexId index, std::string_view prefix) {
  std::string lower = text_terms_with_prefix(index, prefix);
  std::string upper = prefix_successor(lower);
  return PostingCursor(make_scan(static_cast<int>(Family::kTextIdx), std::move(lower), std::move(upper)));
}

Status Transaction::fulltext_stats(IndexId index, FulltextStats* out) {
  *out = FulltextStats();
  std::string v;
  bool found;
  MLKG_RETURN_IF_ERROR(read_key(static_cast<int>(Family::kTextIdx), text_stats_key(index), &v, &found));
  if (found && !decode_fulltext_stats(v, out))
    return Status::corruption("the statistics of full-text index " + std::to_string(index) + " do not decode");
  FulltextStatsDelta d = pending_fulltext_delta(index);
  out->documents = static_cast<uint64_t>(static_cast<int64_t>(out->documents) + d.documents);
  out->total_length = static_cast<uint64_t>(static_cast<int64_t>(out->total_length) + d.total_length);
  return Status();
}

Status Transaction::fulltext_document_length(IndexId index, NodeId node, std::optional<uint32_t>* out) {
  out->reset();
  std::string v;
  bool found;
  MLKG_RETURN_IF_ERROR(read_key(static_cast<int>(Family::kTextIdx), text_document_key(index, node), &v, &found));
  if (!found) return Status();
  uint32_t length;
  if (!decode_document_length(v, &length))
    return Status::corruption("a document length of full-text index " + std::to_string(index) + " does not decode");
  *out = length;
  return Status();
}

Status Transaction::get_store_property(const std::string& name, std::string* value, bool* found) {
  return read_key(static_cast<int>(Family::kMeta), meta_property_key(name), value, found);
}

Status Transaction::count_nodes(uint64_t* out) { return read_counter(meta_total_nodes_key(), out); }
Status Transaction::count_rels(uint64_t* out) { return read_counter(meta_total_rels_key(), out); }
Status Transaction::count_nodes_with_label(LabelId label, uint64_t* out) {
  return read_counter(meta_count_key('L', label), out);
}
Status Transaction::count_rels_with_type(TypeId type, uint64_t* out) {
  return read_counter(meta_count_key('T', type), out);
}

// ---------------------------------------------------------------- CatalogWriter

uint32_t CatalogWriter::intern(NameKind kind, std::string_view name) {
  if (auto id = catalog_->find(kind, name)) return *id;
  uint32_t id = catalog_->add_name(kind, std::string(name));
  new_names_.emplace_back(kind, id);
  return id;
}

std::vector<std::pair<std::string, std::string>> CatalogWriter::meta_changes() {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto [kind, id] : new_names_)
    out.emplace_back(meta_name_key(static_cast<char>(kind), id), catalog_->name(kind, id));
  if (!index_changes_.empty() || !fulltext_changes_.empty()) {
    for (IndexId id : catalog_->take_generated_names())
      out.emplace_back(meta_index_key(id), encode_index_definition(*catalog_->find_index(id)));
  }
  for (const auto& [def, added] : index_changes_)
    out.emplace_back(meta_index_key(def.id), added ? encode_index_definition(def) : std::string());
  for (const auto& [def, added] : fulltext_changes_)
    out.emplace_back(meta_fulltext_index_key(def.id), added ? encode_fulltext_definition(def) : std::string());
  return out;
}

// ---------------------------------------------------------------- WriteTransaction

namespace {

// Sorts properties by key, drops nulls, and checks that every value can be
// stored and every key appears once.
Status normalise_properties(PropertyList* props, const Catalog& catalog) {
  std::erase_if(*props, [](const Property& p) { return p.value.is_null(); });
  std::sort(props->begin(), props->end(), [](const Property& a, const Property& b) { return a.key < b.key; });
  for (size_t i = 0; i < props->size(); ++i) {
    const Property& p = (*props)[i];
    if (!catalog.has_id(NameKind::kKey, p.key))
      return Status::invalid_argument("unknown property key id " + std::to_string(p.key));
    if (i > 0 && (*props)[i - 1].key == p.key)
      return Status::invalid_argument("property '" + catalog.key_name(p.key) + "' is given twice");
    if (!is_storable(p.value))
      return Status::invalid_argument("property '" + catalog.key_name(p.key) + "' cannot be stored: a " +
                                      type_name(p.value.type()) +
                                      " is not a property value (use a boolean, number, string or a list of them)");
  }
  return Status();
}

}  // namespace

WriteTransaction::WriteTransaction(GraphStore* store, StoreView view, std::unique_lock<std::timed_mutex> lock)
    : Transaction(store, view),
      lock_(std::move(lock)),
      owned_batch_(std::make_unique<rocksdb::WriteBatchWithIndex>(rocksdb::BytewiseComparator(), 0, true)),
      names_(*view.catalog) {
  batch_ = owned_batch_.get();
  catalog_ = names_.catalog();
}

WriteTransaction::~WriteTransaction() = default;

Status WriteTransaction::load_counters() { return read_id_counters(&next_node_, &next_rel_); }

int64_t WriteTransaction::pending_count_delta(const std::string& key) const {
  auto it = count_deltas_.find(key);
  return it == count_deltas_.end() ? 0 : it->second;
}

Status WriteTransaction::put_node(const NodeRecord& node) {
  return from_rocks(batch_put(batch_, rocks_->cf(Family::kNodes), node_key(node.id), encode_node_record(node)), "write");
}

Status WriteTransaction::put_rel(const RelRecord& rel) {
  return from_rocks(batch_put(batch_, rocks_->cf(Family::kRels), rel_key(rel.id), encode_rel_record(rel)), "write");
}

Status WriteTransaction::index_entry(const IndexDefinition& def, const Value& value, NodeId node, bool add) {
  auto* cf = rocks_->cf(Family::kPropIdx);
  if (def.unique) {
    std::string key = prop_idx_unique_key(def.id, value);
    if (!add) return from_rocks(batch_delete(batch_, cf, key), "write");
    std::string v;
    put_u64_be(&v, node);
    return from_rocks(batch_put(batch_, cf, key, v), "write");
  }
  std::string key = prop_idx_key(def.id, value, node);
  return from_rocks(add ? batch_put(batch_, cf, key, "") : batch_delete(batch_, cf, key), "write");
}

Status WriteTransaction::index_node(const NodeRecord& node, bool add, const std::vector<const IndexDefinition*>& defs) {
  for (const IndexDefinition* def : defs) {
    if (!def->applies_to(node.labels)) continue;
    if (const Value* v = find_property(node.properties, def->key)) MLKG_RETURN_IF_ERROR(index_entry(*def, *v, node.id, add));
  }
  return Status();
}

std::vector<const IndexDefinition*> WriteTransaction::all_indexes() const {
  std::vector<const IndexDefinition*> defs;
  for (const IndexDefinition& def : catalog_->indexes()) defs.push_back(&def);
  return defs;
}

Transaction::FulltextStatsDelta WriteTransaction::pending_fulltext_delta(IndexId index) const {
  auto it = fulltext_deltas_.find(index);
  return it == fulltext_deltas_.end() ? FulltextStatsDelta{} : it->second;
}

Status WriteTransaction::apply_fulltext(IndexId index, const FulltextEntryChanges& changes) {
  auto* cf = rocks_->cf(Family::kTextIdx);
  for (const auto& key : changes.deletes) MLKG_RETURN_IF_ERROR(from_rocks(batch_delete(batch_, cf, key), "write"));
  for (const auto& [key, value] : changes.puts) MLKG_RETURN_IF_ERROR(from_rocks(batch_put(batch_, cf, key, value), "write"));
  FulltextStatsDelta& d = fulltext_deltas_[index];
  d.documents += changes.documents;
  d.total_length += changes.total_length;
  return Status();
}

Status WriteTransaction::update_fulltext(const NodeRecord* before, const NodeRecord* after) {
  for (const FulltextIndexDefinition& def : catalog_->fulltext_indexes()) {
    if (!fulltext_input_changed(def, before, after)) continue;
    const TextAnalyzer* analyzer = store_->text_analyzer();
    if (!analyzer) return missing_text_analyzer();
    std::optional<FulltextDocument> old_doc = before ? fulltext_document(*analyzer, def, *before) : std::nullopt;
    std::optional<FulltextDocument> new_doc = after ? fulltext_document(*analyzer, def, *after) : std::nullopt;
    FulltextEntryChanges changes;
    diff_fulltext_entries(def.id, (before ? before : after)->id, old_doc, new_doc, &changes);
    MLKG_RETURN_IF_ERROR(apply_fulltext(def.id, changes));
  }
  return Status();
}

namespace {
// "node 5 already has label :Service and property 'id' = 'kinesis'
// (constraint constraint_Service_id)".
std::string describe_unique_violation(const Catalog& catalog, const IndexDefinition& def, const Value& v,
                                      NodeId holder) {
  std::string label = def.label ? "label :" + catalog.label_name(def.label) + " and " : std::string();
  return "node " + std::to_string(holder) + " already has " + label + "property '" + catalog.key_name(def.key) +
         "' = " + v.to_literal() + " (constraint " + def.name + ")";
}
}  // namespace

Status WriteTransaction::check_unique(const IndexDefinition& def, const Value& v, NodeId self) {
  std::optional<Value> twin = numeric_twin(v);
  for (const Value* probe : {&v, twin ? static_cast<const Value*>(&*twin) : nullptr}) {
    if (!probe) continue;
    std::optional<NodeId> holder;
    MLKG_RETURN_IF_ERROR(find_unique(def.id, *probe, &holder));
    if (holder && *holder != self)
      return Status::constraint_violation(describe_unique_violation(*catalog_, def, *probe, *holder));
  }
  return Status();
}

Status WriteTransaction::create_node(std::vector<LabelId> labels, PropertyList props, NodeId* out) {
  NodeRecord rec;
  for (LabelId l : labels) {
    if (!catalog_->has_id(NameKind::kLabel, l)) return Status::invalid_argument("unknown label id " + std::to_string(l));
    if (std::find(rec.labels.begin(), rec.labels.end(), l) == rec.labels.end()) rec.labels.push_back(l);
  }
  MLKG_RETURN_IF_ERROR(normalise_properties(&props, *catalog_));
  rec.properties = std::move(props);
  // Check every unique index before writing anything.
  for (const IndexDefinition& def : catalog_->indexes()) {
    if (!def.unique || !def.applies_to(rec.labels)) continue;
    if (const Value* v = find_property(rec.properties, def.key)) MLKG_RETURN_IF_ERROR(check_unique(def, *v, kNoId));
  }
  rec.id = next_node_++;
  ids_changed_ = true;
  MLKG_RETURN_IF_ERROR(put_node(rec));
  for (LabelId l : rec.labels) {
    MLKG_RETURN_IF_ERROR(from_rocks(batch_put(batch_, rocks_->cf(Family::kLabelIdx), label_idx_key(l, rec.id), ""), "write"));
    add_count(meta_count_key('L', l), 1);
  }
  add_count(meta_total_nodes_key(), 1);
  MLKG_RETURN_IF_ERROR(index_node(rec, true, all_indexes()));
  MLKG_RETURN_IF_ERROR(update_fulltext(nullptr, &rec));
  if (out) *out = rec.id;
  return Status();
}

Status WriteTransaction::set_node_property(NodeId node, PropertyKeyId key, const Value& value) {
  if (!catalog_->has_id(NameKind::kKey, key)) return Status::invalid_argument("unknown property key id " + std::to_string(key));
  if (!value.is_null() && !is_storable(value))
    return Status::invalid_argument("property '" + catalog_->key_name(key) + "' cannot be stored: a " +
                                    type_name(value.type()) + " is not a property value");
  std::optional<NodeRecord> rec;
  MLKG_RETURN_IF_ERROR(get_node(node, &rec));
  if (!rec) return Status::not_found("node " + std::to_string(node) + " does not exist");
  const Value* old = find_property(rec->properties, key);
  if (old ? *old == value : value.is_null()) return Status();

  std::vector<const IndexDefinition*> affected;
  for (const IndexDefinition& def : catalog_->indexes())
    if (def.key == key && def.applies_to(rec->labels)) affected.push_back(&def);
  if (!value.is_null()) {
    for (const IndexDefinition* def : affected) {
      if (def->unique) MLKG_RETURN_IF_ERROR(check_unique(*def, value, node));
    }
  }
  MLKG_RETURN_IF_ERROR(index_node(*rec, false, affected));
  std::optional<NodeRecord> before;
  for (const FulltextIndexDefinition& def : catalog_->fulltext_indexes()) {
    if (def.reads(key) && def.covers(rec->labels)) {
      before = *rec;  // a full-text document may change: keep the old state
      break;
    }
  }
  auto it = std::lower_bound(rec->properties.begin(), rec->properties.end(), key,
                             [](const Property& p, PropertyKeyId k) { return p.key < k; });
  if (value.is_null()) {
    rec->properties.erase(it);
  } else if (it != rec->properties.end() && it->key == key) {
    it->value = value;
  } else {
    rec->properties.insert(it, Property{key, value});
  }
  MLKG_RETURN_IF_ERROR(put_node(*rec));
  if (before) MLKG_RETURN_IF_ERROR(update_fulltext(&*before, &*rec));
  return index_node(*rec, true, affected);
}

Status WriteTransaction::add_node_label(NodeId node, LabelId label) {
  if (!catalog_->has_id(NameKind::kLabel, label)) return Status::invalid_argument("unknown label id " + std::to_string(label));
  std::optional<NodeRecord> rec;
  MLKG_RETURN_IF_ERROR(get_node(node, &rec));
  if (!rec) return Status::not_found("node " + std::to_string(node) + " does not exist");
  if (std::find(rec->labels.begin(), rec->labels.end(), label) != rec->labels.end()) return Status();
  std::vector<const IndexDefinition*> affected;
  for (const IndexDefinition& def : catalog_->indexes()) {
    if (def.label != label) continue;
    const Value* v = find_property(rec->properties, def.key);
    if (!v) continue;
    if (def.unique) MLKG_RETURN_IF_ERROR(check_unique(def, *v, node));
    affected.push_back(&def);
  }
  std::optional<NodeRecord> before;  // only copied when a full-text index may care
  if (!catalog_->fulltext_indexes().empty()) before = *rec;
  rec->labels.push_back(label);
  MLKG_RETURN_IF_ERROR(put_node(*rec));
  MLKG_RETURN_IF_ERROR(from_rocks(batch_put(batch_, rocks_->cf(Family::kLabelIdx), label_idx_key(label, node), ""), "write"));
  add_count(meta_count_key('L', label), 1);
  if (before) MLKG_RETURN_IF_ERROR(update_fulltext(&*before, &*rec));
  return index_node(*rec, true, affected);
}

Status WriteTransaction::remove_node_label(NodeId node, LabelId label) {
  std::optional<NodeRecord> rec;
  MLKG_RETURN_IF_ERROR(get_node(node, &rec));
  if (!rec) return Status::not_found("node " + std::to_string(node) + " does not exist");
  auto it = std::find(rec->labels.begin(), rec->labels.end(), label);
  if (it == rec->labels.end()) return Status();
  std::vector<const IndexDefinition*> affected;
  for (const IndexDefinition& def : catalog_->indexes())
    if (def.label == label) affected.push_back(&def);
  MLKG_RETURN_IF_ERROR(index_node(*rec, false, affected));
  std::optional<NodeRecord> before;  // only copied when a full-text index may care
  if (!catalog_->fulltext_indexes().empty()) before = *rec;
  rec->labels.erase(it);
  MLKG_RETURN_IF_ERROR(put_node(*rec));
  MLKG_RETURN_IF_ERROR(from_rocks(batch_delete(batch_, rocks_->cf(Family::kLabelIdx), label_idx_key(label, node)), "write"));
  add_count(meta_count_key('L', label), -1);
  return before ? update_fulltext(&*before, &*rec) : Status();
}

Status WriteTransaction::adjacency(NodeId node, Direction dir, AdjacencyList** out) {
  std::string key = adj_key(node, dir);
  auto it = adjacency_.find(key);
  if (it == adjacency_.end()) {
    std::string bytes;
    bool found;
    MLKG_RETURN_IF_ERROR(read_key(static_cast<int>(Family::kAdj), key, &bytes, &found));
    AdjacencyList list;
    if (!list.decode(bytes))
      return Status::corruption("the adjacency list of node " + std::to_string(node) + " does not decode");
    it = adjacency_.emplace(std::move(key), std::move(list)).first;
  }
  *out = &it->second;
  return Status();
}

bool WriteTransaction::pending_adjacency(const std::string& key, std::string* out) {
  auto it = adjacency_.find(key);
  if (it == adjacency_.end()) return false;
  it->second.items();  // normalise before encoding
  it->second.encode(out);
  return true;
}

Status WriteTransaction::delete_rel_record(const RelRecord& rel) {
  MLKG_RETURN_IF_ERROR(from_rocks(batch_delete(batch_, rocks_->cf(Family::kRels), rel_key(rel.id)), "write"));
  AdjacencyList* list;
  MLKG_RETURN_IF_ERROR(adjacency(rel.start, Direction::kOut, &list));
  list->remove(AdjItem{rel.type, rel.end, rel.id});
  MLKG_RETURN_IF_ERROR(adjacency(rel.end, Direction::kIn, &list));
  list->remove(AdjItem{rel.type, rel.start, rel.id});
  add_count(meta_count_key('T', rel.type), -1);
  add_count(meta_total_rels_key(), -1);
  return Status();
}

Status WriteTransaction::delete_node(NodeId node, bool detach) {
  std::optional<NodeRecord> rec;
  MLKG_RETURN_IF_ERROR(get_node(node, &rec));
  if (!rec) return Status::not_found("node " + std::to_string(node) + " does not exist");
  std::vector<RelId> rels;
  {
    AdjCursor c = expand(node);
    for (; c.valid(); c.next()) {
      if (!detach)
        return Status::invalid_argument("node " + std::to_string(node) +
                                        " still has relationships; delete them first, or use DETACH DELETE");
      rels.push_back(c.entry().rel);
    }
    MLKG_RETURN_IF_ERROR(c.status());
  }
  std::sort(rels.begin(), rels.end());
  rels.erase(std::unique(rels.begin(), rels.end()), rels.end());  // self-loops appear twice
  for (RelId r : rels) MLKG_RETURN_IF_ERROR(delete_rel(r));
  MLKG_RETURN_IF_ERROR(index_node(*rec, false, all_indexes()));
  MLKG_RETURN_IF_ERROR(update_fulltext(&*rec, nullptr));
  for (LabelId l : rec->labels) {
    MLKG_RETURN_IF_ERROR(from_rocks(batch_delete(batch_, rocks_->cf(Family::kLabelIdx), label_idx_key(l, node)), "write"));
    add_count(meta_count_key('L', l), -1);
  }
  MLKG_RETURN_IF_ERROR(from_rocks(batch_delete(batch_, rocks_->cf(Family::kNodes), node_key(node)), "write"));
  add_count(meta_total_nodes_key(), -1);
  return Status();
}

Status WriteTransaction::create_rel(TypeId type, NodeId start, NodeId end, PropertyList props, bool undirected,
                                    RelId* out) {
  if (!catalog_->has_id(NameKind::kType, type))
    return Status::invalid_argument("unknown relationship type id " + std::to_string(type));
  MLKG_RETURN_IF_ERROR(normalise_properties(&props, *catalog_));
  for (NodeId n : {start, end}) {
    std::string v;
    bool found;
    MLKG_RETURN_IF_ERROR(read_key(static_cast<int>(Family::kNodes), node_key(n), &v, &found));
    if (!found) return Status::not_found("node " + std::to_string(n) + " does not exist");
  }
  RelRecord rec;
  rec.id = next_rel_++;
  ids_changed_ = true;
  rec.type = type;
  rec.start = start;
  rec.end = end;
  rec.undirected = undirected;
  rec.properties = std::move(props);
  MLKG_RETURN_IF_ERROR(put_rel(rec));
  AdjacencyList* list;
  MLKG_RETURN_IF_ERROR(adjacency(start, Direction::kOut, &list));
  list->add(AdjItem{type, end, rec.id});
  MLKG_RETURN_IF_ERROR(adjacency(end, Direction::kIn, &list));
  list->add(AdjItem{type, start, rec.id});
  add_count(meta_count_key('T', type), 1);
  add_count(meta_total_rels_key(), 1);
  if (out) *out = rec.id;
  return Status();
}

Status WriteTransaction::set_rel_property(RelId rel, PropertyKeyId key, const Value& value) {
  if (!catalog_->has_id(NameKind::kKey, key)) return Status::invalid_argument("unknown property key id " + std::to_string(key));
  if (!value.is_null() && !is_storable(value))
    return Status::invalid_argument("property '" + catalog_->key_name(key) + "' cannot be stored: a " +
                                    type_name(value.type()) + " is not a property value");
  std::optional<RelRecord> rec;
  MLKG_RETURN_IF_ERROR(get_rel(rel, &rec));
  if (!rec) return Status::not_found("relationship " + std::to_string(rel) + " does not exist");
  auto it = std::lower_bound(rec->properties.begin(), rec->properties.end(), key,
                             [](const Property& p, PropertyKeyId k) { return p.key < k; });
  bool present = it != rec->properties.end() && it->key == key;
  if (value.is_null()) {
    if (!present) return Status();
    rec->properties.erase(it);
  } else if (present) {
    it->value = value;
  } else {
    rec->properties.insert(it, Property{key, value});
  }
  return put_rel(*rec);
}

Status WriteTransaction::delete_rel(RelId rel) {
  std::optional<RelRecord> rec;
  MLKG_RETURN_IF_ERROR(get_rel(rel, &rec));
  if (!rec) return Status::not_found("relationship " + std::to_string(rel) + " does not exist");
  return delete_rel_record(*rec);
}

Status WriteTransaction::create_index(LabelId label, PropertyKeyId key, bool unique, IndexId* out, std::string name) {
  if (label != 0 && !catalog_->has_id(NameKind::kLabel, label))
    return Status::invalid_argument("unknown label id " + std::to_string(label));
  if (!catalog_->has_id(NameKind::kKey, key)) return Status::invalid_argument("unknown property key id " + std::to_string(key));
  if (catalog_->find_index(label, key)) return Status::invalid_argument("an index on this label and key exists already");
  if (name.empty()) name = catalog_->generate_index_name(label, key, unique);
  if (catalog_->schema_name_taken(name))
    return Status::invalid_argument("there is already an index or constraint called " + name);
  IndexDefinition def{names_.catalog()->next_index_id(), label, key, unique, std::move(name)};
  {
    const NoAllocationRefusal rocks;
    batch_->SetSavePoint();
  }
  auto fail = [&](Status s) {
    const NoAllocationRefusal rocks;
    batch_->RollbackToSavePoint().PermitUncheckedError();
    return s;
  };
  NodeCursor c = label ? scan_label(label) : scan_nodes();
  std::vector<NodeId> nodes;
  for (; c.valid(); c.next()) nodes.push_back(c.node());
  MLKG_RETURN_IF_ERROR(c.status());
  for (NodeId n : nodes) {
    std::optional<NodeRecord> rec;
    if (Status s = get_node(n, &rec); !s.ok()) return fail(s);
    if (!rec) continue;
    const Value* v = find_property(rec->properties, key);
    if (!v) continue;
    if (unique) {
      // The entries written so far are in the batch: a value (or its
      // numeric twin) already there belongs to another node.
      std::optional<Value> twin = numeric_twin(*v);
      for (const Value* probe : {v, twin ? static_cast<const Value*>(&*twin) : nullptr}) {
        if (!probe) continue;
        std::string existing;
        bool found;
        Status s = read_key(static_cast<int>(Family::kPropIdx), prop_idx_unique_key(def.id, *probe), &existing, &found);
        if (!s.ok()) return fail(s);
        if (found && existing.size() == 8)
          return fail(Status::constraint_violation(
              "nodes " + std::to_string(load_u64_be(existing.data())) + " and " + std::to_string(n) + " both have " +
              (label ? "label :" + catalog_->label_name(label) + " and " : std::string()) + "property '" +
              catalog_->key_name(key) + "' = " + probe->to_literal()));
      }
    }
    if (Status s = index_entry(def, *v, n, true); !s.ok()) return fail(s);
  }
  {
    const NoAllocationRefusal rocks;
    batch_->PopSavePoint().PermitUncheckedError();
  }
  names_.catalog()->add_index(def);
  names_.record_index_added(def);
  if (out) *out = def.id;
  return Status();
}

Status WriteTransaction::drop_index(IndexId index) {
  const IndexDefinition* def = catalog_->find_index(index);
  if (!def) return Status::not_found("no index with id " + std::to_string(index));
  IndexDefinition copy = *def;
  std::vector<std::string> keys;
  {
    std::string prefix = prop_idx_prefix(index);
    auto it = make_scan(static_cast<int>(Family::kPropIdx), prefix, prefix_successor(prefix));
    for (; it->valid(); it->next()) keys.emplace_back(it->key());
    MLKG_RETURN_IF_ERROR(it->status());
  }
  for (const auto& k : keys) MLKG_RETURN_IF_ERROR(from_rocks(batch_delete(batch_, rocks_->cf(Family::kPropIdx), k), "write"));
  names_.catalog()->remove_index(index);
  names_.record_index_removed(copy);
  return Status();
}

Status WriteTransaction::create_fulltext_index(std::string name, std::vector<LabelId> labels,
                                               std::vector<PropertyKeyId> keys, IndexId* out,
                                               const std::function<bool()>& stop) {
  if (name.empty()) return Status::invalid_argument("a full-text index needs a name");
  if (catalog_->schema_name_taken(name))
    return Status::invalid_argument("there is already an index or constraint called " + name);
  if (labels.empty() || keys.empty())
    return Status::invalid_argument("a full-text index needs at least one label and one property key");
  const TextAnalyzer* analyzer = store_->text_analyzer();
  if (!analyzer) return missing_text_analyzer();
  FulltextIndexDefinition def;
  def.id = names_.catalog()->next_fulltext_index_id();
  def.name = std::move(name);
  for (LabelId l : labels) {
    if (!catalog_->has_id(NameKind::kLabel, l)) return Status::invalid_argument("unknown label id " + std::to_string(l));
    if (std::find(def.labels.begin(), def.labels.end(), l) == def.labels.end()) def.labels.push_back(l);
  }
  for (PropertyKeyId k : keys) {
    if (!catalog_->has_id(NameKind::kKey, k)) return Status::invalid_argument("unknown property key id " + std::to_string(k));
    if (std::find(def.keys.begin(), def.keys.end(), k) == def.keys.end()) def.keys.push_back(k);
  }
  // The nodes with any of the labels, each once, in id order.
  std::vector<NodeId> nodes;
  for (LabelId l : def.labels) {
    NodeCursor c = scan_label(l);
    for (; c.valid(); c.next()) nodes.push_back(c.node());
    MLKG_RETURN_IF_ERROR(c.status());
  }
  std::sort(nodes.begin(), nodes.end());
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  FulltextEntryChanges changes;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if ((i & 0xff) == 0 && stop && stop()) return Status::aborted("the creation of the index was cancelled");
    std::optional<NodeRecord> rec;
    MLKG_RETURN_IF_ERROR(get_node(nodes[i], &rec));
    if (!rec) continue;
    diff_fulltext_entries(def.id, rec->id, std::nullopt, fulltext_document(*analyzer, def, *rec), &changes);
  }
  MLKG_RETURN_IF_ERROR(apply_fulltext(def.id, changes));  // also makes the statistics entry
  names_.catalog()->add_fulltext_index(def);
  names_.record_fulltext_added(def);
  if (out) *out = def.id;
  return Status();
}

Status WriteTransaction::drop_fulltext_index(IndexId index) {
  const FulltextIndexDefinition* def = catalog_->find_fulltext_index(index);
  if (!def) return Status::not_found("no full-text index with id " + std::to_string(index));
  FulltextIndexDefinition copy = *def;
  std::vector<std::string> keys;
  {
    std::string prefix = text_index_prefix(index);
    auto it = make_scan(static_cast<int>(Family::kTextIdx), prefix, prefix_successor(prefix));
    for (; it->valid(); it->next()) keys.emplace_back(it->key());
    MLKG_RETURN_IF_ERROR(it->status());
  }
  auto* cf = rocks_->cf(Family::kTextIdx);
  for (const auto& k : keys) MLKG_RETURN_IF_ERROR(from_rocks(batch_delete(batch_, cf, k), "write"));
  fulltext_deltas_.erase(index);
  names_.catalog()->remove_fulltext_index(index);
  names_.record_fulltext_removed(copy);
  return Status();
}

Status WriteTransaction::commit() {
  if (finished_) return Status::invalid_argument("the transaction has already ended");
  finished_ = true;
  Status s = apply_commit();
  end_reading();  // before the in-process lock: the next writer finds the primary closed
  if (lock_.owns_lock()) lock_.unlock();
  return s;
}

Status WriteTransaction::apply_commit() {
  auto* meta = rocks_->cf(Family::kMeta);
  for (const auto& [key, value] : names_.meta_changes()) {
    MLKG_RETURN_IF_ERROR(from_rocks(value.empty() ? batch_delete(batch_, meta, key) : batch_put(batch_, meta, key, value), "write"));
  }
  for (auto& [key, list] : adjacency_) {
    std::string bytes;
    if (!list.items().empty()) list.encode(&bytes);
    auto* cf = rocks_->cf(Family::kAdj);
    MLKG_RETURN_IF_ERROR(from_rocks(bytes.empty() ? batch_delete(batch_, cf, key) : batch_put(batch_, cf, key, bytes), "write"));
  }
  if (ids_changed_) {
    std::string n, r;
    put_u64_be(&n, next_node_);
    put_u64_be(&r, next_rel_);
    MLKG_RETURN_IF_ERROR(from_rocks(batch_put(batch_, meta, meta_next_node_key(), n), "write"));
    MLKG_RETURN_IF_ERROR(from_rocks(batch_put(batch_, meta, meta_next_rel_key(), r), "write"));
  }
  for (const auto& [index, delta] : fulltext_deltas_) {
    FulltextStats stats;
    MLKG_RETURN_IF_ERROR(fulltext_stats(index, &stats));  // as stored + delta
    MLKG_RETURN_IF_ERROR(
        from_rocks(batch_put(batch_, rocks_->cf(Family::kTextIdx), text_stats_key(index), encode_fulltext_stats(stats)), "write"));
  }
  for (const auto& [key, delta] : count_deltas_) {
    if (delta == 0) continue;
    uint64_t total;
    MLKG_RETURN_IF_ERROR(read_counter(key, &total));  // snapshot value + delta
    std::string v;
    put_u64_be(&v, total);
    MLKG_RETURN_IF_ERROR(from_rocks(total ? batch_put(batch_, meta, key, v) : batch_delete(batch_, meta, key), "write"));
  }
  if (batch_->GetWriteBatch()->Count() > 0) {
    MLKG_RETURN_IF_ERROR(store_->commit_atomically(
        *rocks_, [&] { return from_rocks(rocks_->db()->Write(rocksdb::WriteOptions(), batch_->GetWriteBatch()), "commit failed"); },
        names_.changed() ? names_.catalog() : nullptr));
  }
  return Status();
}

}  // namespace mlkg::storage

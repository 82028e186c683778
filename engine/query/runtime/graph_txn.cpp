#include "engine/query/runtime/graph_txn.hpp"

#include <algorithm>

#include "engine/common/query_error.hpp"

namespace mlkg::query {

namespace {

// A statement that reads more records than this starts its cache afresh.
constexpr size_t kCacheLimit = 200000;

void check(const Status& s) {
  if (!s.ok()) throw write_failure(s);
}

ValueMap to_map(const storage::PropertyList& props, const storage::Catalog& cat) {
  ValueMap map;
  for (const auto& p : props) map.emplace(cat.key_name(p.key), p.value);
  return map;
}

}  // namespace

QueryError write_failure(const Status& s) {
  switch (s.code()) {
    case Status::Code::kConstraintViolation:
      return QueryError(ErrorClass::kConstraint, ErrorCode::kConstraintVerificationFailed, s.message());
    case Status::Code::kAborted:
      return QueryError(ErrorClass::kTransient, ErrorCode::kCancelled, "the statement was cancelled");
    default:
      return QueryError(ErrorClass::kDatabase, ErrorCode::kNone, s.message());
  }
}

GraphTxn::GraphTxn(storage::GraphStore& store, bool write) : store_(store) {
  if (write) {
    std::unique_ptr<storage::WriteTransaction> w;
    Status s = store.begin_write(&w);
    if (s.code() == Status::Code::kNotSupported)
      throw QueryError(ErrorClass::kDatabase, ErrorCode::kNone, "the database is open read-only; this statement writes");
    check(s);
    writer_ = w.get();
    owned_ = std::move(w);
  } else {
    owned_ = store.begin_read();
  }
  txn_ = owned_.get();
}

GraphTxn::GraphTxn(storage::GraphStore& store, storage::Transaction& txn, storage::WriteTransaction* writer)
    : store_(store), txn_(&txn), writer_(writer) {}

GraphTxn::~GraphTxn() = default;

void GraphTxn::deleted(const char* what, uint64_t id) const {
  throw QueryError(ErrorClass::kEntityNotFound, ErrorCode::kDeletedEntityAccess,
                   std::string("the ") + what + " " + std::to_string(id) + " has been deleted");
}

const storage::NodeRecord* GraphTxn::node(storage::NodeId id) {
  if (deletion_pending(id)) return nullptr;
  auto it = nodes_.find(id);
  if (it != nodes_.end()) return &it->second;
  std::optional<storage::NodeRecord> rec;
  check(txn_->get_node(id, &rec));
  if (!rec) return nullptr;
  if (nodes_.size() >= kCacheLimit) nodes_.clear();
  return &nodes_.emplace(id, std::move(*rec)).first->second;
}

const storage::RelRecord* GraphTxn::rel(storage::RelId id) {
  auto it = rels_.find(id);
  if (it != rels_.end()) return &it->second;
  std::optional<storage::RelRecord> rec;
  check(txn_->get_rel(id, &rec));
  if (!rec) return nullptr;
  if (rels_.size() >= kCacheLimit) rels_.clear();
  return &rels_.emplace(id, std::move(*rec)).first->second;
}

Value GraphTxn::node_property(uint64_t id, std::string_view key) {
  const storage::NodeRecord* n = node(id);
  if (!n) deleted("node", id);
  auto k = key_id(key);
  if (!k) return Value();
  const Value* v = storage::find_property(n->properties, *k);
  return v ? *v : Value();
}

Value GraphTxn::rel_property(uint64_t id, std::string_view key) {
  const storage::RelRecord* r = rel(id);
  if (!r) deleted("relationship", id);
  auto k = key_id(key);
  if (!k) return Value();
  const Value* v = storage::find_property(r->properties, *k);
  return v ? *v : Value();
}

ValueMap GraphTxn::node_properties(uint64_t id) {
  const storage::NodeRecord* n = node(id);
  if (!n) deleted("node", id);
  return to_map(n->properties, catalog());
}

ValueMap GraphTxn::rel_properties(uint64_t id) {
  const storage::RelRecord* r = rel(id);
  if (!r) deleted("relationship", id);
  return to_map(r->properties, catalog());
}

std::vector<std::string> GraphTxn::node_labels(uint64_t id) {
  const storage::NodeRecord* n = node(id);
  if (!n) deleted("node", id);
  std::vector<std::string> out;
  for (auto l : n->labels) out.push_back(catalog().label_name(l));
  return out;
}

bool GraphTxn::node_has_label(uint64_t id, std::string_view label) {
  const storage::NodeRecord* n = node(id);
  if (!n) deleted("node", id);
  auto l = label_id(label);
  return l && std::find(n->labels.begin(), n->labels.end(), *l) != n->labels.end();
}

std::string GraphTxn::rel_type(uint64_t id) {
  const storage::RelRecord* r = rel(id);
  if (!r) {
    // A relationship deleted by this statement keeps its type (openCypher
    // lets RETURN type(r) follow DELETE r).
    auto it = deleted_rels_.find(id);
    if (it == deleted_rels_.end()) deleted("relationship", id);
    return catalog().type_name(it->second.type);
  }
  return catalog().type_name(r->type);
}

uint64_t GraphTxn::rel_start(uint64_t id) {
  const storage::RelRecord* r = rel(id);
  if (!r) deleted("relationship", id);
  return r->start;
}

uint64_t GraphTxn::rel_end(uint64_t id) {
  const storage::RelRecord* r = rel(id);
  if (!r) deleted("relationship", id);
  return r->end;
}

namespace {

void check_storable(const std::string& key, const Value& value) {
  if (!value.is_null() && !storage::is_storable(value))
    throw QueryError(ErrorClass::kType, ErrorCode::kInvalidPropertyType,
                     "property '" + key + "' cannot be a " + type_name(value.type()) +
                         " (a property value is a boolean, number, string, or a list of one of those)");
}

}  // namespace

storage::PropertyList GraphTxn::to_properties(const ValueMap& map) {
  storage::PropertyList props;
  for (const auto& [key, value] : map) {
    if (value.is_null()) continue;
    check_storable(key, value);
    props.push_back({writer_->key_id(key), value});
  }
  return props;
}

storage::NodeId GraphTxn::create_node(const std::vector<std::string>& labels, const ValueMap& properties) {
  std::vector<storage::LabelId> ids;
  for (const auto& l : labels) ids.push_back(writer_->label_id(l));
  storage::PropertyList props = to_properties(properties);
  storage::NodeId id;
  check(writer_->create_node(ids, props, &id));
  nodes_.erase(id);
  ++stats_.nodes_created;
  std::sort(ids.begin(), ids.end());
  stats_.labels_added += std::unique(ids.begin(), ids.end()) - ids.begin();
  stats_.properties_set += static_cast<int64_t>(props.size());
  return id;
}

storage::RelId GraphTxn::create_rel(std::string_view type, storage::NodeId start, storage::NodeId end,
                                    const ValueMap& properties) {
  storage::PropertyList props = to_properties(properties);
  storage::RelId id;
  Status s = writer_->create_rel(writer_->type_id(type), start, end, props, false, &id);
  if (s.code() == Status::Code::kNotFound) deleted("node", start);
  check(s);
  ++stats_.relationships_created;
  stats_.properties_set += static_cast<int64_t>(props.size());
  return id;
}

Value GraphTxn::materialize(const Value& v) {
  switch (v.type()) {
    case Value::Type::kNode: {
      NodeValue n = v.as_node();
      const storage::NodeRecord* rec = node(n.id);
      if (!rec) {
        auto it = deleted_nodes_.find(n.id);
        if (it != deleted_nodes_.end()) rec = &it->second;
      }
      if (rec) {
        auto data = std::make_shared<EntityData>();
        for (auto l : rec->labels) data->labels.push_back(catalog().label_name(l));
        data->properties = std::make_shared<const ValueMap>(to_map(rec->properties, catalog()));
        n.data = std::move(data);
      }
      return Value(std::move(n));
    }
    case Value::Type::kRelationship: {
      RelValue r = v.as_relationship();
      const storage::RelRecord* rec = rel(r.id);
      if (!rec) {
        auto it = deleted_rels_.find(r.id);
        if (it != deleted_rels_.end()) rec = &it->second;
      }
      if (rec) {
        auto data = std::make_shared<EntityData>();
        data->labels.push_back(catalog().type_name(rec->type));
        data->start = rec->start;
        data->end = rec->end;
        data->properties = std::make_shared<const ValueMap>(to_map(rec->properties, catalog()));
        r.data = std::move(data);
      }
      return Value(std::move(r));
    }
    case Value::Type::kPath: {
      PathValue p = v.as_path();
      for (auto& n : p.nodes) n = materialize(Value(n)).as_node();
      for (auto& r : p.rels) r = materialize(Value(r)).as_relationship();
      return Value(std::move(p));
    }
    case Value::Type::kList: {
      ValueList out;
      out.reserve(v.as_list().size());
      for (const Value& e : v.as_list()) out.push_back(materialize(e));
      return Value(std::move(out));
    }
    case Value::Type::kMap: {
      ValueMap out;
      for (const auto& [k, e] : v.as_map()) out.emplace(k, materialize(e));
      return Value(std::move(out));
    }
    default:
      return v;
  }
}

void GraphTxn::create_fulltext_index(const std::string& name, const std::vector<std::string>& labels,
                                     const std::vector<std::string>& keys, const std::function<bool()>& stop) {
  std::vector<storage::LabelId> label_ids;
  for (const auto& l : labels) label_ids.push_back(writer_->label_id(l));
  std::vector<storage::PropertyKeyId> key_ids;
  for (const auto& k : keys) key_ids.push_back(writer_->key_id(k));
  check(writer_->create_fulltext_index(name, label_ids, key_ids, nullptr, stop));
  ++stats_.indexes_added;
}

void GraphTxn::drop_fulltext_index(storage::IndexId index) {
  check(writer_->drop_fulltext_index(index));
  ++stats_.indexes_removed;
}

void GraphTxn::create_index(const std::string& label, const std::string& key, bool unique, const std::string& name) {
  const storage::LabelId label_id = writer_->label_id(label);
  const storage::PropertyKeyId key_id = writer_->key_id(key);
  const std::string chosen = name.empty() ? catalog().generate_index_name(label_id, key_id, unique) : name;
  Status s = writer_->create_index(label_id, key_id, unique, nullptr, chosen);
  if (s.code() == Status::Code::kConstraintViolation)
    throw QueryError(ErrorClass::kSchema, ErrorCode::kConstraintCreationFailed,
                     "cannot create the uniqueness constraint " + chosen + ": " + s.message() +
                         "; nothing was created");
  check(s);
  ++(unique ? stats_.constraints_added : stats_.indexes_added);
}

void GraphTxn::drop_index(storage::IndexId index) {
  const storage::IndexDefinition* def = catalog().find_index(index);
  const bool unique = def && def->unique;
  check(writer_->drop_index(index));
  ++(unique ? stats_.constraints_removed : stats_.indexes_removed);
}

// ---------------------------------------------------------------- updates

void GraphTxn::write_failed(const Status& s, const char* what, uint64_t id) const {
  if (s.code() == Status::Code::kNotFound) deleted(what, id);
  throw write_failure(s);
}

void GraphTxn::forget(const Value& entity) {
  if (entity.is_node()) nodes_.erase(entity.as_node().id);
  if (entity.is_relationship()) rels_.erase(entity.as_relationship().id);
}

void GraphTxn::set_property(const Value& entity, const std::string& key, const Value& value) {
  check_storable(key, value);
  const storage::PropertyList* current = nullptr;
  if (entity.is_node()) {
    const storage::NodeRecord* n = node(entity.as_node().id);
    if (!n) deleted("node", entity.as_node().id);
    current = &n->properties;
  } else if (entity.is_relationship()) {
    const storage::RelRecord* r = rel(entity.as_relationship().id);
    if (!r) deleted("relationship", entity.as_relationship().id);
    current = &r->properties;
  } else {
    throw QueryError(
        ErrorClass::kType, ErrorCode::kInvalidArgumentType,
        std::string("only a node or a relationship has properties to set, not a ") + type_name(entity.type()));
  }
  auto existing = key_id(key);
  bool had = existing && storage::find_property(*current, *existing) != nullptr;
  if (value.is_null() && !had) return;
  storage::PropertyKeyId k = writer_->key_id(key);
  Status s = entity.is_node() ? writer_->set_node_property(entity.as_node().id, k, value)
                              : writer_->set_rel_property(entity.as_relationship().id, k, value);
  if (!s.ok())
    write_failed(s, entity.is_node() ? "node" : "relationship",
                 entity.is_node() ? entity.as_node().id : entity.as_relationship().id);
  forget(entity);
  if (value.is_null())
    ++stats_.properties_removed;
  else
    ++stats_.properties_set;
}

void GraphTxn::set_properties(const Value& entity, const ValueMap& properties, bool merge) {
  for (const auto& [key, value] : properties) check_storable(key, value);
  if (!merge) {
    ValueMap current = entity.is_node()           ? node_properties(entity.as_node().id)
                       : entity.is_relationship() ? rel_properties(entity.as_relationship().id)
                                                  : ValueMap{};
    for (const auto& [key, value] : current) {
      auto it = properties.find(key);
      if (it == properties.end() || it->second.is_null()) set_property(entity, key, Value());
    }
  }
  for (const auto& [key, value] : properties) set_property(entity, key, value);
}

void GraphTxn::set_labels(storage::NodeId id, const std::vector<std::string>& labels, bool add) {
  for (const std::string& label : labels) {
    const storage::NodeRecord* n = node(id);
    if (!n) deleted("node", id);
    auto existing = label_id(label);
    bool has = existing && std::find(n->labels.begin(), n->labels.end(), *existing) != n->labels.end();
    if (has == add) continue;
    Status s = add ? writer_->add_node_label(id, writer_->label_id(label)) : writer_->remove_node_label(id, *existing);
    if (!s.ok()) write_failed(s, "node", id);
    nodes_.erase(id);
    ++(add ? stats_.labels_added : stats_.labels_removed);
  }
}

void GraphTxn::delete_rel(storage::RelId id) {
  const storage::RelRecord* r = rel(id);
  if (!r) return;  // deleted before, in this statement
  deleted_rels_.emplace(id, *r);
  Status s = writer_->delete_rel(id);
  if (!s.ok()) write_failed(s, "relationship", id);
  rels_.erase(id);
  ++stats_.relationships_deleted;
}

namespace {

// The relationships of `node`, each once (a self-loop is listed twice).
std::vector<storage::RelId> relationships_of(storage::Transaction& txn, storage::NodeId node) {
  std::vector<storage::RelId> rels;
  storage::AdjCursor c = txn.expand(node);
  for (; c.valid(); c.next()) rels.push_back(c.entry().rel);
  if (!c.status().ok()) throw write_failure(c.status());
  std::sort(rels.begin(), rels.end());
  rels.erase(std::unique(rels.begin(), rels.end()), rels.end());
  return rels;
}

// "node 12 (:Service {id: 's3'})": the id, labels and identifying property
// of a node as stored, for messages.
std::string describe_node(storage::Transaction& txn, storage::NodeId id) {
  std::string out = "node " + std::to_string(id);
  std::optional<storage::NodeRecord> rec;
  if (!txn.get_node(id, &rec).ok() || !rec) return out;
  std::string inside;
  for (storage::LabelId l : rec->labels) inside += ":" + quote_cypher_name(txn.catalog().label_name(l));
  for (const char* key : {"id", "name"}) {
    auto k = txn.catalog().find_key(key);
    const Value* v = k ? storage::find_property(rec->properties, *k) : nullptr;
    if (!v) continue;
    inside += std::string(inside.empty() ? "" : " ") + "{" + key + ": " + v->to_literal() + "}";
    break;
  }
  return inside.empty() ? out : out + " (" + inside + ")";
}

}  // namespace

void GraphTxn::delete_node(storage::NodeId id, bool detach) {
  if (deletion_pending(id)) {
    // DELETE before, DETACH DELETE now: its relationships go, and so can it.
    if (!detach) return;
    for (storage::RelId r : relationships_of(*txn_, id)) delete_rel(r);
    Status s = writer_->delete_node(id, false);
    if (!s.ok()) write_failed(s, "node", id);
    pending_deletes_.erase(id);
    return;
  }
  const storage::NodeRecord* n = node(id);
  if (!n) return;  // deleted before, in this statement
  deleted_nodes_.emplace(id, *n);
  std::vector<storage::RelId> rels = relationships_of(*txn_, id);
  if (detach) {
    for (storage::RelId r : rels) delete_rel(r);
    rels.clear();
  }
  if (rels.empty()) {
    Status s = writer_->delete_node(id, false);
    if (!s.ok()) write_failed(s, "node", id);
  } else {
    pending_deletes_.insert(id);
  }
  nodes_.erase(id);
  ++stats_.nodes_deleted;
}

void GraphTxn::finish_deletes(bool final) {
  std::vector<storage::NodeId> pending(pending_deletes_.begin(), pending_deletes_.end());
  std::sort(pending.begin(), pending.end());
  for (storage::NodeId id : pending) {
    if (!relationships_of(*txn_, id).empty()) {
      if (!final) continue;
      throw QueryError(ErrorClass::kConstraint, ErrorCode::kDeleteConnectedNode,
                       "cannot delete " + describe_node(*txn_, id) +
                           " because it still has relationships; delete them too, or use DETACH DELETE");
    }
    Status s = writer_->delete_node(id, false);
    if (!s.ok()) write_failed(s, "node", id);
    pending_deletes_.erase(id);
  }
}

void GraphTxn::commit() {
  if (!writer_) return;
  finish_deletes(true);
  if (owned_) check(writer_->commit());
}

}  // namespace mlkg::query

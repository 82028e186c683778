#include "engine/query/graph_txn.hpp"

#include <algorithm>

#include "engine/query/query_error.hpp"

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
      return QueryError(error_class::kConstraint, error_code::kConstraintVerificationFailed, s.message());
    case Status::Code::kAborted:
      return QueryError("TransientError", "Cancelled", "the statement was cancelled");
    default:
      return QueryError("DatabaseError", "", s.message());
  }
}

GraphTxn::GraphTxn(storage::GraphStore& store, bool write) : store_(store) {
  if (write) {
    std::unique_ptr<storage::WriteTransaction> w;
    Status s = store.begin_write(&w);
    if (s.code() == Status::Code::kNotSupported)
      throw QueryError("DatabaseError", "", "the database is open read-only; this statement writes");
    check(s);
    writer_ = w.get();
    txn_ = std::move(w);
  } else {
    txn_ = store.begin_read();
  }
}

GraphTxn::~GraphTxn() = default;

void GraphTxn::deleted(const char* what, uint64_t id) const {
  throw QueryError(error_class::kEntityNotFound, error_code::kDeletedEntityAccess,
                   std::string("the ") + what + " " + std::to_string(id) + " has been deleted");
}

const storage::NodeRecord* GraphTxn::node(storage::NodeId id) {
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
  if (!r) deleted("relationship", id);
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

storage::PropertyList GraphTxn::to_properties(const ValueMap& map) {
  storage::PropertyList props;
  for (const auto& [key, value] : map) {
    if (value.is_null()) continue;
    if (!storage::is_storable(value))
      throw QueryError(error_class::kType, error_code::kInvalidPropertyType,
                       "property '" + key + "' cannot be a " + type_name(value.type()) +
                           " (a property value is a boolean, number, string, or a list of those)");
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
      if (const storage::NodeRecord* rec = node(n.id)) {
        auto data = std::make_shared<EntityData>();
        for (auto l : rec->labels) data->labels.push_back(catalog().label_name(l));
        data->properties = std::make_shared<const ValueMap>(to_map(rec->properties, catalog()));
        n.data = std::move(data);
      }
      return Value(std::move(n));
    }
    case Value::Type::kRelationship: {
      RelValue r = v.as_relationship();
      if (const storage::RelRecord* rec = rel(r.id)) {
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
    throw QueryError(error_class::kSchema, error_code::kConstraintCreationFailed,
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

void GraphTxn::commit() {
  if (writer_) check(writer_->commit());
}

}  // namespace mlkg::query

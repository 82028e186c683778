#include "engine/export/subgraph.hpp"

#include <algorithm>
#include <unordered_set>

#include "engine/storage/transaction.hpp"

namespace mlkg::exporter {

using storage::NodeId;

Subgraph Subgraph::whole_graph() {
  Subgraph s;
  s.whole_ = true;
  return s;
}

void Subgraph::add_value(const Value& v) {
  switch (v.type()) {
    case Value::Type::kNode: nodes_.insert(v.as_node().id); break;
    case Value::Type::kRelationship: rels_.insert(v.as_relationship().id); break;
    case Value::Type::kPath:
      for (const NodeValue& n : v.as_path().nodes) nodes_.insert(n.id);
      for (const RelValue& r : v.as_path().rels) rels_.insert(r.id);
      break;
    case Value::Type::kList:
      for (const Value& e : v.as_list()) add_value(e);
      break;
    case Value::Type::kMap:
      for (const auto& [k, e] : v.as_map()) add_value(e);
      break;
    default: break;
  }
}

GraphView::GraphView(storage::Transaction& txn, Subgraph selection, const std::atomic<bool>* cancelled)
    : txn_(txn), selection_(std::move(selection)), cancelled_(cancelled) {}

GraphView::~GraphView() = default;

Status GraphView::check_cancelled(uint64_t done) const {
  if ((done & 0xfff) == 0 && cancelled_ && cancelled_->load(std::memory_order_relaxed))
    return Status::aborted("the export was cancelled");
  return Status();
}

Status GraphView::init() {
  const auto id_key = txn_.catalog().find_key("id");
  // The `id` of each node, in the order nodes are exported.
  std::vector<std::pair<NodeId, const Value*>> ids;
  std::vector<Value> scanned_ids;  // keeps the values of a whole-graph scan alive
  if (selection_.whole()) {
    storage::NodeRecordCursor c = txn_.scan_node_records();
    for (; c.valid(); c.next()) {
      MLKG_RETURN_IF_ERROR(check_cancelled(node_count_));
      const Value* id = id_key ? storage::find_property(c.record().properties, *id_key) : nullptr;
      scanned_ids.push_back(id ? *id : Value());
      ids.emplace_back(c.record().id, nullptr);
      ++node_count_;
    }
    MLKG_RETURN_IF_ERROR(c.status());
    for (size_t i = 0; i < ids.size(); ++i) ids[i].second = &scanned_ids[i];
    MLKG_RETURN_IF_ERROR(txn_.count_rels(&rel_count_));
  } else {
    std::set<uint64_t> node_ids = selection_.nodes();
    for (uint64_t r : selection_.relationships()) {
      std::optional<storage::RelRecord> rec;
      MLKG_RETURN_IF_ERROR(txn_.get_rel(r, &rec));
      if (!rec) continue;
      node_ids.insert(rec->start);
      node_ids.insert(rec->end);
      rels_.push_back(std::move(*rec));
    }
    for (uint64_t n : node_ids) {
      std::optional<storage::NodeRecord> rec;
      MLKG_RETURN_IF_ERROR(txn_.get_node(n, &rec));
      if (rec) nodes_.push_back(std::move(*rec));
    }
    for (const auto& rec : nodes_) {
      const Value* id = id_key ? storage::find_property(rec.properties, *id_key) : nullptr;
      ids.emplace_back(rec.id, id);
    }
    node_count_ = nodes_.size();
    rel_count_ = rels_.size();
  }

  // Keys: a string id that no other exported node has, else a unique
  // integer id, else generated.
  std::unordered_map<std::string, uint32_t> uses;
  auto candidate = [](const Value* id) -> std::string {
    if (id && id->is_string() && !id->as_string().empty()) return id->as_string();
    if (id && id->is_int()) return std::to_string(id->as_int());
    return std::string();
  };
  for (const auto& [n, id] : ids) {
    std::string c = candidate(id);
    if (!c.empty()) ++uses[c];
  }
  std::unordered_set<std::string> taken;
  std::vector<NodeId> without;
  for (const auto& [n, id] : ids) {
    std::string c = candidate(id);
    if (!c.empty() && uses[c] == 1) {
      const KeyKind kind = id->is_string() ? KeyKind::kStringId : KeyKind::kIntegerId;
      if (kind == KeyKind::kIntegerId) ++integer_keys_;
      taken.insert(c);
      keys_.emplace(n, Keyed{std::move(c), kind});
    } else {
      without.push_back(n);
    }
  }
  for (NodeId n : without) {
    std::string c = "_" + std::to_string(n);
    while (taken.count(c) || uses.count(c)) c = "_" + c;
    taken.insert(c);
    keys_.emplace(n, Keyed{std::move(c), KeyKind::kGenerated});
    ++generated_keys_;
  }
  // Whole-graph relationships whose ends vanished cannot happen within one
  // snapshot; a selected relationship's ends were added above.
  return Status();
}

std::string_view GraphView::key(uint64_t node) const {
  auto it = keys_.find(node);
  return it == keys_.end() ? std::string_view() : std::string_view(it->second.key);
}

KeyKind GraphView::key_kind(uint64_t node) const {
  auto it = keys_.find(node);
  return it == keys_.end() ? KeyKind::kGenerated : it->second.kind;
}

void GraphView::fill_properties(const storage::PropertyList& props, std::vector<ExportProperty>* out) const {
  out->clear();
  const storage::Catalog& cat = txn_.catalog();
  // Sorted by name through pointers: the values are copied once, in order.
  std::vector<const storage::Property*> by_name;
  for (const storage::Property& p : props) by_name.push_back(&p);
  std::sort(by_name.begin(), by_name.end(), [&](const storage::Property* a, const storage::Property* b) {
    return cat.key_name(a->key) < cat.key_name(b->key);
  });
  for (const storage::Property* p : by_name) out->push_back(ExportProperty{cat.key_name(p->key), p->value});
}

void GraphView::fill_node(const storage::NodeRecord& rec, ExportNode* out) const {
  const storage::Catalog& cat = txn_.catalog();
  out->id = rec.id;
  out->key = key(rec.id);
  out->labels.clear();
  for (storage::LabelId l : rec.labels) out->labels.push_back(cat.label_name(l));
  fill_properties(rec.properties, &out->properties);
}

void GraphView::fill_rel(const storage::RelRecord& rec, ExportRel* out) const {
  out->id = rec.id;
  out->type = txn_.catalog().type_name(rec.type);
  out->start = rec.start;
  out->end = rec.end;
  out->start_key = key(rec.start);
  out->end_key = key(rec.end);
  out->undirected = rec.undirected;
  fill_properties(rec.properties, &out->properties);
}

Status GraphView::for_each_node(const std::function<Status(const ExportNode&)>& fn) {
  ExportNode node;
  uint64_t done = 0;
  if (!selection_.whole()) {
    for (const auto& rec : nodes_) {
      MLKG_RETURN_IF_ERROR(check_cancelled(++done));
      fill_node(rec, &node);
      MLKG_RETURN_IF_ERROR(fn(node));
    }
    return Status();
  }
  storage::NodeRecordCursor c = txn_.scan_node_records();
  for (; c.valid(); c.next()) {
    MLKG_RETURN_IF_ERROR(check_cancelled(++done));
    fill_node(c.record(), &node);
    MLKG_RETURN_IF_ERROR(fn(node));
  }
  return c.status();
}

Status GraphView::for_each_rel(const std::function<Status(const ExportRel&)>& fn) {
  ExportRel rel;
  uint64_t done = 0;
  if (!selection_.whole()) {
    for (const auto& rec : rels_) {
      MLKG_RETURN_IF_ERROR(check_cancelled(++done));
      fill_rel(rec, &rel);
      MLKG_RETURN_IF_ERROR(fn(rel));
    }
    return Status();
  }
  storage::RelCursor c = txn_.scan_rels();
  for (; c.valid(); c.next()) {
    MLKG_RETURN_IF_ERROR(check_cancelled(++done));
    fill_rel(c.record(), &rel);
    MLKG_RETURN_IF_ERROR(fn(rel));
  }
  return c.status();
}

}  // namespace mlkg::exporter

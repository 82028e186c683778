#include "engine/storage/consistency_check.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "engine/storage/adjacency_list.hpp"
#include "engine/storage/fulltext_index.hpp"
#include "engine/storage/graph_store.hpp"
#include "engine/storage/key_codec.hpp"
#include "engine/storage/record_codec.hpp"
#include "engine/storage/scan_iterator.hpp"
#include "engine/storage/transaction.hpp"

namespace mlkg::storage {

// Friend of Transaction: reads raw families on the transaction's snapshot.
class ConsistencyChecker {
 public:
  ConsistencyChecker(GraphStore& store, CheckReport* report, size_t max_reported)
      : txn_(store.begin_read()), analyzer_(store.text_analyzer()), report_(report), max_reported_(max_reported) {}

  Status run() {
    MLKG_RETURN_IF_ERROR(check_nodes());
    MLKG_RETURN_IF_ERROR(check_label_index());
    MLKG_RETURN_IF_ERROR(check_rels());
    MLKG_RETURN_IF_ERROR(check_adjacency());
    MLKG_RETURN_IF_ERROR(check_property_index());
    MLKG_RETURN_IF_ERROR(check_text_index());
    MLKG_RETURN_IF_ERROR(check_counts());
    check_schema_names();
    return Status();
  }

 private:
  const Catalog& catalog() const { return txn_->catalog(); }

  void problem(std::string text) {
    ++report_->problem_count;
    if (report_->problems.size() < max_reported_) report_->problems.push_back(std::move(text));
  }

  std::unique_ptr<ScanIterator> scan(Family f) { return txn_->make_scan(static_cast<int>(f), "", ""); }

  Status exists(Family f, const std::string& key, std::string* value, bool* found) {
    return txn_->read_key(static_cast<int>(f), key, value, found);
  }

  Status check_nodes() {
    auto it = scan(Family::kNodes);
    for (; it->valid(); it->next()) {
      ++report_->nodes;
      if (it->key().size() != 8) {
        problem("a node key has " + std::to_string(it->key().size()) + " bytes instead of 8");
        continue;
      }
      NodeRecord rec;
      rec.id = decode_node_key(it->key());
      max_node_ = std::max(max_node_, rec.id);
      std::string who = "node " + std::to_string(rec.id);
      if (!decode_node_record(it->value(), &rec)) {
        problem(who + ": the record does not decode");
        continue;
      }
      ++total_nodes_;
      for (size_t i = 0; i < rec.labels.size(); ++i) {
        LabelId l = rec.labels[i];
        if (!catalog().has_id(NameKind::kLabel, l)) problem(who + ": unknown label id " + std::to_string(l));
        if (std::find(rec.labels.begin(), rec.labels.begin() + i, l) != rec.labels.begin() + i)
          problem(who + ": label id " + std::to_string(l) + " appears twice");
        ++label_counts_[l];
        std::string v;
        bool found;
        MLKG_RETURN_IF_ERROR(exists(Family::kLabelIdx, label_idx_key(l, rec.id), &v, &found));
        if (!found) problem(who + ": no label-index entry for label " + label_text(l));
      }
      for (const Property& p : rec.properties)
        if (!catalog().has_id(NameKind::kKey, p.key)) problem(who + ": unknown property key id " + std::to_string(p.key));
      for (const IndexDefinition& def : catalog().indexes()) {
        if (def.label != 0 && std::find(rec.labels.begin(), rec.labels.end(), def.label) == rec.labels.end()) continue;
        const Value* v = find_property(rec.properties, def.key);
        if (!v) continue;
        std::string value;
        bool found;
        std::string key = def.unique ? prop_idx_unique_key(def.id, *v) : prop_idx_key(def.id, *v, rec.id);
        MLKG_RETURN_IF_ERROR(exists(Family::kPropIdx, key, &value, &found));
        if (!found || (def.unique && (value.size() != 8 || load_u64_be(value.data()) != rec.id)))
          problem(who + ": property '" + key_text(def.key) + "' = " + v->to_literal() + " is missing from index " +
                  std::to_string(def.id));
      }
      for (const FulltextIndexDefinition& def : catalog().fulltext_indexes())
        MLKG_RETURN_IF_ERROR(check_document(def, rec, who));
    }
    return it->status();
  }

  // The entries of `rec`'s document in a full-text index are all there, as
  // they should be; counts what the index should hold.
  Status check_document(const FulltextIndexDefinition& def, const NodeRecord& rec, const std::string& who) {
    if (!analyzer_) return missing_text_analyzer();
    std::optional<FulltextDocument> doc = fulltext_document(*analyzer_, def, rec);
    if (!doc) return Status();
    TextExpected& e = text_expected_[def.id];
    ++e.stats.documents;
    e.stats.total_length += doc->length;
    e.postings += doc->terms.size();
    const std::string where = " in full-text index " + def.name;
    std::string value;
    bool found;
    MLKG_RETURN_IF_ERROR(exists(Family::kTextIdx, text_document_key(def.id, rec.id), &value, &found));
    uint32_t length;
    if (!found)
      problem(who + ": its document" + where + " is missing");
    else if (!decode_document_length(value, &length) || length != doc->length)
      problem(who + ": its document length" + where + " is wrong");
    for (const auto& [term, positions] : doc->terms) {
      MLKG_RETURN_IF_ERROR(exists(Family::kTextIdx, text_posting_key(def.id, term, rec.id), &value, &found));
      if (!found)
        problem(who + ": the posting of '" + term + "'" + where + " is missing");
      else if (value != encode_posting(positions))
        problem(who + ": the posting of '" + term + "'" + where + " has the wrong frequency or positions");
    }
    return Status();
  }

  // Every entry belongs to an index, decodes, and (by count) to a document
  // check_document found; otherwise each entry of that index is looked at
  // to name the stray ones. The statistics match the documents.
  Status check_text_index() {
    struct Found {
      uint64_t documents = 0, postings = 0;
      bool stats = false;
    };
    std::map<IndexId, Found> found;
    auto it = scan(Family::kTextIdx);
    for (; it->valid(); it->next()) {
      ++report_->text_index_entries;
      TextKey key;
      if (!parse_text_key(it->key(), &key)) {
        problem("a full-text index key is malformed");
        continue;
      }
      const FulltextIndexDefinition* def = catalog().find_fulltext_index(key.index);
      if (!def) {
        problem("full-text index: an entry belongs to index " + std::to_string(key.index) + ", which does not exist");
        continue;
      }
      Found& f = found[key.index];
      const std::string where = "full-text index " + def->name + ": ";
      switch (key.kind) {
        case TextKeyKind::kDocument: ++f.documents; break;
        case TextKeyKind::kPosting: {
          ++f.postings;
          std::vector<uint32_t> positions;
          if (!decode_posting(it->value(), &positions))
            problem(where + "the posting of '" + std::string(key.term) + "' for node " + std::to_string(key.node) +
                    " does not decode");
          break;
        }
        case TextKeyKind::kStats: {
          f.stats = true;
          FulltextStats stats;
          const FulltextStats& expected = text_expected_[key.index].stats;
          if (!decode_fulltext_stats(it->value(), &stats))
            problem(where + "the statistics do not decode");
          else if (!(stats == expected))
            problem(where + "the statistics say " + std::to_string(stats.documents) + " documents of total length " +
                    std::to_string(stats.total_length) + ", the nodes make " + std::to_string(expected.documents) +
                    " of total length " + std::to_string(expected.total_length));
          break;
        }
      }
    }
    MLKG_RETURN_IF_ERROR(it->status());
    for (const FulltextIndexDefinition& def : catalog().fulltext_indexes()) {
      const Found& f = found[def.id];
      const TextExpected& e = text_expected_[def.id];
      if (!f.stats) problem("full-text index " + def.name + ": the statistics entry is missing");
      if (f.documents != e.stats.documents || f.postings != e.postings) MLKG_RETURN_IF_ERROR(find_stray_entries(def));
    }
    return Status();
  }

  // Names the entries of `def` that no document accounts for.
  Status find_stray_entries(const FulltextIndexDefinition& def) {
    std::unordered_map<NodeId, std::optional<FulltextDocument>> docs;
    auto document_of = [&](NodeId node, const std::optional<FulltextDocument>** out) -> Status {
      auto cached = docs.find(node);
      if (cached == docs.end()) {
        std::optional<NodeRecord> rec;
        MLKG_RETURN_IF_ERROR(txn_->get_node(node, &rec));
        if (!analyzer_) return missing_text_analyzer();
        cached = docs.emplace(node, rec ? fulltext_document(*analyzer_, def, *rec) : std::nullopt).first;
      }
      *out = &cached->second;
      return Status();
    };
    const std::string where = "full-text index " + def.name + ": ";
    std::string prefix = text_index_prefix(def.id);
    auto it = txn_->make_scan(static_cast<int>(Family::kTextIdx), prefix, prefix_successor(prefix));
    for (; it->valid(); it->next()) {
      TextKey key;
      if (!parse_text_key(it->key(), &key) || key.kind == TextKeyKind::kStats) continue;
      const std::optional<FulltextDocument>* doc;
      MLKG_RETURN_IF_ERROR(document_of(key.node, &doc));
      const std::string node = "node " + std::to_string(key.node);
      if (!*doc) {
        problem(where + "holds " +
                (key.kind == TextKeyKind::kDocument ? "a document" : "a posting of '" + std::string(key.term) + "'") +
                " for " + node + ", which is not one of its documents (missing, without the labels, or without text)");
      } else if (key.kind == TextKeyKind::kPosting && !(*doc)->terms.count(std::string(key.term))) {
        problem(where + "holds a posting of '" + std::string(key.term) + "' for " + node +
                ", whose document does not have that term");
      }
    }
    return it->status();
  }

  Status check_label_index() {
    auto it = scan(Family::kLabelIdx);
    for (; it->valid(); it->next()) {
      ++report_->label_index_entries;
      LabelId label;
      NodeId node;
      if (!parse_label_idx_key(it->key(), &label, &node)) {
        problem("a label-index key is malformed");
        continue;
      }
      std::optional<NodeRecord> rec;
      Status s = txn_->get_node(node, &rec);
      if (!s.ok() || !rec) {
        problem("label index: label " + label_text(label) + " lists node " + std::to_string(node) +
                ", which does not exist");
      } else if (std::find(rec->labels.begin(), rec->labels.end(), label) == rec->labels.end()) {
        problem("label index: label " + label_text(label) + " lists node " + std::to_string(node) +
                ", which does not have that label");
      }
    }
    return it->status();
  }

  Status check_rels() {
    auto it = scan(Family::kRels);
    for (; it->valid(); it->next()) {
      ++report_->relationships;
      if (it->key().size() != 8) {
        problem("a relationship key has " + std::to_string(it->key().size()) + " bytes instead of 8");
        continue;
      }
      RelRecord rec;
      rec.id = decode_rel_key(it->key());
      max_rel_ = std::max(max_rel_, rec.id);
      std::string who = "relationship " + std::to_string(rec.id);
      if (!decode_rel_record(it->value(), &rec)) {
        problem(who + ": the record does not decode");
        continue;
      }
      ++total_rels_;
      ++type_counts_[rec.type];
      if (!catalog().has_id(NameKind::kType, rec.type)) problem(who + ": unknown type id " + std::to_string(rec.type));
      for (const Property& p : rec.properties)
        if (!catalog().has_id(NameKind::kKey, p.key)) problem(who + ": unknown property key id " + std::to_string(p.key));
      for (auto [node, role] : {std::pair{rec.start, "start"}, std::pair{rec.end, "end"}}) {
        std::string v;
        bool found;
        MLKG_RETURN_IF_ERROR(exists(Family::kNodes, node_key(node), &v, &found));
        if (!found) problem(who + ": its " + role + " node " + std::to_string(node) + " does not exist");
      }
      live_rels_.push_back({rec.id, rec.type, rec.start, rec.end});
    }
    return it->status();
  }

  // Every item of every list must belong to a live relationship that agrees
  // with it. Each relationship has exactly one possible item per direction,
  // so if the agreeing items number twice the relationships, none is
  // missing; otherwise each relationship is looked up to name the missing.
  Status check_adjacency() {
    uint64_t agreeing = 0;
    auto it = scan(Family::kAdj);
    for (; it->valid(); it->next()) {
      NodeId node;
      Direction dir;
      if (!parse_adj_key(it->key(), &node, &dir)) {
        problem("an adjacency key is malformed");
        continue;
      }
      std::string who = std::string(dir == Direction::kOut ? "outgoing" : "incoming") + " adjacency of node " +
                        std::to_string(node);
      AdjacencyList list;
      if (!list.decode(it->value())) {
        problem(who + ": the list does not decode");
        continue;
      }
      for (const AdjItem& item : list.items()) {
        ++report_->adjacency_entries;
        std::optional<RelRecord> rec;
        Status s = txn_->get_rel(item.rel, &rec);
        if (!s.ok() || !rec) {
          problem(who + ": relationship " + std::to_string(item.rel) + " does not exist");
          continue;
        }
        bool out = dir == Direction::kOut;
        if (rec->type != item.type || (out ? rec->start : rec->end) != node ||
            (out ? rec->end : rec->start) != item.neighbour) {
          problem(who + ": relationship " + std::to_string(item.rel) + " disagrees with its record (type or end nodes)");
          continue;
        }
        ++agreeing;
      }
    }
    MLKG_RETURN_IF_ERROR(it->status());
    if (agreeing == 2 * live_rels_.size()) return Status();
    for (const LiveRel& r : live_rels_) {
      for (auto [node, dir, neighbour] : {std::tuple{r.start, Direction::kOut, r.end},
                                          std::tuple{r.end, Direction::kIn, r.start}}) {
        std::string bytes;
        bool found;
        MLKG_RETURN_IF_ERROR(exists(Family::kAdj, adj_key(node, dir), &bytes, &found));
        AdjacencyList list;
        bool present = list.decode(bytes) && std::binary_search(list.items().begin(), list.items().end(),
                                                                 AdjItem{r.type, neighbour, r.id});
        if (!present)
          problem("relationship " + std::to_string(r.id) + ": the " + (dir == Direction::kOut ? "outgoing" : "incoming") +
                  " adjacency entry of node " + std::to_string(node) + " is missing");
      }
    }
    return Status();
  }

  // Indexes, constraints and full-text indexes have distinct names.
  void check_schema_names() {
    std::map<std::string, int> uses;
    for (const IndexDefinition& def : catalog().indexes()) ++uses[def.name];
    for (const FulltextIndexDefinition& def : catalog().fulltext_indexes()) ++uses[def.name];
    for (const auto& [name, n] : uses)
      if (n > 1) problem("schema: " + std::to_string(n) + " indexes or constraints are called " + name);
  }

  Status check_property_index() {
    auto it = scan(Family::kPropIdx);
    for (; it->valid(); it->next()) {
      ++report_->property_index_entries;
      std::string_view key = it->key();
      if (key.size() < 5) {
        problem("a property-index key is malformed");
        continue;
      }
      IndexId index = load_u32_be(key.data());
      const IndexDefinition* def = catalog().find_index(index);
      if (!def) {
        problem("property index: an entry belongs to index " + std::to_string(index) + ", which does not exist");
        continue;
      }
      std::string_view value_bytes;
      NodeId node;
      if (def->unique) {
        if (it->value().size() != 8) {
          problem("property index " + std::to_string(index) + ": a unique entry does not name a node");
          continue;
        }
        value_bytes = key.substr(4);
        node = load_u64_be(it->value().data());
      } else if (!parse_prop_idx_key(key, &index, &value_bytes, &node)) {
        problem("property index " + std::to_string(index) + ": an entry is malformed");
        continue;
      }
      std::string who = "property index " + std::to_string(index) + ": node " + std::to_string(node);
      std::optional<NodeRecord> rec;
      Status s = txn_->get_node(node, &rec);
      if (!s.ok() || !rec) {
        problem(who + " does not exist");
        continue;
      }
      if (def->label && std::find(rec->labels.begin(), rec->labels.end(), def->label) == rec->labels.end()) {
        problem(who + " lacks the label " + label_text(def->label) + " the index covers");
        continue;
      }
      const Value* v = find_property(rec->properties, def->key);
      std::string expected;
      if (v) encode_index_value(&expected, *v);
      if (!v || expected != value_bytes) problem(who + " does not hold the indexed value of '" + key_text(def->key) + "'");
    }
    return it->status();
  }

  Status check_counts() {
    auto compare = [&](const std::string& key, uint64_t real, const std::string& what) -> Status {
      uint64_t stored;
      MLKG_RETURN_IF_ERROR(txn_->read_counter(key, &stored));
      if (stored != real)
        problem("count of " + what + ": stored " + std::to_string(stored) + ", actual " + std::to_string(real));
      return Status();
    };
    MLKG_RETURN_IF_ERROR(compare(meta_total_nodes_key(), total_nodes_, "all nodes"));
    MLKG_RETURN_IF_ERROR(compare(meta_total_rels_key(), total_rels_, "all relationships"));
    for (uint32_t l = 1; l <= catalog().count(NameKind::kLabel); ++l)
      MLKG_RETURN_IF_ERROR(compare(meta_count_key('L', l), label_counts_[l], "nodes with label " + label_text(l)));
    for (uint32_t t = 1; t <= catalog().count(NameKind::kType); ++t)
      MLKG_RETURN_IF_ERROR(compare(meta_count_key('T', t), type_counts_[t],
                                   "relationships of type " + catalog().type_name(t)));
    for (auto [key, max, what] : {std::tuple{meta_next_node_key(), max_node_, "node"},
                                  std::tuple{meta_next_rel_key(), max_rel_, "relationship"}}) {
      std::string v;
      bool found;
      MLKG_RETURN_IF_ERROR(exists(Family::kMeta, key, &v, &found));
      if (!found || v.size() != 8)
        problem(std::string("the next ") + what + " id is missing");
      else if (load_u64_be(v.data()) <= max)
        problem(std::string("the next ") + what + " id " + std::to_string(load_u64_be(v.data())) +
                " is not above the largest in use, " + std::to_string(max));
    }
    return Status();
  }

  std::string label_text(LabelId l) const {
    return catalog().has_id(NameKind::kLabel, l) ? ":" + catalog().label_name(l) : "#" + std::to_string(l);
  }
  std::string key_text(PropertyKeyId k) const {
    return catalog().has_id(NameKind::kKey, k) ? catalog().key_name(k) : "#" + std::to_string(k);
  }

  struct LiveRel {
    RelId id;
    TypeId type;
    NodeId start, end;
  };
  // What a full-text index should hold, from the nodes.
  struct TextExpected {
    FulltextStats stats;
    uint64_t postings = 0;
  };

  std::unique_ptr<Transaction> txn_;
  const TextAnalyzer* analyzer_;  // null: full-text indexes cannot be checked
  std::vector<LiveRel> live_rels_;  // every relationship that decodes
  CheckReport* report_;
  size_t max_reported_;
  uint64_t total_nodes_ = 0, total_rels_ = 0;
  NodeId max_node_ = 0;
  RelId max_rel_ = 0;
  std::map<LabelId, uint64_t> label_counts_;
  std::map<TypeId, uint64_t> type_counts_;
  std::map<IndexId, TextExpected> text_expected_;
};

Status check_consistency(GraphStore& store, CheckReport* report, size_t max_reported) {
  *report = CheckReport();
  return ConsistencyChecker(store, report, max_reported).run();
}

}  // namespace mlkg::storage

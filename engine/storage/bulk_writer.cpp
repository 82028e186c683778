#include "engine/storage/bulk_writer.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_set>

#include <rocksdb/db.h>
#include <rocksdb/sst_file_writer.h>

#include "engine/storage/adjacency_list.hpp"
#include "engine/storage/graph_store.hpp"
#include "engine/storage/key_codec.hpp"
#include "engine/storage/record_codec.hpp"
#include "engine/storage/rocks_util.hpp"

namespace fs = std::filesystem;

namespace mlkg::storage {

namespace {

// One sorted stream of entries for one column family. An empty optional
// value is a deletion.
struct FamilyEntries {
  std::vector<std::pair<std::string, std::optional<std::string>>> entries;
  void put(std::string key, std::string value) { entries.emplace_back(std::move(key), std::move(value)); }
  void del(std::string key) { entries.emplace_back(std::move(key), std::nullopt); }
  void sort() {
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  }
};

// The property-index entries of one node: key -> value.
std::map<std::string, std::string> index_entries(const NodeRecord& node, const std::vector<IndexDefinition>& defs) {
  std::map<std::string, std::string> out;
  for (const IndexDefinition& def : defs) {
    if (!def.applies_to(node.labels)) continue;
    const Value* v = find_property(node.properties, def.key);
    if (!v) continue;
    if (def.unique) {
      std::string id;
      put_u64_be(&id, node.id);
      out.emplace(prop_idx_unique_key(def.id, *v), std::move(id));
    } else {
      out.emplace(prop_idx_key(def.id, *v, node.id), std::string());
    }
  }
  return out;
}

std::atomic<uint64_t> bulk_dir_counter{0};

}  // namespace

BulkWriter::BulkWriter(GraphStore* store, StoreView view, std::unique_lock<std::timed_mutex> lock)
    : Transaction(store, view), lock_(std::move(lock)), base_catalog_(view.catalog), names_(*view.catalog) {
  catalog_ = names_.catalog();
}

BulkWriter::~BulkWriter() = default;

Status BulkWriter::load_counters() {
  MLKG_RETURN_IF_ERROR(read_id_counters(&next_node_, &next_rel_));
  first_new_node_ = next_node_;
  return Status();
}

void BulkWriter::stage_node(NodeRecord node, const NodeRecord* previous) {
  StagedNode staged;
  staged.record = std::move(node);
  if (previous) staged.previous = std::make_unique<NodeRecord>(*previous);
  nodes_.push_back(std::move(staged));
}

void BulkWriter::stage_rel(RelId id, TypeId type, NodeId start, NodeId end, bool undirected,
                           std::string_view encoded_properties) {
  size_t offset = rel_arena_.size();
  rel_arena_.push_back(static_cast<char>(undirected ? 1 : 0));
  put_varint(&rel_arena_, type);
  put_varint(&rel_arena_, start);
  put_varint(&rel_arena_, end);
  rel_arena_.append(encoded_properties);
  rels_.push_back(StagedRel{id, offset, rel_arena_.size() - offset});
  adj_.push_back(AdjKey{start, static_cast<uint8_t>(Direction::kOut), type, end, id});
  adj_.push_back(AdjKey{end, static_cast<uint8_t>(Direction::kIn), type, start, id});
  ++type_deltas_[type];
}

Status BulkWriter::define_index(LabelId label, PropertyKeyId key, bool unique, IndexId* out, std::string name) {
  if (catalog_->find_index(label, key)) return Status::invalid_argument("an index on this label and key exists already");
  if (name.empty()) name = catalog_->generate_index_name(label, key, unique);
  if (catalog_->schema_name_taken(name))
    return Status::invalid_argument("there is already an index or constraint called " + name);
  IndexDefinition def{names_.catalog()->next_index_id(), label, key, unique, std::move(name)};
  names_.catalog()->add_index(def);
  names_.record_index_added(def);
  new_indexes_.push_back(def);
  if (out) *out = def.id;
  return Status();
}

Status BulkWriter::check_unique_entries(std::vector<std::pair<std::string, std::string>>& puts,
                                        const std::vector<std::string>& deletes) {
  std::sort(puts.begin(), puts.end());
  std::unordered_set<std::string> deleted(deletes.begin(), deletes.end());
  auto describe = [&](const std::string& key, NodeId a, NodeId b) {
    IndexId index = load_u32_be(key.data());
    const IndexDefinition* def = catalog_->find_index(index);
    std::string what = def ? "property '" + catalog_->key_name(def->key) + "'" : "an indexed property";
    std::string rule = def ? "constraint " + def->name : std::string("a uniqueness constraint");
    return "nodes " + std::to_string(a) + " and " + std::to_string(b) + " would share the value of " + what +
           ", which " + rule + " requires to differ";
  };
  for (size_t i = 0; i < puts.size(); ++i) {
    NodeId node = load_u64_be(puts[i].second.data());
    if (i > 0 && puts[i - 1].first == puts[i].first)
      return Status::constraint_violation(describe(puts[i].first, load_u64_be(puts[i - 1].second.data()), node));
    if (deleted.count(puts[i].first)) continue;
    std::string v;
    bool found;
    MLKG_RETURN_IF_ERROR(read_key(static_cast<int>(Family::kPropIdx), puts[i].first, &v, &found));
    if (found && v.size() == 8 && load_u64_be(v.data()) != node)
      return Status::constraint_violation(describe(puts[i].first, load_u64_be(v.data()), node));
  }
  return Status();
}

Status BulkWriter::commit(const Progress& progress) {
  if (finished_) return Status::invalid_argument("the bulk writer has already committed");
  finished_ = true;
  Status s = apply_commit(progress);
  end_reading();  // before the in-process lock: the next writer finds the primary closed
  if (lock_.owns_lock()) lock_.unlock();
  return s;
}

Status BulkWriter::apply_commit(const Progress& progress) {
  auto report = [&](const char* phase, uint64_t done, uint64_t total) {
    if (progress) progress(phase, done, total);
  };

  const std::vector<IndexDefinition>& all_indexes = catalog_->indexes();
  const std::vector<IndexDefinition>& old_indexes = base_catalog_->indexes();
  FamilyEntries nodes, label_idx, prop_idx, text_idx, rels, adj, meta;
  std::map<IndexId, FulltextStatsDelta> text_deltas;
  std::vector<std::pair<std::string, std::string>> unique_puts;
  std::vector<std::string> unique_deletes;
  std::map<std::string, int64_t> count_deltas;

  // ---- nodes, their label entries and index entries (as a diff against
  // the previous record, so an unchanged entry is not rewritten)
  std::unordered_set<NodeId> staged_ids;
  for (const StagedNode& staged : nodes_) {
    const NodeRecord& rec = staged.record;
    staged_ids.insert(rec.id);
    nodes.put(node_key(rec.id), encode_node_record(rec));
    static const std::vector<LabelId> kNoLabels;
    const std::vector<LabelId>& old_labels = staged.previous ? staged.previous->labels : kNoLabels;
    for (LabelId l : rec.labels) {
      if (std::find(old_labels.begin(), old_labels.end(), l) != old_labels.end()) continue;
      label_idx.put(label_idx_key(l, rec.id), "");
      ++count_deltas[meta_count_key('L', l)];
    }
    for (LabelId l : old_labels) {
      if (std::find(rec.labels.begin(), rec.labels.end(), l) != rec.labels.end()) continue;
      label_idx.del(label_idx_key(l, rec.id));
      --count_deltas[meta_count_key('L', l)];
    }
    if (!staged.previous) ++count_deltas[meta_total_nodes_key()];

    auto now = index_entries(rec, all_indexes);
    auto before = staged.previous ? index_entries(*staged.previous, old_indexes) : std::map<std::string, std::string>{};
    for (auto& [key, value] : before) {
      auto it = now.find(key);
      if (it != now.end() && it->second == value) {
        now.erase(it);  // unchanged
      } else if (it == now.end()) {
        if (value.size() == 8) unique_deletes.push_back(key);
        prop_idx.del(key);
      }
    }
    for (auto& [key, value] : now) {
      if (value.size() == 8) unique_puts.emplace_back(key, value);
      prop_idx.put(key, value);
    }

    // Full-text indexes (a bulk writer defines none, so the old and new
    // definitions are the same).
    for (const FulltextIndexDefinition& def : catalog_->fulltext_indexes()) {
      if (!fulltext_input_changed(def, staged.previous.get(), &rec)) continue;
      const TextAnalyzer* analyzer = store_->text_analyzer();
      if (!analyzer) return missing_text_analyzer();
      FulltextEntryChanges changes;
      diff_fulltext_entries(def.id, rec.id,
                            staged.previous ? fulltext_document(*analyzer, def, *staged.previous) : std::nullopt,
                            fulltext_document(*analyzer, def, rec), &changes);
      for (auto& key : changes.deletes) text_idx.del(std::move(key));
      for (auto& [key, value] : changes.puts) text_idx.put(std::move(key), std::move(value));
      FulltextStatsDelta& d = text_deltas[def.id];
      d.documents += changes.documents;
      d.total_length += changes.total_length;
    }
  }
  for (const auto& [index, delta] : text_deltas) {
    FulltextStats stats;
    MLKG_RETURN_IF_ERROR(fulltext_stats(index, &stats));  // the snapshot's
    stats.documents = static_cast<uint64_t>(static_cast<int64_t>(stats.documents) + delta.documents);
    stats.total_length = static_cast<uint64_t>(static_cast<int64_t>(stats.total_length) + delta.total_length);
    text_idx.put(text_stats_key(index), encode_fulltext_stats(stats));
  }
  report("indexing", 1, 1);

  // ---- new indexes over existing nodes that were not restaged
  for (const IndexDefinition& def : new_indexes_) {
    NodeCursor c = def.label ? scan_label(def.label) : scan_nodes();
    std::vector<NodeId> ids;
    for (; c.valid(); c.next())
      if (!staged_ids.count(c.node())) ids.push_back(c.node());
    MLKG_RETURN_IF_ERROR(c.status());
    for (NodeId id : ids) {
      std::optional<NodeRecord> rec;
      MLKG_RETURN_IF_ERROR(get_node(id, &rec));
      if (!rec) continue;
      for (auto& [key, value] : index_entries(*rec, {def})) {
        if (value.size() == 8) unique_puts.emplace_back(key, value);
        prop_idx.put(key, value);
      }
    }
  }
  MLKG_RETURN_IF_ERROR(check_unique_entries(unique_puts, unique_deletes));

  // ---- relationships and adjacency
  std::sort(rels_.begin(), rels_.end(), [](const StagedRel& a, const StagedRel& b) { return a.id < b.id; });
  for (auto& [type, delta] : type_deltas_) count_deltas[meta_count_key('T', type)] += delta;
  if (!rels_.empty()) count_deltas[meta_total_rels_key()] += static_cast<int64_t>(rels_.size());
  std::sort(adj_.begin(), adj_.end(), [](const AdjKey& a, const AdjKey& b) {
    if (a.node != b.node) return a.node < b.node;
    if (a.dir != b.dir) return a.dir < b.dir;
    if (a.type != b.type) return a.type < b.type;
    if (a.neighbour != b.neighbour) return a.neighbour < b.neighbour;
    return a.rel < b.rel;
  });
  report("sorting", 1, 1);

  // ---- meta: names, indexes, id counters, counts
  for (auto& [key, value] : names_.meta_changes()) {
    if (value.empty()) meta.del(key); else meta.put(key, value);
  }
  for (auto& [name, value] : store_properties_) meta.put(meta_property_key(name), value);
  {
    std::string n, r;
    put_u64_be(&n, next_node_);
    put_u64_be(&r, next_rel_);
    meta.put(meta_next_node_key(), n);
    meta.put(meta_next_rel_key(), r);
  }
  for (auto& [key, delta] : count_deltas) {
    if (delta == 0) continue;
    uint64_t base;
    MLKG_RETURN_IF_ERROR(read_counter(key, &base));
    uint64_t total = static_cast<uint64_t>(static_cast<int64_t>(base) + delta);
    std::string v;
    put_u64_be(&v, total);
    if (total) meta.put(key, v); else meta.del(key);
  }

  // ---- write one sorted table file per family
  fs::path dir = fs::path(store_->path()) /
                 ("bulk-" + std::to_string(::getpid()) + "-" + std::to_string(bulk_dir_counter++));
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::io_error("cannot create " + dir.string() + ": " + ec.message());
  struct DirCleanup {
    fs::path p;
    ~DirCleanup() { std::error_code e; fs::remove_all(p, e); }
  } cleanup{dir};

  uint64_t total_entries = nodes.entries.size() + label_idx.entries.size() + prop_idx.entries.size() +
                           text_idx.entries.size() + rels_.size() + adj_.size() + meta.entries.size();
  uint64_t written = 0;
  std::vector<rocksdb::IngestExternalFileArg> args;
  auto open_writer = [&](Family f, std::unique_ptr<rocksdb::SstFileWriter>* w, std::string* path) -> Status {
    rocksdb::Options options(db_options(), family_options(f, store_->block_cache_));
    w->reset(new rocksdb::SstFileWriter(rocksdb::EnvOptions(), options, rocks_->cf(f)));
    *path = (dir / (std::string(family_name(f)) + ".sst")).string();
    return from_rocks((*w)->Open(*path), "cannot create " + *path);
  };
  auto finish_writer = [&](Family f, rocksdb::SstFileWriter* w, const std::string& path) -> Status {
    MLKG_RETURN_IF_ERROR(from_rocks(w->Finish(), "cannot write " + path));
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = rocks_->cf(f);
    arg.external_files.push_back(path);
    arg.options.move_files = true;
    args.push_back(std::move(arg));
    return Status();
  };
  auto write_family = [&](Family f, FamilyEntries& fam, bool sorted) -> Status {
    if (fam.entries.empty()) return Status();
    if (!sorted) fam.sort();
    std::unique_ptr<rocksdb::SstFileWriter> w;
    std::string path;
    MLKG_RETURN_IF_ERROR(open_writer(f, &w, &path));
    for (size_t i = 0; i < fam.entries.size(); ++i) {
      const auto& [key, value] = fam.entries[i];
      if (i > 0 && fam.entries[i - 1].first == key) continue;  // staged twice: keep the first
      MLKG_RETURN_IF_ERROR(from_rocks(value ? w->Put(key, *value) : w->Delete(key), "cannot write " + path));
    }
    written += fam.entries.size();
    report("writing", written, total_entries);
    return finish_writer(f, w.get(), path);
  };

  MLKG_RETURN_IF_ERROR(write_family(Family::kMeta, meta, false));
  MLKG_RETURN_IF_ERROR(write_family(Family::kNodes, nodes, false));
  MLKG_RETURN_IF_ERROR(write_family(Family::kLabelIdx, label_idx, false));
  MLKG_RETURN_IF_ERROR(write_family(Family::kPropIdx, prop_idx, false));
  MLKG_RETURN_IF_ERROR(write_family(Family::kTextIdx, text_idx, false));
  if (!rels_.empty()) {
    std::unique_ptr<rocksdb::SstFileWriter> w;
    std::string path;
    MLKG_RETURN_IF_ERROR(open_writer(Family::kRels, &w, &path));
    char key[8];
    for (size_t i = 0; i < rels_.size(); ++i) {
      store_u64_be(key, rels_[i].id);
      MLKG_RETURN_IF_ERROR(from_rocks(
          w->Put(rocksdb::Slice(key, 8), rocksdb::Slice(rel_arena_.data() + rels_[i].offset, rels_[i].size)),
          "cannot write " + path));
      if ((i & 0xffff) == 0) report("writing", written + i, total_entries);
    }
    written += rels_.size();
    MLKG_RETURN_IF_ERROR(finish_writer(Family::kRels, w.get(), path));
  }
  if (!adj_.empty()) {
    // One list per (node, direction): the sorted items of each run, merged
    // with the list already stored for nodes that existed before.
    std::unique_ptr<rocksdb::SstFileWriter> w;
    std::string path;
    MLKG_RETURN_IF_ERROR(open_writer(Family::kAdj, &w, &path));
    AdjacencyList list;
    std::string key, bytes;
    for (size_t i = 0; i < adj_.size();) {
      const NodeId node = adj_[i].node;
      const uint8_t dir = adj_[i].dir;
      key = adj_key(node, static_cast<Direction>(dir));
      list.decode("");
      if (node < first_new_node_) {
        std::string old;
        bool found;
        MLKG_RETURN_IF_ERROR(read_key(static_cast<int>(Family::kAdj), key, &old, &found));
        if (found && !list.decode(old))
          return Status::corruption("the adjacency list of node " + std::to_string(node) + " does not decode");
      }
      size_t j = i;
      for (; j < adj_.size() && adj_[j].node == node && adj_[j].dir == dir; ++j)
        list.add(AdjItem{adj_[j].type, adj_[j].neighbour, adj_[j].rel});
      bytes.clear();
      list.items();
      list.encode(&bytes);
      MLKG_RETURN_IF_ERROR(from_rocks(w->Put(key, bytes), "cannot write " + path));
      if (((i ^ j) & ~size_t{0xffff}) != 0) report("writing", written + j, total_entries);
      i = j;
    }
    written += adj_.size();
    MLKG_RETURN_IF_ERROR(finish_writer(Family::kAdj, w.get(), path));
  }
  report("writing", total_entries, total_entries);

  // ---- one atomic ingestion of every file
  MLKG_RETURN_IF_ERROR(store_->commit_atomically(
      *rocks_, [&] { return from_rocks(rocks_->db()->IngestExternalFiles(args), "cannot ingest the import"); },
      names_.changed() ? names_.catalog() : nullptr));
  report("ingesting", 1, 1);
  return Status();
}

}  // namespace mlkg::storage

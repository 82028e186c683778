#include "engine/load/graph_loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "engine/load/pg_parser.hpp"
#include "engine/storage/bulk_writer.hpp"
#include "engine/storage/graph_store.hpp"
#include "engine/storage/record_codec.hpp"

namespace mlkg::load {

using storage::BulkWriter;
using storage::LabelId;
using storage::NodeId;
using storage::NodeRecord;
using storage::Property;
using storage::PropertyKeyId;
using storage::PropertyList;
using storage::TypeId;

bool parse_input_format(std::string_view name, InputFormat* out) {
  if (name == "pg") *out = InputFormat::kPg;
  else if (name == "pgjson") *out = InputFormat::kPgJson;
  else if (name == "pgjsonl") *out = InputFormat::kPgJsonl;
  else return false;
  return true;
}

const char* input_format_names() { return "pg, pgjson, pgjsonl"; }

InputFormat format_from_path(std::string_view path) {
  auto ends_with = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
  };
  if (ends_with(".jsonl") || ends_with(".ndjson")) return InputFormat::kPgJsonl;
  if (ends_with(".json")) return InputFormat::kPgJson;
  return InputFormat::kPg;
}

namespace {

struct NameHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// One node as the import has it: everything the files said about it, merged.
struct StagedNode {
  std::vector<LabelId> labels;
  std::vector<std::pair<PropertyKeyId, ValueList>> properties;  // in order of first appearance
  bool declared = false;  // false: only named by edges (an implicit node)
};

struct StagedEdge {
  uint32_t from;
  uint32_t to;
  TypeId type;
  bool undirected;
  size_t props_offset;  // encoded properties in Importer::edge_props_
  size_t props_size;
};

Value single_or_list(const ValueList& values) {
  return values.size() == 1 ? values[0] : Value(values);
}

// Streams every statement of every file into staged nodes and edges. Names
// are interned through the bulk writer, so they vanish if the import fails.
class Importer final : public PgSink {
 public:
  Importer(BulkWriter& bulk, const ImportOptions& options, ImportStats* stats)
      : bulk_(bulk), options_(options), stats_(stats), id_key_(bulk.key_id("id")) {}

  void begin_file(const std::string& name, std::string_view text) {
    file_ = name;
    text_ = text;
  }

  Status on_node(const PgNode& node) override {
    uint32_t index = intern_node(node.id);
    StagedNode& staged = nodes_[index];
    staged.declared = true;
    for (const std::string& label : node.labels) {
      LabelId id = bulk_.label_id(label);
      if (std::find(staged.labels.begin(), staged.labels.end(), id) == staged.labels.end()) staged.labels.push_back(id);
    }
    for (const PgProperty& p : node.properties) {
      PropertyKeyId key = bulk_.key_id(p.key);
      if (key == id_key_)
        return located(p.location, "a node property may not be called 'id': mlkg keeps the PG node id ('" + node.id +
                                       "') in the property 'id'");
      auto it = std::find_if(staged.properties.begin(), staged.properties.end(),
                             [key](const auto& kv) { return kv.first == key; });
      if (it == staged.properties.end()) {
        staged.properties.emplace_back(key, p.values);
      } else {
        it->second.insert(it->second.end(), p.values.begin(), p.values.end());
      }
    }
    return Status();
  }

  Status on_edge(const PgEdge& edge) override {
    TypeId type;
    if (edge.labels.empty()) {
      type = cached_type(options_.default_type);
      ++stats_->edges_given_default_type;
    } else if (edge.labels.size() > 1) {
      return located(edge.label_locations.size() > 1 ? edge.label_locations[1] : edge.location,
                     "this edge has " + std::to_string(edge.labels.size()) +
                         " labels; an mlkg relationship has exactly one type");
    } else {
      type = cached_type(edge.labels[0]);
    }
    edge_props_scratch_.clear();
    if (edge.id) edge_props_scratch_.push_back(Property{id_key_, Value(*edge.id)});
    for (const PgProperty& p : edge.properties) {
      PropertyKeyId key = bulk_.key_id(p.key);
      if (key == id_key_ && edge.id)
        return located(p.location, "this edge has an edge id ('" + *edge.id +
                                       "') and a property 'id'; mlkg keeps the edge id in the property 'id'");
      auto it = std::find_if(edge_props_scratch_.begin(), edge_props_scratch_.end(),
                             [key](const Property& q) { return q.key == key; });
      if (it == edge_props_scratch_.end()) {
        edge_props_scratch_.push_back(Property{key, single_or_list(p.values)});
      } else {
        ValueList merged = it->value.is_list() ? it->value.as_list() : ValueList{it->value};
        merged.insert(merged.end(), p.values.begin(), p.values.end());
        it->value = Value(std::move(merged));
      }
    }
    std::sort(edge_props_scratch_.begin(), edge_props_scratch_.end(),
              [](const Property& a, const Property& b) { return a.key < b.key; });
    size_t offset = edge_props_.size();
    storage::encode_properties(&edge_props_, edge_props_scratch_);
    uint32_t from = intern_node(edge.from);
    uint32_t to = intern_node(edge.to);
    edges_.push_back(StagedEdge{from, to, type, !edge.directed, offset, edge_props_.size() - offset});
    if (!edge.directed) ++stats_->undirected_edges;
    return Status();
  }

  // Matches staged nodes with the database's nodes and stages the result in
  // the bulk writer.
  Status stage() {
    std::vector<std::optional<NodeId>> existing(nodes_.size());
    MLKG_RETURN_IF_ERROR(find_existing(&existing));
    std::vector<NodeId> node_ids(nodes_.size());
    for (size_t i = 0; i < nodes_.size(); ++i) {
      StagedNode& staged = nodes_[i];
      PropertyList props;
      for (auto& [key, values] : staged.properties) props.push_back(Property{key, single_or_list(values)});
      if (!existing[i]) {
        NodeRecord rec;
        rec.id = bulk_.allocate_node_id();
        rec.labels = std::move(staged.labels);
        props.push_back(Property{id_key_, Value(ids_[i])});
        std::sort(props.begin(), props.end(), [](const Property& a, const Property& b) { return a.key < b.key; });
        rec.properties = std::move(props);
        node_ids[i] = rec.id;
        bulk_.stage_node(std::move(rec), nullptr);
        ++stats_->nodes_created;
        continue;
      }
      node_ids[i] = *existing[i];
      if (staged.labels.empty() && props.empty()) continue;  // nothing new about it
      std::optional<NodeRecord> old;
      MLKG_RETURN_IF_ERROR(bulk_.get_node(*existing[i], &old));
      if (!old) return Status::corruption("node " + std::to_string(*existing[i]) + " vanished during the import");
      NodeRecord rec = *old;
      for (LabelId l : staged.labels)
        if (std::find(rec.labels.begin(), rec.labels.end(), l) == rec.labels.end()) rec.labels.push_back(l);
      for (Property& p : props) {
        auto it = std::lower_bound(rec.properties.begin(), rec.properties.end(), p.key,
                                   [](const Property& q, PropertyKeyId k) { return q.key < k; });
        if (it != rec.properties.end() && it->key == p.key) it->value = std::move(p.value);
        else rec.properties.insert(it, std::move(p));
      }
      if (rec.labels == old->labels && rec.properties == old->properties) continue;
      bulk_.stage_node(std::move(rec), &*old);
      ++stats_->nodes_updated;
    }
    for (const StagedEdge& e : edges_) {
      bulk_.stage_rel(bulk_.allocate_rel_id(), e.type, node_ids[e.from], node_ids[e.to], e.undirected,
                      std::string_view(edge_props_).substr(e.props_offset, e.props_size));
    }
    stats_->relationships_created += edges_.size();
    return Status();
  }

 private:
  uint32_t intern_node(const std::string& id) {
    auto it = node_index_.find(std::string_view(id));
    if (it != node_index_.end()) return it->second;
    auto index = static_cast<uint32_t>(nodes_.size());
    node_index_.emplace(id, index);
    ids_.push_back(id);
    nodes_.emplace_back();
    return index;
  }

  TypeId cached_type(const std::string& name) {
    if (name != last_type_name_) {
      last_type_name_ = name;
      last_type_ = bulk_.type_id(name);
    }
    return last_type_;
  }

  Status located(SourceLocation loc, std::string message) const {
    PgError err;
    err.source_name = file_;
    err.location = loc;
    err.message = std::move(message);
    if (loc.line > 0) {
      size_t start = 0;
      for (size_t line = 1; line < loc.line && start != std::string_view::npos; ++line) {
        start = text_.find_first_of("\r\n", start);
        if (start == std::string_view::npos) break;
        start += (text_[start] == '\r' && start + 1 < text_.size() && text_[start + 1] == '\n') ? 2 : 1;
      }
      if (start != std::string_view::npos && start <= text_.size()) {
        size_t end = text_.find_first_of("\r\n", start);
        err.line_text = std::string(text_.substr(start, end == std::string_view::npos ? end : end - start));
      }
    }
    return Status::invalid_argument(err.to_string());
  }

  // Fills existing[i] with the database node whose `id` is ids_[i], if any.
  Status find_existing(std::vector<std::optional<NodeId>>* existing) {
    const storage::IndexDefinition* index = bulk_.catalog().find_index(0, id_key_);
    if (index && index->unique) {
      for (size_t i = 0; i < ids_.size(); ++i) MLKG_RETURN_IF_ERROR(bulk_.find_unique(index->id, Value(ids_[i]), &(*existing)[i]));
      return Status();
    }
    if (index) {
      for (size_t i = 0; i < ids_.size(); ++i) {
        storage::NodeCursor c = bulk_.seek_index(index->id, Value(ids_[i]));
        if (c.valid()) {
          (*existing)[i] = c.node();
          c.next();
          if (c.valid())
            return Status::invalid_argument("the database holds several nodes with id '" + ids_[i] +
                                            "'; the import cannot tell which one the files mean");
        }
        MLKG_RETURN_IF_ERROR(c.status());
      }
      return Status();
    }
    // No index on `id` yet: look at every existing node once, then create the
    // unique index within this import.
    std::unordered_map<std::string, NodeId> by_id;
    storage::NodeCursor c = bulk_.scan_nodes();
    std::vector<NodeId> all;
    for (; c.valid(); c.next()) all.push_back(c.node());
    MLKG_RETURN_IF_ERROR(c.status());
    for (NodeId n : all) {
      std::optional<NodeRecord> rec;
      MLKG_RETURN_IF_ERROR(bulk_.get_node(n, &rec));
      const Value* v = rec ? storage::find_property(rec->properties, id_key_) : nullptr;
      if (!v || !v->is_string()) continue;
      auto [it, inserted] = by_id.emplace(v->as_string(), n);
      if (!inserted)
        return Status::invalid_argument("nodes " + std::to_string(it->second) + " and " + std::to_string(n) +
                                        " of the database both have id '" + v->as_string() +
                                        "'; ids must be unique before an import can match nodes by id");
    }
    for (size_t i = 0; i < ids_.size(); ++i) {
      auto it = by_id.find(ids_[i]);
      if (it != by_id.end()) (*existing)[i] = it->second;
    }
    return bulk_.define_index(0, id_key_, true, nullptr);
  }

  BulkWriter& bulk_;
  const ImportOptions& options_;
  ImportStats* stats_;
  PropertyKeyId id_key_;
  std::string file_;
  std::string_view text_;
  std::unordered_map<std::string, uint32_t, NameHash, std::equal_to<>> node_index_;
  std::vector<std::string> ids_;
  std::vector<StagedNode> nodes_;
  std::vector<StagedEdge> edges_;
  std::string edge_props_;
  PropertyList edge_props_scratch_;
  std::string last_type_name_;
  TypeId last_type_ = 0;
};

Status read_file(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::io_error("cannot read " + path + ": " + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::io_error("cannot read " + path);
  *out = std::move(ss).str();
  return Status();
}

}  // namespace

namespace {

// Runs the import over documents supplied one at a time by `next`.
Status run_import(storage::GraphStore& store, size_t count,
                  const std::function<Status(size_t, std::string*, std::string*)>& next,
                  const std::vector<InputFormat>& formats, const ImportOptions& options, ImportStats* stats) {
  *stats = ImportStats();
  std::unique_ptr<BulkWriter> bulk;
  MLKG_RETURN_IF_ERROR(store.begin_bulk(&bulk));
  Importer importer(*bulk, options, stats);
  for (size_t i = 0; i < count; ++i) {
    std::string name, text;
    MLKG_RETURN_IF_ERROR(next(i, &name, &text));
    importer.begin_file(name, text);
    PgParseOptions parse_options;
    parse_options.source_name = name;
    if (options.progress) {
      uint64_t total = text.size();
      parse_options.progress = [&options, &name, total](size_t done) {
        options.progress(ImportProgress{"reading", name, done, total});
      };
    }
    PgError error;
    Status s;
    switch (formats[i]) {
      case InputFormat::kPgJson: s = parse_pg_json(text, importer, parse_options, &error); break;
      case InputFormat::kPgJsonl: s = parse_pg_jsonl(text, importer, parse_options, &error); break;
      default: s = parse_pg(text, importer, parse_options, &error); break;
    }
    // A syntax error comes back with its line and a caret; errors the
    // importer raised itself already carry them.
    if (!s.ok() && !error.message.empty()) return Status::invalid_argument(error.to_string());
    MLKG_RETURN_IF_ERROR(s);
    if (options.progress) options.progress(ImportProgress{"reading", name, text.size(), text.size()});
    ++stats->files;
    stats->bytes += text.size();
  }
  MLKG_RETURN_IF_ERROR(importer.stage());
  return bulk->commit([&](const char* phase, uint64_t done, uint64_t total) {
    if (options.progress) options.progress(ImportProgress{phase, "", done, total});
  });
}

}  // namespace

Status import_files(storage::GraphStore& store, const std::vector<std::string>& paths, const ImportOptions& options,
                    ImportStats* stats) {
  std::vector<InputFormat> formats;
  for (const auto& p : paths) formats.push_back(options.format == InputFormat::kAuto ? format_from_path(p) : options.format);
  return run_import(
      store, paths.size(),
      [&](size_t i, std::string* name, std::string* text) {
        *name = paths[i];
        return read_file(paths[i], text);
      },
      formats, options, stats);
}

Status import_texts(storage::GraphStore& store, const std::vector<std::pair<std::string, std::string>>& texts,
                    const ImportOptions& options, ImportStats* stats) {
  std::vector<InputFormat> formats;
  for (const auto& t : texts)
    formats.push_back(options.format == InputFormat::kAuto ? format_from_path(t.first) : options.format);
  return run_import(
      store, texts.size(),
      [&](size_t i, std::string* name, std::string* text) {
        *name = texts[i].first;
        *text = texts[i].second;
        return Status();
      },
      formats, options, stats);
}

}  // namespace mlkg::load

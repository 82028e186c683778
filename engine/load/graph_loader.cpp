#include "engine/load/graph_loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "engine/common/suggest.hpp"
#include "engine/load/graphml_reader.hpp"
#include "engine/load/neo4j_csv_reader.hpp"
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
  else if (name == "graphml") *out = InputFormat::kGraphml;
  else if (name == "neo4j-csv") *out = InputFormat::kNeo4jCsv;
  else return false;
  return true;
}

const char* input_format_names() { return "pg, pgjson, pgjsonl, graphml, neo4j-csv"; }

InputFormat format_from_path(std::string_view path) {
  auto ends_with = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
  };
  if (ends_with(".jsonl") || ends_with(".ndjson")) return InputFormat::kPgJsonl;
  if (ends_with(".json")) return InputFormat::kPgJson;
  if (ends_with(".graphml")) return InputFormat::kGraphml;
  if (ends_with(".csv")) return InputFormat::kNeo4jCsv;
  return InputFormat::kPg;
}

namespace {

struct NameHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// A place in one of the import's files.
struct Place {
  uint32_t file = 0;
  pg::SourceLocation location;
};

// One property as the files gave it: every value written for the key.
struct StagedProperty {
  PropertyKeyId key;
  ValueList values;
  Place place;  // of the first time the key was written
  bool list = false;  // a typed source said it is a list (pg::PgProperty::list)
};

// One node as the import has it: everything the files said about it, merged.
struct StagedNode {
  std::vector<LabelId> labels;
  std::vector<StagedProperty> properties;  // in order of first appearance
  bool declared = false;                   // false: only named by edges (an implicit node)
  Place place;                             // of its declaration, else of the first edge naming it
};

struct StagedEdge {
  uint32_t from;
  uint32_t to;
  TypeId type;
  bool undirected;
  size_t props_offset;  // encoded properties in Importer::edge_props_
  size_t props_size;
  Place place;
};

// PG's rule: one value is a scalar, several a list; a source that typed the
// property as a list keeps it a list.
Value single_or_list(const ValueList& values, bool list) {
  return values.size() == 1 && !list ? values[0] : Value(values);
}

// Streams every statement of every file into staged nodes and edges, checks
// them against the schema if there is one, and stages them in the bulk
// writer. Names are interned through the bulk writer, so they vanish if the
// import fails.
class Importer final : public PgSink {
 public:
  Importer(BulkWriter& bulk, const ImportOptions& options, ImportStats* stats)
      : bulk_(bulk), options_(options), schema_(options.schema), stats_(stats), id_key_(bulk.key_id("id")) {}

  // Keeps the file (its text is needed for error messages until the end)
  // and returns the text to parse.
  std::string_view begin_file(const std::string& name, std::string text) {
    files_.push_back(name);
    texts_.push_back(std::move(text));
    file_ = static_cast<uint32_t>(files_.size() - 1);
    return texts_.back();
  }

  Status on_node(const pg::PgNode& node) override {
    uint32_t index = intern_node(node.id, node.location);
    StagedNode& staged = nodes_[index];
    if (!staged.declared) staged.place = Place{file_, node.location};
    staged.declared = true;
    for (size_t i = 0; i < node.labels.size(); ++i) {
      const std::string& label = node.labels[i];
      if (schema_ && !schema_->label(label))
        return located(here(node.label_locations[i]),
                       "the label :" + label + " is not declared in the schema" + label_hint(label));
      LabelId id = bulk_.label_id(label);
      if (std::find(staged.labels.begin(), staged.labels.end(), id) == staged.labels.end()) staged.labels.push_back(id);
    }
    for (const pg::PgProperty& p : node.properties) {
      PropertyKeyId key = bulk_.key_id(p.key);
      if (key == id_key_)
        return located(here(p.location), "a node property may not be called 'id': mlkg keeps the PG node id ('" +
                                             node.id + "') in the property 'id'");
      auto it = std::find_if(staged.properties.begin(), staged.properties.end(),
                             [key](const StagedProperty& q) { return q.key == key; });
      if (it == staged.properties.end()) {
        staged.properties.push_back({key, p.values, here(p.location), p.list});
      } else {
        it->values.insert(it->values.end(), p.values.begin(), p.values.end());
        it->list = it->list || p.list;
      }
    }
    return Status();
  }

  Status on_edge(const pg::PgEdge& edge) override {
    TypeId type;
    const TypeRule* rule = nullptr;
    if (edge.labels.empty()) {
      type = cached_type(options_.default_type);
      ++stats_->edges_given_default_type;
    } else if (edge.labels.size() > 1) {
      return located(here(edge.label_locations.size() > 1 ? edge.label_locations[1] : edge.location),
                     "this edge has " + std::to_string(edge.labels.size()) +
                         " labels; an mlkg relationship has exactly one type");
    } else {
      type = cached_type(edge.labels[0]);
    }
    if (schema_) {
      const std::string& name = bulk_.catalog().type_name(type);
      rule = schema_->type(name);
      if (!rule)
        return located(here(edge.label_locations.empty() ? edge.location : edge.label_locations[0]),
                       "the relationship type :" + name + " is not declared in the schema" + type_hint(name));
    }
    // Every value written for each key, merged.
    edge_values_.clear();
    if (edge.id) edge_values_.push_back({id_key_, {Value(*edge.id)}, here(edge.location)});
    for (const pg::PgProperty& p : edge.properties) {
      PropertyKeyId key = bulk_.key_id(p.key);
      if (key == id_key_ && edge.id)
        return located(here(p.location), "this edge has an edge id ('" + *edge.id +
                                             "') and a property 'id'; mlkg keeps the edge id in the property 'id'");
      auto it = std::find_if(edge_values_.begin(), edge_values_.end(),
                             [key](const StagedProperty& q) { return q.key == key; });
      if (it == edge_values_.end()) {
        edge_values_.push_back({key, p.values, here(p.location), p.list});
      } else {
        it->values.insert(it->values.end(), p.values.begin(), p.values.end());
        it->list = it->list || p.list;
      }
    }
    edge_props_scratch_.clear();
    for (const StagedProperty& p : edge_values_) {
      Value stored;
      if (rule && p.key != id_key_) {
        MLKG_RETURN_IF_ERROR(conform_property(rule->properties, p, ":" + rule->name, &stored));
      } else {
        stored = single_or_list(p.values, p.list);
      }
      edge_props_scratch_.push_back(Property{p.key, std::move(stored)});
    }
    if (rule) {
      for (const PropertyRule& r : rule->properties) {
        if (!r.required) continue;
        auto key = bulk_.catalog().find_key(r.key);
        bool present = key && std::any_of(edge_values_.begin(), edge_values_.end(),
                                          [&](const StagedProperty& q) { return q.key == *key; });
        if (!present)
          return located(here(edge.location),
                         "a :" + rule->name + " relationship needs the property '" + r.key + "' (" + r.type.name() + ")");
      }
    }
    std::sort(edge_props_scratch_.begin(), edge_props_scratch_.end(),
              [](const Property& a, const Property& b) { return a.key < b.key; });
    size_t offset = edge_props_.size();
    storage::encode_properties(&edge_props_, edge_props_scratch_);
    uint32_t from = intern_node(edge.from, edge.from_location);
    uint32_t to = intern_node(edge.to, edge.to_location);
    edges_.push_back(StagedEdge{from, to, type, !edge.directed, offset, edge_props_.size() - offset, here(edge.location)});
    if (!edge.directed) ++stats_->undirected_edges;
    return Status();
  }

  // Matches staged nodes with the database's nodes, checks them and the
  // relationships against the schema, and stages the result in the bulk
  // writer.
  Status stage() {
    std::vector<std::optional<NodeId>> existing(nodes_.size());
    MLKG_RETURN_IF_ERROR(find_existing(&existing));
    std::vector<NodeId> node_ids(nodes_.size());
    // The final labels of every node an edge touches, for the schema's checks.
    std::vector<std::vector<LabelId>> final_labels(nodes_.size());
    for (size_t i = 0; i < nodes_.size(); ++i) {
      StagedNode& staged = nodes_[i];
      std::optional<NodeRecord> old;
      if (existing[i]) {
        MLKG_RETURN_IF_ERROR(bulk_.get_node(*existing[i], &old));
        if (!old) return Status::corruption("node " + std::to_string(*existing[i]) + " vanished during the import");
      }
      std::vector<LabelId> labels = old ? old->labels : std::vector<LabelId>{};
      for (LabelId l : staged.labels)
        if (std::find(labels.begin(), labels.end(), l) == labels.end()) labels.push_back(l);
      final_labels[i] = labels;
      PropertyList props;
      MLKG_RETURN_IF_ERROR(conform_node(i, labels, &props));
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
      NodeRecord rec = *old;
      rec.labels = labels;
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
    if (schema_) MLKG_RETURN_IF_ERROR(check_endpoints(final_labels));
    for (const StagedEdge& e : edges_) {
      bulk_.stage_rel(bulk_.allocate_rel_id(), e.type, node_ids[e.from], node_ids[e.to], e.undirected,
                      std::string_view(edge_props_).substr(e.props_offset, e.props_size));
    }
    stats_->relationships_created += edges_.size();
    if (schema_) bulk_.stage_store_property(kSchemaProperty, schema_->to_json());
    return Status();
  }

 private:
  Place here(pg::SourceLocation loc) const { return Place{file_, loc}; }

  uint32_t intern_node(const std::string& id, pg::SourceLocation where) {
    auto it = node_index_.find(std::string_view(id));
    if (it != node_index_.end()) return it->second;
    auto index = static_cast<uint32_t>(nodes_.size());
    node_index_.emplace(id, index);
    ids_.push_back(id);
    nodes_.emplace_back();
    nodes_.back().place = here(where);
    return index;
  }

  TypeId cached_type(const std::string& name) {
    if (name != last_type_name_) {
      last_type_name_ = name;
      last_type_ = bulk_.type_id(name);
    }
    return last_type_;
  }

  std::string label_hint(const std::string& name) const {
    std::vector<std::string> names;
    for (const auto& l : schema_->labels()) names.push_back(l.name);
    auto hint = closest_match(name, names);
    return hint ? "; did you mean :" + *hint + "?" : "";
  }

  std::string type_hint(const std::string& name) const {
    std::vector<std::string> names;
    for (const auto& t : schema_->types()) names.push_back(t.name);
    auto hint = closest_match(name, names);
    return hint ? "; did you mean :" + *hint + "?" : "";
  }

  // The stored value of one property under the schema's rule for it.
  Status conform_property(const std::vector<PropertyRule>& rules, const StagedProperty& p, const std::string& owner,
                          Value* out) const {
    const std::string& key = bulk_.catalog().key_name(p.key);
    auto it = std::find_if(rules.begin(), rules.end(), [&](const PropertyRule& r) { return r.key == key; });
    if (it == rules.end()) return located(p.place, "the property '" + key + "' is not declared for " + owner);
    std::string why;
    if (!Schema::conform(*it, p.values, out, &why)) return located(p.place, why + " (" + owner + ")");
    return Status();
  }

  // A node's properties as they will be stored: checked and coerced when
  // there is a schema, PG's rule (one value: a scalar) otherwise.
  Status conform_node(size_t index, const std::vector<LabelId>& labels, PropertyList* out) const {
    const StagedNode& staged = nodes_[index];
    if (!schema_) {
      for (const StagedProperty& p : staged.properties) out->push_back(Property{p.key, single_or_list(p.values, p.list)});
      return Status();
    }
    if (labels.empty())
      return located(staged.place,
                     staged.declared ? "the node '" + ids_[index] + "' has no label; the schema needs one"
                                     : "no file declares the node '" + ids_[index] +
                                           "' that this edge names (is the id misspelt?)");
    std::vector<std::string> names;
    for (LabelId l : labels) names.push_back(bulk_.catalog().label_name(l));
    std::string owner = ":" + names[0];
    for (size_t i = 1; i < names.size(); ++i) owner += ":" + names[i];
    for (const StagedProperty& p : staged.properties) {
      const std::string& key = bulk_.catalog().key_name(p.key);
      const PropertyRule* rule = schema_->node_property(names, key);
      if (!rule) return located(p.place, "the property '" + key + "' is not declared for " + owner);
      Value stored;
      std::string why;
      if (!Schema::conform(*rule, p.values, &stored, &why)) return located(p.place, why + " (" + owner + ")");
      out->push_back(Property{p.key, std::move(stored)});
    }
    for (const std::string& name : names) {
      for (const PropertyRule& r : schema_->label(name)->properties) {
        if (!r.required) continue;
        auto key = bulk_.catalog().find_key(r.key);
        bool present = key && std::any_of(staged.properties.begin(), staged.properties.end(),
                                          [&](const StagedProperty& q) { return q.key == *key; });
        if (!present)
          return located(staged.place, "the node '" + ids_[index] + "' (:" + name + ") needs the property '" + r.key +
                                           "' (" + r.type.name() + ")");
      }
    }
    return Status();
  }

  // Every relationship joins labels its type allows.
  Status check_endpoints(const std::vector<std::vector<LabelId>>& labels) const {
    for (const StagedEdge& e : edges_) {
      const TypeRule* rule = schema_->type(bulk_.catalog().type_name(e.type));
      for (auto [node, allowed, end] : {std::tuple{e.from, &rule->from, "start"}, std::tuple{e.to, &rule->to, "end"}}) {
        if (allowed->empty()) continue;
        const std::vector<std::string>* may_have = allowed;  // clang 14 cannot capture a structured binding
        bool ok = std::any_of(labels[node].begin(), labels[node].end(), [&](LabelId l) {
          return std::find(may_have->begin(), may_have->end(), bulk_.catalog().label_name(l)) != may_have->end();
        });
        if (ok) continue;
        std::string has;
        for (LabelId l : labels[node]) has += ":" + bulk_.catalog().label_name(l);
        std::string may;
        for (const auto& a : *allowed) may += (may.empty() ? ":" : ", :") + a;
        return located(e.place, "a :" + rule->name + " relationship cannot " +
                                    (std::string(end) == "start" ? "start" : "end") + " at '" + ids_[node] + "' (" +
                                    (has.empty() ? "no label" : has) + "); it " +
                                    (std::string(end) == "start" ? "starts" : "ends") + " at " + may);
      }
    }
    return Status();
  }

  Status located(Place place, std::string message) const {
    PgError err;
    err.source_name = files_.empty() ? std::string("<input>") : files_[place.file];
    err.location = place.location;
    err.message = std::move(message);
    if (place.location.line > 0 && place.file < texts_.size()) {
      std::string_view text = texts_[place.file];
      size_t start = 0;
      for (size_t line = 1; line < place.location.line && start != std::string_view::npos; ++line) {
        start = text.find_first_of("\r\n", start);
        if (start == std::string_view::npos) break;
        start += (text[start] == '\r' && start + 1 < text.size() && text[start + 1] == '\n') ? 2 : 1;
      }
      if (start != std::string_view::npos && start <= text.size()) {
        size_t end = text.find_first_of("\r\n", start);
        err.line_text = std::string(text.substr(start, end == std::string_view::npos ? end : end - start));
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
  const Schema* schema_;
  ImportStats* stats_;
  PropertyKeyId id_key_;
  std::vector<std::string> files_;
  std::vector<std::string> texts_;
  uint32_t file_ = 0;
  std::unordered_map<std::string, uint32_t, NameHash, std::equal_to<>> node_index_;
  std::vector<std::string> ids_;
  std::vector<StagedNode> nodes_;
  std::vector<StagedEdge> edges_;
  std::string edge_props_;
  std::vector<StagedProperty> edge_values_;
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
    std::string name, file_text;
    MLKG_RETURN_IF_ERROR(next(i, &name, &file_text));
    std::string_view text = importer.begin_file(name, std::move(file_text));
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
      case InputFormat::kGraphml: s = parse_graphml(text, importer, parse_options, &error); break;
      case InputFormat::kNeo4jCsv: s = parse_neo4j_csv(text, importer, parse_options, &error); break;
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

Status import_files(storage::GraphStore& store, const std::vector<std::string>& given, const ImportOptions& options,
                    ImportStats* stats) {
  std::vector<std::string> paths;
  for (const std::string& p : given) {
    std::error_code ec;
    if (!std::filesystem::is_directory(p, ec)) {
      paths.push_back(p);
      continue;
    }
    std::vector<std::string> inside;
    for (const auto& entry : std::filesystem::directory_iterator(p, ec)) {
      const std::string name = entry.path().string();
      const std::string ext = entry.path().extension().string();
      if (entry.is_regular_file() && (ext == ".pg" || ext == ".json" || ext == ".jsonl" || ext == ".ndjson" ||
                                      ext == ".graphml" || ext == ".csv"))
        inside.push_back(name);
    }
    if (ec) return Status::io_error("cannot read the directory " + p + ": " + ec.message());
    if (inside.empty()) return Status::invalid_argument(p + " holds no graph files (.pg, .json, .jsonl, .graphml, .csv)");
    std::sort(inside.begin(), inside.end());
    paths.insert(paths.end(), inside.begin(), inside.end());
  }
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

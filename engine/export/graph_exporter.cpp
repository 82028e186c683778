#include "engine/export/graph_exporter.hpp"

#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "engine/export/pg_format.hpp"
#include "engine/storage/graph_store.hpp"
#include "engine/storage/transaction.hpp"

namespace mlkg::exporter {

using storage::NodeId;
using storage::PropertyKeyId;

bool parse_export_format(std::string_view name, ExportFormat* out) {
  if (name == "pg") *out = ExportFormat::kPg;
  else if (name == "pgjson") *out = ExportFormat::kPgJson;
  else if (name == "pgjsonl") *out = ExportFormat::kPgJsonl;
  else return false;
  return true;
}

const char* export_format_names() { return "pg, pgjson, pgjsonl"; }

namespace {

class Exporter {
 public:
  Exporter(storage::Transaction& txn, ExportFormat format, std::ostream& out, ExportStats* stats)
      : txn_(txn), format_(format), out_(out), stats_(stats), id_key_(txn.catalog().find_key("id").value_or(0)) {}

  Status run() {
    MLKG_RETURN_IF_ERROR(assign_node_ids());
    if (format_ == ExportFormat::kPgJson) buffer_ += "{\"nodes\":[";
    first_ = true;
    MLKG_RETURN_IF_ERROR(write_nodes());
    if (format_ == ExportFormat::kPgJson) buffer_ += "\n],\"edges\":[";
    first_ = true;
    MLKG_RETURN_IF_ERROR(write_rels());
    if (format_ == ExportFormat::kPgJson) buffer_ += "\n]}\n";
    flush();
    for (const auto& [note, count] : notes_) stats_->notes.push_back(std::to_string(count) + " " + note);
    if (!out_) return Status::io_error("writing the export failed");
    return Status();
  }

 private:
  // Every node gets a unique PG id: its string `id` where it has one that no
  // earlier node took, else a generated one that collides with nothing.
  Status assign_node_ids() {
    std::unordered_set<std::string> taken;
    std::vector<NodeId> without;
    storage::NodeRecordCursor c = txn_.scan_node_records();
    for (; c.valid(); c.next()) {
      const storage::NodeRecord& rec = c.record();
      const Value* id = id_key_ ? storage::find_property(rec.properties, id_key_) : nullptr;
      std::string pg_id;
      if (id && id->is_string()) {
        pg_id = id->as_string();
      } else if (id && id->is_int()) {
        pg_id = std::to_string(id->as_int());
        note("nodes had an integer id, written as a PG id (a string)");
      }
      if (!pg_id.empty() && taken.insert(pg_id).second) {
        pg_ids_.emplace(rec.id, std::move(pg_id));
      } else {
        if (!pg_id.empty()) note("nodes shared an id with an earlier node and were given a new one");
        without.push_back(rec.id);
      }
    }
    MLKG_RETURN_IF_ERROR(c.status());
    for (NodeId n : without) {
      std::string candidate = "_" + std::to_string(n);
      while (!taken.insert(candidate).second) candidate = "_" + candidate;
      pg_ids_.emplace(n, candidate);
      generated_.insert(n);
    }
    if (!without.empty()) note("nodes had no usable id property and were given ids such as _<number>");
    return Status();
  }

  void note(const std::string& text) { ++notes_[text]; }

  // Converts a property to PG values; false if nothing could be written.
  bool to_values(const Value& v, std::vector<Value>* out) {
    out->clear();
    auto add = [&](const Value& e) {
      if (e.is_float() && !std::isfinite(e.as_float())) {
        note("NaN or infinite numbers were written as strings (PG numbers are finite)");
        out->push_back(Value(format_float(e.as_float())));
      } else {
        out->push_back(e);
      }
    };
    if (v.is_list()) {
      for (const Value& e : v.as_list()) add(e);
      if (out->empty()) {
        note("empty lists were left out (a PG property has at least one value)");
        return false;
      }
      if (out->size() == 1) note("one-element lists were written as single values");
    } else {
      add(v);
    }
    return true;
  }

  Status write_nodes() {
    const storage::Catalog& cat = txn_.catalog();
    storage::NodeRecordCursor c = txn_.scan_node_records();
    load::PgNode node;
    for (; c.valid(); c.next()) {
      const storage::NodeRecord& rec = c.record();
      node.clear();
      node.id = pg_ids_.at(rec.id);
      for (storage::LabelId l : rec.labels) node.labels.push_back(cat.label_name(l));
      for (const storage::Property& p : rec.properties) {
        if (p.key == id_key_ && !generated_.count(rec.id)) continue;  // it is the PG id
        load::PgProperty prop;
        prop.key = cat.key_name(p.key);
        if (p.key == id_key_) {
          // The PG id took the name: keep the unusable value beside it.
          prop.key = "_id";
          note("nodes had an id that is not a unique string; it was kept as the property '_id'");
        }
        if (to_values(p.value, &prop.values)) node.properties.push_back(std::move(prop));
      }
      switch (format_) {
        case ExportFormat::kPg: append_pg_node(&buffer_, node); break;
        case ExportFormat::kPgJsonl: append_pg_jsonl_node(&buffer_, node); break;
        case ExportFormat::kPgJson:
          buffer_ += first_ ? "\n" : ",\n";
          buffer_ += pg_node_to_json(node).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
          break;
      }
      first_ = false;
      ++stats_->nodes;
      if (buffer_.size() > (1 << 20)) flush();
    }
    return c.status();
  }

  Status write_rels() {
    const storage::Catalog& cat = txn_.catalog();
    std::unordered_set<std::string> edge_ids;
    storage::RelCursor c = txn_.scan_rels();
    load::PgEdge edge;
    for (; c.valid(); c.next()) {
      const storage::RelRecord& rec = c.record();
      edge.clear();
      edge.from = pg_ids_.at(rec.start);
      edge.to = pg_ids_.at(rec.end);
      edge.directed = !rec.undirected;
      edge.labels.push_back(cat.type_name(rec.type));
      for (const storage::Property& p : rec.properties) {
        if (p.key == id_key_ && p.value.is_string() && !edge.id && edge_ids.insert(p.value.as_string()).second) {
          edge.id = p.value.as_string();
          continue;
        }
        load::PgProperty prop;
        prop.key = cat.key_name(p.key);
        if (to_values(p.value, &prop.values)) edge.properties.push_back(std::move(prop));
      }
      switch (format_) {
        case ExportFormat::kPg: append_pg_edge(&buffer_, edge); break;
        case ExportFormat::kPgJsonl: append_pg_jsonl_edge(&buffer_, edge); break;
        case ExportFormat::kPgJson:
          buffer_ += first_ ? "\n" : ",\n";
          buffer_ += pg_edge_to_json(edge).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
          break;
      }
      first_ = false;
      ++stats_->relationships;
      if (buffer_.size() > (1 << 20)) flush();
    }
    return c.status();
  }

  void flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }

  storage::Transaction& txn_;
  ExportFormat format_;
  std::ostream& out_;
  ExportStats* stats_;
  PropertyKeyId id_key_;
  std::unordered_map<NodeId, std::string> pg_ids_;
  std::unordered_set<NodeId> generated_;
  std::map<std::string, uint64_t> notes_;
  std::string buffer_;
  bool first_ = true;
};

}  // namespace

Status export_graph(storage::GraphStore& store, ExportFormat format, std::ostream& out, ExportStats* stats) {
  *stats = ExportStats();
  auto txn = store.begin_read();
  return Exporter(*txn, format, out, stats).run();
}

}  // namespace mlkg::exporter

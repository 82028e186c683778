#include "engine/export/pg_writer.hpp"

#include <cmath>
#include <unordered_set>

#include "engine/pg/pg_format.hpp"

namespace mlkg::exporter {

namespace {

class PgWriter {
 public:
  PgWriter(GraphView& graph, PgFlavour flavour, std::ostream& out, Notes* notes)
      : graph_(graph), flavour_(flavour), out_(out), notes_(notes) {}

  Status run() {
    if (graph_.keys_from_integer_ids())
      notes_->add("nodes had an integer id, written as a PG id (a string)", graph_.keys_from_integer_ids());
    if (graph_.generated_keys())
      notes_->add("nodes had no usable id property (none, or shared with another node) and were given ids such as "
                  "_<number>; an id they had is kept as the property '_id'",
                  graph_.generated_keys());
    if (flavour_ == PgFlavour::kJson) buffer_ += "{\"nodes\":[";
    first_ = true;
    MLKG_RETURN_IF_ERROR(graph_.for_each_node([this](const ExportNode& n) { return write_node(n); }));
    if (flavour_ == PgFlavour::kJson) buffer_ += "\n],\"edges\":[";
    first_ = true;
    MLKG_RETURN_IF_ERROR(graph_.for_each_rel([this](const ExportRel& r) { return write_rel(r); }));
    if (flavour_ == PgFlavour::kJson) buffer_ += "\n]}\n";
    flush();
    return out_ ? Status() : Status::io_error("writing the export failed");
  }

 private:
  // Converts a property to PG values; false if nothing could be written.
  bool to_values(const Value& v, std::vector<Value>* out) {
    out->clear();
    auto add = [&](const Value& e) {
      if (e.is_float() && !std::isfinite(e.as_float())) {
        notes_->add("NaN or infinite numbers were written as strings (PG numbers are finite)");
        out->push_back(Value(format_float(e.as_float())));
      } else {
        out->push_back(e);
      }
    };
    if (v.is_list()) {
      for (const Value& e : v.as_list()) add(e);
      if (out->empty()) {
        notes_->add("empty lists were left out (a PG property has at least one value)");
        return false;
      }
      if (out->size() == 1) notes_->add("one-element lists were written as single values");
    } else {
      add(v);
    }
    return true;
  }

  Status write_node(const ExportNode& n) {
    node_.clear();
    node_.id = std::string(n.key);
    for (std::string_view l : n.labels) node_.labels.emplace_back(l);
    const KeyKind kind = graph_.key_kind(n.id);
    for (const ExportProperty& p : n.properties) {
      pg::PgProperty prop;
      prop.key = std::string(p.key);
      if (p.key == "id") {
        if (kind != KeyKind::kGenerated) continue;  // it is the PG id
        prop.key = "_id";  // the PG id took the name: keep the unusable value beside it
      }
      if (to_values(p.value, &prop.values)) node_.properties.push_back(std::move(prop));
    }
    switch (flavour_) {
      case PgFlavour::kPg: pg::append_pg_node(&buffer_, node_); break;
      case PgFlavour::kJsonl: pg::append_pg_jsonl_node(&buffer_, node_); break;
      case PgFlavour::kJson:
        buffer_ += first_ ? "\n" : ",\n";
        buffer_ += pg::pg_node_to_json(node_).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        break;
    }
    first_ = false;
    if (buffer_.size() > (1 << 20)) flush();
    return Status();
  }

  Status write_rel(const ExportRel& r) {
    edge_.clear();
    edge_.from = std::string(r.start_key);
    edge_.to = std::string(r.end_key);
    edge_.directed = !r.undirected;
    edge_.labels.emplace_back(r.type);
    for (const ExportProperty& p : r.properties) {
      if (p.key == "id" && p.value.is_string() && !edge_.id && edge_ids_.insert(p.value.as_string()).second) {
        edge_.id = p.value.as_string();
        continue;
      }
      pg::PgProperty prop;
      prop.key = std::string(p.key);
      if (to_values(p.value, &prop.values)) edge_.properties.push_back(std::move(prop));
    }
    switch (flavour_) {
      case PgFlavour::kPg: pg::append_pg_edge(&buffer_, edge_); break;
      case PgFlavour::kJsonl: pg::append_pg_jsonl_edge(&buffer_, edge_); break;
      case PgFlavour::kJson:
        buffer_ += first_ ? "\n" : ",\n";
        buffer_ += pg::pg_edge_to_json(edge_).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        break;
    }
    first_ = false;
    if (buffer_.size() > (1 << 20)) flush();
    return Status();
  }

  void flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }

  GraphView& graph_;
  PgFlavour flavour_;
  std::ostream& out_;
  Notes* notes_;
  pg::PgNode node_;
  pg::PgEdge edge_;
  std::unordered_set<std::string> edge_ids_;
  std::string buffer_;
  bool first_ = true;
};

}  // namespace

Status write_pg(GraphView& graph, PgFlavour flavour, std::ostream& out, Notes* notes) {
  return PgWriter(graph, flavour, out, notes).run();
}

}  // namespace mlkg::exporter

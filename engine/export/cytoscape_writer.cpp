#include "engine/export/cytoscape_writer.hpp"

#include <algorithm>

#include "engine/export/format_util.hpp"

namespace mlkg::exporter {

std::string edge_element_id(const GraphView& graph, uint64_t rel, const std::set<std::string, std::less<>>& node_keys) {
  std::string id = "e" + std::to_string(rel);
  while (node_keys.count(id)) id = "_" + id;
  return id;
}

namespace {

// Writes `props` into `data`, renaming those that collide with `reserved`.
void add_properties(nlohmann::json* data, const std::vector<ExportProperty>& props,
                    std::initializer_list<std::string_view> reserved, Notes* notes, std::string_view skip_id_equal = {}) {
  for (const ExportProperty& p : props) {
    if (!skip_id_equal.empty() && p.key == "id" && p.value.is_string() && p.value.as_string() == skip_id_equal)
      continue;
    std::string name(p.key);
    while (std::find(reserved.begin(), reserved.end(), name) != reserved.end() || data->contains(name)) {
      name = "_" + name;
      notes->add("properties had a name the format uses and were written with '_' in front");
    }
    (*data)[valid_utf8(name, notes)] = value_to_json(p.value, notes);
  }
}

}  // namespace

Status write_cytoscape(GraphView& graph, std::ostream& out, Notes* notes) {
  std::set<std::string, std::less<>> node_keys;
  out << "{\"data\": {\"name\": \"mlkg export\"}, \"directed\": true, \"multigraph\": true,\n"
         " \"elements\": {\n  \"nodes\": [";
  bool first = true;
  MLKG_RETURN_IF_ERROR(graph.for_each_node([&](const ExportNode& n) {
    node_keys.emplace(n.key);
    nlohmann::json data = nlohmann::json::object();
    const std::string id = valid_utf8(n.key, notes);
    data["id"] = id;
    data["value"] = id;
    const bool has_label_property =
        std::any_of(n.properties.begin(), n.properties.end(), [](const ExportProperty& p) { return p.key == "label"; });
    if (!has_label_property) data["label"] = valid_utf8(caption(n), notes);
    nlohmann::json labels = nlohmann::json::array();
    for (std::string_view l : n.labels) labels.push_back(valid_utf8(l, notes));
    data["labels"] = std::move(labels);
    add_properties(&data, n.properties, {"id", "value", "labels"}, notes, n.key);
    out << (first ? "\n   " : ",\n   ") << dump_json(nlohmann::json{{"data", std::move(data)}});
    first = false;
    return Status();
  }));
  out << "\n  ],\n  \"edges\": [";
  first = true;
  uint64_t undirected = 0;
  MLKG_RETURN_IF_ERROR(graph.for_each_rel([&](const ExportRel& r) {
    nlohmann::json data = nlohmann::json::object();
    const std::string id = edge_element_id(graph, r.id, node_keys);
    data["id"] = id;
    data["source"] = valid_utf8(r.start_key, notes);
    data["target"] = valid_utf8(r.end_key, notes);
    data["key"] = id;
    data["label"] = valid_utf8(r.type, notes);
    data["type"] = data["label"];
    add_properties(&data, r.properties, {"id", "source", "target", "key", "label", "type"}, notes);
    if (r.undirected) ++undirected;
    out << (first ? "\n   " : ",\n   ") << dump_json(nlohmann::json{{"data", std::move(data)}});
    first = false;
    return Status();
  }));
  out << "\n  ]\n }\n}\n";
  if (undirected) notes->add("undirected relationships were written as directed edges", undirected);
  return out ? Status() : Status::io_error("writing the export failed");
}

}  // namespace mlkg::exporter

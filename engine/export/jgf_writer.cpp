#include "engine/export/jgf_writer.hpp"

#include "engine/export/cytoscape_writer.hpp"
#include "engine/export/format_util.hpp"

namespace mlkg::exporter {

namespace {

void add_metadata(nlohmann::json* meta, const std::vector<ExportProperty>& props, bool node, std::string_view key,
                  Notes* notes) {
  for (const ExportProperty& p : props) {
    if (node && p.key == "id" && p.value.is_string() && p.value.as_string() == key) continue;
    std::string name = valid_utf8(p.key, notes);
    while (meta->contains(name)) {
      name = "_" + name;
      notes->add("properties had a name the format uses and were written with '_' in front");
    }
    (*meta)[name] = value_to_json(p.value, notes);
  }
}

}  // namespace

Status write_jgf(GraphView& graph, std::ostream& out, Notes* notes) {
  std::set<std::string, std::less<>> node_keys;
  out << "{\"graph\": {\"id\": \"mlkg\", \"type\": \"mlkg\", \"label\": \"mlkg export\", \"directed\": true,\n"
         " \"metadata\": {\"nodes\": "
      << graph.node_count() << ", \"relationships\": " << graph.relationship_count() << "},\n \"nodes\": {";
  bool first = true;
  MLKG_RETURN_IF_ERROR(graph.for_each_node([&](const ExportNode& n) {
    node_keys.emplace(n.key);
    nlohmann::json meta = nlohmann::json::object();
    nlohmann::json labels = nlohmann::json::array();
    for (std::string_view l : n.labels) labels.push_back(valid_utf8(l, notes));
    meta["labels"] = std::move(labels);
    add_metadata(&meta, n.properties, true, n.key, notes);
    nlohmann::json node = {{"label", valid_utf8(caption(n), notes)}, {"metadata", std::move(meta)}};
    out << (first ? "\n  " : ",\n  ") << dump_json(valid_utf8(n.key, notes)) << ": " << dump_json(node);
    first = false;
    return Status();
  }));
  out << "\n },\n \"edges\": [";
  first = true;
  MLKG_RETURN_IF_ERROR(graph.for_each_rel([&](const ExportRel& r) {
    nlohmann::json meta = nlohmann::json::object();
    add_metadata(&meta, r.properties, false, {}, notes);
    nlohmann::json edge = {{"id", edge_element_id(graph, r.id, node_keys)},
                           {"source", valid_utf8(r.start_key, notes)},
                           {"target", valid_utf8(r.end_key, notes)},
                           {"relation", valid_utf8(r.type, notes)},
                           {"directed", !r.undirected},
                           {"metadata", std::move(meta)}};
    out << (first ? "\n  " : ",\n  ") << dump_json(edge);
    first = false;
    return Status();
  }));
  out << "\n ]}}\n";
  return out ? Status() : Status::io_error("writing the export failed");
}

}  // namespace mlkg::exporter

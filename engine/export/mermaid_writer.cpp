#include "engine/export/mermaid_writer.hpp"

#include <cctype>
#include <map>
#include <unordered_map>

#include "engine/export/format_util.hpp"

namespace mlkg::exporter {

namespace {

// Text inside "...": Mermaid's entity codes for the characters its parser or
// its HTML labels would take as syntax.
std::string mermaid_text(std::string_view s, Notes* notes) {
  std::string out;
  for (char c : valid_utf8(s, notes)) {
    switch (c) {
      case '"': out += "#quot;"; break;
      case '#': out += "#35;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      case '|': out += "#124;"; break;
      case '\n': out += "<br/>"; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out;
}

// A class name Mermaid accepts: letters, digits, '_'.
std::string class_name(std::string_view label) {
  std::string out = "L_";
  for (char c : label) out += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return out;
}

}  // namespace

Status write_mermaid(GraphView& graph, std::ostream& out, Notes* notes) {
  out << "%% mlkg export: " << graph.node_count() << " nodes, " << graph.relationship_count() << " relationships\n"
      << "flowchart LR\n";
  std::unordered_map<uint64_t, std::string> id_of;
  std::map<std::string, std::pair<std::string, std::string>> classes;  // class -> (colour, members)
  uint64_t with_properties = 0;
  MLKG_RETURN_IF_ERROR(graph.for_each_node([&](const ExportNode& n) {
    const std::string id = "n" + std::to_string(id_of.size());
    id_of.emplace(n.id, id);
    std::string labels;
    for (std::string_view l : n.labels) labels += ":" + std::string(l);
    out << "  " << id << "[\"" << mermaid_text(caption(n), notes);
    if (!labels.empty()) out << "<br/>" << mermaid_text(labels, notes);
    out << "\"]\n";
    if (!n.labels.empty()) {
      auto& c = classes[class_name(n.labels[0])];
      c.first = std::string(label_colour(n.labels[0]));
      c.second += (c.second.empty() ? "" : ",") + id;
      if (n.labels.size() > 1) notes->add("nodes had several labels; the first chose the colour");
    }
    if (!n.properties.empty()) ++with_properties;
    return Status();
  }));
  MLKG_RETURN_IF_ERROR(graph.for_each_rel([&](const ExportRel& r) {
    out << "  " << id_of.at(r.start) << (r.undirected ? " ---|\"" : " -->|\"") << mermaid_text(r.type, notes)
        << "\"| " << id_of.at(r.end) << "\n";
    if (!r.properties.empty()) ++with_properties;
    return Status();
  }));
  for (const auto& [name, c] : classes)
    out << "  classDef " << name << " fill:" << c.first << ",stroke:#555555,color:#000000\n"
        << "  class " << c.second << " " << name << "\n";
  if (with_properties)
    notes->add("nodes and relationships had properties, which a Mermaid flowchart does not show", with_properties);
  if (graph.relationship_count() > 500)
    notes->add("relationships exceed Mermaid's default limit of 500 edges (its maxEdges setting); export a "
               "smaller subgraph with -c or raise maxEdges",
               graph.relationship_count());
  return out ? Status() : Status::io_error("writing the export failed");
}

}  // namespace mlkg::exporter

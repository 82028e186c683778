#include "engine/export/dot_writer.hpp"

#include "engine/export/format_util.hpp"

namespace mlkg::exporter {

namespace {

// A DOT double-quoted ID. Only \" is an escape inside one, but the lexer
// takes a backslash and the character after it as a pair, so a backslash is
// doubled (or one at the end would swallow the closing quote).
std::string dot_id(std::string_view s, Notes* notes) {
  std::string out = "\"";
  for (char c : valid_utf8(s, notes)) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// A DOT escString (label, tooltip): backslash, quote and line breaks escaped;
// "\n" breaks a line, centred.
std::string esc_string(std::string_view s, Notes* notes) {
  std::string out = "\"";
  for (char c : valid_utf8(s, notes)) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out + "\"";
}

// `text` broken into lines of about `width` bytes at spaces.
std::string wrap(const std::string& text, size_t width) {
  std::string out;
  size_t line = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find(' ', i);
    if (end == std::string::npos) end = text.size();
    const size_t word = end - i;
    if (line > 0 && line + 1 + word > width) {
      out += '\n';
      line = 0;
    } else if (line > 0) {
      out += ' ';
      ++line;
    }
    out.append(text, i, word);
    line += word;
    i = end + 1;
  }
  return out;
}

std::string tooltip(const std::vector<ExportProperty>& props) {
  std::string out;
  for (const ExportProperty& p : props) {
    if (!out.empty()) out += '\n';
    out += std::string(p.key) + ": " + display_text(p.value);
  }
  return out;
}

}  // namespace

// Beyond this many nodes dot's crossing minimisation and network simplex are
// capped: the whole syllabus graph (862 nodes, 1912 edges) takes dot 3.5
// minutes uncapped and 9 seconds capped, for a drawing about as readable.
constexpr uint64_t kLargeGraph = 300;

Status write_dot(GraphView& graph, std::ostream& out, Notes* notes) {
  if (graph.node_count() > kLargeGraph)
    notes->add("nodes make a large drawing: dot's layout effort was capped (mclimit, nslimit) so it takes seconds, "
               "not minutes; a subgraph (-c QUERY) draws better",
               graph.node_count());
  out << "// mlkg export: " << graph.node_count() << " nodes, " << graph.relationship_count() << " relationships\n"
      << "digraph mlkg {\n"
      << "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=10"
      << (graph.node_count() > kLargeGraph ? ", mclimit=0.1, nslimit=1, nslimit1=1" : "") << "];\n"
      << "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10, fillcolor=\"#eeeeee\"];\n"
      << "  edge [fontname=\"Helvetica\", fontsize=8, color=\"#555555\", fontcolor=\"#333333\"];\n";
  uint64_t with_properties = 0;
  MLKG_RETURN_IF_ERROR(graph.for_each_node([&](const ExportNode& n) {
    std::string labels;
    for (std::string_view l : n.labels) labels += ":" + std::string(l);
    std::string label = wrap(caption(n), 28);
    if (!labels.empty()) label += "\n" + labels;
    out << "  " << dot_id(n.key, notes) << " [label=" << esc_string(label, notes);
    if (!n.labels.empty()) {
      out << ", labels=" << esc_string(labels, notes) << ", fillcolor=\"" << label_colour(n.labels[0]) << "\"";
      if (n.labels.size() > 1) notes->add("nodes had several labels; the first chose the colour");
    }
    if (!n.properties.empty()) {
      out << ", tooltip=" << esc_string(tooltip(n.properties), notes);
      ++with_properties;
    }
    out << "];\n";
    return Status();
  }));
  MLKG_RETURN_IF_ERROR(graph.for_each_rel([&](const ExportRel& r) {
    out << "  " << dot_id(r.start_key, notes) << " -> " << dot_id(r.end_key, notes)
        << " [label=" << esc_string(r.type, notes);
    if (r.undirected) out << ", dir=none";
    if (!r.properties.empty()) {
      out << ", tooltip=" << esc_string(tooltip(r.properties), notes);
      ++with_properties;
    }
    out << "];\n";
    return Status();
  }));
  out << "}\n";
  if (with_properties)
    notes->add("nodes and relationships had properties, written only as tooltip text (DOT has no typed properties)",
               with_properties);
  return out ? Status() : Status::io_error("writing the export failed");
}

}  // namespace mlkg::exporter

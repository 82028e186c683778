#include "engine/export/gexf_writer.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "engine/export/format_util.hpp"

namespace mlkg::exporter {

namespace {

// The GEXF type of one value: boolean, long, double, string, or list<...>.
std::string gexf_type(const Value& v) {
  switch (v.type()) {
    case Value::Type::kBool: return "boolean";
    case Value::Type::kInt: return "long";
    case Value::Type::kFloat: return "double";
    case Value::Type::kList: {
      std::string element;
      for (const Value& e : v.as_list()) {
        std::string t = gexf_type(e);
        if (element.empty()) element = t;
        else if (element != t) element = "string";
      }
      return "list" + (element.empty() ? std::string("string") : element);
    }
    default: return "string";
  }
}

std::string scalar_text(const Value& v) {
  if (v.is_float()) {
    const double d = v.as_float();
    if (d != d) return "NaN";
    if (d == 1.0 / 0.0) return "INF";
    if (d == -1.0 / 0.0) return "-INF";
  }
  return display_text(v);
}

// "[a, b]", GEXF 1.3's list syntax.
std::string list_text(const Value& v) {
  std::string out = "[";
  for (const Value& e : v.as_list()) out += (out.size() > 1 ? ", " : "") + scalar_text(e);
  return out + "]";
}

struct Attribute {
  std::string id;
  std::string type;  // decided after the first pass
};

// One pass over the properties of one class (nodes or edges): the type of
// each attribute, a title free of the names the writer itself uses.
class Attributes {
 public:
  // `reserved`: titles the writer or readers give another meaning (networkx
  // files a node's XML label and an edge's XML id and label under the same
  // names as attributes); `first_id`: the first free attribute id.
  Attributes(std::vector<std::string> reserved, int first_id) : reserved_(std::move(reserved)), first_id_(first_id) {}
  void see(std::string_view key, const Value& v) {
    std::string t = gexf_type(v);
    auto [it, fresh] = types_.emplace(std::string(key), t);
    if (!fresh && it->second != t) {
      const bool lists = it->second.rfind("list", 0) == 0 || t.rfind("list", 0) == 0;
      it->second = lists ? "liststring" : "string";
      mixed_.insert(std::string(key));
    }
  }
  void finish() {
    int next = first_id_;
    for (const auto& [key, type] : types_) {
      std::string title = key;
      while (std::find(reserved_.begin(), reserved_.end(), title) != reserved_.end() ||
             (title != key && types_.count(title)))
        title = "_" + title;
      if (title != key) renamed_ = true;
      attributes_[key] = {std::to_string(next++), type, title};
    }
  }
  struct Entry {
    std::string id, type, title;
  };
  const std::map<std::string, Entry>& entries() const { return attributes_; }
  bool mixed(std::string_view key) const { return mixed_.count(std::string(key)) > 0; }
  bool renamed() const { return renamed_; }
  const Entry& at(std::string_view key) const { return attributes_.at(std::string(key)); }

 private:
  std::vector<std::string> reserved_;
  int first_id_;
  bool renamed_ = false;
  std::map<std::string, std::string> types_;
  std::set<std::string> mixed_;
  std::map<std::string, Entry> attributes_;
};

}  // namespace

Status write_gexf(GraphView& graph, std::ostream& out, Notes* notes) {
  Attributes node_attrs({"labels", "label"}, 1), edge_attrs({"label", "id"}, 0);
  MLKG_RETURN_IF_ERROR(graph.for_each_node([&](const ExportNode& n) {
    for (const ExportProperty& p : n.properties) node_attrs.see(p.key, p.value);
    return Status();
  }));
  MLKG_RETURN_IF_ERROR(graph.for_each_rel([&](const ExportRel& r) {
    for (const ExportProperty& p : r.properties) edge_attrs.see(p.key, p.value);
    return Status();
  }));
  node_attrs.finish();
  edge_attrs.finish();

  auto attr = [&](std::string_view s) { return xml_escape(s, notes, true); };
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
         "  <meta>\n    <creator>mlkg</creator>\n    <description>"
      << graph.node_count() << " nodes, " << graph.relationship_count()
      << " relationships</description>\n  </meta>\n"
         "  <graph mode=\"static\" defaultedgetype=\"directed\">\n"
         "    <attributes class=\"node\">\n"
         "      <attribute id=\"0\" title=\"labels\" type=\"liststring\"/>\n";
  for (const auto& [key, e] : node_attrs.entries())
    out << "      <attribute id=\"" << e.id << "\" title=\"" << attr(e.title) << "\" type=\"" << e.type << "\"/>\n";
  out << "    </attributes>\n    <attributes class=\"edge\">\n";
  for (const auto& [key, e] : edge_attrs.entries())
    out << "      <attribute id=\"" << e.id << "\" title=\"" << attr(e.title) << "\" type=\"" << e.type << "\"/>\n";
  out << "    </attributes>\n";

  uint64_t mixed = 0;
  auto write_values = [&](const std::vector<ExportProperty>& props, const Attributes& attrs, std::string first) {
    std::string values = std::move(first);
    for (const ExportProperty& p : props) {
      const auto& e = attrs.at(p.key);
      std::string text;
      if (e.type.rfind("list", 0) == 0) text = p.value.is_list() ? list_text(p.value) : "[" + scalar_text(p.value) + "]";
      else text = p.value.is_list() ? list_text(p.value) : scalar_text(p.value);
      if (attrs.mixed(p.key)) ++mixed;
      values += "          <attvalue for=\"" + e.id + "\" value=\"" + attr(text) + "\"/>\n";
    }
    if (values.empty()) return std::string();
    return "        <attvalues>\n" + values + "        </attvalues>\n";
  };

  out << "    <nodes>\n";
  MLKG_RETURN_IF_ERROR(graph.for_each_node([&](const ExportNode& n) {
    std::string labels = "[";
    for (std::string_view l : n.labels) labels += (labels.size() > 1 ? ", " : "") + std::string(l);
    labels += "]";
    std::string first = n.labels.empty() ? "" : "          <attvalue for=\"0\" value=\"" + attr(labels) + "\"/>\n";
    out << "      <node id=\"" << attr(n.key) << "\" label=\"" << attr(caption(n)) << "\">\n"
        << write_values(n.properties, node_attrs, std::move(first)) << "      </node>\n";
    return Status();
  }));
  out << "    </nodes>\n    <edges>\n";
  uint64_t undirected = 0;
  MLKG_RETURN_IF_ERROR(graph.for_each_rel([&](const ExportRel& r) {
    out << "      <edge id=\"e" << r.id << "\" source=\"" << attr(r.start_key) << "\" target=\"" << attr(r.end_key)
        << "\" label=\"" << attr(r.type) << "\" kind=\"" << attr(r.type) << "\"";
    if (r.undirected) {
      out << " type=\"undirected\"";
      ++undirected;
    }
    std::string values = write_values(r.properties, edge_attrs, "");
    if (values.empty()) out << "/>\n";
    else out << ">\n" << values << "      </edge>\n";
    return Status();
  }));
  out << "    </edges>\n  </graph>\n</gexf>\n";
  if (node_attrs.renamed() || edge_attrs.renamed())
    notes->add("properties had a name GEXF readers give another meaning (label, labels, an edge's id) and were "
               "written with '_' in front");
  if (mixed) notes->add("values shared an attribute with values of another type and were written as strings", mixed);
  return out ? Status() : Status::io_error("writing the export failed");
}

}  // namespace mlkg::exporter

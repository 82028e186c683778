#include "engine/export/cypher_writer.hpp"

#include <cmath>
#include <limits>
#include <unordered_map>

#include "engine/export/format_util.hpp"

namespace mlkg::exporter {

namespace {

std::string literal(const Value& v, Notes* notes) {
  switch (v.type()) {
    case Value::Type::kBool: return v.as_bool() ? "true" : "false";
    case Value::Type::kInt:
      // -9223372036854775808 reads as the negation of a literal too large to parse.
      if (v.as_int() == std::numeric_limits<int64_t>::min()) return "(-9223372036854775807 - 1)";
      return std::to_string(v.as_int());
    case Value::Type::kFloat: {
      const double d = v.as_float();
      if (!std::isfinite(d)) {
        notes->add("NaN or infinite numbers were written as divisions by zero (Cypher has no literal for them)");
        return std::isnan(d) ? "(0.0 / 0.0)" : d > 0 ? "(1.0 / 0.0)" : "(-1.0 / 0.0)";
      }
      std::string s = format_float(d);
      // openCypher's exponent is E-?digits: no '+'.
      if (size_t plus = s.find("e+"); plus != std::string::npos) s.erase(plus + 1, 1);
      return s;
    }
    case Value::Type::kString: return quote_cypher_string(valid_utf8(v.as_string(), notes));
    case Value::Type::kList: {
      std::string out = "[";
      for (const Value& e : v.as_list()) out += (out.size() > 1 ? ", " : "") + literal(e, notes);
      return out + "]";
    }
    default: return "null";
  }
}

std::string name(std::string_view n, Notes* notes) { return quote_cypher_name(valid_utf8(n, notes)); }

std::string map_literal(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out = "{";
  for (const auto& [k, v] : entries) out += (out.size() > 1 ? ", " : "") + k + ": " + v;
  return out + "}";
}

}  // namespace

Status write_cypher(GraphView& graph, std::ostream& out, Notes* notes) {
  out << "// mlkg export: " << graph.node_count() << " nodes, then " << graph.relationship_count()
      << " relationships, one statement per line.\n"
         "// Runs in mlkg (mlkg --db DIR -f FILE), Neo4j (cypher-shell -f FILE), Memgraph and Amazon Neptune.\n"
         "// A node is created unless a node with its label and id exists; relationships match their nodes by\n"
         "// label and id.\n";
  // What a relationship statement needs of each node: its pattern.
  std::unordered_map<uint64_t, std::string> pattern_of;
  uint64_t generated = 0;
  MLKG_RETURN_IF_ERROR(graph.for_each_node([&](const ExportNode& n) {
    const KeyKind kind = graph.key_kind(n.id);
    std::string id_literal;
    if (kind == KeyKind::kIntegerId) id_literal = std::string(n.key);
    else id_literal = quote_cypher_string(valid_utf8(n.key, notes));
    std::string label = n.labels.empty() ? std::string() : ":" + name(n.labels[0], notes);
    std::string match = label + " {id: " + id_literal + "}";
    pattern_of.emplace(n.id, match);
    std::vector<std::pair<std::string, std::string>> props;
    if (kind == KeyKind::kGenerated) {
      props.emplace_back("id", id_literal);
      ++generated;
    }
    for (const ExportProperty& p : n.properties) {
      if (p.key == "id" && kind == KeyKind::kGenerated) props.emplace_back("_id", literal(p.value, notes));
      else props.emplace_back(name(p.key, notes), literal(p.value, notes));
    }
    std::string labels;
    for (std::string_view l : n.labels) labels += ":" + name(l, notes);
    out << "OPTIONAL MATCH (n" << match << ") WITH n WHERE n IS NULL CREATE (" << labels << " "
        << map_literal(props) << ");\n";
    return Status();
  }));
  if (generated)
    notes->add("nodes had no usable id (none, or shared with another node) and were given one such as '_<number>' "
               "so relationships can find them (an old id is kept as _id)",
               generated);
  uint64_t undirected = 0;
  MLKG_RETURN_IF_ERROR(graph.for_each_rel([&](const ExportRel& r) {
    std::vector<std::pair<std::string, std::string>> props;
    for (const ExportProperty& p : r.properties) props.emplace_back(name(p.key, notes), literal(p.value, notes));
    out << "MATCH (a" << pattern_of.at(r.start) << "), (b" << pattern_of.at(r.end) << ") CREATE (a)-[:"
        << name(r.type, notes);
    if (!props.empty()) out << " " << map_literal(props);
    out << "]->(b);\n";
    if (r.undirected) ++undirected;
    return Status();
  }));
  if (undirected)
    notes->add("undirected relationships were written as directed ones (Cypher creates only directed)", undirected);
  return out ? Status() : Status::io_error("writing the export failed");
}

}  // namespace mlkg::exporter

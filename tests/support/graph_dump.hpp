#pragma once
// A canonical text form of a whole graph, independent of internal ids and
// of the order things were written in: equal dumps mean equal graphs
// (labels, types, properties with their value types, directions, counts).
// Nodes are named by their `id` property.

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "engine/storage/graph_store.hpp"
#include "engine/storage/transaction.hpp"

namespace mlkg::test {

inline std::string canonical_dump(storage::GraphStore& store) {
  auto txn = store.begin_read();
  const storage::Catalog& cat = txn->catalog();
  auto id_key = cat.find_key("id");
  auto props_text = [&](const storage::PropertyList& props, bool skip_id) {
    std::map<std::string, std::string> sorted;
    for (const auto& p : props) {
      if (skip_id && id_key && p.key == *id_key) continue;
      std::string v = p.value.to_literal();
      if (p.value.is_list()) {
        v += ":[";
        for (const auto& e : p.value.as_list()) v += std::string(type_name(e.type())) + ",";
        v += "]";
      }
      sorted[cat.key_name(p.key)] = v + "::" + type_name(p.value.type());
    }
    std::string out = "{";
    for (const auto& [k, v] : sorted) out += k + "=" + v + ";";
    return out + "}";
  };
  std::map<storage::NodeId, std::string> name;
  std::vector<std::string> lines;
  storage::NodeRecordCursor nodes = txn->scan_node_records();
  for (; nodes.valid(); nodes.next()) {
    const auto& rec = nodes.record();
    const Value* id = id_key ? storage::find_property(rec.properties, *id_key) : nullptr;
    name[rec.id] = id ? id->to_literal() : "#" + std::to_string(rec.id);
    std::vector<std::string> labels;
    for (auto l : rec.labels) labels.push_back(cat.label_name(l));
    std::sort(labels.begin(), labels.end());
    std::string line = "node " + name[rec.id];
    for (const auto& l : labels) line += " :" + l;
    lines.push_back(line + " " + props_text(rec.properties, true));
  }
  storage::RelCursor rels = txn->scan_rels();
  for (; rels.valid(); rels.next()) {
    const auto& rec = rels.record();
    lines.push_back("rel " + name[rec.start] + (rec.undirected ? " -- " : " -> ") + name[rec.end] + " :" +
                    cat.type_name(rec.type) + " " + props_text(rec.properties, false));
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace mlkg::test

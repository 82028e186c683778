#include "engine/load/schema_procedures.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/common/query_error.hpp"
#include "engine/load/graph_loader.hpp"
#include "engine/load/schema.hpp"

namespace mlkg::load {

namespace {

// The schema stored by the last import that had one (load/schema.hpp), or
// an empty one.
Schema stored_schema(procedure::ProcedureContext& ctx) {
  std::string json;
  bool found;
  query::throw_if_failed(ctx.txn().get_store_property(kSchemaProperty, &json, &found));
  Schema schema;
  if (found) query::throw_if_failed(Schema::from_json(json, &schema));
  return schema;
}

ValueList type_list(const PropertyRule& r) { return {Value(r.type.name())}; }

// The Cypher type of a stored value as the schema procedures name it:
// "STRING", "LIST<INTEGER>", "LIST<ANY>" for a mixed list.
std::string observed_type(const Value& v) {
  if (v.type() != Value::Type::kList) return type_name(v.type());
  std::string element;
  for (const Value& e : v.as_list()) {
    std::string t = type_name(e.type());
    if (element.empty()) element = t;
    else if (element != t) return "LIST<ANY>";
  }
  return "LIST<" + (element.empty() ? std::string("ANY") : element) + ">";
}

// What the data holds under one node label combination or relationship type.
struct Observed {
  int64_t entities = 0;
  std::map<std::string, std::pair<std::set<std::string>, int64_t>> keys;  // key -> (types seen, entities with it)
  std::set<std::string> from, to;                                        // relationships: end labels seen
  void add(const storage::Catalog& cat, const storage::PropertyList& properties) {
    ++entities;
    for (const auto& p : properties) {
      auto& [types, n] = keys[cat.key_name(p.key)];
      types.insert(observed_type(p.value));
      ++n;
    }
  }
};

ValueList string_list(const std::set<std::string>& s) {
  ValueList out;
  for (const auto& x : s) out.push_back(Value(x));
  return out;
}

// Neo4j's db.schema.nodeTypeProperties(). With a declared schema (the last
// import that had one), one row per label and declared property. Without
// one, what the data holds, as Neo4j infers it: one row per combination of
// labels and property key, the types seen, and mandatory when every node
// of that combination has the key.
void node_type_properties(std::span<const Value>, procedure::ProcedureContext& ctx, procedure::RowSink& out) {
  Schema schema = stored_schema(ctx);  // a named object: the loop borrows from it
  if (!schema.labels().empty()) {
    for (const auto& l : schema.labels()) {
      std::string node_type = ":" + quote_cypher_name(l.name);
      if (l.properties.empty())
        out.emit({Value(node_type), Value(ValueList{Value(l.name)}), Value(), Value(), Value(false)});
      for (const auto& p : l.properties)
        out.emit({Value(node_type), Value(ValueList{Value(l.name)}), Value(p.key), Value(type_list(p)),
                        Value(p.required)});
    }
    return;
  }
  const storage::Catalog& cat = ctx.catalog();
  std::map<std::vector<std::string>, Observed> seen;
  storage::NodeCursor c = ctx.txn().scan_nodes();
  uint64_t n = 0;
  for (; c.valid(); c.next()) {
    if ((++n & 0xfff) == 0) ctx.check_cancelled();
    const storage::NodeRecord* node = ctx.node(c.node());
    if (!node) continue;
    std::vector<std::string> labels;
    for (auto l : node->labels) labels.push_back(cat.label_name(l));
    std::sort(labels.begin(), labels.end());
    seen[labels].add(cat, node->properties);
  }
  query::throw_if_failed(c.status());
  for (const auto& [labels, o] : seen) {
    std::string node_type;
    ValueList label_values;
    for (const auto& l : labels) {
      node_type += ":" + quote_cypher_name(l);
      label_values.push_back(Value(l));
    }
    if (o.keys.empty()) out.emit({Value(node_type), Value(label_values), Value(), Value(), Value(false)});
    for (const auto& [key, info] : o.keys)
      out.emit({Value(node_type), Value(label_values), Value(key), Value(string_list(info.first)),
                      Value(info.second == o.entities)});
  }
}

// Neo4j's db.schema.relTypeProperties(), with the labels a type may join:
// as the declared schema gives them, or else as the data has them.
void rel_type_properties(std::span<const Value>, procedure::ProcedureContext& ctx, procedure::RowSink& out) {
  Schema schema = stored_schema(ctx);
  if (!schema.types().empty()) {
    for (const auto& t : schema.types()) {
      std::string rel_type = ":" + quote_cypher_name(t.name);
      ValueList from, to;
      for (const auto& f : t.from) from.push_back(Value(f));
      for (const auto& x : t.to) to.push_back(Value(x));
      if (t.properties.empty()) out.emit({Value(rel_type), Value(), Value(), Value(false), Value(from), Value(to)});
      for (const auto& p : t.properties)
        out.emit({Value(rel_type), Value(p.key), Value(type_list(p)), Value(p.required), Value(from), Value(to)});
    }
    return;
  }
  const storage::Catalog& cat = ctx.catalog();
  std::map<std::string, Observed> seen;
  auto add_labels = [&](storage::NodeId id, std::set<std::string>* out) {
    if (const storage::NodeRecord* node = ctx.node(id))
      for (auto l : node->labels) out->insert(cat.label_name(l));
  };
  storage::RelCursor c = ctx.txn().scan_rels();
  uint64_t n = 0;
  for (; c.valid(); c.next()) {
    if ((++n & 0xfff) == 0) ctx.check_cancelled();
    const storage::RelRecord& r = c.record();
    Observed& o = seen[cat.type_name(r.type)];
    o.add(cat, r.properties);
    add_labels(r.start, &o.from);
    add_labels(r.end, &o.to);
  }
  query::throw_if_failed(c.status());
  for (const auto& [type, o] : seen) {
    std::string rel_type = ":" + quote_cypher_name(type);
    if (o.keys.empty())
      out.emit({Value(rel_type), Value(), Value(), Value(false), Value(string_list(o.from)), Value(string_list(o.to))});
    for (const auto& [key, info] : o.keys)
      out.emit({Value(rel_type), Value(key), Value(string_list(info.first)), Value(info.second == o.entities),
                      Value(string_list(o.from)), Value(string_list(o.to))});
  }
}

}  // namespace

void add_schema_procedures(procedure::ProcedureRegistry& registry) {
  using namespace procedure::types;
  registry.add({{"db.schema.nodeTypeProperties",
                 {},
                 {{"nodeType", kString},
                  {"nodeLabels", kListOfString},
                  {"propertyName", kString.or_null()},
                  {"propertyTypes", kListOfString.or_null()},
                  {"mandatory", kBoolean}},
                 "The properties each node label may have: as the schema the data was loaded with declares them, or "
                 "else as the data has them."},
                node_type_properties});
  registry.add({{"db.schema.relTypeProperties",
                 {},
                 {{"relType", kString},
                  {"propertyName", kString.or_null()},
                  {"propertyTypes", kListOfString.or_null()},
                  {"mandatory", kBoolean},
                  {"from", kListOfString},
                  {"to", kListOfString}},
                 "The properties each relationship type may have and the labels it may join: as the schema declares "
                 "them, or else as the data has them."},
                rel_type_properties});
}

}  // namespace mlkg::load

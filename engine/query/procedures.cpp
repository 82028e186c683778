#include "engine/query/procedures.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "engine/algo/algo_procedures.hpp"
#include "engine/export/export_procedures.hpp"
#include "engine/fit/fit_procedure.hpp"
#include "engine/query/aggregates.hpp"
#include "engine/query/functions.hpp"
#include "engine/load/graph_loader.hpp"
#include "engine/load/schema.hpp"
#include "engine/storage/transaction.hpp"
#include "engine/text/fulltext_procedures.hpp"

namespace mlkg::query {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

void check(const Status& s) {
  if (!s.ok()) throw QueryError("DatabaseError", "", s.message());
}

std::vector<ValueList> labels(std::span<const Value>, ExecContext& ctx) {
  std::vector<ValueList> rows;
  const storage::Catalog& cat = ctx.graph->catalog();
  for (uint32_t l = 1; l <= cat.count(storage::NameKind::kLabel); ++l) {
    uint64_t n;
    check(ctx.graph->txn().count_nodes_with_label(l, &n));
    if (n > 0) rows.push_back({Value(cat.label_name(l))});
  }
  return rows;
}

std::vector<ValueList> relationship_types(std::span<const Value>, ExecContext& ctx) {
  std::vector<ValueList> rows;
  const storage::Catalog& cat = ctx.graph->catalog();
  for (uint32_t t = 1; t <= cat.count(storage::NameKind::kType); ++t) {
    uint64_t n;
    check(ctx.graph->txn().count_rels_with_type(t, &n));
    if (n > 0) rows.push_back({Value(cat.type_name(t))});
  }
  return rows;
}

std::vector<ValueList> property_keys(std::span<const Value>, ExecContext& ctx) {
  std::vector<ValueList> rows;
  const storage::Catalog& cat = ctx.graph->catalog();
  for (uint32_t k = 1; k <= cat.count(storage::NameKind::kKey); ++k) rows.push_back({Value(cat.key_name(k))});
  return rows;
}

// Which labels connect to which by which type: one row per (start label,
// type, end label) with the number of relationships, from one pass over
// every relationship. Nodes without labels count under the label null.
std::vector<ValueList> schema(std::span<const Value>, ExecContext& ctx) {
  const storage::Catalog& cat = ctx.graph->catalog();
  std::map<std::tuple<std::string, std::string, std::string>, int64_t> counts;
  auto labels_of = [&](storage::NodeId id) {
    std::vector<std::string> out;
    if (const storage::NodeRecord* n = ctx.graph->node(id))
      for (auto l : n->labels) out.push_back(cat.label_name(l));
    if (out.empty()) out.push_back("");
    return out;
  };
  storage::RelCursor c = ctx.graph->txn().scan_rels();
  uint64_t seen = 0;
  for (; c.valid(); c.next()) {
    if ((++seen & 0xfff) == 0) ctx.check_cancelled();
    const storage::RelRecord& r = c.record();
    for (const auto& a : labels_of(r.start))
      for (const auto& b : labels_of(r.end)) ++counts[{a, cat.type_name(r.type), b}];
  }
  check(c.status());
  std::vector<ValueList> rows;
  for (const auto& [key, n] : counts) {
    auto label = [](const std::string& s) { return s.empty() ? Value() : Value(s); };
    rows.push_back({label(std::get<0>(key)), Value(std::get<1>(key)), label(std::get<2>(key)), Value(n)});
  }
  return rows;
}

// The schema stored by the last import that had one (load/schema.hpp), or
// an empty one.
load::Schema stored_schema(ExecContext& ctx) {
  std::string json;
  bool found;
  check(ctx.graph->txn().get_store_property(load::kSchemaProperty, &json, &found));
  load::Schema schema;
  if (found) check(load::Schema::from_json(json, &schema));
  return schema;
}

ValueList type_list(const load::PropertyRule& r) { return {Value(r.type.name())}; }

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
std::vector<ValueList> node_type_properties(std::span<const Value>, ExecContext& ctx) {
  std::vector<ValueList> rows;
  load::Schema schema = stored_schema(ctx);  // a named object: the loop borrows from it
  if (!schema.labels().empty()) {
    for (const auto& l : schema.labels()) {
      std::string node_type = ":" + quote_cypher_name(l.name);
      if (l.properties.empty())
        rows.push_back({Value(node_type), Value(ValueList{Value(l.name)}), Value(), Value(), Value(false)});
      for (const auto& p : l.properties)
        rows.push_back({Value(node_type), Value(ValueList{Value(l.name)}), Value(p.key), Value(type_list(p)),
                        Value(p.required)});
    }
    return rows;
  }
  const storage::Catalog& cat = ctx.graph->catalog();
  std::map<std::vector<std::string>, Observed> seen;
  storage::NodeCursor c = ctx.graph->txn().scan_nodes();
  uint64_t n = 0;
  for (; c.valid(); c.next()) {
    if ((++n & 0xfff) == 0) ctx.check_cancelled();
    const storage::NodeRecord* node = ctx.graph->node(c.node());
    if (!node) continue;
    std::vector<std::string> labels;
    for (auto l : node->labels) labels.push_back(cat.label_name(l));
    std::sort(labels.begin(), labels.end());
    seen[labels].add(cat, node->properties);
  }
  check(c.status());
  for (const auto& [labels, o] : seen) {
    std::string node_type;
    ValueList label_values;
    for (const auto& l : labels) {
      node_type += ":" + quote_cypher_name(l);
      label_values.push_back(Value(l));
    }
    if (o.keys.empty()) rows.push_back({Value(node_type), Value(label_values), Value(), Value(), Value(false)});
    for (const auto& [key, info] : o.keys)
      rows.push_back({Value(node_type), Value(label_values), Value(key), Value(string_list(info.first)),
                      Value(info.second == o.entities)});
  }
  return rows;
}

// Neo4j's db.schema.relTypeProperties(), with the labels a type may join:
// as the declared schema gives them, or else as the data has them.
std::vector<ValueList> rel_type_properties(std::span<const Value>, ExecContext& ctx) {
  std::vector<ValueList> rows;
  load::Schema schema = stored_schema(ctx);
  if (!schema.types().empty()) {
    for (const auto& t : schema.types()) {
      std::string rel_type = ":" + quote_cypher_name(t.name);
      ValueList from, to;
      for (const auto& f : t.from) from.push_back(Value(f));
      for (const auto& x : t.to) to.push_back(Value(x));
      if (t.properties.empty()) rows.push_back({Value(rel_type), Value(), Value(), Value(false), Value(from), Value(to)});
      for (const auto& p : t.properties)
        rows.push_back({Value(rel_type), Value(p.key), Value(type_list(p)), Value(p.required), Value(from), Value(to)});
    }
    return rows;
  }
  const storage::Catalog& cat = ctx.graph->catalog();
  std::map<std::string, Observed> seen;
  auto add_labels = [&](storage::NodeId id, std::set<std::string>* out) {
    if (const storage::NodeRecord* node = ctx.graph->node(id))
      for (auto l : node->labels) out->insert(cat.label_name(l));
  };
  storage::RelCursor c = ctx.graph->txn().scan_rels();
  uint64_t n = 0;
  for (; c.valid(); c.next()) {
    if ((++n & 0xfff) == 0) ctx.check_cancelled();
    const storage::RelRecord& r = c.record();
    Observed& o = seen[cat.type_name(r.type)];
    o.add(cat, r.properties);
    add_labels(r.start, &o.from);
    add_labels(r.end, &o.to);
  }
  check(c.status());
  for (const auto& [type, o] : seen) {
    std::string rel_type = ":" + quote_cypher_name(type);
    if (o.keys.empty())
      rows.push_back({Value(rel_type), Value(), Value(), Value(false), Value(string_list(o.from)), Value(string_list(o.to))});
    for (const auto& [key, info] : o.keys)
      rows.push_back({Value(rel_type), Value(key), Value(string_list(info.first)), Value(info.second == o.entities),
                      Value(string_list(o.from)), Value(string_list(o.to))});
  }
  return rows;
}

std::vector<ValueList> procedures(std::span<const Value>, ExecContext&) {
  std::vector<ValueList> rows;
  for (const ProcedureInfo* p : all_procedures())
    rows.push_back({Value(p->name), Value(p->signature()), Value(p->description), Value(p->writes ? "WRITE" : "READ")});
  return rows;
}

std::vector<ValueList> functions(std::span<const Value>, ExecContext&) {
  std::vector<ValueList> rows;
  for (const FunctionInfo* f : all_functions())
    rows.push_back({Value(std::string(f->name)), Value(std::string(f->signature)), Value(std::string(f->description)),
                    Value(false)});
  for (const AggregateInfo* a : all_aggregates())
    rows.push_back({Value(std::string(a->name)), Value(std::string(a->signature)), Value(std::string(a->description)),
                    Value(true)});
  std::sort(rows.begin(), rows.end(), [](const ValueList& a, const ValueList& b) {
    return lower(a[0].as_string()) < lower(b[0].as_string());
  });
  return rows;
}

using Registry = std::map<std::string, std::unique_ptr<ProcedureInfo>>;

// The registry while its built-in procedures are being added (they include
// other folders' procedures, which add themselves with register_procedure()
// and so must not wait for registry() to finish initialising).
Registry* registry_being_built = nullptr;

// The registry, with the built-in procedures in it (added on first use).
Registry& registry() {
  static auto* procs = [] {
    auto* m = new Registry();
    auto add = [m](ProcedureInfo p) {
      std::string key = lower(p.name);
      (*m)[key] = std::make_unique<ProcedureInfo>(std::move(p));
    };
    add({"db.labels", {}, {{"label", "STRING"}}, "The labels that nodes of the database carry.", false, labels});
    add({"db.relationshipTypes", {}, {{"relationshipType", "STRING"}},
         "The types of the relationships in the database.", false, relationship_types});
    add({"db.propertyKeys", {}, {{"propertyKey", "STRING"}}, "Every property key the database has used.", false,
         property_keys});
    add({"db.schema", {}, {{"start", "STRING?"}, {"type", "STRING"}, {"end", "STRING?"}, {"count", "INTEGER"}},
         "Which label connects to which by which relationship type, with the number of relationships.", false,
         schema});
    add({"db.schema.nodeTypeProperties", {},
         {{"nodeType", "STRING"}, {"nodeLabels", "LIST<STRING>"}, {"propertyName", "STRING?"},
          {"propertyTypes", "LIST<STRING>?"}, {"mandatory", "BOOLEAN"}},
         "The properties each node label may have: as the schema the data was loaded with declares them, or else as the data has them.", false,
         node_type_properties});
    add({"db.schema.relTypeProperties", {},
         {{"relType", "STRING"}, {"propertyName", "STRING?"}, {"propertyTypes", "LIST<STRING>?"},
          {"mandatory", "BOOLEAN"}, {"from", "LIST<STRING>"}, {"to", "LIST<STRING>"}},
         "The properties each relationship type may have and the labels it may join: as the schema declares them, or else as the data has them.",
         false, rel_type_properties});
    add({"dbms.procedures", {}, {{"name", "STRING"}, {"signature", "STRING"}, {"description", "STRING"}, {"mode", "STRING"}},
         "Every procedure, with its signature and what it does.", false, procedures});
    add({"dbms.functions", {}, {{"name", "STRING"}, {"signature", "STRING"}, {"description", "STRING"},
                                {"aggregating", "BOOLEAN"}},
         "Every function, with its signature and what it does.", false, functions});
    add(fit::fit_procedure());
    for (ProcedureInfo& p : text::fulltext_procedures()) add(std::move(p));
    registry_being_built = m;
    algo::register_algo_procedures();
    registry_being_built = nullptr;
    for (ProcedureInfo& p : exporter::export_procedures()) add(std::move(p));
    return m;
  }();
  return *procs;
}

}  // namespace

std::string ProcedureInfo::signature() const {
  auto fields = [](const std::vector<ProcedureField>& fs) {
    std::string out;
    for (const auto& f : fs) out += (out.empty() ? "" : ", ") + f.name + " :: " + f.type;
    return out;
  };
  return name + "(" + fields(inputs) + ") :: (" + fields(outputs) + ")";
}

void register_procedure(ProcedureInfo info) {
  std::string key = lower(info.name);
  Registry& r = registry_being_built ? *registry_being_built : registry();
  r[key] = std::make_unique<ProcedureInfo>(std::move(info));
}

const ProcedureInfo* find_procedure(std::string_view name) {
  auto it = registry().find(lower(name));
  return it == registry().end() ? nullptr : it->second.get();
}

std::vector<const ProcedureInfo*> all_procedures() {
  std::vector<const ProcedureInfo*> out;
  for (const auto& [key, p] : registry()) out.push_back(p.get());
  return out;
}

}  // namespace mlkg::query

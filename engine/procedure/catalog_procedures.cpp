#include "engine/procedure/catalog_procedures.hpp"

#include <map>
#include <string>
#include <tuple>

#include "engine/common/query_error.hpp"

namespace mlkg::procedure {

namespace {

void labels(std::span<const Value>, ProcedureContext& ctx, RowSink& out) {
  const storage::Catalog& cat = ctx.catalog();
  for (uint32_t l = 1; l <= cat.count(storage::NameKind::kLabel); ++l) {
    uint64_t n;
    query::throw_if_failed(ctx.txn().count_nodes_with_label(l, &n));
    if (n > 0) out.emit({Value(cat.label_name(l))});
  }
}

void relationship_types(std::span<const Value>, ProcedureContext& ctx, RowSink& out) {
  const storage::Catalog& cat = ctx.catalog();
  for (uint32_t t = 1; t <= cat.count(storage::NameKind::kType); ++t) {
    uint64_t n;
    query::throw_if_failed(ctx.txn().count_rels_with_type(t, &n));
    if (n > 0) out.emit({Value(cat.type_name(t))});
  }
}

void property_keys(std::span<const Value>, ProcedureContext& ctx, RowSink& out) {
  const storage::Catalog& cat = ctx.catalog();
  for (uint32_t k = 1; k <= cat.count(storage::NameKind::kKey); ++k) out.emit({Value(cat.key_name(k))});
}

// One row per (start label, type, end label) with the number of
// relationships, from one pass over every relationship. Nodes without
// labels count under the label null.
void schema(std::span<const Value>, ProcedureContext& ctx, RowSink& out) {
  const storage::Catalog& cat = ctx.catalog();
  std::map<std::tuple<std::string, std::string, std::string>, int64_t> counts;
  auto labels_of = [&](storage::NodeId id) {
    std::vector<std::string> names;
    if (const storage::NodeRecord* n = ctx.node(id))
      for (auto l : n->labels) names.push_back(cat.label_name(l));
    if (names.empty()) names.push_back("");
    return names;
  };
  storage::RelCursor c = ctx.txn().scan_rels();
  uint64_t seen = 0;
  for (; c.valid(); c.next()) {
    if ((++seen & 0xfff) == 0) ctx.check_cancelled();
    const storage::RelRecord& r = c.record();
    for (const auto& a : labels_of(r.start))
      for (const auto& b : labels_of(r.end)) ++counts[{a, cat.type_name(r.type), b}];
  }
  query::throw_if_failed(c.status());
  auto label = [](const std::string& s) { return s.empty() ? Value() : Value(s); };
  for (const auto& [key, n] : counts)
    out.emit({label(std::get<0>(key)), Value(std::get<1>(key)), label(std::get<2>(key)), Value(n)});
}

}  // namespace

void add_catalog_procedures(ProcedureRegistry& registry) {
  using namespace types;
  registry.add({{"db.labels", {}, {{"label", kString}}, "The labels that nodes of the database carry."}, labels});
  registry.add({{"db.relationshipTypes", {}, {{"relationshipType", kString}},
                 "The types of the relationships in the database."},
                relationship_types});
  registry.add({{"db.propertyKeys", {}, {{"propertyKey", kString}}, "Every property key the database has used."},
                property_keys});
  registry.add({{"db.schema",
                 {},
                 {{"start", kString.or_null()}, {"type", kString}, {"end", kString.or_null()}, {"count", kInteger}},
                 "Which label connects to which by which relationship type, with the number of relationships."},
                schema});
  const ProcedureRegistry* listed = &registry;
  registry.add({{"dbms.procedures",
                 {},
                 {{"name", kString}, {"signature", kString}, {"description", kString}, {"mode", kString}},
                 "Every procedure, with its signature and what it does."},
                [listed](std::span<const Value>, ProcedureContext&, RowSink& out) {
                  for (const Procedure* p : listed->all()) {
                    const ProcedureSignature& s = p->signature;
                    out.emit({Value(s.name), Value(s.render()), Value(s.description),
                              Value(s.mode == ProcedureMode::kRead ? "READ" : "WRITE")});
                  }
                }});
}

}  // namespace mlkg::procedure

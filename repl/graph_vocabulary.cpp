// Reading a GraphVocabulary (see graph_vocabulary.hpp).
//
// Labels, types and keys come from the catalog (Database::info: names and
// counts, no scan); the nodes and their keys from one query over the first
// `max_nodes` nodes. A graph within the budget then gives its patterns and
// relationship keys through db.schema() and db.schema.relTypeProperties(),
// which read every relationship. A larger one is sampled with bounded
// queries instead: the first nodes' outgoing relationships, then each label's
// first nodes and theirs, so a label whose nodes all come late still gets its
// keys and patterns.

#include "repl/graph_vocabulary.hpp"

#include <algorithm>
#include <exception>
#include <set>
#include <string_view>

#include "engine/query/function/aggregates.hpp"
#include "engine/query/function/functions.hpp"

namespace mlkg::repl {

namespace {

// The rows of `text`, or none when it fails (see load's contract).
std::vector<ValueList> rows_of(Database& db, std::string_view text, int64_t limit) {
  try {
    ValueMap params;
    params["limit"] = Value(limit);
    return db.execute(text, params).rows;
  } catch (const std::exception&) {
    return {};
  }
}

std::string string_or_empty(const Value& v) { return v.is_string() ? v.as_string() : std::string(); }

// "FITS" from the ":FITS" or ":`odd type`" of db.schema.relTypeProperties().
std::string type_name_of(std::string_view rel_type) {
  if (rel_type.starts_with(':')) rel_type.remove_prefix(1);
  if (rel_type.size() < 2 || rel_type.front() != '`' || rel_type.back() != '`') return std::string(rel_type);
  std::string out;
  for (size_t i = 1; i + 1 < rel_type.size(); ++i) {
    out += rel_type[i];
    if (rel_type[i] == '`') ++i;  // a doubled backtick stands for one
  }
  return out;
}

template <class Set>
std::vector<std::string> to_vector(const Set& s) {
  return std::vector<std::string>(s.begin(), s.end());
}

void sort_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// What the queries gather before it becomes the vocabulary's sorted lists.
struct Gathered {
  std::map<std::string, std::set<std::string>> keys_by_label, keys_by_type;
  std::set<std::string> rel_keys;
  std::set<GraphVocabulary::Pattern> patterns;

  // One row of a relationship query: labels(a), type(r), labels(b), keys(r).
  void add_relationship(const ValueList& row) {
    if (row.size() != 4 || !row[1].is_string()) return;
    const std::string& type = row[1].as_string();
    std::vector<std::string> starts = string_elements(row[0]), ends = string_elements(row[2]);
    if (starts.empty()) starts.push_back("");
    if (ends.empty()) ends.push_back("");
    for (const auto& s : starts)
      for (const auto& e : ends) patterns.insert({s, type, e});
    std::set<std::string>& by_type = keys_by_type[type];
    for (const auto& k : string_elements(row[3])) {
      by_type.insert(k);
      rel_keys.insert(k);
    }
  }
  // labels(n), keys(n).
  void add_node_keys(const Value& labels, const Value& keys) {
    std::vector<std::string> ks = string_elements(keys);
    if (ks.empty()) return;
    for (const auto& l : string_elements(labels)) keys_by_label[l].insert(ks.begin(), ks.end());
  }
};

constexpr std::string_view kNodesQuery =
    "MATCH (n) WITH n LIMIT $limit RETURN labels(n), keys(n), n.id, n.name, n.aliases";
// Both procedures read every relationship: only for graphs within the budget.
// relTypeProperties gives the declared keys when the data was loaded with a
// schema (the data can have no others), else the keys the data has.
constexpr std::string_view kPatternsQuery = "CALL db.schema() YIELD start, type, end RETURN start, type, end";
constexpr std::string_view kRelationshipKeysQuery =
    "CALL db.schema.relTypeProperties() YIELD relType, propertyName "
    "WHERE propertyName IS NOT NULL RETURN relType, propertyName";
constexpr std::string_view kRelationshipsQuery =
    "MATCH (a) WITH a LIMIT $limit MATCH (a)-[r]->(b) WITH a, r, b LIMIT $limit "
    "RETURN labels(a), type(r), labels(b), keys(r)";

}  // namespace

GraphVocabulary GraphVocabulary::load(Database& db, size_t max_nodes) {
  GraphVocabulary v;
  for (const query::FunctionInfo* f : query::all_functions()) v.functions.emplace_back(f->name);
  for (const query::AggregateInfo* a : query::all_aggregates()) v.functions.emplace_back(a->name);
  for (const procedure::Procedure* p : db.procedures().all()) v.procedures.push_back(p->signature.name);
  sort_unique(v.functions);
  sort_unique(v.procedures);

  DatabaseInfo info;
  if (!db.info(&info).ok()) return v;
  for (const auto& [label, count] : info.labels)
    if (count > 0) v.labels.push_back(label);
  for (const auto& [type, count] : info.types)
    if (count > 0) v.types.push_back(type);
  v.keys = info.property_keys;
  sort_unique(v.labels);
  sort_unique(v.types);
  sort_unique(v.keys);
  if (info.nodes == 0 || max_nodes == 0) return v;

  const auto limit = static_cast<int64_t>(max_nodes);
  Gathered g;
  for (const ValueList& row : rows_of(db, kNodesQuery, limit)) {
    if (row.size() != 5) continue;
    g.add_node_keys(row[0], row[1]);
    NodeName n{string_or_empty(row[2]), string_or_empty(row[3]), string_elements(row[4]), ""};
    if (n.id.empty() && n.name.empty()) continue;
    for (const auto& l : string_elements(row[0])) n.label += (n.label.empty() ? "" : ":") + l;
    v.nodes.push_back(std::move(n));
  }

  if (info.nodes <= max_nodes && info.relationships <= max_nodes) {
    // Within the budget: the schema procedures' passes over every
    // relationship are the quickest way to the patterns and keys.
    for (const ValueList& row : rows_of(db, kPatternsQuery, limit))
      if (row.size() == 3 && row[1].is_string())
        g.patterns.insert({string_or_empty(row[0]), row[1].as_string(), string_or_empty(row[2])});
    for (const ValueList& row : rows_of(db, kRelationshipKeysQuery, limit)) {
      if (row.size() != 2 || !row[0].is_string() || !row[1].is_string()) continue;
      g.keys_by_type[type_name_of(row[0].as_string())].insert(row[1].as_string());
      g.rel_keys.insert(row[1].as_string());
    }
  } else {
    // Sampled: the first nodes' outgoing relationships, then each label's
    // first nodes and their outgoing relationships.
    for (const ValueList& row : rows_of(db, kRelationshipsQuery, limit)) g.add_relationship(row);
    const int64_t share = std::max<int64_t>(100, limit / static_cast<int64_t>(std::max<size_t>(1, v.labels.size())));
    for (const auto& label : v.labels) {
      const std::string node = "(n:" + quote_cypher_name(label) + ")";
      for (const ValueList& row : rows_of(db, "MATCH " + node + " WITH n LIMIT $limit RETURN labels(n), keys(n)", share))
        if (row.size() == 2) g.add_node_keys(row[0], row[1]);
      const std::string rels = "MATCH " + node + " WITH n LIMIT $limit MATCH (n)-[r]->(b) WITH n, r, b LIMIT $limit "
                               "RETURN labels(n), type(r), labels(b), keys(r)";
      for (const ValueList& row : rows_of(db, rels, share)) g.add_relationship(row);
    }
  }

  for (const auto& [label, keys] : g.keys_by_label) v.keys_by_label[label] = to_vector(keys);
  for (const auto& [type, keys] : g.keys_by_type)
    if (!keys.empty()) v.keys_by_type[type] = to_vector(keys);
  v.rel_keys = to_vector(g.rel_keys);
  v.patterns.assign(g.patterns.begin(), g.patterns.end());
  std::sort(v.nodes.begin(), v.nodes.end(), [](const NodeName& a, const NodeName& b) {
    return a.name != b.name ? a.name < b.name : a.id < b.id;
  });
  return v;
}

}  // namespace mlkg::repl

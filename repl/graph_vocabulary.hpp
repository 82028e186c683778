#pragma once
// What the shell's Tab completion knows about a graph: its labels,
// relationship types and property keys, which label connects to which by
// which type, the keys each label and type has, the nodes' ids, names and
// aliases, and the functions and procedures queries can call.
//
// A snapshot: read once (at the shell's start, and again after a statement
// that wrote, if the shell wants fresh names) and then only read, so it can
// be shared freely between threads.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "engine/database.hpp"

namespace mlkg::repl {

struct GraphVocabulary {
  // Every label that some node carries, every relationship type that some
  // relationship has, every property key the database has used; each sorted.
  std::vector<std::string> labels, types, keys;

  // (:start)-[:type]->(:end) exists in the data. A node with several labels
  // gives a pattern per label; an end without labels is "". Sorted, unique.
  struct Pattern {
    std::string start, type, end;
    auto operator<=>(const Pattern&) const = default;
  };
  std::vector<Pattern> patterns;

  // The property keys the nodes of a label have (sorted); labels whose nodes
  // have no properties are absent.
  std::map<std::string, std::vector<std::string>> keys_by_label;
  // The property keys relationships have, of any type, and per type (sorted).
  std::vector<std::string> rel_keys;
  std::map<std::string, std::vector<std::string>> keys_by_type;

  // A node that has a string `id` or a string `name` (either may be empty,
  // not both). `aliases` are the string elements of its `aliases` property
  // (a single string counts as one alias). `label` is the node's labels
  // joined with ':' ("Service", or "Service:Feature" for a node with two;
  // empty for none). Sorted by name, then id.
  struct NodeName {
    std::string id, name;
    std::vector<std::string> aliases;
    std::string label;
  };
  std::vector<NodeName> nodes;

  // Canonical names of the scalar functions (query::all_functions()) and the
  // aggregates (query::all_aggregates()), and of the procedures
  // (Database::procedures()), e.g. "toLower", "collect", "db.schema".
  // Sorted, unique.
  std::vector<std::string> functions;
  std::vector<std::string> procedures;

  // Reads all of the above from `db` (read-only, through the catalog's counts
  // and a few queries; about 6 ms on the syllabus graph).
  //
  // Bounded for huge graphs, so the shell's start never stalls: at most
  // `max_nodes` nodes are listed in `nodes`, and at most `max_nodes` nodes
  // and `max_nodes` relationships are read for the keys and patterns. A
  // graph larger than that is sampled per label and per type instead (each
  // gets its share of the budget), so every label and type still gets keys
  // and patterns, though a key or pattern only rare nodes have may be missed.
  //
  // Never throws: completion is a convenience, so a part that cannot be read
  // (a storage error) is left empty and the rest is still returned. An empty
  // database gives empty lists (functions and procedures excepted).
  static GraphVocabulary load(Database& db, size_t max_nodes = 50000);
};

}  // namespace mlkg::repl

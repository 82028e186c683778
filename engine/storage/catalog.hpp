#pragma once
// Catalog: the dictionaries (label, relationship type and property key names
// with their ids) and the index definitions (property and full-text) of one
// store.
//
// A Catalog object is immutable once published: readers hold a
// shared_ptr<const Catalog> matching their snapshot, and a writer works on a
// private copy (CatalogWriter) that becomes the published catalog when its
// transaction commits. Names are never removed, so a newer catalog is always a
// superset of an older one and an old reader never meets an unknown id.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/storage/ids.hpp"

namespace mlkg::storage {

// A property index. A unique one is what a uniqueness constraint is made
// of: the constraint and its index share the definition and the name (as in
// Neo4j, where a constraint's index is called like the constraint).
struct IndexDefinition {
  IndexId id = 0;
  LabelId label = 0;  // 0: every node, whatever its labels
  PropertyKeyId key = 0;
  bool unique = false;
  // Never empty in a loaded catalog: definitions stored before names were
  // (9-byte values) get generate_index_name()'s name when the catalog loads.
  std::string name;
  bool operator==(const IndexDefinition&) const = default;

  // Whether a node with `node_labels` has entries in this index.
  bool applies_to(const std::vector<LabelId>& node_labels) const;
};

// A full-text index (fulltext_index.hpp): the nodes with any of `labels`
// are its documents, made of the string values (and the strings of list
// values) of `keys`, in that order. Named (the name is unique among every
// index and constraint); its entries are keyed by its id in their own
// column family, and the id comes from the sequence property indexes use.
struct FulltextIndexDefinition {
  IndexId id = 0;
  std::string name;                  // unique among full-text indexes
  std::vector<LabelId> labels;       // at least one, no duplicates
  std::vector<PropertyKeyId> keys;   // at least one, no duplicates, in the order given
  std::string analyzer = "english";  // the only one there is (engine/text/analyzer.hpp)
  bool operator==(const FulltextIndexDefinition&) const = default;

  // Whether a node with `node_labels` is covered (has one of the labels).
  bool covers(const std::vector<LabelId>& node_labels) const;
  bool reads(PropertyKeyId key) const;
};

// Which dictionary a name belongs to. Never renumber: the char is on disk.
enum class NameKind : char { kLabel = 'L', kType = 'T', kKey = 'K' };

class Catalog {
 public:
  std::optional<uint32_t> find(NameKind kind, std::string_view name) const;
  // The name of an id; requires a valid id (1..count).
  const std::string& name(NameKind kind, uint32_t id) const;
  bool has_id(NameKind kind, uint32_t id) const;
  // Number of names of a kind; ids run from 1 to count.
  uint32_t count(NameKind kind) const;

  std::optional<LabelId> find_label(std::string_view n) const { return find(NameKind::kLabel, n); }
  std::optional<TypeId> find_type(std::string_view n) const { return find(NameKind::kType, n); }
  std::optional<PropertyKeyId> find_key(std::string_view n) const { return find(NameKind::kKey, n); }
  const std::string& label_name(LabelId id) const { return name(NameKind::kLabel, id); }
  const std::string& type_name(TypeId id) const { return name(NameKind::kType, id); }
  const std::string& key_name(PropertyKeyId id) const { return name(NameKind::kKey, id); }

  const std::vector<IndexDefinition>& indexes() const { return indexes_; }
  const IndexDefinition* find_index(IndexId id) const;
  // The index on (label, key), label 0 meaning "every node", if any.
  const IndexDefinition* find_index(LabelId label, PropertyKeyId key) const;
  const IndexDefinition* find_index_named(std::string_view name) const;

  // ---- schema names
  // Property indexes, uniqueness constraints (unique property indexes) and
  // full-text indexes share one namespace; names are case-sensitive.
  bool schema_name_taken(std::string_view name) const;
  // A readable name for a new property index that is not taken:
  // index_<Label>_<key> (constraint_<Label>_<key> when unique; without the
  // label for an index over every node), then _2, _3, ... if taken.
  std::string generate_index_name(LabelId label, PropertyKeyId key, bool unique) const;
  // Gives every definition without a name (read from a store written before
  // names were stored) generate_index_name()'s name, in id order, and
  // remembers their ids until the names are written (take_generated_names).
  // Call once every definition and name is loaded.
  void name_unnamed_indexes();
  // The ids named by name_unnamed_indexes whose names are not on disk yet;
  // clears the list (the caller writes them).
  std::vector<IndexId> take_generated_names();

  // Adds a name with the next id of its kind; requires that it is new.
  uint32_t add_name(NameKind kind, std::string name);
  // Adds a name with a given id, as read from disk; false if the id is not the
  // next one of its kind or the name is already there.
  bool restore_name(NameKind kind, uint32_t id, std::string name);
  void add_index(const IndexDefinition& def);
  void remove_index(IndexId id);
  // Property and full-text indexes draw ids from one sequence (so that
  // SHOW INDEXES lists distinct ids): both return the next id of it.
  IndexId next_index_id() const;

  const std::vector<FulltextIndexDefinition>& fulltext_indexes() const { return fulltext_indexes_; }
  const FulltextIndexDefinition* find_fulltext_index(IndexId id) const;
  // By name, exactly (names are case-sensitive, as Neo4j's are).
  const FulltextIndexDefinition* find_fulltext_index(std::string_view name) const;
  void add_fulltext_index(FulltextIndexDefinition def);
  void remove_fulltext_index(IndexId id);
  IndexId next_fulltext_index_id() const;  // = next_index_id()

 private:
  // Transparent hashing: lookups by string_view allocate nothing.
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Dictionary {
    std::vector<std::string> names;  // names[id - 1]
    std::unordered_map<std::string, uint32_t, NameHash, std::equal_to<>> ids;
  };
  const Dictionary& dict(NameKind kind) const;
  Dictionary& dict(NameKind kind);

  Dictionary labels_, types_, keys_;
  std::vector<IndexDefinition> indexes_;  // ascending id
  std::vector<FulltextIndexDefinition> fulltext_indexes_;  // ascending id
  std::vector<IndexId> generated_names_;  // see name_unnamed_indexes
};

// Index definition value (meta 'I' · id): label(u32) key(u32) flags(u8, bit
// 0 = unique), then the varint-prefixed name. Values written before names
// were stored end after the flags (9 bytes): they decode with an empty name.
std::string encode_index_definition(const IndexDefinition& def);
bool decode_index_definition(IndexId id, std::string_view in, IndexDefinition* out);
// Full-text definition value (meta 'F' · id): varint-prefixed name, label
// ids, key ids and analyzer name. Decoding validates lengths and ids != 0.
std::string encode_fulltext_definition(const FulltextIndexDefinition& def);
bool decode_fulltext_definition(IndexId id, std::string_view in, FulltextIndexDefinition* out);

}  // namespace mlkg::storage

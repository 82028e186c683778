#pragma once
// Byte layouts of every key the store writes, and the order-preserving value
// encoding used in property-index keys.
//
// All integers in keys are big-endian and fixed width, so that byte order
// equals numeric order. Column families (never rename: on disk):
//
//   meta       'V'                                  -> format version (u32 BE)
//              'N' | 'R'                            -> next node / rel id (u64 BE)
//              'L'|'T'|'K' · id(u32)                -> label / type / key name
//              'I' · index id(u32)                  -> index definition
//              'F' · index id(u32)                  -> full-text index definition
//              'C' · ('L'|'T') · id(u32)            -> count of nodes with label /
//                                                      rels of type (u64 BE)
//              'C' · 'N' | 'C' · 'R'                -> total nodes / rels (u64 BE)
//              'P' · name                           -> free-form store property
//   nodes      node(u64)                            -> node record
//   rels       rel(u64)                             -> relationship record
//   adj        node(u64) · dir(u8)                  -> adjacency list (adjacency_list.hpp)
//   label_idx  label(u32) · node(u64)               -> ""
//   prop_idx   index(u32) · value · node(u64)       -> ""          (non-unique)
//              index(u32) · value                   -> node(u64)   (unique)
//   text_idx   index(u32) · 'D' · node(u64)         -> document length (fulltext_index.hpp)
//              index(u32) · 'P' · term · 00 · node(u64) -> posting: frequency and positions
//              index(u32) · 'S'                     -> statistics: documents, total length
//
// Full-text keys: `index` is a full-text index id (its own id space, not the
// property indexes'). A term is analysed text (letters and digits, never a
// 00 byte), so the 00 after it ends it: the postings of one term are one
// key range, ordered by node, and those of every term with a given prefix
// are another. Everything of one index shares the 4-byte prefix, so
// dropping an index is one prefix scan.
//
// The value encoding (encode_index_value) starts with a type tag in
// openCypher orderability order and is prefix-free, so index keys sort by
// (index, type, value, node).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/storage/ids.hpp"

namespace mlkg::storage {

inline constexpr size_t kAdjKeySize = 8 + 1;
inline constexpr size_t kLabelIdxKeySize = 4 + 8;

// ---- fixed-width big-endian integers
void put_u32_be(std::string* dst, uint32_t v);
void put_u64_be(std::string* dst, uint64_t v);
void store_u32_be(char* dst, uint32_t v);
void store_u64_be(char* dst, uint64_t v);
uint32_t load_u32_be(const char* src);
uint64_t load_u64_be(const char* src);

// Returns the smallest string greater than every string with prefix `prefix`,
// or "" when there is none (prefix all 0xff): the exclusive upper bound of a
// prefix scan.
std::string prefix_successor(std::string_view prefix);

// ---- meta keys
std::string meta_format_version_key();
std::string meta_next_node_key();
std::string meta_next_rel_key();
// kind is 'L' (label), 'T' (type) or 'K' (property key).
std::string meta_name_key(char kind, uint32_t id);
std::string meta_index_key(IndexId id);
// kind is 'L' (label) or 'T' (type).
std::string meta_count_key(char kind, uint32_t id);
std::string meta_total_nodes_key();
std::string meta_total_rels_key();
std::string meta_property_key(std::string_view name);

// ---- record keys
std::string node_key(NodeId id);
std::string rel_key(RelId id);
NodeId decode_node_key(std::string_view key);  // requires key.size() == 8
RelId decode_rel_key(std::string_view key);

// ---- adjacency
// One entry of an adjacency list, as cursors hand it out.
struct AdjEntry {
  NodeId node = kNoId;
  Direction dir = Direction::kOut;
  TypeId type = 0;
  NodeId neighbour = kNoId;
  RelId rel = kNoId;
  bool operator==(const AdjEntry&) const = default;
};
std::string adj_key(NodeId node, Direction dir);
// Parses an adjacency key; false if malformed.
bool parse_adj_key(std::string_view key, NodeId* node, Direction* dir);

// ---- label index
std::string label_idx_key(LabelId label, NodeId node);
void store_label_idx_key(char* dst, LabelId label, NodeId node);
std::string label_idx_prefix(LabelId label);
bool parse_label_idx_key(std::string_view key, LabelId* label, NodeId* node);

// ---- property index
// Appends the order-preserving encoding of a storable value. Floats that are
// NaN all encode alike. Requires is_storable(v).
void encode_index_value(std::string* dst, const Value& v);
std::string prop_idx_prefix(IndexId index);
// Non-unique: index · value · node. Unique: index · value.
std::string prop_idx_key(IndexId index, const Value& v, NodeId node);
std::string prop_idx_unique_key(IndexId index, const Value& v);
// Splits a non-unique index key into its parts; false if malformed.
bool parse_prop_idx_key(std::string_view key, IndexId* index, std::string_view* value_bytes, NodeId* node);
// The value of the other numeric type that openCypher's = finds equal to
// `v` (1.0 for 1, 1 for 1.0), if there is one exactly: index keys keep
// integers and floats apart, so a lookup by equality probes both.
std::optional<Value> numeric_twin(const Value& v);
// Bounds for Transaction::scan_index_range: every value of one type sorts
// in [type_lower_bound(t), type_upper_bound(t)); the strings that start
// with `prefix` sort in [string_prefix_bound(prefix), its prefix_successor).
std::string index_type_lower_bound(Value::Type t);
std::string index_type_upper_bound(Value::Type t);
std::string index_string_prefix_bound(std::string_view prefix);

// ---- full-text index (text_idx)
// Never renumber: the kind byte is on disk.
enum class TextKeyKind : char { kDocument = 'D', kPosting = 'P', kStats = 'S' };
struct TextKey {
  IndexId index = 0;
  TextKeyKind kind = TextKeyKind::kStats;
  std::string_view term;  // kPosting: a view into the parsed key
  NodeId node = kNoId;    // kDocument, kPosting
};
std::string meta_fulltext_index_key(IndexId id);
// Every key of one index.
std::string text_index_prefix(IndexId index);
std::string text_document_key(IndexId index, NodeId node);
std::string text_stats_key(IndexId index);
// `term` must not contain a 00 byte (analysed terms never do).
std::string text_posting_key(IndexId index, std::string_view term, NodeId node);
// The postings of exactly `term`.
std::string text_term_prefix(IndexId index, std::string_view term);
// The postings of every term that starts with `prefix` ("" = every term).
std::string text_terms_with_prefix(IndexId index, std::string_view prefix);
// Splits a text_idx key; false if malformed.
bool parse_text_key(std::string_view key, TextKey* out);

}  // namespace mlkg::storage

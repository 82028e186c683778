#include "engine/storage/key_codec.hpp"

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

namespace mlkg::storage {

void store_u32_be(char* dst, uint32_t v) {
  dst[0] = static_cast<char>(v >> 24);
  dst[1] = static_cast<char>(v >> 16);
  dst[2] = static_cast<char>(v >> 8);
  dst[3] = static_cast<char>(v);
}

void store_u64_be(char* dst, uint64_t v) {
  store_u32_be(dst, static_cast<uint32_t>(v >> 32));
  store_u32_be(dst + 4, static_cast<uint32_t>(v));
}

uint32_t load_u32_be(const char* src) {
  auto b = reinterpret_cast<const unsigned char*>(src);
  return (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | uint32_t{b[3]};
}

uint64_t load_u64_be(const char* src) {
  return (uint64_t{load_u32_be(src)} << 32) | load_u32_be(src + 4);
}

void put_u32_be(std::string* dst, uint32_t v) {
  char buf[4];
  store_u32_be(buf, v);
  dst->append(buf, 4);
}

void put_u64_be(std::string* dst, uint64_t v) {
  char buf[8];
  store_u64_be(buf, v);
  dst->append(buf, 8);
}

std::string prefix_successor(std::string_view prefix) {
  std::string s(prefix);
  while (!s.empty()) {
    auto& last = reinterpret_cast<unsigned char&>(s.back());
    if (last != 0xff) {
      ++last;
      return s;
    }
    s.pop_back();
  }
  return s;
}

// ---------------------------------------------------------------- meta

std::string meta_format_version_key() { return "V"; }
std::string meta_next_node_key() { return "N"; }
std::string meta_next_rel_key() { return "R"; }

std::string meta_name_key(char kind, uint32_t id) {
  std::string k(1, kind);
  put_u32_be(&k, id);
  return k;
}

std::string meta_index_key(IndexId id) { return meta_name_key('I', id); }

std::string meta_count_key(char kind, uint32_t id) {
  std::string k = "C";
  k += kind;
  put_u32_be(&k, id);
  return k;
}

std::string meta_total_nodes_key() { return "CN"; }
std::string meta_total_rels_key() { return "CR"; }

std::string meta_property_key(std::string_view name) {
  std::string k = "P";
  k += name;
  return k;
}

// ---------------------------------------------------------------- records

std::string node_key(NodeId id) {
  std::string k;
  put_u64_be(&k, id);
  return k;
}

std::string rel_key(RelId id) { return node_key(id); }

NodeId decode_node_key(std::string_view key) { return load_u64_be(key.data()); }
RelId decode_rel_key(std::string_view key) { return load_u64_be(key.data()); }

// ---------------------------------------------------------------- adjacency

std::string adj_key(NodeId node, Direction dir) {
  std::string k = node_key(node);
  k += static_cast<char>(dir);
  return k;
}

bool parse_adj_key(std::string_view key, NodeId* node, Direction* dir) {
  if (key.size() != kAdjKeySize || static_cast<uint8_t>(key[8]) > 1) return false;
  *node = load_u64_be(key.data());
  *dir = static_cast<Direction>(key[8]);
  return true;
}

// ---------------------------------------------------------------- label index

void store_label_idx_key(char* dst, LabelId label, NodeId node) {
  store_u32_be(dst, label);
  store_u64_be(dst + 4, node);
}

std::string label_idx_key(LabelId label, NodeId node) {
  std::string k(kLabelIdxKeySize, '\0');
  store_label_idx_key(k.data(), label, node);
  return k;
}

std::string label_idx_prefix(LabelId label) {
  std::string k;
  put_u32_be(&k, label);
  return k;
}

bool parse_label_idx_key(std::string_view key, LabelId* label, NodeId* node) {
  if (key.size() != kLabelIdxKeySize) return false;
  *label = load_u32_be(key.data());
  *node = load_u64_be(key.data() + 4);
  return true;
}

// ---------------------------------------------------------------- property index

namespace {

// Strings: bytes with 0x00 escaped as 00 ff, terminated by 00 01. The
// terminator sorts below any escaped or plain byte, so a string sorts before
// its extensions and the encoding is prefix-free.
void encode_index_string(std::string* dst, std::string_view s) {
  for (char c : s) {
    dst->push_back(c);
    if (c == '\0') dst->push_back('\xff');
  }
  dst->push_back('\0');
  dst->push_back('\x01');
}

uint64_t order_preserving_double_bits(double d) {
  if (std::isnan(d)) d = std::numeric_limits<double>::quiet_NaN();
  if (d == 0.0) d = 0.0;  // -0.0 and 0.0 are equal values: one encoding
  uint64_t bits = std::bit_cast<uint64_t>(d);
  // Negative numbers: flip all bits (larger magnitude sorts first);
  // positive: flip the sign bit so they sort after negatives.
  return (bits & (uint64_t{1} << 63)) ? ~bits : bits | (uint64_t{1} << 63);
}

}  // namespace

void encode_index_value(std::string* dst, const Value& v) {
  dst->push_back(static_cast<char>(v.type()));
  switch (v.type()) {
    case Value::Type::kBool: dst->push_back(v.as_bool() ? '\x01' : '\x00'); break;
    case Value::Type::kInt: put_u64_be(dst, static_cast<uint64_t>(v.as_int()) ^ (uint64_t{1} << 63)); break;
    case Value::Type::kFloat: put_u64_be(dst, order_preserving_double_bits(v.as_float())); break;
    case Value::Type::kString: encode_index_string(dst, v.as_string()); break;
    case Value::Type::kList:
      // Elements are self-delimiting and their tags are >= 1, so a 00 end
      // mark sorts a list before its extensions.
      for (const Value& e : v.as_list()) encode_index_value(dst, e);
      dst->push_back('\0');
      break;
    case Value::Type::kNull:
    case Value::Type::kMap:
    case Value::Type::kNode:
    case Value::Type::kRelationship:
    case Value::Type::kPath:
      break;  // not storable; callers check is_storable first
  }
}

std::string prop_idx_prefix(IndexId index) {
  std::string k;
  put_u32_be(&k, index);
  return k;
}

std::string prop_idx_unique_key(IndexId index, const Value& v) {
  std::string k = prop_idx_prefix(index);
  encode_index_value(&k, v);
  return k;
}

std::string prop_idx_key(IndexId index, const Value& v, NodeId node) {
  std::string k = prop_idx_unique_key(index, v);
  put_u64_be(&k, node);
  return k;
}

std::optional<Value> numeric_twin(const Value& v) {
  // 2^63 as a double: the first double above every int64.
  constexpr double kTwoTo63 = 9223372036854775808.0;
  if (v.is_int()) {
    const int64_t i = v.as_int();
    const auto d = static_cast<double>(i);
    if (d >= -kTwoTo63 && d < kTwoTo63 && static_cast<int64_t>(d) == i) return Value(d);
    return std::nullopt;
  }
  if (v.is_float()) {
    const double d = v.as_float();
    if (std::isfinite(d) && std::trunc(d) == d && d >= -kTwoTo63 && d < kTwoTo63) return Value(static_cast<int64_t>(d));
  }
  return std::nullopt;
}

std::string index_type_lower_bound(Value::Type t) { return std::string(1, static_cast<char>(t)); }

std::string index_type_upper_bound(Value::Type t) { return std::string(1, static_cast<char>(static_cast<uint8_t>(t) + 1)); }

std::string index_string_prefix_bound(std::string_view prefix) {
  std::string out;
  encode_index_value(&out, Value(std::string(prefix)));
  out.resize(out.size() - 2);  // without the terminator (00 01): a prefix of every extension's encoding
  return out;
}

bool parse_prop_idx_key(std::string_view key, IndexId* index, std::string_view* value_bytes, NodeId* node) {
  if (key.size() < 4 + 1 + 8) return false;
  *index = load_u32_be(key.data());
  *value_bytes = key.substr(4, key.size() - 12);
  *node = load_u64_be(key.data() + key.size() - 8);
  return true;
}

// ---------------------------------------------------------------- full-text index

std::string meta_fulltext_index_key(IndexId id) {
  std::string k = "F";
  put_u32_be(&k, id);
  return k;
}

std::string text_index_prefix(IndexId index) {
  std::string k;
  put_u32_be(&k, index);
  return k;
}

std::string text_document_key(IndexId index, NodeId node) {
  std::string k = text_index_prefix(index);
  k.push_back(static_cast<char>(TextKeyKind::kDocument));
  put_u64_be(&k, node);
  return k;
}

std::string text_stats_key(IndexId index) {
  std::string k = text_index_prefix(index);
  k.push_back(static_cast<char>(TextKeyKind::kStats));
  return k;
}

std::string text_terms_with_prefix(IndexId index, std::string_view prefix) {
  std::string k = text_index_prefix(index);
  k.push_back(static_cast<char>(TextKeyKind::kPosting));
  k.append(prefix);
  return k;
}

std::string text_term_prefix(IndexId index, std::string_view term) {
  std::string k = text_terms_with_prefix(index, term);
  k.push_back('\0');
  return k;
}

std::string text_posting_key(IndexId index, std::string_view term, NodeId node) {
  std::string k = text_term_prefix(index, term);
  put_u64_be(&k, node);
  return k;
}

bool parse_text_key(std::string_view key, TextKey* out) {
  if (key.size() < 5) return false;
  out->index = load_u32_be(key.data());
  out->term = {};
  out->node = kNoId;
  switch (static_cast<TextKeyKind>(key[4])) {
    case TextKeyKind::kStats:
      out->kind = TextKeyKind::kStats;
      return key.size() == 5;
    case TextKeyKind::kDocument:
      out->kind = TextKeyKind::kDocument;
      if (key.size() != 5 + 8) return false;
      out->node = load_u64_be(key.data() + 5);
      return true;
    case TextKeyKind::kPosting: {
      out->kind = TextKeyKind::kPosting;
      // term (at least one byte, no 00) · 00 · node(u64)
      if (key.size() < 5 + 1 + 1 + 8 || key[key.size() - 9] != '\0') return false;
      out->term = key.substr(5, key.size() - 5 - 9);
      if (out->term.find('\0') != std::string_view::npos) return false;
      out->node = load_u64_be(key.data() + key.size() - 8);
      return true;
    }
  }
  return false;
}

}  // namespace mlkg::storage

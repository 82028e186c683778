#include "engine/storage/fulltext_index.hpp"

#include <limits>

#include "engine/storage/key_codec.hpp"
#include "engine/storage/record_codec.hpp"

namespace mlkg::storage {

std::optional<FulltextDocument> fulltext_document(const TextAnalyzer& analyzer, const FulltextIndexDefinition& def,
                                                  const NodeRecord& node) {
  if (!def.covers(node.labels)) return std::nullopt;
  std::vector<std::string_view> texts;
  for (PropertyKeyId key : def.keys) {
    const Value* v = find_property(node.properties, key);
    if (!v) continue;
    if (v->is_string()) {
      texts.push_back(v->as_string());
    } else if (v->is_list()) {
      for (const Value& e : v->as_list())
        if (e.is_string()) texts.push_back(e.as_string());
    }
  }
  if (texts.empty()) return std::nullopt;
  return analyzer.analyze(texts);
}

Status missing_text_analyzer() {
  return Status::not_supported("this database has full-text indexes, but it was opened without a text analyzer");
}

bool fulltext_input_changed(const FulltextIndexDefinition& def, const NodeRecord* before, const NodeRecord* after) {
  const bool was = before && def.covers(before->labels);
  const bool is = after && def.covers(after->labels);
  if (!was && !is) return false;
  if (was != is) return true;
  for (PropertyKeyId key : def.keys) {
    const Value* a = find_property(before->properties, key);
    const Value* b = find_property(after->properties, key);
    if ((a == nullptr) != (b == nullptr)) return true;
    if (a && !(*a == *b)) return true;
  }
  return false;
}

// ---------------------------------------------------------------- values

std::string encode_posting(const std::vector<uint32_t>& positions) {
  std::string out;
  put_varint(&out, positions.size());
  uint32_t previous = 0;
  for (uint32_t p : positions) {
    put_varint(&out, p - previous);
    previous = p;
  }
  return out;
}

bool decode_posting(std::string_view in, std::vector<uint32_t>* positions) {
  positions->clear();
  uint64_t tf;
  if (!get_varint(&in, &tf) || tf == 0 || tf > in.size()) return false;  // each delta takes a byte at least
  uint64_t position = 0;
  for (uint64_t i = 0; i < tf; ++i) {
    uint64_t delta;
    if (!get_varint(&in, &delta)) return false;
    position += delta;
    if (position > std::numeric_limits<uint32_t>::max()) return false;
    positions->push_back(static_cast<uint32_t>(position));
  }
  return in.empty();
}

std::string encode_document_length(uint32_t length) {
  std::string out;
  put_varint(&out, length);
  return out;
}

bool decode_document_length(std::string_view in, uint32_t* length) {
  uint64_t v;
  if (!get_varint(&in, &v) || !in.empty() || v > std::numeric_limits<uint32_t>::max()) return false;
  *length = static_cast<uint32_t>(v);
  return true;
}

std::string encode_fulltext_stats(const FulltextStats& stats) {
  std::string out;
  put_u64_be(&out, stats.documents);
  put_u64_be(&out, stats.total_length);
  return out;
}

bool decode_fulltext_stats(std::string_view in, FulltextStats* out) {
  if (in.size() != 16) return false;
  out->documents = load_u64_be(in.data());
  out->total_length = load_u64_be(in.data() + 8);
  return true;
}

// ---------------------------------------------------------------- changes

void diff_fulltext_entries(IndexId index, NodeId node, const std::optional<FulltextDocument>& before,
                           const std::optional<FulltextDocument>& after, FulltextEntryChanges* out) {
  if (before == after) return;
  static const FulltextDocument kEmpty;
  const FulltextDocument& old_doc = before ? *before : kEmpty;
  const FulltextDocument& new_doc = after ? *after : kEmpty;
  // Both term maps are sorted: walk them side by side.
  auto o = old_doc.terms.begin();
  auto n = new_doc.terms.begin();
  while (o != old_doc.terms.end() || n != new_doc.terms.end()) {
    if (n == new_doc.terms.end() || (o != old_doc.terms.end() && o->first < n->first)) {
      out->deletes.push_back(text_posting_key(index, o->first, node));
      ++o;
    } else if (o == old_doc.terms.end() || n->first < o->first) {
      out->puts.emplace_back(text_posting_key(index, n->first, node), encode_posting(n->second));
      ++n;
    } else {
      if (o->second != n->second) out->puts.emplace_back(text_posting_key(index, n->first, node), encode_posting(n->second));
      ++o;
      ++n;
    }
  }
  if (after) {
    if (!before || before->length != after->length)
      out->puts.emplace_back(text_document_key(index, node), encode_document_length(after->length));
  } else {
    out->deletes.push_back(text_document_key(index, node));
  }
  out->documents += (after ? 1 : 0) - (before ? 1 : 0);
  out->total_length += static_cast<int64_t>(after ? after->length : 0) - static_cast<int64_t>(before ? before->length : 0);
}

}  // namespace mlkg::storage

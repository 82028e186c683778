#pragma once
// Full-text indexes on disk: which text of a node an index holds, and the
// entries of the `text_idx` family that hold it.
//
// The split: engine/text knows text (the analyzer, a node's document as
// terms and positions, the query syntax, BM25) and nothing of storage;
// this file knows the byte layout and keeps it in step with the nodes. The
// writers (WriteTransaction, BulkWriter) call it with a node's record before
// and after a change and write the entry changes it computes in the same
// batch or ingestion as the record itself, so an index is never stale, not
// even after a crash. The consistency checker uses the same functions to
// recompute what the index should hold.
//
// Layout (keys in key_codec.hpp), per index:
//   index · 'D' · node              -> varint(document length)
//   index · 'P' · term · 00 · node  -> varint(tf) varint(position delta){tf}
//                                     (positions ascending; the first delta
//                                     is from 0)
//   index · 'S'                     -> u64 BE documents · u64 BE total length
//
// A node is a document of an index when it has one of the index's labels
// and at least one of its keys holds a string or a list with a string in
// it (other values are not text and are skipped). Its document length may
// be 0 (only stop words); it still counts as a document. Document frequency
// is not stored: a query scans a term's postings anyway, and their number is
// the frequency. The statistics entry exists from the index's creation on.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/common/status.hpp"
#include "engine/storage/catalog.hpp"
#include "engine/storage/ids.hpp"
#include "engine/storage/text_analyzer.hpp"

namespace mlkg::storage {

// The document `def` makes of `node` with `analyzer`, or nullopt when the
// node is not one of its documents.
std::optional<FulltextDocument> fulltext_document(const TextAnalyzer& analyzer, const FulltextIndexDefinition& def,
                                                  const NodeRecord& node);

// The failure of full-text work in a store opened without a text analyzer.
Status missing_text_analyzer();

// Whether `def`'s document of a node can differ between two states of it
// (null: absent): cheap, it compares labels and the indexed values only.
bool fulltext_input_changed(const FulltextIndexDefinition& def, const NodeRecord* before, const NodeRecord* after);

// ---- values
std::string encode_posting(const std::vector<uint32_t>& positions);
// Decodes a posting; false if malformed (truncated, no positions, trailing
// bytes, or a position beyond 32 bits).
bool decode_posting(std::string_view in, std::vector<uint32_t>* positions);

std::string encode_document_length(uint32_t length);
bool decode_document_length(std::string_view in, uint32_t* length);

struct FulltextStats {
  uint64_t documents = 0;
  uint64_t total_length = 0;  // sum of the documents' lengths
  double average_length() const {
    return documents ? static_cast<double>(total_length) / static_cast<double>(documents) : 0.0;
  }
  bool operator==(const FulltextStats&) const = default;
};
std::string encode_fulltext_stats(const FulltextStats& stats);
bool decode_fulltext_stats(std::string_view in, FulltextStats* out);

// ---- changes
struct FulltextEntryChanges {
  std::vector<std::pair<std::string, std::string>> puts;  // key, value
  std::vector<std::string> deletes;
  int64_t documents = 0;     // change of the statistics' document count
  int64_t total_length = 0;  // change of their total length
};

// Appends to *out the entries that take index `index` from holding node
// `node` as `before` to holding it as `after` (nullopt: not a document).
// Entries that stay the same are left alone.
void diff_fulltext_entries(IndexId index, NodeId node, const std::optional<FulltextDocument>& before,
                           const std::optional<FulltextDocument>& after, FulltextEntryChanges* out);

}  // namespace mlkg::storage

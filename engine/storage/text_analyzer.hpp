#pragma once
// What storage needs from text analysis to keep full-text indexes, and
// nothing more: storage knows the byte layout of an index (fulltext_index.hpp),
// not how text becomes terms.
//
// A TextAnalyzer turns the texts of one node (each indexed string, in the
// index's key order) into the document an index keeps for it. The engine
// gives the store its analyzer when it opens it (OpenOptions::text_analyzer;
// engine/text provides the English one); the same analyzer must analyse the
// queries, or searches would miss. A store opened without one refuses to
// create a full-text index or to write a node that one would hold.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mlkg::storage {

// The document a full-text index keeps for one node.
struct FulltextDocument {
  // term -> its positions, ascending (never empty). Ordered so that the
  // postings of a document are written in key order.
  std::map<std::string, std::vector<uint32_t>> terms;
  uint32_t length = 0;  // the number of terms, what BM25 normalises by
  bool operator==(const FulltextDocument&) const = default;
};

class TextAnalyzer {
 public:
  virtual ~TextAnalyzer() = default;
  // The document of `texts`, in order. Must be deterministic (the consistency
  // check recomputes documents and compares) and must not fail.
  virtual FulltextDocument analyze(const std::vector<std::string_view>& texts) const = 0;
};

}  // namespace mlkg::storage

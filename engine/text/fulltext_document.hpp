#pragma once
// The document a full-text index keeps for one node
// (storage::FulltextDocument): the terms of its indexed text with their
// positions, and its length. engine/storage/fulltext_index decides which
// texts of a node make its document and how the result is laid out on disk;
// it reaches this analysis through the storage::TextAnalyzer interface.
//
// A node's document is the concatenation of several texts (each indexed
// property, each string of a list property), analysed with the analyzer
// (analyzer.hpp) that also analyses queries. Positions number the words of
// the whole document; each text starts kTextGap positions after the last
// word of the one before, so a phrase never matches across two texts (a
// phrase query may not span kTextGap words; fulltext_query.hpp enforces it).
//
//   texts ["Amazon Kinesis", "streams of data"]
//     -> amazon@0 kinesi@1 | stream@(1 + 1 + kTextGap) data@(... + 2)
//   length 4 (stop words are not terms, but they count as positions)

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/storage/text_analyzer.hpp"

namespace mlkg::text {

inline constexpr uint32_t kTextGap = 1024;

// Analyses `texts` in order into one document. Positions saturate at
// UINT32_MAX instead of wrapping (they stay non-decreasing), as does the
// length; no input makes this fail.
storage::FulltextDocument analyze_document(const std::vector<std::string_view>& texts);

// analyze_document as the analyzer a store keeps its full-text indexes with
// (storage::OpenOptions::text_analyzer). Stateless, shared by every store.
std::shared_ptr<const storage::TextAnalyzer> english_text_analyzer();

}  // namespace mlkg::text

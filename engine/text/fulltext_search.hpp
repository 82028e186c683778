#pragma once
// Full-text search: a parsed query (fulltext_query.hpp) run against one
// full-text index (engine/storage/fulltext_index.hpp) through a storage
// transaction, and ranked with BM25 (bm25.hpp, k1 = 1.2, b = 0.75) over the
// index's stored statistics.
//
// Scores, per node:
//  - a term: bm25_term(bm25_idf(N, df), tf, |D|, avgdl), where N and avgdl
//    come from the index's statistics and df is the number of the term's
//    postings;
//  - a phrase: its terms must stand at the phrase's relative positions (the
//    postings keep positions); it scores like one term whose frequency is
//    the number of places the phrase occurs and whose idf is the sum of its
//    terms' (Lucene's PhraseQuery does the same);
//  - a prefix: every indexed term that starts with it scores as a term would
//    (Lucene's scoring rewrite); at most kMaxPrefixTerms terms, beyond which
//    the query is refused as too broad;
//  - a group: the sum of the scores of its matching required and optional
//    clauses, for the nodes it matches (fulltext_query.hpp).
// Hits come best first; equal scores by node id.

#include <cstddef>
#include <functional>
#include <vector>

#include "engine/common/status.hpp"
#include "engine/storage/transaction.hpp"
#include "engine/text/fulltext_query.hpp"

namespace mlkg::text {

inline constexpr size_t kMaxPrefixTerms = 1024;

struct FulltextHit {
  storage::NodeId node = storage::kNoId;
  double score = 0;
};

// Runs `query` on the index `def` as `txn` sees it. `poll` is called now and
// then in long loops (it may throw to cancel). kInvalidArgument when a
// prefix matches too many terms; kCorruption when the index does not decode.
Status search_fulltext(storage::Transaction& txn, const storage::FulltextIndexDefinition& def, const QueryNode& query,
                       const std::function<void()>& poll, std::vector<FulltextHit>* out);

}  // namespace mlkg::text

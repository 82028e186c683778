#pragma once
// BM25 relevance (Robertson and Zaragoza's Okapi BM25, Lucene's and Kùzu's
// default): how well a document matches a query, from each query term's
// frequency in the document, the document's length against the average, and
// how rare the term is in the collection.
//
//   score(D, Q) = sum over q in Q of  w(q) * idf(q) * tf * (k1 + 1) / (tf + k1 * (1 - b + b * |D| / avgdl))
//   idf(q)      = ln(1 + (N - df + 0.5) / (df + 0.5))        (never negative)
//
// w(q) is the query term's weight: 1 for the words a user typed, less for a
// synonym the query was expanded with.
//
// Bm25Corpus is an in-memory collection of analysed documents (see
// analyzer.hpp) that answers queries; the formula is also exposed for an
// index that keeps the same statistics elsewhere.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace mlkg::text {

struct Bm25Params {
  double k1 = 1.2;
  double b = 0.75;
};

// idf of a term found in `df` of `n` documents.
double bm25_idf(uint64_t n, uint64_t df);
// The contribution of one term with frequency `tf` in a document of
// `length` terms, in a collection whose average length is `average_length`.
double bm25_term(double idf, uint32_t tf, uint32_t length, double average_length, const Bm25Params& params = {});

struct WeightedTerm {
  std::string text;     // analysed, as analyze() gives it
  double weight = 1.0;  // how much a match counts
};

class Bm25Corpus {
 public:
  explicit Bm25Corpus(Bm25Params params = {}) : params_(params) {}

  // Adds a document of analysed terms; returns its number (0, 1, 2, ...).
  uint32_t add(const std::vector<std::string>& terms);

  struct Hit {
    uint32_t doc;
    double score;
    std::vector<std::string> matched;  // the query terms it contains, in query order
  };
  // The documents that contain at least one query term, best first (ties by
  // document number). A term repeated in the query counts once, with its
  // largest weight.
  std::vector<Hit> search(const std::vector<WeightedTerm>& query) const;

  // The score of one document (0 when it matches nothing).
  double score(uint32_t doc, const std::vector<WeightedTerm>& query) const;

  size_t size() const { return lengths_.size(); }
  // In how many documents `term` occurs.
  uint64_t document_frequency(const std::string& term) const;

 private:
  struct Posting {
    uint32_t doc;
    uint32_t tf;
  };
  double average_length() const;
  std::vector<WeightedTerm> distinct(const std::vector<WeightedTerm>& query) const;

  Bm25Params params_;
  std::unordered_map<std::string, std::vector<Posting>> postings_;  // each sorted by doc
  std::vector<uint32_t> lengths_;
  uint64_t total_length_ = 0;
};

}  // namespace mlkg::text

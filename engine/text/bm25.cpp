#include "engine/text/bm25.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace mlkg::text {

double bm25_idf(uint64_t n, uint64_t df) {
  const double N = static_cast<double>(n), d = static_cast<double>(df);
  return std::log(1.0 + (N - d + 0.5) / (d + 0.5));
}

double bm25_term(double idf, uint32_t tf, uint32_t length, double average_length, const Bm25Params& p) {
  if (tf == 0) return 0;
  const double f = tf;
  const double norm = average_length > 0 ? static_cast<double>(length) / average_length : 1.0;
  return idf * f * (p.k1 + 1) / (f + p.k1 * (1 - p.b + p.b * norm));
}

uint32_t Bm25Corpus::add(const std::vector<std::string>& terms) {
  const auto doc = static_cast<uint32_t>(lengths_.size());
  std::map<std::string, uint32_t> tf;
  for (const auto& t : terms) ++tf[t];
  for (const auto& [term, n] : tf) postings_[term].push_back({doc, n});
  lengths_.push_back(static_cast<uint32_t>(terms.size()));
  total_length_ += terms.size();
  return doc;
}

double Bm25Corpus::average_length() const {
  return lengths_.empty() ? 0.0 : static_cast<double>(total_length_) / static_cast<double>(lengths_.size());
}

uint64_t Bm25Corpus::document_frequency(const std::string& term) const {
  auto it = postings_.find(term);
  return it == postings_.end() ? 0 : it->second.size();
}

std::vector<WeightedTerm> Bm25Corpus::distinct(const std::vector<WeightedTerm>& query) const {
  std::vector<WeightedTerm> out;
  for (const auto& q : query) {
    auto same = std::find_if(out.begin(), out.end(), [&](const WeightedTerm& o) { return o.text == q.text; });
    if (same == out.end()) out.push_back(q);
    else same->weight = std::max(same->weight, q.weight);
  }
  return out;
}

std::vector<Bm25Corpus::Hit> Bm25Corpus::search(const std::vector<WeightedTerm>& query) const {
  const double avg = average_length();
  std::unordered_map<uint32_t, Hit> hits;
  for (const auto& q : distinct(query)) {
    auto it = postings_.find(q.text);
    if (it == postings_.end()) continue;
    const double idf = bm25_idf(lengths_.size(), it->second.size());
    for (const Posting& p : it->second) {
      Hit& h = hits.try_emplace(p.doc, Hit{p.doc, 0.0, {}}).first->second;
      h.score += q.weight * bm25_term(idf, p.tf, lengths_[p.doc], avg, params_);
      h.matched.push_back(q.text);
    }
  }
  std::vector<Hit> out;
  out.reserve(hits.size());
  for (auto& [doc, h] : hits) out.push_back(std::move(h));
  std::sort(out.begin(), out.end(),
            [](const Hit& a, const Hit& b) { return a.score != b.score ? a.score > b.score : a.doc < b.doc; });
  return out;
}

double Bm25Corpus::score(uint32_t doc, const std::vector<WeightedTerm>& query) const {
  if (doc >= lengths_.size()) return 0;
  const double avg = average_length();
  double total = 0;
  for (const auto& q : distinct(query)) {
    auto it = postings_.find(q.text);
    if (it == postings_.end()) continue;
    auto p = std::lower_bound(it->second.begin(), it->second.end(), doc,
                              [](const Posting& a, uint32_t d) { return a.doc < d; });
    if (p == it->second.end() || p->doc != doc) continue;
    total += q.weight * bm25_term(bm25_idf(lengths_.size(), it->second.size()), p->tf, lengths_[doc], avg, params_);
  }
  return total;
}

}  // namespace mlkg::text

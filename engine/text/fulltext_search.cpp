#include "engine/text/fulltext_search.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "engine/text/bm25.hpp"

namespace mlkg::text {

namespace {

using storage::NodeId;
using Scores = std::unordered_map<NodeId, double>;

// Term-at-a-time evaluation: each leaf becomes the scores of the nodes it
// matches, and groups combine those maps.
class Searcher {
 public:
  Searcher(storage::Transaction& txn, const storage::FulltextIndexDefinition& def, const std::function<void()>& poll)
      : txn_(txn), def_(def), poll_(poll) {}

  Status start() {
    MLKG_RETURN_IF_ERROR(txn_.fulltext_stats(def_.id, &stats_));
    average_ = stats_.average_length();
    return Status();
  }

  Status eval(const QueryNode& n, Scores* out) {
    switch (n.kind) {
      case QueryNode::Kind::kTerm: return term(n.text, out);
      case QueryNode::Kind::kPrefix: return prefix(n.text, out);
      case QueryNode::Kind::kPhrase: return phrase(n, out);
      case QueryNode::Kind::kBoolean: return group(n, out);
    }
    return Status();
  }

 private:
  struct Posting {
    NodeId node;
    uint32_t tf;
  };

  void tick() {
    if ((++ticks_ & 0xff) == 0 && poll_) poll_();
  }

  Status length(NodeId node, uint32_t* out) {
    auto it = lengths_.find(node);
    if (it == lengths_.end()) {
      std::optional<uint32_t> len;
      MLKG_RETURN_IF_ERROR(txn_.fulltext_document_length(def_.id, node, &len));
      if (!len)
        return Status::corruption("full-text index " + def_.name + " has a posting for node " + std::to_string(node) +
                                  " but no document length (run mlkg check)");
      it = lengths_.emplace(node, *len).first;
    }
    *out = it->second;
    return Status();
  }

  // Adds the BM25 contributions of one term's postings to *out.
  Status score_postings(const std::vector<Posting>& postings, double idf, Scores* out) {
    for (const Posting& p : postings) {
      uint32_t len;
      MLKG_RETURN_IF_ERROR(length(p.node, &len));
      (*out)[p.node] += bm25_term(idf, p.tf, len, average_);
    }
    return Status();
  }

  Status term(const std::string& t, Scores* out) {
    std::vector<Posting> postings;
    storage::PostingCursor c = txn_.scan_postings(def_.id, t);
    for (; c.valid(); c.next()) {
      tick();
      postings.push_back({c.node(), c.frequency()});
    }
    MLKG_RETURN_IF_ERROR(c.status());
    return score_postings(postings, bm25_idf(stats_.documents, postings.size()), out);
  }

  Status prefix(const std::string& p, Scores* out) {
    storage::PostingCursor c = txn_.scan_postings_with_prefix(def_.id, p);
    std::string current;
    std::vector<Posting> postings;
    size_t terms = 0;
    auto flush = [&]() -> Status {
      if (postings.empty()) return Status();
      Status s = score_postings(postings, bm25_idf(stats_.documents, postings.size()), out);
      postings.clear();
      return s;
    };
    for (; c.valid(); c.next()) {
      tick();
      if (terms == 0 || c.term() != current) {
        MLKG_RETURN_IF_ERROR(flush());
        if (++terms > kMaxPrefixTerms)
          return Status::invalid_argument("the prefix " + p + "* matches more than " + std::to_string(kMaxPrefixTerms) +
                                          " terms; make it longer");
        current.assign(c.term());
      }
      postings.push_back({c.node(), c.frequency()});
    }
    MLKG_RETURN_IF_ERROR(c.status());
    return flush();
  }

  Status phrase(const QueryNode& n, Scores* out) {
    // The positions of each distinct term, by node.
    std::unordered_map<std::string, std::unordered_map<NodeId, std::vector<uint32_t>>> where;
    double idf = 0;
    for (const auto& [t, offset] : n.phrase) {
      auto [it, fresh] = where.try_emplace(t);
      if (fresh) {
        storage::PostingCursor c = txn_.scan_postings(def_.id, t);
        for (; c.valid(); c.next()) {
          tick();
          it->second.emplace(c.node(), c.positions());
        }
        MLKG_RETURN_IF_ERROR(c.status());
      }
      idf += bm25_idf(stats_.documents, it->second.size());
    }
    // Candidates: the nodes of the rarest term.
    const auto* rarest = &where.begin()->second;
    for (const auto& [t, nodes] : where)
      if (nodes.size() < rarest->size()) rarest = &nodes;
    std::vector<const std::vector<uint32_t>*> list(n.phrase.size());  // each term's positions in one node
    for (const auto& [node, unused] : *rarest) {
      tick();
      bool all = true;
      for (size_t i = 0; i < n.phrase.size() && all; ++i) {
        const auto& nodes = where[n.phrase[i].first];
        auto it = nodes.find(node);
        if (it == nodes.end()) all = false;
        else list[i] = &it->second;
      }
      if (!all) continue;
      uint32_t freq = 0;
      for (uint32_t start : *list[0]) {
        bool match = true;
        for (size_t i = 1; i < n.phrase.size() && match; ++i) {
          const uint64_t want = static_cast<uint64_t>(start) + n.phrase[i].second;
          match = std::binary_search(list[i]->begin(), list[i]->end(), want,
                                     [](uint64_t a, uint64_t b) { return a < b; });
        }
        if (match) ++freq;
      }
      if (freq == 0) continue;
      uint32_t len;
      MLKG_RETURN_IF_ERROR(length(node, &len));
      (*out)[node] += bm25_term(idf, freq, len, average_);
    }
    return Status();
  }

  Status group(const QueryNode& n, Scores* out) {
    std::vector<Scores> must, should, must_not;
    for (const QueryClause& c : n.clauses) {
      Scores s;
      MLKG_RETURN_IF_ERROR(eval(c.node, &s));
      (c.occur == Occur::kMust ? must : c.occur == Occur::kShould ? should : must_not).push_back(std::move(s));
    }
    auto excluded = [&](NodeId node) {
      return std::any_of(must_not.begin(), must_not.end(), [&](const Scores& s) { return s.count(node) > 0; });
    };
    if (!must.empty()) {
      // The smallest required set bounds the result.
      std::sort(must.begin(), must.end(), [](const Scores& a, const Scores& b) { return a.size() < b.size(); });
      for (const auto& [node, score] : must[0]) {
        tick();
        double total = score;
        bool all = true;
        for (size_t i = 1; i < must.size() && all; ++i) {
          auto it = must[i].find(node);
          if (it == must[i].end()) all = false;
          else total += it->second;
        }
        if (!all || excluded(node)) continue;
        for (const Scores& s : should) {
          auto it = s.find(node);
          if (it != s.end()) total += it->second;
        }
        (*out)[node] += total;
      }
      return Status();
    }
    for (const Scores& s : should) {
      for (const auto& [node, score] : s) {
        tick();
        if (!excluded(node)) (*out)[node] += score;
      }
    }
    return Status();
  }

  storage::Transaction& txn_;
  const storage::FulltextIndexDefinition& def_;
  const std::function<void()>& poll_;
  storage::FulltextStats stats_;
  double average_ = 0;
  std::unordered_map<NodeId, uint32_t> lengths_;
  uint64_t ticks_ = 0;
};

}  // namespace

Status search_fulltext(storage::Transaction& txn, const storage::FulltextIndexDefinition& def, const QueryNode& query,
                       const std::function<void()>& poll, std::vector<FulltextHit>* out) {
  out->clear();
  Searcher searcher(txn, def, poll);
  MLKG_RETURN_IF_ERROR(searcher.start());
  Scores scores;
  MLKG_RETURN_IF_ERROR(searcher.eval(query, &scores));
  out->reserve(scores.size());
  for (const auto& [node, score] : scores) out->push_back({node, score});
  std::sort(out->begin(), out->end(), [](const FulltextHit& a, const FulltextHit& b) {
    return a.score != b.score ? a.score > b.score : a.node < b.node;
  });
  return Status();
}

}  // namespace mlkg::text

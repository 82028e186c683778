#pragma once
// Synonyms and acronyms for query expansion: groups of phrases that mean the
// same thing in this domain ("real time", "streaming", "low latency"; "HPO",
// "hyperparameter tuning"). A query that contains one phrase of a group is
// expanded with the terms of the group's other phrases, at a lower weight,
// so a question worded one way finds documents worded another.
//
// Phrases are analysed like any text (analyzer.hpp); a phrase is found in a
// query when its terms occur there at the same distances from each other
// (stop words count), so "speech to text" is found in "turn speech into
// text". The table is data: the syllabus graph keeps it as `Synonym` nodes
// whose `terms` list one group (data/synonyms.pg).

#include <string>
#include <string_view>
#include <vector>

#include "engine/text/analyzer.hpp"
#include "engine/text/bm25.hpp"

namespace mlkg::text {

class SynonymTable {
 public:
  // Adds one group; phrases that analyse to nothing (only stop words) are
  // left out, and a group of fewer than two phrases adds nothing.
  void add_group(const std::vector<std::string>& phrases);
  size_t size() const { return groups_.size(); }

  struct Expansion {
    std::vector<WeightedTerm> terms;  // the query's own terms (weight 1), then the added ones
    // Beside each term: empty for the query's own, else why it was added,
    // "real time ~ streaming" (the phrase found ~ the phrase it brought).
    std::vector<std::string> origin;
  };
  // `query`'s words (weight 1) and the pairs of neighbouring words
  // (bigrams(), at `weight`: a reward for the phrase), then for every group
  // one of whose phrases `query` contains, each other phrase of the group at
  // `weight`: a one-word phrase as its word, a longer one as its pairs of
  // neighbouring words only ("virtual agent" must not find "virtual
  // network"). A term already present keeps its weight.
  Expansion expand(std::string_view query, double weight) const;

 private:
  struct Phrase {
    std::string text;              // as written
    std::vector<Term> terms;       // positions relative to the first term
  };
  std::vector<std::vector<Phrase>> groups_;
};

}  // namespace mlkg::text

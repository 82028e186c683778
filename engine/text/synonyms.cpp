#include "engine/text/synonyms.hpp"

#include <algorithm>
#include <map>

namespace mlkg::text {

namespace {

// Whether `phrase` occurs in `query` (a map from position to term).
bool occurs(const std::vector<Term>& phrase, const std::vector<Term>& query,
            const std::multimap<uint32_t, const Term*>& at) {
  for (const Term& start : query) {
    if (start.text != phrase[0].text) continue;
    bool all = true;
    for (size_t k = 1; k < phrase.size() && all; ++k) {
      const uint32_t want = start.position + phrase[k].position;
      auto [lo, hi] = at.equal_range(want);
      all = std::any_of(lo, hi, [&](const auto& e) { return e.second->text == phrase[k].text; });
    }
    if (all) return true;
  }
  return false;
}

}  // namespace

void SynonymTable::add_group(const std::vector<std::string>& phrases) {
  std::vector<Phrase> group;
  for (const auto& p : phrases) {
    std::vector<Term> terms = analyze(p);
    if (terms.empty()) continue;
    const uint32_t first = terms[0].position;
    for (Term& t : terms) t.position -= first;
    group.push_back({p, std::move(terms)});
  }
  if (group.size() >= 2) groups_.push_back(std::move(group));
}

SynonymTable::Expansion SynonymTable::expand(std::string_view query, double weight) const {
  Expansion out;
  const std::vector<Term> terms = analyze(query);
  std::multimap<uint32_t, const Term*> at;
  for (const Term& t : terms) at.emplace(t.position, &t);
  auto present = [&](const std::string& text) {
    return std::any_of(out.terms.begin(), out.terms.end(), [&](const WeightedTerm& w) { return w.text == text; });
  };
  auto add = [&](const std::string& term, double w, std::string origin) {
    if (present(term)) return;
    out.terms.push_back({term, w});
    out.origin.push_back(std::move(origin));
  };
  for (const Term& t : terms) add(t.text, 1.0, "");
  for (const std::string& pair : bigrams(terms)) add(pair, weight, "");
  for (const auto& group : groups_) {
    auto hit = std::find_if(group.begin(), group.end(), [&](const Phrase& p) { return occurs(p.terms, terms, at); });
    if (hit == group.end()) continue;
    for (const Phrase& p : group) {
      if (p.terms.size() == 1) add(p.terms[0].text, weight, hit->text + " ~ " + p.text);
      for (const std::string& pair : bigrams(p.terms)) add(pair, weight, hit->text + " ~ " + p.text);
    }
  }
  return out;
}

}  // namespace mlkg::text

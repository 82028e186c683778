// Query expansion with synonym groups: phrases found at their distances,
// added phrases as words or word pairs, weights and origins.

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "engine/text/synonyms.hpp"

namespace mlkg::text {
namespace {

double weight_of(const SynonymTable::Expansion& e, const std::string& term) {
  for (const auto& t : e.terms)
    if (t.text == term) return t.weight;
  return 0;
}

TEST_CASE("synonyms: a phrase found in the question brings its group", "[text]") {
  SynonymTable table;
  table.add_group({"speech to text", "transcription", "ASR"});
  table.add_group({"chatbot", "virtual agent"});
  table.add_group({"the", "of"});  // only stop words: nothing to add
  CHECK(table.size() == 2);

  // the words between "speech" and "text" may differ, their distance not
  auto e = table.expand("turn speech into text", 0.5);
  CHECK(weight_of(e, "speech") == 1.0);
  CHECK(weight_of(e, "text") == 1.0);
  CHECK(weight_of(e, "transcript") == 0.5);  // one word: itself (stemmed)
  CHECK(weight_of(e, "asr") == 0.5);
  CHECK(weight_of(e, "speech text") == 0.5);  // the question's own pair of words
  auto origin = std::find(e.origin.begin(), e.origin.end(), "speech to text ~ ASR");
  CHECK(origin != e.origin.end());

  // the words far apart are not the phrase
  e = table.expand("speech about the history of text", 0.5);
  CHECK(weight_of(e, "asr") == 0);

  // a longer phrase comes as its pairs of words, not its single words
  e = table.expand("build a chatbot", 0.5);
  CHECK(weight_of(e, "virtual agent") == 0.5);
  CHECK(weight_of(e, "virtual") == 0);
  CHECK(weight_of(e, "agent") == 0);

  // nothing found: the question alone
  e = table.expand("archive logs", 0.5);
  CHECK(e.terms.size() == 3);  // archive, log, "archive log"
  CHECK(std::all_of(e.origin.begin(), e.origin.end(), [](const std::string& o) { return o.empty(); }));
  CHECK(table.expand("", 0.5).terms.empty());
}

TEST_CASE("synonyms: a term the question has keeps its full weight", "[text]") {
  SynonymTable table;
  table.add_group({"real time", "streaming", "stream"});
  auto e = table.expand("real time stream", 0.5);
  CHECK(weight_of(e, "stream") == 1.0);
  CHECK(weight_of(e, "real") == 1.0);
  size_t streams = std::count_if(e.terms.begin(), e.terms.end(), [](const WeightedTerm& t) { return t.text == "stream"; });
  CHECK(streams == 1);
}

}  // namespace
}  // namespace mlkg::text

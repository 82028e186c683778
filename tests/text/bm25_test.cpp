// BM25: the formula against values worked out by hand, and the corpus's
// ranking, weights and ties.

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "engine/text/bm25.hpp"

namespace mlkg::text {
namespace {

using Strings = std::vector<std::string>;

TEST_CASE("bm25: idf and the term score match the formula", "[text]") {
  // idf = ln(1 + (N - df + 0.5) / (df + 0.5)): N = 4, df = 1 gives ln(1 + 3.5 / 1.5).
  CHECK(bm25_idf(4, 1) == Approx(std::log(1.0 + 3.5 / 1.5)));
  CHECK(bm25_idf(4, 4) > 0);  // never negative, even for a term in every document
  CHECK(bm25_idf(4, 1) > bm25_idf(4, 2));
  // tf = 2, |D| = avgdl: idf * 2 * 2.2 / (2 + 1.2)
  CHECK(bm25_term(1.0, 2, 10, 10.0) == Approx(2 * 2.2 / 3.2));
  // a longer document scores the same tf lower (b = 0.75)
  CHECK(bm25_term(1.0, 2, 20, 10.0) == Approx(2 * 2.2 / (2 + 1.2 * (0.25 + 0.75 * 2))));
  CHECK(bm25_term(1.0, 0, 10, 10.0) == 0);
  // tf saturates: ten times the term is less than ten times the score
  CHECK(bm25_term(1.0, 10, 10, 10.0) < 10 * bm25_term(1.0, 1, 10, 10.0));
}

TEST_CASE("bm25: the corpus ranks by score, rare terms count more", "[text]") {
  Bm25Corpus c;
  c.add({"stream", "data", "s3"});          // 0
  c.add({"stream", "stream", "video"});     // 1
  c.add({"archive", "data", "glacier"});    // 2
  c.add({"data", "warehouse"});             // 3
  REQUIRE(c.size() == 4);
  CHECK(c.document_frequency("data") == 3);
  CHECK(c.document_frequency("nothing") == 0);

  auto hits = c.search({{"stream"}, {"s3"}});
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].doc == 0);  // both terms
  CHECK(hits[0].matched == Strings{"stream", "s3"});
  CHECK(hits[1].doc == 1);
  CHECK(hits[1].matched == Strings{"stream"});
  CHECK(hits[0].score == Approx(c.score(0, {{"stream"}, {"s3"}})));

  // "glacier" (in one document) outweighs "data" (in three)
  hits = c.search({{"data"}, {"glacier"}});
  REQUIRE(hits.size() == 3);
  CHECK(hits[0].doc == 2);
  CHECK(c.search({{"nothing"}}).empty());
  CHECK(c.score(1, {{"data"}}) == 0);
}

TEST_CASE("bm25: weights scale a term, a repeated query term counts once", "[text]") {
  Bm25Corpus c;
  c.add({"a", "b"});
  c.add({"c", "d"});
  const double full = c.score(0, {{"a", 1.0}});
  CHECK(c.score(0, {{"a", 0.5}}) == Approx(full / 2));
  CHECK(c.score(0, {{"a", 1.0}, {"a", 0.5}}) == Approx(full));
  // a weighted-down term loses to a full one of equal rarity
  auto hits = c.search({{"a", 0.5}, {"c", 1.0}});
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].doc == 1);
}

}  // namespace
}  // namespace mlkg::text

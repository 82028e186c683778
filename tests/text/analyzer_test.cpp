// Text analysis: words, case, stop words, stemming, positions.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/text/analyzer.hpp"

namespace mlkg::text {
namespace {

using Strings = std::vector<std::string>;

TEST_CASE("analyzer: words are runs of letters and digits, lower-cased", "[text]") {
  CHECK(analyze_terms("Amazon S3") == Strings{"amazon", "s3"});
  CHECK(analyze_terms("EC2 p4d.24xlarge, Inf2") == Strings{"ec2", "p4d", "24xlarge", "inf2"});
  CHECK(analyze_terms("real-time") == Strings{"real", "time"});
  CHECK(analyze_terms("AWS X-Ray") == Strings{"aws", "x", "ray"});
  CHECK(analyze_terms("snake_case") == Strings{"snake", "case"});
  CHECK(analyze_terms("") == Strings{});
  CHECK(analyze_terms("  ,;-- ") == Strings{});
}

TEST_CASE("analyzer: stop words go, words that matter here stay", "[text]") {
  CHECK(analyze_terms("the data of the model") == Strings{"data", "model"});
  CHECK(analyze_terms("near real time without a server") == Strings{"near", "real", "time", "without", "server"});
  CHECK(is_stop_word("the"));
  CHECK_FALSE(is_stop_word("data"));
  CHECK_FALSE(is_stop_word("low"));
}

TEST_CASE("analyzer: inflections meet, names and acronyms are kept whole", "[text]") {
  // The forms a question and a document use for the same thing.
  CHECK(analyze_terms("labeling labeled labels label") == Strings{"label", "label", "label", "label"});
  CHECK(analyze_terms("streaming streams streamed") == Strings{"stream", "stream", "stream"});
  CHECK(analyze_terms("images image") == Strings{"imag", "imag"});
  CHECK(analyze_terms("transform transformations transforming")[0] == "transform");
  CHECK(analyze_terms("Transcribing transcription")[0] == analyze_terms("transcribe")[0]);
  // Short words and words with digits are not stemmed.
  CHECK(analyze_terms("IoT ETL ML NLP") == Strings{"iot", "etl", "ml", "nlp"});
  CHECK(analyze_terms("S3s") == Strings{"s3s"});
}

TEST_CASE("analyzer: positions count every word, stop words included", "[text]") {
  std::vector<Term> t = analyze("land it in Amazon S3");
  REQUIRE(t.size() == 3);
  CHECK(t[0].text == "land");
  CHECK(t[0].position == 0);
  CHECK(t[1].text == "amazon");
  CHECK(t[1].position == 3);
  CHECK(t[2].position == 4);
  CHECK(t[1].word == "Amazon");  // as written
  CHECK(t[2].word == "S3");
}

TEST_CASE("analyzer: any script, any bytes", "[text]") {
  CHECK(analyze_terms("Übersetzung ÉTÉ") == Strings{"übersetzung", "été"});
  CHECK(analyze_terms("日本語") == Strings{"日本語"});
  // Invalid UTF-8 separates words and never fails.
  CHECK(analyze_terms(std::string("ab\xff" "cd\xc3", 6)) == Strings{"ab", "cd"});
}

}  // namespace
}  // namespace mlkg::text

// The search-text syntax of full-text queries and the documents an index
// keeps (engine/text/fulltext_query.hpp, fulltext_document.hpp): pure text,
// no database.

#include <catch2/catch.hpp>

#include <string>

#include "engine/text/fulltext_document.hpp"
#include "engine/text/fulltext_query.hpp"

using namespace mlkg::text;

namespace {

// The parsed tree in the syntax's normal form, or "error at column N: ...".
std::string parsed(const std::string& text) {
  QueryNode node;
  QuerySyntaxError error;
  if (!parse_fulltext_query(text, &node, &error))
    return "error at column " + std::to_string(error.column) + ": " + error.message;
  return to_string(node);
}

}  // namespace

TEST_CASE("full-text query: words are analysed like documents, and OR is the default", "[fulltext][text]") {
  CHECK(parsed("kinesis") == "kinesi");
  CHECK(parsed("Kinesis Firehose") == "(kinesi firehos)");
  CHECK(parsed("  streaming\tS3  ") == "(stream s3)");
  CHECK(parsed("kinesis OR firehose") == "(kinesi firehos)");
  CHECK(parsed("kinesis || firehose") == "(kinesi firehos)");
  // Lower-case operators are words (stop words, here).
  CHECK(parsed("kinesis or firehose") == "(kinesi firehos)");
  // A word of stop words drops out; all of them leaves a query that matches nothing.
  CHECK(parsed("the kinesis") == "kinesi");
  CHECK(parsed("the of") == "()");
}

TEST_CASE("full-text query: phrases keep their words' distances", "[fulltext][text]") {
  CHECK(parsed("\"real time\"") == "\"real time\"");
  CHECK(parsed("\"speech to text\"") == "\"speech _ text\"");  // the stop word still counts
  CHECK(parsed("\"Kinesis\"") == "kinesi");                     // one word: a term
  CHECK(parsed("\"the\"") == "()");
  // A word the analyzer splits is a phrase.
  CHECK(parsed("real-time") == "\"real time\"");
  CHECK(parsed("\"say \\\"hi\\\" world\"") == "\"say hi world\"");
}

TEST_CASE("full-text query: required, excluded and grouped clauses", "[fulltext][text]") {
  CHECK(parsed("+kinesis -firehose streams") == "(+kinesi -firehos stream)");
  CHECK(parsed("kinesis AND NOT firehose") == "(+kinesi -firehos)");
  CHECK(parsed("kinesis && !firehose") == "(+kinesi -firehos)");
  CHECK(parsed("kinesis NOT firehose") == "(kinesi -firehos)");
  // AND binds tighter than OR.
  CHECK(parsed("stream OR kinesis AND kafka") == "(stream (+kinesi +kafka))");
  CHECK(parsed("stream AND (kinesis OR kafka)") == "(+stream +(kinesi kafka))");
  CHECK(parsed("((kinesis))") == "kinesi");
  // + and - are operators only where a clause starts.
  CHECK(parsed("c++ x-ray") == "(c \"x ray\")");
  CHECK(parsed("\\-kinesis") == "kinesi");
  // A required stop word drops out rather than matching nothing.
  CHECK(parsed("+the kinesis") == "kinesi");
  // Excluding what remains after the words to look for dropped out: nothing.
  CHECK(parsed("the -kinesis") == "()");
}

TEST_CASE("full-text query: a prefix is cut back to the stem the index holds", "[fulltext][text]") {
  CHECK(parsed("labeling*") == "label*");
  CHECK(parsed("Streaming*") == "stream*");
  CHECK(parsed("s3*") == "s3*");
  CHECK(parsed("the*") == "the*");  // stop words are prefixes like any other
  CHECK(parsed("kinesis fire*") == "(kinesi fire*)");
  CHECK(parsed("(fire*)") == "fire*");
}

TEST_CASE("full-text query: malformed text is an error that names its column", "[fulltext][text]") {
  CHECK(parsed("") == "error at column 1: the search text is empty");
  CHECK(parsed("   ") == "error at column 1: the search text is empty");
  CHECK(parsed("kinesis AND") == "error at column 9: expected a word after AND; found the end of the search text");
  CHECK(parsed("AND kinesis") == "error at column 1: AND needs a word before it");
  CHECK(parsed("OR kinesis") == "error at column 1: OR needs a word before it");
  CHECK(parsed("a AND OR b") == "error at column 7: expected a word after AND; found OR");
  CHECK(parsed("(kinesis") == "error at column 1: the group that starts here has no closing ')'");
  CHECK(parsed("kinesis)") == "error at column 8: a ')' without a '(' before it");
  CHECK(parsed("x ()") == "error at column 3: a group '()' needs at least one word");
  CHECK(parsed("x \"real time") == "error at column 3: the phrase that starts here has no closing '\"'");
  CHECK(parsed("+ kinesis") == "error at column 1: '+' must touch the word it applies to, as in +kinesis");
  CHECK(parsed("x -") == "error at column 3: expected a word after '-'; found the end of the search text");
  CHECK(parsed("NOT NOT x") == "error at column 5: two operators in a row: NOT then NOT");
  CHECK(parsed("-kinesis") ==
        "error at column 1: the search text only excludes words ('-x', 'NOT x'); add a word to look for");
  CHECK(parsed("x (NOT y)") ==
        "error at column 3: this group only excludes words ('-x', 'NOT x'); add a word to look for");
  CHECK(parsed("*sis") == "error at column 1: a '*' must end a word (prefix*), not start one");
  CHECK(parsed("ki*sis") ==
        "error at column 3: a '*' may only end a word (prefix*); wildcards inside words are not supported");
  CHECK(parsed("x real-ti*") == "error at column 3: a prefix must be one word of letters and digits, such as kines*");
  CHECK(parsed("\"real time\"*") == "error at column 12: a phrase cannot be a prefix: '*' may only end a word");
  CHECK(parsed("name:kinesis").find("error at column 5: field queries (name:word) are not supported") == 0);
  CHECK(parsed("kinesis~2") == "error at column 8: fuzzy and proximity queries (~) are not supported");
  CHECK(parsed("\"a b\"~2") == "error at column 6: fuzzy and proximity queries (~) are not supported");
  CHECK(parsed("kinesis^2") == "error at column 8: boosts (^) are not supported");
  CHECK(parsed("[a TO b]") == "error at column 1: range queries ([a TO b], {a TO b}) are not supported");
  CHECK(parsed("kinesis\\") == "error at column 8: a '\\' at the end of the search text escapes nothing");
  // Columns count characters, not bytes.
  CHECK(parsed("übung AND") == "error at column 7: expected a word after AND; found the end of the search text");
}

TEST_CASE("full-text query: no input crashes or recurses without bound", "[fulltext][text]") {
  std::string deep(100000, '(');
  CHECK(parsed(deep).find("error at column 65: groups nest more than 64 levels deep") == 0);
  std::string nested = std::string(64, '(') + "x" + std::string(64, ')');
  CHECK(parsed(nested) == "x");
  CHECK(parsed(std::string("\xff\xfe kinesis", 10)) == "kinesi");
  CHECK(parsed(std::string("x\0y", 3)) == "\"x y\"");  // one word the analyzer splits
  std::string many;
  for (int i = 0; i < 10000; ++i) many += "x AND ";
  CHECK(parsed(many + "y").substr(0, 6) == "(+x +x");
}

TEST_CASE("full-text document: texts are analysed in order, with a gap between them", "[fulltext][text]") {
  mlkg::storage::FulltextDocument d = analyze_document({"Amazon Kinesis", "", "the streams of data", "Kinesis"});
  CHECK(d.length == 5);
  CHECK(d.terms.at("amazon") == std::vector<uint32_t>{0});
  // "the" and "of" are not terms but take positions.
  const uint32_t third = 2 + kTextGap;
  CHECK(d.terms.at("stream") == std::vector<uint32_t>{third + 1});
  CHECK(d.terms.at("data") == std::vector<uint32_t>{third + 3});
  CHECK(d.terms.at("kinesi") == std::vector<uint32_t>{1, third + 4 + kTextGap});
  CHECK(analyze_document({}) == mlkg::storage::FulltextDocument{});
  CHECK(analyze_document({"the of"}).length == 0);
}

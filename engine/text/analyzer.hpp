#pragma once
// Text analysis for full-text search and use-case fit: text in, search terms
// out. The same analysis must run over documents and over queries, so that a
// query word meets the documents' forms of it.
//
//   "Streaming IoT telemetry to Amazon S3 in near-real-time"
//     -> stream iot telemetri amazon s3 near real time
//
//  1. Words are the runs of letters and digits (any script; '_' splits). So
//     "real-time" is two words, and "s3", "ec2", "p4d" and "x-ray" ("x",
//     "ray") keep their letters and digits together.
//  2. Each word is lower-cased (Unicode simple case mapping).
//  3. Stop words ("the", "of", "in", "to", "and", ...) are dropped: they match
//     nearly every document and say nothing about a use case.
//  4. A word of letters only, four or more long, is stemmed with the Snowball
//     English (Porter 2) stemmer: "labeling", "labeled", "labels" -> "label".
//     Words with digits ("s3", "p4d") and short words ("iot", "ml", "etl")
//     are kept as they are: they are names and acronyms, not inflections.
//
// Each term keeps the position of its word (stop words count), so a caller
// can match phrases. Thread-safe: the stemmer is per thread.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mlkg::text {

struct Term {
  std::string text;   // the analysed form: "stream"
  uint32_t position;  // the index of its word in the input, stop words included
  std::string word;   // the word as it stands in the input: "Streaming"
};

// The terms of `text`, in order. Invalid UTF-8 is read as U+FFFD, which
// separates words; no input makes it fail.
std::vector<Term> analyze(std::string_view text);

// Just the terms' texts, in order: what most callers need.
std::vector<std::string> analyze_terms(std::string_view text);

// Each pair of neighbouring terms as one term, "real time": an index that
// keeps these beside the words can match two-word phrases ("speech to text"
// gives "speech text", as "speech-to-text" does) and reward proximity.
// Words never contain a space, so the two kinds of term cannot collide.
std::vector<std::string> bigrams(const std::vector<Term>& terms);

// Whether `word` (lower case) is a stop word.
bool is_stop_word(std::string_view word);

}  // namespace mlkg::text

#include "engine/text/analyzer.hpp"

#include <libstemmer.h>

#include <algorithm>
#include <iterator>
#include <memory>

#include "engine/common/unicode.hpp"
#include "engine/common/utf8.hpp"

namespace mlkg::text {

namespace {


// A short English list (articles, pronouns, auxiliaries, prepositions,
// conjunctions). Words that carry meaning in this domain stay out of it:
// "real", "time", "near", "low", "high", "new", "data", "use", "without".
constexpr std::string_view kStopWords[] = {
    "a",     "about", "after", "all",   "also",  "am",    "an",    "and",   "any",   "are",   "as",    "at",
    "be",    "been",  "being", "both",  "but",   "by",    "can",   "could", "did",   "do",    "does",  "doing",
    "each",  "either", "etc",  "for",   "from",  "had",   "has",   "have",  "having", "he",   "her",   "here",
    "him",   "his",   "how",   "i",     "if",    "in",    "into",  "is",    "it",    "its",   "itself", "just",
    "me",    "might", "more",  "most",  "must",  "my",    "of",    "on",    "or",    "our",   "ours",  "she",
    "should", "so",   "some",  "such",  "than",  "that",  "the",   "their", "them",  "then",  "there", "these",
    "they",  "this",  "those", "through", "to",  "too",   "us",    "very",  "was",   "we",    "were",  "what",
    "when",  "where", "which", "while", "who",   "whom",  "why",   "will",  "with",  "would", "you",   "your"};

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

// Snowball's stemmers keep state between calls: one per thread.
sb_stemmer* english_stemmer() {
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(sb_stemmer_new("english", "UTF_8"));
  return stemmer.get();
}

bool letters_only(std::string_view word) {
  return std::none_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string stem(std::string word) {
  if (word.size() < 4 || !letters_only(word)) return word;
  sb_stemmer* stemmer = english_stemmer();
  if (!stemmer) return word;  // out of memory: unstemmed still matches itself
  const sb_symbol* out =
      sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  if (!out) return word;
  return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(sb_stemmer_length(stemmer)));
}

bool is_word_char(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  return unicode::is_letter(cp);  // U+FFFD (invalid UTF-8) is not a letter
}

}  // namespace

bool is_stop_word(std::string_view word) {
  return std::find(std::begin(kStopWords), std::end(kStopWords), word) != std::end(kStopWords);
}

std::vector<Term> analyze(std::string_view text) {
  std::vector<Term> terms;
  std::string word;     // lower-cased
  size_t word_start = 0;  // byte offset of the word in `text`
  uint32_t position = 0;
  auto finish_word = [&](size_t end) {
    if (word.empty()) return;
    if (!is_stop_word(word)) terms.push_back({stem(std::move(word)), position, std::string(text.substr(word_start, end - word_start))});
    word.clear();
    ++position;
  };
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t at = pos;
    const char32_t cp = utf8::decode(text, pos);
    if (is_word_char(cp)) {
      if (word.empty()) word_start = at;
      utf8::append(word, unicode::to_lower(cp));
    } else {
      finish_word(at);
    }
  }
  finish_word(text.size());
  return terms;
}

std::vector<std::string> analyze_terms(std::string_view text) {
  std::vector<std::string> out;
  for (Term& t : analyze(text)) out.push_back(std::move(t.text));
  return out;
}

std::vector<std::string> bigrams(const std::vector<Term>& terms) {
  std::vector<std::string> out;
  for (size_t i = 1; i < terms.size(); ++i) out.push_back(terms[i - 1].text + " " + terms[i].text);
  return out;
}

}  // namespace mlkg::text

#pragma once
// The search text of db.index.fulltext.queryNodes: a subset of Lucene's
// classic query syntax, parsed into a tree of term, phrase, prefix and
// boolean queries whose words are analysed like the indexed documents
// (analyzer.hpp). Pure: nothing here reads an index (fulltext_search.hpp
// does).
//
//   kinesis firehose          either word (OR is the default, as in Lucene and Kùzu)
//   "real time"               a phrase: the words next to each other, in order
//   real-time                 a word the analyzer splits is a phrase too ("real time")
//   +kinesis -firehose        must contain kinesis, must not contain firehose
//   kinesis AND NOT firehose  the same with operators (also && || !)
//   stream AND (kinesis OR kafka)   AND binds tighter than OR; parentheses group
//   kines*                    a prefix: every indexed term that starts with it
//
// Semantics, per group (the whole text, or a parenthesised part): a document
// matches when it matches every required clause (+x, or either side of
// AND), none of the excluded ones (-x, NOT x), and, if nothing is required,
// at least one of the others. Unlike Lucene's classic parser, `a b AND c`
// means a OR (b AND c): AND binds tighter, as in every boolean algebra.
//
// Words: a word is a run of characters other than white space and
// ( ) " * \ (a backslash makes the next character part of the word). + and
// - are operators only at the start of a clause, so "real-time" and "c++"
// are words. Upper-case AND, OR, NOT are operators; lower-case they are
// words (stop words, in fact). A word or phrase that analyses to no terms
// (only stop words) drops out of the query.
//
// Prefixes: `prefix*` is lower-cased and then cut back to the stem the
// analyzer would make of it, because the index holds stems: "labeling*"
// looks for terms starting with "label", "kinesis*" for "kinesi".
//
// Not supported, and an error that says so: field:term (the index searches
// all of its properties as one document), ~ (fuzzy, proximity), ^ (boost),
// [a TO b] and {a TO b} (ranges), and * anywhere but at the end of a word.
// Errors name the column (1-based, in characters) of the offending text.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mlkg::text {

struct QueryNode;

enum class Occur : uint8_t { kShould, kMust, kMustNot };

struct QueryClause;

struct QueryNode {
  enum class Kind : uint8_t { kTerm, kPhrase, kPrefix, kBoolean };
  Kind kind = Kind::kTerm;
  // kTerm: the analysed term; kPrefix: the prefix of terms (already cut
  // back to its stem, see above).
  std::string text;
  // kPhrase: at least two analysed terms, each with its position relative to
  // the first (stop words count: "speech to text" -> speech@0 text@2).
  std::vector<std::pair<std::string, uint32_t>> phrase;
  // kBoolean: its clauses. Either none (a group whose words all dropped
  // out, which matches nothing) or at least one that is not kMustNot.
  std::vector<QueryClause> clauses;
};

struct QueryClause {
  Occur occur = Occur::kShould;
  QueryNode node;
};

struct QuerySyntaxError {
  size_t column = 0;  // 1-based, in characters (code points)
  std::string message;
};

// At most this many groups and operators nest inside each other.
inline constexpr size_t kMaxQueryNesting = 64;

// Parses `text`. On success returns true and sets *out; a text whose words
// all drop out (stop words) gives an empty kBoolean node, which matches
// nothing. On a syntax error returns false and sets *error. No input makes
// it crash or recurse more than kMaxQueryNesting levels.
bool parse_fulltext_query(std::string_view text, QueryNode* out, QuerySyntaxError* error);

// The tree in the query syntax, normalised and with analysed terms:
// `(+kinesi -firehos "real time" stream*)`. For tests and messages.
std::string to_string(const QueryNode& node);

}  // namespace mlkg::text

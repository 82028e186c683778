#pragma once
// Regex: the regular expressions of openCypher's `=~` operator.
//
// The syntax is Java's (java.util.regex), which Neo4j and the openCypher TCK
// use; the matching is RE2's (libre2), which runs in time linear in the text
// and never backtracks, so no pattern can make a query hang. Java's syntax is
// parsed here and translated to RE2's, with the flags applied: `(?i)` folds
// ASCII letters only, `(?iu)` every cased character (simple case mappings
// from unicode.hpp, never the process locale); `.` leaves out Java's line
// terminators (\n \r \u0085 \u2028 \u2029; only \n with d); `$` and `\Z`
// also hold before a line terminator that ends the text ("\r\n" is one).
//
// Supported: literals and escapes (\t \n \r \f \a \e \0oct \xhh \x{h..h}
// \uhhhh \cX \Q..\E), '.', classes with ranges, negation, nesting and &&
// intersection (of Unicode properties too), \d \D \s \S \w \W \h \H \v \V,
// \p{..}/\P{..} for the POSIX ASCII classes (Lower, Upper, ASCII, Alpha,
// Digit, Alnum, Punct, Graph, Print, Blank, Cntrl, XDigit, Space), the
// general categories (L, Lu, IsLu, gc=Lu, ..., and the java/Is spellings of
// the letter classes) and the scripts (IsGreek, sc=Greek), \R, groups
// (capturing, (?:..), (?<name>..)), alternation, greedy and lazy quantifiers
// (* + ? {n} {n,} {n,m}, counts up to 1000, nested counts multiplying to at
// most 1000), anchors ^ $ \A \z \Z \b \B, and the flags i m s u x d as
// (?flags) and (?flags:..).
//
// Not supported (the pattern is rejected, naming the construct): the
// constructs that need backtracking (back-references, look-ahead and
// look-behind, atomic groups, possessive quantifiers, \G), Unicode blocks
// (\p{InGreek}), the categories LC and Cn, and the flag U.
//
// Where RE2 decides, not Java: \b and \B see ASCII word characters only (as
// Java 19 on does without U), and in multiline mode (?m) ^ and $ see only \n
// as the end of a line (as Java does with d), though ^ never holds at the
// very end of the text, as in Java.
//
// Compiled patterns are immutable and thread-safe.

#include <memory>
#include <string_view>

namespace mlkg::query {

class Regex {
 public:
  // Compiles `pattern`. Throws QueryError(ArgumentError, InvalidArgumentValue),
  // naming what is wrong, when it is not a valid Java regular expression,
  // uses an unsupported construct, or is too large for RE2 (its compiled
  // program above RE2's default memory budget of 8 MiB).
  explicit Regex(std::string_view pattern);

  // True when the whole of `text` matches (Java's String.matches). A byte
  // of `text` that is not well-formed UTF-8 matches as U+FFFD. Never throws.
  bool full_match(std::string_view text) const;

  struct Program;  // the RE2 programs (regex.cpp)

 private:
  std::shared_ptr<const Program> program_;
};

// The compiled `pattern`, from a small per-thread cache of recently used
// patterns (a query applies the same pattern to every row). Throws as
// Regex's constructor does.
std::shared_ptr<const Regex> cached_regex(std::string_view pattern);

}  // namespace mlkg::query

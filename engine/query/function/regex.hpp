#pragma once
// Regex: the regular expressions of openCypher's `=~` operator.
//
// The syntax is Java's (java.util.regex), which Neo4j and the openCypher TCK
// use, minus the constructs a finite automaton cannot express. Supported:
// literals and escapes (\t \n \r \f \a \e \0oct \xhh \x{h..h} \uhhhh \cX
// \Q..\E), '.', classes with ranges, negation, nesting and && intersection,
// \d \D \s \S \w \W \h \H \v \V, \p{..}/\P{..} for the POSIX ASCII classes
// (Lower, Upper, ASCII, Alpha, Digit, Alnum, Punct, Graph, Print, Blank,
// Cntrl, XDigit, Space) and the letter classes (L, Lu, Ll and their Is/java
// spellings), \R, groups (capturing, (?:..), (?<name>..)), alternation,
// greedy and lazy quantifiers (* + ? {n} {n,} {n,m}, counts up to 1000),
// anchors ^ $ \A \z \Z \b \B, and the flags i m s u x d as (?flags) and
// (?flags:..). Not supported (the pattern is rejected): back-references,
// look-ahead and look-behind, atomic groups, possessive quantifiers, \G.
//
// Matching is a Thompson NFA simulation over code points: time is linear in
// the text times the size of the compiled pattern, no pattern makes it
// backtrack exponentially, and nothing recurses over the text, so no input
// exhausts the stack. Compiled patterns are immutable and thread-safe.

#include <memory>
#include <string_view>

namespace mlkg::query {

class Regex {
 public:
  // Compiles `pattern`. Throws QueryError(ArgumentError, InvalidArgumentValue)
  // when it is not a valid Java regular expression, uses an unsupported
  // construct, or compiles to more than 100 000 instructions.
  explicit Regex(std::string_view pattern);

  // True when the whole of `text` matches (Java's String.matches).
  bool full_match(std::string_view text) const;

  struct Program;  // the compiled automaton (regex.cpp)

 private:
  std::shared_ptr<const Program> program_;
};

// The compiled `pattern`, from a small per-thread cache of recently used
// patterns (a query applies the same pattern to every row). Throws as
// Regex's constructor does.
std::shared_ptr<const Regex> cached_regex(std::string_view pattern);

}  // namespace mlkg::query

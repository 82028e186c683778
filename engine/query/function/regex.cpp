#include "engine/query/function/regex.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/common/query_error.hpp"
#include "engine/common/unicode.hpp"
#include "engine/common/utf8.hpp"
#include "engine/value/value.hpp"

namespace mlkg::query {

namespace {

constexpr int kMaxRepeat = 1000;
constexpr int kMaxNesting = 200;        // groups and classes inside each other
constexpr size_t kMaxTerms = 64;        // alternatives of one class after && and negation
constexpr size_t kMaxTranslation = 1 << 20;  // bytes of one translated pattern
constexpr size_t kCacheSize = 16;
constexpr char32_t kNoCodePoint = 0xFFFFFFFF;  // "before the start" / "after the end"
constexpr char32_t kMaxCodePoint = 0x10FFFF;
// An RE2 class that matches nothing (RE2 has no other spelling of "never").
constexpr std::string_view kNever = "[^\\x{0}-\\x{10ffff}]";

// Matching flags, as Java spells them in (?imsuxd).
enum Flag : uint8_t {
  kCaseInsensitive = 1,  // i: ASCII letters only, unless u
  kMultiline = 2,        // m: ^ and $ at line boundaries
  kDotAll = 4,           // s: '.' matches line terminators too
  kUnicodeCase = 8,      // u: with i, case-insensitivity beyond ASCII
  kComments = 16,        // x: whitespace and #-comments in the pattern are ignored
  kUnixLines = 32,       // d: only '\n' ends a line
};

bool is_line_terminator(char32_t c, bool unix_lines) {
  if (unix_lines) return c == '\n';
  return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

bool is_ascii_word(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// ---------------------------------------------------------------- sets of characters

// A set of code points: sorted, disjoint and non-adjacent ranges.
struct RangeSet {
  std::vector<std::pair<char32_t, char32_t>> ranges;

  static RangeSet of(std::vector<std::pair<char32_t, char32_t>> r) {
    std::sort(r.begin(), r.end());
    RangeSet set;
    for (const auto& [lo, hi] : r) {
      if (!set.ranges.empty() && lo <= set.ranges.back().second + 1)
        set.ranges.back().second = std::max(set.ranges.back().second, hi);
      else
        set.ranges.emplace_back(lo, hi);
    }
    return set;
  }
  static RangeSet all() { return of({{0, kMaxCodePoint}}); }

  bool empty() const { return ranges.empty(); }
  bool is_all() const { return ranges.size() == 1 && ranges[0].first == 0 && ranges[0].second == kMaxCodePoint; }
  bool contains(char32_t c) const {
    auto it = std::upper_bound(ranges.begin(), ranges.end(), c,
                               [](char32_t x, const std::pair<char32_t, char32_t>& r) { return x < r.first; });
    return it != ranges.begin() && c <= std::prev(it)->second;
  }
  RangeSet operator|(const RangeSet& other) const {
    auto r = ranges;
    r.insert(r.end(), other.ranges.begin(), other.ranges.end());
    return of(std::move(r));
  }
  RangeSet operator&(const RangeSet& other) const {
    RangeSet out;
    for (size_t i = 0, j = 0; i < ranges.size() && j < other.ranges.size();) {
      char32_t lo = std::max(ranges[i].first, other.ranges[j].first);
      char32_t hi = std::min(ranges[i].second, other.ranges[j].second);
      if (lo <= hi) out.ranges.emplace_back(lo, hi);
      (ranges[i].second < other.ranges[j].second) ? ++i : ++j;
    }
    return out;
  }
  RangeSet complement() const {
    RangeSet out;
    char32_t next = 0;
    for (const auto& [lo, hi] : ranges) {
      if (lo > next) out.ranges.emplace_back(next, lo - 1);
      next = hi + 1;
    }
    if (next <= kMaxCodePoint) out.ranges.emplace_back(next, kMaxCodePoint);
    return out;
  }
};

// The code points whose simple case mappings differ from them, with their
// key lower(upper(c)): two characters match each other case-insensitively
// when their keys are equal (Java's UNICODE_CASE rule). Built once, from
// unicode.hpp's tables, never from the process locale.
struct CaseEntry {
  char32_t cp, key;
};

const std::vector<CaseEntry>& case_table() {
  static const std::vector<CaseEntry> table = [] {
    std::vector<CaseEntry> t;
    for (char32_t c = 0; c <= 0x1FFFF; ++c) {  // no cased letter lies above plane 1
      if (c >= 0xD800 && c <= 0xDFFF) continue;
      const char32_t upper = unicode::to_upper(c), lower = unicode::to_lower(c);
      if (upper != c || lower != c) t.push_back({c, unicode::to_lower(upper)});
    }
    return t;
  }();
  return table;
}

// `set` with the characters that match one of its members case-insensitively:
// the ASCII letters only, or (unicode) every cased character.
RangeSet case_fold(const RangeSet& set, bool unicode) {
  std::vector<std::pair<char32_t, char32_t>> added = set.ranges;
  if (!unicode) {
    for (const auto& [lo, hi] : (set & RangeSet::of({{'A', 'Z'}, {'a', 'z'}})).ranges)
      for (char32_t c = lo; c <= hi; ++c) added.emplace_back(c ^ 0x20, c ^ 0x20);
    return RangeSet::of(std::move(added));
  }
  std::vector<char32_t> keys;
  for (const CaseEntry& e : case_table())
    if (set.contains(e.cp)) keys.push_back(e.key);
  std::sort(keys.begin(), keys.end());
  for (const CaseEntry& e : case_table())
    if (std::binary_search(keys.begin(), keys.end(), e.key)) added.emplace_back(e.cp, e.cp);
  return RangeSet::of(std::move(added));
}

// A Unicode property RE2 knows (a general category or a script), or its complement.
struct Property {
  std::string name;
  bool negated = false;
  bool operator==(const Property&) const = default;
};

bool property_contains(const Property& p, char32_t c) {
  std::string text;
  utf8::append(text, c);
  RE2 re("\\p{" + p.name + "}");
  return RE2::FullMatch(text, re) != p.negated;
}

// One alternative of a character set: the characters of `ranges` that have
// every one of `properties`.
struct Term {
  RangeSet ranges = RangeSet::all();
  std::vector<Property> properties;
};

struct ClassTooComplex {};

// A set of characters: the union of its terms. Java's classes nest, negate
// and intersect; RE2's only negate, so the parser evaluates them here, down
// to what one RE2 class (or an alternation of a few) can say.
struct CharSet {
  std::vector<Term> terms;

  static CharSet of(RangeSet ranges) {
    CharSet s;
    if (!ranges.empty()) s.terms.push_back({std::move(ranges), {}});
    return s;
  }
  static CharSet of(char32_t c) { return of(RangeSet::of({{c, c}})); }
  static CharSet of(Property p) {
    CharSet s;
    s.terms.push_back({RangeSet::all(), {std::move(p)}});
    return s;
  }

  bool contains(char32_t c) const {
    for (const Term& t : terms) {
      if (!t.ranges.contains(c)) continue;
      bool all = true;
      for (const Property& p : t.properties) all = all && property_contains(p, c);
      if (all) return true;
    }
    return false;
  }

  // The single code point this set is, or kNoCodePoint.
  char32_t single() const {
    if (terms.size() != 1 || !terms[0].properties.empty() || terms[0].ranges.ranges.size() != 1) return kNoCodePoint;
    const auto& [lo, hi] = terms[0].ranges.ranges[0];
    return lo == hi ? lo : kNoCodePoint;
  }

  // Merges the terms without properties, drops empty and contradictory terms.
  CharSet& normalize() {
    RangeSet plain;
    std::vector<Term> kept;
    for (Term& t : terms) {
      if (t.ranges.empty()) continue;
      if (t.properties.empty()) {
        plain = plain | t.ranges;
        continue;
      }
      std::vector<Property> props;
      bool contradiction = false;
      for (Property& p : t.properties) {
        if (std::find(props.begin(), props.end(), p) != props.end()) continue;
        if (std::find(props.begin(), props.end(), Property{p.name, !p.negated}) != props.end()) contradiction = true;
        props.push_back(std::move(p));
      }
      if (!contradiction) kept.push_back({std::move(t.ranges), std::move(props)});
    }
    terms.clear();
    if (!plain.empty()) terms.push_back({std::move(plain), {}});
    for (Term& t : kept) terms.push_back(std::move(t));
    if (terms.size() > kMaxTerms) throw ClassTooComplex{};
    return *this;
  }
};

CharSet unite(CharSet a, const CharSet& b) {
  a.terms.insert(a.terms.end(), b.terms.begin(), b.terms.end());
  return std::move(a.normalize());
}

CharSet intersect(const CharSet& a, const CharSet& b) {
  if (a.terms.size() * b.terms.size() > kMaxTerms * kMaxTerms) throw ClassTooComplex{};
  CharSet out;
  for (const Term& x : a.terms) {
    for (const Term& y : b.terms) {
      Term t{x.ranges & y.ranges, x.properties};
      t.properties.insert(t.properties.end(), y.properties.begin(), y.properties.end());
      out.terms.push_back(std::move(t));
    }
  }
  return std::move(out.normalize());
}

// Not a: the intersection of the complements of its terms (De Morgan).
CharSet complement(const CharSet& a) {
  CharSet out = CharSet::of(RangeSet::all());
  for (const Term& t : a.terms) {
    CharSet not_t = CharSet::of(t.ranges.complement());
    for (const Property& p : t.properties) not_t = unite(std::move(not_t), CharSet::of(Property{p.name, !p.negated}));
    out = intersect(out, not_t);
  }
  return out;
}

// ---------------------------------------------------------------- RE2 spelling

void append_code_point(std::string& out, char32_t c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
    out += static_cast<char>(c);
  } else {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "\\x{%x}", static_cast<unsigned>(c));
    out += buffer;
  }
}

void append_ranges(std::string& out, const RangeSet& set) {
  for (const auto& [lo, hi] : set.ranges) {
    append_code_point(out, lo);
    if (hi != lo) {
      if (hi > lo + 1) out += '-';
      append_code_point(out, hi);
    }
  }
}

void append_property(std::string& out, const Property& p) { out += (p.negated ? "\\P{" : "\\p{") + p.name + "}"; }

// `set` as one RE2 atom: a literal, a class, or an alternation of classes
// (a term with properties and a range restriction is [^ not-ranges not-properties]).
std::string spell(const CharSet& set) {
  if (char32_t c = set.single(); c != kNoCodePoint) {
    std::string out;
    append_code_point(out, c);
    return out;
  }
  RangeSet plain;
  std::vector<const Property*> items;
  std::vector<std::string> others;
  for (const Term& t : set.terms) {
    if (t.properties.empty()) {
      plain = plain | t.ranges;
    } else if (t.ranges.is_all() && t.properties.size() == 1) {
      items.push_back(&t.properties[0]);
    } else {
      std::string s = "[^";
      append_ranges(s, t.ranges.complement());
      for (const Property& p : t.properties) append_property(s, Property{p.name, !p.negated});
      others.push_back(s + "]");
    }
  }
  std::vector<std::string> alternatives = std::move(others);
  if (!plain.empty() || !items.empty()) {
    std::string s = "[";
    const RangeSet negated = plain.complement();
    if (items.empty() && !negated.empty() && negated.ranges.size() < plain.ranges.size()) {
      s += '^';
      append_ranges(s, negated);
    } else {
      append_ranges(s, plain);
      for (const Property* p : items) append_property(s, *p);
    }
    alternatives.insert(alternatives.begin(), s + "]");
  }
  if (alternatives.empty()) return std::string(kNever);
  if (alternatives.size() == 1) return alternatives[0];
  std::string out = "(?:";
  for (size_t i = 0; i < alternatives.size(); ++i) out += (i ? "|" : "") + alternatives[i];
  return out + ")";
}

// ---------------------------------------------------------------- the pattern as a tree

enum class Assertion : uint8_t {
  kBeginText,            // \A, and ^ without m
  kEndText,              // \z
  kEndTextOrTerminator,  // \Z, and $ without m: the end, or before a final line terminator
  kBeginLine,            // ^ with m
  kEndLine,              // $ with m
  kWordBoundary,         // \b
  kNotWordBoundary,      // \B
};

struct Node;
using NodePtr = std::shared_ptr<const Node>;  // immutable, shared by the end-of-text variants

struct Node {
  enum class Kind : uint8_t { kEmpty, kNever, kChars, kConcat, kAlternate, kRepeat, kAssert };
  Kind kind = Kind::kEmpty;
  Assertion assertion{};    // kAssert
  bool unix_lines = false;  // kAssert: (?d), only '\n' ends a line
  int min = 0, max = 0;     // kRepeat; max -1: unbounded
  CharSet chars;            // kChars: one character of this set
  std::vector<NodePtr> children;
};

NodePtr make(Node n) { return std::make_shared<const Node>(std::move(n)); }

NodePtr empty_node() {
  static const NodePtr empty = make(Node{});
  return empty;
}

NodePtr never_node() {
  static const NodePtr never = make(Node{Node::Kind::kNever});
  return never;
}

NodePtr chars_node(CharSet chars) {
  Node n{Node::Kind::kChars};
  n.chars = std::move(chars);
  return make(std::move(n));
}

NodePtr assert_node(Assertion a, bool unix_lines) {
  Node n{Node::Kind::kAssert};
  n.assertion = a;
  n.unix_lines = unix_lines;
  return make(std::move(n));
}

NodePtr concat(std::vector<NodePtr> items) {
  std::vector<NodePtr> kept;
  for (NodePtr& item : items) {
    if (item->kind == Node::Kind::kNever) return never_node();
    if (item->kind != Node::Kind::kEmpty) kept.push_back(std::move(item));
  }
  if (kept.empty()) return empty_node();
  if (kept.size() == 1) return kept[0];
  Node n{Node::Kind::kConcat};
  n.children = std::move(kept);
  return make(std::move(n));
}

NodePtr alternate(std::vector<NodePtr> items) {
  std::vector<NodePtr> kept;
  for (NodePtr& item : items)
    if (item->kind != Node::Kind::kNever) kept.push_back(std::move(item));
  if (kept.empty()) return never_node();
  if (kept.size() == 1) return kept[0];
  Node n{Node::Kind::kAlternate};
  n.children = std::move(kept);
  return make(std::move(n));
}

NodePtr repeat(NodePtr body, int min, int max) {
  if (max == 0) return empty_node();
  if (min == 1 && max == 1) return body;
  Node n{Node::Kind::kRepeat};
  n.min = min;
  n.max = max;
  n.children.push_back(std::move(body));
  return make(std::move(n));
}

bool contains_assertion(const Node& n, Assertion a) {
  if (n.kind == Node::Kind::kAssert) return n.assertion == a;
  for (const NodePtr& child : n.children)
    if (contains_assertion(*child, a)) return true;
  return false;
}

// ---------------------------------------------------------------- Java syntax

[[noreturn]] void invalid(std::string_view pattern, const std::string& why) {
  throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentValue,
                   "invalid regular expression " + quote_cypher_string(pattern) + ": " + why);
}

// Recursive descent over the pattern's code points, into a tree with the
// flags already applied: case-insensitivity folded into the character sets,
// '.' and the anchors resolved to what their flags make them. Nesting is
// bounded by kMaxNesting, so a hostile pattern cannot exhaust the stack.
class Parser {
 public:
  explicit Parser(std::string_view pattern) : source_(pattern) {
    for (size_t pos = 0; pos < pattern.size();) p_ += utf8::decode(pattern, pos);
  }

  NodePtr parse() {
    NodePtr root = parse_alternation();
    if (!at_end()) fail("unmatched ')'");
    return root;
  }

 private:
  struct Escape {
    enum class Kind { kCodePoint, kSet, kAssert, kQuote, kLinebreak } kind;
    char32_t cp = 0;
    CharSet set;
    Assertion assertion{};
  };

  [[noreturn]] void fail(const std::string& why) const { invalid(source_, why + " at index " + std::to_string(pos_)); }
  bool at_end() const { return pos_ >= p_.size(); }
  char32_t peek(size_t ahead = 0) const { return pos_ + ahead < p_.size() ? p_[pos_ + ahead] : kNoCodePoint; }
  char32_t next() {
    if (at_end()) fail("unexpected end of pattern");
    return p_[pos_++];
  }
  void enter() {
    if (++depth_ > kMaxNesting) fail("nesting too deep");
  }

  // The characters that match `set` under the current flags.
  RangeSet folded(const RangeSet& set) const {
    if (!(flags_ & kCaseInsensitive)) return set;
    return case_fold(set, flags_ & kUnicodeCase);
  }
  CharSet literal(char32_t c) const { return CharSet::of(folded(RangeSet::of({{c, c}}))); }

  // In comments mode (x), skips whitespace and #-comments.
  void skip_comments() {
    if (!(flags_ & kComments)) return;
    while (!at_end()) {
      char32_t c = peek();
      if (c == ' ' || (c >= '\t' && c <= '\r')) {
        ++pos_;
      } else if (c == '#') {
        while (!at_end() && !is_line_terminator(peek(), flags_ & kUnixLines)) ++pos_;
      } else {
        break;
      }
    }
  }

  NodePtr parse_alternation() {
    std::vector<NodePtr> branches{parse_sequence()};
    while (peek() == '|') {
      ++pos_;
      branches.push_back(parse_sequence());
    }
    if (branches.size() == 1) return branches[0];
    Node alt{Node::Kind::kAlternate};
    alt.children = std::move(branches);  // kept as written: an empty branch stays
    return make(std::move(alt));
  }

  NodePtr parse_sequence() {
    std::vector<NodePtr> items;
    for (;;) {
      skip_comments();
      if (at_end() || peek() == '|' || peek() == ')') break;
      NodePtr atom = parse_atom();
      skip_comments();
      items.push_back(parse_quantifier(std::move(atom)));
    }
    return concat(std::move(items));
  }

  // `atom`, repeated when a quantifier follows.
  NodePtr parse_quantifier(NodePtr atom) {
    int min, max;
    char32_t c = peek();
    if (c == '*') {
      min = 0, max = -1, ++pos_;
    } else if (c == '+') {
      min = 1, max = -1, ++pos_;
    } else if (c == '?') {
      min = 0, max = 1, ++pos_;
    } else if (c == '{') {
      ++pos_;
      min = parse_count();
      max = min;
      if (peek() == ',') {
        ++pos_;
        max = peek() == '}' ? -1 : parse_count();
      }
      if (next() != '}') fail("unclosed counted repetition");
      if (max != -1 && max < min) fail("illegal repetition range");
    } else {
      return atom;
    }
    if (peek() == '?') {
      ++pos_;  // lazy: the same language, and a full match only asks whether one exists
    } else if (peek() == '+') {
      fail("possessive quantifiers are not supported");
    }
    Node n{Node::Kind::kRepeat};
    n.min = min;
    n.max = max;
    n.children.push_back(std::move(atom));
    return make(std::move(n));
  }

  int parse_count() {
    if (!(peek() >= '0' && peek() <= '9')) fail("illegal repetition");
    int n = 0;
    while (peek() >= '0' && peek() <= '9') {
      n = n * 10 + static_cast<int>(p_[pos_++] - '0');
      if (n > kMaxRepeat) fail("repetition count above " + std::to_string(kMaxRepeat));
    }
    return n;
  }

  NodePtr parse_atom() {
    char32_t c = next();
    switch (c) {
      case '(': return parse_group();
      case '[': return chars_node(class_or_fail());
      case '.': return chars_node(dot());
      case '^':
        return assert_node((flags_ & kMultiline) ? Assertion::kBeginLine : Assertion::kBeginText, flags_ & kUnixLines);
      case '$':
        return assert_node((flags_ & kMultiline) ? Assertion::kEndLine : Assertion::kEndTextOrTerminator,
                           flags_ & kUnixLines);
      case '\\': return escape_node(parse_escape(false));
      case '*':
      case '+':
      case '?': --pos_, fail("dangling meta character '" + std::string(1, static_cast<char>(c)) + "'");
      case '{': --pos_, fail("illegal repetition");
      default: return chars_node(literal(c));
    }
  }

  // '.': any character but a line terminator, unless s.
  CharSet dot() const {
    if (flags_ & kDotAll) return CharSet::of(RangeSet::all());
    if (flags_ & kUnixLines) return CharSet::of(RangeSet::of({{'\n', '\n'}}).complement());
    return CharSet::of(RangeSet::of({{'\n', '\n'}, {'\r', '\r'}, {0x85, 0x85}, {0x2028, 0x2029}}).complement());
  }

  NodePtr escape_node(Escape e) {
    switch (e.kind) {
      case Escape::Kind::kCodePoint: return chars_node(literal(e.cp));
      case Escape::Kind::kSet: return chars_node(std::move(e.set));
      case Escape::Kind::kAssert: return assert_node(e.assertion, flags_ & kUnixLines);
      case Escape::Kind::kQuote: {
        std::vector<NodePtr> seq;
        for (char32_t q : quoted()) seq.push_back(chars_node(literal(q)));
        return concat(std::move(seq));
      }
      case Escape::Kind::kLinebreak:  // \R: \r\n or one vertical-space character (Java 9 on: not atomic)
        return alternate({concat({chars_node(CharSet::of('\r')), chars_node(CharSet::of('\n'))}),
                          chars_node(CharSet::of(vertical_space()))});
    }
    fail("bad escape");
  }

  // The text after \Q, up to \E or the end of the pattern.
  std::u32string quoted() {
    std::u32string text;
    while (!at_end()) {
      if (peek() == '\\' && peek(1) == 'E') {
        pos_ += 2;
        break;
      }
      text += p_[pos_++];
    }
    return text;
  }

  // After '(': a group, or an inline flag setting (an empty node).
  NodePtr parse_group() {
    enter();
    const uint8_t saved_flags = flags_;
    if (peek() == '?') {
      ++pos_;
      char32_t c = next();
      if (c == '=' || c == '!') fail("look-ahead is not supported");
      if (c == '>') fail("atomic groups are not supported");
      if (c == '<') {
        if (peek() == '=' || peek() == '!') fail("look-behind is not supported");
        parse_group_name();
      } else if (c != ':') {
        --pos_;
        if (parse_flags()) {  // (?flags): for the rest of the enclosing group
          --depth_;
          return empty_node();
        }
      }
    }
    NodePtr body = parse_alternation();
    if (next() != ')') fail("unclosed group");
    flags_ = saved_flags;
    --depth_;
    return body;
  }

  void parse_group_name() {
    auto letter = [](char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (!letter(peek())) fail("a group name must start with a letter");
    while (letter(peek()) || (peek() >= '0' && peek() <= '9')) ++pos_;
    if (next() != '>') fail("named group is missing '>'");
  }

  // Flags after "(?": "i-m)" applies them and returns true; "i-m:" applies
  // them to the group that follows and returns false.
  bool parse_flags() {
    bool on = true;
    for (;;) {
      char32_t c = next();
      uint8_t bit = 0;
      switch (c) {
        case 'i': bit = kCaseInsensitive; break;
        case 'm': bit = kMultiline; break;
        case 's': bit = kDotAll; break;
        case 'u': bit = kUnicodeCase; break;
        case 'x': bit = kComments; break;
        case 'd': bit = kUnixLines; break;
        case 'U':
          --pos_, fail("the flag U (Unicode \\w, \\b and POSIX classes) is not supported");
        case '-':
          if (!on) fail("unknown inline modifier");
          on = false;
          continue;
        case ')': return true;
        case ':': return false;
        default: --pos_, fail("unknown inline modifier");
      }
      flags_ = on ? (flags_ | bit) : (flags_ & ~bit);
    }
  }

  CharSet class_or_fail() {
    try {
      return parse_class();
    } catch (const ClassTooComplex&) {
      fail("character class too complex (too many && and negations of Unicode properties)");
    }
  }

  // After '[': a class up to its ']'. Items unite; '&&' intersects what
  // precedes with what follows; a leading '^' negates the whole.
  CharSet parse_class() {
    enter();
    bool negated = false;
    if (peek() == '^') {
      negated = true;
      ++pos_;
    }
    std::optional<CharSet> left;  // the operands before the last '&&', intersected
    CharSet operand;
    bool has_items = false;
    for (;;) {
      skip_comments();
      if (at_end()) fail("unclosed character class");
      char32_t c = p_[pos_];
      if (c == ']') {
        if (!has_items) fail("empty character class");
        ++pos_;
        break;
      }
      if (c == '[') {
        ++pos_;
        operand = unite(std::move(operand), parse_class());
        has_items = true;
        continue;
      }
      if (c == '&' && peek(1) == '&') {
        pos_ += 2;
        if (!has_items && !left) fail("'&&' needs a left operand");
        left = left ? intersect(*left, operand) : std::move(operand);
        operand = CharSet();
        has_items = false;
        continue;
      }
      ++pos_;
      has_items = true;
      char32_t lo = c;
      if (c == '\\') {
        Escape e = parse_escape(true);
        if (e.kind == Escape::Kind::kSet) {
          operand = unite(std::move(operand), e.set);
          continue;
        }
        if (e.kind == Escape::Kind::kQuote) {
          for (char32_t q : quoted()) operand = unite(std::move(operand), literal(q));
          continue;
        }
        lo = e.cp;
      }
      char32_t hi = lo;
      if (peek() == '-' && peek(1) != ']' && peek(1) != '[' && peek(1) != kNoCodePoint) {
        ++pos_;
        hi = next();
        if (hi == '\\') {
          Escape e = parse_escape(true);
          if (e.kind != Escape::Kind::kCodePoint) fail("illegal character range");
          hi = e.cp;
        }
        if (hi < lo) fail("illegal character range");
      }
      operand = unite(std::move(operand), CharSet::of(folded(RangeSet::of({{lo, hi}}))));
    }
    CharSet result = left ? intersect(*left, operand) : std::move(operand);
    --depth_;
    return negated ? complement(result) : result;
  }

  static RangeSet vertical_space() { return RangeSet::of({{'\n', '\r'}, {0x85, 0x85}, {0x2028, 0x2029}}); }

  // After a backslash.
  Escape parse_escape(bool in_class) {
    if (at_end()) fail("trailing backslash");
    char32_t c = p_[pos_++];
    auto code_point = [](char32_t cp) { return Escape{Escape::Kind::kCodePoint, cp}; };
    auto set = [](const RangeSet& ranges, bool negated) {
      Escape e{Escape::Kind::kSet};
      e.set = CharSet::of(negated ? ranges.complement() : ranges);
      return e;
    };
    auto assertion = [&](Assertion a) {
      if (in_class) fail("a boundary escape inside a character class");
      Escape e{Escape::Kind::kAssert};
      e.assertion = a;
      return e;
    };
    static const RangeSet kDigit = RangeSet::of({{'0', '9'}});
    static const RangeSet kWord = RangeSet::of({{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}});
    static const RangeSet kSpace = RangeSet::of({{'\t', '\r'}, {' ', ' '}});
    static const RangeSet kHorizontal = RangeSet::of({{'\t', '\t'}, {' ', ' '}, {0xA0, 0xA0}, {0x1680, 0x1680},
                                                      {0x180E, 0x180E}, {0x2000, 0x200A}, {0x202F, 0x202F},
                                                      {0x205F, 0x205F}, {0x3000, 0x3000}});
    switch (c) {
      case 't': return code_point('\t');
      case 'n': return code_point('\n');
      case 'r': return code_point('\r');
      case 'f': return code_point('\f');
      case 'a': return code_point(0x07);
      case 'e': return code_point(0x1B);
      case '0': return code_point(parse_octal());
      case 'x': return code_point(parse_hex_escape());
      case 'u': return code_point(parse_unicode_escape());
      case 'c': return code_point(next() ^ 64);
      case 'd': return set(kDigit, false);
      case 'D': return set(kDigit, true);
      case 's': return set(kSpace, false);
      case 'S': return set(kSpace, true);
      case 'w': return set(kWord, false);
      case 'W': return set(kWord, true);
      case 'h': return set(kHorizontal, false);
      case 'H': return set(kHorizontal, true);
      case 'v': return set(vertical_space(), false);
      case 'V': return set(vertical_space(), true);
      case 'p':
      case 'P': {
        Escape e{Escape::Kind::kSet};
        e.set = parse_property();
        if (c == 'P') e.set = complement(e.set);
        return e;
      }
      case 'b': return assertion(Assertion::kWordBoundary);
      case 'B': return assertion(Assertion::kNotWordBoundary);
      case 'A': return assertion(Assertion::kBeginText);
      case 'z': return assertion(Assertion::kEndText);
      case 'Z': return assertion(Assertion::kEndTextOrTerminator);
      case 'Q': return Escape{Escape::Kind::kQuote};
      case 'R':
        if (in_class) fail("\\R inside a character class");
        return Escape{Escape::Kind::kLinebreak};
      case 'G': fail("\\G is not supported");
      case 'k': fail("back-references are not supported");
      default: break;
    }
    if (c >= '1' && c <= '9') fail("back-references are not supported");
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) fail("illegal escape sequence");
    return code_point(c);  // an escaped non-letter stands for itself
  }

  char32_t parse_octal() {
    auto octal = [&](size_t ahead) { return peek(ahead) >= '0' && peek(ahead) <= '7'; };
    if (!octal(0)) fail("illegal octal escape");
    size_t digits = (octal(1) ? (octal(2) && peek() <= '3' ? 3 : 2) : 1);
    char32_t value = 0;
    for (size_t i = 0; i < digits; ++i) value = value * 8 + (p_[pos_++] - '0');
    return value;
  }

  int hex_digit(char32_t c) const {
    if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
    return -1;
  }

  char32_t parse_hex(size_t digits) {
    char32_t value = 0;
    for (size_t i = 0; i < digits; ++i) {
      int d = hex_digit(peek());
      if (d < 0) fail("illegal hexadecimal escape");
      value = value * 16 + static_cast<char32_t>(d);
      ++pos_;
    }
    return value;
  }

  // After \x: two digits, or {digits}.
  char32_t parse_hex_escape() {
    if (peek() != '{') return parse_hex(2);
    ++pos_;
    char32_t value = 0;
    size_t digits = 0;
    for (; hex_digit(peek()) >= 0; ++digits) {
      value = value * 16 + static_cast<char32_t>(hex_digit(p_[pos_++]));
      if (value > kMaxCodePoint) fail("hexadecimal code point above U+10FFFF");
    }
    if (digits == 0 || next() != '}') fail("illegal hexadecimal escape");
    return value;
  }

  // After \u: four digits; a surrogate pair written as two escapes is one code point.
  char32_t parse_unicode_escape() {
    char32_t unit = parse_hex(4);
    if (unit >= 0xD800 && unit <= 0xDBFF && peek() == '\\' && peek(1) == 'u') {
      size_t saved = pos_;
      pos_ += 2;
      char32_t low = parse_hex(4);
      if (low >= 0xDC00 && low <= 0xDFFF) return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
      pos_ = saved;
    }
    return unit;
  }

  // After \p or \P: {Name} or a one-letter name, as the set it names under the current flags.
  CharSet parse_property() {
    std::string name;
    if (peek() == '{') {
      ++pos_;
      while (!at_end() && peek() != '}') {
        if (p_[pos_] >= 0x80) fail("unknown character property");
        name += static_cast<char>(p_[pos_++]);
      }
      if (next() != '}') fail("unclosed character property");
    } else {
      char32_t c = next();
      if (c >= 0x80) fail("unknown character property");
      name = std::string(1, static_cast<char>(c));
    }
    const bool fold = flags_ & kCaseInsensitive;
    // The POSIX classes: ASCII only, as in Java without the U flag.
    static const std::pair<std::string_view, RangeSet> kPosix[] = {
        {"Lower", RangeSet::of({{'a', 'z'}})},
        {"Upper", RangeSet::of({{'A', 'Z'}})},
        {"ASCII", RangeSet::of({{0, 0x7F}})},
        {"Alpha", RangeSet::of({{'A', 'Z'}, {'a', 'z'}})},
        {"Digit", RangeSet::of({{'0', '9'}})},
        {"Alnum", RangeSet::of({{'0', '9'}, {'A', 'Z'}, {'a', 'z'}})},
        {"Punct", RangeSet::of({{'!', '/'}, {':', '@'}, {'[', '`'}, {'{', '~'}})},
        {"Graph", RangeSet::of({{'!', '~'}})},
        {"Print", RangeSet::of({{' ', '~'}})},
        {"Blank", RangeSet::of({{'\t', '\t'}, {' ', ' '}})},
        {"Cntrl", RangeSet::of({{0, 0x1F}, {0x7F, 0x7F}})},
        {"XDigit", RangeSet::of({{'0', '9'}, {'A', 'F'}, {'a', 'f'}})},
        {"Space", RangeSet::of({{'\t', '\r'}, {' ', ' '}})},
    };
    for (const auto& [known, ranges] : kPosix) {
      if (name != known) continue;
      // Java (since 16) folds \p{Lower} and \p{Upper} to both cases under i.
      return CharSet::of(fold && (name == "Lower" || name == "Upper") ? case_fold(ranges, false) : ranges);
    }
    // Java's aliases of the letter categories.
    static const std::pair<std::string_view, std::string_view> kAliases[] = {
        {"IsLetter", "L"},     {"IsAlphabetic", "L"}, {"Alphabetic", "L"},     {"javaLetter", "L"},
        {"IsUppercase", "Lu"}, {"Uppercase", "Lu"},   {"javaUpperCase", "Lu"}, {"IsLowercase", "Ll"},
        {"Lowercase", "Ll"},   {"javaLowerCase", "Ll"}, {"IsDigit", "Nd"},     {"javaDigit", "Nd"},
        {"IsPunctuation", "P"}, {"IsControl", "Cc"},
    };
    std::string category;
    for (const auto& [alias, cat] : kAliases)
      if (name == alias) category = cat;
    // General categories: L, IsL, gc=L, general_category=L (RE2 knows them all but LC and Cn).
    static const std::string_view kCategories[] = {
        "C",  "Cc", "Cf", "Co", "Cs", "L",  "Ll", "Lm", "Lo", "Lt", "Lu", "M",  "Mc", "Me", "Mn", "N",  "Nd", "Nl",
        "No", "P",  "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S",  "Sc", "Sk", "Sm", "So", "Z",  "Zl", "Zp", "Zs"};
    for (std::string_view prefix : {"", "Is", "gc=", "general_category="}) {
      if (!category.empty() || name.compare(0, prefix.size(), prefix) != 0) continue;
      std::string_view rest = std::string_view(name).substr(prefix.size());
      for (std::string_view cat : kCategories)
        if (rest == cat) category = cat;
    }
    if (!category.empty()) {
      if (fold && (category == "Lu" || category == "Ll" || category == "Lt")) {
        // Java (since 16) folds the cased-letter categories into one another under i.
        return unite(unite(CharSet::of(Property{"Lu"}), CharSet::of(Property{"Ll"})), CharSet::of(Property{"Lt"}));
      }
      return CharSet::of(Property{category});
    }
    if (name.rfind("In", 0) == 0 || name.rfind("blk=", 0) == 0 || name.rfind("block=", 0) == 0)
      fail("Unicode blocks (\\p{" + name + "}) are not supported; a script (\\p{IsGreek}) is");
    // Scripts: IsGreek, sc=Greek, script=Greek, in any case.
    for (std::string_view prefix : {"Is", "sc=", "script="}) {
      if (name.compare(0, prefix.size(), prefix) != 0 || name.size() == prefix.size()) continue;
      std::string script;  // as RE2 spells it: Old_Italic (ASCII case mapping, not the locale's)
      bool word_start = true, letters = true;
      for (char ch : name.substr(prefix.size())) {
        const bool upper = ch >= 'A' && ch <= 'Z', lower = ch >= 'a' && ch <= 'z';
        letters = letters && (upper || lower || ch == '_');
        script += (word_start && lower) ? static_cast<char>(ch - 'a' + 'A')
                  : (!word_start && upper) ? static_cast<char>(ch - 'A' + 'a') : ch;
        word_start = ch == '_';
      }
      RE2::Options options;
      options.set_log_errors(false);
      if (letters && RE2("\\p{" + script + "}", options).ok()) return CharSet::of(Property{script});
    }
    fail("unsupported character property '" + name + "'");
  }

  std::string_view source_;
  std::u32string p_;
  size_t pos_ = 0;
  uint8_t flags_ = 0;
  int depth_ = 0;
};

// ---------------------------------------------------------------- the final line terminator
// RE2 has no look-ahead, and Java's $ (and \Z) hold at the end of the text
// and also just before a line terminator that ends it. So a pattern with $
// gets one variant per terminator a text may end with: the pattern's right
// derivative by that terminator, which the text without it must match.
// There, $ is \z (the text's end is where the terminator began), \z is
// never true, and the assertions that fall inside the terminator are decided
// here, where the characters around them are known: this is also where a
// multiline ^ learns that it never holds at the very end, as in Java.

// A position inside the final terminator, or at the very end (next: kNoCodePoint).
struct Position {
  char32_t prev, next;
};

bool holds(const Node& n, const Position& at) {
  switch (n.assertion) {
    case Assertion::kBeginText: return false;  // every position here follows a character of the terminator
    case Assertion::kEndText: return at.next == kNoCodePoint;
    case Assertion::kEndTextOrTerminator:
      // Inside a final "\r\n": only with d, where '\r' is no terminator.
      return at.next == kNoCodePoint || n.unix_lines;
    case Assertion::kBeginLine:  // after '\n' (RE2's multiline ^, see regex.hpp), never at the very end
      return at.prev == '\n' && at.next != kNoCodePoint;
    case Assertion::kEndLine: return at.next == kNoCodePoint || at.next == '\n';
    case Assertion::kWordBoundary:
    case Assertion::kNotWordBoundary: {
      bool boundary = is_ascii_word(at.prev) != (at.next != kNoCodePoint && is_ascii_word(at.next));
      return boundary == (n.assertion == Assertion::kWordBoundary);
    }
  }
  return false;
}

// Whether `n` matches the empty string at `at`.
bool nullable(const Node& n, const Position& at) {
  switch (n.kind) {
    case Node::Kind::kEmpty: return true;
    case Node::Kind::kNever:
    case Node::Kind::kChars: return false;
    case Node::Kind::kAssert: return holds(n, at);
    case Node::Kind::kConcat:
      return std::all_of(n.children.begin(), n.children.end(), [&](const NodePtr& c) { return nullable(*c, at); });
    case Node::Kind::kAlternate:
      return std::any_of(n.children.begin(), n.children.end(), [&](const NodePtr& c) { return nullable(*c, at); });
    case Node::Kind::kRepeat: return n.min == 0 || nullable(*n.children[0], at);
  }
  return false;
}

struct TooComplex {};

// The right derivatives of a pattern: for a character c just before the
// position `after`, the strings w such that w + c matches (whatever follows
// `after` matching the empty string). Each branch a concatenation gains
// copies the pointers of its prefix; a budget bounds them, so a long pattern
// with $ cannot make its variants quadratic.
class Deriver {
 public:
  NodePtr derive(const NodePtr& n, char32_t c, const Position& after) {
    switch (n->kind) {
      case Node::Kind::kEmpty:
      case Node::Kind::kNever:
      case Node::Kind::kAssert: return never_node();
      case Node::Kind::kChars: return n->chars.contains(c) ? empty_node() : never_node();
      case Node::Kind::kAlternate: {
        std::vector<NodePtr> branches;
        for (const NodePtr& child : n->children) branches.push_back(derive(child, c, after));
        return alternate(std::move(branches));
      }
      case Node::Kind::kConcat: {
        // c is consumed by child j, and every child after j matches empty at `after`.
        std::vector<NodePtr> branches;
        const auto& items = n->children;
        for (size_t j = items.size(); j-- > 0;) {
          NodePtr d = derive(items[j], c, after);
          if (d->kind != Node::Kind::kNever) {
            if (j + 1 > budget_) throw TooComplex{};
            budget_ -= j + 1;
            std::vector<NodePtr> seq(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(j));
            seq.push_back(std::move(d));
            branches.push_back(concat(std::move(seq)));
          }
          if (!nullable(*items[j], after)) break;
        }
        return alternate(std::move(branches));
      }
      case Node::Kind::kRepeat: {
        // The iteration that consumes c, after fewer iterations (any number, when
        // the ones after it may all match empty).
        const NodePtr& body = n->children[0];
        NodePtr d = derive(body, c, after);
        if (d->kind == Node::Kind::kNever || n->max == 0) return never_node();
        int min = nullable(*body, after) ? 0 : std::max(n->min - 1, 0);
        int max = n->max == -1 ? -1 : n->max - 1;
        return concat({repeat(body, min, max), std::move(d)});
      }
    }
    return never_node();
  }

 private:
  size_t budget_ = size_t{1} << 20;  // node pointers copied
};

// The terminators a text may end with, as Java counts them ("\r\n" is one),
// and their lengths in UTF-8.
const std::array<std::u32string, 6> kFinalTerminators = {U"\n", U"\r", U"\r\n", U"\u0085", U"\u2028", U"\u2029"};
constexpr std::array<size_t, 6> kFinalTerminatorBytes = {1, 1, 2, 2, 3, 3};

// The index in kFinalTerminators of the terminator `text` ends with, or -1.
int final_terminator(std::string_view text) {
  if (text.empty()) return -1;
  size_t start = text.size() - 1;
  while (start > 0 && text.size() - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  char32_t last;
  if (utf8::sequence_length(text.substr(start), &last) != text.size() - start) return -1;
  switch (last) {
    case '\n': return (text.size() >= 2 && text[text.size() - 2] == '\r') ? 2 : 0;
    case '\r': return 1;
    case 0x85: return 3;
    case 0x2028: return 4;
    case 0x2029: return 5;
    default: return -1;
  }
}

// ---------------------------------------------------------------- RE2 spelling of the tree

class Renderer {
 public:
  // tail: the final terminator the text ends with (the variant), or null (the text ends with none).
  explicit Renderer(const std::u32string* tail) : tail_(tail) {}

  std::string render(const Node& n) {
    std::string out;
    append(out, n);
    return out;
  }

 private:
  void append(std::string& out, const Node& n) {
    if (out.size() > kMaxTranslation) throw TooComplex{};
    switch (n.kind) {
      case Node::Kind::kEmpty: return;
      case Node::Kind::kNever: out += kNever; return;
      case Node::Kind::kChars: out += spell(n.chars); return;
      case Node::Kind::kAssert: out += assertion(n); return;
      case Node::Kind::kConcat:
        for (const NodePtr& child : n.children) {
          if (child->kind == Node::Kind::kAlternate) {
            out += "(?:";
            append(out, *child);
            out += ')';
          } else {
            append(out, *child);
          }
        }
        return;
      case Node::Kind::kAlternate:
        out += "(?:";
        for (size_t i = 0; i < n.children.size(); ++i) {
          if (i) out += '|';
          append(out, *n.children[i]);
        }
        out += ')';
        return;
      case Node::Kind::kRepeat: {
        out += "(?:";
        append(out, *n.children[0]);
        out += ')';
        if (n.max == -1) out += n.min == 0 ? "*" : n.min == 1 ? "+" : "{" + std::to_string(n.min) + ",}";
        else if (n.min == 0 && n.max == 1) out += '?';
        else if (n.min == n.max) out += "{" + std::to_string(n.min) + "}";
        else out += "{" + std::to_string(n.min) + "," + std::to_string(n.max) + "}";
        return;
      }
    }
  }

  std::string assertion(const Node& n) const {
    switch (n.assertion) {
      case Assertion::kBeginText: return "\\A";
      case Assertion::kEndText: return tail_ ? std::string(kNever) : "\\z";
      case Assertion::kEndTextOrTerminator:
        // Where the final terminator starts: with d, only a final "\n" is one.
        if (!tail_ || !n.unix_lines || *tail_ == U"\n") return "\\z";
        return std::string(kNever);
      case Assertion::kBeginLine: return "(?m:^)";
      case Assertion::kEndLine: return "(?m:$)";
      case Assertion::kWordBoundary: return "\\b";
      case Assertion::kNotWordBoundary: return "\\B";
    }
    return "";
  }

  const std::u32string* tail_;
};

std::unique_ptr<const RE2> compile(std::string_view pattern, const std::string& translated) {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  options.set_never_capture(true);
  options.set_case_sensitive(true);  // case-insensitivity is folded into the classes
  auto re = std::make_unique<const RE2>(translated, options);
  if (re->ok()) return re;
  switch (re->error_code()) {
    case RE2::ErrorPatternTooLarge: invalid(pattern, "the pattern is too large");
    case RE2::ErrorRepeatSize: invalid(pattern, "nested repetition counts multiply to more than 1000");
    default: invalid(pattern, "RE2 cannot compile its translation (" + re->error() + ")");
  }
}

bool is_valid_utf8(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    char32_t cp;
    size_t n = utf8::sequence_length(text.substr(pos), &cp);
    if (n == 0) return false;
    pos += n;
  }
  return true;
}

}  // namespace

struct Regex::Program {
  std::unique_ptr<const RE2> base;  // for a text that ends with no line terminator
  // When the pattern has $, \Z or a multiline ^: for a text ending with
  // kFinalTerminators[i], the variant the text without it must match (null: none can).
  std::vector<std::unique_ptr<const RE2>> tails;
};

Regex::Regex(std::string_view pattern) {
  auto program = std::make_shared<Program>();
  NodePtr root = Parser(pattern).parse();
  try {
    program->base = compile(pattern, Renderer(nullptr).render(*root));
    if (contains_assertion(*root, Assertion::kEndTextOrTerminator) || contains_assertion(*root, Assertion::kBeginLine)) {
      for (const std::u32string& tail : kFinalTerminators) {
        Deriver deriver;
        NodePtr head = deriver.derive(root, tail.back(), Position{tail.back(), kNoCodePoint});
        if (tail.size() == 2) head = deriver.derive(head, tail[0], Position{tail[0], tail[1]});
        program->tails.push_back(head->kind == Node::Kind::kNever ? nullptr
                                                                  : compile(pattern, Renderer(&tail).render(*head)));
      }
    }
  } catch (const TooComplex&) {
    invalid(pattern, "the pattern is too large");
  }
  program_ = std::move(program);
}

bool Regex::full_match(std::string_view text) const {
  std::string valid;
  if (!is_valid_utf8(text)) text = valid = utf8::make_valid(text);  // RE2 matches no malformed byte
  const RE2* re = program_->base.get();
  if (!program_->tails.empty()) {
    const int tail = final_terminator(text);
    if (tail >= 0) {
      re = program_->tails[static_cast<size_t>(tail)].get();
      if (!re) return false;
      text.remove_suffix(kFinalTerminatorBytes[static_cast<size_t>(tail)]);
    }
  }
  return RE2::FullMatch(re2::StringPiece(text.data(), text.size()), *re);
}

std::shared_ptr<const Regex> cached_regex(std::string_view pattern) {
  // Most recently used first.
  thread_local std::vector<std::pair<std::string, std::shared_ptr<const Regex>>> cache;
  for (size_t i = 0; i < cache.size(); ++i) {
    if (cache[i].first == pattern) {
      std::rotate(cache.begin(), cache.begin() + static_cast<std::ptrdiff_t>(i),
                  cache.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      return cache.front().second;
    }
  }
  auto regex = std::make_shared<const Regex>(pattern);
  if (cache.size() == kCacheSize) cache.pop_back();
  cache.insert(cache.begin(), {std::string(pattern), regex});
  return regex;
}

}  // namespace mlkg::query

#include "engine/query/function/regex.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/common/query_error.hpp"
#include "engine/common/unicode.hpp"
#include "engine/common/utf8.hpp"
#include "engine/value/value.hpp"

namespace mlkg::query {

namespace {

constexpr size_t kMaxProgramSize = 100000;
constexpr int kMaxRepeat = 1000;
constexpr int kMaxNesting = 200;  // groups and classes inside each other
constexpr size_t kCacheSize = 16;
constexpr char32_t kNoCodePoint = 0xFFFFFFFF;  // "before the start" / "after the end"

// Matching flags, as Java spells them in (?imsuxd).
enum Flag : uint8_t {
  kCaseInsensitive = 1,  // i
  kMultiline = 2,        // m: ^ and $ at line boundaries
  kDotAll = 4,           // s: '.' matches line terminators too
  kUnicodeCase = 8,      // u: case-insensitivity beyond ASCII
  kComments = 16,        // x: whitespace and #-comments in the pattern are ignored
  kUnixLines = 32,       // d: only '\n' ends a line
};

enum class Assertion : uint8_t {
  kBeginText,            // \A, and ^ without m
  kBeginLine,            // ^ with m
  kEndText,              // \z
  kEndTextOrTerminator,  // \Z, and $ without m: the end, or before a final line terminator
  kEndLine,              // $ with m
  kWordBoundary,         // \b
  kNotWordBoundary,      // \B
};

// The predefined sets of \d, \s, \p{..} and friends.
enum class SetKind : uint8_t {
  kDigit, kWord, kSpace, kHorizontalSpace, kVerticalSpace,
  kLower, kUpper, kAscii, kAlpha, kAlnum, kPunct, kGraph, kPrint, kBlank, kCntrl, kXDigit,
  kLetter, kUnicodeUpper, kUnicodeLower,
};

struct CharSet {
  SetKind kind;
  bool negated;
};

// A bracketed class: it matches when one of its ranges, sets or nested
// classes does and every intersection operand does too; `negated` inverts that.
struct CharClass {
  std::vector<std::pair<char32_t, char32_t>> ranges;
  std::vector<CharSet> sets;
  std::vector<CharClass> unions;
  std::vector<CharClass> intersections;
  bool negated = false;

  bool empty() const { return ranges.empty() && sets.empty() && unions.empty(); }
};

bool is_ascii_punct(char32_t c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

bool in_set(SetKind kind, char32_t c) {
  const bool digit = c >= '0' && c <= '9';
  const bool lower = c >= 'a' && c <= 'z';
  const bool upper = c >= 'A' && c <= 'Z';
  switch (kind) {
    case SetKind::kDigit: return digit;
    case SetKind::kWord: return digit || lower || upper || c == '_';
    case SetKind::kSpace: return c == ' ' || (c >= '\t' && c <= '\r');
    case SetKind::kHorizontalSpace:
      return c == ' ' || c == '\t' || c == 0xA0 || c == 0x1680 || c == 0x180E || (c >= 0x2000 && c <= 0x200A) ||
             c == 0x202F || c == 0x205F || c == 0x3000;
    case SetKind::kVerticalSpace: return (c >= '\n' && c <= '\r') || c == 0x85 || c == 0x2028 || c == 0x2029;
    case SetKind::kLower: return lower;
    case SetKind::kUpper: return upper;
    case SetKind::kAscii: return c < 0x80;
    case SetKind::kAlpha: return lower || upper;
    case SetKind::kAlnum: return lower || upper || digit;
    case SetKind::kPunct: return is_ascii_punct(c);
    case SetKind::kGraph: return lower || upper || digit || is_ascii_punct(c);
    case SetKind::kPrint: return c >= 0x20 && c < 0x7F;
    case SetKind::kBlank: return c == ' ' || c == '\t';
    case SetKind::kCntrl: return c < 0x20 || c == 0x7F;
    case SetKind::kXDigit: return digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    case SetKind::kLetter: return unicode::is_letter(c);
    case SetKind::kUnicodeUpper: return unicode::is_upper(c);
    case SetKind::kUnicodeLower: return unicode::is_lower(c);
  }
  return false;
}

char32_t fold_lower(char32_t c, uint8_t flags) {
  if (flags & kUnicodeCase) return unicode::to_lower(c);
  return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

char32_t fold_upper(char32_t c, uint8_t flags) {
  if (flags & kUnicodeCase) return unicode::to_upper(c);
  return (c >= 'a' && c <= 'z') ? c - ('a' - 'A') : c;
}

bool class_matches(const CharClass& cls, char32_t c, uint8_t flags);

bool class_hit(const CharClass& cls, char32_t c, uint8_t flags) {
  auto direct = [&](char32_t x) {
    for (const auto& [lo, hi] : cls.ranges)
      if (x >= lo && x <= hi) return true;
    for (const CharSet& set : cls.sets)
      if (in_set(set.kind, x) != set.negated) return true;
    return false;
  };
  bool hit = direct(c) ||
             ((flags & kCaseInsensitive) && (direct(fold_lower(c, flags)) || direct(fold_upper(c, flags))));
  for (const CharClass& nested : cls.unions) hit = hit || class_matches(nested, c, flags);
  return hit;
}

bool class_matches(const CharClass& cls, char32_t c, uint8_t flags) {
  bool hit = class_hit(cls, c, flags);
  for (const CharClass& operand : cls.intersections) hit = hit && class_matches(operand, c, flags);
  return hit != cls.negated;
}

bool char_matches(char32_t pattern, char32_t c, uint8_t flags) {
  if (pattern == c) return true;
  if (!(flags & kCaseInsensitive)) return false;
  return fold_lower(pattern, flags) == fold_lower(c, flags) || fold_upper(pattern, flags) == fold_upper(c, flags);
}

bool is_line_terminator(char32_t c, uint8_t flags) {
  if (flags & kUnixLines) return c == '\n';
  return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

// The pattern as a tree, before it is compiled to instructions.
struct Node {
  enum class Kind : uint8_t { kEmpty, kChar, kAny, kClass, kConcat, kAlternate, kRepeat, kAssert };
  Kind kind = Kind::kEmpty;
  uint8_t flags = 0;
  uint32_t arg = 0;  // kChar: code point; kClass: class index; kAssert: Assertion
  int min = 0;       // kRepeat
  int max = 0;       // kRepeat; -1: unbounded
  std::vector<Node> children;

  static Node leaf(Kind kind, uint32_t arg, uint8_t flags) {
    Node n;
    n.kind = kind;
    n.arg = arg;
    n.flags = flags;
    return n;
  }
};

enum class Op : uint8_t { kChar, kAny, kClass, kSplit, kJump, kAssert, kMatch };

struct Instruction {
  Op op;
  uint8_t flags;
  uint32_t arg;   // kChar: code point; kClass: class index; kAssert: Assertion; kSplit, kJump: target
  uint32_t arg2;  // kSplit: the other target
};

[[noreturn]] void invalid(std::string_view pattern, const std::string& why) {
  throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentValue,
                   "invalid regular expression " + quote_cypher_string(pattern) + ": " + why);
}

// Recursive descent over the pattern's code points. Nesting is bounded by
// kMaxNesting, so a hostile pattern cannot exhaust the stack either.
class Parser {
 public:
  Parser(std::string_view pattern, std::vector<CharClass>& classes) : source_(pattern), classes_(classes) {
    for (size_t pos = 0; pos < pattern.size();) p_ += utf8::decode(pattern, pos);
  }

  Node parse() {
    Node root = parse_alternation();
    if (!at_end()) fail("unmatched ')'");
    return root;
  }

 private:
  struct Escape {
    enum class Kind { kCodePoint, kSet, kAssert, kQuote, kLinebreak } kind;
    char32_t cp = 0;
    CharSet set{};
    Assertion assertion{};
  };

  [[noreturn]] void fail(const std::string& why) const {
    invalid(source_, why + " at index " + std::to_string(pos_));
  }
  bool at_end() const { return pos_ >= p_.size(); }
  char32_t peek(size_t ahead = 0) const { return pos_ + ahead < p_.size() ? p_[pos_ + ahead] : kNoCodePoint; }
  char32_t next() {
    if (at_end()) fail("unexpected end of pattern");
    return p_[pos_++];
  }
  void enter() {
    if (++depth_ > kMaxNesting) fail("nesting too deep");
  }

  // In comments mode (x), skips whitespace and #-comments.
  void skip_comments() {
    if (!(flags_ & kComments)) return;
    while (!at_end()) {
      char32_t c = peek();
      if (c == ' ' || (c >= '\t' && c <= '\r')) {
        ++pos_;
      } else if (c == '#') {
        while (!at_end() && !is_line_terminator(peek(), flags_)) ++pos_;
      } else {
        break;
      }
    }
  }

  Node parse_alternation() {
    Node first = parse_sequence();
    if (peek() != '|') return first;
    Node alt;
    alt.kind = Node::Kind::kAlternate;
    alt.children.push_back(std::move(first));
    while (peek() == '|') {
      ++pos_;
      alt.children.push_back(parse_sequence());
    }
    return alt;
  }

  Node parse_sequence() {
    Node seq;
    seq.kind = Node::Kind::kConcat;
    for (;;) {
      skip_comments();
      if (at_end() || peek() == '|' || peek() == ')') break;
      Node atom = parse_atom();
      skip_comments();
      parse_quantifier(atom);
      seq.children.push_back(std::move(atom));
    }
    return seq;
  }

  // Wraps `atom` in a repetition when a quantifier follows.
  void parse_quantifier(Node& atom) {
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
      return;
    }
    if (peek() == '?') {
      ++pos_;  // lazy: the same language, and a full match only asks whether one exists
    } else if (peek() == '+') {
      fail("possessive quantifiers are not supported");
    }
    Node repeat;
    repeat.kind = Node::Kind::kRepeat;
    repeat.min = min;
    repeat.max = max;
    repeat.children.push_back(std::move(atom));
    atom = std::move(repeat);
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

  Node parse_atom() {
    char32_t c = next();
    switch (c) {
      case '(': return parse_group();
      case '[': {
        classes_.push_back(parse_class());
        return Node::leaf(Node::Kind::kClass, static_cast<uint32_t>(classes_.size() - 1), flags_);
      }
      case '.': return Node::leaf(Node::Kind::kAny, 0, flags_);
      case '^': {
        Assertion a = (flags_ & kMultiline) ? Assertion::kBeginLine : Assertion::kBeginText;
        return Node::leaf(Node::Kind::kAssert, static_cast<uint32_t>(a), flags_);
      }
      case '$': {
        Assertion a = (flags_ & kMultiline) ? Assertion::kEndLine : Assertion::kEndTextOrTerminator;
        return Node::leaf(Node::Kind::kAssert, static_cast<uint32_t>(a), flags_);
      }
      case '\\': return escape_node(parse_escape(false));
      case '*':
      case '+':
      case '?': --pos_, fail("dangling meta character '" + std::string(1, static_cast<char>(c)) + "'");
      case '{': --pos_, fail("illegal repetition");
      default: return Node::leaf(Node::Kind::kChar, c, flags_);
    }
  }

  Node escape_node(const Escape& e) {
    switch (e.kind) {
      case Escape::Kind::kCodePoint: return Node::leaf(Node::Kind::kChar, e.cp, flags_);
      case Escape::Kind::kSet: {
        CharClass cls;
        cls.sets.push_back(e.set);
        classes_.push_back(std::move(cls));
        return Node::leaf(Node::Kind::kClass, static_cast<uint32_t>(classes_.size() - 1), flags_);
      }
      case Escape::Kind::kAssert: return Node::leaf(Node::Kind::kAssert, static_cast<uint32_t>(e.assertion), flags_);
      case Escape::Kind::kQuote: {
        Node seq;
        seq.kind = Node::Kind::kConcat;
        for (char32_t q : quoted()) seq.children.push_back(Node::leaf(Node::Kind::kChar, q, flags_));
        return seq;
      }
      case Escape::Kind::kLinebreak: {  // \R: \r\n or one vertical-space character
        Node crlf;
        crlf.kind = Node::Kind::kConcat;
        crlf.children.push_back(Node::leaf(Node::Kind::kChar, '\r', 0));
        crlf.children.push_back(Node::leaf(Node::Kind::kChar, '\n', 0));
        CharClass vertical;
        vertical.sets.push_back({SetKind::kVerticalSpace, false});
        classes_.push_back(std::move(vertical));
        Node alt;
        alt.kind = Node::Kind::kAlternate;
        alt.children.push_back(std::move(crlf));
        alt.children.push_back(Node::leaf(Node::Kind::kClass, static_cast<uint32_t>(classes_.size() - 1), 0));
        return alt;
      }
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
  Node parse_group() {
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
          return Node();
        }
      }
    }
    Node body = parse_alternation();
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

  // After '[': a class up to its ']'.
  CharClass parse_class() {
    enter();
    CharClass cls;
    if (peek() == '^') {
      cls.negated = true;
      ++pos_;
    }
    CharClass* operand = &cls;  // where items go: the class, or its last && operand
    for (;;) {
      skip_comments();
      if (at_end()) fail("unclosed character class");
      char32_t c = p_[pos_];
      if (c == ']') {
        if (operand->empty()) fail("empty character class");
        ++pos_;
        break;
      }
      if (c == '[') {
        ++pos_;
        operand->unions.push_back(parse_class());
        continue;
      }
      if (c == '&' && peek(1) == '&') {
        pos_ += 2;
        if (operand->empty() && operand == &cls) fail("'&&' needs a left operand");
        cls.intersections.emplace_back();
        operand = &cls.intersections.back();
        continue;
      }
      ++pos_;
      char32_t lo = c;
      if (c == '\\') {
        Escape e = parse_escape(true);
        if (e.kind == Escape::Kind::kSet) {
          operand->sets.push_back(e.set);
          continue;
        }
        if (e.kind == Escape::Kind::kQuote) {
          for (char32_t q : quoted()) operand->ranges.emplace_back(q, q);
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
      operand->ranges.emplace_back(lo, hi);
    }
    --depth_;
    return cls;
  }

  // After a backslash.
  Escape parse_escape(bool in_class) {
    if (at_end()) fail("trailing backslash");
    char32_t c = p_[pos_++];
    auto code_point = [](char32_t cp) { return Escape{Escape::Kind::kCodePoint, cp}; };
    auto set = [](SetKind kind, bool negated) {
      Escape e{Escape::Kind::kSet};
      e.set = {kind, negated};
      return e;
    };
    auto assertion = [&](Assertion a) {
      if (in_class) fail("a boundary escape inside a character class");
      Escape e{Escape::Kind::kAssert};
      e.assertion = a;
      return e;
    };
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
      case 'd': return set(SetKind::kDigit, false);
      case 'D': return set(SetKind::kDigit, true);
      case 's': return set(SetKind::kSpace, false);
      case 'S': return set(SetKind::kSpace, true);
      case 'w': return set(SetKind::kWord, false);
      case 'W': return set(SetKind::kWord, true);
      case 'h': return set(SetKind::kHorizontalSpace, false);
      case 'H': return set(SetKind::kHorizontalSpace, true);
      case 'v': return set(SetKind::kVerticalSpace, false);
      case 'V': return set(SetKind::kVerticalSpace, true);
      case 'p': return set(parse_property(), false);
      case 'P': return set(parse_property(), true);
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
      if (value > 0x10FFFF) fail("hexadecimal code point above U+10FFFF");
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

  // After \p or \P: {Name} or a one-letter name.
  SetKind parse_property() {
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
    static const std::pair<std::string_view, SetKind> kProperties[] = {
        {"Lower", SetKind::kLower},       {"Upper", SetKind::kUpper},
        {"ASCII", SetKind::kAscii},       {"Alpha", SetKind::kAlpha},
        {"Digit", SetKind::kDigit},       {"Alnum", SetKind::kAlnum},
        {"Punct", SetKind::kPunct},       {"Graph", SetKind::kGraph},
        {"Print", SetKind::kPrint},       {"Blank", SetKind::kBlank},
        {"Cntrl", SetKind::kCntrl},       {"XDigit", SetKind::kXDigit},
        {"Space", SetKind::kSpace},       {"L", SetKind::kLetter},
        {"IsL", SetKind::kLetter},        {"IsLetter", SetKind::kLetter},
        {"IsAlphabetic", SetKind::kLetter}, {"Alphabetic", SetKind::kLetter},
        {"javaLetter", SetKind::kLetter}, {"Lu", SetKind::kUnicodeUpper},
        {"IsLu", SetKind::kUnicodeUpper}, {"IsUppercase", SetKind::kUnicodeUpper},
        {"Uppercase", SetKind::kUnicodeUpper}, {"javaUpperCase", SetKind::kUnicodeUpper},
        {"Ll", SetKind::kUnicodeLower},   {"IsLl", SetKind::kUnicodeLower},
        {"IsLowercase", SetKind::kUnicodeLower}, {"Lowercase", SetKind::kUnicodeLower},
        {"javaLowerCase", SetKind::kUnicodeLower},
    };
    for (const auto& [known, kind] : kProperties)
      if (name == known) return kind;
    fail("unsupported character property '" + name + "'");
  }

  std::string_view source_;
  std::vector<CharClass>& classes_;
  std::u32string p_;
  size_t pos_ = 0;
  uint8_t flags_ = 0;
  int depth_ = 0;
};

// Emits the instructions of a Node tree.
class Compiler {
 public:
  Compiler(std::string_view pattern, std::vector<Instruction>& code) : pattern_(pattern), code_(code) {}

  void compile(const Node& node) {
    switch (node.kind) {
      case Node::Kind::kEmpty: return;
      case Node::Kind::kChar: emit({Op::kChar, node.flags, node.arg, 0}); return;
      case Node::Kind::kAny: emit({Op::kAny, node.flags, 0, 0}); return;
      case Node::Kind::kClass: emit({Op::kClass, node.flags, node.arg, 0}); return;
      case Node::Kind::kAssert: emit({Op::kAssert, node.flags, node.arg, 0}); return;
      case Node::Kind::kConcat:
        for (const Node& child : node.children) compile(child);
        return;
      case Node::Kind::kAlternate: compile_alternation(node); return;
      case Node::Kind::kRepeat: compile_repeat(node); return;
    }
  }

  uint32_t emit(Instruction inst) {
    if (code_.size() >= kMaxProgramSize) invalid(pattern_, "the pattern is too large");
    code_.push_back(inst);
    return static_cast<uint32_t>(code_.size() - 1);
  }

 private:
  uint32_t here() const { return static_cast<uint32_t>(code_.size()); }

  // split L1, next; L1: first; jump end; next: split ...; last; end:
  void compile_alternation(const Node& node) {
    std::vector<uint32_t> jumps;
    for (size_t i = 0; i + 1 < node.children.size(); ++i) {
      uint32_t split = emit({Op::kSplit, 0, 0, 0});
      code_[split].arg = here();
      compile(node.children[i]);
      jumps.push_back(emit({Op::kJump, 0, 0, 0}));
      code_[split].arg2 = here();
    }
    compile(node.children.back());
    for (uint32_t jump : jumps) code_[jump].arg = here();
  }

  // `min` copies, then either a loop or (max - min) optional copies.
  void compile_repeat(const Node& node) {
    const Node& body = node.children.front();
    for (int i = 0; i < node.min; ++i) compile(body);
    if (node.max == -1) {
      uint32_t loop = emit({Op::kSplit, 0, 0, 0});
      code_[loop].arg = here();
      compile(body);
      emit({Op::kJump, 0, loop, 0});
      code_[loop].arg2 = here();
      return;
    }
    std::vector<uint32_t> splits;
    for (int i = node.min; i < node.max; ++i) {
      uint32_t split = emit({Op::kSplit, 0, 0, 0});
      code_[split].arg = here();
      splits.push_back(split);
      compile(body);
    }
    for (uint32_t split : splits) code_[split].arg2 = here();
  }

  std::string_view pattern_;
  std::vector<Instruction>& code_;
};

// A set of instruction indexes with O(1) insert, membership and clear.
class StateSet {
 public:
  explicit StateSet(size_t capacity) : dense_(capacity), sparse_(capacity) {}
  bool contains(uint32_t pc) const { return sparse_[pc] < size_ && dense_[sparse_[pc]] == pc; }
  void insert(uint32_t pc) {
    sparse_[pc] = static_cast<uint32_t>(size_);
    dense_[size_++] = pc;
  }
  void clear() { size_ = 0; }
  size_t size() const { return size_; }
  uint32_t operator[](size_t i) const { return dense_[i]; }

 private:
  std::vector<uint32_t> dense_, sparse_;
  size_t size_ = 0;
};

// Whether `a` holds at byte `pos` of `text`, `prev` being the code point
// before it (kNoCodePoint at the start).
bool assertion_holds(Assertion a, uint8_t flags, std::string_view text, size_t pos, char32_t prev) {
  size_t after = pos;
  const char32_t next = pos < text.size() ? utf8::decode(text, after) : kNoCodePoint;
  const bool at_end = pos == text.size();
  // \r\n is one line terminator: no line boundary falls between its halves.
  const bool inside_crlf = !(flags & kUnixLines) && prev == '\r' && next == '\n';
  auto word = [](char32_t c) { return c != kNoCodePoint && unicode::is_word(c); };
  switch (a) {
    case Assertion::kBeginText: return pos == 0;
    case Assertion::kBeginLine:
      if (at_end) return false;  // as Java and Perl: never at the very end
      return pos == 0 || (is_line_terminator(prev, flags) && !inside_crlf);
    case Assertion::kEndText: return at_end;
    case Assertion::kEndTextOrTerminator:
      if (at_end) return true;
      if (inside_crlf || !is_line_terminator(next, flags)) return false;
      if (next == '\r' && !(flags & kUnixLines) && after < text.size() && text[after] == '\n') ++after;
      return after == text.size();
    case Assertion::kEndLine: return at_end || (is_line_terminator(next, flags) && !inside_crlf);
    case Assertion::kWordBoundary: return word(prev) != word(next);
    case Assertion::kNotWordBoundary: return word(prev) == word(next);
  }
  return false;
}

}  // namespace

struct Regex::Program {
  std::vector<Instruction> code;
  std::vector<CharClass> classes;
};

Regex::Regex(std::string_view pattern) {
  auto program = std::make_shared<Program>();
  Node root = Parser(pattern, program->classes).parse();
  Compiler compiler(pattern, program->code);
  compiler.compile(root);
  compiler.emit({Op::kMatch, 0, 0, 0});
  program_ = std::move(program);
}

bool Regex::full_match(std::string_view text) const {
  const std::vector<Instruction>& code = program_->code;
  StateSet current(code.size()), next(code.size());
  std::vector<uint32_t> stack;
  stack.reserve(code.size());

  // Adds `pc` and everything reachable from it without consuming input.
  auto add = [&](StateSet& set, uint32_t start, size_t pos, char32_t prev) {
    stack.push_back(start);
    while (!stack.empty()) {
      uint32_t pc = stack.back();
      stack.pop_back();
      if (set.contains(pc)) continue;
      set.insert(pc);
      const Instruction& inst = code[pc];
      switch (inst.op) {
        case Op::kJump: stack.push_back(inst.arg); break;
        case Op::kSplit:
          stack.push_back(inst.arg2);
          stack.push_back(inst.arg);
          break;
        case Op::kAssert:
          if (assertion_holds(static_cast<Assertion>(inst.arg), inst.flags, text, pos, prev)) stack.push_back(pc + 1);
          break;
        default: break;  // consumes a character, or matches
      }
    }
  };

  add(current, 0, 0, kNoCodePoint);
  for (size_t pos = 0; pos < text.size();) {
    if (current.size() == 0) return false;
    size_t after = pos;
    const char32_t c = utf8::decode(text, after);
    next.clear();
    for (size_t i = 0; i < current.size(); ++i) {
      const uint32_t pc = current[i];
      const Instruction& inst = code[pc];
      bool consumed = false;
      switch (inst.op) {
        case Op::kChar: consumed = char_matches(inst.arg, c, inst.flags); break;
        case Op::kAny: consumed = (inst.flags & kDotAll) || !is_line_terminator(c, inst.flags); break;
        case Op::kClass: consumed = class_matches(program_->classes[inst.arg], c, inst.flags); break;
        default: break;
      }
      if (consumed) add(next, pc + 1, after, c);
    }
    std::swap(current, next);
    pos = after;
  }
  for (size_t i = 0; i < current.size(); ++i)
    if (code[current[i]].op == Op::kMatch) return true;
  return false;
}

std::shared_ptr<const Regex> cached_regex(std::string_view pattern) {
  // Most recently used first.
  thread_local std::vector<std::pair<std::string, std::shared_ptr<const Regex>>> cache;
  for (size_t i = 0; i < cache.size(); ++i) {
    if (cache[i].first == pattern) {
      std::rotate(cache.begin(), cache.begin() + static_cast<std::ptrdiff_t>(i), cache.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      return cache.front().second;
    }
  }
  auto regex = std::make_shared<const Regex>(pattern);
  if (cache.size() == kCacheSize) cache.pop_back();
  cache.insert(cache.begin(), {std::string(pattern), regex});
  return regex;
}

}  // namespace mlkg::query

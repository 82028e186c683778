// The openCypher parser: PEGTL actions over grammar/cypher.hpp that build the
// AST of engine/query/parser/ast.hpp. This is the only translation unit that
// includes the Cypher grammar.
//
// How the tree is built: the actions work like the value stack of an LR
// parser. Leaf rules push values (expressions, names, small integers such as
// operator codes); a rule that combines a fixed number of values pops them
// and pushes the result; a rule that combines a variable number is "framed":
// when it starts, the control records the height of every stack (a Mark),
// and its action takes what lies above the mark. Patterns and clauses are
// built in place instead: the rule that starts one pushes a fresh object (a
// NodePattern, RelPattern, PatternPart or Clause) and the actions of its
// parts fill in the object at the top of that stack. Anything nested inside
// (a pattern comprehension in a node's property map, an EXISTS subquery in a
// WHERE) is complete and gone from the stacks before the enclosing object's
// next part is read, so "the top of the stack" is always the right object.
//
// Invariants that keep the stacks consistent although PEG alternatives
// backtrack: a framed rule that fails puts every stack back to its mark; a
// rule without a frame fails, if at all, before any action inside it has
// run (later failures are error points, which end the parse). Lookaheads run
// no actions and raise no errors (`ahead<>`; see grammar/cypher.hpp).

#include "engine/query/parser/parser.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include "engine/common/suggest.hpp"
#include "engine/common/utf8.hpp"
#include "grammar/cypher.hpp"
#include "grammar/cypher_errors.hpp"

namespace mlkg::query {
namespace {

namespace pegtl = tao::pegtl;
namespace gr = mlkg::grammar::cypher;
using ast::ClauseKind;
using ast::Expr;
using ast::ExprKind;
using ast::ExprPtr;
using ast::Op;

constexpr uint64_t kInt64MinMagnitude = uint64_t{1} << 63;

// ---------------------------------------------------------------- text helpers

// Line starts of a text, to turn byte offsets into line and column. A line
// break is LF, CRLF or a lone CR.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : begin_(text.data()) {
    starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '\n' || (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) starts_.push_back(i + 1);
    }
  }

  SourcePosition at(const char* p) const {
    const auto offset = static_cast<size_t>(p - begin_);
    const auto line = std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin();
    return {offset, static_cast<size_t>(line), offset - starts_[static_cast<size_t>(line) - 1] + 1};
  }

 private:
  const char* begin_;
  std::vector<size_t> starts_;
};

// What stands at p, for "; found ...": a whole word, one UTF-8 character,
// or a description.
std::string describe_found(const char* p, const char* end) {
  if (p >= end) return "the end of the input";
  const auto c = static_cast<unsigned char>(*p);
  char buf[48];
  if (c == '\n' || c == '\r') return "a line break";
  if (c < 0x20 || c == 0x7F) {
    std::snprintf(buf, sizeof buf, "the control character U+%04X", c);
    return buf;
  }
  pegtl::memory_input<> word(p, end, "");
  if (pegtl::parse<gr::unescaped_name>(word) && word.current() - p <= 40) {
    return '\'' + std::string(p, word.current()) + '\'';
  }
  pegtl::memory_input<> character(p, end, "");
  if (!pegtl::parse<pegtl::utf8::any>(character)) {
    std::snprintf(buf, sizeof buf, "the invalid UTF-8 byte 0x%02X", c);
    return buf;
  }
  return '\'' + std::string(p, character.current()) + '\'';
}

// "; did you mean RETURN?" when the word at p (4 letters or more, so that
// variable names are not taken for keywords) is a misspelt keyword, else "".
std::string keyword_hint(const char* p, const char* end) {
  pegtl::memory_input<> word(p, end, "");
  if (!pegtl::parse<gr::unescaped_name>(word)) return "";
  const std::string_view found(p, static_cast<size_t>(word.current() - p));
  if (found.size() < 4) return "";
  static const std::vector<std::string> kKeywords = {
      "MATCH",   "OPTIONAL MATCH", "WHERE",    "RETURN",    "WITH",      "UNWIND",     "ORDER BY", "SKIP",
      "LIMIT",   "CREATE",         "MERGE",    "SET",       "DELETE",    "DETACH DELETE", "REMOVE", "CALL",
      "YIELD",   "UNION",          "DISTINCT", "CONTAINS",  "STARTS WITH", "ENDS WITH", "EXPLAIN", "PROFILE",
      "ASCENDING", "DESCENDING",   "CASE",     "WHEN",      "THEN",      "ELSE",       "NULL",     "OPTIONAL",
      "FULLTEXT",  "INDEX",        "INDEXES",  "CONSTRAINT", "CONSTRAINTS", "REQUIRE",  "UNIQUE"};
  for (const auto& k : kKeywords) {
    // Already a keyword (in any case): the problem is elsewhere.
    if (k.size() == found.size() && std::equal(k.begin(), k.end(), found.begin(), [](char a, char b) {
          return std::toupper(static_cast<unsigned char>(a)) == std::toupper(static_cast<unsigned char>(b));
        }))
      return "";
  }
  std::string upper(found);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto match = closest_match(upper, kKeywords);
  // "ORDERBY" for "ORDER BY": the same letters without the space.
  if (!match)
    for (const auto& k : kKeywords)
      if (k.find(' ') != std::string::npos) {
        std::string joined = k;
        joined.erase(std::remove(joined.begin(), joined.end(), ' '), joined.end());
        if (joined == upper) match = k;
      }
  return match ? "; did you mean " + *match + "?" : "";
}

// Skips whitespace and comments from p.
const char* skip_whitespace(const char* p, const char* end) {
  pegtl::memory_input<> in(p, end, "");
  (void)pegtl::parse<gr::ws>(in);
  return in.current();
}


uint32_t hex_value(const char* p, int digits) {
  uint32_t v = 0;
  for (int i = 0; i < digits; ++i) {
    const char c = p[i];
    v = v * 16 + static_cast<uint32_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
  }
  return v;
}

// A name token as the grammar matched it: `quoted` (doubled backticks
// undone) or plain.
std::string decode_name(const char* b, const char* e) {
  if (b == e || *b != '`') return std::string(b, e);
  std::string out;
  for (const char* p = b + 1; p < e - 1; ++p) {
    out += *p;
    if (*p == '`') ++p;  // the grammar guarantees a doubled backtick here
  }
  return out;
}

// A dotted name (function or procedure): its parts decoded, joined by '.'.
std::string decode_dotted_name(const char* b, const char* e) {
  std::string out;
  while (b < e) {
    const char* part_end = b;
    if (*b == '`') {
      ++part_end;
      while (part_end < e && !(*part_end == '`' && (part_end + 1 == e || part_end[1] != '`'))) {
        part_end += *part_end == '`' ? 2 : 1;
      }
      ++part_end;
    } else {
      while (part_end < e && *part_end != '.') ++part_end;
    }
    out += decode_name(b, part_end);
    b = part_end;
    if (b < e) {
      out += '.';
      ++b;
    }
  }
  return out;
}

// ---------------------------------------------------------------- builder

// An expression on the value stack with the depth of its tree.
struct Slot {
  ExprPtr expr;
  uint32_t depth = 0;
};

// The heights of every stack when a framed rule started.
struct Mark {
  size_t exprs, names, ints, nodes, rels, parts, clauses, singles, queries, statements, predicates;
};

class Builder {
 public:
  explicit Builder(std::string_view text) : begin_(text.data()), end_(text.data() + text.size()), lines_(text) {}

  // ------------------------------------------------ errors and positions
  SourcePosition position(const char* p) const { return lines_.at(p); }

  [[noreturn]] void fail(const char* where, ErrorCode code, std::string message) const {
    throw QueryError(ErrorClass::kSyntax, code, std::move(message), position(where));
  }

  // An error point failed at `where`: says what was expected and what is
  // there. A character outside ASCII where plain syntax was expected is
  // InvalidUnicodeCharacter (the TCK's code for `42 — 41`).
  [[noreturn]] void expected(const char* where, const char* message, ErrorCode code, bool skip_space) const {
    const char* at = skip_space ? skip_whitespace(where, end_) : where;
    if (code == ErrorCode::kUnexpectedSyntax && at < end_ && static_cast<unsigned char>(*at) >= 0x80) {
      code = ErrorCode::kInvalidUnicodeCharacter;
    }
    std::string hint = code == ErrorCode::kUnexpectedSyntax ? keyword_hint(at, end_) : "";
    fail(at, code, std::string(message) + "; found " + describe_found(at, end_) + hint);
  }

  // An unterminated string, quoted name or comment, reported where it opens.
  [[noreturn]] void unterminated(const char* where, const char* message) const {
    if (where < end_ && static_cast<unsigned char>(*where) >= 0x80) {
      expected(where, message, ErrorCode::kInvalidUnicodeCharacter, false);
    }
    if (where < end_) expected(where, message, ErrorCode::kUnexpectedSyntax, false);
    fail(open_, ErrorCode::kUnexpectedSyntax, std::string(message) + " before the end of the input");
  }

  // Expressions and the braces skimmed in lookaheads nest separately: a
  // lookahead may skim braces inside an expression nested as deeply.
  void enter_nesting(size_t& nesting, const char* where) {
    if (++nesting > kMaxNesting) {
      fail(where, ErrorCode::kUnexpectedSyntax,
           "the query nests expressions, lists, maps, patterns or subqueries more than " +
               std::to_string(kMaxNesting) + " levels deep");
    }
  }
  static void leave_nesting(size_t& nesting) { --nesting; }

  // ------------------------------------------------ frames
  void open_frame() {
    marks_.push_back({exprs_.size(), names_.size(), ints_.size(), nodes_.size(), rels_.size(), parts_.size(),
                      clauses_.size(), singles_.size(), queries_.size(), statements_.size(), predicates_.size()});
  }
  void close_frame() { marks_.pop_back(); }
  void drop_frame() {
    const Mark& m = marks_.back();
    exprs_.resize(m.exprs);
    names_.resize(m.names);
    ints_.resize(m.ints);
    nodes_.resize(m.nodes);
    rels_.resize(m.rels);
    parts_.resize(m.parts);
    clauses_.resize(m.clauses);
    singles_.resize(m.singles);
    queries_.resize(m.queries);
    statements_.resize(m.statements);
    predicates_.resize(std::min(predicates_.size(), m.predicates));
    if (pending_min_ >= exprs_.size()) pending_min_ = kNone;
    marks_.pop_back();
  }
  const Mark& mark() const { return marks_.back(); }

  // ------------------------------------------------ expressions
  static ExprPtr make(ExprKind kind, SourcePosition position) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->position = position;
    return e;
  }
  ExprPtr make(ExprKind kind, const char* at) const { return make(kind, position(at)); }

  // Pushes `e` whose deepest child has depth `child_depth`.
  void push(ExprPtr e, uint32_t child_depth) {
    if (child_depth + 1 > kMaxExpressionDepth) {
      fail(begin_ + e->position.offset, ErrorCode::kUnexpectedSyntax,
           "the expression is nested more than " + std::to_string(kMaxExpressionDepth) +
               " levels deep (split it up, or use a list and a function such as reduce())");
    }
    exprs_.push_back({std::move(e), child_depth + 1});
  }
  void push_null() { exprs_.push_back({nullptr, 0}); }

  // Takes the top expression. The literal 9223372036854775808 (and its
  // hexadecimal and octal forms) exists only as the operand of unary minus;
  // anywhere else it is an overflow.
  Slot pop() {
    check_no_pending(exprs_.size() - 1);
    Slot s = std::move(exprs_.back());
    exprs_.pop_back();
    return s;
  }
  ExprPtr pop_expr() { return pop().expr; }

  // Fails if the pending INT64_MIN magnitude is at exprs_[from] or above.
  void check_no_pending(size_t from) const {
    if (pending_min_ != kNone && pending_min_ >= from) {
      fail(begin_ + exprs_[pending_min_].expr->position.offset, ErrorCode::kIntegerOverflow,
           "the integer literal is too large for a 64-bit integer (the largest is 9223372036854775807)");
    }
  }

  // Moves exprs_[from..] into `out` (in order), popping them.
  uint32_t take_exprs(size_t from, std::vector<ExprPtr>& out) {
    check_no_pending(from);
    uint32_t depth = 0;
    out.reserve(out.size() + exprs_.size() - from);
    for (size_t i = from; i < exprs_.size(); ++i) {
      depth = std::max(depth, exprs_[i].depth);
      out.push_back(std::move(exprs_[i].expr));
    }
    exprs_.resize(from);
    return depth;
  }

  std::string pop_name() {
    std::string s = std::move(names_.back());
    names_.pop_back();
    return s;
  }
  int64_t pop_int() {
    const int64_t v = ints_.back();
    ints_.pop_back();
    return v;
  }

  void literal(const char* at, Value v) {
    ExprPtr e = make(ExprKind::kLiteral, at);
    e->value = std::move(v);
    push(std::move(e), 0);
  }

  void number(const char* b, const char* e) {
    const std::string_view t(b, static_cast<size_t>(e - b));
    int base = 10;
    std::string_view digits = t;
    if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'o')) {
      base = t[1] == 'x' ? 16 : 8;
      digits = t.substr(2);
    } else if (t.find_first_of(".eE") != std::string_view::npos) {
      float_number(b, e);
      return;
    }
    const uint64_t magnitude = integer_magnitude(b, digits, base);
    if (magnitude == kInt64MinMagnitude) {
      literal(b, Value(std::numeric_limits<int64_t>::min()));
      pending_min_ = exprs_.size() - 1;
    } else {
      literal(b, Value(static_cast<int64_t>(magnitude)));
    }
  }

  // A non-negative integer of at most 2^63 (the magnitude of INT64_MIN).
  uint64_t integer_magnitude(const char* at, std::string_view digits, int base) const {
    uint64_t v = 0;
    for (const char c : digits) {
      const auto d = static_cast<uint64_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
      if (v > (kInt64MinMagnitude - d) / static_cast<uint64_t>(base)) {
        fail(at, ErrorCode::kIntegerOverflow,
             "the integer literal is too large for a 64-bit integer (the largest is 9223372036854775807)");
      }
      v = v * static_cast<uint64_t>(base) + d;
    }
    return v;
  }

  void float_number(const char* b, const char* e) {
    double d = 0;
    const auto result = std::from_chars(b, e, d);
    if (result.ec == std::errc::result_out_of_range) {
      const std::string copy(b, e);  // strtod tells overflow (inf) from underflow (0 or subnormal)
      d = std::strtod(copy.c_str(), nullptr);
      if (std::isinf(d)) {
        fail(b, ErrorCode::kFloatingPointOverflow,
             "the floating point literal is too large for a 64-bit float (the largest is about 1.8e308)");
      }
    }
    literal(b, Value(d));
  }

  // Decodes a string literal token [b, e), quotes included.
  void string(const char* b, const char* e) {
    std::string out;
    const char* p = b + 1;
    const char* end = e - 1;
    while (p < end) {
      const auto* bs = static_cast<const char*>(std::memchr(p, '\\', static_cast<size_t>(end - p)));
      if (bs == nullptr) {
        out.append(p, end);
        break;
      }
      out.append(p, bs);
      p = bs + 2;
      switch (bs[1]) {
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          uint32_t cp = hex_value(p, 4);
          p += 4;
          if (cp >= 0xD800 && cp <= 0xDBFF && end - p >= 6 && p[0] == '\\' && p[1] == 'u') {
            const uint32_t low = hex_value(p + 2, 4);
            if (low >= 0xDC00 && low <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
              p += 6;
            }
          }
          if (cp >= 0xD800 && cp <= 0xDFFF) {
            fail(bs, ErrorCode::kInvalidUnicodeLiteral,
                 "expected a Unicode escape that is not a lone surrogate (\\uD800 to \\uDFFF must come in "
                 "high-low pairs)");
          }
          utf8::append(out, cp);
          break;
        }
        case 'U': {
          const uint32_t cp = hex_value(p, 8);
          p += 8;
          if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            fail(bs, ErrorCode::kInvalidUnicodeLiteral,
                 "expected a Unicode code point up to \\U0010FFFF that is not a surrogate after '\\U'");
          }
          utf8::append(out, cp);
          break;
        }
        default: out += bs[1]; break;  // \\ \' \"
      }
    }
    literal(b, Value(std::move(out)));
  }

  void unary(ExprKind kind, Op op, const char* at) {
    Slot operand = pop();
    ExprPtr e = make(kind, at);
    e->op = op;
    e->children.push_back(std::move(operand.expr));
    push(std::move(e), operand.depth);
  }

  void binary(Op op) {
    Slot rhs = pop();
    Slot lhs = pop();
    ExprPtr e = make(ExprKind::kBinary, lhs.expr->position);
    e->op = op;
    e->children.push_back(std::move(lhs.expr));
    e->children.push_back(std::move(rhs.expr));
    // An operand of a boolean operator is a place for a pattern predicate.
    if (!predicates_.empty() && (op == Op::kAnd || op == Op::kOr || op == Op::kXor)) allow_predicates(e.get());
    push(std::move(e), std::max(lhs.depth, rhs.depth));
  }

  // Applies unary + and - (ints above the mark: offset * 2 + negate) to the
  // operand on top, innermost first. A sign directly on a number literal is
  // folded into it, so -9223372036854775808 is INT64_MIN.
  void apply_signs() {
    const size_t from = mark().ints;
    for (size_t i = ints_.size(); i-- > from;) {
      const int64_t code = ints_[i];
      const char* at = begin_ + code / 2;
      const bool negate = (code & 1) != 0;
      Expr& top = *exprs_.back().expr;
      const bool is_literal_number = top.kind == ExprKind::kLiteral && top.value.is_number();
      if (is_literal_number && pending_min_ == exprs_.size() - 1) {
        if (!negate) continue;  // +9223372036854775808 still overflows when popped
        pending_min_ = kNone;   // -9223372036854775808: the value is already INT64_MIN
        top.position = position(at);
        continue;
      }
      if (is_literal_number && (top.value.is_float() || top.value.as_int() != std::numeric_limits<int64_t>::min())) {
        if (negate) top.value = top.value.is_float() ? Value(-top.value.as_float()) : Value(-top.value.as_int());
        top.position = position(at);
        continue;
      }
      unary(ExprKind::kUnary, negate ? Op::kNegate : Op::kPlus, at);
    }
    ints_.resize(from);
  }

  void apply_nots() {
    const size_t from = mark().ints;
    for (size_t i = ints_.size(); i-- > from;) unary(ExprKind::kUnary, Op::kNot, begin_ + ints_[i]);
    if (ints_.size() > from && !predicates_.empty()) allow_predicates(exprs_.back().expr.get());
    ints_.resize(from);
  }

  // operands[0] op[0] operands[1] op[1] ... above the mark; a chain becomes
  // (a op b) AND (b op c) ..., the shared operands cloned.
  void comparison_chain() {
    const Mark& m = mark();
    const size_t count = exprs_.size() - m.exprs;
    if (count < 2) return;
    check_no_pending(m.exprs);
    std::vector<Slot> operands(std::make_move_iterator(exprs_.begin() + static_cast<std::ptrdiff_t>(m.exprs)),
                               std::make_move_iterator(exprs_.end()));
    exprs_.resize(m.exprs);
    const std::vector<int64_t> ops(ints_.begin() + static_cast<std::ptrdiff_t>(m.ints), ints_.end());
    ints_.resize(m.ints);
    Slot shared;  // a copy of operands[i], whose original went into the previous comparison
    for (size_t i = 0; i + 1 < count; ++i) {
      exprs_.push_back(i == 0 ? std::move(operands[0]) : std::move(shared));
      if (i + 2 < count) shared = Slot{ast::clone(*operands[i + 1].expr), operands[i + 1].depth};
      exprs_.push_back(std::move(operands[i + 1]));
      binary(static_cast<Op>(ops[i]));
      if (i > 0) binary(Op::kAnd);
    }
  }

  // A WHERE's predicate: pattern predicates in it that are operands of AND,
  // OR, XOR and NOT (or the whole predicate) are in their place. So are the
  // operands of AND, OR, XOR and NOT anywhere, and the conditions of a CASE
  // without a subject: places where a boolean is expected.
  ExprPtr take_predicate() {
    ExprPtr e = pop_expr();
    if (!predicates_.empty()) allow_predicates(e.get());
    return e;
  }
  void allow_predicates(const Expr* e) {
    if (e == nullptr) return;
    if (e->kind == ExprKind::kPatternPredicate) {
      predicates_.erase(std::remove(predicates_.begin(), predicates_.end(), e), predicates_.end());
    } else if ((e->kind == ExprKind::kBinary && (e->op == Op::kAnd || e->op == Op::kOr || e->op == Op::kXor)) ||
               (e->kind == ExprKind::kUnary && e->op == Op::kNot)) {
      for (const ExprPtr& child : e->children) allow_predicates(child.get());
    }
  }
  // At the end of a statement: every pattern predicate must have been in a
  // WHERE's boolean skeleton.
  void check_predicates() const {
    if (predicates_.empty()) return;
    fail(begin_ + predicates_.front()->position.offset, ErrorCode::kUnexpectedSyntax,
         "a relationship pattern can only be used as a predicate: in WHERE, as an operand of AND, OR, XOR or NOT, "
         "or as a CASE WHEN condition; elsewhere use EXISTS { pattern }, size([pattern | 1]) to count, or "
         "[pattern | value]");
  }

  void pattern_predicate(const char* at) {
    ExprPtr e = make(ExprKind::kPatternPredicate, at);
    e->pattern = std::make_shared<ast::PatternPart>(std::move(parts_.back()));
    parts_.pop_back();
    predicates_.push_back(e.get());
    push(std::move(e), 0);
  }

  // Moves the nodes and relationships above the mark into the part on top.
  void assemble_part() {
    const Mark& m = mark();
    ast::PatternPart& part = parts_.back();
    part.start = std::move(nodes_[m.nodes]);
    part.steps.reserve(rels_.size() - m.rels);
    for (size_t i = m.rels; i < rels_.size(); ++i) {
      part.steps.emplace_back(std::move(rels_[i]), std::move(nodes_[m.nodes + 1 + (i - m.rels)]));
    }
    nodes_.resize(m.nodes);
    rels_.resize(m.rels);
  }

  std::vector<ast::PatternPart> take_parts(size_t from) {
    std::vector<ast::PatternPart> out(std::make_move_iterator(parts_.begin() + static_cast<std::ptrdiff_t>(from)),
                                      std::make_move_iterator(parts_.end()));
    parts_.resize(from);
    return out;
  }

  ast::Clause& clause() { return clauses_.back(); }
  // A schema command is its statement's only clause, and starts with it.
  void open_schema(ast::SchemaCommand::Kind kind) {
    clauses_.emplace_back();
    clauses_.back().kind = ClauseKind::kSchema;
    clauses_.back().position = statements_.back().position;
    clauses_.back().schema.kind = kind;
  }
  void open_clause(ClauseKind kind, const char* at) {
    clauses_.emplace_back();
    clauses_.back().kind = kind;
    clauses_.back().position = position(at);
  }

  // ------------------------------------------------ stacks
  static constexpr size_t kNone = std::numeric_limits<size_t>::max();

  const char* begin_;
  const char* end_;
  LineIndex lines_;
  std::vector<Mark> marks_;
  std::vector<Slot> exprs_;
  std::vector<std::string> names_;
  std::vector<int64_t> ints_;
  std::vector<ast::NodePattern> nodes_;
  std::vector<ast::RelPattern> rels_;
  std::vector<ast::PatternPart> parts_;
  std::vector<ast::Clause> clauses_;
  std::vector<ast::SingleQuery> singles_;
  std::vector<ast::Query> queries_;
  std::vector<ast::Statement> statements_;
  // Pattern predicates of the statement not yet found in a WHERE skeleton.
  std::vector<const Expr*> predicates_;
  // The index in exprs_ of the literal 9223372036854775808 awaiting its
  // unary minus, or kNone.
  size_t pending_min_ = kNone;
  bool range_dots_ = false;  // the range being read has '..'
  ExprPtr literal_result_;   // parse_literal's value

  // For the control: speculation depth, nesting depth, where each error
  // point being matched started, where the open string/name/comment starts.
  size_t speculating_ = 0;
  size_t nesting_ = 0;
  size_t brace_nesting_ = 0;
  std::vector<const char*> error_starts_;
  const char* open_ = nullptr;
};

// ---------------------------------------------------------------- control

template <typename Rule>
inline constexpr bool kAhead = false;
template <typename... Rules>
inline constexpr bool kAhead<gr::ahead<Rules...>> = true;

// Rules whose actions take a variable number of values (see the file
// comment), or that must undo what their parts pushed when they fail.
template <typename Rule>
inline constexpr bool kFramed = false;
template <> inline constexpr bool kFramed<gr::list_literal> = true;
template <> inline constexpr bool kFramed<gr::map_literal> = true;
template <> inline constexpr bool kFramed<gr::map_projection> = true;
template <> inline constexpr bool kFramed<gr::case_expression> = true;
template <> inline constexpr bool kFramed<gr::function_call> = true;
template <> inline constexpr bool kFramed<gr::exists_subquery> = true;
template <> inline constexpr bool kFramed<gr::label_check> = true;
template <> inline constexpr bool kFramed<gr::unary_expression> = true;
template <> inline constexpr bool kFramed<gr::comparison_expression> = true;
template <> inline constexpr bool kFramed<gr::not_expression> = true;
template <> inline constexpr bool kFramed<gr::node_pattern> = true;
template <> inline constexpr bool kFramed<gr::relationship_pattern> = true;
template <> inline constexpr bool kFramed<gr::pattern_element> = true;
template <> inline constexpr bool kFramed<gr::relationships_pattern> = true;
template <> inline constexpr bool kFramed<gr::pattern_part> = true;
template <> inline constexpr bool kFramed<gr::match_pattern> = true;
template <> inline constexpr bool kFramed<gr::create_pattern> = true;
template <> inline constexpr bool kFramed<gr::merge_pattern> = true;
template <> inline constexpr bool kFramed<gr::set_labels> = true;
template <> inline constexpr bool kFramed<gr::remove_labels> = true;
template <> inline constexpr bool kFramed<gr::call_arguments> = true;
template <> inline constexpr bool kFramed<gr::single_query> = true;
template <> inline constexpr bool kFramed<gr::regular_query> = true;
template <> inline constexpr bool kFramed<gr::statement> = true;

// Rules that start an object built in place: the object is pushed when the
// rule starts (after its frame is opened, so that a failure removes it).
template <typename Rule>
struct Open {
  static constexpr bool kOpens = false;
};
template <>
struct Open<gr::node_pattern> {
  static constexpr bool kOpens = true;
  static void open(const char* at, Builder& b) {
    b.nodes_.emplace_back();
    b.nodes_.back().position = b.position(at);
  }
};
template <>
struct Open<gr::relationship_pattern> {
  static constexpr bool kOpens = true;
  static void open(const char* at, Builder& b) {
    b.rels_.emplace_back();
    b.rels_.back().position = b.position(at);
  }
};
template <>
struct Open<gr::pattern_part> {
  static constexpr bool kOpens = true;
  static void open(const char* at, Builder& b) {
    b.parts_.emplace_back();
    b.parts_.back().position = b.position(at);
  }
};
template <>
struct Open<gr::relationships_pattern> : Open<gr::pattern_part> {};
template <>
struct Open<gr::statement> {
  static constexpr bool kOpens = true;
  static void open(const char* at, Builder& b) {
    b.statements_.emplace_back();
    b.statements_.back().position = b.position(at);
  }
};

// Rules after which an unterminated construct is reported where it opens.
template <typename Rule>
inline constexpr bool kOpensQuote = std::is_same_v<Rule, gr::sq_string> || std::is_same_v<Rule, gr::dq_string> ||
                                    std::is_same_v<Rule, gr::escaped_name> || std::is_same_v<Rule, gr::block_comment>;
template <typename Rule>
inline constexpr bool kClosesQuote = std::is_same_v<Rule, gr::sq_close> || std::is_same_v<Rule, gr::dq_close> ||
                                     std::is_same_v<Rule, gr::escaped_name_close> ||
                                     std::is_same_v<Rule, gr::block_comment_close>;

// PEGTL's must_if control for the messages of cypher_errors.hpp, plus the
// builder's frames, the nesting bound and speculation: an error point that
// fails inside `ahead<>` fails quietly. Errors are reported where the error
// point started (after whitespace), not where its partial match stopped.
template <typename Rule>
struct Control : gr::control<Rule> {
  static constexpr bool kErrorPoint = gr::error_message<Rule> != nullptr;
  static constexpr bool kNesting = std::is_same_v<Rule, gr::expression> || std::is_same_v<Rule, gr::balanced_braces>;
  static size_t& nesting(Builder& b) {
    return std::is_same_v<Rule, gr::expression> ? b.nesting_ : b.brace_nesting_;
  }

  template <typename In>
  static void start(const In& in, Builder& b) {
    if constexpr (kAhead<Rule>) ++b.speculating_;
    if constexpr (kNesting) b.enter_nesting(nesting(b), in.current());
    if constexpr (kErrorPoint) b.error_starts_.push_back(in.current());
    if constexpr (kOpensQuote<Rule>) b.open_ = in.current();
    if constexpr (kFramed<Rule>) b.open_frame();
    if constexpr (Open<Rule>::kOpens) Open<Rule>::open(in.current(), b);
  }

  template <typename In>
  static void success(const In&, Builder& b) {
    if constexpr (kFramed<Rule>) b.close_frame();
    if constexpr (kErrorPoint) b.error_starts_.pop_back();
    if constexpr (kNesting) Builder::leave_nesting(nesting(b));
    if constexpr (kAhead<Rule>) --b.speculating_;
  }

  template <typename In>
  static void failure(const In&, Builder& b) {
    if constexpr (kFramed<Rule>) b.drop_frame();
    if constexpr (kNesting) Builder::leave_nesting(nesting(b));
    if constexpr (kAhead<Rule>) --b.speculating_;
    if constexpr (kErrorPoint) {
      const char* where = b.error_starts_.back();
      b.error_starts_.pop_back();
      if (b.speculating_ != 0) return;
      if constexpr (kClosesQuote<Rule>) {
        b.unterminated(where, gr::error_message<Rule>);
      } else {
        b.expected(where, gr::error_message<Rule>, error_code_from_name(gr::error_code<Rule>), true);
      }
    }
  }
};

// ---------------------------------------------------------------- actions

template <typename Rule>
struct Action : pegtl::nothing<Rule> {};

// Shorthand for the actions below: `in` is the matched input, `b` the builder.
#define MLKG_ACTION(rule)                   \
  template <>                               \
  struct Action<gr::rule> {                 \
    template <typename In>                  \
    static void apply(const In& in, Builder& b)

// ------------------------------------------------ literals and names
MLKG_ACTION(number_literal) { b.number(in.begin(), in.end()); } };
MLKG_ACTION(string_literal) { b.string(in.begin(), in.end()); } };
MLKG_ACTION(null_literal) { b.literal(in.begin(), Value()); } };
MLKG_ACTION(true_literal) { b.literal(in.begin(), Value(true)); } };
MLKG_ACTION(false_literal) { b.literal(in.begin(), Value(false)); } };
MLKG_ACTION(parameter) {
  ExprPtr e = b.make(ExprKind::kParameter, in.begin());
  e->name = decode_name(in.begin() + 1, in.end());
  b.push(std::move(e), 0);
} };
MLKG_ACTION(no_expression) { b.push_null(); } };
MLKG_ACTION(no_name) { b.names_.emplace_back(); } };
MLKG_ACTION(variable_reference) {
  ExprPtr e = b.make(ExprKind::kVariable, in.begin());
  e->name = decode_name(in.begin(), in.end());
  b.push(std::move(e), 0);
} };

// ------------------------------------------------ lists and maps
MLKG_ACTION(list_literal) {
  ExprPtr e = b.make(ExprKind::kList, in.begin());
  const uint32_t depth = b.take_exprs(b.mark().exprs, e->children);
  b.push(std::move(e), depth);
} };
MLKG_ACTION(map_key) { b.names_.push_back(decode_name(in.begin(), in.end())); } };
MLKG_ACTION(map_literal) {
  ExprPtr e = b.make(ExprKind::kMap, in.begin());
  const size_t names_from = b.mark().names;
  e->keys.assign(std::make_move_iterator(b.names_.begin() + static_cast<std::ptrdiff_t>(names_from)),
                 std::make_move_iterator(b.names_.end()));
  b.names_.resize(names_from);
  const uint32_t depth = b.take_exprs(b.mark().exprs, e->children);
  b.push(std::move(e), depth);
} };

// Map projection items: ints above the mark give each item's kind, names its
// key (after the subject's name), exprs the values of `key: value` items.
MLKG_ACTION(map_projection_subject) { b.names_.push_back(decode_name(in.begin(), in.end())); } };
MLKG_ACTION(map_projection_all) {
  b.ints_.push_back(static_cast<int64_t>(ast::MapProjectionItem::Kind::kAllProperties));
  b.names_.emplace_back();
} };
MLKG_ACTION(projection_property_key) { b.names_.push_back(decode_name(in.begin(), in.end())); } };
MLKG_ACTION(map_projection_property) {
  b.ints_.push_back(static_cast<int64_t>(ast::MapProjectionItem::Kind::kProperty));
} };
MLKG_ACTION(map_projection_key) { b.names_.push_back(decode_name(in.begin(), in.end())); } };
MLKG_ACTION(map_projection_literal) {
  b.ints_.push_back(static_cast<int64_t>(ast::MapProjectionItem::Kind::kLiteral));
} };
MLKG_ACTION(map_projection_variable) {
  b.ints_.push_back(static_cast<int64_t>(ast::MapProjectionItem::Kind::kVariable));
  b.names_.push_back(decode_name(in.begin(), in.end()));
} };
MLKG_ACTION(map_projection) {
  const Mark& m = b.mark();
  ExprPtr e = b.make(ExprKind::kMapProjection, in.begin());
  e->name = std::move(b.names_[m.names]);
  std::vector<ExprPtr> values;
  const uint32_t depth = b.take_exprs(m.exprs, values);
  size_t value = 0;
  for (size_t i = m.ints; i < b.ints_.size(); ++i) {
    ast::MapProjectionItem item;
    item.kind = static_cast<ast::MapProjectionItem::Kind>(b.ints_[i]);
    item.key = std::move(b.names_[m.names + 1 + (i - m.ints)]);
    if (item.kind == ast::MapProjectionItem::Kind::kLiteral) item.expr = std::move(values[value++]);
    e->map_items.push_back(std::move(item));
  }
  b.ints_.resize(m.ints);
  b.names_.resize(m.names);
  b.push(std::move(e), depth);
} };

// ------------------------------------------------ CASE, count(*), comprehensions
// Above the mark: subject or null, then WHEN and THEN pairs, then ELSE or null.
MLKG_ACTION(case_expression) {
  ExprPtr e = b.make(ExprKind::kCase, in.begin());
  std::vector<ExprPtr> parts;
  const uint32_t depth = b.take_exprs(b.mark().exprs, parts);
  const bool generic = !parts.front();
  if (!generic) e->children.push_back(std::move(parts.front()));
  for (size_t i = 1; i + 1 < parts.size(); i += 2) {
    if (generic && !b.predicates_.empty()) b.allow_predicates(parts[i].get());  // WHEN conditions are booleans
    e->whens.emplace_back(std::move(parts[i]), std::move(parts[i + 1]));
  }
  e->else_expr = std::move(parts.back());
  b.push(std::move(e), depth);
} };
MLKG_ACTION(count_star) { b.push(b.make(ExprKind::kCountStar, in.begin()), 0); } };
MLKG_ACTION(comprehension_variable) { b.names_.push_back(decode_name(in.begin(), in.end())); } };
MLKG_ACTION(list_comprehension) {
  ExprPtr e = b.make(ExprKind::kListComprehension, in.begin());
  const uint32_t depth = b.take_exprs(b.exprs_.size() - 3, e->children);
  e->name = b.pop_name();
  b.push(std::move(e), depth);
} };
MLKG_ACTION(quantifier_all) { b.ints_.push_back(static_cast<int64_t>(ast::Quantifier::kAll)); } };
MLKG_ACTION(quantifier_any) { b.ints_.push_back(static_cast<int64_t>(ast::Quantifier::kAny)); } };
MLKG_ACTION(quantifier_none) { b.ints_.push_back(static_cast<int64_t>(ast::Quantifier::kNone)); } };
MLKG_ACTION(quantifier_single) { b.ints_.push_back(static_cast<int64_t>(ast::Quantifier::kSingle)); } };
MLKG_ACTION(quantifier) {
  ExprPtr e = b.make(ExprKind::kQuantifier, in.begin());
  const uint32_t depth = b.take_exprs(b.exprs_.size() - 2, e->children);
  e->name = b.pop_name();
  e->quantifier = static_cast<ast::Quantifier>(b.pop_int());
  b.push(std::move(e), depth);
} };
MLKG_ACTION(reduce_accumulator) { b.names_.push_back(decode_name(in.begin(), in.end())); } };
MLKG_ACTION(reduce_variable) { b.names_.push_back(decode_name(in.begin(), in.end())); } };
MLKG_ACTION(reduce_expression) {
  ExprPtr e = b.make(ExprKind::kReduce, in.begin());
  const uint32_t depth = b.take_exprs(b.exprs_.size() - 3, e->children);
  e->name = b.pop_name();
  e->keys.push_back(b.pop_name());
  b.push(std::move(e), depth);
} };
MLKG_ACTION(filter_where) {
  // The predicate stays on the stack for its comprehension; only its pattern
  // predicates are checked here.
  b.allow_predicates(b.exprs_.back().expr.get());
} };

// ------------------------------------------------ patterns
MLKG_ACTION(node_variable) { b.nodes_.back().variable = decode_name(in.begin(), in.end()); } };
MLKG_ACTION(node_label_name) { b.nodes_.back().labels.push_back(decode_name(in.begin(), in.end())); } };
MLKG_ACTION(node_pattern) {
  if (b.exprs_.size() > b.mark().exprs) b.nodes_.back().properties = b.pop_expr();
} };
MLKG_ACTION(rel_variable) { b.rels_.back().variable = decode_name(in.begin(), in.end()); } };
MLKG_ACTION(rel_type_name) { b.rels_.back().types.push_back(decode_name(in.begin(), in.end())); } };
MLKG_ACTION(range_star) {
  b.rels_.back().range.emplace();
  b.range_dots_ = false;
} };
MLKG_ACTION(range_dots) { b.range_dots_ = true; } };
MLKG_ACTION(range_min) {
  b.number(in.begin(), in.end());
  b.rels_.back().range->min = b.pop_expr()->value.as_int();
} };
MLKG_ACTION(range_max) {
  b.number(in.begin(), in.end());
  b.rels_.back().range->max = b.pop_expr()->value.as_int();
} };
MLKG_ACTION(range_literal) {
  ast::Range& range = *b.rels_.back().range;
  if (!b.range_dots_) range.max = range.min;
} };
MLKG_ACTION(relationship_pattern) {
  ast::RelPattern& rel = b.rels_.back();
  const bool left = *in.begin() == '<';
  const bool right = in.end()[-1] == '>';
  rel.direction = left == right ? ast::RelDirection::kBoth : left ? ast::RelDirection::kLeft : ast::RelDirection::kRight;
  if (b.exprs_.size() > b.mark().exprs) rel.properties = b.pop_expr();
} };
MLKG_ACTION(pattern_element) { b.assemble_part(); } };
MLKG_ACTION(relationships_pattern) { b.assemble_part(); } };
MLKG_ACTION(path_variable) { b.parts_.back().path_variable = decode_name(in.begin(), in.end()); } };
MLKG_ACTION(shortest_path_kind) {
  b.parts_.back().kind = (*in.begin() | 0x20) == 's' ? ast::PatternPart::Kind::kShortestPath
                                                     : ast::PatternPart::Kind::kAllShortestPaths;
} };
MLKG_ACTION(pattern_predicate) { b.pattern_predicate(in.begin()); } };
MLKG_ACTION(comprehension_path_variable) { b.names_.push_back(decode_name(in.begin(), in.end())); } };
MLKG_ACTION(pattern_comprehension) {
  ExprPtr e = b.make(ExprKind::kPatternComprehension, in.begin());
  const uint32_t depth = b.take_exprs(b.exprs_.size() - 2, e->children);
  e->pattern = std::make_shared<ast::PatternPart>(std::move(b.parts_.back()));
  b.parts_.pop_back();
  e->name = b.pop_name();
  b.push(std::move(e), depth);
} };

// Pattern form: the parts and the WHERE (or null) above the mark. Query form:
// one query above the mark.
MLKG_ACTION(exists_subquery) {
  const Mark& m = b.mark();
  ExprPtr e = b.make(ExprKind::kExistsSubquery, in.begin());
  uint32_t depth = 0;
  if (b.queries_.size() > m.queries) {
    e->subquery = std::make_shared<ast::Query>(std::move(b.queries_.back()));
    b.queries_.pop_back();
  } else {
    std::vector<ExprPtr> where;
    depth = b.take_exprs(m.exprs, where);
    std::vector<ast::PatternPart> parts = b.take_parts(m.parts);
    if (parts.size() == 1) {
      e->pattern = std::make_shared<ast::PatternPart>(std::move(parts.front()));
      e->children.push_back(std::move(where.front()));
    } else {
      ast::Clause match;
      match.kind = ClauseKind::kMatch;
      match.position = parts.front().position;
      match.pattern = std::move(parts);
      match.where = std::move(where.front());
      e->subquery = std::make_shared<ast::Query>();
      e->subquery->parts.emplace_back().clauses.push_back(std::move(match));
    }
  }
  b.push(std::move(e), depth);
} };

// ------------------------------------------------ function calls
MLKG_ACTION(function_name) { b.names_.push_back(decode_dotted_name(in.begin(), in.end())); } };
MLKG_ACTION(function_distinct) { b.ints_.push_back(1); } };
MLKG_ACTION(function_call) {
  const Mark& m = b.mark();
  ExprPtr e = b.make(ExprKind::kFunctionCall, in.begin());
  e->name = std::move(b.names_[m.names]);
  b.names_.resize(m.names);
  e->distinct = b.ints_.size() > m.ints;
  b.ints_.resize(m.ints);
  const uint32_t depth = b.take_exprs(m.exprs, e->children);
  b.push(std::move(e), depth);
} };

// ------------------------------------------------ operators
MLKG_ACTION(property_key) { b.names_.push_back(decode_name(in.begin(), in.end())); } };
MLKG_ACTION(property_lookup) {
  b.unary(ExprKind::kProperty, Op::kNot, in.begin());
  Expr& e = *b.exprs_.back().expr;
  e.position = e.children.front()->position;
  e.name = b.pop_name();
} };
struct SliceAction {
  template <typename In>
  static void apply(const In&, Builder& b) {
    Slot upper = b.pop();
    Slot lower = b.pop();
    Slot base = b.pop();
    ExprPtr e = Builder::make(ExprKind::kSlice, base.expr->position);
    const uint32_t depth = std::max({base.depth, lower.depth, upper.depth});
    e->children.push_back(std::move(base.expr));
    e->children.push_back(std::move(lower.expr));
    e->children.push_back(std::move(upper.expr));
    b.push(std::move(e), depth);
  }
};
template <> struct Action<gr::slice_from_start> : SliceAction {};
template <> struct Action<gr::slice_tail> : SliceAction {};
MLKG_ACTION(subscript_end) {
  Slot index = b.pop();
  Slot base = b.pop();
  ExprPtr e = Builder::make(ExprKind::kSubscript, base.expr->position);
  const uint32_t depth = std::max(base.depth, index.depth);
  e->children.push_back(std::move(base.expr));
  e->children.push_back(std::move(index.expr));
  b.push(std::move(e), depth);
} };
MLKG_ACTION(check_label_name) { b.names_.push_back(decode_name(in.begin(), in.end())); } };
MLKG_ACTION(label_check) {
  const size_t from = b.mark().names;
  b.unary(ExprKind::kLabelCheck, Op::kNot, in.begin());
  Expr& e = *b.exprs_.back().expr;
  e.position = e.children.front()->position;
  e.keys.assign(std::make_move_iterator(b.names_.begin() + static_cast<std::ptrdiff_t>(from)),
                std::make_move_iterator(b.names_.end()));
  b.names_.resize(from);
} };
MLKG_ACTION(unary_operator) { b.ints_.push_back((in.begin() - b.begin_) * 2 + (*in.begin() == '-' ? 1 : 0)); } };
MLKG_ACTION(unary_expression) { b.apply_signs(); } };
MLKG_ACTION(power_tail) { b.binary(Op::kPow); } };
MLKG_ACTION(multiply_tail) { b.binary(*in.begin() == '*' ? Op::kMul : *in.begin() == '/' ? Op::kDiv : Op::kMod); } };
MLKG_ACTION(add_tail) { b.binary(*in.begin() == '+' ? Op::kAdd : Op::kSub); } };
MLKG_ACTION(starts_with_tail) { b.binary(Op::kStartsWith); } };
MLKG_ACTION(ends_with_tail) { b.binary(Op::kEndsWith); } };
MLKG_ACTION(contains_tail) { b.binary(Op::kContains); } };
MLKG_ACTION(in_tail) { b.binary(Op::kIn); } };
MLKG_ACTION(regex_tail) { b.binary(Op::kRegexMatch); } };
MLKG_ACTION(is_null_tail) {
  Slot operand = b.pop();
  ExprPtr e = Builder::make(ExprKind::kIsNull, operand.expr->position);
  e->children.push_back(std::move(operand.expr));
  b.push(std::move(e), operand.depth);
} };
MLKG_ACTION(is_not_null_tail) {
  Slot operand = b.pop();
  ExprPtr e = Builder::make(ExprKind::kIsNotNull, operand.expr->position);
  e->children.push_back(std::move(operand.expr));
  b.push(std::move(e), operand.depth);
} };
MLKG_ACTION(comparison_operator) {
  const std::string_view op(in.begin(), in.size());
  Op code = Op::kEq;
  if (op == "<>" || op == "!=") code = Op::kNe;
  else if (op == "<=") code = Op::kLe;
  else if (op == ">=") code = Op::kGe;
  else if (op == "<") code = Op::kLt;
  else if (op == ">") code = Op::kGt;
  b.ints_.push_back(static_cast<int64_t>(code));
} };
MLKG_ACTION(comparison_expression) { b.comparison_chain(); } };
MLKG_ACTION(not_operator) { b.ints_.push_back(in.begin() - b.begin_); } };
MLKG_ACTION(not_expression) { b.apply_nots(); } };
MLKG_ACTION(and_tail) { b.binary(Op::kAnd); } };
MLKG_ACTION(xor_tail) { b.binary(Op::kXor); } };
MLKG_ACTION(or_tail) { b.binary(Op::kOr); } };

// ------------------------------------------------ clauses
MLKG_ACTION(match_keyword) {
  b.open_clause(ClauseKind::kMatch, in.begin());
  b.clause().optional = (*in.begin() | 0x20) == 'o';
} };
MLKG_ACTION(match_pattern) { b.clause().pattern = b.take_parts(b.mark().parts); } };
MLKG_ACTION(match_where) { b.clause().where = b.take_predicate(); } };
MLKG_ACTION(unwind_keyword) { b.open_clause(ClauseKind::kUnwind, in.begin()); } };
MLKG_ACTION(unwind_expression) { b.clause().expr = b.pop_expr(); } };
MLKG_ACTION(unwind_variable) { b.clause().variable = decode_name(in.begin(), in.end()); } };
MLKG_ACTION(with_keyword) { b.open_clause(ClauseKind::kWith, in.begin()); } };
MLKG_ACTION(return_keyword) { b.open_clause(ClauseKind::kReturn, in.begin()); } };
MLKG_ACTION(projection_distinct) { b.clause().projection.distinct = true; } };
MLKG_ACTION(projection_star) { b.clause().projection.star = true; } };
MLKG_ACTION(projection_expression) {
  ast::ProjectionItem item;
  item.expr = b.pop_expr();
  item.text.assign(in.begin(), in.end());
  item.position = b.position(in.begin());
  b.clause().projection.items.push_back(std::move(item));
} };
MLKG_ACTION(projection_alias) { b.clause().projection.items.back().alias = decode_name(in.begin(), in.end()); } };
MLKG_ACTION(sort_expression) { b.clause().projection.order_by.push_back({b.pop_expr(), false}); } };
MLKG_ACTION(sort_descending) { b.clause().projection.order_by.back().descending = true; } };
MLKG_ACTION(skip_expression) { b.clause().projection.skip = b.pop_expr(); } };
MLKG_ACTION(limit_expression) { b.clause().projection.limit = b.pop_expr(); } };
MLKG_ACTION(with_where) { b.clause().projection.where = b.take_predicate(); } };
MLKG_ACTION(create_keyword) { b.open_clause(ClauseKind::kCreate, in.begin()); } };
MLKG_ACTION(create_pattern) { b.clause().pattern = b.take_parts(b.mark().parts); } };

MLKG_ACTION(set_keyword) { b.open_clause(ClauseKind::kSet, in.begin()); } };
MLKG_ACTION(set_variable) {
  ExprPtr e = b.make(ExprKind::kVariable, in.begin());
  e->name = decode_name(in.begin(), in.end());
  b.push(std::move(e), 0);
} };
MLKG_ACTION(set_label_name) { b.names_.push_back(decode_name(in.begin(), in.end())); } };
MLKG_ACTION(set_labels) {
  ast::SetItem item;
  item.kind = ast::SetItem::Kind::kLabels;
  item.position = b.position(in.begin());
  const size_t from = b.mark().names;
  item.labels.assign(std::make_move_iterator(b.names_.begin() + static_cast<std::ptrdiff_t>(from)),
                     std::make_move_iterator(b.names_.end()));
  b.names_.resize(from);
  item.target = b.pop_expr();
  b.clause().set_items.push_back(std::move(item));
} };
template <ast::SetItem::Kind kKind>
struct SetValueAction {
  template <typename In>
  static void apply(const In& in, Builder& b) {
    ast::SetItem item;
    item.kind = kKind;
    item.position = b.position(in.begin());
    item.value = b.pop_expr();
    item.target = b.pop_expr();
    b.clause().set_items.push_back(std::move(item));
  }
};
template <> struct Action<gr::set_replace> : SetValueAction<ast::SetItem::Kind::kReplaceMap> {};
template <> struct Action<gr::set_merge> : SetValueAction<ast::SetItem::Kind::kMergeMap> {};
template <> struct Action<gr::set_property> : SetValueAction<ast::SetItem::Kind::kProperty> {};

MLKG_ACTION(merge_keyword) { b.open_clause(ClauseKind::kMerge, in.begin()); } };
MLKG_ACTION(merge_pattern) { b.clause().pattern = b.take_parts(b.mark().parts); } };
MLKG_ACTION(on_create) {
  ast::Clause& c = b.clause();
  std::move(c.set_items.begin(), c.set_items.end(), std::back_inserter(c.on_create));
  c.set_items.clear();
} };
MLKG_ACTION(on_match) {
  ast::Clause& c = b.clause();
  std::move(c.set_items.begin(), c.set_items.end(), std::back_inserter(c.on_match));
  c.set_items.clear();
} };

MLKG_ACTION(remove_keyword) { b.open_clause(ClauseKind::kRemove, in.begin()); } };
MLKG_ACTION(remove_variable) {
  ExprPtr e = b.make(ExprKind::kVariable, in.begin());
  e->name = decode_name(in.begin(), in.end());
  b.push(std::move(e), 0);
} };
MLKG_ACTION(remove_label_name) { b.names_.push_back(decode_name(in.begin(), in.end())); } };
MLKG_ACTION(remove_labels) {
  ast::RemoveItem item;
  item.kind = ast::RemoveItem::Kind::kLabels;
  item.position = b.position(in.begin());
  const size_t from = b.mark().names;
  item.labels.assign(std::make_move_iterator(b.names_.begin() + static_cast<std::ptrdiff_t>(from)),
                     std::make_move_iterator(b.names_.end()));
  b.names_.resize(from);
  item.target = b.pop_expr();
  b.clause().remove_items.push_back(std::move(item));
} };
MLKG_ACTION(remove_property) {
  ast::RemoveItem item;
  item.kind = ast::RemoveItem::Kind::kProperty;
  item.position = b.position(in.begin());
  item.target = b.pop_expr();
  b.clause().remove_items.push_back(std::move(item));
} };

// "DELETE" alone is six characters; "DETACH DELETE" is longer.
MLKG_ACTION(delete_keyword) {
  b.open_clause(ClauseKind::kDelete, in.begin());
  b.clause().detach = in.size() > 6;
} };
MLKG_ACTION(delete_expression) { b.clause().delete_exprs.push_back(b.pop_expr()); } };

MLKG_ACTION(call_keyword) { b.open_clause(ClauseKind::kCall, in.begin()); } };
MLKG_ACTION(procedure_name) { b.clause().procedure = decode_dotted_name(in.begin(), in.end()); } };
MLKG_ACTION(call_arguments) {
  ast::Clause& c = b.clause();
  c.has_arguments = true;
  b.take_exprs(b.mark().exprs, c.arguments);
} };
MLKG_ACTION(yield_star) { b.clause().yield_star = true; } };
MLKG_ACTION(yield_field) {
  ast::YieldItem item;
  item.name = decode_name(in.begin(), in.end());
  item.position = b.position(in.begin());
  b.clause().yields.push_back(std::move(item));
} };
MLKG_ACTION(yield_alias) { b.clause().yields.back().alias = decode_name(in.begin(), in.end()); } };
MLKG_ACTION(yield_where) { b.clause().where = b.take_predicate(); } };

// ------------------------------------------------ schema commands
MLKG_ACTION(create_fulltext_keyword) { b.open_schema(ast::SchemaCommand::Kind::kCreateFulltextIndex); } };
MLKG_ACTION(create_property_index_keyword) { b.open_schema(ast::SchemaCommand::Kind::kCreateIndex); } };
MLKG_ACTION(create_range_keyword) {
  b.open_schema(ast::SchemaCommand::Kind::kCreateIndex);
  b.clause().schema.range = true;
} };
MLKG_ACTION(create_constraint_keyword) { b.open_schema(ast::SchemaCommand::Kind::kCreateConstraint); } };
MLKG_ACTION(drop_keyword) { b.open_schema(ast::SchemaCommand::Kind::kDropIndex); } };
MLKG_ACTION(drop_constraint_keyword) { b.clause().schema.kind = ast::SchemaCommand::Kind::kDropConstraint; } };
MLKG_ACTION(show_keyword) { b.open_schema(ast::SchemaCommand::Kind::kShowIndexes); } };
MLKG_ACTION(show_constraints_keyword) { b.clause().schema.kind = ast::SchemaCommand::Kind::kShowConstraints; } };
MLKG_ACTION(show_filter_word) {
  std::string word = in.string();
  for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  b.clause().schema.show_filter.push_back(std::move(word));
} };
template <typename In>
void set_schema_name(Builder& b, const In& in) {
  ast::SchemaCommand& s = b.clause().schema;
  s.name = decode_name(in.begin(), in.end());
  s.name_position = b.position(in.begin());
}
MLKG_ACTION(index_name) { set_schema_name(b, in); } };
MLKG_ACTION(optional_schema_name) { set_schema_name(b, in); } };
MLKG_ACTION(drop_name) { set_schema_name(b, in); } };
MLKG_ACTION(index_pattern_open) { b.clause().schema.pattern_position = b.position(in.begin()); } };
MLKG_ACTION(schema_rel_start) {
  ast::SchemaCommand& s = b.clause().schema;
  s.relationship = true;
  s.arrow = in.string().find('<') != std::string::npos ? "<-" : "-";
} };
MLKG_ACTION(schema_rel_rest) {
  if (in.string().find('>') != std::string::npos) b.clause().schema.arrow = "->";
} };
MLKG_ACTION(schema_rel_variable) { b.clause().schema.variable = decode_name(in.begin(), in.end()); } };
MLKG_ACTION(schema_rel_type) { b.clause().schema.rel_type = decode_name(in.begin(), in.end()); } };
MLKG_ACTION(constraint_property_list) { b.clause().schema.parenthesised = true; } };
MLKG_ACTION(constraint_unique) { b.clause().schema.requirement = ast::SchemaCommand::Requirement::kUnique; } };
MLKG_ACTION(constraint_not_null) { b.clause().schema.requirement = ast::SchemaCommand::Requirement::kNotNull; } };
// The words as written, upper-cased and with single spaces ("NODE KEY", ":: STRING").
std::string requirement_words(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}
MLKG_ACTION(constraint_key) {
  b.clause().schema.requirement = ast::SchemaCommand::Requirement::kKey;
  b.clause().schema.requirement_text = requirement_words(in.string_view());
} };
MLKG_ACTION(constraint_typed) {
  b.clause().schema.requirement = ast::SchemaCommand::Requirement::kType;
  b.clause().schema.requirement_text = requirement_words(in.string_view());
} };
MLKG_ACTION(constraint_kind) { b.clause().schema.requirement_position = b.position(in.begin()); } };
MLKG_ACTION(if_not_exists) { b.clause().schema.if_not_exists = true; } };
MLKG_ACTION(if_exists) { b.clause().schema.if_exists = true; } };
MLKG_ACTION(index_variable) { b.clause().schema.variable = decode_name(in.begin(), in.end()); } };
MLKG_ACTION(index_label) { b.clause().schema.labels.push_back(decode_name(in.begin(), in.end())); } };
MLKG_ACTION(index_property_variable) {
  ast::IndexProperty p;
  p.variable = decode_name(in.begin(), in.end());
  p.position = b.position(in.begin());
  b.clause().schema.properties.push_back(std::move(p));
} };
MLKG_ACTION(index_property_key) { b.clause().schema.properties.back().key = decode_name(in.begin(), in.end()); } };
MLKG_ACTION(index_options) { b.clause().schema.options = b.pop_expr(); } };
MLKG_ACTION(schema_command) {
  ast::SingleQuery single;
  single.clauses.push_back(std::move(b.clauses_.back()));
  b.clauses_.pop_back();
  ast::Query q;
  q.parts.push_back(std::move(single));
  b.queries_.push_back(std::move(q));
} };

// ------------------------------------------------ queries and statements
MLKG_ACTION(single_query) {
  const size_t from = b.mark().clauses;
  ast::SingleQuery q;
  q.clauses.assign(std::make_move_iterator(b.clauses_.begin() + static_cast<std::ptrdiff_t>(from)),
                   std::make_move_iterator(b.clauses_.end()));
  b.clauses_.resize(from);
  b.singles_.push_back(std::move(q));
} };
MLKG_ACTION(union_all) { b.ints_.push_back(1); } };
MLKG_ACTION(union_distinct) { b.ints_.push_back(0); } };
MLKG_ACTION(regular_query) {
  const Mark& m = b.mark();
  ast::Query q;
  q.parts.assign(std::make_move_iterator(b.singles_.begin() + static_cast<std::ptrdiff_t>(m.singles)),
                 std::make_move_iterator(b.singles_.end()));
  b.singles_.resize(m.singles);
  for (size_t i = m.ints; i < b.ints_.size(); ++i) q.union_all.push_back(b.ints_[i] != 0);
  b.ints_.resize(m.ints);
  b.queries_.push_back(std::move(q));
} };
MLKG_ACTION(explain_keyword) { b.statements_.back().mode = ast::Statement::Mode::kExplain; } };
MLKG_ACTION(profile_keyword) { b.statements_.back().mode = ast::Statement::Mode::kProfile; } };
MLKG_ACTION(statement) {
  b.check_predicates();
  ast::Statement& s = b.statements_.back();
  s.query = std::move(b.queries_.back());
  b.queries_.pop_back();
  s.text.assign(in.begin(), in.end());
} };
MLKG_ACTION(literal_value) { b.literal_result_ = b.pop_expr(); } };

#undef MLKG_ACTION

template <typename Rule>
void run(Builder& b, std::string_view text) {
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data(), text.size(), "");
  try {
    pegtl::parse<Rule, Action, Control>(in, b);
  } catch (const pegtl::parse_error& e) {
    // Every error point raises a QueryError; this is a defect, but still a
    // syntax error and not a crash.
    const auto& p = e.positions().front();
    b.fail(text.data() + std::min(p.byte, text.size()), ErrorCode::kUnexpectedSyntax, std::string(e.message()));
  }
}

// The value of a literal expression, or a SyntaxError at the first part that
// is not a literal.
Value literal_value(const Expr& e, const Builder& b) {
  switch (e.kind) {
    case ExprKind::kLiteral: return e.value;
    case ExprKind::kList: {
      ValueList list;
      list.reserve(e.children.size());
      for (const ExprPtr& child : e.children) list.push_back(literal_value(*child, b));
      return Value(std::move(list));
    }
    case ExprKind::kMap: {
      ValueMap map;
      for (size_t i = 0; i < e.keys.size(); ++i) map[e.keys[i]] = literal_value(*e.children[i], b);
      return Value(std::move(map));
    }
    default:
      b.fail(b.begin_ + e.position.offset, ErrorCode::kUnexpectedSyntax,
             std::string(gr::error_message<gr::literal_value>) + "; found an expression that is not a literal");
  }
}

}  // namespace

std::vector<ast::Statement> parse_script(std::string_view text) {
  Builder b(text);
  run<gr::script>(b, text);
  return std::move(b.statements_);
}

ast::Statement parse_single_statement(std::string_view text) {
  std::vector<ast::Statement> statements = parse_script(text);
  if (statements.size() != 1)
    throw QueryError(ErrorClass::kSyntax, ErrorCode::kUnexpectedSyntax,
                     "expected exactly one statement, found " + std::to_string(statements.size()));
  return std::move(statements[0]);
}

size_t skip_blank(std::string_view text, size_t offset) {
  if (offset >= text.size()) return text.size();
  return static_cast<size_t>(skip_whitespace(text.data() + offset, text.data() + text.size()) - text.data());
}

SourcePosition position_in(std::string_view text, size_t offset) {
  return LineIndex(text).at(text.data() + std::min(offset, text.size()));
}

Value parse_literal(std::string_view text) {
  Builder b(text);
  run<gr::literal_input>(b, text);
  return literal_value(*b.literal_result_, b);
}

size_t find_statement_end(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    const char c = text[i];
    if (c == ';') return i + 1;
    if (c == '\'' || c == '"' || c == '`') {
      // A string ends at its unescaped quote; a quoted name at a backtick
      // that is not doubled.
      ++i;
      while (i < n) {
        if (c != '`' && text[i] == '\\') {
          i += 2;
        } else if (text[i] == c) {
          if (c == '`' && i + 1 < n && text[i + 1] == '`') {
            i += 2;
          } else {
            break;
          }
        } else {
          ++i;
        }
      }
      if (i >= n) return std::string_view::npos;
      ++i;
    } else if (c == '/' && i + 1 < n && text[i + 1] == '/') {
      while (i < n && text[i] != '\n' && text[i] != '\r') ++i;
    } else if (c == '/' && i + 1 < n && text[i + 1] == '*') {
      const size_t close = text.find("*/", i + 2);
      if (close == std::string_view::npos) return std::string_view::npos;
      i = close + 2;
    } else {
      ++i;
    }
  }
  return std::string_view::npos;
}

std::string format_error(const QueryError& error, std::string_view text) {
  std::string out = error.what();
  const SourcePosition& p = error.position();
  if (p.line == 0) return out;
  out += " (line " + std::to_string(p.line) + ", column " + std::to_string(p.column) + ")";
  if (p.offset > text.size()) return out;
  size_t line_start = p.offset - std::min(p.offset, p.column - 1);
  size_t line_end = line_start;
  while (line_end < text.size() && text[line_end] != '\n' && text[line_end] != '\r') ++line_end;
  const std::string_view line = text.substr(line_start, line_end - line_start);
  out += '\n';
  out += line;
  out += '\n';
  // The caret goes under the character: a tab stays a tab, every other
  // character (of one or more UTF-8 bytes) becomes one space.
  for (size_t i = line_start; i < p.offset && i < line_end; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\t') {
      out += '\t';
    } else if ((c & 0xC0) != 0x80) {
      out += ' ';
    }
  }
  out += '^';
  return out;
}

bool is_reserved_word(std::string_view word) {
  pegtl::memory_input<> in(word.data(), word.size(), "");
  return pegtl::parse<pegtl::seq<gr::reserved_word, pegtl::eof>>(in);
}

size_t analyze_cypher_grammar() {
  return pegtl::analyze<gr::script>() + pegtl::analyze<gr::literal_input>();
}

}  // namespace mlkg::query

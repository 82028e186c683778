// A recursive-descent parser for the search-text syntax of fulltext_query.hpp.
// Hand-written rather than a PEGTL grammar: the syntax is a handful of
// tokens whose meaning depends on where they stand (+ and - only start a
// clause, * only ends a word), and every word goes through the analyzer as
// it is read.

#include "engine/text/fulltext_query.hpp"

#include <optional>

#include "engine/common/unicode.hpp"
#include "engine/common/utf8.hpp"
#include "engine/text/analyzer.hpp"
#include "engine/text/fulltext_document.hpp"

namespace mlkg::text {

namespace {


struct Failure {
  size_t offset;  // byte offset of the offending text
  std::string message;
};

struct Token {
  enum class Kind { kEnd, kWord, kPhrase, kLeft, kRight, kAnd, kOr, kNot, kPlus, kMinus };
  Kind kind = Kind::kEnd;
  size_t offset = 0;   // where it starts
  size_t end = 0;      // just past it
  std::string text;    // kWord, kPhrase: the text, escapes resolved
  bool prefix = false; // kWord: ends with '*'
};

bool is_space(char32_t cp) { return cp == ' ' || unicode::is_whitespace(cp) || cp == 0xA0 || cp == 0x3000; }

bool is_word_char(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  return unicode::is_letter(cp);
}

// Characters of Lucene's syntax that this subset does not support.
const char* unsupported(char32_t cp) {
  switch (cp) {
    case ':': return "field queries (name:word) are not supported: the index searches all its properties as one text";
    case '~': return "fuzzy and proximity queries (~) are not supported";
    case '^': return "boosts (^) are not supported";
    case '[':
    case ']':
    case '{':
    case '}': return "range queries ([a TO b], {a TO b}) are not supported";
    default: return nullptr;
  }
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  QueryNode parse() {
    advance();
    if (token_.kind == Token::Kind::kEnd) throw Failure{0, "the search text is empty"};
    QueryNode root = group(0, std::nullopt);
    return root;
  }

 private:
  // ------------------------------------------------ lexer
  char32_t peek_cp(size_t at, size_t* next) const {
    size_t p = at;
    char32_t cp = utf8::decode(text_, p);
    if (next) *next = p;
    return cp;
  }

  void skip_space() {
    while (pos_ < text_.size()) {
      size_t next;
      if (!is_space(peek_cp(pos_, &next))) return;
      pos_ = next;
    }
  }

  // Reads the next token into token_.
  void advance() {
    skip_space();
    token_ = Token();
    token_.offset = pos_;
    if (pos_ >= text_.size()) {
      token_.end = pos_;
      return;
    }
    const char c = text_[pos_];
    switch (c) {
      case '(': token_.kind = Token::Kind::kLeft; ++pos_; break;
      case ')': token_.kind = Token::Kind::kRight; ++pos_; break;
      case '+': token_.kind = Token::Kind::kPlus; ++pos_; break;
      case '-': token_.kind = Token::Kind::kMinus; ++pos_; break;
      case '!': token_.kind = Token::Kind::kNot; ++pos_; break;
      case '"': read_phrase(); break;
      case '*': throw Failure{pos_, "a '*' must end a word (prefix*), not start one"};
      default: read_word(); break;
    }
    token_.end = pos_;
  }

  void read_phrase() {
    const size_t open = pos_++;
    token_.kind = Token::Kind::kPhrase;
    while (true) {
      if (pos_ >= text_.size()) throw Failure{open, "the phrase that starts here has no closing '\"'"};
      const char c = text_[pos_];
      if (c == '"') break;
      if (c == '\\') {
        if (pos_ + 1 >= text_.size()) throw Failure{pos_, "a '\\' at the end of the search text escapes nothing"};
        ++pos_;
      }
      size_t next;
      peek_cp(pos_, &next);
      token_.text.append(text_.substr(pos_, next - pos_));
      pos_ = next;
    }
    ++pos_;  // the closing quote
    if (pos_ < text_.size()) {
      if (text_[pos_] == '*') throw Failure{pos_, "a phrase cannot be a prefix: '*' may only end a word"};
      if (const char* why = unsupported(static_cast<unsigned char>(text_[pos_]))) throw Failure{pos_, why};
    }
  }

  void read_word() {
    token_.kind = Token::Kind::kWord;
    bool escaped = false;
    while (pos_ < text_.size()) {
      size_t next;
      const char32_t cp = peek_cp(pos_, &next);
      if (is_space(cp) || cp == '(' || cp == ')' || cp == '"') break;
      if (cp == '*') {
        token_.prefix = true;
        pos_ = next;
        if (pos_ < text_.size()) {
          size_t after;
          const char32_t following = peek_cp(pos_, &after);
          if (!is_space(following) && following != ')' && following != '(' && following != '"')
            throw Failure{pos_ - 1, "a '*' may only end a word (prefix*); wildcards inside words are not supported"};
        }
        break;
      }
      if (const char* why = unsupported(cp)) throw Failure{pos_, why};
      if (cp == '\\') {
        if (next >= text_.size()) throw Failure{pos_, "a '\\' at the end of the search text escapes nothing"};
        escaped = true;
        pos_ = next;
        peek_cp(pos_, &next);
      }
      token_.text.append(text_.substr(pos_, next - pos_));
      pos_ = next;
    }
    if (escaped || token_.prefix) return;
    if (token_.text == "AND" || token_.text == "&&") token_.kind = Token::Kind::kAnd;
    else if (token_.text == "OR" || token_.text == "||") token_.kind = Token::Kind::kOr;
    else if (token_.text == "NOT") token_.kind = Token::Kind::kNot;
  }

  // ------------------------------------------------ grammar
  static const char* describe(const Token& t) {
    switch (t.kind) {
      case Token::Kind::kEnd: return "the end of the search text";
      case Token::Kind::kRight: return "')'";
      case Token::Kind::kAnd: return "AND";
      case Token::Kind::kOr: return "OR";
      case Token::Kind::kNot: return "NOT";
      case Token::Kind::kPlus: return "'+'";
      case Token::Kind::kMinus: return "'-'";
      default: return "a word";
    }
  }

  static bool starts_clause(const Token& t) {
    return t.kind != Token::Kind::kEnd && t.kind != Token::Kind::kRight && t.kind != Token::Kind::kAnd &&
           t.kind != Token::Kind::kOr;
  }

  // A clause as read: its node (none when its words dropped out) and occur.
  struct Read {
    Occur occur = Occur::kShould;
    std::optional<QueryNode> node;
  };

  // Clauses up to the end, or up to the ')' that closes the group opened at
  // `open` (a byte offset).
  QueryNode group(size_t depth, std::optional<size_t> open) {
    std::vector<Read> items;
    bool looks_for_something = false;  // a clause that is not an exclusion was written
    const size_t start = token_.offset;
    while (true) {
      if (token_.kind == Token::Kind::kEnd) {
        if (open) throw Failure{*open, "the group that starts here has no closing ')'"};
        break;
      }
      if (token_.kind == Token::Kind::kRight) {
        if (!open) throw Failure{token_.offset, "a ')' without a '(' before it"};
        break;
      }
      if (token_.kind == Token::Kind::kOr) {
        if (items.empty()) throw Failure{token_.offset, "OR needs a word before it"};
        const size_t at = token_.offset;
        advance();
        if (!starts_clause(token_))
          throw Failure{token_.kind == Token::Kind::kEnd ? at : token_.offset,
                        std::string("expected a word after OR; found ") + describe(token_)};
      }
      Read r = conjunction(depth, &looks_for_something);
      items.push_back(std::move(r));
    }
    if (items.empty()) throw Failure{open.value_or(start), "a group '()' needs at least one word"};
    if (!looks_for_something)
      throw Failure{open.value_or(start), open ? "this group only excludes words ('-x', 'NOT x'); add a word to look for"
                                                : "the search text only excludes words ('-x', 'NOT x'); add a word to look for"};
    return make_boolean(std::move(items));
  }

  // clause (AND clause)*
  Read conjunction(size_t depth, bool* looks_for_something) {
    const size_t start = token_.offset;
    Read first = clause(depth);
    if (token_.kind != Token::Kind::kAnd) {
      if (first.occur != Occur::kMustNot) *looks_for_something = true;
      return first;
    }
    std::vector<Read> items;
    items.push_back(std::move(first));
    bool positive = items[0].occur != Occur::kMustNot;
    while (token_.kind == Token::Kind::kAnd) {
      const size_t at = token_.offset;
      advance();
      if (!starts_clause(token_))
        throw Failure{token_.kind == Token::Kind::kEnd ? at : token_.offset,
                      std::string("expected a word after AND; found ") + describe(token_)};
      items.push_back(clause(depth));
      if (items.back().occur != Occur::kMustNot) positive = true;
    }
    if (!positive) throw Failure{start, "AND joins only exclusions here ('NOT x AND NOT y'); add a word to look for"};
    *looks_for_something = true;
    for (Read& r : items)
      if (r.occur != Occur::kMustNot) r.occur = Occur::kMust;
    return Read{Occur::kShould, make_boolean(std::move(items))};
  }

  // [+ | - | ! | NOT] (word | "phrase" | '(' group ')')
  Read clause(size_t depth) {
    Read out;
    if (token_.kind == Token::Kind::kAnd || token_.kind == Token::Kind::kOr)
      throw Failure{token_.offset, std::string(describe(token_)) + " needs a word before it"};
    if (token_.kind == Token::Kind::kPlus || token_.kind == Token::Kind::kMinus || token_.kind == Token::Kind::kNot) {
      const Token op = token_;
      out.occur = op.kind == Token::Kind::kPlus ? Occur::kMust : Occur::kMustNot;
      const bool word_operator = op.kind == Token::Kind::kNot && op.end - op.offset == 3;  // NOT, not '!'
      advance();
      if (!word_operator && token_.offset != op.end && starts_clause(token_))
        throw Failure{op.offset, std::string(describe(op)) + " must touch the word it applies to, as in " +
                                     (op.kind == Token::Kind::kPlus ? "+kinesis" : "-kinesis")};
      if (token_.kind == Token::Kind::kPlus || token_.kind == Token::Kind::kMinus || token_.kind == Token::Kind::kNot)
        throw Failure{token_.offset, std::string("two operators in a row: ") + describe(op) + " then " + describe(token_)};
      if (!starts_clause(token_))
        throw Failure{token_.kind == Token::Kind::kEnd ? op.offset : token_.offset,
                      std::string("expected a word after ") + describe(op) + "; found " + describe(token_)};
    }
    switch (token_.kind) {
      case Token::Kind::kLeft: {
        const size_t open = token_.offset;
        if (depth + 1 > kMaxQueryNesting)
          throw Failure{open, "groups nest more than " + std::to_string(kMaxQueryNesting) + " levels deep"};
        advance();
        QueryNode inner = group(depth + 1, open);
        advance();  // the ')'
        if (!(inner.kind == QueryNode::Kind::kBoolean && inner.clauses.empty())) out.node = std::move(inner);
        return out;
      }
      case Token::Kind::kPhrase:
        out.node = phrase(token_);
        advance();
        return out;
      case Token::Kind::kWord:
        out.node = token_.prefix ? prefix(token_) : word(token_);
        advance();
        return out;
      default:
        throw Failure{token_.offset, std::string("expected a word; found ") + describe(token_)};
    }
  }

  // ------------------------------------------------ leaves
  std::optional<QueryNode> terms_node(const Token& t) const {
    std::vector<Term> terms = analyze(t.text);
    if (terms.empty()) return std::nullopt;
    QueryNode n;
    if (terms.size() == 1) {
      n.kind = QueryNode::Kind::kTerm;
      n.text = std::move(terms[0].text);
      return n;
    }
    n.kind = QueryNode::Kind::kPhrase;
    const uint32_t first = terms[0].position;
    if (terms.back().position - first >= kTextGap)
      throw Failure{t.offset, "a phrase may span at most " + std::to_string(kTextGap - 1) + " words"};
    for (Term& term : terms) n.phrase.emplace_back(std::move(term.text), term.position - first);
    return n;
  }

  std::optional<QueryNode> phrase(const Token& t) const { return terms_node(t); }
  std::optional<QueryNode> word(const Token& t) const { return terms_node(t); }

  std::optional<QueryNode> prefix(const Token& t) const {
    if (t.text.empty()) throw Failure{t.offset, "a '*' must end a word (prefix*), not stand alone"};
    for (size_t p = 0; p < t.text.size();) {
      if (!is_word_char(utf8::decode(t.text, p)))
        throw Failure{t.offset, "a prefix must be one word of letters and digits, such as kines*"};
    }
    std::string lowered = unicode::to_lower(t.text);
    std::vector<Term> terms = analyze(t.text);
    if (terms.size() == 1) {
      // Cut back to what it shares with its stem.
      const std::string& stem = terms[0].text;
      size_t n = 0;
      while (n < lowered.size() && n < stem.size() && lowered[n] == stem[n]) ++n;
      if (n > 0) lowered.resize(n);
    }
    QueryNode node;
    node.kind = QueryNode::Kind::kPrefix;
    node.text = std::move(lowered);
    return node;
  }

  // Builds a group from what was read: dropped clauses go; a group with
  // nothing left to look for matches nothing (empty); one clause that is
  // not an exclusion stands for the group.
  static QueryNode make_boolean(std::vector<Read> items) {
    QueryNode n;
    n.kind = QueryNode::Kind::kBoolean;
    bool positive = false;
    for (Read& r : items) {
      if (!r.node) continue;
      if (r.occur != Occur::kMustNot) positive = true;
      n.clauses.push_back(QueryClause{r.occur, std::move(*r.node)});
    }
    if (!positive) {
      n.clauses.clear();
      return n;
    }
    if (n.clauses.size() == 1) return std::move(n.clauses[0].node);
    return n;
  }

  std::string_view text_;
  size_t pos_ = 0;
  Token token_;
};

void write(const QueryNode& n, std::string& out) {
  switch (n.kind) {
    case QueryNode::Kind::kTerm: out += n.text; return;
    case QueryNode::Kind::kPrefix: out += n.text + "*"; return;
    case QueryNode::Kind::kPhrase: {
      out += '"';
      uint32_t expected = 0;
      for (size_t i = 0; i < n.phrase.size(); ++i) {
        for (; expected < n.phrase[i].second; ++expected) out += "_ ";
        out += n.phrase[i].first;
        if (i + 1 < n.phrase.size()) out += ' ';
        expected = n.phrase[i].second + 1;
      }
      out += '"';
      return;
    }
    case QueryNode::Kind::kBoolean:
      out += '(';
      for (size_t i = 0; i < n.clauses.size(); ++i) {
        if (i > 0) out += ' ';
        if (n.clauses[i].occur == Occur::kMust) out += '+';
        if (n.clauses[i].occur == Occur::kMustNot) out += '-';
        write(n.clauses[i].node, out);
      }
      out += ')';
      return;
  }
}

}  // namespace

bool parse_fulltext_query(std::string_view text, QueryNode* out, QuerySyntaxError* error) {
  try {
    *out = Parser(text).parse();
    return true;
  } catch (const Failure& f) {
    error->column = utf8::length(text.substr(0, std::min(f.offset, text.size()))) + 1;
    error->message = f.message;
    return false;
  }
}

std::string to_string(const QueryNode& node) {
  std::string out;
  write(node, out);
  return out;
}

}  // namespace mlkg::text

// Tab completion (see completer.hpp).
//
// Three steps: tokenize the text (tolerantly: an unterminated string, quoted
// name or comment simply runs to the end), walk the tokens before the cursor
// to learn which brackets are still open and which variable is bound to which
// labels or types, then pick the candidates for the innermost context.
//
// The walk knows just enough Cypher to tell the brackets apart:
//  - '(' opens a node pattern at the top level of MATCH, CREATE and MERGE
//    (after the keyword, ',' or '=') and after a relationship's tail (--, ]-,
//    ->); anywhere else it is a parenthesis or a call.
//  - '[' opens a relationship pattern right after ")-" or "<-"; anywhere else
//    it is a list.
//  - '{' inside a pattern holds its properties; after a variable it is a map
//    projection; anywhere else a map literal.
// A ':' in a pattern is followed by a label or type, in a map by a value, and
// elsewhere (WHERE n:Label) by a label.

#include "repl/completer.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>

#include "engine/common/unicode.hpp"
#include "engine/common/utf8.hpp"

namespace mlkg::repl {

namespace {

// ---------------------------------------------------------------- text helpers

bool is_ascii_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
// Bytes of identifiers: ASCII letters, digits, '_', and any byte of a
// non-ASCII UTF-8 character (openCypher allows letters of any script).
bool is_word_byte(unsigned char c) { return is_ascii_letter(c) || is_digit(c) || c == '_' || c >= 0x80; }
bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// Case-folded for case-insensitive matching: ASCII quickly, anything else
// through the engine's Unicode case mapping.
std::string fold(std::string_view s) {
  bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (!ascii) return unicode::to_lower(s);
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool starts_with_folded(std::string_view s, std::string_view folded_prefix) {
  return fold(s).starts_with(folded_prefix);
}

// ---------------------------------------------------------------- tokens

enum class TokenKind { kWord, kQuotedName, kString, kNumber, kParameter, kSymbol };

struct Token {
  TokenKind kind = TokenKind::kSymbol;
  size_t begin = 0, end = 0;  // byte range in the text
  std::string text;           // words and symbols as written; names and strings unescaped
  bool closed = true;         // strings and quoted names: the closing quote was seen
  char quote = 0;             // strings: ' or "

  bool is(std::string_view symbol) const { return kind == TokenKind::kSymbol && text == symbol; }
  bool is_keyword(std::string_view upper) const { return kind == TokenKind::kWord && ascii_upper(text) == upper; }
  bool is_name() const { return kind == TokenKind::kWord || kind == TokenKind::kQuotedName; }
};

struct Tokens {
  std::vector<Token> list;
  bool ends_in_comment = false;
};

// Reads the string literal starting at s[i] (a quote) into *t; returns the
// offset after it. Escapes are decoded as the parser decodes them; a string
// without its closing quote runs to the end.
size_t read_string(std::string_view s, size_t i, Token* t) {
  const char quote = s[i++];
  t->quote = quote;
  t->closed = false;
  while (i < s.size()) {
    const char c = s[i];
    if (c == quote) {
      t->closed = true;
      return i + 1;
    }
    if (c != '\\') {
      t->text += c;
      ++i;
      continue;
    }
    if (i + 1 >= s.size()) return i + 1;  // an escape still being typed
    const char e = s[i + 1];
    i += 2;
    switch (e) {
      case 'n': t->text += '\n'; break;
      case 't': t->text += '\t'; break;
      case 'r': t->text += '\r'; break;
      case 'b': t->text += '\b'; break;
      case 'f': t->text += '\f'; break;
      case 'u': {
        char32_t cp = 0;
        size_t k = 0;
        for (; k < 4 && i + k < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + k])); ++k)
          cp = cp * 16 + static_cast<char32_t>(std::stoi(std::string(1, s[i + k]), nullptr, 16));
        if (k == 4) {
          utf8::append(t->text, cp);
          i += 4;
        } else {
          t->text += 'u';
        }
        break;
      }
      default: t->text += e;
    }
  }
  return i;
}

// A `quoted name` (a doubled backtick stands for one); unterminated, it runs
// to the end.
size_t read_quoted_name(std::string_view s, size_t i, Token* t) {
  ++i;
  t->closed = false;
  while (i < s.size()) {
    if (s[i] == '`') {
      if (i + 1 < s.size() && s[i + 1] == '`') {
        t->text += '`';
        i += 2;
        continue;
      }
      t->closed = true;
      return i + 1;
    }
    t->text += s[i++];
  }
  return i;
}

Tokens tokenize(std::string_view s) {
  static constexpr std::string_view kTwoCharSymbols[] = {"<>", "<=", ">=", "=~", "..", "+=", "!="};
  Tokens out;
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (is_space(c)) {
      ++i;
      continue;
    }
    if (s.substr(i, 2) == "//") {
      size_t nl = s.find('\n', i);
      if (nl == std::string_view::npos) {
        out.ends_in_comment = true;
        break;
      }
      i = nl + 1;
      continue;
    }
    if (s.substr(i, 2) == "/*") {
      size_t close = s.find("*/", i + 2);
      if (close == std::string_view::npos) {
        out.ends_in_comment = true;
        break;
      }
      i = close + 2;
      continue;
    }
    Token t;
    t.begin = i;
    if (c == '\'' || c == '"') {
      t.kind = TokenKind::kString;
      i = read_string(s, i, &t);
    } else if (c == '`') {
      t.kind = TokenKind::kQuotedName;
      i = read_quoted_name(s, i, &t);
    } else if (c == '$') {
      t.kind = TokenKind::kParameter;
      if (i + 1 < s.size() && s[i + 1] == '`') {
        i = read_quoted_name(s, i + 1, &t);
      } else {
        ++i;
        while (i < s.size() && is_word_byte(static_cast<unsigned char>(s[i]))) ++i;
      }
    } else if (is_digit(c)) {
      t.kind = TokenKind::kNumber;
      while (i < s.size() && (is_word_byte(static_cast<unsigned char>(s[i])) ||
                              (s[i] == '.' && i + 1 < s.size() && is_digit(static_cast<unsigned char>(s[i + 1])))))
        ++i;
    } else if (is_word_byte(c)) {
      t.kind = TokenKind::kWord;
      while (i < s.size() && is_word_byte(static_cast<unsigned char>(s[i]))) ++i;
    } else {
      t.kind = TokenKind::kSymbol;
      const bool two = std::find(std::begin(kTwoCharSymbols), std::end(kTwoCharSymbols), s.substr(i, 2)) !=
                       std::end(kTwoCharSymbols);
      i += two ? 2 : 1;
    }
    t.end = i;
    if (t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber || t.kind == TokenKind::kSymbol)
      t.text = std::string(s.substr(t.begin, t.end - t.begin));
    out.list.push_back(std::move(t));
  }
  return out;
}

// ---------------------------------------------------------------- keywords

// Keywords as offered (several words where the first is never used alone).
constexpr std::string_view kKeywords[] = {
    "ALL", "AND", "AS", "ASC", "ASCENDING", "BY", "CALL", "CASE", "CONTAINS", "CREATE", "DELETE", "DESC",
    "DESCENDING", "DETACH DELETE", "DISTINCT", "ELSE", "END", "ENDS WITH", "EXPLAIN", "FALSE", "IN",
    "IS NOT NULL", "IS NULL", "LIMIT", "MATCH", "MERGE", "NOT", "NULL", "ON CREATE", "ON MATCH",
    "OPTIONAL MATCH", "OR", "ORDER BY", "PROFILE", "REMOVE", "RETURN", "SET", "SKIP", "STARTS WITH", "THEN",
    "TRUE", "UNION", "UNION ALL", "UNWIND", "WHEN", "WHERE", "WITH", "XOR", "YIELD"};
// Schema commands, offered where a statement starts, and the words inside
// them, offered once a statement is one (they are no keywords elsewhere).
constexpr std::string_view kSchemaStatements[] = {
    "CREATE CONSTRAINT", "CREATE FULLTEXT INDEX", "CREATE INDEX", "CREATE RANGE INDEX", "DROP CONSTRAINT",
    "DROP INDEX",        "SHOW CONSTRAINTS",      "SHOW FULLTEXT INDEXES", "SHOW INDEXES", "SHOW RANGE INDEXES"};
// The shell's transaction commands (repl/session_script.hpp), offered where a
// statement starts.
constexpr std::string_view kTransactionCommands[] = {"BEGIN", "BEGIN READ ONLY", "COMMIT", "ROLLBACK"};
constexpr std::string_view kSchemaWords[] = {"FOR", "IF EXISTS", "IF NOT EXISTS", "IS UNIQUE", "ON", "ON EACH",
                                             "OPTIONS", "REQUIRE"};
// Expressions written like calls that are syntax, not registered functions.
constexpr std::string_view kCallLikeForms[] = {"all", "any", "none", "reduce", "single"};

bool is_reserved_word(std::string_view word) {
  static const std::set<std::string, std::less<>> words = [] {
    std::set<std::string, std::less<>> out;
    for (std::string_view k : kKeywords) {
      size_t start = 0;
      while (start < k.size()) {
        size_t space = k.find(' ', start);
        if (space == std::string_view::npos) space = k.size();
        out.emplace(k.substr(start, space - start));
        start = space + 1;
      }
    }
    return out;
  }();
  return words.count(ascii_upper(word)) > 0;
}

// Words that start a clause (the walk tracks which clause it is in).
bool is_clause_word(std::string_view upper) {
  static constexpr std::string_view kWords[] = {"MATCH",  "CREATE", "MERGE", "WHERE", "RETURN", "WITH",
                                                "UNWIND", "SET",    "DELETE", "REMOVE", "CALL",  "YIELD",
                                                "ORDER",  "SKIP",   "LIMIT", "UNION", "FOREACH"};
  return std::find(std::begin(kWords), std::end(kWords), upper) != std::end(kWords);
}

bool is_pattern_clause(std::string_view clause) { return clause == "MATCH" || clause == "CREATE" || clause == "MERGE"; }

// ---------------------------------------------------------------- analysis

enum class FrameKind { kNodePattern, kRelPattern, kMap, kParen, kList };

// A bracket still open at the cursor (or a node pattern once closed).
struct Frame {
  Frame(FrameKind k, size_t o) : kind(k), open(o) {}
  FrameKind kind;
  size_t open;                     // index of the opening token
  std::string var;                 // patterns: the variable written first
  std::vector<std::string> names;  // patterns: the labels or types written
  int owner = -1;                  // maps in a pattern: that pattern's place in the stack
  std::string projected;           // maps: the variable of a map projection n{...}
};

enum class VarKind { kOther, kNode, kRelationship };

struct Binding {
  VarKind kind = VarKind::kOther;
  std::set<std::string> names;  // labels of a node, types of a relationship
};

struct Context {
  std::vector<Frame> open;                // outermost first
  std::map<std::string, Binding> vars;    // bound before the cursor
  std::map<size_t, Frame> node_patterns;  // closed node patterns by the index of their ')'

  void bind(const std::string& var, VarKind kind, const std::string* name = nullptr) {
    if (var.empty()) return;
    Binding& b = vars[var];
    if (kind != VarKind::kOther) b.kind = kind;
    if (name) b.names.insert(*name);
  }
  const Binding* binding(const std::string& var) const {
    auto it = vars.find(var);
    return it == vars.end() ? nullptr : &it->second;
  }
  // The labels a node pattern has: written in it, or bound to its variable.
  std::set<std::string> labels_of(const Frame& pattern) const {
    std::set<std::string> out(pattern.names.begin(), pattern.names.end());
    if (out.empty())
      if (const Binding* b = binding(pattern.var); b && b->kind == VarKind::kNode) out = b->names;
    return out;
  }
};

// Whether the '(' at index i follows a relationship's tail: --( ]-( ->(
bool after_relationship(const std::vector<Token>& t, size_t i) {
  if (i < 2) return false;
  return (t[i - 1].is("-") && (t[i - 2].is("-") || t[i - 2].is("]"))) || (t[i - 1].is(">") && t[i - 2].is("-"));
}

// Walks tokens [0, n): the brackets left open, the variables bound.
Context analyse(const std::vector<Token>& t, size_t n) {
  Context cx;
  std::string clause;  // the last clause keyword at the top level
  for (size_t i = 0; i < n; ++i) {
    const Token& tok = t[i];
    const Token* prev = i > 0 ? &t[i - 1] : nullptr;
    const Token* next = i + 1 < n ? &t[i + 1] : nullptr;
    Frame* top = cx.open.empty() ? nullptr : &cx.open.back();

    if (tok.kind == TokenKind::kSymbol) {
      if (tok.text == ";") {
        cx = Context();
        clause.clear();
      } else if (tok.text == "(") {
        const bool pattern_start =
            !top && is_pattern_clause(clause) && prev &&
            (prev->is(",") || prev->is("=") || prev->is_keyword("MATCH") || prev->is_keyword("CREATE") ||
             prev->is_keyword("MERGE"));
        const bool node = pattern_start || after_relationship(t, i);
        cx.open.emplace_back(node ? FrameKind::kNodePattern : FrameKind::kParen, i);
      } else if (tok.text == "[") {
        const bool rel = i >= 2 && prev->is("-") && (t[i - 2].is(")") || t[i - 2].is("<"));
        cx.open.emplace_back(rel ? FrameKind::kRelPattern : FrameKind::kList, i);
      } else if (tok.text == "{") {
        Frame map(FrameKind::kMap, i);
        if (top && (top->kind == FrameKind::kNodePattern || top->kind == FrameKind::kRelPattern))
          map.owner = static_cast<int>(cx.open.size()) - 1;
        else if (prev && prev->is_name() && !(prev->kind == TokenKind::kWord && is_reserved_word(prev->text)))
          map.projected = prev->text;
        cx.open.push_back(std::move(map));
      } else if (tok.text == ")" || tok.text == "]" || tok.text == "}") {
        auto closes = [&](FrameKind k) {
          if (tok.text == ")") return k == FrameKind::kNodePattern || k == FrameKind::kParen;
          if (tok.text == "]") return k == FrameKind::kRelPattern || k == FrameKind::kList;
          return k == FrameKind::kMap;
        };
        auto it = std::find_if(cx.open.rbegin(), cx.open.rend(), [&](const Frame& f) { return closes(f.kind); });
        if (it != cx.open.rend()) {
          const size_t keep = static_cast<size_t>(cx.open.rend() - it) - 1;
          if (cx.open[keep].kind == FrameKind::kNodePattern) cx.node_patterns.insert_or_assign(i, cx.open[keep]);
          cx.open.erase(cx.open.begin() + static_cast<std::ptrdiff_t>(keep), cx.open.end());
        }
      } else if ((tok.text == ":" || tok.text == "|") && next && next->is_name()) {
        if (top && top->kind == FrameKind::kNodePattern && tok.text == ":") {
          top->names.push_back(next->text);
          cx.bind(top->var, VarKind::kNode, &next->text);
        } else if (top && top->kind == FrameKind::kRelPattern) {
          top->names.push_back(next->text);
          cx.bind(top->var, VarKind::kRelationship, &next->text);
        } else if (tok.text == ":" && !(top && top->kind == FrameKind::kMap) && prev && prev->is_name()) {
          cx.bind(prev->text, VarKind::kNode, &next->text);  // a label predicate: n:Label
        }
      }
      continue;
    }
    if (!tok.is_name()) continue;

    if (top && (top->kind == FrameKind::kNodePattern || top->kind == FrameKind::kRelPattern) && i == top->open + 1) {
      top->var = tok.text;
      cx.bind(tok.text, top->kind == FrameKind::kNodePattern ? VarKind::kNode : VarKind::kRelationship);
    } else if (prev && prev->is_keyword("AS")) {
      // `WITH s AS svc` carries s's labels over; any other expression binds an unknown.
      const Token* source = i >= 2 ? &t[i - 2] : nullptr;
      const Token* before = i >= 3 ? &t[i - 3] : nullptr;
      const Binding* b = source && source->is_name() ? cx.binding(source->text) : nullptr;
      const bool whole = !before || before->is(",") || before->is_keyword("WITH") || before->is_keyword("RETURN") ||
                         before->is_keyword("DISTINCT");
      if (b && whole) cx.vars[tok.text] = *b;
      else cx.bind(tok.text, VarKind::kOther);
    } else if (!top && clause == "YIELD" && prev && (prev->is_keyword("YIELD") || prev->is(","))) {
      cx.bind(tok.text, VarKind::kOther);
    } else if (top && (top->kind == FrameKind::kParen || top->kind == FrameKind::kList) && i == top->open + 1 && next &&
               (next->is_keyword("IN") || next->is("="))) {
      cx.bind(tok.text, VarKind::kOther);  // [x IN list ...], any(x IN ...), reduce(acc = ...)
    } else if (!top && is_pattern_clause(clause) && next && next->is("=")) {
      cx.bind(tok.text, VarKind::kOther);  // a path: p = (...)
    } else if (!top && tok.kind == TokenKind::kWord) {
      const std::string upper = ascii_upper(tok.text);
      if (is_clause_word(upper) && !(upper == "WITH" && prev && (prev->is_keyword("STARTS") || prev->is_keyword("ENDS"))))
        clause = upper;
    }
  }
  return cx;
}

// ---------------------------------------------------------------- candidates

// Collects candidates, then sorts them alphabetically (ignoring case) and
// drops duplicates.
class Offer {
 public:
  explicit Offer(size_t replace_from) { result_.replace_from = replace_from; }

  void add(std::string candidate, std::string shown = {}) {
    if (shown.empty()) shown = candidate;
    items_.emplace_back(std::move(candidate), std::move(shown));
  }
  // Adds each of `names` that starts with `prefix` (ignoring case), quoted
  // with backticks when it needs them.
  void add_names(const std::vector<std::string>& names, std::string_view prefix) {
    const std::string folded = fold(prefix);
    for (const auto& name : names)
      if (starts_with_folded(name, folded)) add(quote_cypher_name(name));
  }
  template <class Range>
  void add_names(const Range& names, std::string_view prefix) {
    add_names(std::vector<std::string>(names.begin(), names.end()), prefix);
  }

  Completion sorted() && {
    std::sort(items_.begin(), items_.end(), [](const auto& a, const auto& b) {
      std::string fa = fold(a.first), fb = fold(b.first);
      return fa != fb ? fa < fb : a.first < b.first;
    });
    for (auto& [candidate, shown] : items_) {
      if (!result_.candidates.empty() && result_.candidates.back() == candidate) continue;
      result_.candidates.push_back(std::move(candidate));
      result_.shown.push_back(std::move(shown));
    }
    return std::move(result_);
  }

 private:
  Completion result_;
  std::vector<std::pair<std::string, std::string>> items_;
};

Completion nothing(size_t at) {
  Completion c;
  c.replace_from = at;
  return c;
}

// The keys of nodes with any of `labels`; all keys when that gives none.
std::vector<std::string> node_keys(const GraphVocabulary& v, const std::set<std::string>& labels) {
  std::set<std::string> out;
  for (const auto& l : labels)
    if (auto it = v.keys_by_label.find(l); it != v.keys_by_label.end()) out.insert(it->second.begin(), it->second.end());
  return out.empty() ? v.keys : std::vector<std::string>(out.begin(), out.end());
}

// The keys of relationships of any of `types`; else of any relationship; else all keys.
std::vector<std::string> relationship_keys(const GraphVocabulary& v, const std::set<std::string>& types) {
  std::set<std::string> out;
  for (const auto& t : types)
    if (auto it = v.keys_by_type.find(t); it != v.keys_by_type.end()) out.insert(it->second.begin(), it->second.end());
  if (!out.empty()) return std::vector<std::string>(out.begin(), out.end());
  return v.rel_keys.empty() ? v.keys : v.rel_keys;
}

std::vector<std::string> keys_of_variable(const GraphVocabulary& v, const Context& cx, const std::string& var) {
  const Binding* b = cx.binding(var);
  if (b && b->kind == VarKind::kNode) return node_keys(v, b->names);
  if (b && b->kind == VarKind::kRelationship) return relationship_keys(v, b->names);
  return v.keys;
}

// The relationship types to offer in the relationship pattern `rel`: those
// leaving (or, after "<-", entering) the labels of the node pattern on its
// left, when it has labels and the data has such types; else all. Types
// already written in the pattern are left out.
std::vector<std::string> types_for(const GraphVocabulary& v, const Context& cx, const std::vector<Token>& t,
                                   const Frame& rel) {
  std::set<std::string> labels;
  bool incoming = false;
  if (rel.open >= 2 && t[rel.open - 1].is("-")) {
    size_t k = rel.open - 2;
    if (t[k].is("<") && k > 0) {
      incoming = true;
      --k;
    }
    if (auto it = cx.node_patterns.find(k); t[k].is(")") && it != cx.node_patterns.end()) labels = cx.labels_of(it->second);
  }
  std::vector<std::string> out;
  if (!labels.empty()) {
    // A node with several labels: the types every one of them has that way.
    std::map<std::string, std::set<std::string>> labels_by_type;
    for (const auto& p : v.patterns) {
      const std::string& side = incoming ? p.end : p.start;
      if (labels.count(side)) labels_by_type[p.type].insert(side);
    }
    for (const auto& [type, with] : labels_by_type)
      if (with.size() == labels.size()) out.push_back(type);
  }
  if (out.empty()) out = v.types;
  std::erase_if(out, [&](const std::string& type) {
    return std::find(rel.names.begin(), rel.names.end(), type) != rel.names.end();
  });
  return out;
}

// ---------------------------------------------------------------- node names

bool has_labels(const GraphVocabulary::NodeName& node, const std::set<std::string>& labels) {
  for (const auto& l : labels) {
    bool found = false;
    size_t start = 0;
    while (!found && start <= node.label.size()) {
      size_t colon = node.label.find(':', start);
      if (colon == std::string::npos) colon = node.label.size();
      found = std::string_view(node.label).substr(start, colon - start) == l;
      start = colon + 1;
    }
    if (!found) return false;
  }
  return true;
}

// Whether a word inside `folded_name` (not its first) starts with `q`.
bool word_inside_starts_with(const std::string& folded_name, const std::string& q) {
  for (size_t i = 1; i < folded_name.size(); ++i)
    if (!is_word_byte(static_cast<unsigned char>(folded_name[i - 1])) &&
        is_word_byte(static_cast<unsigned char>(folded_name[i])) && folded_name.compare(i, q.size(), q) == 0)
      return true;
  return false;
}

std::string escape_in_string(std::string_view s, char quote) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c == quote) out += '\\';
        out += c;
    }
  }
  return out;
}

// Completes the unterminated string token t[n] with node names, or ids when
// it is the value of an `id` property.
Completion complete_string(const std::vector<Token>& t, size_t n, const GraphVocabulary& v) {
  const Token& str = t[n];
  const Context cx = analyse(t, n);
  const Frame* top = cx.open.empty() ? nullptr : &cx.open.back();
  const Token* p = n > 0 ? &t[n - 1] : nullptr;
  std::string key;
  std::set<std::string> labels;

  if (p && p->is(":") && top && top->kind == FrameKind::kMap) {  // {key: '
    if (n >= 2 && t[n - 2].is_name()) key = t[n - 2].text;
    if (top->owner >= 0) {
      const Frame& pattern = cx.open[static_cast<size_t>(top->owner)];
      if (pattern.kind == FrameKind::kRelPattern) return nothing(str.begin + 1);
      labels = cx.labels_of(pattern);
    }
  } else {
    // var.key <operator> '   or   var.key IN ['a', '
    size_t op = std::string::npos;  // index of the operator's first token
    if (p && (p->is("[") || p->is(",")) && top && top->kind == FrameKind::kList && top->open >= 1 &&
        t[top->open - 1].is_keyword("IN"))
      op = top->open - 1;
    else if (p && (p->is("=") || p->is("<>") || p->is("!=") || p->is("<") || p->is(">") || p->is("<=") ||
                   p->is(">=") || p->is("=~") || p->is_keyword("CONTAINS")))
      op = n - 1;
    else if (p && p->is_keyword("WITH") && n >= 2 && (t[n - 2].is_keyword("STARTS") || t[n - 2].is_keyword("ENDS")))
      op = n - 2;
    if (op != std::string::npos && op >= 3 && t[op - 1].is_name() && t[op - 2].is(".") && t[op - 3].is_name()) {
      key = t[op - 1].text;
      if (const Binding* b = cx.binding(t[op - 3].text)) {
        if (b->kind == VarKind::kRelationship) return nothing(str.begin + 1);
        if (b->kind == VarKind::kNode) labels = b->names;
      }
    }
  }

  const bool by_id = key == "id";
  const std::string q = fold(str.text);
  struct Found {
    int rank;
    std::string sort_key;
    const GraphVocabulary::NodeName* node;
    std::string alias;  // the alias that matched, if that is how
  };
  std::vector<Found> found;
  for (const auto& node : v.nodes) {
    const std::string& value = by_id ? node.id : node.name;
    if (value.empty() || !has_labels(node, labels)) continue;
    const std::string folded_name = fold(node.name), folded_id = fold(node.id);
    const std::string& primary = by_id ? folded_id : folded_name;
    const std::string& secondary = by_id ? folded_name : folded_id;
    int rank = 99;
    std::string alias;
    auto consider = [&](int r, const std::string& a = {}) {
      if (r < rank) {
        rank = r;
        alias = a;
      }
    };
    if (primary == q || (!secondary.empty() && secondary == q)) consider(0);
    if (primary.starts_with(q)) consider(1);
    for (const auto& a : node.aliases) {
      const std::string fa = fold(a);
      if (fa == q) consider(0, a);
      else if (fa.starts_with(q)) consider(2, a);
    }
    if (!secondary.empty() && secondary.starts_with(q)) consider(3);
    if (word_inside_starts_with(folded_name, q)) consider(4);
    if (rank < 99) found.push_back({rank, fold(value), &node, alias});
  }
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    if (a.sort_key != b.sort_key) return a.sort_key < b.sort_key;
    return (a.node->id + '\n' + a.node->name) < (b.node->id + '\n' + b.node->name);
  });

  Completion c;
  c.replace_from = str.begin + 1;
  std::set<std::string> taken;
  for (const Found& f : found) {
    if (c.candidates.size() >= kMaxNodeCandidates) break;
    const std::string& value = by_id ? f.node->id : f.node->name;
    std::string candidate = escape_in_string(value, str.quote) + str.quote;
    if (!taken.insert(candidate).second) continue;
    std::string about;
    if (!f.node->label.empty()) about = ":" + f.node->label;
    const std::string& other = by_id ? f.node->name : f.node->id;
    if (!other.empty()) about += (about.empty() ? "" : " ") + other;
    if (!f.alias.empty()) about += (about.empty() ? "" : ", ") + std::string("alias ") + f.alias;
    c.candidates.push_back(std::move(candidate));
    c.shown.push_back(about.empty() ? value : value + "  (" + about + ")");
  }
  return c;
}

// ---------------------------------------------------------------- meta-commands and paths

std::string home_dir() {
  const char* home = std::getenv("HOME");
  return home ? home : "";
}

// Completes the path `word` (which starts at byte `from`).
Completion complete_path(std::string_view word, size_t from) {
  Offer offer(from);
  if (word == "~") {
    if (!home_dir().empty()) offer.add("~/");
    return std::move(offer).sorted();
  }
  const size_t slash = word.rfind('/');
  const std::string dir_part(slash == std::string_view::npos ? std::string_view() : word.substr(0, slash + 1));
  const std::string_view base = slash == std::string_view::npos ? word : word.substr(slash + 1);
  std::string dir = dir_part.empty() ? "." : dir_part;
  if (dir.starts_with("~/")) {
    if (home_dir().empty()) return nothing(from);
    dir = home_dir() + dir.substr(1);
  }
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.starts_with('.') && !base.starts_with('.')) continue;
    if (!name.starts_with(base)) continue;
    std::error_code type_ec;
    const bool is_dir = it->is_directory(type_ec);  // follows symbolic links
    const std::string suffix = is_dir ? "/" : "";
    offer.add(dir_part + name + suffix, name + suffix);
  }
  return std::move(offer).sorted();
}

// `text` starts (after spaces) with ':' at byte `colon`.
Completion complete_meta(std::string_view text, size_t colon, const std::vector<MetaCommandSpec>& meta) {
  const size_t name_end = text.find_first_of(" \t\r\n", colon);
  const std::string_view name = text.substr(colon, name_end == std::string_view::npos ? text.size() - colon : name_end - colon);
  if (name_end == std::string_view::npos) {
    Offer offer(colon);
    const std::string folded = fold(name);
    for (const auto& m : meta)
      if (starts_with_folded(m.name, folded)) offer.add(m.name);
    return std::move(offer).sorted();
  }
  auto spec = std::find_if(meta.begin(), meta.end(), [&](const MetaCommandSpec& m) { return fold(m.name) == fold(name); });
  if (spec == meta.end() || !spec->takes_path) return nothing(text.size());
  const size_t arg = text.find_last_of(" \t\r\n") + 1;
  return complete_path(text.substr(arg), arg);
}

// Whether `p`, the token before the word at the cursor, ends an operand (a
// name, a literal, a parameter or a closing bracket), after which only an
// operator or a clause keyword can come.
bool ends_operand(const Token* p) {
  if (!p) return false;
  switch (p->kind) {
    case TokenKind::kQuotedName:
    case TokenKind::kString:
    case TokenKind::kNumber:
    case TokenKind::kParameter:
      return true;
    case TokenKind::kWord: {
      const std::string upper = ascii_upper(p->text);
      return !is_reserved_word(upper) || upper == "TRUE" || upper == "FALSE" || upper == "NULL" || upper == "END";
    }
    case TokenKind::kSymbol:
      return p->is(")") || p->is("]") || p->is("}");
  }
  return false;
}

// The words of the statement that tokens [0, n) end in, upper-cased and
// joined by spaces, when they are all words ("CREATE", "SHOW FULLTEXT");
// else empty.
std::string statement_words(const std::vector<Token>& t, size_t n) {
  size_t first = n;
  while (first > 0 && !t[first - 1].is(";")) --first;
  std::string out;
  for (size_t i = first; i < n; ++i) {
    if (t[i].kind != TokenKind::kWord) return "";
    out += (out.empty() ? "" : " ") + ascii_upper(t[i].text);
  }
  return out;
}

// Whether the statement that tokens [0, n) end in is a schema command:
// CREATE or DROP, then INDEX, CONSTRAINT, RANGE or FULLTEXT.
bool in_schema_command(const std::vector<Token>& t, size_t n) {
  size_t first = n;
  while (first > 0 && !t[first - 1].is(";")) --first;
  if (first + 1 >= n) return false;
  const Token& verb = t[first];
  const Token& what = t[first + 1];
  return (verb.is_keyword("CREATE") || verb.is_keyword("DROP")) &&
         (what.is_keyword("INDEX") || what.is_keyword("CONSTRAINT") || what.is_keyword("RANGE") ||
          what.is_keyword("FULLTEXT"));
}

// The words that only make sense inside CASE ... END.
bool is_case_word(std::string_view keyword) {
  return keyword == "WHEN" || keyword == "THEN" || keyword == "ELSE" || keyword == "END";
}

// How many CASE expressions are open among tokens [0, n).
int open_case_count(const std::vector<Token>& t, size_t n) {
  int open = 0;
  for (size_t i = 0; i < n; ++i) {
    if (t[i].is_keyword("CASE")) ++open;
    else if (t[i].is_keyword("END") && open > 0) --open;
    else if (t[i].is(";")) open = 0;
  }
  return open;
}

// Keywords in the case the user started typing: all lower case when the
// prefix has lower-case letters and no upper-case ones, else upper case.
std::string in_typed_case(std::string_view keyword, std::string_view prefix) {
  const bool has_lower = std::any_of(prefix.begin(), prefix.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  const bool has_upper = std::any_of(prefix.begin(), prefix.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  return has_lower && !has_upper ? fold(keyword) : std::string(keyword);
}

}  // namespace

Completion complete(std::string_view text, const GraphVocabulary& vocab, const std::vector<MetaCommandSpec>& meta) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == ':') return complete_meta(text, first, meta);

  const Tokens tokens = tokenize(text);
  if (tokens.ends_in_comment) return nothing(text.size());
  const std::vector<Token>& t = tokens.list;

  // The word at the cursor: tokens [0, n) come before it.
  size_t n = t.size();
  size_t from = text.size();
  std::string prefix;
  bool quoted = false;
  if (n > 0 && t[n - 1].end == text.size()) {
    const Token& last = t[n - 1];
    switch (last.kind) {
      case TokenKind::kString:
        return last.closed ? nothing(text.size()) : complete_string(t, n - 1, vocab);
      case TokenKind::kQuotedName:
        if (last.closed) return nothing(text.size());
        quoted = true;
        [[fallthrough]];
      case TokenKind::kWord:
        prefix = last.text;
        from = last.begin;
        --n;
        break;
      case TokenKind::kNumber:
      case TokenKind::kParameter:
        return nothing(text.size());
      case TokenKind::kSymbol:
        break;
    }
  }

  // CALL db.sch: a dotted procedure name (its parts touch each other).
  if (!quoted) {
    size_t j = n, start = from;
    while (j >= 2 && t[j - 1].is(".") && t[j - 1].end == start && t[j - 2].kind == TokenKind::kWord &&
           t[j - 2].end == t[j - 1].begin) {
      start = t[j - 2].begin;
      j -= 2;
    }
    if (j >= 1 && t[j - 1].is_keyword("CALL")) {
      Offer offer(start);
      const std::string folded = fold(text.substr(start));
      for (const auto& p : vocab.procedures)
        if (starts_with_folded(p, folded)) offer.add(p);
      return std::move(offer).sorted();
    }
  }

  const Context cx = analyse(t, n);
  const Frame* top = cx.open.empty() ? nullptr : &cx.open.back();
  const Token* p = n > 0 ? &t[n - 1] : nullptr;
  const Token* p2 = n > 1 ? &t[n - 2] : nullptr;
  Offer offer(from);

  if (p && p->is(".")) {  // property keys
    if (p2 && p2->is_name()) offer.add_names(keys_of_variable(vocab, cx, p2->text), prefix);
    else if (p2 && (p2->is("{") || p2->is(",")) && top && top->kind == FrameKind::kMap && !top->projected.empty())
      offer.add_names(keys_of_variable(vocab, cx, top->projected), prefix);
    else if (p2 && (p2->is(")") || p2->is("]")))
      offer.add_names(vocab.keys, prefix);
    return std::move(offer).sorted();
  }
  if (p && (p->is(":") || p->is("|")) && top && top->kind == FrameKind::kRelPattern) {
    offer.add_names(types_for(vocab, cx, t, *top), prefix);
    return std::move(offer).sorted();
  }
  if (p && p->is(":") && !(top && top->kind == FrameKind::kMap)) {  // labels
    std::vector<std::string> labels = vocab.labels;
    if (top && top->kind == FrameKind::kNodePattern)
      std::erase_if(labels, [&](const std::string& l) {
        return std::find(top->names.begin(), top->names.end(), l) != top->names.end();
      });
    offer.add_names(labels, prefix);
    return std::move(offer).sorted();
  }
  if (top && top->kind == FrameKind::kMap && p && (p->is("{") || p->is(","))) {  // a map's keys
    if (top->owner >= 0) {
      const Frame& pattern = cx.open[static_cast<size_t>(top->owner)];
      if (pattern.kind == FrameKind::kNodePattern) {
        offer.add_names(node_keys(vocab, cx.labels_of(pattern)), prefix);
      } else {
        std::set<std::string> types(pattern.names.begin(), pattern.names.end());
        if (types.empty())
          if (const Binding* b = cx.binding(pattern.var); b && b->kind == VarKind::kRelationship) types = b->names;
        offer.add_names(relationship_keys(vocab, types), prefix);
      }
    }
    return std::move(offer).sorted();
  }
  if (top && (top->kind == FrameKind::kNodePattern || top->kind == FrameKind::kRelPattern)) {
    if (n == top->open + 1) {  // the pattern's variable: one bound before
      const VarKind want = top->kind == FrameKind::kNodePattern ? VarKind::kNode : VarKind::kRelationship;
      std::vector<std::string> vars;
      for (const auto& [name, b] : cx.vars)
        if (b.kind == want || b.kind == VarKind::kOther) vars.push_back(name);
      offer.add_names(vars, prefix);
    }
    return std::move(offer).sorted();
  }
  if (p && p->is_keyword("AS")) return nothing(from);  // a new name

  // Anywhere else in a query: variables, and unless a `quoted name` is being
  // typed, keywords and functions. Right after an operand only a keyword
  // can follow (an operator such as STARTS WITH or the next clause).
  const bool after_operand = ends_operand(p);
  if (!after_operand) {
    std::vector<std::string> vars;
    for (const auto& [name, b] : cx.vars) vars.push_back(name);
    offer.add_names(vars, prefix);
  }
  if (!quoted) {
    const std::string folded = fold(prefix);
    const bool in_case = open_case_count(t, n) > 0;
    const bool statement_start = !p || p->is(";");
    for (std::string_view k : kKeywords) {
      if (!starts_with_folded(k, folded)) continue;
      if (!in_case && is_case_word(k)) continue;
      if (!statement_start && (k == "EXPLAIN" || k == "PROFILE")) continue;
      offer.add(in_typed_case(k, prefix));
    }
    if (statement_start) {
      for (std::string_view k : kSchemaStatements)
        if (starts_with_folded(k, folded)) offer.add(in_typed_case(k, prefix));
      for (std::string_view k : kTransactionCommands)
        if (starts_with_folded(k, folded)) offer.add(in_typed_case(k, prefix));
    } else if (std::string head = statement_words(t, n); !head.empty()) {
      // CREATE CON -> CONSTRAINT: the rest of a schema statement begun.
      for (std::string_view k : kSchemaStatements) {
        if (k.size() <= head.size() || !k.starts_with(head) || k[head.size()] != ' ') continue;
        std::string_view rest = k.substr(head.size() + 1);
        if (starts_with_folded(rest, folded)) offer.add(in_typed_case(rest, prefix));
      }
    }
    if (in_schema_command(t, n)) {
      for (std::string_view k : kSchemaWords)
        if (starts_with_folded(k, folded)) offer.add(in_typed_case(k, prefix));
    }
    if (after_operand) return std::move(offer).sorted();
    for (const auto& f : vocab.functions)
      if (starts_with_folded(f, folded)) offer.add(f + "(");
    for (std::string_view f : kCallLikeForms)
      if (starts_with_folded(f, folded)) offer.add(std::string(f) + "(");
  }
  return std::move(offer).sorted();
}

}  // namespace mlkg::repl

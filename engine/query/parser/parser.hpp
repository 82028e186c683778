#pragma once
// The openCypher parser: text to ast::Statement. The only translation unit
// that includes grammar/cypher.hpp is parser.cpp.
//
// Errors are QueryError of class SyntaxError whose position points at the
// offending character of the whole text; the code is the TCK's
// (UnexpectedSyntax for plain syntax errors; InvalidNumberLiteral,
// IntegerOverflow, FloatingPointOverflow, InvalidUnicodeLiteral, ... for
// literals), and the message says what was expected there ("expected ')' to
// close the node pattern"). No input, however malformed, crashes the parser:
// expressions, lists, maps, patterns and subqueries may nest at most
// kMaxNesting levels, and no expression tree is deeper than
// kMaxExpressionDepth (a chain such as 1+1+...+1 counts one level per
// operator), so later stages may recurse over the tree; beyond either limit
// the parser raises a SyntaxError.

#include <string>
#include <string_view>
#include <vector>

#include "engine/query/parser/ast.hpp"

namespace mlkg::query {

inline constexpr size_t kMaxNesting = 150;
inline constexpr size_t kMaxExpressionDepth = 1000;

// Parses a script: statements separated by ';' (the last ';' optional).
// Statements that hold only whitespace and comments are skipped. Throws on
// the first syntax error.
std::vector<ast::Statement> parse_script(std::string_view text);

// Parses `text`, which must hold exactly one statement (its ';' optional).
// Throws SyntaxError otherwise.
ast::Statement parse_single_statement(std::string_view text);

// The offset in `text` past the whitespace and comments (as the grammar
// reads them) that start at `offset`.
size_t skip_blank(std::string_view text, size_t offset);

// Line and column (from 1; a column counts bytes) of byte `offset` of
// `text`, as the parser reports positions (a line break is LF, CRLF or CR).
SourcePosition position_in(std::string_view text, size_t offset);

// Parses a literal value in openCypher syntax (null, booleans, numbers with an
// optional sign, strings, and lists and maps of literals): the value of
// `--param NAME=LITERAL` and `:param`. Throws SyntaxError otherwise.
Value parse_literal(std::string_view text);

// For a line-by-line reader: the byte offset just past the first ';' of
// `text` that ends a statement (outside strings, backtick names and comments),
// or std::string_view::npos if no statement is complete yet.
size_t find_statement_end(std::string_view text);

// An error for display: its first line ("SyntaxError: UnexpectedSyntax: ...
// (line 2, column 7)"), then, when it has a position, the line of `text` it
// is on and a caret under the column.
std::string format_error(const QueryError& error, std::string_view text);

// True if `word` is an openCypher reserved word (case-insensitive), which an
// unquoted variable or function name cannot be: to_string quotes such names.
bool is_reserved_word(std::string_view word);

// The number of problems PEGTL's analyze() finds in the grammar (0 expected).
size_t analyze_cypher_grammar();

}  // namespace mlkg::query

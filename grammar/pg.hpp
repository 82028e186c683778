#pragma once
// The PG format v1.0 (pg-format.github.io) as PEGTL rules. No semantics: the
// actions live in engine/load/pg_parser.cpp, the only translation unit that
// includes this header; the error messages live in pg_errors.hpp.
//
// Production names follow the spec's EBNF where there is one:
//
//   PG         ::= ( Statement? Empty LineBreak )* Statement? Empty
//   Statement  ::= Edge | Node
//   Node       ::= Identifier Labels Properties
//   Edge       ::= EdgeIdentifier? Identifier DWS ("->"|"--") DWS Identifier Labels Properties
//   Labels     ::= ( DWS ":" Spaces? Identifier )*
//   Properties ::= ( DWS Key ValueList )*
//   ValueList  ::= DWS? Value ( DWS? "," DWS? Value )*
//   Empty      ::= Spaces? Comment?         DWS ::= (Empty LineBreak)* Spaces
//
// Where the EBNF is ambiguous the PEG picks one reading, as the reference
// implementation (pgraphs) does:
// - A number or boolean is only a number or boolean when a space, tab, line
//   break, ',', '#' or the end of input follows (`2#c` is 2 and a comment,
//   `2x` and `truex` are strings, `01` is a string).
// - An unquoted key runs to the last ':' of its token only when delimiting
//   whitespace follows that ':' (`a:b: c` is key "a:b"); otherwise it stops at
//   its first ':' (`a:b:c` is key "a", value "b:c").
// - An edge identifier is tried first and dropped if no edge follows, so
//   `1: -> 2` is an edge from node "1:".
// - Once `Identifier DWS ("->"|"--")` has been read, the statement is an edge:
//   nothing else can start that way, so the rest is required (error points).
// - An unquoted identifier stops before "->": '>' can never be part of it, so
//   this changes no valid document and lets `a->b` report the missing space
//   before '->' where it belongs.
//
// Error points are the rules that have an error_message in pg_errors.hpp: with
// `must_if<errors>::control` each of them raises a parse error as soon as it
// fails, wherever it is used (the parser reports it where the rule started).
// They are used only where the statement cannot be anything else, and each is
// a rule of its own so that a message never attaches to a shared `one<':'>`.
//
// Byte-level: the document must be UTF-8. Identifiers and strings are checked
// to be valid UTF-8 (no overlong forms, no surrogates); comments are not.

#include <tao/pegtl.hpp>

namespace mlkg::grammar::pg {

using namespace tao::pegtl;  // NOLINT: confined to this grammar namespace

// ---------------------------------------------------------------- whitespace
struct space_char : one<' ', '\t'> {};
struct spaces : plus<space_char> {};
// CRLF first so that it counts as one line break.
struct line_break : sor<string<'\r', '\n'>, one<'\r'>, one<'\n'>> {};
struct line_end : sor<line_break, eof> {};
struct comment : seq<one<'#'>, star<not_one<'\r', '\n'>>> {};
// "Empty" of the spec: what may end any line.
struct empty_tail : seq<opt<spaces>, opt<comment>> {};
// Delimiting whitespace: spaces, possibly after line breaks (line folding).
// Greedy: it takes every blank or comment line and then needs spaces.
struct dws : seq<star<empty_tail, line_break>, spaces> {};

// ---------------------------------------------------------------- characters
// Any valid UTF-8 character above U+007F.
struct utf8_non_ascii : tao::pegtl::utf8::range<0x80, 0x10FFFF> {};
// UnquotedChar: anything but U+0000-U+0020 and < > " { } | \ ^ `.
struct unquoted_char
    : sor<ranges<'!', '!', '#', ';', '=', '=', '?', '[', ']', ']', '_', '_', 'a', 'z', '~', '\x7f'>,
          utf8_non_ascii> {};
struct unquoted_char_no_colon
    : sor<ranges<'!', '!', '#', '9', ';', ';', '=', '=', '?', '[', ']', ']', '_', '_', 'a', 'z', '~', '\x7f'>,
          utf8_non_ascii> {};
struct unquoted_char_no_comma
    : sor<ranges<'!', '!', '#', '+', '-', ';', '=', '=', '?', '[', ']', ']', '_', '_', 'a', 'z', '~', '\x7f'>,
          utf8_non_ascii> {};
// UnquotedStart: an UnquotedChar that is not one of : , - # ' (nor ").
struct unquoted_start : seq<not_at<one<':', ',', '-', '#', '\''>>, unquoted_char> {};

// ---------------------------------------------------------------- quoted strings
struct escaped_char : one<'"', '\'', '\\', '/', 'b', 'f', 'n', 'r', 't'> {};
struct hex4 : rep<4, xdigit> {};                                      // error point
struct high_surrogate : seq<one<'d', 'D'>, one<'8', '9', 'a', 'b', 'A', 'B'>, xdigit, xdigit> {};
struct low_surrogate : seq<one<'d', 'D'>, one<'c', 'd', 'e', 'f', 'C', 'D', 'E', 'F'>, xdigit, xdigit> {};
struct low_surrogate_escape : seq<one<'\\'>, one<'u'>, low_surrogate> {};  // error point
struct no_lone_low_surrogate : not_at<low_surrogate> {};                // error point
// \uXXXX; a UTF-16 surrogate pair is two escapes that make one character.
struct unicode_escape
    : seq<one<'u'>, sor<seq<high_surrogate, low_surrogate_escape>, seq<no_lone_low_surrogate, hex4>>> {};
struct escape_code : sor<escaped_char, unicode_escape> {};             // error point
struct escape : seq<one<'\\'>, escape_code> {};
// Raw string characters: anything but the quotes, backslash and control
// characters other than TAB, LF and CR.
struct string_char
    : sor<ranges<'\t', '\n', '\r', '\r', ' ', '!', '#', '&', '(', '[', ']', '\x7f'>, utf8_non_ascii> {};
struct string_not_at_eof : not_at<eof> {};                             // error point
struct dq_open : one<'"'> {};
struct dq_close : one<'"'> {};                                         // error point
struct dq_string : seq<dq_open, star<sor<string_char, one<'\''>, escape>>, string_not_at_eof, dq_close> {};
struct sq_open : one<'\''> {};
struct sq_close : one<'\''> {};                                        // error point
struct sq_string : seq<sq_open, star<sor<string_char, one<'"'>, escape>>, string_not_at_eof, sq_close> {};
struct quoted_string : sor<dq_string, sq_string> {};

// ---------------------------------------------------------------- identifiers
struct arrow_directed : string<'-', '>'> {};
struct arrow_undirected : string<'-', '-'> {};
struct quoted_identifier_not_empty : not_at<sor<two<'"'>, two<'\''>>> {};  // error point
struct quoted_identifier : seq<at<one<'"', '\''>>, quoted_identifier_not_empty, quoted_string> {};
struct unquoted_identifier : seq<unquoted_start, star<not_at<arrow_directed>, unquoted_char>> {};
struct identifier : sor<quoted_identifier, unquoted_identifier> {};

// ---------------------------------------------------------------- values
struct number
    : seq<opt<one<'-'>>, sor<one<'0'>, seq<range<'1', '9'>, star<digit>>>, opt<one<'.'>, plus<digit>>,
          opt<one<'e', 'E'>, opt<one<'+', '-'>>, plus<digit>>> {};
// What may directly follow a number or boolean for it to be one.
struct value_end : sor<one<' ', '\t', '\r', '\n', ',', '#'>, eof> {};
struct number_value : seq<number, at<value_end>> {};
struct true_value : seq<string<'t', 'r', 'u', 'e'>, at<value_end>> {};
struct false_value : seq<string<'f', 'a', 'l', 's', 'e'>, at<value_end>> {};
struct quoted_value : quoted_string {};
struct unquoted_value : seq<unquoted_start, star<unquoted_char_no_comma>> {};
struct value : sor<number_value, true_value, false_value, quoted_value, unquoted_value> {};

// ---------------------------------------------------------------- labels and properties
struct label_name : identifier {};                                     // error point
struct label : seq<dws, one<':'>, opt<spaces>, label_name> {};

// Key ":" with the colon. Quoted: directly followed by ':'. Unquoted with
// colons inside: up to the last ':' of the token, then delimiting whitespace
// must follow. Otherwise: up to the first ':'.
struct quoted_key : seq<quoted_identifier, one<':'>> {};
struct key_with_colons : seq<unquoted_start, plus<star<unquoted_char_no_colon>, one<':'>>, at<dws>> {};
struct key_without_colon : seq<unquoted_start, star<unquoted_char_no_colon>, one<':'>> {};
struct property_key : sor<quoted_key, key_with_colons, key_without_colon> {};
struct first_value : value {};                                         // error point
struct next_value : value {};                                          // error point
struct value_list : seq<opt<dws>, first_value, star<opt<dws>, one<','>, opt<dws>, next_value>> {};
struct property : seq<dws, property_key, value_list> {};

// The end of a statement: optional spaces and comment, then a line break or
// the end of input. Checked after skipping delimiting whitespace, so that
// content on a continuation line that is neither label nor property is
// reported where it stands.
struct statement_end : seq<empty_tail, at<line_end>> {};
// Traps for common mistakes where a statement end is expected. Each either
// raises its own message or fails without consuming input, so that the error
// point after it reports the spot where the trap was tried.
struct space_before_key_colon {};  // `a k :v`
struct space_before_arrow {};      // `a->b`
struct key_colon_trap : seq<at<identifier, spaces, one<':'>>, identifier, raise<space_before_key_colon>> {};
struct arrow_trap : seq<at<arrow_directed>, raise<space_before_arrow>> {};  // tried before whitespace
struct end_after_labels : sor<statement_end, key_colon_trap> {};      // error point
struct end_after_properties : sor<statement_end, key_colon_trap> {};  // error point
struct labels_and_properties
    : seq<star<label>, sor<seq<plus<property>, opt<arrow_trap>, opt<dws>, end_after_properties>,
                           seq<opt<arrow_trap>, opt<dws>, end_after_labels>>> {};

// ---------------------------------------------------------------- statements
struct node_id : identifier {};
struct source_id : identifier {};
struct target_id : identifier {};                                      // error point
// EdgeIdentifier with its ':'; an unquoted one runs to the last ':' of its token.
struct edge_id : sor<quoted_key, seq<unquoted_start, plus<star<unquoted_char_no_colon>, one<':'>>>> {};
struct direction : sor<arrow_directed, arrow_undirected> {};
struct direction_space : dws {};                                       // error point
struct identified_edge_head : seq<edge_id, dws, source_id, dws, direction> {};
struct plain_edge_head : seq<source_id, dws, direction> {};
struct edge_statement
    : seq<sor<identified_edge_head, plain_edge_head>, direction_space, target_id, labels_and_properties> {};
struct node_statement : seq<node_id, labels_and_properties> {};
struct statement : sor<edge_statement, node_statement> {};             // error point

// ---------------------------------------------------------------- document
struct blank_line : seq<empty_tail, at<line_end>> {};
struct not_indented : not_at<space_char> {};                           // error point
struct line : sor<blank_line, seq<not_indented, statement>> {};
// Every line is parsed exactly once: a statement never backtracks over the
// line break that ends it, so its action runs once.
struct document : seq<line, star<line_break, line>, eof> {};

}  // namespace mlkg::grammar::pg

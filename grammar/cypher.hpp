#pragma once
// openCypher (Cypher 9 with the TCK's current reading) as PEGTL rules. No
// semantics: the actions live in engine/query/parser/parser.cpp, the only
// translation unit that includes this header; the error messages live in
// cypher_errors.hpp.
//
// Production names follow the openCypher EBNF where there is one. Where the
// EBNF is ambiguous the PEG picks one reading:
// - Keywords are case-insensitive and whole words (`kw<>`). The openCypher
//   reserved words (`reserved_word`) cannot be unquoted variables or function
//   names (END excepted, see reserved_word); labels, relationship types,
//   property keys and map keys may be any word. `count`, `type`, `any`,
//   `none`, `single`, ... are ordinary names.
// - A parenthesised node pattern followed by a relationship start (`-[`,
//   `--`, `<-[`, `<--`) in an expression is a pattern predicate, never a
//   subtraction or comparison: `(a)-->(b)` is a pattern, `(a) - 1` is not.
//   Likewise `[x IN ...` is a list comprehension and `[(a)-->(b) ...` or
//   `[p = (a)-->(b) ...` a pattern comprehension, not a list literal.
// - `=~` binds like STARTS WITH / CONTAINS / IN; `^` is left-associative and
//   binds looser than unary minus (-3 ^ 2 is 9), as the TCK's precedence
//   features require; `!=` is accepted as `<>`.
// - `<-[]->` is an undirected relationship, like `-[]-`.
//
// Error points are the rules that have an error_message in
// cypher_errors.hpp: with `must_if<errors>::control` each of them raises a
// parse error as soon as it fails, wherever it is used. They are used only
// where the text cannot be anything else, and each is a rule of its own so
// that a message never attaches to a shared `one<')'>`. Where a choice needs
// to look further ahead than one token, the grammar uses `ahead<...>`: a
// lookahead in which error points only fail (the parser's control counts
// them as speculative), so that trying an alternative never raises.
//
// Recursion: every cycle in the grammar passes through `expression` or
// `balanced_braces`; the parser bounds how deeply those nest, so no input
// can exhaust the stack. Everything else that repeats (operator chains,
// unary signs, NOT, postfix operators, clauses) is iterative.
//
// Byte-level: the text must be UTF-8. Strings, quoted names and names are
// checked to be valid UTF-8; comments are not.

#include <tao/pegtl.hpp>

namespace mlkg::grammar::cypher {

using namespace tao::pegtl;  // NOLINT: confined to this grammar namespace

// A lookahead that never raises: error points inside it only fail.
template <typename... Rules>
struct ahead : at<Rules...> {};

// ---------------------------------------------------------------- whitespace
struct space_char : one<' ', '\t', '\n', '\r', '\f', '\v', '\x1c', '\x1d', '\x1e', '\x1f'> {};
struct unicode_space
    : tao::pegtl::utf8::one<0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009,
                0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF> {};
struct line_comment : seq<two<'/'>, star<not_one<'\n', '\r'>>> {};
struct block_comment_open : string<'/', '*'> {};
struct block_comment_close : string<'*', '/'> {};  // error point
struct block_comment : seq<block_comment_open, star<not_at<string<'*', '/'>>, any>, block_comment_close> {};
// Optional whitespace and comments; never an error.
struct ws : star<sor<space_char, line_comment, block_comment, unicode_space>> {};

// ---------------------------------------------------------------- names
// Non-ASCII characters that may be part of a name: letters and other
// characters of the scripts, not Unicode spaces, punctuation (U+2000-U+206F,
// so not the dashes that look like '-'), arrows, mathematical operators or
// other symbols.
struct name_char_non_ascii
    : tao::pegtl::utf8::ranges<0xAA, 0xAA, 0xB5, 0xB5, 0xBA, 0xBA, 0xC0, 0xD6, 0xD8, 0xF6, 0xF8, 0x167F, 0x1681, 0x1FFF,
                   0x2C00, 0x2FFF, 0x3040, 0xD7FF, 0xF900, 0xFDFF, 0xFE70, 0xFEFE, 0xFF21, 0xFF3A, 0xFF41, 0xFF5A,
                   0xFF66, 0xFFEF, 0x10000, 0x10FFFF> {};
struct name_start : sor<ranges<'a', 'z', 'A', 'Z', '_'>, name_char_non_ascii> {};
struct name_part : sor<ranges<'a', 'z', 'A', 'Z', '0', '9', '_'>, name_char_non_ascii> {};

template <typename Key>
struct kw : seq<Key, not_at<name_part>> {};

struct kw_all : kw<TAO_PEGTL_ISTRING("ALL")> {};
struct kw_allshortestpaths : kw<TAO_PEGTL_ISTRING("allShortestPaths")> {};
struct kw_and : kw<TAO_PEGTL_ISTRING("AND")> {};
struct kw_any : kw<TAO_PEGTL_ISTRING("ANY")> {};
struct kw_as : kw<TAO_PEGTL_ISTRING("AS")> {};
struct kw_asc : kw<TAO_PEGTL_ISTRING("ASC")> {};
struct kw_ascending : kw<TAO_PEGTL_ISTRING("ASCENDING")> {};
struct kw_by : kw<TAO_PEGTL_ISTRING("BY")> {};
struct kw_call : kw<TAO_PEGTL_ISTRING("CALL")> {};
struct kw_case : kw<TAO_PEGTL_ISTRING("CASE")> {};
struct kw_constraint : kw<TAO_PEGTL_ISTRING("CONSTRAINT")> {};
struct kw_constraints : kw<TAO_PEGTL_ISTRING("CONSTRAINTS")> {};
struct kw_contains : kw<TAO_PEGTL_ISTRING("CONTAINS")> {};
struct kw_count : kw<TAO_PEGTL_ISTRING("COUNT")> {};
struct kw_create : kw<TAO_PEGTL_ISTRING("CREATE")> {};
struct kw_delete : kw<TAO_PEGTL_ISTRING("DELETE")> {};
struct kw_desc : kw<TAO_PEGTL_ISTRING("DESC")> {};
struct kw_descending : kw<TAO_PEGTL_ISTRING("DESCENDING")> {};
struct kw_detach : kw<TAO_PEGTL_ISTRING("DETACH")> {};
struct kw_drop : kw<TAO_PEGTL_ISTRING("DROP")> {};
struct kw_each : kw<TAO_PEGTL_ISTRING("EACH")> {};
struct kw_distinct : kw<TAO_PEGTL_ISTRING("DISTINCT")> {};
struct kw_else : kw<TAO_PEGTL_ISTRING("ELSE")> {};
struct kw_end : kw<TAO_PEGTL_ISTRING("END")> {};
struct kw_ends : kw<TAO_PEGTL_ISTRING("ENDS")> {};
struct kw_exists : kw<TAO_PEGTL_ISTRING("EXISTS")> {};
struct kw_explain : kw<TAO_PEGTL_ISTRING("EXPLAIN")> {};
struct kw_false : kw<TAO_PEGTL_ISTRING("FALSE")> {};
struct kw_for : kw<TAO_PEGTL_ISTRING("FOR")> {};
struct kw_fulltext : kw<TAO_PEGTL_ISTRING("FULLTEXT")> {};
struct kw_if : kw<TAO_PEGTL_ISTRING("IF")> {};
struct kw_in : kw<TAO_PEGTL_ISTRING("IN")> {};
struct kw_index : kw<TAO_PEGTL_ISTRING("INDEX")> {};
struct kw_indexes : kw<TAO_PEGTL_ISTRING("INDEXES")> {};
struct kw_is : kw<TAO_PEGTL_ISTRING("IS")> {};
struct kw_key : kw<TAO_PEGTL_ISTRING("KEY")> {};
struct kw_limit : kw<TAO_PEGTL_ISTRING("LIMIT")> {};
struct kw_match : kw<TAO_PEGTL_ISTRING("MATCH")> {};
struct kw_merge : kw<TAO_PEGTL_ISTRING("MERGE")> {};
struct kw_node : kw<TAO_PEGTL_ISTRING("NODE")> {};
struct kw_none : kw<TAO_PEGTL_ISTRING("NONE")> {};
struct kw_not : kw<TAO_PEGTL_ISTRING("NOT")> {};
struct kw_null : kw<TAO_PEGTL_ISTRING("NULL")> {};
struct kw_on : kw<TAO_PEGTL_ISTRING("ON")> {};
struct kw_optional : kw<TAO_PEGTL_ISTRING("OPTIONAL")> {};
struct kw_options : kw<TAO_PEGTL_ISTRING("OPTIONS")> {};
struct kw_or : kw<TAO_PEGTL_ISTRING("OR")> {};
struct kw_order : kw<TAO_PEGTL_ISTRING("ORDER")> {};
struct kw_profile : kw<TAO_PEGTL_ISTRING("PROFILE")> {};
struct kw_range : kw<TAO_PEGTL_ISTRING("RANGE")> {};
struct kw_reduce : kw<TAO_PEGTL_ISTRING("REDUCE")> {};
struct kw_rel : kw<TAO_PEGTL_ISTRING("REL")> {};
struct kw_relationship : kw<TAO_PEGTL_ISTRING("RELATIONSHIP")> {};
struct kw_remove : kw<TAO_PEGTL_ISTRING("REMOVE")> {};
struct kw_require : kw<TAO_PEGTL_ISTRING("REQUIRE")> {};
struct kw_return : kw<TAO_PEGTL_ISTRING("RETURN")> {};
struct kw_set : kw<TAO_PEGTL_ISTRING("SET")> {};
struct kw_shortestpath : kw<TAO_PEGTL_ISTRING("shortestPath")> {};
struct kw_show : kw<TAO_PEGTL_ISTRING("SHOW")> {};
struct kw_single : kw<TAO_PEGTL_ISTRING("SINGLE")> {};
struct kw_skip : kw<TAO_PEGTL_ISTRING("SKIP")> {};
struct kw_starts : kw<TAO_PEGTL_ISTRING("STARTS")> {};
struct kw_then : kw<TAO_PEGTL_ISTRING("THEN")> {};
struct kw_true : kw<TAO_PEGTL_ISTRING("TRUE")> {};
struct kw_typed : kw<TAO_PEGTL_ISTRING("TYPED")> {};
struct kw_union : kw<TAO_PEGTL_ISTRING("UNION")> {};
struct kw_unique : kw<TAO_PEGTL_ISTRING("UNIQUE")> {};
struct kw_unwind : kw<TAO_PEGTL_ISTRING("UNWIND")> {};
struct kw_when : kw<TAO_PEGTL_ISTRING("WHEN")> {};
struct kw_where : kw<TAO_PEGTL_ISTRING("WHERE")> {};
struct kw_with : kw<TAO_PEGTL_ISTRING("WITH")> {};
struct kw_xor : kw<TAO_PEGTL_ISTRING("XOR")> {};
struct kw_yield : kw<TAO_PEGTL_ISTRING("YIELD")> {};

// openCypher's reserved words that this grammar gives a meaning to, less
// END: `(start)-->(end)` is common, and END only ever follows a complete
// expression, where no variable can stand.
struct reserved_word
    : sor<kw_all, kw_and, kw_as, kw_asc, kw_ascending, kw_by, kw_case, kw_contains, kw_create, kw_delete, kw_desc,
          kw_descending, kw_detach, kw_distinct, kw_else, kw_ends, kw_exists, kw_false, kw_in, kw_is,
          kw_limit, kw_match, kw_merge, kw_not, kw_null, kw_on, kw_optional, kw_or, kw_order, kw_remove, kw_return,
          kw_set, kw_skip, kw_starts, kw_then, kw_true, kw_union, kw_unwind, kw_when, kw_where, kw_with, kw_xor> {};

// `name` or `na``me` (a doubled backtick is one backtick).
struct escaped_name_close : one<'`'> {};  // error point
struct escaped_name : seq<one<'`'>, star<sor<two<'`'>, tao::pegtl::utf8::not_one<'`'>>>, escaped_name_close> {};
struct unescaped_name : seq<name_start, star<name_part>> {};
// Any name, reserved words included: labels, types, property and map keys.
struct symbolic_name : sor<escaped_name, unescaped_name> {};
// A variable: a name that is not a reserved word unless quoted.
struct variable : sor<escaped_name, seq<not_at<reserved_word>, unescaped_name>> {};

// ---------------------------------------------------------------- literals
struct hex_integer : seq<one<'0'>, one<'x'>, plus<xdigit>> {};
struct octal_integer : seq<one<'0'>, one<'o'>, plus<range<'0', '7'>>> {};
struct decimal_integer : sor<one<'0'>, seq<range<'1', '9'>, star<digit>>> {};
struct exponent : seq<one<'e', 'E'>, opt<one<'+', '-'>>, plus<digit>> {};
struct decimal_float
    : sor<seq<plus<digit>, one<'.'>, plus<digit>, opt<exponent>>, seq<one<'.'>, plus<digit>, opt<exponent>>,
          seq<plus<digit>, exponent>> {};
// A number must not run into a name: `0x1F2g`, `12abc` and `01` are invalid.
struct number_end : not_at<name_part> {};  // error point
struct number_literal : seq<sor<hex_integer, octal_integer, decimal_float, decimal_integer>, number_end> {};
struct integer_literal : seq<sor<hex_integer, octal_integer, decimal_integer>, number_end> {};

struct unicode_hex4 : rep<4, xdigit> {};  // error point
struct unicode_hex8 : rep<8, xdigit> {};  // error point
struct escape_code
    : sor<one<'\\', '\'', '"', 'b', 'f', 'n', 'r', 't'>, seq<one<'u'>, unicode_hex4>, seq<one<'U'>, unicode_hex8>> {
};  // error point
struct escape : seq<one<'\\'>, escape_code> {};
struct sq_close : one<'\''> {};  // error point
struct dq_close : one<'"'> {};   // error point
struct sq_string : seq<one<'\''>, star<sor<escape, tao::pegtl::utf8::not_one<'\'', '\\'>>>, sq_close> {};
struct dq_string : seq<one<'"'>, star<sor<escape, tao::pegtl::utf8::not_one<'"', '\\'>>>, dq_close> {};
struct string_literal : sor<sq_string, dq_string> {};

struct null_literal : kw_null {};
struct true_literal : kw_true {};
struct false_literal : kw_false {};

// $name or $0.
struct parameter_name : sor<symbolic_name, plus<digit>> {};  // error point
struct parameter : seq<one<'$'>, parameter_name> {};

// ---------------------------------------------------------------- expressions
struct expression;

// Placeholders for optional parts, so that every construct leaves the same
// number of values behind: `no_expression` stands for an absent expression,
// `no_name` for an absent name.
struct no_expression : success {};
struct no_name : success {};

// [1, 2, 3]
struct list_element : seq<expression> {};
struct list_next_element : seq<expression> {};  // error point
struct list_close : one<']'> {};                // error point
struct list_body : sor<one<']'>, seq<list_element, star<ws, one<','>, ws, list_next_element>, ws, list_close>> {
};  // error point
struct list_literal : seq<one<'['>, ws, list_body> {};

// {key: value, ...}
struct map_key : symbolic_name {};
struct map_colon : one<':'> {};       // error point
struct map_value : seq<expression> {};  // error point
struct map_entry : seq<map_key, ws, map_colon, ws, map_value> {};
struct map_next_entry : seq<map_entry> {};  // error point
struct map_close : one<'}'> {};             // error point
struct map_body : sor<one<'}'>, seq<map_entry, star<ws, one<','>, ws, map_next_entry>, ws, map_close>> {
};  // error point
struct map_literal : seq<one<'{'>, ws, map_body> {};

// n{.key, key: expr, variable, .*}
struct projection_property_key : symbolic_name {};  // error point
struct map_projection_all : seq<one<'.'>, ws, one<'*'>> {};
struct map_projection_property : seq<one<'.'>, ws, projection_property_key> {};
struct map_projection_key : symbolic_name {};
struct map_projection_literal : seq<ahead<symbolic_name, ws, one<':'>>, map_projection_key, ws, one<':'>, ws, map_value> {};
struct map_projection_variable : variable {};
struct map_projection_item
    : sor<map_projection_all, map_projection_property, map_projection_literal, map_projection_variable> {
};  // error point
struct map_projection_close : one<'}'> {};  // error point
struct map_projection_body
    : sor<one<'}'>, seq<map_projection_item, star<ws, one<','>, ws, map_projection_item>, ws, map_projection_close>> {
};  // error point
struct map_projection_subject : variable {};
struct map_projection : seq<map_projection_subject, ws, one<'{'>, ws, map_projection_body> {};

// CASE [subject] WHEN ... THEN ... [ELSE ...] END
struct case_subject : seq<expression> {};
struct case_head : sor<seq<ahead<kw_when>, no_expression>, case_subject> {};  // error point
struct when_condition : seq<expression> {};  // error point
struct case_then : kw_then {};               // error point
struct then_value : seq<expression> {};      // error point
struct case_alternative : seq<kw_when, ws, when_condition, ws, case_then, ws, then_value> {};
struct case_first_when : ahead<kw_when> {};  // error point
struct else_value : seq<expression> {};      // error point
struct case_else : sor<seq<kw_else, ws, else_value>, no_expression> {};
struct case_end : kw_end {};  // error point
struct case_expression
    : seq<kw_case, ws, case_head, ws, case_first_when, plus<case_alternative, ws>, case_else, ws, case_end> {};

// count(*)
struct count_star_close : one<')'> {};  // error point
struct count_star : seq<kw_count, ws, one<'('>, ws, one<'*'>, ws, count_star_close> {};

// WHERE inside comprehensions, quantifiers and EXISTS; absent: no_expression.
struct filter_predicate : seq<expression> {};  // error point
struct filter_where : seq<kw_where, ws, filter_predicate> {};
struct optional_filter : sor<filter_where, no_expression> {};

// [x IN list WHERE predicate | projection]
struct comprehension_variable : variable {};
struct comprehension_source : seq<expression> {};  // error point
struct list_projection_value : seq<expression> {};  // error point
struct list_projection : sor<seq<one<'|'>, ws, list_projection_value>, no_expression> {};
struct list_comprehension_close : one<']'> {};  // error point
struct list_comprehension
    : seq<one<'['>, ws, comprehension_variable, ws, kw_in, ws, comprehension_source, ws, optional_filter, ws,
          list_projection, ws, list_comprehension_close> {};
struct list_comprehension_start : seq<one<'['>, ws, variable, ws, kw_in> {};

// all(x IN list WHERE predicate), any, none, single
struct quantifier_all : kw_all {};
struct quantifier_any : kw_any {};
struct quantifier_none : kw_none {};
struct quantifier_single : kw_single {};
struct quantifier_name : sor<quantifier_all, quantifier_any, quantifier_none, quantifier_single> {};
struct quantifier_close : one<')'> {};  // error point
struct quantifier
    : seq<quantifier_name, ws, one<'('>, ws, comprehension_variable, ws, kw_in, ws, comprehension_source, ws,
          optional_filter, ws, quantifier_close> {};
struct quantifier_start : seq<sor<kw_all, kw_any, kw_none, kw_single>, ws, one<'('>, ws, variable, ws, kw_in> {};

// reduce(accumulator = init, x IN list | expression)
struct reduce_accumulator : variable {};
struct reduce_init : seq<expression> {};     // error point
struct reduce_comma : one<','> {};           // error point
struct reduce_variable : variable {};        // error point
struct reduce_in : kw_in {};                 // error point
struct reduce_source : seq<expression> {};   // error point
struct reduce_bar : one<'|'> {};             // error point
struct reduce_value : seq<expression> {};    // error point
struct reduce_close : one<')'> {};           // error point
struct reduce_expression
    : seq<kw_reduce, ws, one<'('>, ws, reduce_accumulator, ws, one<'='>, ws, reduce_init, ws, reduce_comma, ws,
          reduce_variable, ws, reduce_in, ws, reduce_source, ws, reduce_bar, ws, reduce_value, ws, reduce_close> {};
struct reduce_start : seq<kw_reduce, ws, one<'('>, ws, variable, ws, one<'='>> {};

// ---------------------------------------------------------------- patterns
struct properties : sor<map_literal, parameter> {};

// (variable:Label:Label {properties})
struct node_variable : variable {};
struct node_label_name : symbolic_name {};  // error point
struct node_label : seq<one<':'>, ws, node_label_name> {};
struct node_close : one<')'> {};  // error point
struct node_pattern
    : seq<one<'('>, ws, opt<node_variable, ws>, opt<node_label, star<ws, node_label>, ws>, opt<properties, ws>,
          node_close> {};

// -[variable:TYPE|TYPE*min..max {properties}]->
struct rel_variable : variable {};
struct rel_type_name : symbolic_name {};  // error point
struct rel_types : seq<one<':'>, ws, rel_type_name, star<ws, one<'|'>, ws, opt<one<':'>, ws>, rel_type_name>> {};
struct range_star : one<'*'> {};
struct range_min : integer_literal {};
struct range_dots : two<'.'> {};
struct range_max : integer_literal {};
struct range_bound_not_negative : not_at<one<'-'>> {};  // error point
struct range_literal
    : seq<range_star, ws, range_bound_not_negative, opt<range_min, ws>,
          opt<range_dots, ws, range_bound_not_negative, opt<range_max>>> {};
// A length range needs its '*': [:T..3] and [:T 2] are mistakes.
struct range_needs_star : not_at<sor<two<'.'>, digit>> {};  // error point
struct rel_detail_close : one<']'> {};                       // error point
struct rel_detail
    : seq<one<'['>, ws, opt<rel_variable, ws>, opt<rel_types, ws>, opt<range_literal, ws>, opt<properties, ws>,
          range_needs_star, rel_detail_close> {};
struct rel_left_arrow : seq<one<'<'>, ws, one<'-'>> {};
struct rel_end : one<'-'> {};  // error point
struct relationship_pattern
    : seq<sor<rel_left_arrow, one<'-'>>, ws, opt<rel_detail, ws>, rel_end, opt<ws, one<'>'>>> {};
struct chain_node : seq<node_pattern> {};  // error point
struct pattern_element_chain : seq<relationship_pattern, ws, chain_node> {};
struct pattern_element : seq<node_pattern, star<ws, pattern_element_chain>> {};

// p = shortestPath((a)-[*]-(b))
struct path_variable : variable {};
struct path_assignment : seq<path_variable, ws, one<'='>, ws> {};
struct shortest_path_kind : sor<kw_shortestpath, kw_allshortestpaths> {};
struct shortest_path_open : one<'('> {};              // error point
struct shortest_path_element : seq<pattern_element> {};  // error point
struct shortest_path_close : one<')'> {};             // error point
struct shortest_path_pattern
    : seq<shortest_path_kind, ws, shortest_path_open, ws, shortest_path_element, ws, shortest_path_close> {};
struct pattern_part_body : sor<shortest_path_pattern, pattern_element> {};  // error point
struct pattern_part : seq<opt<ahead<variable, ws, one<'='>>, path_assignment>, pattern_part_body> {};
struct next_pattern_part : seq<pattern_part> {};
struct pattern : seq<pattern_part, star<ws, one<','>, ws, next_pattern_part>> {};

// What decides that an expression is a pattern: a node pattern (its
// properties skimmed, not parsed) followed by the start of a relationship.
struct balanced_braces
    : seq<one<'{'>,
          star<sor<balanced_braces, string_literal, escaped_name, line_comment, block_comment, not_one<'{', '}'>>>,
          one<'}'>> {};
struct node_pattern_ahead
    : seq<one<'('>, ws, opt<variable, ws>, opt<node_label, star<ws, node_label>, ws>,
          opt<sor<balanced_braces, parameter>, ws>, one<')'>> {};
struct relationship_start : sor<seq<one<'<'>, ws, one<'-'>, ws, one<'-', '['>>, seq<one<'-'>, ws, one<'-', '['>>> {};
struct pattern_predicate_start : seq<node_pattern_ahead, ws, relationship_start> {};
struct pattern_comprehension_start
    : seq<one<'['>, ws, opt<variable, ws, one<'='>, ws>, node_pattern_ahead, ws, relationship_start> {};

// A pattern with at least one relationship, inside an expression.
struct relationships_pattern : seq<node_pattern, plus<ws, pattern_element_chain>> {};
// (a)-[:T]->(b) as a predicate
struct pattern_predicate : seq<relationships_pattern> {};

// [p = (a)-->(b) WHERE predicate | projection]
struct comprehension_path_variable : variable {};
struct comprehension_path
    : sor<seq<ahead<variable, ws, one<'='>>, comprehension_path_variable, ws, one<'='>>, no_name> {};
struct pattern_comprehension_bar : one<'|'> {};         // error point
struct pattern_comprehension_value : seq<expression> {};  // error point
struct pattern_comprehension_close : one<']'> {};       // error point
struct pattern_comprehension
    : seq<one<'['>, ws, comprehension_path, ws, relationships_pattern, ws, optional_filter, ws, pattern_comprehension_bar,
          ws, pattern_comprehension_value, ws, pattern_comprehension_close> {};

// ---------------------------------------------------------------- atoms
struct regular_query;

// EXISTS { pattern [WHERE predicate] } or EXISTS { MATCH ... }
struct exists_pattern : seq<pattern, ws, optional_filter> {};
struct exists_query : seq<regular_query> {};
struct exists_body : sor<exists_query, exists_pattern> {};  // error point
struct exists_close : one<'}'> {};                          // error point
struct exists_subquery : seq<kw_exists, ws, one<'{'>, ws, exists_body, ws, exists_close> {};

// ( expression )
struct parenthesized_inner : seq<expression> {};  // error point
struct paren_close : one<')'> {};                 // error point
struct parenthesized_expression : seq<one<'('>, ws, parenthesized_inner, ws, paren_close> {};

// name(args), namespace.name(DISTINCT arg)
struct function_name
    : seq<sor<escaped_name, kw_exists, seq<not_at<reserved_word>, unescaped_name>>, star<one<'.'>, symbolic_name>> {};
struct function_distinct : kw_distinct {};
struct function_argument : seq<expression> {};
struct function_next_argument : seq<expression> {};      // error point
struct function_distinct_argument : seq<expression> {};  // error point
struct function_close : one<')'> {};                      // error point
struct function_arguments
    : sor<seq<function_distinct, ws, function_distinct_argument, star<ws, one<','>, ws, function_next_argument>>,
          opt<function_argument, star<ws, one<','>, ws, function_next_argument>>> {};
struct function_call : seq<function_name, ws, one<'('>, ws, function_arguments, ws, function_close> {};

struct variable_reference : variable {};

struct atom
    : sor<number_literal, string_literal, parameter, null_literal, true_literal, false_literal, case_expression,
          count_star, seq<ahead<list_comprehension_start>, list_comprehension>,
          seq<ahead<pattern_comprehension_start>, pattern_comprehension>, list_literal,
          seq<ahead<quantifier_start>, quantifier>, seq<ahead<reduce_start>, reduce_expression>,
          seq<ahead<kw_exists, ws, one<'{'>>, exists_subquery>, seq<ahead<pattern_predicate_start>, pattern_predicate>,
          parenthesized_expression, seq<ahead<function_name, ws, one<'('>>, function_call>, map_literal,
          seq<ahead<variable, ws, one<'{'>>, map_projection>, variable_reference> {};

// ---------------------------------------------------------------- operators
// Postfix: .key, [index], [from..to], then :Label:Label
struct property_key : symbolic_name {};  // error point
struct property_lookup : seq<one<'.'>, not_at<one<'.'>>, ws, property_key> {};
struct slice_upper : seq<expression> {};
struct optional_slice_upper : sor<slice_upper, no_expression> {};
struct slice_from_start : seq<ahead<range_dots>, no_expression, range_dots, ws, optional_slice_upper> {};
struct slice_tail : seq<range_dots, ws, optional_slice_upper> {};
struct subscript_end : success {};
struct index_expression : seq<expression> {};
struct index_body : sor<slice_from_start, seq<index_expression, ws, sor<slice_tail, subscript_end>>> {};  // error point
struct index_close : one<']'> {};  // error point
struct list_index : seq<one<'['>, ws, index_body, ws, index_close> {};
struct check_label_name : symbolic_name {};  // error point
struct label_check : seq<one<':'>, ws, check_label_name, star<ws, one<':'>, ws, check_label_name>> {};
struct postfix_expression : seq<atom, star<ws, sor<property_lookup, list_index>>, opt<ws, label_check>> {};

// Unary + and -: bind tighter than ^.
struct unary_operator : one<'+', '-'> {};
struct unary_expression : seq<star<unary_operator, ws>, postfix_expression> {};

struct power_operand : seq<unary_expression> {};  // error point
struct power_tail : seq<one<'^'>, ws, power_operand> {};
struct power_expression : seq<unary_expression, star<ws, power_tail>> {};

struct multiply_operand : seq<power_expression> {};  // error point
struct multiply_tail : seq<one<'*', '/', '%'>, ws, multiply_operand> {};
struct multiply_expression : seq<power_expression, star<ws, multiply_tail>> {};

struct add_operand : seq<multiply_expression> {};  // error point
struct add_tail : seq<one<'+', '-'>, ws, add_operand> {};
struct add_expression : seq<multiply_expression, star<ws, add_tail>> {};

// STARTS WITH, ENDS WITH, CONTAINS, IN, =~, IS [NOT] NULL (left-associative)
struct predicate_operand : seq<add_expression> {};  // error point
struct starts_with_with : kw_with {};          // error point
struct ends_with_with : kw_with {};            // error point
struct is_null_null : kw_null {};              // error point
struct is_not_null_null : kw_null {};          // error point
struct starts_with_tail : seq<kw_starts, ws, starts_with_with, ws, predicate_operand> {};
struct ends_with_tail : seq<kw_ends, ws, ends_with_with, ws, predicate_operand> {};
struct contains_tail : seq<kw_contains, ws, predicate_operand> {};
struct in_tail : seq<kw_in, ws, predicate_operand> {};
struct regex_tail : seq<string<'=', '~'>, ws, predicate_operand> {};
struct is_not_null_tail : seq<kw_is, ws, kw_not, ws, is_not_null_null> {};
struct is_null_tail : seq<kw_is, ws, is_null_null> {};
struct predicate_expression
    : seq<add_expression, star<ws, sor<starts_with_tail, ends_with_tail, contains_tail, in_tail, regex_tail,
                                       is_not_null_tail, is_null_tail>>> {};

// = <> != < <= > >= (a chain a < b < c means a < b AND b < c)
struct comparison_operator
    : sor<string<'<', '>'>, string<'!', '='>, string<'<', '='>, string<'>', '='>, one<'='>, one<'<'>, one<'>'>> {};
struct comparison_operand : seq<predicate_expression> {};  // error point
struct comparison_expression : seq<predicate_expression, star<ws, comparison_operator, ws, comparison_operand>> {};

struct not_operator : kw_not {};
struct not_expression : seq<star<not_operator, ws>, comparison_expression> {};

struct and_operand : seq<not_expression> {};  // error point
struct and_tail : seq<kw_and, ws, and_operand> {};
struct and_expression : seq<not_expression, star<ws, and_tail>> {};

struct xor_operand : seq<and_expression> {};  // error point
struct xor_tail : seq<kw_xor, ws, xor_operand> {};
struct xor_expression : seq<and_expression, star<ws, xor_tail>> {};

struct or_operand : seq<xor_expression> {};  // error point
struct or_tail : seq<kw_or, ws, or_operand> {};
struct or_expression : seq<xor_expression, star<ws, or_tail>> {};

struct expression : or_expression {};

// ---------------------------------------------------------------- clauses
// What may follow a clause: another clause, UNION, the end of a statement or
// of an EXISTS subquery.
struct clause_follow
    : sor<kw_match, kw_optional, kw_unwind, kw_with, kw_return, kw_create, kw_merge, kw_set, kw_remove, kw_delete,
          kw_detach, kw_call, kw_union, one<';'>, one<'}'>, eof> {};

// [OPTIONAL] MATCH pattern [WHERE predicate]
struct where_predicate : seq<expression> {};  // error point
struct optional_match_keyword : kw_match {};  // error point
struct match_keyword : sor<seq<kw_optional, ws, optional_match_keyword>, kw_match> {};
struct match_pattern : seq<pattern> {};        // error point
struct match_where_end : at<ws, clause_follow> {};  // error point
struct match_where : seq<kw_where, ws, where_predicate, match_where_end> {};
struct match_end : at<ws, clause_follow> {};  // error point
struct match_clause
    : seq<match_keyword, ws, match_pattern, opt<ws, match_where>, match_end> {};

// UNWIND list AS variable
struct unwind_expression : seq<expression> {};  // error point
struct unwind_as : kw_as {};                     // error point
struct unwind_variable : variable {};            // error point
struct unwind_end : at<ws, clause_follow> {};  // error point
struct unwind_keyword : kw_unwind {};
struct unwind_clause : seq<unwind_keyword, ws, unwind_expression, ws, unwind_as, ws, unwind_variable, unwind_end> {};

// The body of WITH and RETURN.
struct projection_distinct : kw_distinct {};
struct projection_star : one<'*'> {};
struct projection_expression : seq<expression> {};
struct projection_alias : variable {};  // error point
struct projection_item : seq<projection_expression, opt<ws, kw_as, ws, projection_alias>> {};
struct projection_next_item : seq<projection_item> {};  // error point
struct projection_items
    : sor<seq<projection_star, star<ws, one<','>, ws, projection_next_item>>,
          seq<projection_item, star<ws, one<','>, ws, projection_next_item>>> {};  // error point
struct order_by_by : kw_by {};                  // error point
struct sort_expression : seq<expression> {};     // error point
struct sort_descending : sor<kw_descending, kw_desc> {};
struct sort_item : seq<sort_expression, opt<ws, sor<sort_descending, kw_ascending, kw_asc>>> {};
struct order_by : seq<kw_order, ws, order_by_by, ws, sort_item, star<ws, one<','>, ws, sort_item>> {};
struct skip_expression : seq<expression> {};   // error point
struct limit_expression : seq<expression> {};  // error point
struct skip : seq<kw_skip, ws, skip_expression> {};
struct limit : seq<kw_limit, ws, limit_expression> {};
struct projection_body
    : seq<opt<projection_distinct, ws>, projection_items, opt<ws, order_by>, opt<ws, skip>, opt<ws, limit>> {};

struct with_where : seq<kw_where, ws, where_predicate> {};
struct with_end : at<ws, clause_follow> {};    // error point
struct return_end : at<ws, clause_follow> {};  // error point
struct with_keyword : kw_with {};
struct return_keyword : kw_return {};
struct with_clause : seq<with_keyword, ws, projection_body, opt<ws, with_where>, with_end> {};
struct return_clause : seq<return_keyword, ws, projection_body, return_end> {};

// CREATE pattern
struct create_pattern : seq<pattern> {};        // error point
struct create_end : at<ws, clause_follow> {};  // error point
struct create_keyword : kw_create {};
struct create_clause : seq<create_keyword, ws, create_pattern, create_end> {};

// SET items: n.key = value, n = map, n += map, n:Label
struct set_variable : variable {};
struct set_label_name : symbolic_name {};  // error point
struct set_labels
    : seq<ahead<variable, ws, one<':'>>, set_variable, plus<ws, one<':'>, ws, set_label_name>> {};
struct set_value : seq<expression> {};  // error point
struct set_replace : seq<ahead<variable, ws, one<'='>>, set_variable, ws, one<'='>, ws, set_value> {};
struct set_merge : seq<ahead<variable, ws, string<'+', '='>>, set_variable, ws, string<'+', '='>, ws, set_value> {};
struct property_target : seq<atom, plus<ws, property_lookup>> {};
struct set_equals : one<'='> {};  // error point
struct set_property : seq<property_target, ws, set_equals, ws, set_value> {};
struct set_item : sor<set_labels, set_replace, set_merge, set_property> {};  // error point
struct set_items : seq<set_item, star<ws, one<','>, ws, set_item>> {};
struct set_end : at<ws, clause_follow> {};  // error point
struct set_keyword : kw_set {};
struct set_clause : seq<set_keyword, ws, set_items, set_end> {};

// MERGE part [ON CREATE SET ... | ON MATCH SET ...]
struct merge_pattern : seq<pattern_part> {};  // error point
struct merge_set : kw_set {};                 // error point
struct on_create : seq<kw_create, ws, merge_set, ws, set_items> {};
struct on_match : seq<kw_match, ws, merge_set, ws, set_items> {};
struct merge_action_kind : sor<on_match, on_create> {};  // error point
struct merge_end : at<ws, clause_follow> {};           // error point
struct merge_keyword : kw_merge {};
struct merge_clause : seq<merge_keyword, ws, merge_pattern, star<ws, kw_on, ws, merge_action_kind>, merge_end> {};

// REMOVE n.key, n:Label
struct remove_variable : variable {};
struct remove_label_name : symbolic_name {};  // error point
struct remove_labels
    : seq<ahead<variable, ws, one<':'>>, remove_variable, plus<ws, one<':'>, ws, remove_label_name>> {};
struct remove_property : property_target {};
struct remove_item : sor<remove_labels, remove_property> {};  // error point
struct remove_end : at<ws, clause_follow> {};             // error point
struct remove_keyword : kw_remove {};
struct remove_clause : seq<remove_keyword, ws, remove_item, star<ws, one<','>, ws, remove_item>, remove_end> {};

// [DETACH] DELETE expression, ...
struct detach_delete : kw_delete {};                // error point
struct delete_keyword : sor<seq<kw_detach, ws, detach_delete>, kw_delete> {};
struct delete_expression : seq<expression> {};       // error point
struct delete_end : at<ws, clause_follow> {};     // error point
struct delete_clause
    : seq<delete_keyword, ws, delete_expression,
          star<ws, one<','>, ws, delete_expression>, delete_end> {};

// CALL name.space.proc[(args)] [YIELD * | YIELD field [AS alias], ... [WHERE predicate]]
struct procedure_name : seq<symbolic_name, star<one<'.'>, symbolic_name>> {};  // error point
struct call_argument : seq<expression> {};
struct call_next_argument : seq<expression> {};  // error point
struct call_arguments_close : one<')'> {};       // error point
struct call_arguments
    : seq<one<'('>, ws, opt<call_argument, star<ws, one<','>, ws, call_next_argument>>, ws, call_arguments_close> {};
struct yield_star : one<'*'> {};
struct yield_field : variable {};
struct yield_alias : variable {};  // error point
struct yield_item : seq<yield_field, opt<ws, kw_as, ws, yield_alias>> {};
struct yield_next_item : seq<yield_item> {};  // error point
struct yield_items : sor<yield_star, seq<yield_item, star<ws, one<','>, ws, yield_next_item>>> {};  // error point
struct yield_where : seq<kw_where, ws, where_predicate> {};
struct call_yield : seq<kw_yield, ws, yield_items, opt<ws, yield_where>> {};
struct call_end : at<ws, clause_follow> {};  // error point
struct call_keyword : kw_call {};
struct call_clause : seq<call_keyword, ws, procedure_name, opt<ws, call_arguments>, opt<ws, call_yield>, call_end> {};

struct clause
    : sor<match_clause, unwind_clause, with_clause, return_clause, create_clause, merge_clause, set_clause,
          remove_clause, delete_clause, call_clause> {};

// ---------------------------------------------------------------- schema commands
// Neo4j 5's index and constraint DDL. A schema command is a statement of
// its own (no clauses before or after it). None of its words is reserved:
// `for`, `index`, `show`, `constraint`, ... stay ordinary names elsewhere,
// and `CREATE index = (a)-->(b)` still creates a path called index.
//
// CREATE FULLTEXT INDEX name [IF NOT EXISTS] FOR (n:A|B) ON EACH [n.p, n.q] [OPTIONS {...}]
struct index_name : seq<not_at<kw_for>, not_at<kw_if, ws, kw_not>, symbolic_name> {};  // error point
struct if_not_exists_not : kw_not {};        // error point
struct if_not_exists_exists : kw_exists {};  // error point
struct if_not_exists : seq<kw_if, ws, if_not_exists_not, ws, if_not_exists_exists> {};
struct create_fulltext_keyword : kw_fulltext {};
struct create_index_keyword : kw_index {};   // error point
struct index_for : kw_for {};                // error point
struct index_pattern_open : one<'('> {};     // error point
struct index_variable : variable {};         // error point
struct index_label_colon : one<':'> {};      // error point
struct index_label : symbolic_name {};       // error point
struct index_pattern_close : one<')'> {};    // error point
struct index_pattern
    : seq<index_pattern_open, ws, index_variable, ws, index_label_colon, ws, index_label,
          star<ws, one<'|'>, ws, opt<one<':'>, ws>, index_label>, ws, index_pattern_close> {};
struct index_on : kw_on {};                      // error point
struct index_each : kw_each {};                  // error point
struct index_properties_open : one<'['> {};      // error point
struct index_property_variable : variable {};    // error point
struct index_property_dot : one<'.'> {};         // error point
struct index_property_key : symbolic_name {};    // error point
struct index_property : seq<index_property_variable, ws, index_property_dot, ws, index_property_key> {};
struct index_properties_close : one<']'> {};     // error point
struct index_properties
    : seq<index_properties_open, ws, index_property, star<ws, one<','>, ws, index_property>, ws,
          index_properties_close> {};
struct index_options_map : seq<map_literal> {};  // error point
struct index_options : seq<kw_options, ws, index_options_map> {};
struct create_fulltext_index
    : seq<kw_create, ws, create_fulltext_keyword, ws, create_index_keyword, ws, index_name, opt<ws, if_not_exists>, ws,
          index_for, ws, index_pattern, ws, index_on, ws, index_each, ws, index_properties, opt<ws, index_options>> {};

// The part shared by property indexes and constraints: an optional name,
// IF NOT EXISTS, and FOR with the pattern (a node with one label; a
// relationship is read so that the binder can say it is not supported).
struct schema_keyword_end : not_at<ws, one<'='>> {};
struct optional_schema_name : seq<not_at<kw_for>, not_at<kw_if, ws, kw_not>, symbolic_name> {};
struct schema_name_part : seq<opt<optional_schema_name, ws>, opt<if_not_exists, ws>> {};
struct schema_label_colon : one<':'> {};     // error point
struct schema_pattern_close : one<')'> {};   // error point
struct schema_node_pattern
    : seq<index_variable, ws, schema_label_colon, ws, index_label, ws, schema_pattern_close> {};
struct schema_rel_start : seq<one<')'>, ws, opt<one<'<'>>, one<'-'>> {};
struct schema_rel_variable : variable {};
struct schema_rel_type : symbolic_name {};
struct schema_rel_rest  // error point
    : seq<one<'['>, ws, opt<schema_rel_variable, ws>, opt<one<':'>, ws, schema_rel_type, ws>, one<']'>, ws,
          one<'-'>, opt<one<'>'>>, ws, one<'('>, ws, one<')'>> {};
struct schema_pattern
    : seq<index_pattern_open, ws, sor<seq<schema_rel_start, ws, schema_rel_rest>, schema_node_pattern>> {};

// CREATE [RANGE] INDEX [name] [IF NOT EXISTS] FOR (n:Label) ON (n.p) [OPTIONS {...}]
struct create_range_keyword : seq<kw_range, schema_keyword_end> {};
struct range_index_keyword : kw_index {};          // error point
struct create_property_index_keyword : seq<kw_index, schema_keyword_end> {};
struct property_index_for : kw_for {};             // error point
struct property_index_on : kw_on {};               // error point
struct property_list_open : one<'('> {};           // error point
struct property_list_close : one<')'> {};          // error point
struct property_list
    : seq<property_list_open, ws, index_property, star<ws, one<','>, ws, index_property>, ws, property_list_close> {};
struct create_property_index
    : seq<kw_create, ws, sor<seq<create_range_keyword, ws, range_index_keyword>, create_property_index_keyword>, ws,
          schema_name_part, property_index_for, ws, schema_pattern, ws, property_index_on, ws, property_list,
          opt<ws, index_options>> {};

// CREATE CONSTRAINT [name] [IF NOT EXISTS] FOR (n:Label) REQUIRE n.p IS UNIQUE [OPTIONS {...}]
// (also REQUIRE (n.p) IS UNIQUE). IS NOT NULL, IS [NODE|REL|RELATIONSHIP] KEY
// and property types (IS :: T, IS TYPED T, :: T) are read for the binder to refuse.
struct create_constraint_keyword : seq<kw_constraint, schema_keyword_end> {};
struct constraint_for : kw_for {};                 // error point
struct constraint_require : kw_require {};         // error point
struct constraint_property_list : seq<at<one<'('>>, property_list> {};
struct constraint_properties : sor<constraint_property_list, index_property> {};
struct constraint_unique : kw_unique {};
struct constraint_not_null : seq<kw_not, ws, kw_null> {};
struct constraint_key : seq<opt<sor<kw_node, kw_relationship, kw_rel>, ws>, kw_key> {};
struct constraint_type_text : plus<not_at<ws, sor<one<';'>, kw_options, eof>>, any> {};
struct constraint_typed : seq<sor<two<':'>, kw_typed>, ws, constraint_type_text> {};
struct constraint_predicate : sor<constraint_unique, constraint_not_null, constraint_key, constraint_typed> {};  // error point
struct constraint_kind : sor<seq<kw_is, ws, constraint_predicate>, constraint_typed> {};  // error point
struct create_constraint
    : seq<kw_create, ws, create_constraint_keyword, ws, schema_name_part, constraint_for, ws, schema_pattern, ws,
          constraint_require, ws, constraint_properties, ws, constraint_kind, opt<ws, index_options>> {};

// DROP INDEX name [IF EXISTS], DROP CONSTRAINT name [IF EXISTS]
struct drop_keyword : kw_drop {};
struct drop_index_keyword : kw_index {};
struct drop_constraint_keyword : kw_constraint {};
struct drop_what : sor<drop_index_keyword, drop_constraint_keyword> {};  // error point
struct drop_name : seq<symbolic_name> {};   // error point
struct if_exists_exists : kw_exists {};     // error point
struct if_exists : seq<kw_if, ws, if_exists_exists> {};
struct drop_command : seq<drop_keyword, ws, drop_what, ws, drop_name, opt<ws, if_exists>> {};

// SHOW [ALL | RANGE | FULLTEXT | ...] INDEXES, SHOW [ALL | UNIQUE | ...] CONSTRAINTS
// (INDEX and CONSTRAINT too). The words before are checked by the binder.
struct show_keyword : kw_show {};
struct show_indexes_keyword : sor<kw_indexes, kw_index> {};
struct show_constraints_keyword : sor<kw_constraints, kw_constraint> {};
struct show_filter_word : seq<not_at<sor<show_indexes_keyword, show_constraints_keyword>>, unescaped_name> {};
struct show_what : sor<show_indexes_keyword, show_constraints_keyword> {};  // error point
struct show_command : seq<show_keyword, ws, star<show_filter_word, ws>, show_what> {};

struct schema_command : sor<create_fulltext_index, create_property_index, create_constraint, drop_command, show_command> {};

// ---------------------------------------------------------------- statements
struct single_query : seq<clause, star<ws, clause>> {};
struct union_all : kw_all {};
struct union_distinct : success {};
struct union_operand : seq<single_query> {};  // error point
struct union_part : seq<kw_union, ws, sor<union_all, union_distinct>, ws, union_operand> {};
struct regular_query : seq<single_query, star<ws, union_part>> {};

struct explain_keyword : kw_explain {};
struct profile_keyword : kw_profile {};
struct explained_query : seq<regular_query> {};  // error point
struct statement
    : sor<schema_command, seq<sor<explain_keyword, profile_keyword>, ws, explained_query>, regular_query> {};

// Statements separated by ';' (the last one optional; empty ones allowed).
struct statement_end : sor<one<';'>, eof> {};  // error point
struct script_end : eof {};                    // error point
struct script : seq<opt<tao::pegtl::utf8::bom>, ws, star<sor<one<';'>, seq<statement, ws, statement_end>>, ws>, script_end> {};

// A value on its own (parse_literal): the parser then checks that it is a
// literal.
struct literal_value : seq<expression> {};  // error point
struct literal_end : eof {};                // error point
struct literal_input : seq<opt<tao::pegtl::utf8::bom>, ws, literal_value, ws, literal_end> {};

}  // namespace mlkg::grammar::cypher

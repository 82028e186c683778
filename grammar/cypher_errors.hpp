#pragma once
// Error messages of the openCypher grammar (grammar/cypher.hpp), one per
// error point, in PEGTL's json_errors style: a rule with a message raises a
// parse error as soon as it fails (must_if), and must_if static_asserts that
// every rule that can raise has a message. Each message says what was
// expected at the spot; the parser adds what it found there.
//
// error_code names the TCK's detail code of the error a rule raises; it is
// UnexpectedSyntax unless specialised here.

#include <tao/pegtl.hpp>

#include "grammar/cypher.hpp"

namespace mlkg::grammar::cypher {

template <typename>
inline constexpr const char* error_message = nullptr;

template <typename>
inline constexpr const char* error_code = "UnexpectedSyntax";

// clang-format off
// ---------------------------------------------------------------- lexical
template <> inline constexpr auto error_message<block_comment_close> = "expected '*/' to close the comment";
template <> inline constexpr auto error_message<escaped_name_close> = "expected '`' to close the quoted name";
template <> inline constexpr auto error_message<number_end> =
    "expected the number to end here: a number cannot run into a letter or digit that does not belong to it "
    "(write hexadecimal as 0x1F, octal as 0o17, floats as 1.5 or 1e5)";
template <> inline constexpr auto error_message<unicode_hex4> = "expected four hexadecimal digits after '\\u'";
template <> inline constexpr auto error_message<unicode_hex8> = "expected eight hexadecimal digits after '\\U'";
template <> inline constexpr auto error_message<escape_code> =
    "expected an escape sequence after '\\': one of \\\\ \\' \\\" \\b \\f \\n \\r \\t \\uXXXX \\UXXXXXXXX";
template <> inline constexpr auto error_message<sq_close> = "expected ''' to close the string";
template <> inline constexpr auto error_message<dq_close> = "expected '\"' to close the string";
template <> inline constexpr auto error_message<parameter_name> = "expected a parameter name or number after '$'";

// ---------------------------------------------------------------- lists, maps, CASE
template <> inline constexpr auto error_message<list_next_element> = "expected an expression after ',' in the list";
template <> inline constexpr auto error_message<list_close> = "expected ',' or ']' in the list";
template <> inline constexpr auto error_message<list_body> = "expected an expression or ']' after '['";
template <> inline constexpr auto error_message<map_colon> = "expected ':' after the map key";
template <> inline constexpr auto error_message<map_value> = "expected an expression after ':' in the map";
template <> inline constexpr auto error_message<map_next_entry> = "expected a key: value entry after ',' in the map";
template <> inline constexpr auto error_message<map_close> = "expected ',' or '}' in the map";
template <> inline constexpr auto error_message<map_body> =
    "expected a key: value entry or '}' after '{' (a map key is a name, such as {name: 'x'})";
template <> inline constexpr auto error_message<projection_property_key> =
    "expected a property name or '*' after '.' in the map projection";
template <> inline constexpr auto error_message<map_projection_item> =
    "expected a map projection entry: .key, .*, key: expression or a variable";
template <> inline constexpr auto error_message<map_projection_close> = "expected ',' or '}' in the map projection";
template <> inline constexpr auto error_message<map_projection_body> =
    "expected a map projection entry (.key, .*, key: expression or a variable) or '}' after '{'";
template <> inline constexpr auto error_message<case_head> = "expected WHEN or an expression after CASE";
template <> inline constexpr auto error_message<case_first_when> = "expected WHEN in the CASE expression";
template <> inline constexpr auto error_message<when_condition> = "expected an expression after WHEN";
template <> inline constexpr auto error_message<case_then> = "expected THEN after the WHEN expression";
template <> inline constexpr auto error_message<then_value> = "expected an expression after THEN";
template <> inline constexpr auto error_message<else_value> = "expected an expression after ELSE";
template <> inline constexpr auto error_message<case_end> = "expected WHEN, ELSE or END in the CASE expression";
template <> inline constexpr auto error_message<count_star_close> = "expected ')' to close count(*)";

// ---------------------------------------------------------------- comprehensions
template <> inline constexpr auto error_message<filter_predicate> = "expected a predicate after WHERE";
template <> inline constexpr auto error_message<comprehension_source> = "expected a list expression after IN";
template <> inline constexpr auto error_message<list_projection_value> = "expected an expression after '|'";
template <> inline constexpr auto error_message<list_comprehension_close> =
    "expected WHERE, '|' or ']' in the list comprehension";
template <> inline constexpr auto error_message<quantifier_close> = "expected WHERE or ')' to close the quantifier";
template <> inline constexpr auto error_message<reduce_init> = "expected the accumulator's initial value after '='";
template <> inline constexpr auto error_message<reduce_comma> = "expected ',' after the accumulator's initial value";
template <> inline constexpr auto error_message<reduce_variable> = "expected a variable after ',' in reduce()";
template <> inline constexpr auto error_message<reduce_in> = "expected IN after the variable in reduce()";
template <> inline constexpr auto error_message<reduce_source> = "expected a list expression after IN";
template <> inline constexpr auto error_message<reduce_bar> = "expected '|' after the list in reduce()";
template <> inline constexpr auto error_message<reduce_value> = "expected an expression after '|' in reduce()";
template <> inline constexpr auto error_message<reduce_close> = "expected ')' to close reduce()";
template <> inline constexpr auto error_message<pattern_comprehension_bar> =
    "expected WHERE or '|' after the pattern in the pattern comprehension";
template <> inline constexpr auto error_message<pattern_comprehension_value> = "expected an expression after '|'";
template <> inline constexpr auto error_message<pattern_comprehension_close> =
    "expected ']' to close the pattern comprehension";
template <> inline constexpr auto error_message<exists_body> =
    "expected a pattern or a query (MATCH ...) inside EXISTS { }";
template <> inline constexpr auto error_message<exists_close> = "expected '}' to close the EXISTS subquery";

// ---------------------------------------------------------------- patterns
template <> inline constexpr auto error_message<node_label_name> = "expected a label name after ':'";
template <> inline constexpr auto error_message<node_close> = "expected ')' to close the node pattern";
template <> inline constexpr auto error_message<rel_type_name> = "expected a relationship type name after ':' or '|'";
template <> inline constexpr auto error_message<range_bound_not_negative> =
    "expected a length that is not negative in the variable-length relationship";
template <> inline constexpr auto error_message<range_needs_star> =
    "expected '*' before the length of a variable-length relationship (write [:T*1..3])";
template <> inline constexpr auto error_message<rel_detail_close> = "expected ']' to close the relationship pattern";
template <> inline constexpr auto error_message<rel_end> =
    "expected '-' to continue the relationship pattern (write -->, <--, --, -[...]->, <-[...]- or -[...]-)";
template <> inline constexpr auto error_message<chain_node> =
    "expected a node pattern such as (m) after the relationship pattern";
template <> inline constexpr auto error_message<shortest_path_open> = "expected '(' after the shortest path function";
template <> inline constexpr auto error_message<shortest_path_element> =
    "expected a pattern such as (a)-[*]-(b) in the shortest path function";
template <> inline constexpr auto error_message<shortest_path_close> = "expected ')' to close the shortest path function";
template <> inline constexpr auto error_message<pattern_part_body> =
    "expected a pattern such as (n) or (a)-[:T]->(b)";

// ---------------------------------------------------------------- expressions
template <> inline constexpr auto error_message<parenthesized_inner> = "expected an expression after '('";
template <> inline constexpr auto error_message<paren_close> = "expected ')' to close the parenthesized expression";
template <> inline constexpr auto error_message<function_next_argument> = "expected an expression after ',' in the function call";
template <> inline constexpr auto error_message<function_distinct_argument> = "expected an expression after DISTINCT";
template <> inline constexpr auto error_message<function_close> = "expected ',' or ')' in the function call";
template <> inline constexpr auto error_message<property_key> = "expected a property name after '.'";
template <> inline constexpr auto error_message<index_body> = "expected an index or a range (from..to) after '['";
template <> inline constexpr auto error_message<index_close> = "expected ']' to close the index or range";
template <> inline constexpr auto error_message<check_label_name> = "expected a label name after ':'";
template <> inline constexpr auto error_message<power_operand> = "expected an expression after '^'";
template <> inline constexpr auto error_message<multiply_operand> = "expected an expression after the operator ('*', '/' or '%')";
template <> inline constexpr auto error_message<add_operand> = "expected an expression after the operator ('+' or '-')";
template <> inline constexpr auto error_message<predicate_operand> =
    "expected an expression after the operator (STARTS WITH, ENDS WITH, CONTAINS, IN or =~)";
template <> inline constexpr auto error_message<starts_with_with> = "expected WITH after STARTS";
template <> inline constexpr auto error_message<ends_with_with> = "expected WITH after ENDS";
template <> inline constexpr auto error_message<is_null_null> = "expected NULL or NOT NULL after IS";
template <> inline constexpr auto error_message<is_not_null_null> = "expected NULL after IS NOT";
template <> inline constexpr auto error_message<comparison_operand> = "expected an expression after the comparison operator";
template <> inline constexpr auto error_message<and_operand> = "expected an expression after AND";
template <> inline constexpr auto error_message<xor_operand> = "expected an expression after XOR";
template <> inline constexpr auto error_message<or_operand> = "expected an expression after OR";

// ---------------------------------------------------------------- clauses
template <> inline constexpr auto error_message<where_predicate> = "expected a predicate after WHERE";
template <> inline constexpr auto error_message<optional_match_keyword> = "expected MATCH after OPTIONAL";
template <> inline constexpr auto error_message<match_pattern> = "expected a pattern such as (n) or (a)-[:T]->(b) after MATCH";
template <> inline constexpr auto error_message<match_where_end> =
    "expected an operator (AND, OR, =, ...) to continue the WHERE predicate, or the next clause, ';' or the end of "
    "the input";
template <> inline constexpr auto error_message<match_end> =
    "expected ',' or WHERE to continue the MATCH clause, or the next clause, ';' or the end of the input";
template <> inline constexpr auto error_message<unwind_expression> = "expected an expression after UNWIND";
template <> inline constexpr auto error_message<unwind_as> = "expected AS after the UNWIND expression";
template <> inline constexpr auto error_message<unwind_variable> = "expected a variable name after AS";
template <> inline constexpr auto error_message<unwind_end> =
    "expected the next clause, ';' or the end of the input after the UNWIND clause";
template <> inline constexpr auto error_message<projection_alias> = "expected a name after AS";
template <> inline constexpr auto error_message<projection_next_item> = "expected an expression after ','";
template <> inline constexpr auto error_message<projection_items> = "expected '*' or an expression to project";
template <> inline constexpr auto error_message<order_by_by> = "expected BY after ORDER";
template <> inline constexpr auto error_message<sort_expression> = "expected an expression to sort by";
template <> inline constexpr auto error_message<skip_expression> = "expected an expression after SKIP";
template <> inline constexpr auto error_message<limit_expression> = "expected an expression after LIMIT";
template <> inline constexpr auto error_message<with_end> =
    "expected ',', AS, ORDER BY, SKIP, LIMIT or WHERE to continue the WITH clause, or the next clause";
template <> inline constexpr auto error_message<return_end> =
    "expected ',', AS, ORDER BY, SKIP or LIMIT to continue the RETURN clause, or UNION, ';' or the end of the input";
template <> inline constexpr auto error_message<create_pattern> = "expected a pattern such as (n:Label) after CREATE";
template <> inline constexpr auto error_message<create_end> =
    "expected ',' to continue the CREATE pattern, or the next clause, ';' or the end of the input";
template <> inline constexpr auto error_message<set_label_name> = "expected a label name after ':'";
template <> inline constexpr auto error_message<set_value> = "expected an expression after '=' or '+='";
template <> inline constexpr auto error_message<set_equals> = "expected '=' after the property to set";
template <> inline constexpr auto error_message<set_item> =
    "expected what to set: n.key = value, n = map, n += map or n:Label";
template <> inline constexpr auto error_message<set_end> =
    "expected ',' to continue the SET clause, or the next clause, ';' or the end of the input";
template <> inline constexpr auto error_message<merge_pattern> = "expected a pattern such as (n:Label {key: value}) after MERGE";
template <> inline constexpr auto error_message<merge_set> = "expected SET after ON CREATE or ON MATCH";
template <> inline constexpr auto error_message<merge_action_kind> = "expected CREATE or MATCH after ON";
template <> inline constexpr auto error_message<merge_end> =
    "expected ON CREATE SET, ON MATCH SET, the next clause, ';' or the end of the input after the MERGE pattern";
template <> inline constexpr auto error_message<remove_label_name> = "expected a label name after ':'";
template <> inline constexpr auto error_message<remove_item> = "expected what to remove: n.key or n:Label";
template <> inline constexpr auto error_message<remove_end> =
    "expected ',' to continue the REMOVE clause, or the next clause, ';' or the end of the input";
template <> inline constexpr auto error_message<detach_delete> = "expected DELETE after DETACH";
template <> inline constexpr auto error_message<delete_expression> = "expected an expression to delete";
template <> inline constexpr auto error_message<delete_end> =
    "expected ',' to continue the DELETE clause, or the next clause, ';' or the end of the input";
template <> inline constexpr auto error_message<procedure_name> = "expected a procedure name such as db.labels after CALL";
template <> inline constexpr auto error_message<call_next_argument> = "expected an expression after ',' in the procedure call";
template <> inline constexpr auto error_message<call_arguments_close> = "expected ',' or ')' in the procedure call";
template <> inline constexpr auto error_message<yield_alias> = "expected a name after AS";
template <> inline constexpr auto error_message<yield_next_item> = "expected a result field name after ','";
template <> inline constexpr auto error_message<yield_items> = "expected '*' or a result field name after YIELD";
template <> inline constexpr auto error_message<call_end> =
    "expected '(', YIELD, the next clause, ';' or the end of the input after the procedure call";

// ---------------------------------------------------------------- schema commands
template <> inline constexpr auto error_message<index_name> =
    "expected the index's name, as in CREATE FULLTEXT INDEX svc FOR (n:Service) ON EACH [n.name]";
template <> inline constexpr auto error_message<if_not_exists_not> = "expected NOT EXISTS after IF";
template <> inline constexpr auto error_message<if_not_exists_exists> = "expected EXISTS after IF NOT";
template <> inline constexpr auto error_message<create_index_keyword> = "expected INDEX after CREATE FULLTEXT";
template <> inline constexpr auto error_message<index_for> =
    "expected FOR (n:Label) after the index's name (or IF NOT EXISTS)";
template <> inline constexpr auto error_message<index_pattern_open> = "expected '(' to start the node pattern after FOR";
template <> inline constexpr auto error_message<index_variable> = "expected a variable in the index's node pattern, as in (n:Service)";
template <> inline constexpr auto error_message<index_label_colon> =
    "expected ':' and a label after the variable: a full-text index covers nodes with given labels, as in (n:Service|UseCase)";
template <> inline constexpr auto error_message<index_label> = "expected a label name";
template <> inline constexpr auto error_message<index_pattern_close> =
    "expected '|' and another label, or ')' to close the node pattern";
template <> inline constexpr auto error_message<index_on> = "expected ON EACH [n.property, ...] after the node pattern";
template <> inline constexpr auto error_message<index_each> = "expected EACH after ON";
template <> inline constexpr auto error_message<index_properties_open> = "expected '[' to start the list of properties";
template <> inline constexpr auto error_message<index_property_variable> =
    "expected a property of the pattern's variable, such as n.name";
template <> inline constexpr auto error_message<index_property_dot> = "expected '.' and a property name after the variable";
template <> inline constexpr auto error_message<index_property_key> = "expected a property name after '.'";
template <> inline constexpr auto error_message<index_properties_close> = "expected ',' or ']' in the list of properties";
template <> inline constexpr auto error_message<index_options_map> =
    "expected a map after OPTIONS, such as {indexProvider: 'range-1.0'} or {indexConfig: {`fulltext.analyzer`: "
    "'english'}}";
template <> inline constexpr auto error_message<schema_label_colon> =
    "expected ':' and a label after the variable: an index or constraint covers the nodes of one label, as in "
    "(n:Service)";
template <> inline constexpr auto error_message<schema_pattern_close> =
    "expected ')' to close the node pattern (an index or constraint covers the nodes of one label)";
template <> inline constexpr auto error_message<schema_rel_rest> =
    "expected a relationship pattern such as ()-[r:TYPE]-() after FOR";
template <> inline constexpr auto error_message<range_index_keyword> = "expected INDEX after CREATE RANGE";
template <> inline constexpr auto error_message<property_index_for> =
    "expected FOR (n:Label) after the index's name (or IF NOT EXISTS), as in CREATE INDEX FOR (n:Service) ON (n.name)";
template <> inline constexpr auto error_message<property_index_on> =
    "expected ON (n.property) after the pattern, as in CREATE INDEX FOR (n:Service) ON (n.name)";
template <> inline constexpr auto error_message<property_list_open> = "expected '(' and the property, as in (n.name)";
template <> inline constexpr auto error_message<property_list_close> = "expected ',' or ')' after the property";
template <> inline constexpr auto error_message<constraint_for> =
    "expected FOR (n:Label) after the constraint's name (or IF NOT EXISTS), as in CREATE CONSTRAINT FOR "
    "(n:Service) REQUIRE n.id IS UNIQUE (Neo4j 4's ON ... ASSERT is FOR ... REQUIRE)";
template <> inline constexpr auto error_message<constraint_require> =
    "expected REQUIRE n.property IS UNIQUE after the pattern";
template <> inline constexpr auto error_message<constraint_predicate> =
    "expected UNIQUE after IS: mlkg's constraints are uniqueness constraints (REQUIRE n.property IS UNIQUE)";
template <> inline constexpr auto error_message<constraint_kind> = "expected IS UNIQUE after the constraint's property";
template <> inline constexpr auto error_message<drop_what> = "expected INDEX or CONSTRAINT after DROP";
template <> inline constexpr auto error_message<drop_name> =
    "expected the name of the index or constraint to drop (SHOW INDEXES and SHOW CONSTRAINTS list them)";
template <> inline constexpr auto error_message<if_exists_exists> = "expected EXISTS after IF";
template <> inline constexpr auto error_message<show_what> =
    "expected INDEXES or CONSTRAINTS after SHOW, as in SHOW INDEXES, SHOW FULLTEXT INDEXES or SHOW CONSTRAINTS";

// ---------------------------------------------------------------- statements
template <> inline constexpr auto error_message<union_operand> = "expected a query after UNION";
template <> inline constexpr auto error_message<explained_query> = "expected a query after EXPLAIN or PROFILE";
template <> inline constexpr auto error_message<statement_end> = "expected ';' or the end of the input after the statement";
template <> inline constexpr auto error_message<script_end> =
    "expected a statement: a clause such as MATCH, CREATE or RETURN";
template <> inline constexpr auto error_message<literal_value> =
    "expected a literal value: null, true, false, a number, a string, or a list or map of literals";
template <> inline constexpr auto error_message<literal_end> = "expected the end of the literal value";

template <> inline constexpr auto error_code<number_end> = "InvalidNumberLiteral";
template <> inline constexpr auto error_code<unicode_hex4> = "InvalidUnicodeLiteral";
template <> inline constexpr auto error_code<unicode_hex8> = "InvalidUnicodeLiteral";
template <> inline constexpr auto error_code<range_bound_not_negative> = "InvalidRelationshipPattern";
template <> inline constexpr auto error_code<range_needs_star> = "InvalidRelationshipPattern";
// clang-format on

struct errors {
  template <typename Rule>
  static constexpr auto message = error_message<Rule>;
};

template <typename Rule>
using control = must_if<errors>::control<Rule>;

}  // namespace mlkg::grammar::cypher

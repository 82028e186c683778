// The openCypher parser: precedence, clauses, literals, error positions and
// messages, names, comments, scripts, and the helpers around it.

#include <chrono>
#include <cstdint>
#include <iostream>
#include <limits>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "engine/query/parser/ast.hpp"
#include "engine/query/parser/parser.hpp"

namespace {

using namespace mlkg::query;  // NOLINT: test file
using ast::ClauseKind;
using ast::Expr;
using ast::ExprKind;

// The one statement of `text`.
ast::Statement parse_one(const std::string& text) {
  auto statements = parse_script(text);
  REQUIRE(statements.size() == 1);
  return std::move(statements[0]);
}

// The expression of `RETURN <text>`.
ast::ExprPtr expr(const std::string& text) {
  ast::Statement s = parse_one("RETURN " + text);
  return std::move(s.query.parts[0].clauses[0].projection.items[0].expr);
}

const char* op_name(ast::Op op) {
  static constexpr const char* kNames[] = {"NOT", "-", "+", "OR", "XOR", "AND", "=", "<>", "<", "<=", ">", ">=",
                                           "+", "-", "*", "/", "%", "^", "=~", "STARTS WITH", "ENDS WITH",
                                           "CONTAINS", "IN"};
  return kNames[static_cast<int>(op)];
}

// The tree with every operator application in parentheses, to assert
// structure independently of ast::to_string.
std::string tree(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kBinary:
      return '(' + tree(*e.children[0]) + ' ' + op_name(e.op) + ' ' + tree(*e.children[1]) + ')';
    case ExprKind::kUnary: return std::string("(") + op_name(e.op) + ' ' + tree(*e.children[0]) + ')';
    case ExprKind::kIsNull: return '(' + tree(*e.children[0]) + " IS NULL)";
    case ExprKind::kIsNotNull: return '(' + tree(*e.children[0]) + " IS NOT NULL)";
    case ExprKind::kProperty: return '(' + tree(*e.children[0]) + '.' + e.name + ')';
    case ExprKind::kLabelCheck: {
      std::string out = '(' + tree(*e.children[0]);
      for (const auto& l : e.keys) out += ':' + l;
      return out + ')';
    }
    case ExprKind::kSubscript: return '(' + tree(*e.children[0]) + '[' + tree(*e.children[1]) + "])";
    default: return ast::to_string(e);
  }
}

std::string tree_of(const std::string& text) { return tree(*expr(text)); }

// The error that parsing `text` raises (fails the test if none).
QueryError error_of(const std::string& text) {
  try {
    (void)parse_script(text);
  } catch (const QueryError& e) {
    return e;
  }
  FAIL("expected a syntax error for: " << text);
  throw;  // unreachable: FAIL throws
}

}  // namespace

TEST_CASE("cypher parser: the grammar has no problems PEGTL's analyze() can find", "[cypher]") {
  CHECK(analyze_cypher_grammar() == 0);
}

TEST_CASE("cypher parser: operators bind with openCypher's precedence", "[cypher]") {
  CHECK(tree_of("a OR b XOR c AND NOT d") == "(a OR (b XOR (c AND (NOT d))))");
  CHECK(tree_of("NOT a = b") == "(NOT (a = b))");
  CHECK(tree_of("NOT NOT a") == "(NOT (NOT a))");
  CHECK(tree_of("a = b IS NULL") == "(a = (b IS NULL))");
  CHECK(tree_of("a + 1 IN b + c") == "((a + 1) IN (b + c))");
  CHECK(tree_of("a STARTS WITH b + c") == "(a STARTS WITH (b + c))");
  CHECK(tree_of("a =~ 'x' = true") == "((a =~ 'x') = true)");
  CHECK(tree_of("1 + 2 * 3 - 4") == "((1 + (2 * 3)) - 4)");
  CHECK(tree_of("2 * 3 ^ 2") == "(2 * (3 ^ 2))");
  CHECK(tree_of("-a ^ 2") == "((- a) ^ 2)");
  CHECK(tree_of("-a.b[0]") == "(- ((a.b)[0]))");
  CHECK(tree_of("n:A:B AND m.x") == "((n:A:B) AND (m.x))");
  CHECK(tree_of("NOT false >= false") == "(NOT (false >= false))");
  CHECK(tree_of("true OR false IS NULL") == "(true OR (false IS NULL))");
}

TEST_CASE("cypher parser: binary operators are left-associative, ^ included", "[cypher]") {
  CHECK(tree_of("1 - 2 - 3") == "((1 - 2) - 3)");
  CHECK(tree_of("8 / 4 / 2") == "((8 / 4) / 2)");
  CHECK(tree_of("4 ^ 3 ^ 2") == "((4 ^ 3) ^ 2)");
  CHECK(tree_of("a IN b IN c") == "((a IN b) IN c)");
  CHECK(tree_of("a AND b AND c") == "((a AND b) AND c)");
}

TEST_CASE("cypher parser: a comparison chain becomes comparisons joined by AND", "[cypher]") {
  CHECK(tree_of("a < b < c") == "((a < b) AND (b < c))");
  CHECK(tree_of("1 < x <= 5 <> y") == "(((1 < x) AND (x <= 5)) AND (5 <> y))");
  // Parentheses break the chain.
  CHECK(tree_of("(a < b) < c") == "((a < b) < c)");
  CHECK(tree_of("a != b") == "(a <> b)");
}

TEST_CASE("cypher parser: a sign on a number literal is folded into the literal", "[cypher]") {
  auto e = expr("-9223372036854775808");
  REQUIRE(e->kind == ExprKind::kLiteral);
  CHECK(e->value.as_int() == std::numeric_limits<int64_t>::min());
  CHECK(expr("-0x8000000000000000")->value.as_int() == std::numeric_limits<int64_t>::min());
  CHECK(expr("-0o1000000000000000000000")->value.as_int() == std::numeric_limits<int64_t>::min());
  CHECK(expr("- 5")->value.as_int() == -5);
  CHECK(expr("+5")->value.as_int() == 5);
  CHECK(expr("-1.5")->value.as_float() == -1.5);
  CHECK(expr("-(-(3))")->value.as_int() == 3);
  // Negating INT64_MIN again is left to run time, where it overflows.
  CHECK(tree_of("- -9223372036854775808") == "(- -9223372036854775808)");
  CHECK(tree_of("-x") == "(- x)");
}

TEST_CASE("cypher parser: number literals", "[cypher]") {
  CHECK(expr("0")->value.as_int() == 0);
  CHECK(expr("9223372036854775807")->value.as_int() == std::numeric_limits<int64_t>::max());
  CHECK(expr("0x1A2b")->value.as_int() == 0x1A2B);
  CHECK(expr("0o777")->value.as_int() == 0777);
  CHECK(expr(".5")->value.as_float() == 0.5);
  CHECK(expr("1e5")->value.as_float() == 1e5);
  CHECK(expr("1.5E-3")->value.as_float() == 1.5e-3);
  CHECK(expr("123456789e300")->value.as_float() == 123456789e300);
  CHECK(expr("1e-400")->value.as_float() == 0.0);  // underflow is not an error
  CHECK(expr("1.0")->value.is_float());
}

TEST_CASE("cypher parser: number literals out of range or malformed have the TCK's codes", "[cypher]") {
  CHECK(error_of("RETURN 9223372036854775808").code_name() == "IntegerOverflow");
  CHECK(error_of("RETURN 9223372036854775808").position().column == 8);
  CHECK(error_of("RETURN -0x8000000000000001").code_name() == "IntegerOverflow");
  CHECK(error_of("RETURN 0o1000000000000000000000").code_name() == "IntegerOverflow");
  CHECK(error_of("RETURN [9223372036854775808]").code_name() == "IntegerOverflow");
  CHECK(error_of("RETURN -9223372036854775808.x").code_name() == "IntegerOverflow");
  CHECK(error_of("RETURN 1 < 9223372036854775808").code_name() == "IntegerOverflow");
  CHECK(error_of("RETURN 1.34E999").code_name() == "FloatingPointOverflow");
  CHECK(error_of("RETURN 0x1A2b3j").code_name() == "InvalidNumberLiteral");
  CHECK(error_of("RETURN 0x1A2b3j").position().column == 15);
  CHECK(error_of("RETURN 12abc").code_name() == "InvalidNumberLiteral");
  CHECK(error_of("RETURN 01").code_name() == "InvalidNumberLiteral");
  CHECK(error_of("RETURN 1e").code_name() == "InvalidNumberLiteral");
  CHECK(error_of("RETURN 0x").code_name() == "InvalidNumberLiteral");
  CHECK(error_of("RETURN 9223372#54775808").code_name() == "UnexpectedSyntax");
  CHECK(error_of("MATCH ()-[*99999999999999999999]-() RETURN 1").code_name() == "IntegerOverflow");
}

TEST_CASE("cypher parser: string literals and their escapes", "[cypher]") {
  CHECK(expr("'a\\\\b\\'c\\\"d'")->value.as_string() == "a\\b'c\"d");
  CHECK(expr("\"tab\\there\\nnl\\r\\b\\f\"")->value.as_string() == "tab\there\nnl\r\b\f");
  CHECK(expr("'\\u01FF'")->value.as_string() == "\u01FF");
  CHECK(expr("'\\U0001F600'")->value.as_string() == "\U0001F600");
  CHECK(expr("'\\uD83D\\uDE00'")->value.as_string() == "\U0001F600");  // a surrogate pair
  CHECK(expr("'multi\nline'")->value.as_string() == "multi\nline");
  CHECK(expr("\"it's\"")->value.as_string() == "it's");
  CHECK(expr("'🧐🍌❖⋙⚐'")->value.as_string() == "🧐🍌❖⋙⚐");

  CHECK(error_of("RETURN '\\uH'").code_name() == "InvalidUnicodeLiteral");
  CHECK(error_of("RETURN '\\U0011FFFF'").code_name() == "InvalidUnicodeLiteral");
  CHECK(error_of("RETURN '\\uD800'").code_name() == "InvalidUnicodeLiteral");
  CHECK(error_of("RETURN '\\x'").code_name() == "UnexpectedSyntax");
  CHECK(error_of("RETURN 'a\xFF'").code_name() == "InvalidUnicodeCharacter");
  const QueryError open = error_of("RETURN 1,\n  'abc");
  CHECK(open.position().line == 2);
  CHECK(open.position().column == 3);
  CHECK_THAT(open.message(), Catch::Contains("expected ''' to close the string"));
}

TEST_CASE("cypher parser: other literals, lists, maps and parameters", "[cypher]") {
  CHECK(expr("null")->value.is_null());
  CHECK(expr("NULL")->value.is_null());
  CHECK(expr("TRUE")->value.as_bool());
  CHECK_FALSE(expr("false")->value.as_bool());
  auto list = expr("[1, [2], {}]");
  REQUIRE(list->kind == ExprKind::kList);
  CHECK(list->children.size() == 3);
  auto map = expr("{a: 1, `b c`: 'x', match: true}");
  REQUIRE(map->kind == ExprKind::kMap);
  CHECK(map->keys == std::vector<std::string>{"a", "b c", "match"});
  auto p = expr("$name");
  CHECK(p->kind == ExprKind::kParameter);
  CHECK(p->name == "name");
  CHECK(expr("$0")->name == "0");
  CHECK(expr("$`my param`")->name == "my param");

  CHECK(error_of("RETURN [, ]").code_name() == "UnexpectedSyntax");
  CHECK(error_of("RETURN {1: 2}").code_name() == "UnexpectedSyntax");
  CHECK(error_of("RETURN {k1#k: 1}").code_name() == "UnexpectedSyntax");
  CHECK_THAT(error_of("RETURN {k: {k: {}} AS x").message(), Catch::Contains("expected ',' or '}' in the map"));
}

TEST_CASE("cypher parser: function calls, count(*), CASE and comprehensions", "[cypher]") {
  auto f = expr("count(DISTINCT n.x)");
  REQUIRE(f->kind == ExprKind::kFunctionCall);
  CHECK(f->name == "count");
  CHECK(f->distinct);
  CHECK(f->children.size() == 1);
  auto dotted = expr("db.`my fn`.x(1, 2)");
  CHECK(dotted->name == "db.my fn.x");
  CHECK(dotted->children.size() == 2);
  CHECK(expr("count( * )")->kind == ExprKind::kCountStar);
  CHECK(expr("exists(n.x)")->kind == ExprKind::kFunctionCall);

  auto simple = expr("CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' ELSE 'c' END");
  REQUIRE(simple->kind == ExprKind::kCase);
  CHECK(simple->children.size() == 1);
  CHECK(simple->whens.size() == 2);
  CHECK(simple->else_expr != nullptr);
  auto generic = expr("CASE WHEN a THEN 1 END");
  CHECK(generic->children.empty());
  CHECK(generic->else_expr == nullptr);

  auto lc = expr("[x IN xs WHERE x > 1 | x * 2]");
  REQUIRE(lc->kind == ExprKind::kListComprehension);
  CHECK(lc->name == "x");
  CHECK(lc->children[1] != nullptr);
  CHECK(lc->children[2] != nullptr);
  auto bare = expr("[x IN xs]");
  REQUIRE(bare->kind == ExprKind::kListComprehension);
  CHECK(bare->children[1] == nullptr);
  CHECK(bare->children[2] == nullptr);

  auto q = expr("single(x IN xs WHERE x = 2)");
  REQUIRE(q->kind == ExprKind::kQuantifier);
  CHECK(q->quantifier == ast::Quantifier::kSingle);
  CHECK(expr("none(x IN xs)")->children[1] == nullptr);

  auto r = expr("reduce(acc = 0, x IN xs | acc + x)");
  REQUIRE(r->kind == ExprKind::kReduce);
  CHECK(r->keys == std::vector<std::string>{"acc"});
  CHECK(r->name == "x");

  auto pc = expr("[p = (a)-[:T]->(b:B) WHERE b.x | p]");
  REQUIRE(pc->kind == ExprKind::kPatternComprehension);
  CHECK(pc->name == "p");
  CHECK(pc->pattern->steps.size() == 1);
  CHECK(pc->children[0] != nullptr);

  auto mp = expr("n{.a, b: 1, c, .*}");
  REQUIRE(mp->kind == ExprKind::kMapProjection);
  CHECK(mp->name == "n");
  REQUIRE(mp->map_items.size() == 4);
  CHECK(mp->map_items[0].kind == ast::MapProjectionItem::Kind::kProperty);
  CHECK(mp->map_items[1].kind == ast::MapProjectionItem::Kind::kLiteral);
  CHECK(mp->map_items[1].expr->value.as_int() == 1);
  CHECK(mp->map_items[2].kind == ast::MapProjectionItem::Kind::kVariable);
  CHECK(mp->map_items[3].kind == ast::MapProjectionItem::Kind::kAllProperties);

  auto slice = expr("l[..2]");
  REQUIRE(slice->kind == ExprKind::kSlice);
  CHECK(slice->children[1] == nullptr);
  CHECK(expr("l[1..]")->children[2] == nullptr);
  CHECK(expr("l[1]")->kind == ExprKind::kSubscript);
}

TEST_CASE("cypher parser: patterns, directions and lengths", "[cypher]") {
  ast::Statement s = parse_one(
      "MATCH p = (a:A:B {k: 1})-[r:T|U|:V *1..3 {w: 2}]->(b)<-[:X]-(c)--(d)<-->(e)-[*]-(f)-[*2]-(g)-[*..3]-(h)"
      "-[*2..]-(i)-[$props]-(j) RETURN 1");
  const ast::PatternPart& part = s.query.parts[0].clauses[0].pattern[0];
  CHECK(part.path_variable == "p");
  CHECK(part.start.variable == "a");
  CHECK(part.start.labels == std::vector<std::string>{"A", "B"});
  REQUIRE(part.start.properties != nullptr);
  CHECK(part.start.properties->kind == ExprKind::kMap);
  REQUIRE(part.steps.size() == 9);
  const ast::RelPattern& r = part.steps[0].first;
  CHECK(r.variable == "r");
  CHECK(r.types == std::vector<std::string>{"T", "U", "V"});
  CHECK(r.direction == ast::RelDirection::kRight);
  CHECK(r.range->min == 1);
  CHECK(r.range->max == 3);
  CHECK(r.properties != nullptr);
  CHECK(part.steps[1].first.direction == ast::RelDirection::kLeft);
  CHECK(part.steps[2].first.direction == ast::RelDirection::kBoth);
  CHECK(part.steps[3].first.direction == ast::RelDirection::kBoth);  // <-->
  CHECK_FALSE(part.steps[2].first.range.has_value());
  CHECK((part.steps[4].first.range->min == std::nullopt && part.steps[4].first.range->max == std::nullopt));
  CHECK((part.steps[5].first.range->min == 2 && part.steps[5].first.range->max == 2));
  CHECK((part.steps[6].first.range->min == std::nullopt && part.steps[6].first.range->max == 3));
  CHECK((part.steps[7].first.range->min == 2 && part.steps[7].first.range->max == std::nullopt));
  CHECK(part.steps[8].first.properties->kind == ExprKind::kParameter);
  CHECK(part.steps[8].first.types.empty());

  ast::Statement sp = parse_one("MATCH p = shortestPath((a)-[*]-(b)), q = allShortestPaths((a)-->(b)) RETURN p");
  CHECK(sp.query.parts[0].clauses[0].pattern[0].kind == ast::PatternPart::Kind::kShortestPath);
  CHECK(sp.query.parts[0].clauses[0].pattern[1].kind == ast::PatternPart::Kind::kAllShortestPaths);
  CHECK(sp.query.parts[0].clauses[0].pattern[1].path_variable == "q");

  CHECK(error_of("MATCH (a)-[:LIKES..]->(c) RETURN c").code_name() == "InvalidRelationshipPattern");
  CHECK(error_of("MATCH (a)-[:LIKES*-2]->(c) RETURN c").code_name() == "InvalidRelationshipPattern");
}

TEST_CASE("cypher parser: pattern predicates stand only where a boolean is expected", "[cypher]") {
  ast::Statement s = parse_one("MATCH (n) WHERE (n)-[:T]->() AND NOT (n)<--(:X) OR (n)--() XOR true RETURN n");
  CHECK(s.query.parts[0].clauses[0].where->kind == ExprKind::kBinary);
  CHECK(parse_script("MATCH (n) WITH n WHERE (n)-->() RETURN n").size() == 1);
  CHECK(parse_script("RETURN [x IN [1] WHERE (x)-->() | x]").size() == 1);
  // A parenthesised node with no relationship is an expression, not a pattern.
  CHECK(tree_of("(a:B)") == "(a:B)");

  const QueryError e = error_of("MATCH (n) RETURN (n)-[]->()");
  CHECK(e.code_name() == "UnexpectedSyntax");
  CHECK(e.position().column == 18);
  CHECK(error_of("MATCH (a) RETURN size((a)-->())").code_name() == "UnexpectedSyntax");
  CHECK(error_of("MATCH (a) WHERE (a)-->() = true RETURN a").code_name() == "UnexpectedSyntax");
  CHECK(error_of("MATCH (a) WITH (a)-->() AS x RETURN x").code_name() == "UnexpectedSyntax");
  CHECK(error_of("MATCH (a) RETURN CASE (a)-->() WHEN true THEN 1 END").code_name() == "UnexpectedSyntax");
  CHECK(error_of("MATCH (a) RETURN [(a)-->()]").code_name() == "UnexpectedSyntax");

  // Operands of AND, OR, XOR and NOT, and CASE WHEN conditions, are booleans
  // wherever they are.
  CHECK(parse_script("MATCH (a) RETURN NOT (a)-->() AS leaf").size() == 1);
  CHECK(parse_script("MATCH (a) WITH a, (a)-->() OR (a)<--() AS linked RETURN linked").size() == 1);
  CHECK(parse_script("MATCH (a) RETURN CASE WHEN (a)-[:T]->() THEN 1 WHEN (a)--() THEN 2 END").size() == 1);
  CHECK(parse_script("MATCH (a) RETURN [x IN [a] | NOT (x)-->()]").size() == 1);
}

TEST_CASE("cypher parser: EXISTS subqueries, in pattern and query form", "[cypher]") {
  auto pattern_form = expr("EXISTS { (n)-[:T]->() WHERE n.x }");
  REQUIRE(pattern_form->kind == ExprKind::kExistsSubquery);
  CHECK(pattern_form->pattern != nullptr);
  CHECK(pattern_form->subquery == nullptr);
  CHECK(pattern_form->children[0] != nullptr);

  auto query_form = expr("exists { MATCH (n)-->(m) WITH n, count(*) AS c WHERE c = 3 RETURN true }");
  REQUIRE(query_form->subquery != nullptr);
  CHECK(query_form->subquery->parts[0].clauses.size() == 3);

  // Several pattern parts become a MATCH with the WHERE.
  auto parts = expr("EXISTS { (a)-->(b), (b)-->(c) WHERE a.x }");
  REQUIRE(parts->subquery != nullptr);
  const ast::Clause& match = parts->subquery->parts[0].clauses[0];
  CHECK(match.kind == ClauseKind::kMatch);
  CHECK(match.pattern.size() == 2);
  CHECK(match.where != nullptr);
}

TEST_CASE("cypher parser: reading clauses", "[cypher]") {
  ast::Statement s = parse_one(
      "OPTIONAL MATCH (n) WHERE n.x = 1 "
      "UNWIND [1, 2] AS x "
      "WITH DISTINCT *, n.name AS name ORDER BY name DESC, x ASCENDING, n.y DESCENDING SKIP 1 LIMIT 2 WHERE x > 0 "
      "CALL db.labels() YIELD label AS l, other WHERE l <> 'A' "
      "CALL db.info "
      "CALL x.y(1) YIELD * "
      "RETURN n.name, count( * ) AS c, x");
  const auto& clauses = s.query.parts[0].clauses;
  REQUIRE(clauses.size() == 7);
  CHECK(clauses[0].kind == ClauseKind::kMatch);
  CHECK(clauses[0].optional);
  CHECK(clauses[0].where != nullptr);
  CHECK(clauses[1].kind == ClauseKind::kUnwind);
  CHECK(clauses[1].variable == "x");
  const ast::Projection& with = clauses[2].projection;
  CHECK(with.distinct);
  CHECK(with.star);
  REQUIRE(with.items.size() == 1);
  CHECK(with.items[0].alias == "name");
  REQUIRE(with.order_by.size() == 3);
  CHECK(with.order_by[0].descending);
  CHECK_FALSE(with.order_by[1].descending);
  CHECK(with.order_by[2].descending);
  CHECK(with.skip->value.as_int() == 1);
  CHECK(with.limit->value.as_int() == 2);
  CHECK(with.where != nullptr);
  CHECK(clauses[3].procedure == "db.labels");
  CHECK(clauses[3].has_arguments);
  REQUIRE(clauses[3].yields.size() == 2);
  CHECK(clauses[3].yields[0].name == "label");
  CHECK(clauses[3].yields[0].alias == "l");
  CHECK(clauses[3].where != nullptr);
  CHECK(clauses[4].procedure == "db.info");
  CHECK_FALSE(clauses[4].has_arguments);
  CHECK(clauses[5].yield_star);
  CHECK(clauses[5].arguments.size() == 1);
  CHECK(clauses[6].kind == ClauseKind::kReturn);
}

TEST_CASE("cypher parser: projection items keep their text as written for column names", "[cypher]") {
  ast::Statement s = parse_one("RETURN n.name, count( * ), a  +  /* c */ b AS sum, `weird name`");
  const auto& items = s.query.parts[0].clauses[0].projection.items;
  REQUIRE(items.size() == 4);
  CHECK(items[0].text == "n.name");
  CHECK(items[1].text == "count( * )");
  CHECK(items[2].text == "a  +  /* c */ b");
  CHECK(items[2].alias == "sum");
  CHECK(items[3].text == "`weird name`");
  CHECK(items[1].position.column == 16);
}

TEST_CASE("cypher parser: updating clauses", "[cypher]") {
  ast::Statement s = parse_one(
      "CREATE (a:A {x: 1})-[:T]->(b), (c) "
      "MERGE (m:M {id: 1}) ON CREATE SET m.created = 1, m += {a: 2} ON MATCH SET m:Seen, m = {} "
      "SET a.x = 1, a = {y: 2}, a += {z: 3}, a:L1:L2, (a).w = 4 "
      "REMOVE a.x, a:L1:L2 "
      "DETACH DELETE a, b "
      "DELETE c");
  const auto& clauses = s.query.parts[0].clauses;
  REQUIRE(clauses.size() == 6);
  CHECK(clauses[0].pattern.size() == 2);
  const ast::Clause& merge = clauses[1];
  CHECK(merge.pattern.size() == 1);
  REQUIRE(merge.on_create.size() == 2);
  CHECK(merge.on_create[0].kind == ast::SetItem::Kind::kProperty);
  CHECK(merge.on_create[1].kind == ast::SetItem::Kind::kMergeMap);
  REQUIRE(merge.on_match.size() == 2);
  CHECK(merge.on_match[0].kind == ast::SetItem::Kind::kLabels);
  CHECK(merge.on_match[0].labels == std::vector<std::string>{"Seen"});
  CHECK(merge.on_match[1].kind == ast::SetItem::Kind::kReplaceMap);
  CHECK(merge.set_items.empty());
  const auto& set = clauses[2].set_items;
  REQUIRE(set.size() == 5);
  CHECK(set[0].kind == ast::SetItem::Kind::kProperty);
  CHECK(set[0].target->kind == ExprKind::kProperty);
  CHECK(set[1].kind == ast::SetItem::Kind::kReplaceMap);
  CHECK(set[1].target->kind == ExprKind::kVariable);
  CHECK(set[2].kind == ast::SetItem::Kind::kMergeMap);
  CHECK(set[3].kind == ast::SetItem::Kind::kLabels);
  CHECK(set[3].labels == std::vector<std::string>{"L1", "L2"});
  CHECK(set[4].target->kind == ExprKind::kProperty);
  const auto& remove = clauses[3].remove_items;
  REQUIRE(remove.size() == 2);
  CHECK(remove[0].kind == ast::RemoveItem::Kind::kProperty);
  CHECK(remove[1].kind == ast::RemoveItem::Kind::kLabels);
  CHECK(remove[1].labels.size() == 2);
  CHECK(clauses[4].detach);
  CHECK(clauses[4].delete_exprs.size() == 2);
  CHECK_FALSE(clauses[5].detach);
}

TEST_CASE("cypher parser: UNION, UNION ALL, EXPLAIN and PROFILE", "[cypher]") {
  ast::Statement s = parse_one("RETURN 1 AS a UNION RETURN 2 AS a UNION ALL RETURN 3 AS a");
  CHECK(s.query.parts.size() == 3);
  CHECK(s.query.union_all == std::vector<bool>{false, true});
  CHECK(parse_one("EXPLAIN MATCH (n) RETURN n").mode == ast::Statement::Mode::kExplain);
  CHECK(parse_one("profile RETURN 1").mode == ast::Statement::Mode::kProfile);
  CHECK(parse_one("RETURN 1").mode == ast::Statement::Mode::kRun);
}

TEST_CASE("cypher parser: keywords are case-insensitive and may name what openCypher allows", "[cypher]") {
  CHECK(parse_script("match (n) where n.x = 1 return n order by n.x desc limit 1").size() == 1);
  ast::Statement s = parse_one(
      "MATCH (count:Match)-[type:RETURN]->(end) "
      "RETURN count.end, type.type, count(*) AS count2, {match: 1, end: 2}.end, `match`, any, none, single, "
      "`end`");
  const auto& part = s.query.parts[0].clauses[0].pattern[0];
  CHECK(part.start.variable == "count");
  CHECK(part.start.labels == std::vector<std::string>{"Match"});
  CHECK(part.steps[0].first.variable == "type");
  CHECK(part.steps[0].first.types == std::vector<std::string>{"RETURN"});
  CHECK(part.steps[0].second.variable == "end");
  const auto& items = s.query.parts[0].clauses[1].projection.items;
  CHECK(items[0].expr->name == "end");
  CHECK(items[4].expr->kind == ExprKind::kVariable);
  CHECK(items[4].expr->name == "match");
  CHECK(items[5].expr->name == "any");
  CHECK(parse_script("MATCH (start)-->(end) RETURN CASE end WHEN 1 THEN end ELSE end END").size() == 1);

  // Reserved words are not unquoted variables.
  CHECK(error_of("WITH 1 AS match RETURN match").code_name() == "UnexpectedSyntax");
  CHECK(error_of("MATCH (where) RETURN 1").code_name() == "UnexpectedSyntax");
  CHECK(is_reserved_word("Match"));
  CHECK_FALSE(is_reserved_word("count"));
}

TEST_CASE("cypher parser: comments and whitespace may stand wherever whitespace may", "[cypher]") {
  ast::Statement s = parse_one(
      "// leading\nMATCH /* a */ (n /* b */ :A) // end of line\n\t-->\r\n(m) /* multi\nline */ RETURN n.x // last");
  CHECK(s.query.parts[0].clauses[0].pattern[0].steps.size() == 1);
  CHECK(s.text == "MATCH /* a */ (n /* b */ :A) // end of line\n\t-->\r\n(m) /* multi\nline */ RETURN n.x");
  CHECK(s.position.line == 2);
  CHECK(s.position.column == 1);
  CHECK(parse_script("RETURN 1 /*/ still a comment */ + 2").size() == 1);
  CHECK(parse_script("RETURN 4 / 2 // comment").size() == 1);
  const QueryError e = error_of("RETURN 1 /* never closed");
  CHECK(e.position().column == 10);
  CHECK_THAT(e.message(), Catch::Contains("expected '*/' to close the comment"));
}

TEST_CASE("cypher parser: a script holds several statements", "[cypher]") {
  auto statements = parse_script("RETURN 1;\n  ; MATCH (n)\nRETURN n ; // only a comment\n ; \n");
  REQUIRE(statements.size() == 2);
  CHECK(statements[0].text == "RETURN 1");
  CHECK(statements[1].text == "MATCH (n)\nRETURN n");
  CHECK(statements[1].position.line == 2);
  CHECK(statements[1].position.column == 5);
  CHECK(statements[1].position.offset == 14);
  CHECK(parse_script("").empty());
  CHECK(parse_script(" /* nothing */ ;; ").empty());
  CHECK(parse_script("RETURN 1").size() == 1);
  // Positions count in the whole script.
  const QueryError e = error_of("RETURN 1;\nRETURN 2;\nMATCH (n:Person RETURN n");
  CHECK(e.position().line == 3);
  CHECK(e.position().column == 17);
}

TEST_CASE("cypher parser: errors say where and what was expected", "[cypher]") {
  struct Case {
    const char* text;
    size_t line, column;
    const char* message;
  };
  const Case cases[] = {
      {"MATCH (n:Person RETURN n", 1, 17, "expected ')' to close the node pattern; found 'RETURN'"},
      {"MATCH (n:Person", 1, 16, "expected ')' to close the node pattern; found the end of the input"},
      {"MATCH (n) RETRUN n", 1, 11, "expected ',' or WHERE to continue the MATCH clause"},
      {"MATCH (n) WHERE n.x = 1 RETRUN n", 1, 25, "expected an operator (AND, OR, =, ...) to continue the WHERE predicate"},
      {"MATCH (a)-[r:T->(b) RETURN a", 1, 15, "expected ']' to close the relationship pattern"},
      {"MATCH (a)->(b) RETURN a", 1, 11, "expected '-' to continue the relationship pattern"},
      {"MATCH (a)-- RETURN a", 1, 13, "expected a node pattern such as (m)"},
      {"RETURN 1 +", 1, 11, "expected an expression after the operator ('+' or '-')"},
      {"RETURN a AS", 1, 12, "expected a name after AS"},
      {"RETURN (1 + 2", 1, 14, "expected ')' to close the parenthesized expression"},
      {"RETURN f(1, 2", 1, 14, "expected ',' or ')' in the function call"},
      {"RETURN [1, 2", 1, 13, "expected ',' or ']' in the list"},
      {"RETURN CASE WHEN a THEN 1", 1, 26, "expected WHEN, ELSE or END in the CASE expression"},
      {"RETURN n.", 1, 10, "expected a property name after '.'"},
      {"RETURN a STARTS b", 1, 17, "expected WITH after STARTS"},
      {"RETURN a IS 1", 1, 13, "expected NULL or NOT NULL after IS"},
      {"MATCH (n) RETURN n ORDER n", 1, 26, "expected BY after ORDER"},
      {"UNWIND [1] x RETURN x", 1, 12, "expected AS after the UNWIND expression"},
      {"OPTIONAL (n) RETURN n", 1, 10, "expected MATCH after OPTIONAL"},
      {"DETACH n", 1, 8, "expected DELETE after DETACH"},
      {"MERGE (n) ON DELETE SET n.x = 1", 1, 14, "expected CREATE or MATCH after ON"},
      {"MATCH (n) SET n", 1, 15, "expected what to set"},
      {"CALL", 1, 5, "expected a procedure name"},
      {"RETURN 1 UNION", 1, 15, "expected a query after UNION"},
      {"HELLO", 1, 1, "expected a statement: a clause such as MATCH, CREATE or RETURN"},
      {"RETURN 1 }", 1, 10, "expected ';' or the end of the input after the statement"},
      {"RETURN `abc", 1, 8, "expected '`' to close the quoted name"},
      {"RETURN $", 1, 9, "expected a parameter name or number after '$'"},
      {"MATCH (n)\nWHERE n.x =\n  RETURN n", 3, 3, "expected an expression after the comparison operator"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const QueryError e = error_of(c.text);
    CHECK(e.class_name() == "SyntaxError");
    CHECK(e.code_name() == "UnexpectedSyntax");
    CHECK(e.position().line == c.line);
    CHECK(e.position().column == c.column);
    CHECK_THAT(e.message(), Catch::Contains(c.message));
  }
}

TEST_CASE("cypher parser: a character outside ASCII where syntax is expected is InvalidUnicodeCharacter",
          "[cypher]") {
  const QueryError e = error_of("RETURN 42 — 41");
  CHECK(e.code_name() == "InvalidUnicodeCharacter");
  CHECK(e.position().column == 11);
  CHECK_THAT(e.message(), Catch::Contains("found '—'"));
  CHECK(error_of("RETURN 1 \xC0").code_name() == "InvalidUnicodeCharacter");
  // Names may use letters of any script; Unicode spaces are whitespace.
  CHECK(expr("größe")->name == "größe");
  CHECK(parse_script("RETURN\u00A01\u3000+ 2").size() == 1);
}

TEST_CASE("cypher parser: format_error shows the line and a caret under the column", "[cypher]") {
  const std::string text = "MATCH (n)\n\tWHERE n.größe = 'x' AND\nRETURN n";
  const QueryError e = error_of(text);
  CHECK(format_error(e, text) ==
        "SyntaxError: UnexpectedSyntax: expected an expression after AND; found 'RETURN' (line 3, column 1)\n"
        "RETURN n\n"
        "^");
  const std::string tabbed = "MATCH (n)\n\tWHERE n.größe = 'x' AND )";
  const QueryError t = error_of(tabbed);
  CHECK(t.position().column == 28);  // bytes: ö and ß take two each
  CHECK(format_error(t, tabbed) ==
        "SyntaxError: UnexpectedSyntax: expected an expression after AND; found ')' (line 2, column 28)\n"
        "\tWHERE n.größe = 'x' AND )\n"
        "\t" + std::string(24, ' ') + "^");
  CHECK(format_error(QueryError(ErrorClass::kType, ErrorCode::kInvalidArgumentType, "no place"), text) ==
        "TypeError: InvalidArgumentType: no place");
}

TEST_CASE("cypher parser: find_statement_end skips semicolons in strings, names and comments", "[cypher]") {
  CHECK(find_statement_end("RETURN 1; RETURN 2;") == 9);
  CHECK(find_statement_end("RETURN ';'; x") == 11);
  CHECK(find_statement_end("RETURN \"a\\\";b\";") == 15);
  CHECK(find_statement_end("RETURN 'it\\'s;';") == 16);
  CHECK(find_statement_end("RETURN `a;``;b`;") == 16);
  CHECK(find_statement_end("RETURN 1 // a;\n;") == 16);
  CHECK(find_statement_end("RETURN 1 /* ; */;") == 17);
  CHECK(find_statement_end("RETURN 1 / 2;") == 13);
  CHECK(find_statement_end("RETURN 1") == std::string_view::npos);
  CHECK(find_statement_end("RETURN 'open;") == std::string_view::npos);
  CHECK(find_statement_end("RETURN 1 /* open;") == std::string_view::npos);
  CHECK(find_statement_end("RETURN `open;") == std::string_view::npos);
  CHECK(find_statement_end("RETURN 1 // comment;") == std::string_view::npos);
}

TEST_CASE("cypher parser: parse_literal reads literal values", "[cypher]") {
  CHECK(parse_literal("null").is_null());
  CHECK(parse_literal(" true ").as_bool());
  CHECK(parse_literal("-42").as_int() == -42);
  CHECK(parse_literal("+42").as_int() == 42);
  CHECK(parse_literal("-9223372036854775808").as_int() == std::numeric_limits<int64_t>::min());
  CHECK(parse_literal("1.5e3").as_float() == 1500.0);
  CHECK(parse_literal("'it\\'s'").as_string() == "it's");
  CHECK(parse_literal("[1, 'a', [null], {k: -1}]") ==
        mlkg::Value(mlkg::ValueList{1, "a", mlkg::ValueList{mlkg::Value()}, mlkg::ValueMap{{"k", -1}}}));
  CHECK(parse_literal("{a: 1, `b c`: [2]}") == mlkg::Value(mlkg::ValueMap{{"a", 1}, {"b c", mlkg::ValueList{2}}}));

  auto code = [](const char* text) {
    try {
      (void)parse_literal(text);
    } catch (const QueryError& e) {
      return std::string(e.code_name());
    }
    return std::string("none");
  };
  CHECK(code("1 + 1") == "UnexpectedSyntax");
  CHECK(code("[1, x]") == "UnexpectedSyntax");
  CHECK(code("-'a'") == "UnexpectedSyntax");
  CHECK(code("$p") == "UnexpectedSyntax");
  CHECK(code("") == "UnexpectedSyntax");
  CHECK(code("1 2") == "UnexpectedSyntax");
  CHECK(code("9223372036854775808") == "IntegerOverflow");
  try {
    (void)parse_literal("[1, x]");
  } catch (const QueryError& e) {
    CHECK(e.position().column == 5);
    CHECK_THAT(e.message(), Catch::Contains("expected a literal value"));
  }
}

TEST_CASE("cypher parser: deep nesting is a syntax error, not a crash", "[cypher]") {
  const auto nested = [](const std::string& open, const std::string& inner, const std::string& close, size_t n) {
    std::string s = "RETURN ";
    for (size_t i = 0; i < n; ++i) s += open;
    s += inner;
    for (size_t i = 0; i < n; ++i) s += close;
    return s;
  };
  // Within the limit: fine.
  CHECK(parse_script(nested("(", "1", ")", 100)).size() == 1);
  CHECK(parse_script(nested("[", "1", "]", 100)).size() == 1);
  CHECK(parse_script(nested("{a: ", "1", "}", 100)).size() == 1);
  // Braces skimmed while deciding whether (n {...}) starts a pattern do not
  // count against the expressions they sit in.
  std::string patterns = "RETURN ";
  for (int i = 0; i < 100; ++i) patterns += "[(n {a: ";
  patterns += "1";
  for (int i = 0; i < 100; ++i) patterns += "})-->() | 1]";
  CHECK(parse_script(patterns).size() == 1);
  // Beyond it: a syntax error that says so.
  for (const auto& [open, close] : std::vector<std::pair<std::string, std::string>>{
           {"(", ")"}, {"[", "]"}, {"{a: ", "}"}, {"f(", ")"}, {"CASE WHEN ", " THEN 1 END"},
           {"EXISTS { MATCH (n {a: ", "}) }"}, {"(n {a: ", "})-->()"}}) {
    INFO(open);
    const QueryError e = error_of(nested(open, "1", close, 100000));
    CHECK(e.code_name() == "UnexpectedSyntax");
    CHECK_THAT(e.message(), Catch::Contains("levels deep"));
  }
  // Long operator chains build deep trees without deep grammar recursion.
  std::string chain = "RETURN 1";
  for (int i = 0; i < 100000; ++i) chain += " + 1";
  CHECK_THAT(error_of(chain).message(), Catch::Contains("nested more than 1000 levels deep"));
  CHECK_THAT(error_of("RETURN " + std::string(100000, '-') + "x").message(), Catch::Contains("levels deep"));
  CHECK_THAT(error_of("RETURN " + std::string(5000, '[') + "x").message(), Catch::Contains("levels deep"));
  std::string props = "RETURN n";
  for (int i = 0; i < 5000; ++i) props += ".a";
  CHECK_THAT(error_of(props).message(), Catch::Contains("levels deep"));
  std::string nots = "RETURN ";
  for (int i = 0; i < 5000; ++i) nots += "NOT ";
  CHECK_THAT(error_of(nots + "x").message(), Catch::Contains("levels deep"));
  // An unclosed property map skimmed while deciding whether (n {...}) starts a
  // pattern takes linear time, however many braces it opens.
  CHECK(error_of("MATCH (n) WHERE (n " + std::string(100000, '{')).code_name() == "UnexpectedSyntax");
}

TEST_CASE("cypher parser: clone copies deeply and to_string reads back the same", "[cypher]") {
  const char* queries[] = {
      "MATCH (a:A {k: [1, -2.5, 'x']})-[r:T|U*1..]->(b) WHERE NOT (a)-->(b) AND a.x =~ 'r.*' RETURN a{.x, .*}, "
      "[p = (a)--() WHERE a.y | p], EXISTS { (a)-->() }, -(a.x) ^ 2, (a.x - 1) * 2, a.l[1..][..2], (n:A).x",
      "WITH 1 AS `match`, $0 AS p RETURN `match` + p, 'it\\'s', 1e300, -0.0, 9223372036854775807",
      "UNWIND [1] AS x MERGE (n {x: x}) ON CREATE SET n += {y: 1} ON MATCH SET n:L REMOVE n:L DETACH DELETE n",
      "CALL db.labels() YIELD label WHERE label STARTS WITH 'A' RETURN label UNION ALL RETURN 'B' AS label",
  };
  for (const char* q : queries) {
    INFO(q);
    const ast::Statement s = parse_one(q);
    const std::string text = ast::to_string(s);
    CHECK(ast::to_string(parse_one(text)) == text);
    const ast::Query copy = ast::clone(s.query);
    CHECK(ast::to_string(copy) == ast::to_string(s.query));
  }
  auto e = expr("[x IN [1, 2] WHERE x > 1 | x + 1]");
  auto copy = ast::clone(*e);
  CHECK(copy->children[0].get() != e->children[0].get());
  CHECK(ast::to_string(*copy) == "[x IN [1, 2] WHERE x > 1 | x + 1]");
  CHECK(ast::to_string(*expr("a < b < c")) == "a < b AND b < c");
  CHECK(ast::to_string(*expr("(a < b) < c")) == "(a < b) < c");
  CHECK(ast::to_string(*expr("1 - (2 - 3)")) == "1 - (2 - 3)");
  CHECK(ast::to_string(*expr("(1 - 2) - 3")) == "1 - 2 - 3");
}

// Run by hand in a Release build: ./mlkg_tests "[.bench]"
TEST_CASE("cypher parser: speed of a point query", "[.bench]") {
  const std::string q = "MATCH (n:Service {id: $id}) RETURN n.name";
  constexpr int kRuns = 200000;
  size_t clauses = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kRuns; ++i) clauses += parse_script(q)[0].query.parts[0].clauses.size();
  const std::chrono::duration<double, std::micro> elapsed = std::chrono::steady_clock::now() - start;
  std::cout << "parse_script(\"" << q << "\"): " << elapsed.count() / kRuns << " us per parse\n";
  CHECK(clauses == 2 * kRuns);
}

TEST_CASE("cypher parser: a misspelt keyword where syntax fails gets a did-you-mean", "[cypher]") {
  CHECK_THAT(std::string(error_of("MACTH (n) RETURN n").what()), Catch::Contains("did you mean MATCH?"));
  CHECK_THAT(std::string(error_of("MATCH (n) RETRUN n").what()), Catch::Contains("did you mean RETURN?"));
  CHECK_THAT(std::string(error_of("MATCH (n) RETURN n ORDERBY n.id").what()),
             Catch::Contains("did you mean ORDER BY?"));
  CHECK_THAT(std::string(error_of("MATCH (n) RETURN n LIMT 3").what()), Catch::Contains("did you mean LIMIT?"));
  // Short words are likelier variables than keywords; real keywords get no hint.
  CHECK_THAT(std::string(error_of("MATCH (n) RETURN n foo").what()), !Catch::Contains("did you mean"));
  CHECK_THAT(std::string(error_of("MATCH (n) RETURN n WHERE n.x = 1").what()), !Catch::Contains("did you mean"));
  CHECK(error_of("MACTH (n) RETURN n").code_name() == "UnexpectedSyntax");
}

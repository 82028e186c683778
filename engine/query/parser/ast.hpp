#pragma once
// The abstract syntax tree of openCypher statements, as the parser builds it
// and the binder reads it.
//
// Plain structs in the Kùzu/DuckDB manner, with a kind tag. Every node keeps
// the SourcePosition of its first character so that later stages can point
// at it in their errors. Names are kept as written (backtick-quoted names
// unquoted); keywords are case-insensitive and do not appear here. The tree
// owns its children (unique_ptr); clone() deep-copies an expression.
//
// The parser does no semantic checking beyond syntax and literal ranges:
// undefined variables, aggregation rules and the like are the binder's.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/common/query_error.hpp"
#include "engine/value/value.hpp"

namespace mlkg::query::ast {

struct Expr;
struct PatternPart;
struct Query;
using ExprPtr = std::unique_ptr<Expr>;

enum class ExprKind {
  kLiteral,               // value: null, boolean, integer, float or string
  kParameter,             // name: "$name" without the '$' ("0" for $0)
  kVariable,              // name
  kProperty,              // children[0] . name            (n.name, map.key)
  kList,                  // [children...]
  kMap,                   // {keys[i]: children[i]}
  kUnary,                 // op children[0]                (NOT, -, +)
  kBinary,                // children[0] op children[1]
  kIsNull,                // children[0] IS NULL
  kIsNotNull,             // children[0] IS NOT NULL
  kSubscript,             // children[0] [ children[1] ]
  kSlice,                 // children[0] [ children[1] .. children[2] ]; either bound may be null
  kFunctionCall,          // name(children...) with `distinct`; name may be dotted (a.b.c)
  kCountStar,             // count(*)
  kCase,                  // CASE [children[0]] WHEN whens[i].first THEN whens[i].second ... [ELSE else_expr] END
                          //   children empty for the generic form (no subject)
  kLabelCheck,            // children[0]:keys[0]:keys[1]...  (n:Person in WHERE)
  kListComprehension,     // [name IN children[0] WHERE children[1] | children[2]]; [1], [2] may be null
  kQuantifier,            // quantifier(name IN children[0] WHERE children[1]); children[1] may be null
  kReduce,                // reduce(keys[0] = children[0], name IN children[1] | children[2])
  kPatternComprehension,  // [name = pattern WHERE children[0] | children[1]]; name (path) may be empty,
                          //   children[0] may be null
  kPatternPredicate,      // a relationship pattern used as a predicate: (a)-[:T]->()
  kExistsSubquery,        // EXISTS { pattern [WHERE children[0]] }, or, when `subquery` is set,
                          //   EXISTS { MATCH ... } (also EXISTS { p1, p2 WHERE x } as { MATCH p1, p2 WHERE x })
  kMapProjection,         // name { map_items }
};

enum class Op {
  // unary
  kNot, kNegate, kPlus,
  // boolean
  kOr, kXor, kAnd,
  // comparison (a chain a < b < c is parsed as (a < b) AND (b < c))
  kEq, kNe, kLt, kLe, kGt, kGe,
  // arithmetic
  kAdd, kSub, kMul, kDiv, kMod, kPow,
  // string and list predicates
  kRegexMatch, kStartsWith, kEndsWith, kContains, kIn,
};

enum class Quantifier { kAll, kAny, kNone, kSingle };

// One entry of a map projection n{.a, b: expr, c, .*}.
struct MapProjectionItem {
  enum class Kind { kProperty /* .key */, kLiteral /* key: expr */, kVariable /* name */, kAllProperties /* .* */ };
  Kind kind = Kind::kProperty;
  std::string key;  // the property or variable name, or the literal entry's key
  ExprPtr expr;     // kLiteral only
};

struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  SourcePosition position;
  Value value;                        // kLiteral
  std::string name;                   // see ExprKind
  Op op = Op::kNot;                   // kUnary, kBinary
  Quantifier quantifier = Quantifier::kAll;  // kQuantifier
  bool distinct = false;              // kFunctionCall
  std::vector<ExprPtr> children;      // see ExprKind; an entry may be null where noted
  std::vector<std::string> keys;      // kMap keys, kLabelCheck labels, kReduce accumulator
  std::vector<std::pair<ExprPtr, ExprPtr>> whens;  // kCase
  ExprPtr else_expr;                  // kCase, may be null
  std::shared_ptr<PatternPart> pattern;            // kPatternComprehension, kPatternPredicate, kExistsSubquery
  std::vector<MapProjectionItem> map_items;        // kMapProjection
  std::shared_ptr<Query> subquery;                 // kExistsSubquery written with clauses; null otherwise
};

// A deep copy of an expression.
ExprPtr clone(const Expr& e);
// The expression in openCypher syntax, normalised (for plans and messages).
// The parser reads it back to the same tree.
std::string to_string(const Expr& e);

// ---------------------------------------------------------------- patterns

struct NodePattern {
  std::string variable;             // empty: anonymous
  std::vector<std::string> labels;  // (n:A:B)
  ExprPtr properties;               // a kMap or kParameter expression, or null
  SourcePosition position;
};

enum class RelDirection {
  kRight,  // -[]->
  kLeft,   // <-[]-
  kBoth,   // -[]-  (and <-[]->, which openCypher reads as undirected)
};

// The direction as seen from the other end: right and left swap.
inline RelDirection reversed(RelDirection d) {
  switch (d) {
    case RelDirection::kRight: return RelDirection::kLeft;
    case RelDirection::kLeft: return RelDirection::kRight;
    case RelDirection::kBoth: return RelDirection::kBoth;
  }
  return d;
}

struct Range {
  std::optional<int64_t> min;  // *2.., *2..5, *2
  std::optional<int64_t> max;  // *..5, *2..5, *2;  * alone: both empty
};

struct RelPattern {
  std::string variable;            // empty: anonymous
  std::vector<std::string> types;  // [:A|B]  (also accepts [:A|:B])
  RelDirection direction = RelDirection::kBoth;
  std::optional<Range> range;      // present when the pattern has a '*'
  ExprPtr properties;              // a kMap or kParameter expression, or null
  SourcePosition position;
};

struct PatternPart {
  enum class Kind { kPlain, kShortestPath, kAllShortestPaths };
  std::string path_variable;  // p = (...)...; empty if none
  Kind kind = Kind::kPlain;
  NodePattern start;
  std::vector<std::pair<RelPattern, NodePattern>> steps;
  SourcePosition position;
};

using Pattern = std::vector<PatternPart>;  // comma-separated parts

// A deep copy of a pattern part, and the part in openCypher syntax.
PatternPart clone(const PatternPart& part);
std::string to_string(const PatternPart& part);

// ---------------------------------------------------------------- clauses

struct ProjectionItem {
  ExprPtr expr;
  std::string alias;  // AS alias; empty if none
  std::string text;   // the expression's source text as written, trimmed: the column name without an alias
  SourcePosition position;
};

struct SortItem {
  ExprPtr expr;
  bool descending = false;
};

// The body of WITH and RETURN.
struct Projection {
  bool distinct = false;
  bool star = false;  // RETURN * / WITH * (items may follow: WITH *, a AS b)
  std::vector<ProjectionItem> items;
  std::vector<SortItem> order_by;
  ExprPtr skip;
  ExprPtr limit;
  ExprPtr where;  // WITH ... WHERE only
};

struct SetItem {
  enum class Kind {
    kProperty,    // target = value, target a kProperty expression
    kReplaceMap,  // variable = value
    kMergeMap,    // variable += value
    kLabels,      // variable:A:B
  };
  Kind kind = Kind::kProperty;
  ExprPtr target;
  ExprPtr value;                    // all but kLabels
  std::vector<std::string> labels;  // kLabels
  SourcePosition position;
};

struct RemoveItem {
  enum class Kind { kProperty /* target a kProperty */, kLabels /* target a variable */ };
  Kind kind = Kind::kProperty;
  ExprPtr target;
  std::vector<std::string> labels;
  SourcePosition position;
};

struct YieldItem {
  std::string name;   // the procedure's output column
  std::string alias;  // AS alias; empty if none
  SourcePosition position;
};

// One property of an index or constraint: [n.name, ...], (n.name).
struct IndexProperty {
  std::string variable;
  std::string key;
  SourcePosition position;  // of the variable
};

// Index and constraint DDL (Neo4j 5's syntax), a statement of its own:
//   CREATE FULLTEXT INDEX name [IF NOT EXISTS] FOR (n:A|B) ON EACH [n.p, ...] [OPTIONS {...}]
//   CREATE [RANGE] INDEX [name] [IF NOT EXISTS] FOR (n:A) ON (n.p) [OPTIONS {...}]
//   CREATE CONSTRAINT [name] [IF NOT EXISTS] FOR (n:A) REQUIRE n.p IS UNIQUE [OPTIONS {...}]
//   DROP INDEX name [IF EXISTS], DROP CONSTRAINT name [IF EXISTS]
//   SHOW [words] INDEXES, SHOW [words] CONSTRAINTS
// The parser keeps what was written (relationship patterns, several
// properties, other constraint kinds); the binder refuses what mlkg lacks.
struct SchemaCommand {
  enum class Kind { kCreateFulltextIndex, kCreateIndex, kCreateConstraint, kDropIndex, kDropConstraint, kShowIndexes,
                    kShowConstraints };
  // What a CREATE CONSTRAINT requires of its properties.
  enum class Requirement { kUnique, kNotNull, kKey, kType };
  Kind kind = Kind::kCreateFulltextIndex;
  std::string name;              // create (empty: none given), drop
  SourcePosition name_position;
  bool if_not_exists = false;    // create
  bool if_exists = false;        // drop
  std::string variable;          // create: the pattern's variable
  std::vector<std::string> labels;          // create: (n:A|B), as written
  std::vector<IndexProperty> properties;    // create: [n.p, ...] or (n.p, ...), as written
  ExprPtr options;               // create: the OPTIONS map, or null
  bool range = false;            // CREATE RANGE INDEX
  // create index or constraint: FOR ()-[r:T]-() (with `arrow` "-", "->" or
  // "<-" as written and `rel_type`, possibly empty); the position is the pattern's.
  bool relationship = false;
  std::string rel_type;
  std::string arrow;
  SourcePosition pattern_position;
  // create constraint: REQUIRE (n.p) when parenthesised, what is required
  // and, for kKey and kType, the words as written ("NODE KEY", ":: STRING").
  bool parenthesised = false;
  Requirement requirement = Requirement::kUnique;
  std::string requirement_text;
  SourcePosition requirement_position;
  std::vector<std::string> show_filter;  // show: the words before INDEXES / CONSTRAINTS, upper-cased
};

enum class ClauseKind { kMatch, kUnwind, kWith, kReturn, kCreate, kMerge, kSet, kRemove, kDelete, kCall, kSchema };

struct Clause {
  ClauseKind kind = ClauseKind::kMatch;
  SourcePosition position;

  bool optional = false;  // OPTIONAL MATCH
  Pattern pattern;        // kMatch, kCreate, kMerge (one part)
  ExprPtr where;          // kMatch, kCall (after YIELD)

  ExprPtr expr;           // kUnwind: the list
  std::string variable;   // kUnwind: AS variable

  Projection projection;  // kWith, kReturn

  std::vector<SetItem> set_items;  // kSet
  std::vector<SetItem> on_create;  // kMerge
  std::vector<SetItem> on_match;   // kMerge

  std::vector<RemoveItem> remove_items;  // kRemove

  bool detach = false;                // kDelete
  std::vector<ExprPtr> delete_exprs;  // kDelete

  std::string procedure;       // kCall: dotted name, as written
  bool has_arguments = false;  // kCall: false for `CALL p` (no parentheses: implicit arguments)
  std::vector<ExprPtr> arguments;
  bool yield_star = false;     // YIELD *
  std::vector<YieldItem> yields;

  SchemaCommand schema;  // kSchema: the only clause of its query
};

struct SingleQuery {
  std::vector<Clause> clauses;
};

struct Query {
  std::vector<SingleQuery> parts;  // joined by UNION
  std::vector<bool> union_all;     // union_all[i]: parts[i] and parts[i + 1] are joined by UNION ALL
};

struct Statement {
  enum class Mode { kRun, kExplain, kProfile };
  Mode mode = Mode::kRun;
  Query query;
  std::string text;         // the statement's source text, without the ';'
  SourcePosition position;  // where it starts in the whole script
};

// A deep copy of a query.
Query clone(const Query& query);
// A query or statement in openCypher syntax, normalised; the parser reads it
// back to the same tree.
std::string to_string(const Query& query);
std::string to_string(const Statement& statement);

}  // namespace mlkg::query::ast

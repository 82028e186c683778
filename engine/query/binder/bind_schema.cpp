// Binding index and constraint DDL (ast::SchemaCommand): the shape of the
// statement, what mlkg supports of it, and its OPTIONS. Whether an index or
// constraint of that name or schema exists is decided when the command runs
// (execution/schema_ops.hpp), in the transaction that changes it.

#include <algorithm>

#include "engine/common/suggest.hpp"
#include "engine/query/binder/binder.hpp"
#include "engine/query/binder/binder_internal.hpp"

namespace mlkg::query {

namespace {

[[noreturn]] void option_error(const std::string& message, const SourcePosition& pos) {
  throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentValue, message, pos);
}

void unknown_option(const std::string& what, const std::string& key, const std::vector<std::string>& known,
                    const SourcePosition& pos) {
  auto hint = closest_match(key, known);
  std::string list;
  for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
  option_error("unknown " + what + " '" + key + "'" + (hint ? "; did you mean '" + *hint + "'?" : " (known: " + list + ")"),
               pos);
}

const Value& literal(const ast::Expr& e, const std::string& what) {
  if (e.kind != ast::ExprKind::kLiteral) option_error(what + " must be a literal value", e.position);
  return e.value;
}

// OPTIONS {indexConfig: {`fulltext.analyzer`: 'english', `fulltext.eventually_consistent`: false},
//          indexProvider: 'fulltext-1.0'}: Neo4j's settings, of which mlkg
// has one analyzer and always-consistent indexes.
void check_options(const ast::Expr& options) {
  if (options.kind != ast::ExprKind::kMap)
    option_error("OPTIONS must be a map, such as {indexConfig: {`fulltext.analyzer`: 'english'}}", options.position);
  for (size_t i = 0; i < options.keys.size(); ++i) {
    const std::string& key = options.keys[i];
    const ast::Expr& value = *options.children[i];
    if (key == "indexProvider") {
      const Value& v = literal(value, "indexProvider");
      if (!v.is_string() || v.as_string() != "fulltext-1.0")
        option_error("the only full-text index provider is 'fulltext-1.0', not " + v.to_literal(), value.position);
    } else if (key == "indexConfig") {
      if (value.kind != ast::ExprKind::kMap)
        option_error("indexConfig must be a map, such as {`fulltext.analyzer`: 'english'}", value.position);
      for (size_t j = 0; j < value.keys.size(); ++j) {
        const std::string& setting = value.keys[j];
        const ast::Expr& setting_value = *value.children[j];
        if (setting == "fulltext.analyzer") {
          const Value& v = literal(setting_value, "fulltext.analyzer");
          if (!v.is_string() || v.as_string() != "english")
            option_error("unknown analyzer " + v.to_literal() +
                             "; the one there is: 'english' (CALL db.index.fulltext.listAvailableAnalyzers())",
                         setting_value.position);
        } else if (setting == "fulltext.eventually_consistent") {
          const Value& v = literal(setting_value, "fulltext.eventually_consistent");
          if (!v.is_bool())
            option_error("fulltext.eventually_consistent must be true or false, got " + v.to_literal(),
                         setting_value.position);
          if (v.as_bool())
            option_error("mlkg updates full-text indexes in the same transaction as the nodes; "
                         "fulltext.eventually_consistent must be false",
                         setting_value.position);
        } else {
          unknown_option("index setting", setting, {"fulltext.analyzer", "fulltext.eventually_consistent"},
                         setting_value.position);
        }
      }
    } else {
      unknown_option("index option", key, {"indexConfig", "indexProvider"}, value.position);
    }
  }
}

// OPTIONS {indexProvider: 'range-1.0', indexConfig: {}}: Neo4j's settings
// for range indexes and the indexes of constraints, which have none.
void check_range_options(const ast::Expr& options) {
  if (options.kind != ast::ExprKind::kMap)
    option_error("OPTIONS must be a map, such as {indexProvider: 'range-1.0'}", options.position);
  for (size_t i = 0; i < options.keys.size(); ++i) {
    const std::string& key = options.keys[i];
    const ast::Expr& value = *options.children[i];
    if (key == "indexProvider") {
      const Value& v = literal(value, "indexProvider");
      if (!v.is_string() || v.as_string() != "range-1.0")
        option_error("the only index provider of property indexes is 'range-1.0', not " + v.to_literal(),
                     value.position);
    } else if (key == "indexConfig") {
      if (value.kind != ast::ExprKind::kMap)
        option_error("indexConfig must be a map; range indexes have no settings, so {}", value.position);
      if (!value.keys.empty())
        option_error("range indexes have no settings; unknown index setting '" + value.keys[0] + "'",
                     value.children[0]->position);
    } else {
      unknown_option("index option", key, {"indexConfig", "indexProvider"}, value.position);
    }
  }
}

[[noreturn]] void unsupported(const std::string& message, const SourcePosition& pos) {
  throw QueryError(ErrorClass::kSyntax, ErrorCode::kNone, message, pos);
}

// Checks what CREATE INDEX and CREATE CONSTRAINT share: a node pattern (not
// a relationship) and one property of the pattern's variable.
void check_property_rule(const ast::SchemaCommand& s, const char* what, const char* example) {
  if (s.relationship)
    unsupported(std::string(what) + " on relationship properties are not supported: mlkg's " + what +
                    " cover node properties, as in " + example,
                s.pattern_position);
  for (const ast::IndexProperty& p : s.properties) {
    if (p.variable != s.variable)
      syntax_error(ErrorCode::kUndefinedVariable,
                   "the property " + p.variable + "." + p.key + " does not use the node pattern's variable `" +
                       s.variable + "`; write " + s.variable + "." + p.key,
                   p.position);
  }
  if (s.properties.size() > 1)
    unsupported(std::string("composite ") + what +
                    " (on several properties) are not supported: each covers one property, as in " + example,
                s.properties[1].position);
}

const char* requirement_name(const ast::SchemaCommand& s) {
  switch (s.requirement) {
    case ast::SchemaCommand::Requirement::kUnique: return "IS UNIQUE";
    case ast::SchemaCommand::Requirement::kNotNull: return "IS NOT NULL (property existence)";
    case ast::SchemaCommand::Requirement::kKey: return "key";
    case ast::SchemaCommand::Requirement::kType: return "property type";
  }
  return "";
}

bool is_one_of(const std::string& words, std::initializer_list<const char*> list) {
  for (const char* w : list)
    if (words == w) return true;
  return false;
}

// SHOW <words> INDEXES: which indexes to list.
BoundSchemaCommand::Show index_filter(const std::string& words, const SourcePosition& pos) {
  using Show = BoundSchemaCommand::Show;
  if (words.empty() || words == "ALL") return Show::kAll;
  if (words == "RANGE") return Show::kRange;
  if (words == "FULLTEXT") return Show::kFulltext;
  if (is_one_of(words, {"TEXT", "POINT", "LOOKUP", "VECTOR", "BTREE"})) return Show::kNone;  // Neo4j's, none here
  throw QueryError(ErrorClass::kSyntax, ErrorCode::kInvalidArgumentValue,
                   "unknown kind of index '" + words + "': SHOW [ALL | RANGE | FULLTEXT] INDEXES", pos);
}

// SHOW <words> CONSTRAINTS: which constraints to list (all are uniqueness
// constraints on node properties).
BoundSchemaCommand::Show constraint_filter(const std::string& words, const SourcePosition& pos) {
  using Show = BoundSchemaCommand::Show;
  if (is_one_of(words, {"", "ALL", "UNIQUE", "UNIQUENESS", "NODE UNIQUE", "NODE UNIQUENESS"})) return Show::kAll;
  if (is_one_of(words, {"EXIST", "EXISTS", "EXISTENCE", "NODE EXIST", "NODE EXISTS", "NODE EXISTENCE", "KEY",
                        "NODE KEY", "REL KEY", "RELATIONSHIP KEY", "REL EXIST", "REL EXISTS", "REL EXISTENCE",
                        "RELATIONSHIP EXIST", "RELATIONSHIP EXISTS", "RELATIONSHIP EXISTENCE", "REL UNIQUE",
                        "REL UNIQUENESS", "RELATIONSHIP UNIQUE", "RELATIONSHIP UNIQUENESS", "PROPERTY TYPE",
                        "NODE PROPERTY TYPE", "REL PROPERTY TYPE", "RELATIONSHIP PROPERTY TYPE"}))
    return Show::kNone;  // Neo4j's kinds that mlkg does not have
  throw QueryError(ErrorClass::kSyntax, ErrorCode::kInvalidArgumentValue,
                   "unknown kind of constraint '" + words + "': SHOW [ALL | UNIQUE] CONSTRAINTS", pos);
}

template <typename T>
void push_unique(std::vector<T>& out, const T& v) {
  if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
}

}  // namespace

BoundSchemaCommand Binder::bind_schema(const ast::Clause& c, BoundSingleQuery& q) {
  using Kind = ast::SchemaCommand::Kind;
  const ast::SchemaCommand& s = c.schema;
  BoundSchemaCommand out;
  out.kind = s.kind;
  out.name = s.name;
  out.name_position = s.name_position.line ? s.name_position : c.position;
  out.if_not_exists = s.if_not_exists;
  out.if_exists = s.if_exists;
  if (s.name.empty() && s.name_position.line != 0)  // written as ``
    throw QueryError(ErrorClass::kSyntax, ErrorCode::kInvalidArgumentValue,
                     "the name of an index or constraint cannot be empty", s.name_position);
  switch (s.kind) {
    case Kind::kCreateFulltextIndex:
      query_->writes = true;
      for (const auto& l : s.labels) push_unique(out.labels, l);
      for (const ast::IndexProperty& p : s.properties) {
        if (p.variable != s.variable)
          syntax_error(ErrorCode::kUndefinedVariable,
                       "the property " + p.variable + "." + p.key + " does not use the node pattern's variable `" +
                           s.variable + "`; write " + s.variable + "." + p.key,
                       p.position);
        push_unique(out.keys, p.key);
      }
      if (s.options) check_options(*s.options);
      break;
    case Kind::kCreateIndex:
    case Kind::kCreateConstraint: {
      query_->writes = true;
      const bool constraint = s.kind == Kind::kCreateConstraint;
      if (constraint && s.requirement != ast::SchemaCommand::Requirement::kUnique)
        unsupported(std::string(requirement_name(s)) +
                        " constraints are not supported: mlkg's constraints are uniqueness constraints on a node "
                        "property, as in CREATE CONSTRAINT FOR (n:Service) REQUIRE n.id IS UNIQUE",
                    s.requirement_position);
      check_property_rule(s, constraint ? "constraints" : "indexes",
                          constraint ? "CREATE CONSTRAINT FOR (n:Service) REQUIRE n.id IS UNIQUE"
                                     : "CREATE INDEX FOR (n:Service) ON (n.name)");
      out.labels = s.labels;
      out.keys = {s.properties.at(0).key};
      if (s.options) check_range_options(*s.options);
      break;
    }
    case Kind::kDropIndex:
    case Kind::kDropConstraint:
      query_->writes = true;
      break;
    case Kind::kShowIndexes:
    case Kind::kShowConstraints: {
      std::string words;
      for (const std::string& w : s.show_filter) words += (words.empty() ? "" : " ") + w;
      const bool indexes = s.kind == Kind::kShowIndexes;
      out.show = indexes ? index_filter(words, c.position) : constraint_filter(words, c.position);
      const std::vector<std::string>& columns = !indexes ? kShowConstraintColumns
                                                : out.show == BoundSchemaCommand::Show::kFulltext
                                                    ? kShowFulltextIndexColumns
                                                    : kShowIndexColumns;
      for (const std::string& column : columns) {
        Slot slot = new_slot(column);
        out.columns.push_back(slot);
        q.columns.push_back(column);
        q.column_slots.push_back(slot);
      }
      q.returns = true;
      break;
    }
  }
  return out;
}

}  // namespace mlkg::query

// Binding index DDL (ast::SchemaCommand): the shape of the statement and its
// OPTIONS. Whether an index of that name exists is decided when the command
// runs (operators/schema_ops.hpp), in the transaction that changes it.

#include <algorithm>

#include "engine/common/suggest.hpp"
#include "engine/query/binder.hpp"
#include "engine/query/binder_internal.hpp"

namespace mlkg::query {

namespace {

[[noreturn]] void option_error(const std::string& message, const SourcePosition& pos) {
  throw QueryError(error_class::kArgument, error_code::kInvalidArgumentValue, message, pos);
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

template <typename T>
void push_unique(std::vector<T>& out, const T& v) {
  if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
}

}  // namespace

BoundSchemaCommand Binder::bind_schema(const ast::Clause& c, BoundSingleQuery& q) {
  const ast::SchemaCommand& s = c.schema;
  BoundSchemaCommand out;
  out.kind = s.kind;
  out.name = s.name;
  out.name_position = s.name_position;
  out.if_not_exists = s.if_not_exists;
  out.if_exists = s.if_exists;
  switch (s.kind) {
    case ast::SchemaCommand::Kind::kCreateFulltextIndex:
      query_->writes = true;
      for (const auto& l : s.labels) push_unique(out.labels, l);
      for (const ast::IndexProperty& p : s.properties) {
        if (p.variable != s.variable)
          syntax_error(error_code::kUndefinedVariable,
                       "the property " + p.variable + "." + p.key + " does not use the node pattern's variable `" +
                           s.variable + "`; write " + s.variable + "." + p.key,
                       p.position);
        push_unique(out.keys, p.key);
      }
      if (s.options) check_options(*s.options);
      break;
    case ast::SchemaCommand::Kind::kDropIndex:
      query_->writes = true;
      break;
    case ast::SchemaCommand::Kind::kShowFulltextIndexes:
      for (const std::string& column : kShowIndexColumns) {
        Slot slot = new_slot(column);
        out.columns.push_back(slot);
        q.columns.push_back(column);
        q.column_slots.push_back(slot);
      }
      q.returns = true;
      break;
  }
  return out;
}

}  // namespace mlkg::query

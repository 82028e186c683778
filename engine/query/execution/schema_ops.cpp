#include "engine/query/execution/schema_ops.hpp"

#include <algorithm>

#include "engine/common/suggest.hpp"

namespace mlkg::query {

namespace {

using Kind = ast::SchemaCommand::Kind;

// "FOR (n:Service|UseCase) ON EACH [n.name, n.summary]"
std::string describe(const storage::Catalog& catalog, const storage::FulltextIndexDefinition& def) {
  std::string out = "FOR (n";
  for (size_t i = 0; i < def.labels.size(); ++i) out += (i ? "|" : ":") + quote_cypher_name(catalog.label_name(def.labels[i]));
  out += ") ON EACH [";
  for (size_t i = 0; i < def.keys.size(); ++i) out += (i ? ", n." : "n.") + quote_cypher_name(catalog.key_name(def.keys[i]));
  return out + "]";
}

// "FOR (n:Service) ON (n.name)", "FOR (n:Service) REQUIRE n.id IS UNIQUE";
// "(n)" for an index over every node.
std::string describe(const storage::Catalog& catalog, const storage::IndexDefinition& def) {
  std::string node = def.label ? "(n:" + quote_cypher_name(catalog.label_name(def.label)) + ")" : "(n)";
  std::string key = "n." + quote_cypher_name(catalog.key_name(def.key));
  return "FOR " + node + (def.unique ? " REQUIRE " + key + " IS UNIQUE" : " ON (" + key + ")");
}

// "(:Service).name"
std::string schema_text(const std::string& label, const std::string& key) {
  return "(:" + quote_cypher_name(label) + ")." + quote_cypher_name(key);
}

// What holds a schema name: a property index, a constraint (a unique
// property index) or a full-text index; nothing when both are null.
struct NameHolder {
  const storage::IndexDefinition* index = nullptr;
  const storage::FulltextIndexDefinition* fulltext = nullptr;
  bool found() const { return index || fulltext; }
  bool constraint() const { return index && index->unique; }
};

NameHolder find_name(const storage::Catalog& catalog, const std::string& name) {
  NameHolder h;
  if (name.empty()) return h;
  h.index = catalog.find_index_named(name);
  if (!h.index) h.fulltext = catalog.find_fulltext_index(name);
  return h;
}

// "constraint called x (FOR ...)", "index called x (FOR ...)", "full-text
// index called x (FOR ...)".
std::string what(const storage::Catalog& catalog, const NameHolder& h) {
  if (h.fulltext) return "full-text index called " + h.fulltext->name + " (" + describe(catalog, *h.fulltext) + ")";
  return std::string(h.constraint() ? "constraint called " : "index called ") + h.index->name + " (" +
         describe(catalog, *h.index) + ")";
}

[[noreturn]] void schema_error(ErrorCode code, const std::string& message, const SourcePosition& pos) {
  throw QueryError(ErrorClass::kSchema, code, message, pos);
}

// The name is taken: IndexAlreadyExists or ConstraintAlreadyExists, after
// what holds it.
[[noreturn]] void name_taken(const storage::Catalog& catalog, const NameHolder& h, const SourcePosition& pos) {
  schema_error(h.constraint() ? ErrorCode::kConstraintAlreadyExists : ErrorCode::kIndexAlreadyExists,
               std::string("there is already a") + (h.index && !h.constraint() ? "n " : " ") + what(catalog, h) +
                   "; drop it first, or add IF NOT EXISTS",
               pos);
}

// "; did you mean x?", or `otherwise` when no name is close.
std::string hint(const std::string& name, const std::vector<std::string>& names, const std::string& otherwise) {
  auto match = closest_match(name, names);
  return match ? "; did you mean " + *match + "?" : otherwise;
}

Value labels_value(const storage::Catalog& catalog, const storage::IndexDefinition& def) {
  if (def.label == 0) return Value();  // every node
  return Value(ValueList{Value(catalog.label_name(def.label))});
}

}  // namespace

std::string SchemaCommandOp::name() const { return schema_command_name(command_); }

std::string schema_command_name(const BoundSchemaCommand& command) {
  switch (command.kind) {
    case Kind::kCreateFulltextIndex: return "CreateFulltextIndex";
    case Kind::kCreateIndex: return "CreateIndex";
    case Kind::kCreateConstraint: return "CreateConstraint";
    case Kind::kDropIndex: return "DropIndex";
    case Kind::kDropConstraint: return "DropConstraint";
    case Kind::kShowIndexes:
      return command.show == BoundSchemaCommand::Show::kFulltext ? "ShowFulltextIndexes" : "ShowIndexes";
    case Kind::kShowConstraints: return "ShowConstraints";
  }
  return "SchemaCommand";
}

bool SchemaCommandOp::next_impl(Row& row, ExecContext& ctx) {
  if (!ran_) {
    ran_ = true;
    if (!input_->next(row, ctx)) return false;
    switch (command_.kind) {
      case Kind::kCreateFulltextIndex: create_fulltext(ctx); break;
      case Kind::kCreateIndex:
      case Kind::kCreateConstraint: create_property_rule(ctx); break;
      case Kind::kDropIndex: drop_index(ctx); break;
      case Kind::kDropConstraint: drop_constraint(ctx); break;
      case Kind::kShowIndexes:
        if (command_.show == BoundSchemaCommand::Show::kFulltext) {
          show_fulltext_indexes(ctx);
        } else {
          show_indexes(ctx);
        }
        break;
      case Kind::kShowConstraints: show_constraints(ctx); break;
    }
  }
  if (pos_ >= rows_.size()) return false;
  ValueList& r = rows_[pos_++];
  for (size_t i = 0; i < r.size() && i < command_.columns.size(); ++i) row[command_.columns[i]] = std::move(r[i]);
  return true;
}

void SchemaCommandOp::create_fulltext(ExecContext& ctx) {
  GraphTxn& g = *ctx.graph;
  NameHolder holder = find_name(g.catalog(), command_.name);
  if (holder.found()) {
    if (command_.if_not_exists) return;
    name_taken(g.catalog(), holder, command_.name_position);
  }
  g.create_fulltext_index(command_.name, command_.labels, command_.keys,
                          [&] { return ctx.cancelled && ctx.cancelled->load(std::memory_order_relaxed); });
  ctx.check_cancelled();
}

void SchemaCommandOp::create_property_rule(ExecContext& ctx) {
  GraphTxn& g = *ctx.graph;
  const storage::Catalog& catalog = g.catalog();
  const bool unique = command_.kind == Kind::kCreateConstraint;
  const std::string& label = command_.labels.at(0);
  const std::string& key = command_.keys.at(0);
  const SourcePosition& pos = command_.name_position;
  auto label_id = catalog.find_label(label);
  auto key_id = catalog.find_key(key);
  const storage::IndexDefinition* existing = label_id && key_id ? catalog.find_index(*label_id, *key_id) : nullptr;
  NameHolder holder = find_name(catalog, command_.name);
  // IF NOT EXISTS: the name is taken, or the schema has an index that does
  // what was asked (any index serves CREATE INDEX).
  if (command_.if_not_exists && (holder.found() || (existing && (existing->unique || !unique)))) return;
  if (existing) {
    const std::string schema = schema_text(label, key);
    if (existing->unique == unique) {
      if (command_.name.empty() || command_.name == existing->name)
        schema_error(ErrorCode::kEquivalentSchemaRuleAlreadyExists,
                     std::string("an equivalent ") + (unique ? "constraint" : "index") + " already exists: " +
                         existing->name + " (" + describe(catalog, *existing) + ")",
                     pos);
      schema_error(unique ? ErrorCode::kConstraintAlreadyExists : ErrorCode::kIndexAlreadyExists,
                   std::string("there is already ") + (unique ? "a uniqueness constraint" : "an index") + " on " +
                       schema + ", called " + existing->name + " (" + describe(catalog, *existing) + ")",
                   pos);
    }
    if (existing->unique)
      schema_error(ErrorCode::kConstraintAlreadyExists,
                   "the uniqueness constraint " + existing->name + " on " + schema +
                       " has an index already, which serves lookups by " + schema + "; there is no need for another",
                   pos);
    schema_error(ErrorCode::kIndexAlreadyExists,
                 "there is already an index on " + schema + ", called " + existing->name +
                     "; a uniqueness constraint brings its own index: drop the index first (DROP INDEX " +
                     quote_cypher_name(existing->name) + ")",
                 pos);
  }
  if (holder.found()) name_taken(catalog, holder, pos);
  g.create_index(label, key, unique, command_.name);
}

void SchemaCommandOp::drop_index(ExecContext& ctx) {
  GraphTxn& g = *ctx.graph;
  const storage::Catalog& catalog = g.catalog();
  NameHolder holder = find_name(catalog, command_.name);
  if (!holder.found()) {
    if (command_.if_exists) return;
    std::vector<std::string> names;
    for (const auto& def : catalog.indexes()) names.push_back(def.name);
    for (const auto& def : catalog.fulltext_indexes()) names.push_back(def.name);
    schema_error(ErrorCode::kIndexNotFound,
                 "there is no index called " + command_.name +
                     hint(command_.name, names, names.empty() ? " (there is none yet)" : " (SHOW INDEXES lists them)"),
                 command_.name_position);
  }
  if (holder.fulltext) {
    g.drop_fulltext_index(holder.fulltext->id);
  } else if (holder.constraint()) {
    schema_error(ErrorCode::kForbiddenOnConstraintIndex,
                 command_.name + " is the index of the " + what(catalog, holder) +
                     "; drop the constraint to drop its index: DROP CONSTRAINT " + quote_cypher_name(command_.name),
                 command_.name_position);
  } else {
    g.drop_index(holder.index->id);
  }
}

void SchemaCommandOp::drop_constraint(ExecContext& ctx) {
  GraphTxn& g = *ctx.graph;
  const storage::Catalog& catalog = g.catalog();
  NameHolder holder = find_name(catalog, command_.name);
  if (holder.constraint()) {
    g.drop_index(holder.index->id);
    return;
  }
  if (command_.if_exists) return;
  if (holder.found())
    schema_error(ErrorCode::kConstraintNotFound,
                 "there is no constraint called " + command_.name + ": it is the " + what(catalog, holder) +
                     " (DROP INDEX " + quote_cypher_name(command_.name) + " drops it)",
                 command_.name_position);
  std::vector<std::string> names;
  for (const auto& def : catalog.indexes())
    if (def.unique) names.push_back(def.name);
  schema_error(ErrorCode::kConstraintNotFound,
               "there is no constraint called " + command_.name +
                   hint(command_.name, names, names.empty() ? " (there is none yet)" : " (SHOW CONSTRAINTS lists them)"),
               command_.name_position);
}

void SchemaCommandOp::show_indexes(ExecContext& ctx) {
  using Show = BoundSchemaCommand::Show;
  const storage::Catalog& catalog = ctx.graph->catalog();
  std::vector<std::pair<std::string, ValueList>> rows;  // by name
  if (command_.show == Show::kAll || command_.show == Show::kRange) {
    for (const storage::IndexDefinition& def : catalog.indexes()) {
      rows.emplace_back(def.name,
                        ValueList{Value(static_cast<int64_t>(def.id)), Value(def.name), Value("ONLINE"), Value(100.0),
                                  Value("RANGE"), Value("NODE"), labels_value(catalog, def),
                                  Value(ValueList{Value(catalog.key_name(def.key))}), Value("range-1.0"),
                                  def.unique ? Value(def.name) : Value()});
    }
  }
  if (command_.show == Show::kAll) {
    for (const storage::FulltextIndexDefinition& def : catalog.fulltext_indexes()) {
      ValueList labels, keys;
      for (auto l : def.labels) labels.emplace_back(catalog.label_name(l));
      for (auto k : def.keys) keys.emplace_back(catalog.key_name(k));
      rows.emplace_back(def.name, ValueList{Value(static_cast<int64_t>(def.id)), Value(def.name), Value("ONLINE"),
                                            Value(100.0), Value("FULLTEXT"), Value("NODE"), Value(std::move(labels)),
                                            Value(std::move(keys)), Value("fulltext-1.0"), Value()});
    }
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [name, row] : rows) rows_.push_back(std::move(row));
}

void SchemaCommandOp::show_fulltext_indexes(ExecContext& ctx) {
  GraphTxn& g = *ctx.graph;
  const storage::Catalog& catalog = g.catalog();
  for (const storage::FulltextIndexDefinition& def : catalog.fulltext_indexes()) {
    storage::FulltextStats stats;
    Status s = g.txn().fulltext_stats(def.id, &stats);
    throw_if_failed(s);
    ValueList labels, keys;
    for (auto l : def.labels) labels.emplace_back(catalog.label_name(l));
    for (auto k : def.keys) keys.emplace_back(catalog.key_name(k));
    rows_.push_back({Value(static_cast<int64_t>(def.id)), Value(def.name), Value("ONLINE"), Value("FULLTEXT"),
                     Value("NODE"), Value(std::move(labels)), Value(std::move(keys)),
                     Value(static_cast<int64_t>(stats.documents))});
  }
}

void SchemaCommandOp::show_constraints(ExecContext& ctx) {
  if (command_.show == BoundSchemaCommand::Show::kNone) return;
  const storage::Catalog& catalog = ctx.graph->catalog();
  std::vector<const storage::IndexDefinition*> constraints;
  for (const storage::IndexDefinition& def : catalog.indexes())
    if (def.unique) constraints.push_back(&def);
  std::sort(constraints.begin(), constraints.end(), [](const auto* a, const auto* b) { return a->name < b->name; });
  for (const storage::IndexDefinition* def : constraints) {
    rows_.push_back({Value(static_cast<int64_t>(def->id)), Value(def->name), Value("UNIQUENESS"), Value("NODE"),
                     labels_value(catalog, *def), Value(ValueList{Value(catalog.key_name(def->key))}),
                     Value(def->name)});
  }
}

}  // namespace mlkg::query

#include "engine/query/operators/schema_ops.hpp"

#include "engine/text/fulltext_procedures.hpp"

namespace mlkg::query {

namespace {

// "FOR (n:Service|UseCase) ON EACH [n.name, n.summary]"
std::string describe(const storage::Catalog& catalog, const storage::FulltextIndexDefinition& def) {
  std::string out = "FOR (n";
  for (size_t i = 0; i < def.labels.size(); ++i) out += (i ? "|" : ":") + quote_cypher_name(catalog.label_name(def.labels[i]));
  out += ") ON EACH [";
  for (size_t i = 0; i < def.keys.size(); ++i) out += (i ? ", n." : "n.") + quote_cypher_name(catalog.key_name(def.keys[i]));
  return out + "]";
}

}  // namespace

std::string SchemaCommandOp::name() const {
  switch (command_.kind) {
    case ast::SchemaCommand::Kind::kCreateFulltextIndex: return "CreateFulltextIndex";
    case ast::SchemaCommand::Kind::kDropIndex: return "DropIndex";
    case ast::SchemaCommand::Kind::kShowFulltextIndexes: return "ShowFulltextIndexes";
  }
  return "SchemaCommand";
}

bool SchemaCommandOp::next_impl(Row& row, ExecContext& ctx) {
  if (!ran_) {
    ran_ = true;
    if (!input_->next(row, ctx)) return false;
    switch (command_.kind) {
      case ast::SchemaCommand::Kind::kCreateFulltextIndex: create(ctx); break;
      case ast::SchemaCommand::Kind::kDropIndex: drop(ctx); break;
      case ast::SchemaCommand::Kind::kShowFulltextIndexes: show(ctx); break;
    }
  }
  if (pos_ >= rows_.size()) return false;
  ValueList& r = rows_[pos_++];
  for (size_t i = 0; i < r.size() && i < command_.columns.size(); ++i) row[command_.columns[i]] = std::move(r[i]);
  return true;
}

void SchemaCommandOp::create(ExecContext& ctx) {
  GraphTxn& g = *ctx.graph;
  if (const storage::FulltextIndexDefinition* existing = g.catalog().find_fulltext_index(command_.name)) {
    if (command_.if_not_exists) return;
    throw QueryError(error_class::kSchema, error_code::kIndexAlreadyExists,
                     "there is already a full-text index called " + command_.name + " (" +
                         describe(g.catalog(), *existing) + "); drop it first, or add IF NOT EXISTS",
                     command_.name_position);
  }
  g.create_fulltext_index(command_.name, command_.labels, command_.keys,
                          [&] { return ctx.cancelled && ctx.cancelled->load(std::memory_order_relaxed); });
  ctx.check_cancelled();
}

void SchemaCommandOp::drop(ExecContext& ctx) {
  GraphTxn& g = *ctx.graph;
  const storage::FulltextIndexDefinition* def = g.catalog().find_fulltext_index(command_.name);
  if (!def) {
    if (command_.if_exists) return;
    throw text::unknown_fulltext_index(g.catalog(), command_.name, command_.name_position);
  }
  g.drop_fulltext_index(def->id);
}

void SchemaCommandOp::show(ExecContext& ctx) {
  GraphTxn& g = *ctx.graph;
  const storage::Catalog& catalog = g.catalog();
  for (const storage::FulltextIndexDefinition& def : catalog.fulltext_indexes()) {
    storage::FulltextStats stats;
    Status s = g.txn().fulltext_stats(def.id, &stats);
    if (!s.ok()) throw QueryError("DatabaseError", "", s.message());
    ValueList labels, keys;
    for (auto l : def.labels) labels.emplace_back(catalog.label_name(l));
    for (auto k : def.keys) keys.emplace_back(catalog.key_name(k));
    rows_.push_back({Value(static_cast<int64_t>(def.id)), Value(def.name), Value("ONLINE"), Value("FULLTEXT"),
                     Value("NODE"), Value(std::move(labels)), Value(std::move(keys)),
                     Value(static_cast<int64_t>(stats.documents))});
  }
}

}  // namespace mlkg::query

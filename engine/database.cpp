#include "engine/database.hpp"

#include "engine/export/export_procedures.hpp"
#include "engine/query/graph_txn.hpp"
#include "engine/query/parser.hpp"
#include "engine/query/query_runner.hpp"
#include "engine/storage/transaction.hpp"

namespace mlkg {

Status Database::open(const std::string& dir, const storage::OpenOptions& options, std::unique_ptr<Database>* out) {
  std::unique_ptr<storage::GraphStore> store;
  MLKG_RETURN_IF_ERROR(storage::GraphStore::open(dir, options, &store));
  out->reset(new Database(std::move(store)));
  return Status();
}

Status Database::info(DatabaseInfo* out) {
  *out = DatabaseInfo();
  out->path = store_->path();
  out->format_version = storage::kFormatVersion;
  out->disk_bytes = store_->disk_size();
  auto txn = store_->begin_read();
  const storage::Catalog& cat = txn->catalog();
  MLKG_RETURN_IF_ERROR(txn->count_nodes(&out->nodes));
  MLKG_RETURN_IF_ERROR(txn->count_rels(&out->relationships));
  for (uint32_t l = 1; l <= cat.count(storage::NameKind::kLabel); ++l) {
    uint64_t n;
    MLKG_RETURN_IF_ERROR(txn->count_nodes_with_label(l, &n));
    out->labels.emplace_back(cat.label_name(l), n);
  }
  for (uint32_t t = 1; t <= cat.count(storage::NameKind::kType); ++t) {
    uint64_t n;
    MLKG_RETURN_IF_ERROR(txn->count_rels_with_type(t, &n));
    out->types.emplace_back(cat.type_name(t), n);
  }
  for (uint32_t k = 1; k <= cat.count(storage::NameKind::kKey); ++k) out->property_keys.push_back(cat.key_name(k));
  for (const storage::IndexDefinition& def : cat.indexes()) {
    std::string target = def.label ? "(:" + cat.label_name(def.label) + ")" : "(every node)";
    out->indexes.push_back(std::string(def.unique ? "UNIQUE " : "") + target + "." + cat.key_name(def.key));
  }
  for (const storage::FulltextIndexDefinition& def : cat.fulltext_indexes()) {
    std::string labels, keys;
    for (auto l : def.labels) labels += (labels.empty() ? ":" : "|") + cat.label_name(l);
    for (auto k : def.keys) keys += (keys.empty() ? "" : ", ") + cat.key_name(k);
    out->indexes.push_back("FULLTEXT " + def.name + " (" + labels + ") [" + keys + "]");
  }
  return Status();
}

Status Database::check(storage::CheckReport* out, size_t max_reported) {
  return storage::check_consistency(*store_, out, max_reported);
}

Status Database::import_files(const std::vector<std::string>& paths, const load::ImportOptions& options,
                              load::ImportStats* stats) {
  return load::import_files(*store_, paths, options, stats);
}

Status Database::export_graph(exporter::ExportFormat format, std::ostream& out, exporter::ExportStats* stats) {
  return exporter::export_graph(*store_, format, out, stats);
}

Status Database::export_graph(const exporter::ExportOptions& options, const std::optional<std::string>& query,
                              const ValueMap& params, exporter::ExportStats* stats) {
  query::GraphTxn graph(*store_, false);
  const exporter::Subgraph selection = query ? exporter::select_subgraph(graph, *query, params, options.cancelled)
                                             : exporter::Subgraph::whole_graph();
  return exporter::export_graph(graph.txn(), selection, options, stats);
}

query::QueryResult Database::execute(const query::ast::Statement& statement, const ValueMap& params,
                                     const std::atomic<bool>* cancelled) {
  return query::run_statement(*store_, statement, params, cancelled);
}

query::QueryResult Database::execute(std::string_view text, const ValueMap& params) {
  std::vector<query::ast::Statement> statements = query::parse_script(text);
  if (statements.size() != 1)
    throw query::QueryError(query::error_class::kSyntax, query::error_code::kUnexpectedSyntax,
                            "expected exactly one statement, found " + std::to_string(statements.size()));
  return execute(statements[0], params);
}

}  // namespace mlkg

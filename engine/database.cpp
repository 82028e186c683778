#include "engine/database.hpp"

#include <filesystem>

#include "engine/algo/algo_procedures.hpp"
#include "engine/export/export_procedures.hpp"
#include "engine/fit/fit_procedure.hpp"
#include "engine/load/schema_procedures.hpp"
#include "engine/procedure/catalog_procedures.hpp"
#include "engine/query/runtime/graph_txn.hpp"
#include "engine/query/parser/parser.hpp"
#include "engine/query/query_procedures.hpp"
#include "engine/query/query_runner.hpp"
#include "engine/storage/transaction.hpp"
#include "engine/text/fulltext_document.hpp"
#include "engine/text/fulltext_procedures.hpp"

namespace mlkg {

void Database::add_standard_procedures(procedure::ProcedureRegistry& registry,
                                       std::shared_ptr<const exporter::ExportDirectory> export_directory) {
  procedure::add_catalog_procedures(registry);
  query::add_query_procedures(registry);
  load::add_schema_procedures(registry);
  text::add_fulltext_procedures(registry);
  algo::add_algo_procedures(registry);
  fit::add_fit_procedure(registry);
  exporter::add_export_procedures(registry, std::move(export_directory));
}

Database::Database(std::unique_ptr<storage::GraphStore> store)
    : store_(std::move(store)), export_directory_(std::make_shared<exporter::ExportDirectory>()) {
  add_standard_procedures(procedures_, export_directory_);
}

Status Database::set_export_directory(const std::string& dir) {
  std::error_code ec;
  const std::filesystem::path canonical = std::filesystem::canonical(dir, ec);
  if (ec || !std::filesystem::is_directory(canonical, ec))
    return Status::invalid_argument("the export directory " + dir + " is not a directory" +
                                    (ec ? " (" + ec.message() + ")" : std::string()));
  export_directory_->set(canonical);
  return Status();
}

Status Database::open(const std::string& dir, const storage::OpenOptions& options, std::unique_ptr<Database>* out) {
  storage::OpenOptions with_text = options;
  if (!with_text.text_analyzer) with_text.text_analyzer = text::english_text_analyzer();
  std::unique_ptr<storage::GraphStore> store;
  MLKG_RETURN_IF_ERROR(storage::GraphStore::open(dir, with_text, &store));
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
  exporter::Subgraph selection = exporter::Subgraph::whole_graph();
  if (query) {
    selection = exporter::Subgraph();
    exporter::SubgraphRows rows(&selection);
    query::run_read_query(graph, procedures_, *query, params, "the export query", options.cancelled, rows);
  }
  return exporter::export_graph(graph.txn(), selection, options, stats);
}

query::QueryResult Database::execute(const query::ast::Statement& statement, const ValueMap& params,
                                     const std::atomic<bool>* cancelled, const query::StatementLimits& limits) {
  return query::run_statement(*store_, procedures_, statement, params, cancelled, limits);
}

query::QueryResult Database::execute(std::string_view text, const ValueMap& params) {
  return execute(query::parse_single_statement(text), params);
}

}  // namespace mlkg

#include "engine/export/export_procedures.hpp"

#include "engine/common/suggest.hpp"
#include "engine/export/graph_exporter.hpp"
#include "engine/query/binder.hpp"
#include "engine/query/exec_context.hpp"
#include "engine/query/operators/operator.hpp"
#include "engine/query/parser.hpp"
#include "engine/query/planner.hpp"
#include "engine/query/query_error.hpp"

namespace mlkg::exporter {

using query::QueryError;
namespace error_class = query::error_class;
namespace error_code = query::error_code;

Subgraph select_subgraph(query::GraphTxn& graph, std::string_view text, const ValueMap& params,
                         const std::atomic<bool>* cancelled) {
  std::vector<query::ast::Statement> statements = query::parse_script(text);
  if (statements.size() != 1)
    throw QueryError(error_class::kArgument, error_code::kInvalidArgumentValue,
                     "the export query must be one statement, found " + std::to_string(statements.size()));
  const query::ast::Statement& statement = statements[0];
  if (statement.mode != query::ast::Statement::Mode::kRun)
    throw QueryError(error_class::kArgument, error_code::kInvalidArgumentValue,
                     "the export query cannot be EXPLAIN or PROFILE");
  query::BoundQuery bound = query::bind(statement.query, graph.catalog());
  if (bound.writes)
    throw QueryError(error_class::kArgument, error_code::kInvalidArgumentValue,
                     "the export query must only read (it has a writing clause)");
  query::ExecContext ctx(&graph, params, cancelled);
  Subgraph selection;
  query::Row row(bound.width);
  uint64_t n = 0;
  for (query::BoundSingleQuery& part : bound.parts) {
    query::OperatorPtr plan = query::plan_single_query(part, bound.width, graph);
    plan->open(ctx);
    while (plan->next(row, ctx)) {
      if ((++n & 0xff) == 0) ctx.check_cancelled();
      if (!bound.returns) continue;
      for (query::Slot s : part.column_slots) selection.add_value(row[s]);
    }
  }
  return selection;
}

namespace {

ValueMap read_config(std::string_view procedure, const Value& config) {
  if (config.is_null()) return {};
  if (!config.is_map())
    throw QueryError(error_class::kArgument, error_code::kInvalidArgumentType,
                     std::string(procedure) + ": the config must be a map such as {params: {t: 't1.1'}}, got " +
                         config.to_literal());
  ValueMap params;
  for (const auto& [key, value] : config.as_map()) {
    if (key == "params") {
      if (!value.is_map() && !value.is_null())
        throw QueryError(error_class::kArgument, error_code::kInvalidArgumentType,
                         std::string(procedure) + ": params must be a map of the query's parameters, got " +
                             value.to_literal());
      if (value.is_map()) params = value.as_map();
    } else {
      auto hint = closest_match(key, std::vector<std::string>{"params"});
      throw QueryError(error_class::kArgument, error_code::kInvalidArgumentValue,
                       std::string(procedure) + ": unknown config key '" + key + "'" +
                           (hint ? "; did you mean '" + *hint + "'?" : " (known: params)"));
    }
  }
  return params;
}

query::ProcedureInfo procedure_for(ExportFormat format, std::string name) {
  const std::string format_name(export_format_name(format));
  auto run = [format, name, format_name](std::span<const Value> args, query::ExecContext& ctx) {
    if (!args[0].is_null() && !args[0].is_string())
      throw QueryError(error_class::kArgument, error_code::kInvalidArgumentType,
                       name + ": the query must be a string (or null for the whole graph), got " + args[0].to_literal());
    if (!args[1].is_string() || args[1].as_string().empty())
      throw QueryError(error_class::kArgument, error_code::kInvalidArgumentType,
                       name + ": the file must be a non-empty string, got " + args[1].to_literal());
    const ValueMap params = read_config(name, args[2]);
    Subgraph selection =
        args[0].is_null() ? Subgraph::whole_graph() : select_subgraph(*ctx.graph, args[0].as_string(), params, ctx.cancelled);
    ExportOptions options;
    options.format = format;
    options.path = args[1].as_string();
    options.cancelled = ctx.cancelled;
    ExportStats stats;
    Status s = export_graph(ctx.graph->txn(), selection, options, &stats);
    if (!s.ok()) throw QueryError(error_class::kProcedure, "", name + ": " + s.message());
    ValueList notes;
    for (const std::string& n : stats.notes) notes.emplace_back(n);
    return std::vector<ValueList>{{Value(options.path), Value(format_name), Value(static_cast<int64_t>(stats.nodes)),
                                   Value(static_cast<int64_t>(stats.relationships)), Value(std::move(notes))}};
  };
  std::string description = "Writes the subgraph a query returns (null: the whole graph) to a file as " + format_name;
  if (format == ExportFormat::kNeo4jCsv) description += " (file: a directory or a file-name prefix)";
  description += "; config: {params: {...}} for the query. Yields what the format could not carry in notes.";
  return {name,
          {{"query", "STRING?"}, {"file", "STRING"}, {"config", "MAP", true, Value(ValueMap{})}},
          {{"file", "STRING"},
           {"format", "STRING"},
           {"nodes", "INTEGER"},
           {"relationships", "INTEGER"},
           {"notes", "LIST<STRING>"}},
          std::move(description),
          false,
          run};
}

}  // namespace

std::vector<query::ProcedureInfo> export_procedures() {
  std::vector<query::ProcedureInfo> out;
  for (ExportFormat f : export_formats()) {
    std::string name(export_format_name(f));
    if (f == ExportFormat::kNeo4jCsv) name = "neo4jCsv";
    out.push_back(procedure_for(f, "export." + name));
  }
  return out;
}

}  // namespace mlkg::exporter

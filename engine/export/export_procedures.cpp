#include "engine/export/export_procedures.hpp"

#include "engine/common/query_error.hpp"
#include "engine/common/suggest.hpp"
#include "engine/export/graph_exporter.hpp"

namespace mlkg::exporter {

using query::QueryError;
using query::ErrorClass;
using query::ErrorCode;

namespace {

struct ExportConfig {
  ValueMap params;
  bool overwrite = false;
};

ExportConfig read_config(std::string_view procedure, const Value& config) {
  ExportConfig out;
  if (config.is_null()) return out;
  if (!config.is_map())
    throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentType,
                     std::string(procedure) + ": the config must be a map such as {params: {t: 't1.1'}}, got " +
                         config.to_literal());
  for (const auto& [key, value] : config.as_map()) {
    if (key == "params") {
      if (!value.is_map() && !value.is_null())
        throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentType,
                         std::string(procedure) + ": params must be a map of the query's parameters, got " +
                             value.to_literal());
      if (value.is_map()) out.params = value.as_map();
    } else if (key == "overwrite") {
      if (!value.is_bool())
        throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentType,
                         std::string(procedure) + ": overwrite must be true or false, got " + value.to_literal());
      out.overwrite = value.as_bool();
    } else {
      auto hint = closest_match(key, std::vector<std::string>{"params", "overwrite"});
      throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentValue,
                       std::string(procedure) + ": unknown config key '" + key + "'" +
                           (hint ? "; did you mean '" + *hint + "'?" : " (known: params, overwrite)"));
    }
  }
  return out;
}

procedure::Procedure procedure_for(ExportFormat format, std::string name,
                                   std::shared_ptr<const ExportDirectory> directory) {
  const std::string format_name(export_format_name(format));
  auto run = [format, name, format_name, directory](std::span<const Value> args, procedure::ProcedureContext& ctx,
                                                   procedure::RowSink& out) {
    if (!args[0].is_null() && !args[0].is_string())
      throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentType,
                       name + ": the query must be a string (or null for the whole graph), got " + args[0].to_literal());
    if (!args[1].is_string() || args[1].as_string().empty())
      throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentType,
                       name + ": the file must be a non-empty string, got " + args[1].to_literal());
    const ExportConfig config = read_config(name, args[2]);
    const ValueMap& params = config.params;
    Subgraph selection = Subgraph::whole_graph();
    if (!args[0].is_null()) {
      selection = Subgraph();
      SubgraphRows rows(&selection);
      ctx.run_query(args[0].as_string(), params, "the export query", rows);
    }
    ExportOptions options;
    options.format = format;
    options.path = args[1].as_string();
    options.files.overwrite = config.overwrite;
    options.files.confine_to = directory->get();
    options.cancelled = ctx.cancel_flag();
    ExportStats stats;
    Status s = export_graph(ctx.txn(), selection, options, &stats);
    if (!s.ok()) throw QueryError(ErrorClass::kProcedure, ErrorCode::kNone, name + ": " + s.message());
    ValueList notes;
    for (const std::string& n : stats.notes) notes.emplace_back(n);
    out.emit({Value(options.path), Value(format_name), Value(static_cast<int64_t>(stats.nodes)),
              Value(static_cast<int64_t>(stats.relationships)), Value(std::move(notes))});
  };
  std::string description = "Writes the subgraph a query returns (null: the whole graph) to a file as " + format_name;
  if (format == ExportFormat::kNeo4jCsv) description += " (file: a directory or a file-name prefix)";
  description +=
      " inside the export directory; config: {params: {...}} for the query, overwrite: true to replace files. "
      "Yields what the format could not carry in notes.";
  using namespace procedure::types;
  return {{std::move(name),
           {{"query", kString.or_null()}, {"file", kString}, {"config", kMap.or_null(), Value(ValueMap{})}},
           {{"file", kString},
            {"format", kString},
            {"nodes", kInteger},
            {"relationships", kInteger},
            {"notes", kListOfString}},
           std::move(description), procedure::ProcedureMode::kWriteFiles},
          run};
}

}  // namespace

void add_export_procedures(procedure::ProcedureRegistry& registry, std::shared_ptr<const ExportDirectory> directory) {
  for (ExportFormat f : export_formats()) {
    std::string name(export_format_name(f));
    if (f == ExportFormat::kNeo4jCsv) name = "neo4jCsv";
    registry.add(procedure_for(f, "export." + name, directory));
  }
}

}  // namespace mlkg::exporter

#include "engine/export/graph_exporter.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "engine/export/cypher_writer.hpp"
#include "engine/export/cytoscape_writer.hpp"
#include "engine/export/dot_writer.hpp"
#include "engine/export/gexf_writer.hpp"
#include "engine/export/graphml_writer.hpp"
#include "engine/export/graphviz_render.hpp"
#include "engine/export/jgf_writer.hpp"
#include "engine/export/mermaid_writer.hpp"
#include "engine/export/neo4j_csv_writer.hpp"
#include "engine/export/pg_writer.hpp"
#include "engine/storage/graph_store.hpp"
#include "engine/storage/transaction.hpp"

namespace mlkg::exporter {

namespace {

struct FormatName {
  ExportFormat format;
  std::string_view name;
};

constexpr FormatName kFormats[] = {
    {ExportFormat::kPg, "pg"},           {ExportFormat::kPgJson, "pgjson"},   {ExportFormat::kPgJsonl, "pgjsonl"},
    {ExportFormat::kDot, "dot"},         {ExportFormat::kSvg, "svg"},         {ExportFormat::kPng, "png"},
    {ExportFormat::kGraphml, "graphml"}, {ExportFormat::kGexf, "gexf"},       {ExportFormat::kCytoscape, "cytoscape"},
    {ExportFormat::kJgf, "jgf"},         {ExportFormat::kCypher, "cypher"},   {ExportFormat::kNeo4jCsv, "neo4j-csv"},
    {ExportFormat::kMermaid, "mermaid"},
};

Status write_format(GraphView& view, const ExportOptions& options, std::ostream& out, Notes* notes) {
  switch (options.format) {
    case ExportFormat::kPg: return write_pg(view, PgFlavour::kPg, out, notes);
    case ExportFormat::kPgJson: return write_pg(view, PgFlavour::kJson, out, notes);
    case ExportFormat::kPgJsonl: return write_pg(view, PgFlavour::kJsonl, out, notes);
    case ExportFormat::kDot: return write_dot(view, out, notes);
    case ExportFormat::kSvg:
    case ExportFormat::kPng: {
      const std::string program = options.dot_program.empty() ? find_graphviz_dot() : options.dot_program;
      if (program.empty())  // fail before reading the graph
        return render_dot("", export_format_name(options.format), out, nullptr, program);
      std::ostringstream dot;
      MLKG_RETURN_IF_ERROR(write_dot(view, dot, notes));
      std::string warnings;
      MLKG_RETURN_IF_ERROR(render_dot(dot.str(), export_format_name(options.format), out, &warnings, program));
      if (!warnings.empty()) notes->add("warning from Graphviz's dot: " + warnings);
      return Status();
    }
    case ExportFormat::kGraphml: return write_graphml(view, out, notes);
    case ExportFormat::kGexf: return write_gexf(view, out, notes);
    case ExportFormat::kCytoscape: return write_cytoscape(view, out, notes);
    case ExportFormat::kJgf: return write_jgf(view, out, notes);
    case ExportFormat::kCypher: return write_cypher(view, out, notes);
    case ExportFormat::kMermaid: return write_mermaid(view, out, notes);
    case ExportFormat::kNeo4jCsv: break;
  }
  return Status::invalid_argument("neo4j-csv writes several files: name a directory (-o export/) or a file prefix");
}

}  // namespace

bool parse_export_format(std::string_view name, ExportFormat* out) {
  for (const auto& f : kFormats)
    if (f.name == name) {
      *out = f.format;
      return true;
    }
  return false;
}

std::string_view export_format_name(ExportFormat format) {
  for (const auto& f : kFormats)
    if (f.format == format) return f.name;
  return "?";
}

const char* export_format_names() {
  return "pg, pgjson, pgjsonl, dot, svg, png, graphml, gexf, cytoscape, jgf, cypher, neo4j-csv, mermaid";
}

const std::vector<ExportFormat>& export_formats() {
  static const std::vector<ExportFormat> all = [] {
    std::vector<ExportFormat> v;
    for (const auto& f : kFormats) v.push_back(f.format);
    return v;
  }();
  return all;
}

bool is_binary_format(ExportFormat format) { return format == ExportFormat::kPng; }

Status export_graph(storage::Transaction& txn, const Subgraph& selection, const ExportOptions& options,
                    ExportStats* stats) {
  *stats = ExportStats();
  if (options.path.empty() && !options.out) return Status::invalid_argument("the export has nowhere to go");
  GraphView view(txn, selection, options.cancelled);
  MLKG_RETURN_IF_ERROR(view.init());
  stats->nodes = view.node_count();
  stats->relationships = view.relationship_count();
  Notes notes;
  std::string path;
  if (!options.path.empty()) MLKG_RETURN_IF_ERROR(resolve_output_path(options.path, options.files, &path));
  if (options.format == ExportFormat::kNeo4jCsv) {
    if (options.path.empty()) return write_format(view, options, *options.out, &notes);  // the error
    MLKG_RETURN_IF_ERROR(write_neo4j_csv(view, path, options.files, &stats->files, &notes));
  } else if (options.path.empty()) {
    MLKG_RETURN_IF_ERROR(write_format(view, options, *options.out, &notes));
    options.out->flush();
    if (!*options.out) return Status::io_error("writing the export failed");
  } else {
    std::unique_ptr<OutputFile> file;
    MLKG_RETURN_IF_ERROR(OutputFile::open(path, options.files, &file));
    MLKG_RETURN_IF_ERROR(write_format(view, options, file->stream(), &notes));
    MLKG_RETURN_IF_ERROR(file->commit());
    stats->files.push_back(path);
  }
  stats->notes = notes.lines();
  return Status();
}

Status export_graph(storage::GraphStore& store, ExportFormat format, std::ostream& out, ExportStats* stats) {
  auto txn = store.begin_read();
  ExportOptions options;
  options.format = format;
  options.out = &out;
  return export_graph(*txn, Subgraph::whole_graph(), options, stats);
}

}  // namespace mlkg::exporter

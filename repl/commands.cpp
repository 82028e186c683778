#include "repl/commands.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "engine/query/parser/parser.hpp"
#include "repl/exit_codes.hpp"
#include "repl/progress_bar.hpp"

namespace mlkg::repl {

namespace {

std::string plural(uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int run_import(Database& db, const Invocation& inv) {
  load::ImportOptions options;
  options.format = inv.from;
  options.default_type = inv.default_type;
  load::Schema schema;
  if (inv.schema) {
    std::ifstream in(*inv.schema, std::ios::binary);
    if (!in) {
      std::cerr << "mlkg: cannot read " << *inv.schema << "\n";
      return kExitFailed;
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (Status s = load::Schema::parse(text.str(), *inv.schema, &schema); !s.ok()) {
      std::cerr << "mlkg: the schema is not valid, nothing was written:\n" << s.message() << "\n";
      return kExitFailed;
    }
    options.schema = &schema;
  }
  ProgressBar bar;
  options.progress = [&](const load::ImportProgress& p) {
    bool reading = std::string_view(p.phase) == "reading";
    bar.update(reading ? "reading " + p.file : std::string(p.phase), p.done, p.total, reading);
  };
  load::ImportStats stats;
  auto t0 = std::chrono::steady_clock::now();
  Status s = db.import_files(inv.files, options, &stats);
  bar.finish();
  if (!s.ok()) {
    std::cerr << "mlkg: import failed, nothing was written:\n" << s.message() << "\n";
    return kExitFailed;
  }
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.2f s", seconds_since(t0));
  std::cout << "Imported " << plural(stats.files, "file", "files") << " (" << format_bytes(stats.bytes) << ") in "
            << secs << ": " << plural(stats.nodes_created, "node", "nodes") << " created, "
            << stats.nodes_updated << " updated, "
            << plural(stats.relationships_created, "relationship", "relationships") << " created.\n";
  if (stats.edges_given_default_type)
    std::cout << "note: " << plural(stats.edges_given_default_type, "edge", "edges") << " had no label and got the type "
              << inv.default_type << ".\n";
  if (stats.undirected_edges)
    std::cout << "note: " << plural(stats.undirected_edges, "edge was", "edges were")
              << " undirected; queries see them in the direction written, exports write them back undirected.\n";
  return kExitOk;
}

bool export_and_report(Database& db, const ExportRequest& request, std::ostream& info, std::ostream& errors) {
  exporter::ExportOptions options;
  options.format = request.format;
  options.path = request.path;
  options.out = request.out;
  options.cancelled = request.cancelled;
  options.files.overwrite = request.overwrite;
  exporter::ExportStats stats;
  Status s;
  try {
    s = db.export_graph(options, request.query, request.params, &stats);
  } catch (const query::QueryError& e) {
    errors << "mlkg: the export query failed, nothing was written:\n"
             << query::format_error(e, request.query.value_or("")) << "\n";
    return false;
  }
  if (!s.ok()) {
    errors << "mlkg: export failed: " << s.message() << "\n";
    return false;
  }
  auto absolute = [](const std::string& p) {
    std::error_code ec;
    auto a = std::filesystem::absolute(p, ec);
    return ec ? p : a.lexically_normal().string();
  };
  std::string where = request.path.empty() ? std::string("standard output") : absolute(request.path);
  if (stats.files.size() > 1 || (stats.files.size() == 1 && stats.files[0] != request.path))
    where = plural(stats.files.size(), "file", "files") + " at " + absolute(request.path);
  info << "Exported " << plural(stats.nodes, "node", "nodes") << " and "
           << plural(stats.relationships, "relationship", "relationships") << " as "
           << exporter::export_format_name(request.format) << " to " << where << ".\n";
  for (const auto& note : stats.notes) info << "note: " << note << ".\n";
  return true;
}

int run_export(Database& db, const Invocation& inv) {
  if (!inv.output && exporter::is_binary_format(inv.to) && isatty(STDOUT_FILENO)) {
    std::cerr << "mlkg: " << exporter::export_format_name(inv.to)
              << " is binary; give -o FILE, or redirect standard output to a file\n";
    return kExitUsage;
  }
  ExportRequest request;
  request.format = inv.to;
  request.path = inv.output.value_or("");
  request.query = inv.export_query;
  request.params = inv.params;
  request.out = &std::cout;
  request.overwrite = inv.force;
  return export_and_report(db, request, std::cerr, std::cerr) ? kExitOk : kExitFailed;
}

int run_check(Database& db) {
  storage::CheckReport report;
  Status s = db.check(&report);
  if (!s.ok()) {
    std::cerr << "mlkg: the check could not run: " << s.message() << "\n";
    return kExitFailed;
  }
  for (const auto& p : report.problems) std::cout << "problem: " << p << "\n";
  if (report.problem_count > report.problems.size())
    std::cout << "... and " << report.problem_count - report.problems.size() << " more\n";
  std::cout << (report.ok() ? "ok" : plural(report.problem_count, "problem", "problems") + " found") << ": checked "
            << plural(report.nodes, "node", "nodes") << ", " << plural(report.relationships, "relationship", "relationships")
            << ", " << report.adjacency_entries << " adjacency entries, " << report.label_index_entries
            << " label-index entries, " << report.property_index_entries << " property-index entries, "
            << report.text_index_entries << " full-text-index entries.\n";
  return report.ok() ? kExitOk : kExitFailed;
}

int run_info(Database& db) {
  DatabaseInfo info;
  Status s = db.info(&info);
  if (!s.ok()) {
    std::cerr << "mlkg: " << s.message() << "\n";
    return kExitFailed;
  }
  size_t width = 0;
  for (const auto& [name, n] : info.labels) width = std::max(width, name.size() + 1);
  for (const auto& [name, n] : info.types) width = std::max(width, name.size() + 1);
  auto row = [&](const std::string& name, uint64_t n) {
    std::cout << "  " << name << std::string(width + 2 - std::min(width + 1, name.size()), ' ') << n << "\n";
  };
  std::cout << "database       " << info.path << "\n"
            << "format         " << info.format_version << "\n"
            << "size           " << format_bytes(info.disk_bytes) << "\n"
            << "nodes          " << info.nodes << "\n";
  for (const auto& [name, n] : info.labels)
    if (n) row(":" + name, n);
  std::cout << "relationships  " << info.relationships << "\n";
  for (const auto& [name, n] : info.types)
    if (n) row(":" + name, n);
  std::cout << "property keys  " << info.property_keys.size() << "\n";
  std::cout << "indexes        " << info.indexes.size() << "\n";
  for (const auto& i : info.indexes) std::cout << "  " << i << "\n";
  return kExitOk;
}

}  // namespace mlkg::repl

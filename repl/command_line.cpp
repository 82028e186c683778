#include "repl/command_line.hpp"

#include <cstdlib>
#include <unistd.h>

#include <iostream>
#include <utility>

#include <CLI/CLI.hpp>

#include "engine/common/byte_size.hpp"
#include "engine/common/memory_budget.hpp"
#include "repl/exit_codes.hpp"
#include "repl/params.hpp"

namespace mlkg::repl {

std::optional<double> parse_seconds(const std::string& text) {
  char* end = nullptr;
  const double seconds = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0' || !(seconds >= 0) || seconds > 1e9) return std::nullopt;
  return seconds;
}

std::chrono::milliseconds seconds_to_milliseconds(double seconds) {
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000 + 0.5));
}

std::optional<uint64_t> parse_memory_budget(const std::string& text) {
  if (text == "off" || text == "0") return uint64_t{0};
  std::optional<uint64_t> bytes = parse_byte_size(text);
  if (!bytes || *bytes < (uint64_t{1} << 20)) return std::nullopt;
  return bytes;
}

int parse_command_line(int argc, char** argv, Invocation* out) {
  CLI::App app{"mlkg: a knowledge graph of the AWS Certified Machine Learning Engineer - Associate (MLA-C01)\n"
               "syllabus and the AWS services it names, stored in RocksDB.",
               "mlkg"};
  app.set_version_flag("--version", std::string("mlkg ") + MLKG_VERSION);
  app.fallthrough();  // global options may follow the command
  app.require_subcommand(0, 1);
  app.footer(
      "With no command, mlkg opens the default database: the syllabus graph, built from data/ on first use\n"
      "into $XDG_DATA_HOME/mlkg (or ~/.local/share/mlkg).\n\n"
      "Examples:\n"
      "  mlkg -c 'MATCH (s:Service) RETURN s.name LIMIT 5'\n"
      "  mlkg --format json -c 'MATCH (t:Task {id: $t})-[:PART_OF]->(d) RETURN d.name' --param t=\"'t1.1'\"\n"
      "  echo 'MATCH (n) RETURN count(*);' | mlkg      a script on stdin (statements end with ;)\n"
      "  mlkg info                                   counts of the syllabus graph\n"
      "  mlkg --db ./g import people.pg knows.pg     load PG files into ./g (all or nothing)\n"
      "  mlkg export --to pgjsonl -o syllabus.jsonl  write the syllabus graph as PG-JSONL\n"
      "  mlkg export --to svg -o t11.svg -c \"MATCH (t:Task {id: 't1.1'})-[r:MENTIONS]->(s) RETURN t, r, s\"\n"
      "                                              draw a task and the services it mentions\n"
      "  mlkg --db ./g check                         verify the store's invariants\n\n"
      "Exit codes: 0 success, 1 a command failed, 2 usage error, 3 the database could not be opened.");

  std::string db;
  app.add_option("--db", db, "Database directory (created empty if missing); default: the syllabus graph");
  app.add_flag("--read-only", out->read_only, "Open without taking the write lock (beside another mlkg that writes)");
  int64_t busy_timeout_ms = 5000;
  app.add_option("--busy-timeout", busy_timeout_ms,
                 "Wait up to MS milliseconds for another process that is writing to the database (default: 5000)")
      ->check(CLI::Range(int64_t{0}, int64_t{86'400'000}));
  std::string export_dir;
  app.add_option("--export-dir", export_dir,
                 "Where CALL export.* may write files (default: the current directory and below)");
  std::string query, script, format;
  std::vector<std::string> params;
  app.add_option("-c,--command", query, "Run these statements (separated by ';') and exit");
  app.add_option("-f,--file", script, "Run the statements in FILE ('-' = stdin) and exit");
  app.add_option("--format", format, std::string("Output format: ") + std::string(kOutputFormatNames) +
                                         " (default: table on a terminal, plain otherwise)");
  double timeout_seconds = 0;
  app.add_option("--timeout", timeout_seconds,
                 "Stop a statement that runs longer than SECONDS (decimals allowed; default: no limit)")
      ->check(CLI::Validator(
          [](const std::string& text) {
            return parse_seconds(text) ? std::string()
                                       : "must be a number of seconds, 0 (no limit) or more, got '" + text + "'";
          },
          "SECONDS"));
  std::string max_memory;
  app.add_option("--max-memory", max_memory,
                 "Stop a statement that needs more than SIZE of memory (512M, 2G, 1.5GiB; off: no limit; default: "
                 "half the memory, here " + format_byte_size(default_memory_budget()) + ")")
      ->check(CLI::Validator(
          [](const std::string& text) {
            return parse_memory_budget(text)
                       ? std::string()
                       : "must be a size of at least 1 MiB (512M, 2G, 1.5GiB, or bytes), or off, got '" + text + "'";
          },
          "SIZE"));
  app.add_option("--param", params, "A query parameter NAME=LITERAL, the literal in Cypher syntax: --param n=3, "
                                    "--param name=\"'S3'\", --param ids=\"['a', 'b']\" (repeatable)");
  std::string init;
  app.add_flag("--no-history", out->no_history, "Shell: keep no history of statements across sessions");
  app.add_option("--init", init, "Shell: run the statements and commands of FILE first (default: ~/.mlkgrc if it exists)");

  CLI::App* import = app.add_subcommand("import", "Load graph files, all or nothing (errors name file, line, column)");
  std::string from;
  import->add_option("files", out->files,
                     "Files or directories to load; the format comes from the extension (.pg, .json, .jsonl, "
                     ".graphml, .csv for neo4j-csv)")
      ->required();
  import->add_option("--from", from, std::string("Read every file as this format: ") + load::input_format_names());
  import->add_option("--default-type", out->default_type, "Relationship type for edges without a label")
      ->capture_default_str();
  std::string schema;
  import->add_option("--schema", schema,
                     "Check every node and relationship against this schema file (the notation is in data/schema.pg)");

  CLI::App* exp = app.add_subcommand(
      "export", "Write the whole graph, or the subgraph a query returns, in an interchange format");
  std::string to;
  exp->add_option("--to", to, std::string("Format: ") + exporter::export_format_names())->required();
  std::string output;
  exp->add_flag("--force", out->force, "Replace the output file(s) if they exist");
  exp->add_option("-o,--output", output,
                  "File to write (default: standard output); for neo4j-csv a directory (export/) or a file prefix");
  std::string export_query;
  exp->add_option("-c,--query", export_query,
                  "Export the nodes, relationships and paths this query returns (default: the whole graph); "
                  "--param binds its parameters");

  CLI::App* check = app.add_subcommand("check", "Verify the store's invariants; exit code 1 if anything is wrong");
  CLI::App* info = app.add_subcommand("info", "Counts by label and type, size and format of the database");

  try {
    app.parse(argc, argv);
    if (!from.empty() && !load::parse_input_format(from, &out->from))
      throw CLI::ValidationError("--from", "unknown format '" + from + "' (choose " + load::input_format_names() + ")");
    if (!to.empty() && !exporter::parse_export_format(to, &out->to))
      throw CLI::ValidationError("--to", "unknown format '" + to + "' (choose " + exporter::export_format_names() + ")");
    if (!format.empty()) {
      OutputFormat f;
      if (!parse_output_format(format, &f))
        throw CLI::ValidationError("--format", "unknown format '" + format + "' (choose " +
                                                   std::string(kOutputFormatNames) + ")");
      out->format = f;
    }
    if (!query.empty() && !script.empty()) throw CLI::ValidationError("-c and -f", "give one of them, not both");
    for (const std::string& p : params) {
      std::string error;
      std::optional<Param> param = parse_param_option(p, &error);
      if (!param) throw CLI::ValidationError("--param", error);
      out->params.insert_or_assign(std::move(param->name), std::move(param->value));
    }
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::cerr << "mlkg: " << e.what() << "\nRun 'mlkg --help' for usage.\n";
    return kExitUsage;
  }
  if (!db.empty()) out->db = db;
  if (!output.empty()) out->output = output;
  if (!export_query.empty()) out->export_query = export_query;
  if (!export_dir.empty()) out->export_dir = export_dir;
  out->busy_timeout = std::chrono::milliseconds(busy_timeout_ms);
  out->timeout = seconds_to_milliseconds(timeout_seconds);
  if (!max_memory.empty()) out->max_memory = parse_memory_budget(max_memory);
  if (!schema.empty()) out->schema = schema;
  if (!query.empty()) out->query = query;
  if (!script.empty()) out->script = script;
  if (!init.empty()) out->init_file = init;
  if (*import) out->command = Invocation::Command::kImport;
  else if (*exp) {
    out->command = Invocation::Command::kExport;
    // `mlkg -c QUERY export ...`: the query given before the command selects too.
    if (!out->export_query && out->query) out->export_query = std::exchange(out->query, std::nullopt);
  }
  else if (*check) out->command = Invocation::Command::kCheck;
  else if (*info) out->command = Invocation::Command::kInfo;
  else if (out->query || out->script || !isatty(STDIN_FILENO)) out->command = Invocation::Command::kScript;
  return -1;
}

}  // namespace mlkg::repl

#include "repl/command_line.hpp"

#include <iostream>

#include <CLI/CLI.hpp>

#include "repl/exit_codes.hpp"

namespace mlkg::repl {

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
      "  mlkg info                                   counts of the syllabus graph\n"
      "  mlkg --db ./g import people.pg knows.pg     load PG files into ./g (all or nothing)\n"
      "  mlkg export --to pgjsonl -o syllabus.jsonl  write the syllabus graph as PG-JSONL\n"
      "  mlkg --db ./g check                         verify the store's invariants\n\n"
      "Exit codes: 0 success, 1 a command failed, 2 usage error, 3 the database could not be opened.");

  std::string db;
  app.add_option("--db", db, "Database directory (created empty if missing); default: the syllabus graph");
  app.add_flag("--read-only", out->read_only, "Open without taking the write lock (beside another mlkg that writes)");

  CLI::App* import = app.add_subcommand("import", "Load graph files, all or nothing (errors name file, line, column)");
  std::string from;
  import->add_option("files", out->files, "Files to load; the format comes from the extension (.pg, .json, .jsonl)")
      ->required();
  import->add_option("--from", from, std::string("Read every file as this format: ") + load::input_format_names());
  import->add_option("--default-type", out->default_type, "Relationship type for edges without a label")
      ->capture_default_str();

  CLI::App* exp = app.add_subcommand("export", "Write the whole graph in an interchange format");
  std::string to;
  exp->add_option("--to", to, std::string("Format: ") + exporter::export_format_names())->required();
  std::string output;
  exp->add_option("-o,--output", output, "File to write (default: standard output)");

  CLI::App* check = app.add_subcommand("check", "Verify the store's invariants; exit code 1 if anything is wrong");
  CLI::App* info = app.add_subcommand("info", "Counts by label and type, size and format of the database");

  try {
    app.parse(argc, argv);
    if (!from.empty() && !load::parse_input_format(from, &out->from))
      throw CLI::ValidationError("--from", "unknown format '" + from + "' (choose " + load::input_format_names() + ")");
    if (!to.empty() && !exporter::parse_export_format(to, &out->to))
      throw CLI::ValidationError("--to", "unknown format '" + to + "' (choose " + exporter::export_format_names() + ")");
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::cerr << "mlkg: " << e.what() << "\nRun 'mlkg --help' for usage.\n";
    return kExitUsage;
  }
  if (!db.empty()) out->db = db;
  if (!output.empty()) out->output = output;
  if (*import) out->command = Invocation::Command::kImport;
  else if (*exp) out->command = Invocation::Command::kExport;
  else if (*check) out->command = Invocation::Command::kCheck;
  else if (*info) out->command = Invocation::Command::kInfo;
  return -1;
}

}  // namespace mlkg::repl

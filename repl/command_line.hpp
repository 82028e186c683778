#pragma once
// The mlkg command line (DESIGN.md section 5): what the user asked for,
// parsed by CLI11. Only what works today is accepted; --help lists it.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/export/graph_exporter.hpp"
#include "engine/load/graph_loader.hpp"
#include "engine/value/value.hpp"
#include "repl/result_format.hpp"

namespace mlkg::repl {

struct Invocation {
  // kShell: no command and a terminal on stdin; kScript: -c, -f, or a script
  // piped to stdin.
  enum class Command { kShell, kScript, kImport, kExport, kCheck, kInfo };
  Command command = Command::kShell;
  std::optional<std::string> db;  // --db; empty: the default (syllabus) database
  bool read_only = false;
  std::optional<std::string> export_dir;  // --export-dir: where CALL export.* may write (default: the current directory)
  std::chrono::milliseconds busy_timeout{5000};  // --busy-timeout MS: how long to wait for another writer

  // the shell
  bool no_history = false;                 // --no-history
  std::optional<std::string> init_file;    // --init FILE (else ~/.mlkgrc)

  // queries
  std::optional<std::string> query;   // -c
  std::optional<std::string> script;  // -f FILE ("-" = stdin)
  std::optional<OutputFormat> format; // --format; default: table on a terminal, plain otherwise
  ValueMap params;                    // --param NAME=LITERAL
  std::chrono::milliseconds timeout{0};  // --timeout SECONDS (0: none)
  std::optional<uint64_t> max_memory;    // --max-memory SIZE (0: no budget); unset: the engine's default

  // import
  std::vector<std::string> files;
  load::InputFormat from = load::InputFormat::kAuto;
  std::string default_type = "RELATED";
  std::optional<std::string> schema;  // --schema FILE: check the files against it

  // export
  exporter::ExportFormat to = exporter::ExportFormat::kPg;
  std::optional<std::string> output;        // -o; empty: standard output
  std::optional<std::string> export_query;  // export -c: the subgraph it returns (else the whole graph)
  bool force = false;                       // export --force: replace files that exist
};

// A number of seconds as --timeout and the shell's :timeout take it ("2.5"):
// empty unless the whole text is a number from 0 to 1e9.
std::optional<double> parse_seconds(const std::string& text);
// The seconds as whole milliseconds, rounded.
std::chrono::milliseconds seconds_to_milliseconds(double seconds);

// A statement's memory budget as --max-memory and the shell's :max-memory
// take it: a size of at least 1 MiB (parse_byte_size: "512M", "2G",
// "1.5GiB", a number of bytes), or "off" or "0" for none (0). Empty for
// anything else, a smaller size included (most likely megabytes meant).
std::optional<uint64_t> parse_memory_budget(const std::string& text);

// Parses argv. Returns -1 and fills *out when mlkg should go on; otherwise the
// exit code to stop with (0 after --help or --version, kExitUsage after a
// usage error, whose message it has printed to stderr).
int parse_command_line(int argc, char** argv, Invocation* out);

}  // namespace mlkg::repl

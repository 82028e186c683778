#pragma once
// Rendering query results: one statement's QueryResult in one of the
// `--format` output formats (DESIGN.md section 5; docs/output-formats.md has
// an example of each).
//
// Contracts common to every format:
//  - Rendering never throws on odd values (any Value, NaN, infinities,
//    unmaterialised entities, control characters, invalid UTF-8). Invalid
//    UTF-8 bytes are written as U+FFFD, one per byte, so the output is always
//    valid UTF-8.
//  - A row holds one value per column; a shorter row is rendered with nulls
//    in its missing cells and a longer row's surplus values are left out, so
//    every format stays well-formed (the executor should never produce either).
//  - A result with returns_rows false (a statement without RETURN) has no
//    columns and no rows: json writes its document with "columns": [] and
//    "rows": [] and its stats, table a line with its stats, the data formats
//    (csv, tsv, jsonl, markdown, plain) nothing.
//  - Only the table is made for a terminal: RenderOptions apply to it alone;
//    every other format writes all rows and whole values.
//  - notices are not rendered (they belong on stderr, the caller's to
//    print); elapsed_ms only in the table, when RenderOptions asks for it.

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/query/runtime/query_result.hpp"

namespace mlkg::repl {

enum class OutputFormat { kTable, kCsv, kTsv, kJson, kJsonl, kMarkdown, kPlain };

// The format names as --format and help texts spell them.
inline constexpr std::string_view kOutputFormatNames = "table|csv|tsv|json|jsonl|markdown|plain";

// Sets *out to the format called `name` (one of kOutputFormatNames, exactly,
// in lower case) and returns true; for any other name returns false and
// leaves *out unchanged.
bool parse_output_format(std::string_view name, OutputFormat* out);
// The name parse_output_format reads as `format`, and all of them in order.
std::string_view output_format_name(OutputFormat format);
std::vector<std::string> output_format_names();

// How the table is drawn (the other formats ignore these).
struct RenderOptions {
  // 0: unlimited. Otherwise the table fits in this many terminal columns:
  // wide columns are narrowed fairly (the narrow ones keep their width) and
  // values cut with a visible ellipsis. A table with so many columns that one
  // character each does not fit is drawn one character per column, wider.
  size_t max_width = 0;
  // 0: all rows. Otherwise at most this many rows, and a line under the table
  // says how many more there are.
  size_t max_rows = 0;
  // ANSI colours: a bold header and dim nulls. The caller decides (isatty, NO_COLOR).
  bool color = false;
  // ASCII frame (+, -, |) and "..." instead of box drawing and "…", for
  // terminals and logs without Unicode.
  bool ascii = false;
  // Nodes as their labels and name (or id), relationships as their type:
  // (:Service {name: 'Amazon S3'})-[:SECURES]->(...). Off: every property.
  bool compact_entities = true;
  // The row-count line ends with the statement's time: "4 rows (0.81 ms)".
  bool show_elapsed = false;
};

// "0.81 ms", "12.3 ms", "1.52 s".
std::string format_ms(double ms);

// The non-zero counts of `stats` in words, as the table's footer has them:
// "Created 2 nodes and 1 relationship, set 4 properties." ("" when none).
std::string describe_stats(const query::QueryStats& stats);

// Writes `result` to `out` in `format`; every line, the last included, ends in '\n'.
//  - json: one document on one line, {"columns": [...], "rows": [[...], ...],
//    "stats": {...}} (and "plan": "..." after stats for EXPLAIN / PROFILE).
//  - jsonl: one object per row, keyed by column name.
//  - csv: RFC 4180 with LF line ends; tsv with \t \n \r \\ escapes; plain:
//    tab-separated, nothing escaped; markdown: a GitHub table.
//  - table: a framed table, the plan (if any), then a row-count line and a
//    line with the stats in words.
void render_result(const query::QueryResult& result, OutputFormat format, std::ostream& out,
                   const RenderOptions& options = {});

}  // namespace mlkg::repl

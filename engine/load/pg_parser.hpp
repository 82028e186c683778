#pragma once
// Parsers for the PG format and its JSON forms (PG-JSON, PG-JSONL).
//
// The parsers stream: each statement is handed to a PgSink as soon as it is
// read, so a large file never needs a document model in memory. The pg::PgNode /
// pg::PgEdge objects passed to the sink are reused between calls: a sink copies
// what it keeps.
//
// Errors: a document with a syntax error yields Status::kInvalidArgument whose
// message is "<source>:<line>:<column>: <what was expected>", and fills
// *error (when given) with the same parts plus the text of the offending
// line. Statements before the error have already reached the sink; callers
// that need all-or-nothing (the loader) stage what they receive and discard it
// on error. No input, however malformed, crashes the parser.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "engine/common/status.hpp"
#include "engine/pg/pg_model.hpp"

namespace mlkg::load {

class PgSink {
 public:
  virtual ~PgSink() = default;
  // Called once per statement, in document order. A non-OK Status stops the
  // parse; parse_* then returns that Status unchanged.
  virtual Status on_node(const pg::PgNode& node) = 0;
  virtual Status on_edge(const pg::PgEdge& edge) = 0;
};

struct PgError {
  std::string source_name;
  pg::SourceLocation location;
  std::string message;    // what was expected, e.g. "expected whitespace after '->'"
  std::string line_text;  // the source line the error is on, without its line break

  // "<source>:<line>:<column>: <message>\n<line_text>\n<spaces>^"
  std::string to_string() const;
};

struct PgParseOptions {
  std::string source_name = "<input>";  // named in error messages
  // Called now and then (about every 1 MiB) with the number of bytes parsed so
  // far, for progress bars. May be empty.
  std::function<void(size_t bytes_done)> progress;
};

// Parses a PG format document held in memory. Repeated node ids are delivered
// as written (merging is the sink's business, see PgDocument); a repeated edge
// id is an error, reported at the second edge.
Status parse_pg(std::string_view text, PgSink& sink, const PgParseOptions& options = {},
                PgError* error = nullptr);

// Parses a PG-JSON document ({"nodes": [...], "edges": [...]}). Locations in
// the delivered statements are unknown ({0, 0}); errors name the JSON line and
// column where they can, else the node or edge index. All nodes are delivered
// before all edges. Missing "labels" / "properties" read as empty; unknown
// fields are an error. Repeated node ids and edge ids are handled as in
// parse_pg (delivered / an error).
Status parse_pg_json(std::string_view text, PgSink& sink, const PgParseOptions& options = {},
                     PgError* error = nullptr);

// Parses PG-JSONL: one JSON object per line, {"type": "node", ...} or
// {"type": "edge", ...}; blank lines are skipped. Locations carry the line
// number. Structure and repeated ids are handled as in parse_pg_json: a
// repeated node is delivered again, so PgDocument merges it.
Status parse_pg_jsonl(std::string_view text, PgSink& sink, const PgParseOptions& options = {},
                      PgError* error = nullptr);

// Runs PEGTL's analysis of the PG grammar (grammar/pg.hpp): returns the number
// of problems found, such as a repetition of a rule that can succeed without
// consuming input, and prints each to stderr. For tests; 0 = sound.
size_t analyze_pg_grammar();

}  // namespace mlkg::load

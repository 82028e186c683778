// libFuzzer target for the importers of other tools' formats (docs/fuzzing.md):
// neo4j-csv and GraphML.
//
// For arbitrary bytes, parse_neo4j_csv and parse_graphml must not crash, leak
// or hit undefined behaviour; a failure must be an InvalidArgument status
// whose error names a line and a column (1-based) and carries a message, and
// a document one of them accepts must hold only valid UTF-8 in its ids,
// labels and keys (what the store would be given).

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/common/utf8.hpp"
#include "engine/load/graphml_reader.hpp"
#include "engine/load/neo4j_csv_reader.hpp"
#include "engine/load/pg_document.hpp"
#include "engine/load/pg_parser.hpp"

namespace {

using mlkg::Status;
using mlkg::load::PgDocument;
using mlkg::load::PgDocumentBuilder;
using mlkg::load::PgError;
using mlkg::load::PgParseOptions;
using mlkg::load::PgSink;
using Parser = Status (*)(std::string_view, PgSink&, const PgParseOptions&, PgError*);

[[noreturn]] void fail(const char* what, std::string_view detail) {
  std::fprintf(stderr, "importer_fuzz: %s\n%.*s\n", what, static_cast<int>(detail.size()), detail.data());
  std::abort();
}

bool valid_utf8(std::string_view s) {
  bool replaced = false;
  mlkg::utf8::make_valid(s, &replaced);
  return !replaced;
}

void check(const char* format, Parser parse, std::string_view text) {
  PgDocument doc;
  PgDocumentBuilder builder(&doc);
  PgParseOptions options;
  options.source_name = format;
  PgError error;
  Status s = parse(text, builder, options, &error);
  if (!s.ok()) {
    if (s.code() != Status::Code::kInvalidArgument) fail("a failure other than InvalidArgument", s.to_string());
    if (error.location.line == 0 || error.location.column == 0 || error.message.empty())
      fail("an error without a line, a column or a message", s.to_string());
    return;
  }
  for (const auto& n : doc.nodes()) {
    if (!valid_utf8(n.id)) fail("an accepted node id is not UTF-8", n.id);
    for (const auto& l : n.labels)
      if (!valid_utf8(l)) fail("an accepted label is not UTF-8", l);
    for (const auto& p : n.properties)
      if (!valid_utf8(p.key)) fail("an accepted key is not UTF-8", p.key);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check("f.csv", mlkg::load::parse_neo4j_csv, text);
  check("f.graphml", mlkg::load::parse_graphml, text);
  return 0;
}

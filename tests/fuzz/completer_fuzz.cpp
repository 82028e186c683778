// libFuzzer target for Tab completion (docs/fuzzing.md).
//
// repl::complete reads whatever the user has typed, usually an unfinished
// statement, with a tolerant tokenizer of its own. For arbitrary bytes it must
// not crash, leak or hit undefined behaviour, and what it returns must be
// usable by the line editor: replace_from within the text, one shown text per
// candidate, no empty or duplicate candidate. Any breach aborts with the input.
//
// The vocabulary is written here (no database): labels and keys that need
// backticks, a name with a quote, aliases, several labels on a node.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "repl/completer.hpp"

namespace {

using mlkg::repl::GraphVocabulary;
using mlkg::repl::MetaCommandSpec;

const GraphVocabulary& vocabulary() {
  static const GraphVocabulary v = [] {
    GraphVocabulary g;
    g.labels = {"Concept", "Data Set", "Service", "Task"};
    g.types = {"FITS", "MENTIONS", "PART_OF", "READS FROM"};
    g.keys = {"aliases", "id", "name", "odd key", "scope", "weight"};
    g.patterns = {{"Service", "FITS", "Concept"}, {"Task", "MENTIONS", "Service"}, {"Task", "PART_OF", ""},
                  {"Data Set", "READS FROM", "Service"}};
    g.keys_by_label = {{"Service", {"aliases", "id", "name", "scope"}}, {"Task", {"id", "name", "weight"}},
                       {"Data Set", {"odd key"}}};
    g.rel_keys = {"source"};
    g.keys_by_type = {{"FITS", {"source"}}};
    g.nodes = {{"s3", "Amazon S3", {"S3", "Simple Storage Service"}, "Service"},
               {"kds", "Amazon Kinesis Data Streams", {"KDS"}, "Service"},
               {"t1.1", "Ingest and store data", {}, "Task"},
               {"", "Ada's \"note\" \\ here", {}, "Concept:Data Set"},
               {"n-ü", "", {"ü"}, ""}};
    g.functions = {"coalesce", "collect", "count", "toLower", "toUpper"};
    g.procedures = {"db.labels", "db.schema", "db.schema.nodeTypeProperties"};
    return g;
  }();
  return v;
}

const std::vector<MetaCommandSpec>& meta() {
  static const std::vector<MetaCommandSpec> m = {{":help", false}, {":source", true}, {":once", true}, {":quit", false}};
  return m;
}

[[noreturn]] void fail(const char* what, std::string_view text) {
  std::fprintf(stderr, "%s\n--- input:\n%.*s\n", what, static_cast<int>(text.size()), text.data());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Paths are completed from the file system: keep the fuzzer off it.
  if (text.find(":source") != std::string_view::npos || text.find(":once") != std::string_view::npos) return 0;
  const mlkg::repl::Completion c = mlkg::repl::complete(text, vocabulary(), meta());
  if (c.replace_from > text.size()) fail("replace_from is past the end of the text", text);
  if (c.shown.size() != c.candidates.size()) fail("shown and candidates differ in length", text);
  std::set<std::string> seen;
  for (const auto& candidate : c.candidates) {
    if (candidate.empty()) fail("an empty candidate", text);
    if (!seen.insert(candidate).second) fail("a duplicate candidate", text);
  }
  if (c.candidates.size() > 1000) fail("more candidates than the vocabulary holds", text);
  return 0;
}

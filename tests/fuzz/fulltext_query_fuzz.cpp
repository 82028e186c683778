// libFuzzer target for the full-text search-text syntax (docs/fuzzing.md).
//
// For arbitrary bytes, text::parse_fulltext_query must not crash, leak, hit
// undefined behaviour or overflow the stack. An error must name a column
// inside the text (1 to its length in characters + 1) and say something. A
// tree it accepts must keep the invariants fulltext_query.hpp promises
// (groups are empty or look for something, phrases have two terms or more at
// offsets from 0 that stay within a phrase's span, prefixes and terms are
// not empty, nesting is bounded), and must print. The bytes are also
// analysed as a document (split at '|' into several texts), whose positions
// must ascend and whose length must count its terms.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/utf8.hpp"
#include "engine/text/fulltext_document.hpp"
#include "engine/text/fulltext_query.hpp"

namespace {

using namespace mlkg::text;

[[noreturn]] void fail(const std::string& what, const std::string& input) {
  std::fprintf(stderr, "%s\n--- input:\n%s\n", what.c_str(), input.c_str());
  std::abort();
}

void check_tree(const QueryNode& n, size_t depth, const std::string& input) {
  if (depth > kMaxQueryNesting + 2) fail("the tree nests deeper than the parser allows", input);
  switch (n.kind) {
    case QueryNode::Kind::kTerm:
    case QueryNode::Kind::kPrefix:
      if (n.text.empty()) fail("an empty term or prefix", input);
      break;
    case QueryNode::Kind::kPhrase: {
      if (n.phrase.size() < 2 || n.phrase[0].second != 0) fail("a phrase of fewer than two terms, or not from 0", input);
      for (size_t i = 1; i < n.phrase.size(); ++i)
        if (n.phrase[i].second < n.phrase[i - 1].second || n.phrase[i].second >= kTextGap)
          fail("phrase offsets that go back or beyond a phrase's span", input);
      break;
    }
    case QueryNode::Kind::kBoolean: {
      bool positive = false;
      for (const QueryClause& c : n.clauses) {
        positive = positive || c.occur != Occur::kMustNot;
        check_tree(c.node, depth + 1, input);
      }
      if (!n.clauses.empty() && !positive) fail("a group of exclusions only", input);
      break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  QueryNode tree;
  QuerySyntaxError error;
  if (!parse_fulltext_query(text, &tree, &error)) {
    if (error.message.empty() || error.column < 1 || error.column > mlkg::utf8::length(text) + 1)
      fail("an error without a message or with a column outside the text: " + std::to_string(error.column), text);
  } else {
    check_tree(tree, 0, text);
    (void)to_string(tree);
  }

  std::vector<std::string_view> texts;
  std::string_view rest(text);
  for (size_t bar; (bar = rest.find('|')) != std::string_view::npos; rest.remove_prefix(bar + 1))
    texts.push_back(rest.substr(0, bar));
  texts.push_back(rest);
  const mlkg::storage::FulltextDocument doc = analyze_document(texts);
  uint64_t terms = 0;
  for (const auto& [term, positions] : doc.terms) {
    if (term.empty() || positions.empty()) fail("an empty term or one without positions", text);
    for (size_t i = 1; i < positions.size(); ++i)
      if (positions[i] < positions[i - 1]) fail("positions of a term that go back", text);
    terms += positions.size();
  }
  if (terms != doc.length) fail("a document length that is not its number of terms", text);
  return 0;
}

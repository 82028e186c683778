#include "engine/text/fulltext_document.hpp"

#include <algorithm>
#include <limits>

#include "engine/text/analyzer.hpp"

namespace mlkg::text {

namespace {

constexpr uint64_t kMaxPosition = std::numeric_limits<uint32_t>::max();

uint32_t saturate(uint64_t v) { return static_cast<uint32_t>(std::min(v, kMaxPosition)); }

}  // namespace

storage::FulltextDocument analyze_document(const std::vector<std::string_view>& texts) {
  storage::FulltextDocument doc;
  uint64_t start = 0;  // the position of the current text's first word
  uint64_t length = 0;
  bool first = true;
  for (std::string_view text : texts) {
    std::vector<Term> terms = analyze(text);
    if (terms.empty()) continue;
    if (!first) start += kTextGap;
    first = false;
    for (Term& t : terms) {
      doc.terms[std::move(t.text)].push_back(saturate(start + t.position));
      ++length;
    }
    start += static_cast<uint64_t>(terms.back().position) + 1;
  }
  doc.length = saturate(length);
  return doc;
}

namespace {

class EnglishTextAnalyzer final : public storage::TextAnalyzer {
 public:
  storage::FulltextDocument analyze(const std::vector<std::string_view>& texts) const override {
    return analyze_document(texts);
  }
};

}  // namespace

std::shared_ptr<const storage::TextAnalyzer> english_text_analyzer() {
  static const auto analyzer = std::make_shared<const EnglishTextAnalyzer>();
  return analyzer;
}

}  // namespace mlkg::text

#pragma once
// Queries shown in a Markdown document with their answers: each ```cypher
// block, and the Markdown table right under it (if any). Tests run them and
// compare, so a document cannot drift from what mlkg answers.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/database.hpp"
#include "engine/common/query_error.hpp"
#include "repl/result_format.hpp"

namespace mlkg::test {

struct DocQuery {
  size_t line = 0;       // 1-based line of the ```cypher fence
  std::string section;   // the "## " heading it is under
  std::string subsection;  // the "### " heading it is under, if any (within the section)
  std::string text;      // the statement, without its final ';'
  std::string expected;  // the table lines after it, each ending in '\n'
};

inline std::vector<DocQuery> read_doc_queries(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::vector<DocQuery> out;
  std::string section, subsection;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].rfind("## ", 0) == 0) {
      section = lines[i].substr(3);
      subsection.clear();
    }
    if (lines[i].rfind("### ", 0) == 0) subsection = lines[i].substr(4);
    if (lines[i] != "```cypher") continue;
    DocQuery q;
    q.line = i + 1;
    q.section = section;
    q.subsection = subsection;
    size_t j = i + 1;
    for (; j < lines.size() && lines[j] != "```"; ++j) q.text += (q.text.empty() ? "" : "\n") + lines[j];
    while (!q.text.empty() && (q.text.back() == ';' || q.text.back() == ' ')) q.text.pop_back();
    ++j;
    while (j < lines.size() && lines[j].empty()) ++j;
    for (; j < lines.size() && lines[j].rfind("|", 0) == 0; ++j) q.expected += lines[j] + "\n";
    out.push_back(q);
    i = j - 1;
  }
  return out;
}

// What `text` returns on `db` as the docs show it: a Markdown table, or
// "error: ..." when it fails.
inline std::string markdown_answer(Database& db, const std::string& text) {
  try {
    auto result = db.execute(text);
    std::ostringstream rendered;
    repl::render_result(result, repl::OutputFormat::kMarkdown, rendered);
    return rendered.str();
  } catch (const query::QueryError& e) {
    return std::string("error: ") + e.what() + "\n";
  }
}

// Runs every example of the document at `path` that `selected` picks on `db`
// and checks that it returns the table shown under it (on a mismatch the
// message holds the table it returns now, ready to paste). Returns how many
// examples ran.
template <class Selected>
size_t check_doc_examples(const std::string& path, Database& db, Selected selected) {
  size_t examples = 0;
  for (const auto& q : read_doc_queries(path)) {
    if (!selected(q)) continue;
    ++examples;
    INFO(path << ":" << q.line << "\n" << q.text);
    CHECK_FALSE(q.expected.empty());
    const std::string actual = markdown_answer(db, q.text);
    INFO("it returns now:\n" << actual);
    CHECK(actual == q.expected);
  }
  return examples;
}

}  // namespace mlkg::test

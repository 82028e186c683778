// docs/query-language.md, "shortestPath and allShortestPaths" and "Patterns in
// expressions": every ```cypher example there is followed by the Markdown
// table it returns on the bundled syllabus graph; this test runs each and
// compares (on a mismatch it prints the table the query returns now).

#include <catch2/catch.hpp>

#include "support/doc_queries.hpp"
#include "support/syllabus_db.hpp"

using namespace mlkg;

TEST_CASE("docs/query-language.md: the shortest path and pattern expression examples return the tables shown",
          "[query][docs]") {
  const std::string path = std::string(MLKG_SOURCE_DIR) + "/docs/query-language.md";
  const size_t examples = test::check_doc_examples(path, test::syllabus_db(), [](const test::DocQuery& q) {
    return q.subsection == "shortestPath and allShortestPaths" || q.subsection == "Patterns in expressions";
  });
  CHECK(examples == 7);
}

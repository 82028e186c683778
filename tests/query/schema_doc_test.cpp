// docs/query-language.md, "Schema: indexes and constraints": its ```cypher
// examples run in order on a copy of the bundled syllabus graph (they
// create and drop indexes, so not on the shared one), and each that shows a
// table must return it (on a mismatch the test prints the table the query
// returns now, ready to paste).

#include <catch2/catch.hpp>

#include "support/doc_queries.hpp"
#include "support/syllabus_db.hpp"
#include "support/temp_dir.hpp"

using namespace mlkg;

TEST_CASE("docs/query-language.md: the schema examples run in order and return the tables shown",
          "[schema][docs]") {
  test::TempDir dir;
  auto db = test::scratch_syllabus_db(dir.sub("syllabus"));

  size_t examples = 0;
  for (const auto& q : test::read_doc_queries(std::string(MLKG_SOURCE_DIR) + "/docs/query-language.md")) {
    if (q.section != "Schema: indexes and constraints") continue;
    ++examples;
    INFO("docs/query-language.md:" << q.line << "\n" << q.text);
    const std::string actual = test::markdown_answer(*db, q.text);
    INFO("it returns now:\n" << actual);
    CHECK(actual.rfind("error: ", 0) == std::string::npos);
    if (!q.expected.empty()) CHECK(actual == q.expected);
  }
  CHECK(examples >= 6);
  // The examples drop what they create.
  CHECK(db->execute("SHOW INDEXES").rows.size() == 1);
}

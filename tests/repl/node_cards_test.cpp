// :show and :compare: finding a node from what a user types, its card, and
// two nodes side by side, on the syllabus graph.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/common/utf8.hpp"
#include "repl/node_cards.hpp"
#include "support/syllabus_db.hpp"

namespace mlkg::repl {
namespace {

std::vector<std::string> keys(const std::vector<NodeMatch>& found) {
  std::vector<std::string> out;
  for (const auto& m : found) out.push_back(m.key);
  return out;
}

TEST_CASE("node cards: an id, a name or an alias in any case finds one node", "[cards]") {
  Database& db = test::syllabus_db();
  CHECK(keys(find_nodes(db, "kds")) == std::vector<std::string>{"kinesis-data-streams"});
  CHECK(keys(find_nodes(db, "Amazon Kinesis Data Streams")) == std::vector<std::string>{"kinesis-data-streams"});
  CHECK(keys(find_nodes(db, "SAGEMAKER-CLARIFY")) == std::vector<std::string>{"sagemaker-clarify"});
  CHECK(keys(find_nodes(db, "t1.1")) == std::vector<std::string>{"t1.1"});
  // part of a name: several, services first ("kinesis" itself is an id: exact)
  CHECK(keys(find_nodes(db, "kinesis")) == std::vector<std::string>{"kinesis"});
  auto several = find_nodes(db, "inference");
  REQUIRE(several.size() >= 3);
  CHECK(several[0].label == "Service");
  CHECK(find_nodes(db, "zzzz-nothing").empty());
  CHECK(find_nodes(db, "  ").empty());
  CHECK(find_nodes(db, "a", 4).size() == 4);
}

TEST_CASE("node cards: a card shows properties, then neighbours by relationship", "[cards]") {
  Database& db = test::syllabus_db();
  const uint64_t id = find_nodes(db, "firehose").at(0).id;
  const std::string card = node_card(db, id, 100, 3);
  INFO(card);
  CHECK(card.starts_with("Amazon Data Firehose  (:Service firehose)\n"));
  CHECK(card.find("  summary: ") != std::string::npos);
  CHECK(card.find("  -FITS-> (") != std::string::npos);
  CHECK(card.find("  -DELIVERS_TO-> (") != std::string::npos);
  CHECK(card.find("      Amazon S3\n") != std::string::npos);
  CHECK(card.find("... ") != std::string::npos);  // a group longer than 3 says how many more
  for (size_t start = 0, end; (end = card.find('\n', start)) != std::string::npos; start = end + 1)
    CHECK(utf8::length(card.substr(start, end - start)) <= 100);
}

TEST_CASE("node cards: two services compared share some relationships", "[cards]") {
  Database& db = test::syllabus_db();
  const std::string text = compare_nodes(db, find_nodes(db, "glue").at(0).id, find_nodes(db, "emr").at(0).id, 100);
  INFO(text);
  CHECK(text.starts_with("A: AWS Glue  (:Service glue)\nB: Amazon EMR  (:Service emr)\n"));
  CHECK(text.find("  scope ") != std::string::npos);
  const size_t both = text.find("Both ("), only_a = text.find("Only A ("), only_b = text.find("Only B (");
  REQUIRE(both != std::string::npos);
  REQUIRE(only_a != std::string::npos);
  REQUIRE(only_b != std::string::npos);
  const size_t category = text.find("-IN_CATEGORY-> Analytics");
  CHECK((category > both && category < only_a));
}

}  // namespace
}  // namespace mlkg::repl

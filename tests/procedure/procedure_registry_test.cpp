// The extension API: typed signatures and the per-Database registry
// (engine/procedure).

#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "engine/database.hpp"
#include "engine/procedure/field_type.hpp"
#include "engine/procedure/procedure_registry.hpp"
#include "support/temp_dir.hpp"

using namespace mlkg;
using procedure::FieldType;
using Kind = procedure::FieldType::Kind;

TEST_CASE("procedure types: names, parsing, what they accept and coerce", "[procedure]") {
  CHECK(procedure::types::kString.name() == "STRING");
  CHECK(procedure::types::kMap.or_null().name() == "MAP?");
  CHECK(procedure::types::kListOfNode.name() == "LIST<NODE>");
  for (const char* text : {"STRING", "INTEGER?", "LIST<STRING>?", "ANY", "NUMBER", "PATH"})
    CHECK(FieldType::parse(text)->name() == text);
  CHECK(FieldType::parse(" float? ")->name() == "FLOAT?");
  CHECK_FALSE(FieldType::parse("TEXT").has_value());
  CHECK_FALSE(FieldType::parse("LIST<LIST<INTEGER>>").has_value());

  CHECK(procedure::types::kNumber.accepts(Value(1)));
  CHECK(procedure::types::kNumber.accepts(Value(1.5)));
  CHECK_FALSE(procedure::types::kInteger.accepts(Value(1.5)));
  CHECK(procedure::types::kFloat.accepts(Value(2)));
  CHECK(procedure::types::kFloat.coerce(Value(2)) == Value(2.0));
  CHECK(procedure::types::kInteger.coerce(Value(2)) == Value(2));
  CHECK_FALSE(procedure::types::kString.accepts(Value()));
  CHECK(procedure::types::kString.or_null().accepts(Value()));
  CHECK(procedure::types::kAny.accepts(Value()));
  CHECK(procedure::types::kListOfString.accepts(Value(ValueList{Value("a"), Value()})));
  CHECK_FALSE(procedure::types::kListOfString.accepts(Value(ValueList{Value("a"), Value(1)})));
}

TEST_CASE("procedure registry: found in any case, replaced by name, listed in order", "[procedure]") {
  procedure::ProcedureRegistry r;
  auto body = [](std::span<const Value>, procedure::ProcedureContext&, procedure::RowSink& out) {
    out.emit({Value("first")});
  };
  r.add({{"my.Proc", {}, {{"x", procedure::types::kString}}, "one"}, body});
  r.add({{"a.first", {}, {}, "two"}, body});
  REQUIRE(r.find("MY.PROC") != nullptr);
  CHECK(r.find("my.proc")->signature.description == "one");
  r.add({{"MY.proc", {}, {}, "replaced"}, body});
  CHECK(r.size() == 2);
  CHECK(r.find("my.Proc")->signature.description == "replaced");
  CHECK(r.find("nope") == nullptr);
  CHECK(r.all().front()->signature.name == "a.first");
}

TEST_CASE("procedure registry: each Database has its own, and an embedder adds to it", "[procedure]") {
  test::TempDir a, b;
  std::unique_ptr<Database> one, two;
  REQUIRE(Database::open(a.path() + "/db", storage::OpenOptions{}, &one).ok());
  REQUIRE(Database::open(b.path() + "/db", storage::OpenOptions{}, &two).ok());
  CHECK(one->procedures().find("algo.pageRank") != nullptr);
  CHECK(one->procedures().find("kg.fit") != nullptr);

  one->add_procedure({{"my.answer",
                       {{"x", procedure::types::kInteger}},
                       {{"answer", procedure::types::kInteger}},
                       "x plus one, once per row it is given"},
                      [](std::span<const Value> args, procedure::ProcedureContext&, procedure::RowSink& out) {
                        out.emit({Value(args[0].as_int() + 1)});
                      }});
  query::QueryResult r = one->execute("UNWIND [1, 41] AS x CALL my.answer(x) YIELD answer RETURN answer");
  REQUIRE(r.rows.size() == 2);
  CHECK(r.rows[1][0] == Value(42));
  // The other Database does not have it.
  CHECK(two->procedures().find("my.answer") == nullptr);
  CHECK_THROWS_WITH(two->execute("CALL my.answer(1)"), Catch::Contains("ProcedureNotFound"));
  // Its argument type is checked before the query runs.
  CHECK_THROWS_WITH(one->execute("CALL my.answer('x')"),
                    "SyntaxError: InvalidArgumentType: the argument `x` of my.answer must be INTEGER, got 'x'");
}

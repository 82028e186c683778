// Query parameters as the user sets them: --param NAME=LITERAL and the name
// of :param NAME LITERAL (repl/params.hpp). tests/fuzz/param_fuzz.cpp tries
// them on any bytes; these are the cases it is about.

#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "repl/params.hpp"

namespace mlkg::repl {
namespace {

std::optional<Param> parse(const std::string& text, std::string* error) {
  error->clear();
  std::optional<Param> p = parse_param_option(text, error);
  CHECK(p.has_value() == error->empty());
  return p;
}

TEST_CASE("params: --param NAME=LITERAL binds the name $NAME refers to, with any '$' and spaces around it dropped", "[repl][params]") {
  std::string error;
  auto p = parse("ids=['s3', 'glue']", &error);
  REQUIRE(p);
  CHECK(p->name == "ids");
  CHECK(p->value == Value(ValueList{Value("s3"), Value("glue")}));
  // As the shell's :param does, a '$' before the name is not part of it, and
  // neither are spaces: both bound a parameter no query could name.
  p = parse("$x=1", &error);
  REQUIRE(p);
  CHECK(p->name == "x");
  p = parse(" n = 3 ", &error);
  REQUIRE(p);
  CHECK(p->name == "n");
  CHECK(p->value == Value(3));
  // The first '=' splits: the rest is the literal.
  p = parse("s='a=b'", &error);
  REQUIRE(p);
  CHECK(p->value == Value("a=b"));
  // A name with spaces inside is one ($`odd name` refers to it).
  p = parse("odd name=true", &error);
  REQUIRE(p);
  CHECK(p->name == "odd name");
}

TEST_CASE("params: --param with no name, no '=', or a value that is not a literal is an error that says so", "[repl][params]") {
  std::string error;
  CHECK_FALSE(parse("n", &error));
  CHECK(error == "expected NAME=LITERAL, got 'n'");
  CHECK_FALSE(parse("=3", &error));
  CHECK(error == "expected NAME=LITERAL, got '=3': a parameter needs a name");
  CHECK_FALSE(parse("$ =3", &error));
  CHECK(error == "expected NAME=LITERAL, got '$ =3': a parameter needs a name");
  CHECK_FALSE(parse("n=", &error));
  CHECK(error.rfind("the value of 'n' is not a Cypher literal: ", 0) == 0);
  CHECK_FALSE(parse("n=m.name", &error));
  CHECK(error.rfind("the value of 'n' is not a Cypher literal: ", 0) == 0);
  // A name that is not UTF-8 could never be named in a query.
  CHECK_FALSE(parse("\xff=1", &error));
  CHECK(error == "expected NAME=LITERAL, got '\xEF\xBF\xBD=1': the parameter name '\xEF\xBF\xBD' is not UTF-8 "
                 "(shown with U+FFFD for the bytes that are not)");
}

TEST_CASE("params: the name of :param, with or without its '$'", "[repl][params]") {
  std::string error;
  CHECK(param_name("task", &error) == "task");
  CHECK(param_name("$task", &error) == "task");
  CHECK(param_name("$$task", &error) == "$task");  // one '$' is dropped: $`$task` refers to it
  CHECK_FALSE(param_name("$", &error));           // used to set the parameter with no name
  CHECK(error == "a parameter needs a name");
  CHECK_FALSE(param_name("", &error));
}

}  // namespace
}  // namespace mlkg::repl

// libFuzzer target for the openCypher parser (docs/fuzzing.md).
//
// For arbitrary bytes: parse_script, parse_literal and find_statement_end
// must not crash, leak, overflow the stack or hit undefined behaviour; every
// error must be a SyntaxError with a line and column, and format_error must
// render it. Whatever parse_script accepts is written back with
// ast::to_string, which must parse again to the same text (a fixed point),
// and ast::clone of the query must write the same text. Any mismatch aborts
// with both sides.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/query/parser/ast.hpp"
#include "engine/query/parser/parser.hpp"

namespace {

using mlkg::query::QueryError;

[[noreturn]] void fail(const char* what, std::string_view input, const std::string& detail) {
  std::fprintf(stderr, "cypher_parser_fuzz: %s\ninput: %.*s\n%s\n", what, static_cast<int>(input.size()),
               input.data(), detail.c_str());
  std::abort();
}

void check_error(const QueryError& e, std::string_view input) {
  if (e.class_name() != "SyntaxError" || e.code_name().empty() || e.position().line == 0 ||
      e.position().column == 0 || e.position().offset > input.size()) {
    fail("malformed error", input, e.what());
  }
  (void)mlkg::query::format_error(e, input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  try {
    for (const auto& statement : mlkg::query::parse_script(input)) {
      const std::string text = mlkg::query::ast::to_string(statement);
      std::string again;
      try {
        const auto reparsed = mlkg::query::parse_script(text);
        if (reparsed.size() != 1) fail("to_string is not one statement", input, text);
        again = mlkg::query::ast::to_string(reparsed[0]);
      } catch (const QueryError& e) {
        fail("to_string does not parse", input, text + "\nerror: " + e.what());
      }
      if (again != text) fail("to_string is not a fixed point", input, "first:  " + text + "\nsecond: " + again);
      const std::string copy = mlkg::query::ast::to_string(mlkg::query::ast::clone(statement.query));
      if (copy != mlkg::query::ast::to_string(statement.query)) fail("clone differs", input, copy);
    }
  } catch (const QueryError& e) {
    check_error(e, input);
  }
  try {
    (void)mlkg::query::parse_literal(input);
  } catch (const QueryError& e) {
    check_error(e, input);
  }
  const size_t end = mlkg::query::find_statement_end(input);
  if (end != std::string_view::npos && (end == 0 || end > size || input[end - 1] != ';')) {
    fail("find_statement_end out of place", input, std::to_string(end));
  }
  return 0;
}

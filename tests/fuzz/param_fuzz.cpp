// Fuzz target for query parameters as the user sets them (docs/fuzzing.md):
// `--param NAME=LITERAL` (repl::parse_param_option), the name of the shell's
// `:param NAME LITERAL` (repl::param_name), and the Cypher literal both read
// (query::parse_literal).
//
// For arbitrary bytes, none of them may crash, leak, hang or hit undefined
// behaviour, and each either fails with a message (a literal: a SyntaxError
// with a code and a place inside the text) or gives:
//  - a value that round-trips: written with Value::to_literal (what :params
//    shows) and read again, it is the same value (same types: 1 and 1.0
//    differ), and written again, the same text; every string in it, and
//    every map key, is UTF-8;
//  - a name that a query can refer to: `RETURN $<name>` (in backticks when it
//    needs them) parses to that parameter; it has no spaces around it.
// Any breach aborts with the input.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "engine/common/query_error.hpp"
#include "engine/common/utf8.hpp"
#include "engine/query/parser/ast.hpp"
#include "engine/query/parser/parser.hpp"
#include "repl/params.hpp"

namespace {

using mlkg::Value;
using mlkg::query::QueryError;

[[noreturn]] void fail(const char* what, std::string_view input, const std::string& detail) {
  std::fprintf(stderr, "param_fuzz: %s\ninput: %.*s\n%s\n", what, static_cast<int>(input.size()), input.data(),
               detail.c_str());
  std::abort();
}

bool utf8(std::string_view s) {
  bool replaced = false;
  mlkg::utf8::make_valid(s, &replaced);
  return !replaced;
}

bool all_utf8(const Value& v) {
  if (v.is_string()) return utf8(v.as_string());
  if (v.is_list()) {
    for (const auto& e : v.as_list())
      if (!all_utf8(e)) return false;
  }
  if (v.is_map()) {
    for (const auto& [k, e] : v.as_map())
      if (!utf8(k) || !all_utf8(e)) return false;
  }
  return true;
}

void check_literal_error(const QueryError& e, std::string_view text, std::string_view input) {
  if (e.class_name() != "SyntaxError" || e.code_name().empty() || e.message().empty() || e.position().line == 0 ||
      e.position().column == 0 || e.position().offset > text.size()) {
    fail("a literal's error without a code, a message or a place in the text", input, e.what());
  }
  (void)mlkg::query::format_error(e, text);
}

void check_value(const Value& v, std::string_view input) {
  if (!all_utf8(v)) fail("a string or key of the value is not UTF-8", input, v.to_literal());
  const std::string written = v.to_literal();
  Value again;
  try {
    again = mlkg::query::parse_literal(written);
  } catch (const QueryError& e) {
    fail("the value, written as a literal, does not read back", input, written + "\nerror: " + e.what());
  }
  if (!(again == v)) fail("the value reads back different", input, "written: " + written + "\nread:    " + again.to_literal());
  if (again.to_literal() != written) fail("the literal is not a fixed point", input, written + "\n" + again.to_literal());
}

// `$name` in a query is the parameter `name`.
void check_name(const std::string& name, std::string_view input) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  if (name.empty() || !utf8(name) || space(name.front()) || space(name.back()))
    fail("a parameter name no query can use", input, name);
  const std::string query = "RETURN $" + mlkg::quote_cypher_name(name);
  try {
    const auto statements = mlkg::query::parse_script(query);
    const auto& items = statements.at(0).query.parts.at(0).clauses.at(0).projection.items;
    const auto& expr = *items.at(0).expr;
    if (expr.kind != mlkg::query::ast::ExprKind::kParameter || expr.name != name)
      fail("$name refers to another parameter", input, query + "\nrefers to: " + expr.name);
  } catch (const QueryError& e) {
    fail("$name does not parse", input, query + "\nerror: " + e.what());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  // The input as a literal (the LITERAL of :param, after its name).
  try {
    check_value(mlkg::query::parse_literal(input), input);
  } catch (const QueryError& e) {
    check_literal_error(e, input, input);
  }

  // As --param's NAME=LITERAL.
  std::string error;
  if (const std::optional<mlkg::repl::Param> p = mlkg::repl::parse_param_option(input, &error)) {
    check_name(p->name, input);
    check_value(p->value, input);
  } else if (error.empty()) {
    fail("--param failed without a message", input, "");
  }

  // As a name (the NAME of :param, or what comes before --param's '=').
  error.clear();
  if (const std::optional<std::string> name = mlkg::repl::param_name(input, &error)) {
    check_name(*name, input);
  } else if (error.empty()) {
    fail("a name was refused without a message", input, "");
  }
  return 0;
}

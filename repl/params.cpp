#include "repl/params.hpp"

#include "engine/common/query_error.hpp"
#include "engine/common/utf8.hpp"
#include "engine/query/parser/parser.hpp"

namespace mlkg::repl {

std::optional<std::string> param_name(std::string_view written, std::string* error) {
  const auto trim = [](std::string_view s) {
    const size_t a = s.find_first_not_of(" \t\r\n");
    if (a == std::string_view::npos) return std::string_view();
    return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
  };
  std::string_view name = trim(written);
  if (!name.empty() && name[0] == '$') name = trim(name.substr(1));
  if (name.empty()) {
    *error = "a parameter needs a name";
    return std::nullopt;
  }
  bool replaced = false;
  const std::string valid = utf8::make_valid(name, &replaced);
  if (replaced) {
    *error = "the parameter name '" + valid + "' is not UTF-8 (shown with U+FFFD for the bytes that are not)";
    return std::nullopt;
  }
  return std::string(name);
}

std::optional<Param> parse_param_option(std::string_view text, std::string* error) {
  const size_t eq = text.find('=');
  if (eq == std::string_view::npos) {
    *error = "expected NAME=LITERAL, got '" + utf8::make_valid(text) + "'";
    return std::nullopt;
  }
  std::optional<std::string> name = param_name(text.substr(0, eq), error);
  if (!name) {
    *error = "expected NAME=LITERAL, got '" + utf8::make_valid(text) + "': " + *error;
    return std::nullopt;
  }
  Value value;
  try {
    value = query::parse_literal(text.substr(eq + 1));
  } catch (const query::QueryError& e) {
    *error = "the value of '" + *name + "' is not a Cypher literal: " + e.message();
    return std::nullopt;
  }
  return Param{std::move(*name), std::move(value)};
}

}  // namespace mlkg::repl

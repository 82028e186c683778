#pragma once
// Query parameters as the user sets them: `--param NAME=LITERAL` on the
// command line (docs/cli.md) and `:param NAME LITERAL` in the shell
// (docs/shell.md). The value is a Cypher literal (query::parse_literal); the
// name is the one `$NAME` in a query refers to.

#include <optional>
#include <string>
#include <string_view>

#include "engine/value/value.hpp"

namespace mlkg::repl {

// The name `$NAME` refers to, from NAME or $NAME as written, spaces around it
// dropped. Empty, with *error saying why, when no name is left or it is not
// UTF-8 (no query could name it).
std::optional<std::string> param_name(std::string_view written, std::string* error);

struct Param {
  std::string name;
  Value value;
};

// --param's NAME=LITERAL, split at the first '='. Empty, with *error saying
// why, when there is no '=', the name is not one (param_name) or the value is
// not a Cypher literal.
std::optional<Param> parse_param_option(std::string_view text, std::string* error);

}  // namespace mlkg::repl

#pragma once
// Pictures (SVG, PNG) through Graphviz's `dot` program, from the DOT writer's
// text. Graphviz is optional: without it these formats fail with a message
// that says how to get it, and `dot` (the text) still works.

#include <ostream>
#include <string>
#include <string_view>

#include "engine/common/status.hpp"

namespace mlkg::exporter {

// The path of the `dot` program: $MLKG_DOT if set, else the first `dot` on
// $PATH that is executable; empty if there is none.
std::string find_graphviz_dot();

// Runs `dot -T<format>` (format: "svg" or "png") on `dot_text` and writes the
// picture to `out`. Fails (kNotSupported) when `dot_program` is empty, and
// (kIOError) when dot fails, with what it printed. What dot prints as warnings
// while succeeding goes to *warnings (may be null). Blocks until dot exits;
// uses temporary files, so no pipe can fill up.
Status render_dot(std::string_view dot_text, std::string_view format, std::ostream& out, std::string* warnings,
                  const std::string& dot_program);

}  // namespace mlkg::exporter

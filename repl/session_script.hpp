#pragma once
// A script as a QuerySession runs it: openCypher statements, and between
// them the transaction commands, which are not openCypher:
//
//   BEGIN [TRANSACTION] [READ ONLY]
//   COMMIT [TRANSACTION]
//   ROLLBACK [TRANSACTION]
//
// A command is a statement of its own (ended by ';' like the others, or by
// the end of the text), in any case, with comments and whitespace anywhere
// between its words. No Cypher statement begins with these words, so
// nothing that parsed before means anything else now.

#include <string_view>
#include <vector>

#include "engine/common/query_error.hpp"
#include "engine/query/parser/ast.hpp"

namespace mlkg::repl {

struct ScriptStep {
  enum class Kind { kStatement, kBegin, kBeginReadOnly, kCommit, kRollback };
  Kind kind = Kind::kStatement;
  query::ast::Statement statement;  // kStatement
  query::SourcePosition position;   // where the step's first word is in the whole text
};

// The steps of `text`, in order. Throws QueryError (SyntaxError) on the
// first syntax error of any statement, its position in the whole text, so
// a script with one runs nothing.
std::vector<ScriptStep> parse_session_script(std::string_view text);

}  // namespace mlkg::repl

#include "repl/session_script.hpp"

#include <optional>
#include <string>
#include <vector>

#include "engine/query/parser/parser.hpp"

namespace mlkg::repl {

namespace {

using Kind = ScriptStep::Kind;

bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// The command `statement` (one statement's text, without its ';') is, if it
// is one; `*first_word` is then the offset of its first word.
std::optional<Kind> command_in(std::string_view statement, size_t* first_word) {
  std::vector<std::string> words;
  size_t i = query::skip_blank(statement, 0);
  *first_word = i;
  while (i < statement.size()) {
    if (!is_letter(statement[i])) return std::nullopt;
    std::string word;
    while (i < statement.size() && is_letter(statement[i]))
      word += static_cast<char>(statement[i++] & ~0x20);  // ASCII upper case
    words.push_back(std::move(word));
    if (words.size() > 5) return std::nullopt;
    const size_t next = query::skip_blank(statement, i);
    if (next == i && i < statement.size()) return std::nullopt;  // "BEGIN1", "COMMIT("
    i = next;
  }
  if (words.empty()) return std::nullopt;
  const std::string& verb = words[0];
  size_t at = 1;
  if (at < words.size() && words[at] == "TRANSACTION") ++at;
  const bool read_only = at + 2 == words.size() && words[at] == "READ" && words[at + 1] == "ONLY";
  if (verb == "BEGIN" && read_only) return Kind::kBeginReadOnly;
  if (at != words.size()) return std::nullopt;
  if (verb == "BEGIN") return Kind::kBegin;
  if (verb == "COMMIT") return Kind::kCommit;
  if (verb == "ROLLBACK") return Kind::kRollback;
  return std::nullopt;
}

}  // namespace

std::vector<ScriptStep> parse_session_script(std::string_view text) {
  // The commands are found statement by statement and blanked out of the
  // text the parser reads (newlines kept), so that its errors point into the
  // whole text and a syntax error anywhere is found before anything runs.
  std::string cypher(text);
  std::vector<ScriptStep> commands;
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = query::find_statement_end(text.substr(start));
    const size_t stop = end == std::string_view::npos ? text.size() : start + end;
    std::string_view statement = text.substr(start, stop - start);
    if (end != std::string_view::npos) statement.remove_suffix(1);  // its ';'
    size_t word = 0;
    if (std::optional<Kind> kind = command_in(statement, &word)) {
      for (size_t i = start; i < stop; ++i)
        if (cypher[i] != '\n' && cypher[i] != '\r') cypher[i] = ' ';
      ScriptStep step;
      step.kind = *kind;
      step.position = query::position_in(text, start + word);
      commands.push_back(std::move(step));
    }
    if (end == std::string_view::npos) break;
    start = stop;
  }

  std::vector<ScriptStep> steps;
  auto next_command = commands.begin();
  for (query::ast::Statement& statement : query::parse_script(cypher)) {
    for (; next_command != commands.end() && next_command->position.offset < statement.position.offset; ++next_command)
      steps.push_back(std::move(*next_command));
    ScriptStep step;
    step.position = statement.position;
    step.statement = std::move(statement);
    steps.push_back(std::move(step));
  }
  for (; next_command != commands.end(); ++next_command) steps.push_back(std::move(*next_command));
  return steps;
}

}  // namespace mlkg::repl

#pragma once
// LineEditor: the shell's terminal input, on libedit (BSD editline).
//
// Emacs key bindings, history across sessions, Ctrl-R incremental search,
// Tab completion through a callback, and Ctrl-C as a key: while a line is
// being edited the terminal does not turn Ctrl-C into SIGINT, so it clears
// the line and read_line reports kInterrupted. Outside read_line (while a
// statement runs) the terminal is in its normal mode and Ctrl-C raises
// SIGINT as usual, which the shell uses to cancel the statement.
//
// A user's ~/.editrc is read for extra bindings (program name "mlkg").
// Only one LineEditor may exist at a time (libedit callbacks are global).

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mlkg::repl {

class LineEditor {
 public:
  // What Tab may put in place of the text before the cursor: each
  // replacement replaces text[replace_from, end of text).
  struct Candidates {
    size_t replace_from = 0;
    std::vector<std::string> replacements;
    std::vector<std::string> shown;  // what a list of them shows (parallel to replacements; may be empty)
  };
  // Called with everything typed for the statement up to the cursor: the
  // earlier lines (the `context` given to read_line) and the current line.
  using Completer = std::function<Candidates(std::string_view text)>;

  enum class Input { kLine, kInterrupted, kEnd };

  // `history_path` empty: history only for this session. Otherwise entries
  // are loaded from it and saved to it after each remember(); it is created
  // with mode 0600 (statements may hold parameters or data).
  LineEditor(std::string history_path, Completer completer);
  ~LineEditor();
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  // Shows `prompt` and reads one line, returned without its line end.
  // `context` is the statement's earlier lines, for completion.
  Input read_line(const std::string& prompt, std::string_view context, std::string* line);

  // Adds a whole statement (several lines kept as one entry) to the history.
  void remember(const std::string& statement);
  // The history, oldest first.
  std::vector<std::string> history() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mlkg::repl

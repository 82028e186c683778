#include "repl/line_editor.hpp"

#include <fcntl.h>
#include <histedit.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <clocale>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace mlkg::repl {

namespace {

constexpr int kHistorySize = 2000;
// A list longer than this is cut, with a line saying how many were left out.
constexpr size_t kMaxListed = 200;

// The number of UTF-8 code points in s (libedit deletes characters, not bytes).
int code_points(std::string_view s) {
  int n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

size_t display_width(std::string_view s) { return static_cast<size_t>(code_points(s)); }

size_t terminal_columns() {
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

std::string common_prefix(const std::vector<std::string>& items) {
  if (items.empty()) return "";
  std::string prefix = items[0];
  for (const auto& s : items) {
    size_t i = 0;
    while (i < prefix.size() && i < s.size() && prefix[i] == s[i]) ++i;
    prefix.resize(i);
  }
  // Never end inside a UTF-8 sequence.
  while (!prefix.empty() && (static_cast<unsigned char>(prefix.back()) & 0xC0) == 0x80) prefix.pop_back();
  if (!prefix.empty() && (static_cast<unsigned char>(prefix.back()) & 0xC0) == 0xC0) prefix.pop_back();
  return prefix;
}

// Prints `items` in columns that fit the terminal, as shells do.
void list_in_columns(const std::vector<std::string>& items) {
  const size_t listed = std::min(items.size(), kMaxListed);
  size_t widest = 1;
  for (size_t i = 0; i < listed; ++i) widest = std::max(widest, display_width(items[i]));
  const size_t width = widest + 2;
  const size_t columns = std::max<size_t>(1, terminal_columns() / width);
  const size_t rows = (listed + columns - 1) / columns;
  std::string out = "\n";
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < columns; ++c) {
      const size_t i = c * rows + r;  // down the columns, like ls
      if (i >= listed) break;
      out += items[i];
      if (c + 1 < columns && (c + 1) * rows + r < listed) out.append(width - display_width(items[i]), ' ');
    }
    out += '\n';
  }
  if (items.size() > listed) {
    out += '(';  // appended piece by piece: g++ 12 warns (-Wrestrict) about "(" + std::string
    out += std::to_string(items.size() - listed);
    out += " more; type more letters)\n";
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
}

}  // namespace

struct LineEditor::Impl {
  EditLine* el = nullptr;
  History* hist = nullptr;
  std::string history_path;
  Completer completer;
  std::string prompt;
  std::string_view context;  // the statement's earlier lines, during read_line
  bool interrupted = false;
  std::string dropped;  // the line Ctrl-C dropped

  static Impl* of(EditLine* el) {
    void* data = nullptr;
    el_get(el, EL_CLIENTDATA, &data);
    return static_cast<Impl*>(data);
  }

  static const char* prompt_of(EditLine* el) { return of(el)->prompt.c_str(); }

  // Ctrl-C while editing: drop the line.
  static unsigned char on_interrupt(EditLine* el, int) {
    Impl* self = of(el);
    self->interrupted = true;
    const LineInfo* li = el_line(el);
    self->dropped.assign(li->buffer, static_cast<size_t>(li->lastchar - li->buffer));
    return CC_NEWLINE;
  }

  // Tab: insert the one candidate, or what all candidates share; if that
  // adds nothing, list them.
  static unsigned char on_tab(EditLine* el, int) {
    Impl* self = of(el);
    if (!self->completer) return CC_REFRESH_BEEP;
    const LineInfo* li = el_line(el);
    std::string text(self->context);
    const size_t line_start = text.size();
    text.append(li->buffer, static_cast<size_t>(li->cursor - li->buffer));
    Candidates c = self->completer(text);
    // The word to replace must lie on this line.
    if (c.replacements.empty() || c.replace_from < line_start || c.replace_from > text.size()) return CC_REFRESH_BEEP;
    const std::string typed = text.substr(c.replace_from);
    std::string insert = c.replacements.size() == 1 ? c.replacements[0] : common_prefix(c.replacements);
    if (insert.size() > typed.size() || (c.replacements.size() == 1 && insert != typed)) {
      el_deletestr(el, code_points(typed));
      if (el_insertstr(el, insert.c_str()) != 0) return CC_ERROR;
      return CC_REFRESH;
    }
    if (c.replacements.size() == 1) return CC_REFRESH;  // already complete
    list_in_columns(c.shown.size() == c.replacements.size() ? c.shown : c.replacements);
    return CC_REDISPLAY;
  }

  void save_history() {
    if (history_path.empty()) return;
    // Create it private before libedit writes it; keep it private after.
    int fd = ::open(history_path.c_str(), O_WRONLY | O_CREAT, 0600);
    if (fd >= 0) ::close(fd);
    HistEvent ev;
    ::history(hist, &ev, H_SAVE, history_path.c_str());
    ::chmod(history_path.c_str(), 0600);
  }
};

LineEditor::LineEditor(std::string history_path, Completer completer) : impl_(std::make_unique<Impl>()) {
  // UTF-8 editing follows the user's locale; fall back to C.UTF-8 so that
  // names such as "Engineer – Associate" edit as characters.
  if (!std::setlocale(LC_CTYPE, "")) std::setlocale(LC_CTYPE, "C.UTF-8");
  impl_->history_path = std::move(history_path);
  impl_->completer = std::move(completer);
  HistEvent ev;
  impl_->hist = history_init();
  ::history(impl_->hist, &ev, H_SETSIZE, kHistorySize);
  ::history(impl_->hist, &ev, H_SETUNIQUE, 1);
  if (!impl_->history_path.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(impl_->history_path).parent_path(), ec);
    ::history(impl_->hist, &ev, H_LOAD, impl_->history_path.c_str());
  }

  EditLine* el = el_init("mlkg", stdin, stdout, stderr);
  impl_->el = el;
  el_set(el, EL_CLIENTDATA, impl_.get());
  el_set(el, EL_EDITOR, "emacs");
  el_set(el, EL_SIGNAL, 1);  // window size changes, suspend and resume
  el_set(el, EL_PROMPT, &Impl::prompt_of);
  el_set(el, EL_HIST, ::history, impl_->hist);
  // Ctrl-C is a key while editing, not a signal.
  el_set(el, EL_SETTY, "-d", "-isig", nullptr);
  // EL_ADDFN through the wide API: libedit's narrow el_set copies the name and
  // help (wcsdup) and never frees the copies.
  el_wset(el, EL_ADDFN, L"mlkg-interrupt", L"Drop the current line", &Impl::on_interrupt);
  el_set(el, EL_BIND, "^C", "mlkg-interrupt", nullptr);
  el_wset(el, EL_ADDFN, L"mlkg-complete", L"Complete the word before the cursor", &Impl::on_tab);
  el_set(el, EL_BIND, "^I", "mlkg-complete", nullptr);
  el_set(el, EL_BIND, "^R", "em-inc-search-prev", nullptr);
  el_set(el, EL_BIND, "^S", "em-inc-search-next", nullptr);
  el_source(el, nullptr);  // ~/.editrc
}

LineEditor::~LineEditor() {
  if (impl_->el) el_end(impl_->el);
  if (impl_->hist) history_end(impl_->hist);
}

LineEditor::Input LineEditor::read_line(const std::string& prompt, std::string_view context, std::string* line) {
  impl_->prompt = prompt;
  impl_->context = context;
  impl_->interrupted = false;
  int count = 0;
  const char* got = el_gets(impl_->el, &count);
  impl_->context = {};
  if (impl_->interrupted) {
    el_reset(impl_->el);
    *line = std::move(impl_->dropped);
    return Input::kInterrupted;
  }
  if (!got || count <= 0) return Input::kEnd;
  line->assign(got, static_cast<size_t>(count));
  while (!line->empty() && (line->back() == '\n' || line->back() == '\r')) line->pop_back();
  return Input::kLine;
}

void LineEditor::remember(const std::string& statement) {
  if (statement.find_first_not_of(" \t\r\n") == std::string::npos) return;
  HistEvent ev;
  ::history(impl_->hist, &ev, H_ENTER, statement.c_str());
  impl_->save_history();
}

std::vector<std::string> LineEditor::history() const {
  std::vector<std::string> out;
  HistEvent ev;
  // libedit's "first" is the newest entry.
  for (int r = ::history(impl_->hist, &ev, H_FIRST); r != -1; r = ::history(impl_->hist, &ev, H_NEXT))
    out.emplace_back(ev.str);
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace mlkg::repl

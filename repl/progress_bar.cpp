#include "repl/progress_bar.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>

namespace mlkg::repl {

namespace {
constexpr auto kQuietPeriod = std::chrono::milliseconds(300);
constexpr auto kRedrawPeriod = std::chrono::milliseconds(100);

int terminal_width(std::FILE* out) {
  winsize ws{};
  if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20) return ws.ws_col;
  return 80;
}
}  // namespace

std::string format_bytes(uint64_t bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1000 && u < 4) {
    v /= 1000;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return buf;
}

ProgressBar::ProgressBar(std::FILE* out)
    : out_(out), enabled_(isatty(fileno(out))), start_(std::chrono::steady_clock::now()) {}

void ProgressBar::update(std::string_view phase, uint64_t done, uint64_t total, bool bytes) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - start_ < kQuietPeriod) return;
  if (drawn_ && now - last_draw_ < kRedrawPeriod && done < total) return;
  last_draw_ = now;
  drawn_ = true;
  double fraction = total ? std::min(1.0, static_cast<double>(done) / static_cast<double>(total)) : 0.0;
  std::string counts = bytes ? format_bytes(done) + " / " + format_bytes(total)
                             : std::to_string(done) + " / " + std::to_string(total);
  std::string label(phase.substr(0, 40));
  int width = terminal_width(out_);
  int bar = std::max(10, width - static_cast<int>(label.size() + counts.size()) - 12);
  int filled = static_cast<int>(fraction * bar);
  std::string line = "\r" + label + " [" + std::string(filled, '#') + std::string(bar - filled, '-') + "] ";
  char pct[8];
  std::snprintf(pct, sizeof pct, "%3d%% ", static_cast<int>(fraction * 100));
  line += pct + counts;
  std::fputs(line.c_str(), out_);
  std::fputs("\x1b[K", out_);  // clear to the end of the line
  std::fflush(out_);
}

void ProgressBar::finish() {
  if (!drawn_) return;
  std::fputs("\r\x1b[K", out_);
  std::fflush(out_);
  drawn_ = false;
}

}  // namespace mlkg::repl

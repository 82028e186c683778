#pragma once
// A one-line progress bar on a terminal for long operations (imports).
//
// It draws only when its stream is a terminal, only once an operation has
// run for a moment (so quick commands print nothing extra), and at most ten
// times a second; finish() erases it. When output is piped it does nothing.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace mlkg::repl {

class ProgressBar {
 public:
  explicit ProgressBar(std::FILE* out = stderr);
  ~ProgressBar() { finish(); }

  // `done` of `total` units of `phase`; `bytes` says the units are bytes.
  void update(std::string_view phase, uint64_t done, uint64_t total, bool bytes);
  void finish();
  bool enabled() const { return enabled_; }

 private:
  std::FILE* out_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

// "1.5 MB", "820 B".
std::string format_bytes(uint64_t bytes);

}  // namespace mlkg::repl

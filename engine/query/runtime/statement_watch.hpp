#pragma once
// StatementWatch: stops a statement that runs longer than its timeout.
//
// Every loop of a running statement polls one cancel flag (ExecContext,
// procedures, exports). Without a timeout that flag is the caller's (Ctrl-C)
// and nothing else happens. With one, the statement polls the watch's own
// flag instead, which a watcher thread sets when the caller's flag is set or
// when the deadline passes (checked every 10 ms); timed_out() then tells the
// two apart, so the error can say which.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace mlkg::query {

class StatementWatch {
 public:
  // `outer`: the caller's flag (may be null). `timeout` zero: no timeout.
  StatementWatch(const std::atomic<bool>* outer, std::chrono::milliseconds timeout);
  ~StatementWatch();  // stops the watcher
  StatementWatch(const StatementWatch&) = delete;
  StatementWatch& operator=(const StatementWatch&) = delete;

  // The flag the statement polls.
  const std::atomic<bool>* flag() const { return watching_ ? &stop_ : outer_; }
  bool timed_out() const { return timed_out_.load(); }

 private:
  const std::atomic<bool>* outer_;
  bool watching_ = false;
  std::atomic<bool> stop_{false};
  std::atomic<bool> timed_out_{false};
  std::mutex mutex_;
  std::condition_variable done_cv_;
  bool done_ = false;  // guarded by mutex_
  std::thread watcher_;
};

}  // namespace mlkg::query

#include "engine/query/runtime/statement_watch.hpp"

namespace mlkg::query {

StatementWatch::StatementWatch(const std::atomic<bool>* outer, std::chrono::milliseconds timeout) : outer_(outer) {
  if (timeout.count() <= 0) return;
  watching_ = true;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  watcher_ = std::thread([this, deadline] {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!done_) {
      if (outer_ && outer_->load()) {
        stop_ = true;
        return;
      }
      const auto now = std::chrono::steady_clock::now();
      if (now >= deadline) {
        timed_out_ = true;
        stop_ = true;
        return;
      }
      done_cv_.wait_for(lock, std::min<std::chrono::steady_clock::duration>(deadline - now, std::chrono::milliseconds(10)));
    }
  });
}

StatementWatch::~StatementWatch() {
  if (!watching_) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done_ = true;
  }
  done_cv_.notify_all();
  watcher_.join();
}

}  // namespace mlkg::query

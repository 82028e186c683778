#pragma once
// StatementLimits: what bounds one statement, set by whoever runs it (the
// shell's --timeout and --max-memory, a test, a server's configuration).
// A statement that reaches a limit stops with a TransientError and changes
// nothing; the process and the database go on.

#include <chrono>
#include <cstdint>

#include "engine/common/memory_budget.hpp"

namespace mlkg::query {

struct StatementLimits {
  // Stop the statement once it has run this long (TransientError:
  // TransactionTimedOut); zero: no timeout.
  std::chrono::milliseconds timeout{0};
  // The most memory the statement may hold at once, in bytes
  // (TransientError: OutOfMemoryError); engine/common/memory_budget.hpp says
  // what is counted and where it stops. Zero: no budget (an allocation that
  // fails still ends the statement, not the process). By default half the
  // memory the process may use (default_memory_budget()).
  uint64_t max_memory = default_memory_budget();
};

}  // namespace mlkg::query

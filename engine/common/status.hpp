#pragma once
// Status: the outcome of a fallible engine call (leveldb/RocksDB style).
//
// Contract: engine layers below the query engine never throw for expected
// failures; they return a Status and write outputs through pointer or reference
// parameters. "Not found" is an ordinary outcome, reported as a value where the
// API allows it (std::optional) and as Code::kNotFound otherwise.

#include <cstdint>
#include <string>
#include <utility>

namespace mlkg {

class [[nodiscard]] Status {
 public:
  // Never renumber: codes are compared in tests and mapped to exit codes.
  enum class Code : uint8_t {
    kOk = 0,
    kNotFound = 1,
    kInvalidArgument = 2,  // the caller's input is wrong (bad file, bad value)
    kCorruption = 3,       // stored data does not decode
    kIOError = 4,
    kBusy = 5,             // another process holds the write lock
    kNotSupported = 6,
    kIncompatible = 7,     // not an mlkg database, or a newer format
    kAborted = 8,          // cancelled by the caller
    kConstraintViolation = 9,  // a write would break a uniqueness constraint
    kNoSpace = 10,         // the disk is full: the write failed whole, the store is as it was
  };

  Status() = default;

  static Status ok_status() { return Status(); }
  static Status not_found(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status invalid_argument(std::string msg) { return Status(Code::kInvalidArgument, std::move(msg)); }
  static Status corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }
  static Status io_error(std::string msg) { return Status(Code::kIOError, std::move(msg)); }
  static Status busy(std::string msg) { return Status(Code::kBusy, std::move(msg)); }
  static Status not_supported(std::string msg) { return Status(Code::kNotSupported, std::move(msg)); }
  static Status incompatible(std::string msg) { return Status(Code::kIncompatible, std::move(msg)); }
  static Status aborted(std::string msg) { return Status(Code::kAborted, std::move(msg)); }
  static Status constraint_violation(std::string msg) { return Status(Code::kConstraintViolation, std::move(msg)); }
  static Status no_space(std::string msg) { return Status(Code::kNoSpace, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // The human-readable message, without a code prefix; empty for OK.
  const std::string& message() const { return message_; }
  // "<CodeName>: <message>", or "OK".
  std::string to_string() const;

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}

  Code code_ = Code::kOk;
  std::string message_;
};

const char* status_code_name(Status::Code code);

}  // namespace mlkg

// Returns early from the enclosing function when `expr` yields a non-OK Status.
#define MLKG_RETURN_IF_ERROR(expr)            \
  do {                                        \
    ::mlkg::Status _mlkg_status = (expr);     \
    if (!_mlkg_status.ok()) return _mlkg_status; \
  } while (0)

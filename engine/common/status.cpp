#include "engine/common/status.hpp"

namespace mlkg {

const char* status_code_name(Status::Code code) {
  switch (code) {
    case Status::Code::kOk: return "OK";
    case Status::Code::kNotFound: return "NotFound";
    case Status::Code::kInvalidArgument: return "InvalidArgument";
    case Status::Code::kCorruption: return "Corruption";
    case Status::Code::kIOError: return "IOError";
    case Status::Code::kBusy: return "Busy";
    case Status::Code::kNotSupported: return "NotSupported";
    case Status::Code::kIncompatible: return "Incompatible";
    case Status::Code::kAborted: return "Aborted";
    case Status::Code::kConstraintViolation: return "ConstraintViolation";
    case Status::Code::kNoSpace: return "NoSpace";
  }
  return "Unknown";
}

std::string Status::to_string() const {
  if (ok()) return "OK";
  return std::string(status_code_name(code_)) + ": " + message_;
}

}  // namespace mlkg

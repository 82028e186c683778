#include "engine/common/query_error.hpp"

namespace mlkg::query {

QueryError::QueryError(std::string error_class, std::string code, std::string message, SourcePosition position)
    : error_class_(std::move(error_class)),
      code_(std::move(code)),
      message_(std::move(message)),
      position_(position) {
  rendered_ = error_class_ + ": " + (code_.empty() ? "" : code_ + ": ") + message_;
}

}  // namespace mlkg::query

#pragma once
// RowSink: where a procedure sends its result, one row at a time, as it
// makes them (nothing asks a procedure for all its rows at once).

#include <utility>

#include "engine/value/value.hpp"

namespace mlkg::procedure {

class RowSink {
 public:
  virtual ~RowSink() = default;
  // One row: a value per YIELD column of the procedure, in signature order.
  virtual void emit(ValueList row) = 0;
};

// A RowSink that hands each row to a function.
template <class F>
class FunctionRowSink final : public RowSink {
 public:
  explicit FunctionRowSink(F f) : f_(std::move(f)) {}
  void emit(ValueList row) override { f_(std::move(row)); }

 private:
  F f_;
};

}  // namespace mlkg::procedure

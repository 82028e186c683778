#pragma once
// OPTIONAL MATCH: for every input row, runs the nested plan (whose leaf is
// an ArgumentOp fed that row); passes on what it finds, or, if it finds
// nothing, the input row once with the pattern's new variables set to null.

#include <vector>

#include "engine/query/execution/operator.hpp"

namespace mlkg::query {

class OptionalOp final : public Operator {
 public:
  OptionalOp(OperatorPtr input, OperatorPtr nested, ArgumentOp* argument, std::vector<Slot> introduced)
      : Operator(std::move(input)), nested_(std::move(nested)), argument_(argument), introduced_(std::move(introduced)) {}
  std::string name() const override { return "Optional"; }
  const Operator* nested() const override { return nested_.get(); }

 protected:
  void open_impl(ExecContext&) override { running_ = false; }
  bool next_impl(Row& row, ExecContext& ctx) override {
    while (true) {
      if (running_) {
        if (nested_->next(row, ctx)) {
          matched_ = true;
          return true;
        }
        running_ = false;
        if (!matched_) {
          row = std::move(outer_);
          for (Slot s : introduced_) row[s] = Value();
          return true;
        }
      }
      if (!input_->next(row, ctx)) return false;
      outer_ = row;
      argument_->set_argument(outer_);
      nested_->open(ctx);
      running_ = true;
      matched_ = false;
    }
  }

 private:
  OperatorPtr nested_;
  ArgumentOp* argument_;  // the nested plan's leaf (owned by nested_)
  std::vector<Slot> introduced_;
  Row outer_;
  bool running_ = false;
  bool matched_ = false;
};

}  // namespace mlkg::query

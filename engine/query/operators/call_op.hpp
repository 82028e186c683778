#pragma once
// CALL procedure(...) YIELD ...: for every input row, runs the procedure and
// passes on one row per result row, with the yielded columns in their slots.

#include <vector>

#include "engine/query/operators/operator.hpp"
#include "engine/query/procedures.hpp"

namespace mlkg::query {

class CallOp final : public Operator {
 public:
  // `yields[i]` is the slot of output column i, or kNoSlot if not yielded.
  CallOp(OperatorPtr input, const ProcedureInfo* procedure, std::vector<BoundExprPtr> arguments,
         std::vector<Slot> yields)
      : Operator(std::move(input)), procedure_(procedure), arguments_(std::move(arguments)), yields_(std::move(yields)) {}
  std::string name() const override { return "ProcedureCall"; }
  std::string details() const override { return procedure_->name; }

 protected:
  void open_impl(ExecContext&) override { results_.clear(); pos_ = 0; }
  bool next_impl(Row& row, ExecContext& ctx) override;

 private:
  const ProcedureInfo* procedure_;
  std::vector<BoundExprPtr> arguments_;
  std::vector<Slot> yields_;
  std::vector<ValueList> results_;
  size_t pos_ = 0;
};

}  // namespace mlkg::query

#pragma once
// CALL procedure(...) YIELD ...: for every input row, runs the procedure and
// passes on one row per result row, with the yielded columns in their slots.
// The rows a call streams are buffered until the operator passes them on.

#include <deque>
#include <vector>

#include "engine/query/execution/operator.hpp"
#include "engine/procedure/procedure.hpp"

namespace mlkg::query {

class CallOp final : public Operator {
 public:
  // `yields[i]` is the slot of output column i, or kNoSlot if not yielded.
  CallOp(OperatorPtr input, const procedure::Procedure* procedure, std::vector<BoundExprPtr> arguments,
         std::vector<Slot> yields)
      : Operator(std::move(input)), procedure_(procedure), arguments_(std::move(arguments)), yields_(std::move(yields)) {}
  std::string name() const override { return "ProcedureCall"; }
  std::string details() const override { return procedure_->signature.name; }

 protected:
  void open_impl(ExecContext&) override { results_.clear(); }
  bool next_impl(Row& row, ExecContext& ctx) override;

 private:
  const procedure::Procedure* procedure_;
  std::vector<BoundExprPtr> arguments_;
  std::vector<Slot> yields_;
  std::deque<ValueList> results_;
};

}  // namespace mlkg::query

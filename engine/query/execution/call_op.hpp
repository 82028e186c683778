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
  // `in_query`: a clause of a larger query, where a procedure without YIELD
  // columns (a VOID one) passes each input row on once, as openCypher wants;
  // standalone, a VOID procedure yields no rows.
  CallOp(OperatorPtr input, const procedure::Procedure* procedure, std::vector<BoundExprPtr> arguments,
         std::vector<Slot> yields, bool in_query)
      : Operator(std::move(input)),
        procedure_(procedure),
        arguments_(std::move(arguments)),
        yields_(std::move(yields)),
        in_query_(in_query) {}
  std::string name() const override { return "ProcedureCall"; }
  std::string details() const override { return procedure_->signature.name; }

 protected:
  void open_impl(ExecContext&) override { results_.clear(); }
  bool next_impl(Row& row, ExecContext& ctx) override;

 private:
  const procedure::Procedure* procedure_;
  std::vector<BoundExprPtr> arguments_;
  std::vector<Slot> yields_;
  bool in_query_;
  std::deque<ValueList> results_;
};

}  // namespace mlkg::query

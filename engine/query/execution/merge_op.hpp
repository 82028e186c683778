#pragma once
// MERGE: for every input row, in order, runs the nested plan that matches
// the pattern (its leaf is an ArgumentOp fed the row). If it matches, each
// match is a result row and gets the ON MATCH SET actions; if not, the
// pattern's unbound parts are created (create_pattern, with MERGE's rule
// against null property values), the row gets the ON CREATE SET actions
// and is the one result. A later row sees what earlier rows created, so
// `UNWIND [1, 1] AS x MERGE (:N {x: x})` creates one node.

#include <string>
#include <utility>
#include <vector>

#include "engine/query/execution/create_op.hpp"
#include "engine/query/execution/set_op.hpp"

namespace mlkg::query {

// The pattern and its ON CREATE / ON MATCH actions, for EXPLAIN.
std::string describe_merge(const MergeSpec& spec);

class MergeOp final : public UpdateOp {
 public:
  MergeOp(OperatorPtr input, size_t width, std::vector<Slot> live, OperatorPtr nested, ArgumentOp* argument,
          MergeSpec spec)
      : UpdateOp(std::move(input), width, std::move(live)),
        nested_(std::move(nested)),
        argument_(argument),
        spec_(std::move(spec)) {}
  std::string name() const override { return "Merge"; }
  std::string details() const override;
  const Operator* nested() const override { return nested_.get(); }

 protected:
  void update(Row& row, ExecContext& ctx, std::vector<Row>& out) override;

 private:
  OperatorPtr nested_;
  ArgumentOp* argument_;  // the nested plan's leaf (owned by nested_)
  MergeSpec spec_;
};

}  // namespace mlkg::query

#pragma once
// CREATE: for every input row, creates the nodes and relationships of the
// pattern (nodes already bound are reused) and binds the new ones.

#include <string>
#include <vector>

#include "engine/query/operators/operator.hpp"

namespace mlkg::query {

struct CreateNodeSpec {
  Slot slot = kNoSlot;
  bool exists = false;  // bound before the CREATE: reuse it
  std::vector<std::string> labels;
  BoundExprPtr properties;  // evaluates to a map, or null
};

struct CreateRelSpec {
  Slot slot = kNoSlot;
  std::string type;
  Slot start = kNoSlot;  // node slots, in the relationship's direction
  Slot end = kNoSlot;
  BoundExprPtr properties;
};

class CreateOp final : public Operator {
 public:
  CreateOp(OperatorPtr input, std::vector<CreateNodeSpec> nodes, std::vector<CreateRelSpec> rels)
      : Operator(std::move(input)), nodes_(std::move(nodes)), rels_(std::move(rels)) {}
  std::string name() const override { return "Create"; }
  std::string details() const override;

 protected:
  bool next_impl(Row& row, ExecContext& ctx) override;

 private:
  ValueMap properties(const BoundExprPtr& e, Row& row, ExecContext& ctx) const;

  std::vector<CreateNodeSpec> nodes_;
  std::vector<CreateRelSpec> rels_;
};

}  // namespace mlkg::query

#pragma once
// DELETE and DETACH DELETE: each expression evaluates to a node, a
// relationship, a path (all its nodes and relationships), or null (nothing
// to delete). Deleting what this statement deleted already is allowed. A
// node that still has relationships without DETACH is deleted only once
// they are gone by the end of the statement; otherwise the statement fails
// with ConstraintVerificationFailed: DeleteConnectedNode
// (GraphTxn::delete_node). Reading a deleted entity's properties or labels
// later is EntityNotFound: DeletedEntityAccess.

#include <string>
#include <vector>

#include "engine/query/execution/update_op.hpp"

namespace mlkg::query {

class DeleteOp final : public UpdateOp {
 public:
  DeleteOp(OperatorPtr input, size_t width, std::vector<Slot> live, std::vector<BoundExprPtr> targets, bool detach)
      : UpdateOp(std::move(input), width, std::move(live)), targets_(std::move(targets)), detach_(detach) {}
  std::string name() const override { return detach_ ? "DetachDelete" : "Delete"; }
  std::string details() const override;

 protected:
  void update(Row& row, ExecContext& ctx, std::vector<Row>& out) override;
  // Removes the nodes whose relationships this clause deleted too.
  void finish(ExecContext& ctx) override { ctx.graph->finish_deletes(false); }

 private:
  void remove(const Value& v, ExecContext& ctx);

  std::vector<BoundExprPtr> targets_;
  bool detach_;
};

}  // namespace mlkg::query

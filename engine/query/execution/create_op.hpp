#pragma once
// CREATE: for every input row, creates the nodes and relationships of the
// pattern (nodes already bound are reused) and binds the new ones. MERGE
// creates its pattern with the same code (create_pattern).

#include <string>
#include <vector>

#include "engine/query/binder/bound_updates.hpp"
#include "engine/query/execution/update_op.hpp"

namespace mlkg::query {



// Creates the pattern for one row, binding the new entities' slots. For
// MERGE (`merge`), a null property value is SemanticError:
// MergeReadOwnWrites, since the pattern could never be matched again.
void create_pattern(const std::vector<CreateNodeSpec>& nodes, const std::vector<CreateRelSpec>& rels, Row& row,
                    ExecContext& ctx, bool merge);
// The pattern as "(:A), [:T]" for EXPLAIN.
std::string describe_pattern(const std::vector<CreateNodeSpec>& nodes, const std::vector<CreateRelSpec>& rels);

class CreateOp final : public UpdateOp {
 public:
  CreateOp(OperatorPtr input, size_t width, std::vector<Slot> live, std::vector<CreateNodeSpec> nodes,
           std::vector<CreateRelSpec> rels)
      : UpdateOp(std::move(input), width, std::move(live)), nodes_(std::move(nodes)), rels_(std::move(rels)) {}
  std::string name() const override { return "Create"; }
  std::string details() const override { return describe_pattern(nodes_, rels_); }

 protected:
  void update(Row& row, ExecContext& ctx, std::vector<Row>& out) override {
    create_pattern(nodes_, rels_, row, ctx, false);
    out.push_back(std::move(row));
  }

 private:
  std::vector<CreateNodeSpec> nodes_;
  std::vector<CreateRelSpec> rels_;
};

}  // namespace mlkg::query

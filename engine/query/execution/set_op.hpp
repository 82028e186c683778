#pragma once
// SET and REMOVE (and MERGE's ON CREATE SET / ON MATCH SET): property and
// label changes applied item by item, each item seeing the ones before it.
//
// An item whose entity evaluates to null does nothing (openCypher: SET on
// the null of an OPTIONAL MATCH is a no-op). Setting a property to null
// removes it. `SET e = m` replaces all properties with the map (or with the
// properties of a node or relationship); `SET e += m` sets each entry and
// keeps the rest.

#include <string>
#include <vector>

#include "engine/query/binder/bound_updates.hpp"
#include "engine/query/execution/update_op.hpp"

namespace mlkg::query {


// Applies the actions, in order, to one row.
void apply_set_actions(const std::vector<SetAction>& actions, Row& row, ExecContext& ctx);
// The actions in Cypher-like text, for EXPLAIN.
std::string describe_set_actions(const std::vector<SetAction>& actions);

class SetOp final : public UpdateOp {
 public:
  // `remove`: the clause was REMOVE (only its name in plans differs).
  SetOp(OperatorPtr input, size_t width, std::vector<Slot> live, std::vector<SetAction> actions, bool remove)
      : UpdateOp(std::move(input), width, std::move(live)), actions_(std::move(actions)), remove_(remove) {}
  std::string name() const override { return remove_ ? "Remove" : "Set"; }
  std::string details() const override { return describe_set_actions(actions_); }

 protected:
  void update(Row& row, ExecContext& ctx, std::vector<Row>& out) override {
    apply_set_actions(actions_, row, ctx);
    out.push_back(std::move(row));
  }

 private:
  std::vector<SetAction> actions_;
  bool remove_;
};

}  // namespace mlkg::query

#pragma once
// Operators that follow relationships: Expand binds one relationship and the
// node at its other end; VarExpand binds a variable-length path segment
// (a list of relationships) and the node it reaches.
//
// openCypher's relationship uniqueness: within one MATCH, no relationship is
// bound twice. Each expansion gets the slots of the relationships bound
// earlier in its MATCH (`unique_with`; a slot may hold one relationship or a
// list) and skips what they hold; a variable-length segment never repeats a
// relationship either. An undirected step meets a self-loop once.

#include <string>
#include <vector>

#include "engine/query/execution/expand_spec.hpp"
#include "engine/query/execution/operator.hpp"
#include "engine/storage/transaction.hpp"

namespace mlkg::query {

// Expansion helpers shared by both operators.
class Adjacency {
 public:
  // Resolves the type names against the catalog; false if none can match.
  bool resolve(const std::vector<std::string>& types, ExecContext& ctx);
  // The adjacency entries of `node` in the direction(s) asked for, filtered
  // by type (self-loops once for undirected steps), without the neighbours
  // this statement has deleted (GraphTxn::deletion_pending).
  void collect(storage::NodeId node, ast::RelDirection direction, ExecContext& ctx,
               std::vector<storage::AdjEntry>* out) const;

 private:
  bool any_type_ = true;
  std::vector<storage::TypeId> types_;
};

// Is `rel` held by one of `slots` (a relationship, or a list of them)?
bool rel_in_slots(storage::RelId rel, const std::vector<Slot>& slots, const Row& row);

class Expand final : public Operator {
 public:
  Expand(OperatorPtr input, ExpandSpec spec) : Operator(std::move(input)), spec_(std::move(spec)) {}
  std::string name() const override { return spec_.to_bound ? "ExpandInto" : "Expand"; }
  std::string details() const override;

 protected:
  void open_impl(ExecContext& ctx) override;
  bool next_impl(Row& row, ExecContext& ctx) override;

 private:
  ExpandSpec spec_;
  Adjacency adjacency_;
  bool possible_ = true;
  std::vector<storage::AdjEntry> entries_;
  size_t pos_ = 0;
};


class VarExpand final : public Operator {
 public:
  VarExpand(OperatorPtr input, VarExpandSpec spec) : Operator(std::move(input)), spec_(std::move(spec)) {}
  std::string name() const override { return "VarLengthExpand"; }
  std::string details() const override;

 protected:
  void open_impl(ExecContext& ctx) override;
  bool next_impl(Row& row, ExecContext& ctx) override;

 private:
  struct Frame {
    storage::NodeId node;
    std::vector<storage::AdjEntry> entries;
    size_t pos = 0;
    bool checked = false;  // whether this frame's node was considered for output
  };
  void start(const Row& row, ExecContext& ctx);
  // `rel` holds a list already: does it form a path from `from` that the
  // pattern allows, and where does it end?
  bool follow_bound_list(const Row& row, ExecContext& ctx, storage::NodeId* end);
  bool advance(Row& row, ExecContext& ctx);
  bool rel_matches(storage::RelId rel, ExecContext& ctx);
  void emit(Row& row, storage::NodeId node) const;

  VarExpandSpec spec_;
  Adjacency adjacency_;
  bool possible_ = true;
  std::vector<Frame> stack_;
  std::vector<storage::RelId> path_rels_;
  std::vector<Value> property_values_;
  storage::NodeId target_ = storage::kNoId;
  bool active_ = false;
  bool bound_done_ = false;  // rel_bound: the one possible output was produced
};

}  // namespace mlkg::query

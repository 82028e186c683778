#pragma once
// Operators that bind a node variable from the store: for every input row,
// every node (AllNodesScan), the nodes with a label (LabelScan), or the nodes
// an index finds by their indexed property (IndexSeek).

#include <optional>
#include <string>

#include "engine/query/execution/operator.hpp"
#include "engine/storage/transaction.hpp"

namespace mlkg::query {

class AllNodesScan final : public Operator {
 public:
  AllNodesScan(OperatorPtr input, Slot slot) : Operator(std::move(input)), slot_(slot) {}
  std::string name() const override { return "AllNodesScan"; }
  std::string details() const override;

 protected:
  void open_impl(ExecContext&) override { cursor_.reset(); }
  bool next_impl(Row& row, ExecContext& ctx) override;

 private:
  Slot slot_;
  std::optional<storage::NodeCursor> cursor_;
};

class LabelScan final : public Operator {
 public:
  LabelScan(OperatorPtr input, Slot slot, std::string label)
      : Operator(std::move(input)), slot_(slot), label_(std::move(label)) {}
  std::string name() const override { return "NodeByLabelScan"; }
  std::string details() const override;

 protected:
  void open_impl(ExecContext&) override { cursor_.reset(); }
  bool next_impl(Row& row, ExecContext& ctx) override;

 private:
  Slot slot_;
  std::string label_;
  std::optional<storage::NodeCursor> cursor_;
};

// What an IndexSeek looks for in an index on (label or every node, key):
// the nodes whose value equals `value` (kEquals), equals an element of the
// list `value` (kIn), lies between `lower` and `upper` (kRange; either may
// be null, meaning unbounded), or is a string starting with `value`
// (kPrefix). Equality is openCypher's: 1 finds 1.0 too. The seek may find
// more nodes than the predicate holds for (the planner keeps the predicate
// as a filter after it), never fewer.
struct IndexSeekSpec {
  enum class Kind { kEquals, kIn, kRange, kPrefix } kind = Kind::kEquals;
  BoundExprPtr value;  // kEquals, kIn, kPrefix
  BoundExprPtr lower, upper;  // kRange
  bool lower_inclusive = false, upper_inclusive = false;  // kRange, for EXPLAIN
};

// Binds `slot` to each node an index seek finds, in ascending id order, for
// every input row. NodeIndexSeek for kEquals and kIn, NodeIndexSeekByRange
// for kRange and kPrefix.
class IndexSeek final : public Operator {
 public:
  IndexSeek(OperatorPtr input, Slot slot, storage::IndexId index, std::string description, IndexSeekSpec spec)
      : Operator(std::move(input)),
        slot_(slot),
        index_(index),
        description_(std::move(description)),
        spec_(std::move(spec)) {}
  std::string name() const override;
  std::string details() const override;

 protected:
  void open_impl(ExecContext&) override { pending_.clear(); }
  bool next_impl(Row& row, ExecContext& ctx) override;

 private:
  void seek(Row& row, ExecContext& ctx);

  Slot slot_;
  storage::IndexId index_;
  std::string description_;
  IndexSeekSpec spec_;
  std::vector<storage::NodeId> pending_;  // matches for the current input row, in reverse
};

}  // namespace mlkg::query

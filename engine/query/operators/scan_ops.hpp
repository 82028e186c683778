#pragma once
// Operators that bind a node variable from the store: for every input row,
// every node (AllNodesScan), the nodes with a label (LabelScan), or the nodes
// whose indexed property equals a value (IndexSeek).

#include <optional>
#include <string>

#include "engine/query/operators/operator.hpp"
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

// Seeks an index on (label or every node, key) for `value`. A numeric value
// also finds entries of the other numeric type that are equal (1 and 1.0).
class IndexSeek final : public Operator {
 public:
  IndexSeek(OperatorPtr input, Slot slot, storage::IndexId index, std::string description, BoundExprPtr value)
      : Operator(std::move(input)),
        slot_(slot),
        index_(index),
        description_(std::move(description)),
        value_(std::move(value)) {}
  std::string name() const override { return "NodeIndexSeek"; }
  std::string details() const override;

 protected:
  void open_impl(ExecContext&) override { pending_.clear(); }
  bool next_impl(Row& row, ExecContext& ctx) override;

 private:
  Slot slot_;
  storage::IndexId index_;
  std::string description_;
  BoundExprPtr value_;
  std::vector<storage::NodeId> pending_;  // matches for the current input row, in reverse
};

}  // namespace mlkg::query

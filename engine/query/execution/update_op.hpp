#pragma once
// UpdateOp: the base of the operators of updating clauses (CREATE, MERGE,
// SET, REMOVE, DELETE).
//
// openCypher runs each updating clause over all its input rows before the
// next clause reads anything, and its writes happen even when no row is
// consumed downstream (`... DELETE n RETURN n LIMIT 0` still deletes). So
// an update operator does its whole work in open(): it reads its entire
// input first (no storage cursor below it stays in use while it writes),
// applies update() to each row in order, then hands the rows it produced
// on, one per next(). Each row's expressions are evaluated when that row is
// updated, so they see the writes made for the rows before it.

#include <vector>

#include "engine/query/execution/operator.hpp"

namespace mlkg::query {

class UpdateOp : public Operator {
 public:
  // `live`: the slots the clause and the clauses after it may read (the
  // variables in scope); only they are kept from each input row, so dead
  // values (a long list an UNWIND came from) are not copied once per row.
  UpdateOp(OperatorPtr input, size_t width, std::vector<Slot> live)
      : Operator(std::move(input)), width_(width), live_(std::move(live)) {}

 protected:
  size_t width() const { return width_; }
  // Applies the clause to one input row and appends the rows it yields to
  // `out` (most clauses yield the row itself; MERGE one per match).
  virtual void update(Row& row, ExecContext& ctx, std::vector<Row>& out) = 0;
  // Called once after the last row.
  virtual void finish(ExecContext&) {}

 private:
  void open_impl(ExecContext& ctx) final;
  bool next_impl(Row& row, ExecContext& ctx) final;

  size_t width_;
  std::vector<Slot> live_;
  std::vector<Row> rows_;
  size_t pos_ = 0;
};

}  // namespace mlkg::query

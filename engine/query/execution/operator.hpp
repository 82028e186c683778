#pragma once
// Physical operators: a pull-based (Volcano) pipeline over Rows.
//
// Every operator but the leaf has one input. The consumer owns the Row and
// passes it down: a streaming operator lets its input fill the row, then sets
// its own slots and hands the same row up; a blocking one (sort, aggregate)
// keeps copies. Each operator counts the rows it produced and, when the
// statement is profiled, the time spent in it and below it (PROFILE).
//
// Contract: open() prepares a (re)run and must be called before next();
// next() returns false once exhausted and keeps returning false.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/query/expression/bound_expr.hpp"
#include "engine/query/runtime/exec_context.hpp"

namespace mlkg::query {

class Operator {
 public:
  explicit Operator(std::unique_ptr<Operator> input = nullptr) : input_(std::move(input)) {}
  virtual ~Operator() = default;

  void open(ExecContext& ctx) {
    rows_ = 0;
    nanos_ = 0;
    if (input_) input_->open(ctx);
    open_impl(ctx);
  }

  bool next(Row& row, ExecContext& ctx) {
    if (!ctx.profile) {
      bool produced = next_impl(row, ctx);
      rows_ += produced;
      return produced;
    }
    auto t0 = std::chrono::steady_clock::now();
    bool produced = next_impl(row, ctx);
    nanos_ += std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
    rows_ += produced;
    return produced;
  }

  // For EXPLAIN / PROFILE.
  virtual std::string name() const = 0;
  virtual std::string details() const { return ""; }
  // Operators that run a nested plan (OPTIONAL MATCH) expose it.
  virtual const Operator* nested() const { return nullptr; }
  const Operator* input() const { return input_.get(); }
  uint64_t rows() const { return rows_; }
  // Time in this operator and its inputs, in nanoseconds (profiled runs).
  uint64_t nanos() const { return nanos_; }

 protected:
  virtual void open_impl(ExecContext& ctx) {}
  virtual bool next_impl(Row& row, ExecContext& ctx) = 0;

  std::unique_ptr<Operator> input_;

 private:
  uint64_t rows_ = 0;
  uint64_t nanos_ = 0;
};

using OperatorPtr = std::unique_ptr<Operator>;

// The leaf of every plan: yields one row, the argument (an empty row of the
// query's width, or the outer row of an OPTIONAL MATCH), once per open().
class ArgumentOp final : public Operator {
 public:
  explicit ArgumentOp(size_t width) : argument_(width) {}
  void set_argument(const Row& row) { argument_ = row; }
  std::string name() const override { return "Argument"; }

 protected:
  void open_impl(ExecContext&) override { done_ = false; }
  bool next_impl(Row& row, ExecContext&) override {
    if (done_) return false;
    done_ = true;
    row = argument_;
    return true;
  }

 private:
  Row argument_;
  bool done_ = false;
};

}  // namespace mlkg::query

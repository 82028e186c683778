#pragma once
// Streaming operators over rows: Filter, Project, Unwind, Skip, Limit,
// Distinct (Distinct keeps the keys it has seen).

#include <string>
#include <unordered_set>
#include <vector>

#include "engine/query/execution/operator.hpp"

namespace mlkg::query {

class Filter final : public Operator {
 public:
  Filter(OperatorPtr input, BoundExprPtr predicate) : Operator(std::move(input)), predicate_(std::move(predicate)) {}
  std::string name() const override { return "Filter"; }
  std::string details() const override;

 protected:
  bool next_impl(Row& row, ExecContext& ctx) override;

 private:
  BoundExprPtr predicate_;
};

// Evaluates expressions into slots, in order (a later item may read an
// earlier one's slot).
class Project final : public Operator {
 public:
  Project(OperatorPtr input, std::vector<std::pair<BoundExprPtr, Slot>> items)
      : Operator(std::move(input)), items_(std::move(items)) {}
  std::string name() const override { return "Projection"; }
  std::string details() const override;

 protected:
  bool next_impl(Row& row, ExecContext& ctx) override;

 private:
  std::vector<std::pair<BoundExprPtr, Slot>> items_;
};

class Unwind final : public Operator {
 public:
  Unwind(OperatorPtr input, BoundExprPtr list, Slot slot)
      : Operator(std::move(input)), list_(std::move(list)), slot_(slot) {}
  std::string name() const override { return "Unwind"; }
  std::string details() const override;

 protected:
  void open_impl(ExecContext&) override { items_.clear(); pos_ = 0; }
  bool next_impl(Row& row, ExecContext& ctx) override;

 private:
  BoundExprPtr list_;
  Slot slot_;
  ValueList items_;
  size_t pos_ = 0;
};

// SKIP and LIMIT: the count is evaluated once per run and must be a
// non-negative integer.
class Skip final : public Operator {
 public:
  Skip(OperatorPtr input, BoundExprPtr count) : Operator(std::move(input)), count_(std::move(count)) {}
  std::string name() const override { return "Skip"; }
  std::string details() const override { return describe(*count_); }

 protected:
  void open_impl(ExecContext& ctx) override;
  bool next_impl(Row& row, ExecContext& ctx) override;

 private:
  BoundExprPtr count_;
  int64_t remaining_ = 0;
};

class Limit final : public Operator {
 public:
  Limit(OperatorPtr input, BoundExprPtr count) : Operator(std::move(input)), count_(std::move(count)) {}
  std::string name() const override { return "Limit"; }
  std::string details() const override { return describe(*count_); }

 protected:
  void open_impl(ExecContext& ctx) override;
  bool next_impl(Row& row, ExecContext& ctx) override;

 private:
  BoundExprPtr count_;
  int64_t remaining_ = 0;
};

// Evaluates SKIP / LIMIT counts: constant, non-negative integers.
int64_t evaluate_count(const BoundExpr& e, ExecContext& ctx, const char* clause);

// Hashing and equivalence of value lists (grouping keys, DISTINCT rows), by
// openCypher equivalence: null matches null, 1 matches 1.0.
struct KeyHash {
  size_t operator()(const ValueList& key) const;
};
struct KeyEquivalent {
  bool operator()(const ValueList& a, const ValueList& b) const;
};
using KeySet = std::unordered_set<ValueList, KeyHash, KeyEquivalent>;

// Passes on the first row of each distinct combination of `slots` (by
// openCypher equivalence).
class Distinct final : public Operator {
 public:
  Distinct(OperatorPtr input, std::vector<Slot> slots) : Operator(std::move(input)), slots_(std::move(slots)) {}
  std::string name() const override { return "Distinct"; }

 protected:
  void open_impl(ExecContext&) override { seen_.clear(); }
  bool next_impl(Row& row, ExecContext& ctx) override;

 private:
  std::vector<Slot> slots_;
  KeySet seen_;
};

}  // namespace mlkg::query

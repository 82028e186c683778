#include "engine/query/planner/cardinality.hpp"

#include <algorithm>
#include <cmath>

namespace mlkg::query {

double CardinalityEstimator::nodes() {
  if (!nodes_) {
    uint64_t count = 0;
    throw_if_failed(graph_.txn().count_nodes(&count));
    nodes_ = static_cast<double>(count);
  }
  return *nodes_;
}

double CardinalityEstimator::nodes_with_label(const std::string& label) {
  auto it = labels_.find(label);
  if (it != labels_.end()) return it->second;
  uint64_t count = 0;
  if (auto id = graph_.label_id(label)) throw_if_failed(graph_.txn().count_nodes_with_label(*id, &count));
  return labels_[label] = static_cast<double>(count);
}

double CardinalityEstimator::rels_with_types(const std::vector<std::string>& types) {
  auto it = types_.find(types);
  if (it != types_.end()) return it->second;
  uint64_t total = 0;
  if (types.empty()) {
    throw_if_failed(graph_.txn().count_rels(&total));
  } else {
    std::vector<storage::TypeId> seen;
    for (const auto& t : types) {
      auto id = graph_.type_id(t);
      if (!id || std::find(seen.begin(), seen.end(), *id) != seen.end()) continue;
      seen.push_back(*id);
      uint64_t count = 0;
      throw_if_failed(graph_.txn().count_rels_with_type(*id, &count));
      total += count;
    }
  }
  return types_[types] = static_cast<double>(total);
}

double CardinalityEstimator::expansion_factor(const ExpandSpec& step, const std::vector<std::string>& from_labels) {
  double from = nodes();
  for (const auto& label : from_labels) from = std::min(from, nodes_with_label(label));
  if (from <= 0) return 0;
  const double rels = rels_with_types(step.types);
  // Each relationship leaves one node and reaches one: an undirected step sees it from both.
  const double per_node = std::min(rels, rels / from);
  return step.direction == ast::RelDirection::kBoth ? 2 * per_node : per_node;
}

double CardinalityEstimator::expansion_rows(const VarExpandSpec& step, bool var_length,
                                            const std::vector<std::string>& from_labels) {
  if (!estimating_) return 1;
  const double first = expansion_factor(step, from_labels);
  double rows = first;
  if (var_length) {
    const double later = expansion_factor(step, {});
    const int64_t last = step.max < 0 ? step.min + 7 : std::min(step.max, step.min + 7);
    rows = step.min == 0 ? 1 : 0;
    for (int64_t length = std::max<int64_t>(1, step.min); length <= last; ++length)
      rows += first * std::pow(later, static_cast<double>(length - 1));
  }
  // Into a bound node: only the relationships that reach it.
  if (step.to_bound) rows = std::min(1.0, rows / std::max(1.0, nodes()));
  if (step.rel_bound) rows = std::min(1.0, rows);
  return rows;
}

double CardinalityEstimator::selectivity(const BoundExpr& e) {
  if (!estimating_) return 1;
  switch (e.kind) {
    case BoundKind::kConstant:
      return e.value.is_bool() && e.value.as_bool() ? 1.0 : 0.0;
    case BoundKind::kLabelCheck: {
      double fraction = 1;
      const double n = std::max(1.0, nodes());
      for (const auto& label : e.keys) fraction *= std::min(1.0, nodes_with_label(label) / n);
      return fraction;
    }
    case BoundKind::kIsNull: return 0.1;
    case BoundKind::kIsNotNull: return 0.9;
    case BoundKind::kUnary:
      if (e.op == ast::Op::kNot) return 1 - selectivity(*e.children[0]);
      return 0.5;
    case BoundKind::kBinary:
      switch (e.op) {
        case ast::Op::kAnd: return selectivity(*e.children[0]) * selectivity(*e.children[1]);
        case ast::Op::kOr: {
          double a = selectivity(*e.children[0]), b = selectivity(*e.children[1]);
          return a + b - a * b;
        }
        case ast::Op::kEq: return 0.1;
        case ast::Op::kNe: return 0.9;
        case ast::Op::kIn:
          if (e.children[1]->kind == BoundKind::kConstant && e.children[1]->value.is_list())
            return std::min(1.0, 0.1 * static_cast<double>(e.children[1]->value.as_list().size()));
          return 0.3;
        case ast::Op::kLt: case ast::Op::kLe: case ast::Op::kGt: case ast::Op::kGe:
        case ast::Op::kStartsWith: case ast::Op::kEndsWith: case ast::Op::kContains:
          return 0.3;
        default: return 0.5;
      }
    default: return 0.5;
  }
}

}  // namespace mlkg::query

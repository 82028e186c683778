#pragma once
// Row estimates for the logical planner, from the counts the store keeps
// (nodes, nodes per label, relationships per type). There are no value
// statistics: a predicate on a property keeps a fixed fraction of the rows
// (equality 1/10, a range or prefix 3/10, anything else 1/2), a label check
// the fraction of nodes with the label. The estimates order the pattern's
// starting points and are shown by EXPLAIN; they never change a result.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/query/execution/expand_spec.hpp"
#include "engine/query/runtime/graph_txn.hpp"

namespace mlkg::query {

class CardinalityEstimator {
 public:
  // `estimating`: whether rows are estimated at all. Without it (a plan to
  // run, not to show) expansion_rows and selectivity answer 1 without reading
  // a count, and only the counts that choose a pattern's start are read.
  CardinalityEstimator(GraphTxn& graph, bool estimating) : graph_(graph), estimating_(estimating) {}

  bool estimating() const { return estimating_; }

  double nodes();
  // Nodes with the label (0 for a label the catalog does not know).
  double nodes_with_label(const std::string& label);
  // Relationships of any of the types (all of them for none).
  double rels_with_types(const std::vector<std::string>& types);
  // Relationships a step follows from one node, on average: those of its
  // types over the nodes with the rarest of `from_labels` (the labels the
  // pattern gives the node it leaves; every node for none), as if the
  // relationships of a type all touched nodes of one label.
  double expansion_factor(const ExpandSpec& step, const std::vector<std::string>& from_labels);
  // Rows a step yields per input row (a variable-length one sums its
  // lengths, counting at most eight of them; later hops leave nodes of any label).
  double expansion_rows(const VarExpandSpec& step, bool var_length, const std::vector<std::string>& from_labels);
  // The fraction of rows `predicate` keeps, in [0, 1].
  double selectivity(const BoundExpr& predicate);

 private:
  GraphTxn& graph_;
  bool estimating_;
  std::optional<double> nodes_;
  std::map<std::string, double> labels_;
  std::map<std::vector<std::string>, double> types_;
};

}  // namespace mlkg::query

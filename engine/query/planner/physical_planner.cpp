#include "engine/query/planner/physical_planner.hpp"

#include "engine/query/execution/aggregate_op.hpp"
#include "engine/query/execution/call_op.hpp"
#include "engine/query/execution/create_op.hpp"
#include "engine/query/execution/delete_op.hpp"
#include "engine/query/execution/expand_ops.hpp"
#include "engine/query/execution/merge_op.hpp"
#include "engine/query/execution/optional_op.hpp"
#include "engine/query/execution/row_ops.hpp"
#include "engine/query/execution/scan_ops.hpp"
#include "engine/query/execution/schema_ops.hpp"
#include "engine/query/execution/set_op.hpp"
#include "engine/query/execution/shortest_path_op.hpp"
#include "engine/query/execution/sort_ops.hpp"
#include "engine/query/planner/index_predicate.hpp"

namespace mlkg::query {

namespace {

// The seek the access path asks for: its first predicate gives the kind and
// the value (or one bound of a range), the others the range's other bound.
IndexSeekSpec seek_spec(const LogicalNodeScan& scan) {
  IndexSeekSpec spec;
  auto any = [](Slot) { return true; };  // the logical planner checked what the values read
  for (size_t i = 0; i < scan.access.seek_predicates.size(); ++i) {
    IndexablePredicate ip;
    match_indexable(*scan.predicates[scan.access.seek_predicates[i]].expr, scan.slot, any, &ip);
    if (i == 0) spec.kind = ip.kind;
    if (spec.kind != IndexSeekSpec::Kind::kRange) {
      spec.value = clone(*ip.value);
      break;
    }
    const bool lower = ip.op == ast::Op::kGt || ip.op == ast::Op::kGe;
    const bool inclusive = ip.op == ast::Op::kGe || ip.op == ast::Op::kLe;
    if (lower && !spec.lower) {
      spec.lower = clone(*ip.value);
      spec.lower_inclusive = inclusive;
    } else if (!lower && !spec.upper) {
      spec.upper = clone(*ip.value);
      spec.upper_inclusive = inclusive;
    }
  }
  return spec;
}

class PhysicalPlanner {
 public:
  explicit PhysicalPlanner(size_t width) : width_(width) {}

  // The operators of `op`, over a fresh Argument leaf (returned in *leaf).
  OperatorPtr build(LogicalOperator& op, ArgumentOp** leaf) {
    if (std::holds_alternative<LogicalArgument>(op.operation)) {
      auto argument = std::make_unique<ArgumentOp>(width_);
      *leaf = argument.get();
      return argument;
    }
    // ORDER BY ... LIMIT n without SKIP keeps only n rows while sorting.
    if (auto* limit = std::get_if<LogicalLimit>(&op.operation)) {
      if (auto* order = std::get_if<LogicalOrderBy>(&op.input->operation)) {
        OperatorPtr input = build(*op.input->input, leaf);
        input = std::make_unique<Sort>(std::move(input), std::move(order->keys), width_, clone(*limit->count));
        return std::make_unique<Limit>(std::move(input), std::move(limit->count));
      }
    }
    OperatorPtr input = build(*op.input, leaf);
    return std::visit([&](auto& operation) { return make(std::move(input), operation, op); }, op.operation);
  }

 private:
  OperatorPtr nested(LogicalOperator& op, ArgumentOp** leaf) { return build(*op.nested, leaf); }

  OperatorPtr make(OperatorPtr, LogicalArgument&, LogicalOperator&) { return nullptr; }  // handled by build

  OperatorPtr make(OperatorPtr in, LogicalNodeScan& scan, LogicalOperator&) {
    switch (scan.access.kind) {
      case AccessPath::Kind::kAll: in = std::make_unique<AllNodesScan>(std::move(in), scan.slot); break;
      case AccessPath::Kind::kLabel: in = std::make_unique<LabelScan>(std::move(in), scan.slot, scan.access.label); break;
      case AccessPath::Kind::kIndex:
        in = std::make_unique<IndexSeek>(std::move(in), scan.slot, scan.access.index, scan.access.index_description,
                                         seek_spec(scan));
        break;
    }
    for (auto& p : scan.predicates) in = std::make_unique<Filter>(std::move(in), std::move(p.expr));
    return in;
  }

  OperatorPtr make(OperatorPtr in, LogicalExpand& e, LogicalOperator&) {
    if (e.var_length) return std::make_unique<VarExpand>(std::move(in), std::move(e.step));
    return std::make_unique<Expand>(std::move(in), std::move(static_cast<ExpandSpec&>(e.step)));
  }

  OperatorPtr make(OperatorPtr in, LogicalShortestPath& s, LogicalOperator&) {
    return std::make_unique<ShortestPathOp>(std::move(in), std::move(s.spec));
  }

  OperatorPtr make(OperatorPtr in, LogicalFilter& f, LogicalOperator&) {
    for (auto& p : f.predicates) in = std::make_unique<Filter>(std::move(in), std::move(p));
    return in;
  }

  OperatorPtr make(OperatorPtr in, LogicalProjection& p, LogicalOperator&) {
    return std::make_unique<Project>(std::move(in), std::move(p.items));
  }

  OperatorPtr make(OperatorPtr in, LogicalAggregate& a, LogicalOperator&) {
    return std::make_unique<Aggregate>(std::move(in), std::move(a.keys), std::move(a.aggregates), width_);
  }

  OperatorPtr make(OperatorPtr in, LogicalDistinct& d, LogicalOperator&) {
    return std::make_unique<Distinct>(std::move(in), std::move(d.slots));
  }

  OperatorPtr make(OperatorPtr in, LogicalOrderBy& o, LogicalOperator&) {
    return std::make_unique<Sort>(std::move(in), std::move(o.keys), width_);
  }

  OperatorPtr make(OperatorPtr in, LogicalSkip& s, LogicalOperator&) {
    return std::make_unique<Skip>(std::move(in), std::move(s.count));
  }

  OperatorPtr make(OperatorPtr in, LogicalLimit& l, LogicalOperator&) {
    return std::make_unique<Limit>(std::move(in), std::move(l.count));
  }

  OperatorPtr make(OperatorPtr in, LogicalUnwind& u, LogicalOperator&) {
    return std::make_unique<Unwind>(std::move(in), std::move(u.list), u.slot);
  }

  OperatorPtr make(OperatorPtr in, LogicalOptional& o, LogicalOperator& op) {
    ArgumentOp* leaf = nullptr;
    OperatorPtr inner = nested(op, &leaf);
    return std::make_unique<OptionalOp>(std::move(in), std::move(inner), leaf, std::move(o.introduced));
  }

  OperatorPtr make(OperatorPtr in, LogicalCreate& c, LogicalOperator&) {
    return std::make_unique<CreateOp>(std::move(in), width_, std::move(c.live), std::move(c.nodes), std::move(c.rels));
  }

  OperatorPtr make(OperatorPtr in, LogicalSet& s, LogicalOperator&) {
    return std::make_unique<SetOp>(std::move(in), width_, std::move(s.live), std::move(s.actions), s.remove);
  }

  OperatorPtr make(OperatorPtr in, LogicalDelete& d, LogicalOperator&) {
    return std::make_unique<DeleteOp>(std::move(in), width_, std::move(d.live), std::move(d.targets), d.detach);
  }

  OperatorPtr make(OperatorPtr in, LogicalMerge& m, LogicalOperator& op) {
    ArgumentOp* leaf = nullptr;
    OperatorPtr inner = nested(op, &leaf);
    return std::make_unique<MergeOp>(std::move(in), width_, std::move(m.live), std::move(inner), leaf, std::move(m.spec));
  }

  OperatorPtr make(OperatorPtr in, LogicalCall& c, LogicalOperator&) {
    return std::make_unique<CallOp>(std::move(in), c.procedure, std::move(c.arguments), std::move(c.yields), c.in_query);
  }

  OperatorPtr make(OperatorPtr in, LogicalSchemaCommand& s, LogicalOperator&) {
    return std::make_unique<SchemaCommandOp>(std::move(in), std::move(s.command));
  }

  size_t width_;
};

}  // namespace

PhysicalPlan plan_physical(LogicalPlan plan, size_t width) {
  PhysicalPlan out;
  out.root = PhysicalPlanner(width).build(*plan, &out.argument);
  return out;
}

}  // namespace mlkg::query

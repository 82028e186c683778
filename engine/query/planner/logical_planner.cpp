#include "engine/query/planner/logical_planner.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "engine/query/planner/cardinality.hpp"
#include "engine/query/planner/index_predicate.hpp"

namespace mlkg::query {

namespace {

const std::vector<Slot> kNoSlots;

// Where a pattern part could start, and what that costs.
struct StartChoice {
  double cost = std::numeric_limits<double>::infinity();
  size_t part = 0;
  size_t node = 0;
  bool bound = false;  // the node is bound already: no scan
  AccessPath access;   // unless bound; its seek_predicates index the pending predicates
  bool exact = false;  // an equality or IN seek, which no label scan beats
};

// How many rows a seek may give, roughly, on an index over `candidates`
// nodes: the planner has no value statistics.
double seek_rows(const IndexablePredicate& ip, bool unique, double candidates) {
  const double one = unique ? 1 : 10;
  switch (ip.kind) {
    case IndexSeekSpec::Kind::kEquals: return one;
    case IndexSeekSpec::Kind::kIn: {
      double n = 10;
      if (ip.value->kind == BoundKind::kList) n = static_cast<double>(ip.value->children.size());
      if (ip.value->kind == BoundKind::kConstant && ip.value->value.is_list())
        n = static_cast<double>(ip.value->value.as_list().size());
      return one * std::max(1.0, n);
    }
    case IndexSeekSpec::Kind::kRange:
    case IndexSeekSpec::Kind::kPrefix: return 2 + candidates / 3;
  }
  return one;
}

// The value of a constant integer expression (SKIP 5, LIMIT 10), if it is one.
std::optional<double> constant_count(const BoundExpr& e) {
  if (e.kind == BoundKind::kConstant && e.value.is_int()) return static_cast<double>(std::max<int64_t>(0, e.value.as_int()));
  return std::nullopt;
}

class LogicalPlanner {
 public:
  LogicalPlanner(GraphTxn& graph, const std::vector<Slot>& outer, bool estimate_rows)
      : graph_(graph), estimate_(graph, estimate_rows), bound_(outer.begin(), outer.end()) {}

  LogicalPlan plan(BoundSingleQuery& q) {
    LogicalPlan op = leaf();
    for (size_t i = 0; i < q.clauses.size(); ++i) {
      BoundClause& clause = q.clauses[i];
      const std::vector<Slot>& live = i < q.visible.size() ? q.visible[i] : kNoSlots;
      const double rows = op->estimated_rows;
      if (auto* m = std::get_if<BoundMatch>(&clause)) {
        op = plan_match(std::move(op), *m);
      } else if (auto* u = std::get_if<BoundUnwind>(&clause)) {
        double per_row = 10;
        if (u->list->kind == BoundKind::kConstant)
          per_row = u->list->value.is_list() ? static_cast<double>(u->list->value.as_list().size()) : 1;
        bound_.insert(u->slot);
        op = add(std::move(op), LogicalUnwind{std::move(u->list), u->slot}, rows * per_row);
      } else if (auto* p = std::get_if<BoundProjection>(&clause)) {
        op = plan_projection(std::move(op), *p);
      } else if (auto* c = std::get_if<BoundCreate>(&clause)) {
        for (const auto& n : c->nodes) bound_.insert(n.slot);
        for (const auto& r : c->rels) bound_.insert(r.slot);
        op = add(std::move(op), LogicalCreate{live, std::move(c->nodes), std::move(c->rels)}, rows);
        if (!c->paths.empty()) {
          for (const auto& [e, slot] : c->paths) bound_.insert(slot);
          op = add(std::move(op), LogicalProjection{std::move(c->paths)}, rows);
        }
      } else if (auto* set = std::get_if<BoundSet>(&clause)) {
        op = add(std::move(op), LogicalSet{live, std::move(set->actions), set->remove}, rows);
      } else if (auto* del = std::get_if<BoundDelete>(&clause)) {
        op = add(std::move(op), LogicalDelete{live, std::move(del->targets), del->detach}, rows);
      } else if (auto* merge = std::get_if<BoundMerge>(&clause)) {
        LogicalPlan nested = plan_pattern(leaf(), merge->match);
        if (merge->spec.path.first) bound_.insert(merge->spec.path.second);
        const double per_row = std::max(1.0, nested->estimated_rows);
        op = add(std::move(op), LogicalMerge{live, std::move(merge->spec)}, rows * per_row, std::move(nested));
      } else if (auto* call = std::get_if<BoundCall>(&clause)) {
        for (Slot s : call->yields)
          if (s != kNoSlot) bound_.insert(s);
        // A procedure's rows are unknown: ten a call, none for a VOID one.
        const double per_row = call->procedure->signature.outputs.empty() ? 1 : 10;
        op = add(std::move(op), LogicalCall{call->procedure, std::move(call->arguments), call->yields, !call->standalone},
                 rows * per_row);
        if (call->where) {
          std::vector<BoundExprPtr> where;
          where.push_back(std::move(call->where));
          op = filter(std::move(op), std::move(where));
        }
      } else if (auto* command = std::get_if<BoundSchemaCommand>(&clause)) {
        for (Slot s : command->columns) bound_.insert(s);
        op = add(std::move(op), LogicalSchemaCommand{std::move(*command)}, 1);
      }
    }
    return op;
  }

 private:
  static LogicalPlan leaf() {
    auto op = std::make_unique<LogicalOperator>();
    op->operation = LogicalArgument{};
    op->estimated_rows = 1;
    return op;
  }

  static LogicalPlan add(LogicalPlan input, LogicalOperation operation, double rows, LogicalPlan nested = nullptr) {
    auto op = std::make_unique<LogicalOperator>();
    op->operation = std::move(operation);
    op->input = std::move(input);
    op->nested = std::move(nested);
    op->estimated_rows = std::max(0.0, rows);
    return op;
  }

  LogicalPlan filter(LogicalPlan input, std::vector<BoundExprPtr> predicates) {
    double rows = input->estimated_rows;
    for (const auto& p : predicates) rows *= estimate_.selectivity(*p);
    return add(std::move(input), LogicalFilter{std::move(predicates)}, rows);
  }

  bool is_bound(Slot s) const { return bound_.count(s) > 0; }

  bool ready(const PlannedPredicate& p) const {
    return std::all_of(p.reads.begin(), p.reads.end(), [&](Slot s) { return is_bound(s); });
  }

  // Moves the predicates whose slots are all bound out of `pending`, in order.
  std::vector<PlannedPredicate> take_ready(std::vector<PlannedPredicate>& pending,
                                           std::vector<size_t>* positions = nullptr) const {
    std::vector<PlannedPredicate> out;
    std::vector<PlannedPredicate> rest;
    for (size_t i = 0; i < pending.size(); ++i) {
      if (positions) positions->push_back(ready(pending[i]) ? out.size() : SIZE_MAX);
      (ready(pending[i]) ? out : rest).push_back(std::move(pending[i]));
    }
    pending = std::move(rest);
    return out;
  }

  LogicalPlan apply_ready(LogicalPlan op, std::vector<PlannedPredicate>& pending) {
    std::vector<PlannedPredicate> now = take_ready(pending);
    if (now.empty()) return op;
    std::vector<BoundExprPtr> predicates;
    for (auto& p : now) predicates.push_back(std::move(p.expr));
    return filter(std::move(op), std::move(predicates));
  }

  // ---- MATCH

  LogicalPlan plan_match(LogicalPlan input, BoundMatch& m) {
    if (!m.optional) return plan_pattern(std::move(input), m);
    LogicalPlan nested = plan_pattern(leaf(), m);
    const double rows = input->estimated_rows * std::max(1.0, nested->estimated_rows);
    return add(std::move(input), LogicalOptional{m.introduced}, rows, std::move(nested));
  }

  StartChoice cost_of(const BoundPatternPart& part, size_t part_index, size_t node_index,
                      const std::vector<PlannedPredicate>& pending) {
    const BoundNodePattern& n = part.nodes[node_index];
    StartChoice c;
    c.part = part_index;
    c.node = node_index;
    if (is_bound(n.slot)) {
      c.cost = 0;
      c.bound = true;
      return c;
    }
    const storage::Catalog& cat = graph_.catalog();
    auto bound = [&](Slot s) { return is_bound(s); };
    // An index seek on an equality, IN, a range or a prefix.
    for (size_t i = 0; i < pending.size(); ++i) {
      IndexablePredicate ip;
      if (!match_indexable(*pending[i].expr, n.slot, bound, &ip)) continue;
      auto key_id = cat.find_key(ip.key);
      if (!key_id) continue;
      std::vector<storage::LabelId> candidates = {0};
      for (const auto& l : n.labels)
        if (auto id = cat.find_label(l)) candidates.push_back(*id);
      for (storage::LabelId l : candidates) {
        const storage::IndexDefinition* def = cat.find_index(l, *key_id);
        if (!def) continue;
        const bool scans = ip.kind == IndexSeekSpec::Kind::kRange || ip.kind == IndexSeekSpec::Kind::kPrefix;
        const double over = !scans ? 0 : l ? estimate_.nodes_with_label(cat.label_name(l)) : estimate_.nodes();
        const double rows = seek_rows(ip, def->unique, over);
        if (rows < c.cost) {
          c.cost = rows;
          c.access.kind = AccessPath::Kind::kIndex;
          c.access.estimated_rows = rows;
          c.access.index = def->id;
          c.access.index_description =
              (l ? "(:" + quote_cypher_name(cat.label_name(l)) + ")" : std::string("()")) + "." + quote_cypher_name(ip.key);
          c.access.seek_predicates = {i};
          c.exact = !scans;
        }
      }
    }
    // An equality seek wins; a range seek competes with a rarer label.
    if (c.access.kind == AccessPath::Kind::kIndex && c.exact) return c;
    for (const auto& l : n.labels) {
      const double count = estimate_.nodes_with_label(l);
      if (2 + count < c.cost) {
        c.cost = 2 + count;
        c.access = AccessPath{};
        c.access.kind = AccessPath::Kind::kLabel;
        c.access.estimated_rows = count;
        c.access.label = l;
      }
    }
    if (c.access.kind != AccessPath::Kind::kAll) return c;
    c.cost = 3 + estimate_.nodes();
    c.access.estimated_rows = estimate_.nodes();
    return c;
  }

  // A range seek also takes its other bound from another predicate on the
  // same key (a < n.x AND n.x < b): adds those predicates to the access.
  void add_range_bounds(AccessPath& access, Slot slot, const std::vector<PlannedPredicate>& pending) const {
    auto bound = [&](Slot s) { return is_bound(s); };
    IndexablePredicate chosen;
    match_indexable(*pending[access.seek_predicates[0]].expr, slot, bound, &chosen);
    if (chosen.kind != IndexSeekSpec::Kind::kRange) return;
    auto is_lower = [](ast::Op op) { return op == ast::Op::kGt || op == ast::Op::kGe; };
    bool lower = is_lower(chosen.op), upper = !lower;
    for (size_t i = 0; i < pending.size() && !(lower && upper); ++i) {
      IndexablePredicate other;
      if (i == access.seek_predicates[0] || !match_indexable(*pending[i].expr, slot, bound, &other) ||
          other.kind != IndexSeekSpec::Kind::kRange || other.key != chosen.key)
        continue;
      bool& side = is_lower(other.op) ? lower : upper;
      if (side) continue;
      side = true;
      access.seek_predicates.push_back(i);
    }
  }

  // Binds the start node of a part through its access path; the predicates
  // ready then go into the scan.
  LogicalPlan scan(LogicalPlan op, Slot start, AccessPath access, std::vector<PlannedPredicate>& pending) {
    if (access.kind == AccessPath::Kind::kIndex) add_range_bounds(access, start, pending);
    bound_.insert(start);
    std::vector<size_t> positions;
    LogicalNodeScan node_scan;
    node_scan.slot = start;
    node_scan.predicates = take_ready(pending, &positions);
    for (size_t& p : access.seek_predicates) p = positions[p];
    // An index seek yields about access.estimated_rows nodes, which its
    // predicates hold for (and, a pattern's key being chosen for its label,
    // its label checks too); label and full scans are filtered by them all.
    const bool seek = access.kind == AccessPath::Kind::kIndex;
    double rows = seek || !estimate_.estimating() ? access.estimated_rows : estimate_.nodes();
    for (size_t i = 0; i < node_scan.predicates.size(); ++i) {
      const BoundExpr& predicate = *node_scan.predicates[i].expr;
      const bool answered = std::find(access.seek_predicates.begin(), access.seek_predicates.end(), i) !=
                            access.seek_predicates.end();
      if (!seek || !(answered || predicate.kind == BoundKind::kLabelCheck)) rows *= estimate_.selectivity(predicate);
    }
    node_scan.access = std::move(access);
    const double input_rows = op->estimated_rows;
    return add(std::move(op), std::move(node_scan), input_rows * rows);
  }

  // `forward`: from is the pattern's left node (the expansion follows the
  // written order).
  LogicalPlan expand(LogicalPlan op, BoundRelPattern& rel, const BoundNodePattern& from, Slot to,
                     ast::RelDirection direction, bool forward, std::vector<Slot>& match_rels) {
    LogicalExpand e;
    e.var_length = rel.var_length;
    VarExpandSpec& step = e.step;
    step.from = from.slot;
    step.rel = rel.slot;
    step.to = to;
    step.direction = direction;
    step.types = rel.types;
    step.to_bound = is_bound(to);
    step.rel_bound = is_bound(rel.slot);
    step.unique_with = match_rels;
    if (rel.var_length) {
      step.min = rel.min;
      step.max = rel.max;
      step.properties = std::move(rel.properties);
      step.segment_nodes = rel.segment_nodes;
      step.reverse = !forward;
    }
    const double rows = op->estimated_rows * estimate_.expansion_rows(step, e.var_length, from.labels);
    bound_.insert(rel.slot);
    bound_.insert(to);
    if (rel.segment_nodes != kNoSlot) bound_.insert(rel.segment_nodes);
    match_rels.push_back(rel.slot);
    return add(std::move(op), std::move(e), rows);
  }

  LogicalPlan plan_pattern(LogicalPlan op, BoundMatch& m) {
    std::vector<PlannedPredicate> pending;
    for (auto& p : m.predicates) {
      PlannedPredicate pred;
      collect_slots(*p, &pred.reads);
      pred.expr = std::move(p);
      pending.push_back(std::move(pred));
    }
    op = apply_ready(std::move(op), pending);
    std::vector<Slot> match_rels;
    std::vector<bool> done(m.parts.size(), false);
    for (size_t remaining = m.parts.size(); remaining > 0; --remaining) {
      StartChoice best;
      for (size_t p = 0; p < m.parts.size(); ++p) {
        if (done[p]) continue;
        for (size_t n = 0; n < m.parts[p].nodes.size(); ++n) {
          StartChoice c = cost_of(m.parts[p], p, n, pending);
          if (c.cost < best.cost) best = std::move(c);
        }
      }
      BoundPatternPart& part = m.parts[best.part];
      done[best.part] = true;
      Slot start = part.nodes[best.node].slot;
      if (best.bound) {
        op = apply_ready(std::move(op), pending);
      } else {
        op = scan(std::move(op), start, std::move(best.access), pending);
      }
      for (size_t k = best.node; k < part.rels.size(); ++k) {
        op = expand(std::move(op), part.rels[k], part.nodes[k], part.nodes[k + 1].slot, part.rels[k].direction, true,
                    match_rels);
        op = apply_ready(std::move(op), pending);
      }
      for (size_t k = best.node; k-- > 0;) {
        op = expand(std::move(op), part.rels[k], part.nodes[k + 1], part.nodes[k].slot,
                    ast::reversed(part.rels[k].direction), false, match_rels);
        op = apply_ready(std::move(op), pending);
      }
      if (part.path) {
        std::vector<std::pair<BoundExprPtr, Slot>> item;
        item.emplace_back(std::move(part.path), part.path_slot);
        const double rows = op->estimated_rows;
        op = add(std::move(op), LogicalProjection{std::move(item)}, rows);
        bound_.insert(part.path_slot);
        op = apply_ready(std::move(op), pending);
      }
    }
    for (ShortestPathSpec& spec : m.shortest_paths) op = shortest_path(std::move(op), spec, pending, match_rels);
    for (Slot s : m.introduced) bound_.insert(s);
    if (!pending.empty()) {
      std::vector<BoundExprPtr> rest;
      for (auto& p : pending) rest.push_back(std::move(p.expr));
      op = filter(std::move(op), std::move(rest));
    }
    return op;
  }

  // A shortest path search, once its end nodes are bound. The predicates
  // about the path (or its relationships) that can be evaluated then go into
  // the search: the paths it returns must satisfy them.
  LogicalPlan shortest_path(LogicalPlan op, ShortestPathSpec& spec, std::vector<PlannedPredicate>& pending,
                            std::vector<Slot>& match_rels) {
    auto found_here = [&](Slot s) { return s == spec.rel || (spec.path != kNoSlot && s == spec.path); };
    for (auto it = pending.begin(); it != pending.end();) {
      bool about_path = std::any_of(it->reads.begin(), it->reads.end(), found_here);
      bool evaluable =
          std::all_of(it->reads.begin(), it->reads.end(), [&](Slot s) { return found_here(s) || is_bound(s); });
      if (about_path && evaluable) {
        spec.predicates.push_back(std::move(it->expr));
        it = pending.erase(it);
      } else {
        ++it;
      }
    }
    spec.unique_with = match_rels;
    match_rels.push_back(spec.rel);
    bound_.insert(spec.rel);
    if (spec.path != kNoSlot) bound_.insert(spec.path);
    const double rows = op->estimated_rows;
    op = add(std::move(op), LogicalShortestPath{std::move(spec)}, rows);
    return apply_ready(std::move(op), pending);
  }

  // ---- WITH / RETURN

  LogicalPlan plan_projection(LogicalPlan op, BoundProjection& p) {
    if (p.aggregating) {
      for (const auto& [e, slot] : p.group_keys) bound_.insert(slot);
      for (const auto& a : p.aggregates) bound_.insert(a.out);
      // One row without grouping keys; with them, about the square root of the input's rows.
      const double in = op->estimated_rows;
      const double rows = p.group_keys.empty() ? 1 : std::min(in, std::max(1.0, std::sqrt(in)));
      op = add(std::move(op), LogicalAggregate{std::move(p.group_keys), std::move(p.aggregates)}, rows);
    }
    if (!p.items.empty()) {
      for (const auto& [e, slot] : p.items) bound_.insert(slot);
      const double rows = op->estimated_rows;
      op = add(std::move(op), LogicalProjection{std::move(p.items)}, rows);
    }
    if (p.distinct) {
      const double rows = op->estimated_rows;
      op = add(std::move(op), LogicalDistinct{p.output}, rows);
    }
    if (!p.order_by.empty()) {
      const double rows = op->estimated_rows;
      op = add(std::move(op), LogicalOrderBy{std::move(p.order_by)}, rows);
    }
    if (p.skip) {
      const double in = op->estimated_rows;
      auto n = constant_count(*p.skip);
      op = add(std::move(op), LogicalSkip{std::move(p.skip)}, n ? std::max(0.0, in - *n) : in);
    }
    if (p.limit) {
      const double in = op->estimated_rows;
      auto n = constant_count(*p.limit);
      op = add(std::move(op), LogicalLimit{std::move(p.limit)}, n ? std::min(in, *n) : in);
    }
    if (p.where) {
      std::vector<BoundExprPtr> where;
      where.push_back(std::move(p.where));
      op = filter(std::move(op), std::move(where));
    }
    return op;
  }

  GraphTxn& graph_;
  CardinalityEstimator estimate_;
  std::set<Slot> bound_;
};

}  // namespace

LogicalPlan plan_logical(BoundSingleQuery& q, GraphTxn& graph, const std::vector<Slot>& outer, bool estimate_rows) {
  return LogicalPlanner(graph, outer, estimate_rows).plan(q);
}

}  // namespace mlkg::query

#include "engine/query/planner/planner.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <limits>

#include "engine/query/execution/aggregate_op.hpp"
#include "engine/query/execution/call_op.hpp"
#include "engine/query/execution/create_op.hpp"
#include "engine/query/execution/delete_op.hpp"
#include "engine/query/execution/merge_op.hpp"
#include "engine/query/execution/set_op.hpp"
#include "engine/query/execution/expand_ops.hpp"
#include "engine/query/execution/optional_op.hpp"
#include "engine/query/execution/row_ops.hpp"
#include "engine/query/execution/scan_ops.hpp"
#include "engine/query/execution/schema_ops.hpp"
#include "engine/query/execution/shortest_path_op.hpp"
#include "engine/query/execution/sort_ops.hpp"

namespace mlkg::query {

namespace {

struct Predicate {
  BoundExprPtr expr;
  std::vector<Slot> reads;
};

// How to start a pattern part at one node.
struct StartChoice {
  double cost = std::numeric_limits<double>::infinity();
  size_t part = 0;
  size_t node = 0;
  enum class Kind { kBound, kIndex, kLabel, kAll } kind = Kind::kAll;
  storage::IndexId index = 0;
  std::string index_description;
  size_t predicate = 0;  // kIndex: the predicate that feeds the seek
  bool exact = false;    // kIndex: an equality or IN seek, which no label scan beats
  std::string label;     // kLabel
};

// A predicate on `slot.key` that an index on the key can answer (a
// superset of), with the property read on the left: slot.key = v,
// slot.key IN v, slot.key < v (<=, >, >=), slot.key STARTS WITH v.
struct IndexablePredicate {
  std::string key;
  IndexSeekSpec::Kind kind = IndexSeekSpec::Kind::kEquals;
  ast::Op op = ast::Op::kEq;
  const BoundExpr* value = nullptr;
};

ast::Op flipped(ast::Op op) {
  switch (op) {
    case ast::Op::kLt: return ast::Op::kGt;
    case ast::Op::kLe: return ast::Op::kGe;
    case ast::Op::kGt: return ast::Op::kLt;
    case ast::Op::kGe: return ast::Op::kLe;
    default: return op;
  }
}

const std::vector<Slot> kNoSlots;

class Planner {
 public:
  Planner(GraphTxn& graph, size_t width) : graph_(graph), width_(width) {}

  // The slots of `outer` count as bound: a subquery's plan runs on the outer row.
  void assume_bound(const std::vector<Slot>& outer) { bound_.insert(outer.begin(), outer.end()); }
  // The leaf of the last plan built.
  ArgumentOp* argument() const { return argument_; }

  OperatorPtr plan(BoundSingleQuery& q) {
    auto leaf = std::make_unique<ArgumentOp>(width_);
    argument_ = leaf.get();
    OperatorPtr op = std::move(leaf);
    for (size_t i = 0; i < q.clauses.size(); ++i) {
      BoundClause& clause = q.clauses[i];
      const std::vector<Slot>& live = i < q.visible.size() ? q.visible[i] : kNoSlots;
      if (auto* m = std::get_if<BoundMatch>(&clause)) {
        op = plan_match(std::move(op), *m);
      } else if (auto* u = std::get_if<BoundUnwind>(&clause)) {
        op = std::make_unique<Unwind>(std::move(op), std::move(u->list), u->slot);
        bound_.insert(u->slot);
      } else if (auto* p = std::get_if<BoundProjection>(&clause)) {
        op = plan_projection(std::move(op), *p);
      } else if (auto* c = std::get_if<BoundCreate>(&clause)) {
        for (const auto& n : c->nodes) bound_.insert(n.slot);
        for (const auto& r : c->rels) bound_.insert(r.slot);
        op = std::make_unique<CreateOp>(std::move(op), width_, live, std::move(c->nodes), std::move(c->rels));
        if (!c->paths.empty()) {
          for (const auto& [e, slot] : c->paths) bound_.insert(slot);
          op = std::make_unique<Project>(std::move(op), std::move(c->paths));
        }
      } else if (auto* set = std::get_if<BoundSet>(&clause)) {
        op = std::make_unique<SetOp>(std::move(op), width_, live, std::move(set->actions), set->remove);
      } else if (auto* del = std::get_if<BoundDelete>(&clause)) {
        op = std::make_unique<DeleteOp>(std::move(op), width_, live, std::move(del->targets), del->detach);
      } else if (auto* merge = std::get_if<BoundMerge>(&clause)) {
        auto argument = std::make_unique<ArgumentOp>(width_);
        ArgumentOp* leaf = argument.get();
        OperatorPtr nested = plan_pattern(std::move(argument), merge->match);
        if (merge->spec.path.first) bound_.insert(merge->spec.path.second);
        op = std::make_unique<MergeOp>(std::move(op), width_, live, std::move(nested), leaf, std::move(merge->spec));
      } else if (auto* call = std::get_if<BoundCall>(&clause)) {
        for (Slot s : call->yields)
          if (s != kNoSlot) bound_.insert(s);
        op = std::make_unique<CallOp>(std::move(op), call->procedure, std::move(call->arguments), call->yields,
                                      !call->standalone);
        if (call->where) op = std::make_unique<Filter>(std::move(op), std::move(call->where));
      } else if (auto* command = std::get_if<BoundSchemaCommand>(&clause)) {
        for (Slot s : command->columns) bound_.insert(s);
        op = std::make_unique<SchemaCommandOp>(std::move(op), std::move(*command));
      }
    }
    return op;
  }

 private:
  // ---- MATCH

  OperatorPtr plan_match(OperatorPtr input, BoundMatch& m) {
    if (!m.optional) return plan_pattern(std::move(input), m);
    auto argument = std::make_unique<ArgumentOp>(width_);
    ArgumentOp* leaf = argument.get();
    OperatorPtr nested = plan_pattern(std::move(argument), m);
    return std::make_unique<OptionalOp>(std::move(input), std::move(nested), leaf, m.introduced);
  }

  bool is_bound(Slot s) const { return bound_.count(s) > 0; }

  bool ready(const Predicate& p) const {
    return std::all_of(p.reads.begin(), p.reads.end(), [&](Slot s) { return is_bound(s); });
  }

  OperatorPtr apply_ready(OperatorPtr op, std::vector<Predicate>& pending) {
    for (auto it = pending.begin(); it != pending.end();) {
      if (ready(*it)) {
        op = std::make_unique<Filter>(std::move(op), std::move(it->expr));
        it = pending.erase(it);
      } else {
        ++it;
      }
    }
    return op;
  }

  // A predicate an index on slot.key can answer, whose value can be
  // computed before the seek.
  bool indexable(const Predicate& p, Slot slot, IndexablePredicate* out) const {
    const BoundExpr& e = *p.expr;
    if (e.kind != BoundKind::kBinary) return false;
    switch (e.op) {
      case ast::Op::kEq: case ast::Op::kLt: case ast::Op::kLe: case ast::Op::kGt: case ast::Op::kGe:
      case ast::Op::kIn: case ast::Op::kStartsWith: break;
      default: return false;
    }
    const bool symmetric = e.op != ast::Op::kIn && e.op != ast::Op::kStartsWith;  // the property may be on the right
    for (int side = 0; side < (symmetric ? 2 : 1); ++side) {
      const BoundExpr& prop = *e.children[side];
      const BoundExpr& other = *e.children[1 - side];
      if (prop.kind != BoundKind::kProperty || prop.children[0]->kind != BoundKind::kSlot ||
          prop.children[0]->slot != slot)
        continue;
      std::vector<Slot> reads;
      collect_slots(other, &reads);
      if (!std::all_of(reads.begin(), reads.end(), [&](Slot s) { return is_bound(s); })) continue;
      out->key = prop.name;
      out->op = side == 0 ? e.op : flipped(e.op);
      out->value = &other;
      switch (e.op) {
        case ast::Op::kEq: out->kind = IndexSeekSpec::Kind::kEquals; break;
        case ast::Op::kIn: out->kind = IndexSeekSpec::Kind::kIn; break;
        case ast::Op::kStartsWith: out->kind = IndexSeekSpec::Kind::kPrefix; break;
        default: out->kind = IndexSeekSpec::Kind::kRange; break;
      }
      return true;
    }
    return false;
  }

  // The seek for the chosen predicate; a range takes its other bound from
  // another predicate on the same key if there is one (a < n.x AND n.x < b).
  IndexSeekSpec seek_spec(const std::vector<Predicate>& pending, size_t chosen, Slot slot) const {
    IndexablePredicate ip;
    indexable(pending[chosen], slot, &ip);
    IndexSeekSpec spec;
    spec.kind = ip.kind;
    if (ip.kind != IndexSeekSpec::Kind::kRange) {
      spec.value = clone(*ip.value);
      return spec;
    }
    auto set_bound = [&](const IndexablePredicate& b) {
      const bool lower = b.op == ast::Op::kGt || b.op == ast::Op::kGe;
      BoundExprPtr& bound = lower ? spec.lower : spec.upper;
      if (bound) return;
      bound = clone(*b.value);
      (lower ? spec.lower_inclusive : spec.upper_inclusive) = b.op == ast::Op::kGe || b.op == ast::Op::kLe;
    };
    set_bound(ip);
    for (size_t i = 0; i < pending.size(); ++i) {
      IndexablePredicate other;
      if (i != chosen && indexable(pending[i], slot, &other) && other.kind == IndexSeekSpec::Kind::kRange &&
          other.key == ip.key)
        set_bound(other);
    }
    return spec;
  }

  // How many rows a seek of `kind` may give, roughly, on an index over
  // `candidates` nodes: the planner has no value statistics.
  static double seek_cost(const IndexablePredicate& ip, bool unique, double candidates) {
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

  uint64_t nodes_with_label(storage::LabelId label) {
    uint64_t count = 0;
    Status s = label ? graph_.txn().count_nodes_with_label(label, &count) : graph_.txn().count_nodes(&count);
    throw_if_failed(s);
    return count;
  }

  StartChoice cost_of(const BoundPatternPart& part, size_t part_index, size_t node_index,
                      const std::vector<Predicate>& pending) {
    const BoundNodePattern& n = part.nodes[node_index];
    StartChoice c;
    c.part = part_index;
    c.node = node_index;
    if (is_bound(n.slot)) {
      c.cost = 0;
      c.kind = StartChoice::Kind::kBound;
      return c;
    }
    const storage::Catalog& cat = graph_.catalog();
    // An index seek on an equality, IN, a range or a prefix.
    for (size_t i = 0; i < pending.size(); ++i) {
      IndexablePredicate ip;
      if (!indexable(pending[i], n.slot, &ip)) continue;
      const std::string& key = ip.key;
      auto key_id = cat.find_key(key);
      if (!key_id) continue;
      std::vector<storage::LabelId> candidates = {0};
      for (const auto& l : n.labels)
        if (auto id = cat.find_label(l)) candidates.push_back(*id);
      for (storage::LabelId l : candidates) {
        const storage::IndexDefinition* def = cat.find_index(l, *key_id);
        if (!def) continue;
        const bool scans = ip.kind == IndexSeekSpec::Kind::kRange || ip.kind == IndexSeekSpec::Kind::kPrefix;
        double cost = seek_cost(ip, def->unique, scans ? static_cast<double>(nodes_with_label(l)) : 0);
        if (cost < c.cost) {
          c.cost = cost;
          c.kind = StartChoice::Kind::kIndex;
          c.index = def->id;
          c.index_description = (l ? "(:" + quote_cypher_name(cat.label_name(l)) + ")" : std::string("()")) + "." +
                                quote_cypher_name(key);
          c.predicate = i;
          c.exact = !scans;
        }
      }
    }
    // An equality seek wins; a range seek competes with a rarer label.
    if (c.kind == StartChoice::Kind::kIndex && c.exact) return c;
    // The rarest label.
    for (const auto& l : n.labels) {
      uint64_t count = 0;
      if (auto id = cat.find_label(l)) {
        Status s = graph_.txn().count_nodes_with_label(*id, &count);
        throw_if_failed(s);
      }
      double cost = 2 + static_cast<double>(count);
      if (cost < c.cost) {
        c.cost = cost;
        c.kind = StartChoice::Kind::kLabel;
        c.label = l;
      }
    }
    if (c.kind == StartChoice::Kind::kLabel || c.kind == StartChoice::Kind::kIndex) return c;
    uint64_t all = 0;
    Status s = graph_.txn().count_nodes(&all);
    throw_if_failed(s);
    c.cost = 3 + static_cast<double>(all);
    c.kind = StartChoice::Kind::kAll;
    return c;
  }

  // `forward`: from is the pattern's left node (the expansion follows the
  // written order).
  OperatorPtr expand(OperatorPtr op, BoundRelPattern& rel, Slot from, Slot to, ast::RelDirection direction,
                     bool forward, std::vector<Slot>& match_rels) {
    ExpandSpec spec;
    spec.from = from;
    spec.rel = rel.slot;
    spec.to = to;
    spec.direction = direction;
    spec.types = rel.types;
    spec.to_bound = is_bound(to);
    spec.rel_bound = is_bound(rel.slot);
    spec.unique_with = match_rels;
    if (rel.var_length) {
      VarExpandSpec v;
      static_cast<ExpandSpec&>(v) = std::move(spec);
      v.min = rel.min;
      v.max = rel.max;
      v.properties = std::move(rel.properties);
      v.segment_nodes = rel.segment_nodes;
      v.reverse = !forward;
      op = std::make_unique<VarExpand>(std::move(op), std::move(v));
    } else {
      op = std::make_unique<Expand>(std::move(op), std::move(spec));
    }
    bound_.insert(rel.slot);
    bound_.insert(to);
    if (rel.segment_nodes != kNoSlot) bound_.insert(rel.segment_nodes);
    match_rels.push_back(rel.slot);
    return op;
  }

  OperatorPtr plan_pattern(OperatorPtr op, BoundMatch& m) {
    std::vector<Predicate> pending;
    for (auto& p : m.predicates) {
      Predicate pred;
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
          if (c.cost < best.cost) best = c;
        }
      }
      BoundPatternPart& part = m.parts[best.part];
      done[best.part] = true;
      Slot start = part.nodes[best.node].slot;
      switch (best.kind) {
        case StartChoice::Kind::kBound: break;
        case StartChoice::Kind::kIndex:
          op = std::make_unique<IndexSeek>(std::move(op), start, best.index, best.index_description,
                                           seek_spec(pending, best.predicate, start));
          break;
        case StartChoice::Kind::kLabel:
          op = std::make_unique<LabelScan>(std::move(op), start, best.label);
          break;
        case StartChoice::Kind::kAll:
          op = std::make_unique<AllNodesScan>(std::move(op), start);
          break;
      }
      bound_.insert(start);
      op = apply_ready(std::move(op), pending);
      for (size_t k = best.node; k < part.rels.size(); ++k) {
        op = expand(std::move(op), part.rels[k], part.nodes[k].slot, part.nodes[k + 1].slot, part.rels[k].direction,
                    true, match_rels);
        op = apply_ready(std::move(op), pending);
      }
      for (size_t k = best.node; k-- > 0;) {
        op = expand(std::move(op), part.rels[k], part.nodes[k + 1].slot, part.nodes[k].slot,
                    ast::reversed(part.rels[k].direction), false, match_rels);
        op = apply_ready(std::move(op), pending);
      }
      if (part.path) {
        std::vector<std::pair<BoundExprPtr, Slot>> item;
        item.emplace_back(std::move(part.path), part.path_slot);
        op = std::make_unique<Project>(std::move(op), std::move(item));
        bound_.insert(part.path_slot);
        op = apply_ready(std::move(op), pending);
      }
    }
    for (ShortestPathSpec& spec : m.shortest_paths) op = shortest_path(std::move(op), spec, pending, match_rels);
    for (Slot s : m.introduced) bound_.insert(s);
    for (auto& p : pending) op = std::make_unique<Filter>(std::move(op), std::move(p.expr));
    return op;
  }

  // A shortest path search, once its end nodes are bound. The predicates
  // about the path (or its relationships) that can be evaluated then go into
  // the search: the paths it returns must satisfy them.
  OperatorPtr shortest_path(OperatorPtr op, ShortestPathSpec& spec, std::vector<Predicate>& pending,
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
    op = std::make_unique<ShortestPathOp>(std::move(op), std::move(spec));
    return apply_ready(std::move(op), pending);
  }

  // ---- WITH / RETURN

  OperatorPtr plan_projection(OperatorPtr op, BoundProjection& p) {
    if (p.aggregating) {
      for (const auto& [e, slot] : p.group_keys) bound_.insert(slot);
      for (const auto& a : p.aggregates) bound_.insert(a.out);
      op = std::make_unique<Aggregate>(std::move(op), std::move(p.group_keys), std::move(p.aggregates), width_);
    }
    if (!p.items.empty()) {
      for (const auto& [e, slot] : p.items) bound_.insert(slot);
      op = std::make_unique<Project>(std::move(op), std::move(p.items));
    }
    if (p.distinct) op = std::make_unique<Distinct>(std::move(op), p.output);
    if (!p.order_by.empty()) {
      // ORDER BY ... LIMIT n without SKIP keeps only n rows while sorting.
      BoundExprPtr top = p.limit && !p.skip ? clone(*p.limit) : nullptr;
      op = std::make_unique<Sort>(std::move(op), std::move(p.order_by), width_, std::move(top));
    }
    if (p.skip) op = std::make_unique<Skip>(std::move(op), std::move(p.skip));
    if (p.limit) op = std::make_unique<Limit>(std::move(op), std::move(p.limit));
    if (p.where) op = std::make_unique<Filter>(std::move(op), std::move(p.where));
    return op;
  }

  GraphTxn& graph_;
  size_t width_;
  std::set<Slot> bound_;
  ArgumentOp* argument_ = nullptr;
};

// Replaces each "#<slot>" with the slot's variable name.
std::string name_slots(const std::string& text, const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '#' || i + 1 >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
      out += text[i];
      continue;
    }
    size_t j = i + 1;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    size_t slot = std::stoul(text.substr(i + 1, j - i - 1));
    out += slot < names.size() && !names[slot].empty() ? quote_cypher_name(names[slot]) : "anon_" + std::to_string(slot);
    i = j - 1;
  }
  return out;
}

void render(const Operator& op, bool profile, int depth, const std::vector<std::string>& names, std::string* out) {
  std::string line(static_cast<size_t>(depth) * 2, ' ');
  line += '+';
  line += op.name();
  std::string details = name_slots(op.details(), names);
  // A folded constant (range(1, 5000)) can be long: a plan line stays readable.
  constexpr size_t kMaxDetails = 120;
  if (details.size() > kMaxDetails) {
    size_t cut = kMaxDetails;
    while (cut > 0 && (static_cast<unsigned char>(details[cut]) & 0xC0) == 0x80) --cut;  // not inside UTF-8
    details.resize(cut);
    details.append(3, '.');  // not += "...": g++ 12 warns (-Wrestrict)
  }
  if (!details.empty()) line += " " + details;
  if (profile) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "  (rows: %llu, time: %.3f ms)", static_cast<unsigned long long>(op.rows()),
                  static_cast<double>(op.nanos()) / 1e6);
    line += buf;
  }
  *out += line + "\n";
  if (const Operator* nested = op.nested()) render(*nested, profile, depth + 2, names, out);
  if (const Operator* in = op.input()) render(*in, profile, depth + 1, names, out);
}

}  // namespace

OperatorPtr plan_single_query(BoundSingleQuery& q, size_t width, GraphTxn& graph) {
  return Planner(graph, width).plan(q);
}

namespace {

// A subquery part's operators, run for one outer row at a time.
class OperatorSubqueryPlan final : public SubqueryPlan {
 public:
  OperatorSubqueryPlan(OperatorPtr root, ArgumentOp* argument) : root_(std::move(root)), argument_(argument) {}
  void run(const Row& outer, ExecContext& ctx, const std::function<bool(Row&)>& on_row) override {
    argument_->set_argument(outer);
    root_->open(ctx);
    Row inner;
    while (root_->next(inner, ctx))
      if (!on_row(inner)) return;
  }

 private:
  OperatorPtr root_;
  ArgumentOp* argument_;  // root_'s leaf, owned by root_
};

}  // namespace

void plan_subqueries(BoundQuery& bound, GraphTxn& graph) {
  for (const auto& sub : bound.subqueries) {
    for (BoundSingleQuery& part : sub->parts) {
      Planner planner(graph, bound.width);
      planner.assume_bound(sub->outer);
      OperatorPtr root = planner.plan(part);
      ArgumentOp* argument = planner.argument();
      sub->expr->plans.push_back(std::make_unique<OperatorSubqueryPlan>(std::move(root), argument));
    }
  }
}

std::string render_plan(const Operator& root, bool profile, const std::vector<std::string>& slot_names) {
  std::string out;
  render(root, profile, 0, slot_names, &out);
  return out;
}

}  // namespace mlkg::query

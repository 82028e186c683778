// Binding the expressions that hold a query: pattern predicates, pattern
// comprehensions and EXISTS { } subqueries (bound_subquery.hpp).
//
// Scoping: the query sees every variable visible where the expression is
// (inside an aggregating projection, only the grouping keys and what the
// projection makes visible). A pattern predicate introduces no variable: each
// one it names must be bound outside (UndefinedVariable). A pattern
// comprehension and an EXISTS subquery may introduce variables; they are
// local to it. An EXISTS subquery cannot write (InvalidClauseComposition).

#include <algorithm>
#include <variant>

#include "engine/query/binder/binder_internal.hpp"

namespace mlkg::query {

namespace {

// Restores the binder's running scope and subquery flag when a subquery has
// been bound (binding a subquery moves them).
class BinderStateGuard {
 public:
  BinderStateGuard(Scope& scope, bool& in_subquery) : scope_(scope), in_subquery_(in_subquery) {
    saved_scope_ = scope;
    saved_flag_ = in_subquery;
  }
  ~BinderStateGuard() {
    scope_ = std::move(saved_scope_);
    in_subquery_ = saved_flag_;
  }
  BinderStateGuard(const BinderStateGuard&) = delete;
  BinderStateGuard& operator=(const BinderStateGuard&) = delete;

 private:
  Scope& scope_;
  bool& in_subquery_;
  Scope saved_scope_;
  bool saved_flag_;
};

// The variables the subquery sees. Inside an aggregating projection, a
// grouping key is read from its key slot, and what is neither a key nor
// allowed beside the aggregates is out of reach.
Scope visible_outside(const ExprContext& ctx) {
  if (!ctx.scope) return Scope();
  if (!ctx.rules) return *ctx.scope;
  Scope out;
  const AggregationRules& rules = *ctx.rules;
  for (const Variable& v : ctx.scope->variables()) {
    if (std::find(rules.allowed.begin(), rules.allowed.end(), v.slot) != rules.allowed.end()) {
      out.add(v);
      continue;
    }
    for (const auto& [text, slot] : rules.keys)
      if (text == v.name) out.add({v.name, slot, v.kind});
  }
  return out;
}

// The variable names an expression mentions, in its patterns and nested
// queries too (for the aggregation check below; an over-approximation).
void mentioned_names(const ast::Expr& e, std::vector<std::string>& out);

void mentioned_names(const ast::PatternPart& part, std::vector<std::string>& out) {
  auto node = [&](const ast::NodePattern& n) {
    out.push_back(n.variable);
    if (n.properties) mentioned_names(*n.properties, out);
  };
  node(part.start);
  for (const auto& [rel, n] : part.steps) {
    out.push_back(rel.variable);
    if (rel.properties) mentioned_names(*rel.properties, out);
    node(n);
  }
}

void mentioned_names(const ast::Query& q, std::vector<std::string>& out) {
  auto expr = [&](const ast::ExprPtr& e) {
    if (e) mentioned_names(*e, out);
  };
  for (const ast::SingleQuery& part : q.parts) {
    for (const ast::Clause& c : part.clauses) {
      for (const ast::PatternPart& p : c.pattern) mentioned_names(p, out);
      expr(c.where);
      expr(c.expr);
      for (const auto& item : c.projection.items) expr(item.expr);
      for (const auto& key : c.projection.order_by) expr(key.expr);
      expr(c.projection.where);
      for (const auto& a : c.arguments) expr(a);
    }
  }
}

void mentioned_names(const ast::Expr& e, std::vector<std::string>& out) {
  if (e.kind == ast::ExprKind::kVariable || e.kind == ast::ExprKind::kMapProjection) out.push_back(e.name);
  for (const auto& c : e.children)
    if (c) mentioned_names(*c, out);
  for (const auto& [w, t] : e.whens) {
    if (w) mentioned_names(*w, out);
    if (t) mentioned_names(*t, out);
  }
  if (e.else_expr) mentioned_names(*e.else_expr, out);
  for (const auto& item : e.map_items) {
    if (item.kind == ast::MapProjectionItem::Kind::kVariable) out.push_back(item.key);
    if (item.expr) mentioned_names(*item.expr, out);
  }
  if (e.pattern) mentioned_names(*e.pattern, out);
  if (e.subquery) mentioned_names(*e.subquery, out);
}

// Beside aggregates, a subquery may only use the grouping keys of the
// projection, as any other expression there.
void check_aggregation_scope(const ast::Expr& e, const ExprContext& ctx, const Scope& outer) {
  if (!ctx.rules || !ctx.scope) return;
  std::vector<std::string> names;
  mentioned_names(e, names);
  for (const std::string& name : names)
    if (!name.empty() && ctx.scope->find(name) && !outer.find(name))
      syntax_error(ErrorCode::kAmbiguousAggregationExpression,
                   "`" + name + "` is used beside an aggregate but is not a grouping key on its own; project it "
                   "as a column, or aggregate it",
                   e.position);
}

// A pattern predicate only tests bound variables: it cannot introduce one.
void require_bound(const ast::PatternPart& part, const Scope& outer) {
  auto check = [&](const std::string& name, const SourcePosition& pos) {
    if (!name.empty() && !outer.find(name))
      syntax_error(ErrorCode::kUndefinedVariable,
                   "variable `" + name + "` is not defined; a pattern predicate cannot introduce variables (use "
                   "EXISTS { ... } or a pattern comprehension for that)",
                   pos);
  };
  check(part.start.variable, part.start.position);
  for (const auto& [rel, node] : part.steps) {
    check(rel.variable, rel.position);
    check(node.variable, node.position);
  }
}

bool is_writing(const ast::Clause& c, const procedure::ProcedureRegistry& procedures) {
  switch (c.kind) {
    case ast::ClauseKind::kCreate:
    case ast::ClauseKind::kMerge:
    case ast::ClauseKind::kSet:
    case ast::ClauseKind::kRemove:
    case ast::ClauseKind::kDelete:
    case ast::ClauseKind::kSchema:
      return true;
    case ast::ClauseKind::kCall: {
      const procedure::Procedure* p = procedures.find(c.procedure);
      return p && p->signature.mode == procedure::ProcedureMode::kWrite;
    }
    default:
      return false;
  }
}

// Every slot the bound query reads or binds (its expressions, its patterns'
// nodes and relationships). Subqueries cannot write, so the writing clauses
// do not occur here.
void collect_query_slots(const BoundSingleQuery& q, std::vector<Slot>* out) {
  auto expr = [&](const BoundExprPtr& e) {
    if (e) collect_slots(*e, out);
  };
  for (const BoundClause& clause : q.clauses) {
    if (const auto* m = std::get_if<BoundMatch>(&clause)) {
      for (const BoundPatternPart& part : m->parts) {
        for (const BoundNodePattern& n : part.nodes) out->push_back(n.slot);
        for (const BoundRelPattern& r : part.rels) {
          out->push_back(r.slot);
          for (const auto& [key, value] : r.properties) expr(value);
        }
      }
      for (const ShortestPathSpec& sp : m->shortest_paths)
        for (const auto& [key, value] : sp.properties) expr(value);
      for (const auto& p : m->predicates) expr(p);
    } else if (const auto* u = std::get_if<BoundUnwind>(&clause)) {
      expr(u->list);
    } else if (const auto* p = std::get_if<BoundProjection>(&clause)) {
      for (const auto& [e, slot] : p->group_keys) expr(e);
      for (const AggregateSpec& a : p->aggregates) {
        expr(a.argument);
        for (const auto& x : a.extra_args) expr(x);
      }
      for (const auto& [e, slot] : p->items) expr(e);
      for (const SortKey& k : p->order_by) expr(k.expr);
      expr(p->skip);
      expr(p->limit);
      expr(p->where);
    } else if (const auto* c = std::get_if<BoundCall>(&clause)) {
      for (const auto& a : c->arguments) expr(a);
      expr(c->where);
    }
  }
}

bool contains(const std::vector<Slot>& slots, Slot s) { return std::find(slots.begin(), slots.end(), s) != slots.end(); }

}  // namespace

BoundSingleQuery Binder::bind_pattern_query(const ast::PatternPart& part, const ast::Expr* where, const Scope& outer,
                                            Scope* inner) {
  scope_ = outer;  // what bind_pattern_part takes as bound before
  BoundMatch m;
  Scope clause_scope = outer;
  std::vector<std::string> rel_names;
  bind_pattern_part(part, m, clause_scope, rel_names);
  if (where) {
    ExprContext ctx;
    ctx.scope = &clause_scope;
    ctx.where = "WHERE";
    split_conjuncts(bind_predicate(*where, ctx), m.predicates);
  }
  if (inner) *inner = std::move(clause_scope);
  BoundSingleQuery q;
  q.clauses.emplace_back(std::move(m));
  return q;
}

void Binder::bind_exists_query(const ast::Query& q, const Scope& outer, BoundSubquery& out) {
  for (const ast::SingleQuery& part : q.parts)
    for (const ast::Clause& c : part.clauses)
      if (is_writing(c, procedures_))
        syntax_error(ErrorCode::kInvalidClauseComposition,
                     "an EXISTS subquery only reads; it cannot hold a clause that writes", c.position);
  for (size_t i = 0; i + 1 < q.union_all.size(); ++i)
    if (q.union_all[i] != q.union_all[i + 1])
      syntax_error(ErrorCode::kInvalidClauseComposition, "UNION and UNION ALL cannot be mixed in one query", {});
  in_subquery_ = true;
  for (size_t i = 0; i < q.parts.size(); ++i) {
    scope_ = outer;
    BoundSingleQuery part = bind_single(q.parts[i]);
    if (i > 0 && part.columns != out.parts[0].columns)
      syntax_error(ErrorCode::kDifferentColumnsInUnion,
                   "all parts of a UNION must return the same columns, in the same order",
                   q.parts[i].clauses.empty() ? SourcePosition{} : q.parts[i].clauses[0].position);
    out.parts.push_back(std::move(part));
  }
}

BoundExprPtr Binder::bind_subquery(const ast::Expr& e, ExprContext& ctx) {
  const Scope outer = visible_outside(ctx);
  check_aggregation_scope(e, ctx, outer);
  auto owned = std::make_unique<BoundSubquery>();
  BoundSubquery* sub = owned.get();
  sub->expr = std::make_shared<SubqueryExpr>();
  SubqueryExpr& x = *sub->expr;
  x.text = ast::to_string(e);
  for (const Variable& v : outer.variables()) sub->outer.push_back(v.slot);
  {
    BinderStateGuard guard(scope_, in_subquery_);
    switch (e.kind) {
      case ast::ExprKind::kPatternPredicate:
        require_bound(*e.pattern, outer);
        x.kind = SubqueryExpr::Kind::kExists;
        sub->parts.push_back(bind_pattern_query(*e.pattern, nullptr, outer, nullptr));
        break;
      case ast::ExprKind::kPatternComprehension: {
        x.kind = SubqueryExpr::Kind::kComprehension;
        ast::PatternPart part = ast::clone(*e.pattern);
        part.path_variable = e.name;
        Scope inner;
        sub->parts.push_back(bind_pattern_query(part, e.children.at(0).get(), outer, &inner));
        ExprContext element_ctx;
        element_ctx.scope = &inner;
        element_ctx.where = "a pattern comprehension";
        x.element = bind_expr(*e.children.at(1), element_ctx);
        // The outer variables its pattern starts from.
        const auto& m = std::get<BoundMatch>(sub->parts[0].clauses[0]);
        for (const BoundPatternPart& p : m.parts) {
          for (const BoundNodePattern& n : p.nodes)
            if (contains(sub->outer, n.slot) && !contains(x.nullable, n.slot)) x.nullable.push_back(n.slot);
          for (const BoundRelPattern& r : p.rels)
            if (contains(sub->outer, r.slot) && !contains(x.nullable, r.slot)) x.nullable.push_back(r.slot);
        }
        break;
      }
      case ast::ExprKind::kExistsSubquery:
        x.kind = SubqueryExpr::Kind::kExists;
        if (e.subquery) {
          bind_exists_query(*e.subquery, outer, *sub);
        } else {
          const ast::Expr* where = e.children.empty() ? nullptr : e.children[0].get();
          sub->parts.push_back(bind_pattern_query(*e.pattern, where, outer, nullptr));
        }
        break;
      default:
        throw QueryError(ErrorClass::kInternal, ErrorCode::kNone, "not a subquery expression", e.position);
    }
  }

  std::vector<Slot> used;
  for (const BoundSingleQuery& part : sub->parts) collect_query_slots(part, &used);
  if (x.element) collect_slots(*x.element, &used);
  for (Slot s : used)
    if (contains(sub->outer, s) && !contains(x.reads, s)) x.reads.push_back(s);

  auto out = std::make_unique<BoundExpr>();
  out->kind = BoundKind::kSubquery;
  out->subquery = sub->expr;
  query_->subqueries.push_back(std::move(owned));
  out->position = e.position;
  return out;
}

}  // namespace mlkg::query

// Binding clauses: scopes, patterns, projections, CREATE and CALL (the other
// updating clauses are in bind_update.cpp).

#include "engine/query/binder/binder.hpp"

#include <algorithm>
#include <set>

#include "engine/common/suggest.hpp"
#include "engine/query/binder/binder_internal.hpp"

namespace mlkg::query {

// ---------------------------------------------------------------- Scope

const Variable* Scope::find(std::string_view name) const {
  for (const Variable& v : vars_)
    if (v.name == name) return &v;
  return nullptr;
}

void Scope::add(Variable v) {
  for (Variable& existing : vars_) {
    if (existing.name == v.name) {
      existing = std::move(v);
      return;
    }
  }
  vars_.push_back(std::move(v));
}

// ---------------------------------------------------------------- helpers

void split_conjuncts(BoundExprPtr e, std::vector<BoundExprPtr>& out) {
  if (e->kind == BoundKind::kBinary && e->op == ast::Op::kAnd) {
    split_conjuncts(std::move(e->children[0]), out);
    split_conjuncts(std::move(e->children[1]), out);
    return;
  }
  out.push_back(std::move(e));
}

namespace {

BoundExprPtr label_check(Slot slot, std::vector<std::string> labels, const SourcePosition& pos) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundKind::kLabelCheck;
  e->keys = std::move(labels);
  e->children.push_back(slot_ref(slot, pos));
  e->position = pos;
  return e;
}

BoundExprPtr property_equals(Slot slot, const std::string& key, BoundExprPtr value, const SourcePosition& pos) {
  auto prop = std::make_unique<BoundExpr>();
  prop->kind = BoundKind::kProperty;
  prop->name = key;
  prop->children.push_back(slot_ref(slot, pos));
  prop->position = pos;
  auto eq = std::make_unique<BoundExpr>();
  eq->kind = BoundKind::kBinary;
  eq->op = ast::Op::kEq;
  eq->children.push_back(std::move(prop));
  eq->children.push_back(std::move(value));
  eq->position = pos;
  return eq;
}

bool is_updating(ast::ClauseKind k) {
  return k == ast::ClauseKind::kCreate || k == ast::ClauseKind::kMerge || k == ast::ClauseKind::kSet ||
         k == ast::ClauseKind::kRemove || k == ast::ClauseKind::kDelete;
}

const char* clause_name(ast::ClauseKind k) {
  switch (k) {
    case ast::ClauseKind::kMatch: return "MATCH";
    case ast::ClauseKind::kUnwind: return "UNWIND";
    case ast::ClauseKind::kWith: return "WITH";
    case ast::ClauseKind::kReturn: return "RETURN";
    case ast::ClauseKind::kCreate: return "CREATE";
    case ast::ClauseKind::kMerge: return "MERGE";
    case ast::ClauseKind::kSet: return "SET";
    case ast::ClauseKind::kRemove: return "REMOVE";
    case ast::ClauseKind::kDelete: return "DELETE";
    case ast::ClauseKind::kCall: return "CALL";
    case ast::ClauseKind::kSchema: return "a schema command";
  }
  return "?";
}

// The aggregate calls inside `e`, by text, with the slots the projection
// computed them into (in the order they were collected).
void collect_aggregate_texts_impl(const ast::Expr& e, std::vector<std::string>* texts) {
  if (e.kind == ast::ExprKind::kCountStar ||
      (e.kind == ast::ExprKind::kFunctionCall && find_aggregate(e.name) != nullptr)) {
    texts->push_back(ast::to_string(e));
    return;
  }
  for (const auto& c : e.children)
    if (c) collect_aggregate_texts_impl(*c, texts);
  for (const auto& [w, t] : e.whens) {
    if (w) collect_aggregate_texts_impl(*w, texts);
    if (t) collect_aggregate_texts_impl(*t, texts);
  }
  if (e.else_expr) collect_aggregate_texts_impl(*e.else_expr, texts);
}

}  // namespace

void Binder::collect_aggregate_texts(const ast::Expr& e, const BoundProjection& p,
                                     std::vector<std::pair<std::string, Slot>>& out) {
  std::vector<std::string> texts;
  collect_aggregate_texts_impl(e, &texts);
  // Items are bound in order and their aggregates collected in order, so the
  // k-th aggregate call text of all items is the k-th AggregateSpec.
  for (const auto& t : texts) {
    size_t index = out.size();
    if (index < p.aggregates.size()) out.emplace_back(t, p.aggregates[index].out);
  }
}

void Binder::note_unknown(storage::NameKind kind, const std::string& name) {
  if (catalog_.find(kind, name) || written_names_.count(name)) return;
  const char* what = kind == storage::NameKind::kLabel ? "label" : kind == storage::NameKind::kType ? "relationship type"
                                                                                                       : "property key";
  std::string prefix = kind == storage::NameKind::kKey ? "" : ":";
  std::vector<std::string> names;
  for (uint32_t i = 1; i <= catalog_.count(kind); ++i) names.push_back(catalog_.name(kind, i));
  auto hint = closest_match(name, names);
  std::string notice = std::string("the ") + what + " " + prefix + name + " does not exist in this database" +
                       (hint ? "; did you mean " + prefix + *hint + "?" : "");
  if (std::find(query_->notices.begin(), query_->notices.end(), notice) == query_->notices.end())
    query_->notices.push_back(std::move(notice));
}

// ---------------------------------------------------------------- query

namespace {

// The names the updating clauses of `query` may create: "does not exist"
// would be wrong about them when the same statement reads them.
void collect_written_names(const ast::Query& query, std::set<std::string>* out) {
  auto map_keys = [&](const ast::ExprPtr& e) {
    if (e && e->kind == ast::ExprKind::kMap) out->insert(e->keys.begin(), e->keys.end());
  };
  auto set_items = [&](const std::vector<ast::SetItem>& items) {
    for (const auto& item : items) {
      out->insert(item.labels.begin(), item.labels.end());
      if (item.kind == ast::SetItem::Kind::kProperty) out->insert(item.target->name);
      map_keys(item.value);
    }
  };
  for (const auto& part : query.parts) {
    for (const auto& c : part.clauses) {
      if (c.kind == ast::ClauseKind::kCreate || c.kind == ast::ClauseKind::kMerge) {
        for (const auto& p : c.pattern) {
          auto node = [&](const ast::NodePattern& n) {
            out->insert(n.labels.begin(), n.labels.end());
            map_keys(n.properties);
          };
          node(p.start);
          for (const auto& [rel, n] : p.steps) {
            out->insert(rel.types.begin(), rel.types.end());
            map_keys(rel.properties);
            node(n);
          }
        }
      }
      set_items(c.set_items);
      set_items(c.on_create);
      set_items(c.on_match);
    }
  }
}

}  // namespace

BoundQuery::BoundQuery() = default;
BoundQuery::~BoundQuery() = default;
BoundQuery::BoundQuery(BoundQuery&&) noexcept = default;
BoundQuery& BoundQuery::operator=(BoundQuery&&) noexcept = default;

BoundQuery Binder::bind(const ast::Query& query) {
  BoundQuery out;
  query_ = &out;
  collect_written_names(query, &written_names_);
  for (size_t i = 0; i + 1 < query.union_all.size(); ++i)
    if (query.union_all[i] != query.union_all[i + 1])
      syntax_error(ErrorCode::kInvalidClauseComposition, "UNION and UNION ALL cannot be mixed in one query", {});
  for (size_t i = 0; i < query.parts.size(); ++i) {
    scope_ = Scope();
    BoundSingleQuery part = bind_single(query.parts[i]);
    if (i > 0 && part.columns != out.parts[0].columns)
      syntax_error(ErrorCode::kDifferentColumnsInUnion,
                   "all parts of a UNION must return the same columns, in the same order",
                   query.parts[i].clauses.empty() ? SourcePosition{} : query.parts[i].clauses[0].position);
    out.parts.push_back(std::move(part));
  }
  out.union_all = query.union_all;
  out.columns = out.parts.empty() ? std::vector<std::string>{} : out.parts[0].columns;
  out.returns = !out.parts.empty() && out.parts[0].returns;
  out.width = width_;
  out.slot_names = slot_names_;
  return out;
}

BoundSingleQuery Binder::bind_single(const ast::SingleQuery& q) {
  BoundSingleQuery out;
  const size_t n = q.clauses.size();
  for (size_t i = 0; i < n; ++i) {
    const ast::Clause& c = q.clauses[i];
    bool last = i + 1 == n;
    out.visible.emplace_back();
    for (const Variable& v : scope_.variables()) out.visible.back().push_back(v.slot);
    switch (c.kind) {
      case ast::ClauseKind::kMatch:
        if (i > 0 && q.clauses[i - 1].kind == ast::ClauseKind::kMatch && q.clauses[i - 1].optional && !c.optional) {
          // MATCH after OPTIONAL MATCH is allowed in openCypher; nothing to check.
        }
        out.clauses.emplace_back(bind_match(c));
        break;
      case ast::ClauseKind::kUnwind:
        out.clauses.emplace_back(bind_unwind(c));
        break;
      case ast::ClauseKind::kWith:
        out.clauses.emplace_back(bind_projection(c.projection, false, c.position));
        break;
      case ast::ClauseKind::kReturn: {
        if (!last)
          syntax_error(ErrorCode::kInvalidClauseComposition, "RETURN must be the last clause of a query", c.position);
        BoundProjection p = bind_projection(c.projection, true, c.position);
        out.columns = p.names;
        out.column_slots = p.output;
        out.returns = true;
        out.clauses.emplace_back(std::move(p));
        break;
      }
      case ast::ClauseKind::kCreate:
        out.clauses.emplace_back(bind_create(c));
        break;
      case ast::ClauseKind::kCall:
        out.clauses.emplace_back(bind_call(c, n == 1, out));
        break;
      case ast::ClauseKind::kSchema:
        out.clauses.emplace_back(bind_schema(c, out));
        continue;  // the statement's only clause; SHOW returns rows, CREATE and DROP none
      case ast::ClauseKind::kMerge:
        out.clauses.emplace_back(bind_merge(c));
        break;
      case ast::ClauseKind::kSet:
        out.clauses.emplace_back(bind_set(c));
        break;
      case ast::ClauseKind::kRemove:
        out.clauses.emplace_back(bind_remove(c));
        break;
      case ast::ClauseKind::kDelete:
        out.clauses.emplace_back(bind_delete(c));
        break;
    }
    if (last && !out.returns && !is_updating(c.kind) && c.kind != ast::ClauseKind::kCall && !in_subquery_)
      syntax_error(ErrorCode::kInvalidClauseComposition,
                   std::string("a query cannot end with ") + clause_name(c.kind) + "; finish it with RETURN",
                   c.position);
  }
  return out;
}

// ---------------------------------------------------------------- MATCH

void Binder::add_property_predicates(Slot slot, const ast::Expr& properties, std::vector<BoundExprPtr>& out,
                                     ExprContext& ctx) {
  if (properties.kind != ast::ExprKind::kMap)
    throw QueryError(ErrorClass::kSyntax, ErrorCode::kInvalidParameterUse,
                     "a pattern's properties must be a map literal here", properties.position);
  for (size_t i = 0; i < properties.keys.size(); ++i) {
    note_unknown(storage::NameKind::kKey, properties.keys[i]);
    out.push_back(property_equals(slot, properties.keys[i], bind_expr(*properties.children[i], ctx),
                                  properties.children[i]->position));
  }
}

void Binder::bind_pattern_part(const ast::PatternPart& part, BoundMatch& m, Scope& clause_scope,
                               std::vector<std::string>& rel_names_in_clause) {
  if (part.kind != ast::PatternPart::Kind::kPlain) check_shortest_path(part, clause_scope);
  BoundPatternPart bp;
  ExprContext ctx;
  ctx.where = "a pattern";

  auto bind_node = [&](const ast::NodePattern& np) {
    BoundNodePattern bn;
    bn.position = np.position;
    bn.labels = np.labels;
    for (const auto& l : np.labels) note_unknown(storage::NameKind::kLabel, l);
    if (!np.variable.empty()) {
      if (const Variable* v = clause_scope.find(np.variable)) {
        if (v->kind != VarKind::kNode && v->kind != VarKind::kAny)
          syntax_error(ErrorCode::kVariableTypeConflict,
                       "`" + np.variable + "` is " + kind_name(v->kind) + ", so it cannot be used as a node",
                       np.position);
        bn.slot = v->slot;
        bn.bound_before = scope_.find(np.variable) != nullptr;
      } else {
        bn.slot = new_slot(np.variable);
        clause_scope.add({np.variable, bn.slot, VarKind::kNode});
        m.introduced.push_back(bn.slot);
      }
    } else {
      bn.slot = new_slot();
      m.introduced.push_back(bn.slot);
    }
    if (!bn.labels.empty()) m.predicates.push_back(label_check(bn.slot, bn.labels, np.position));
    if (np.properties) {
      ctx.scope = &clause_scope;
      add_property_predicates(bn.slot, *np.properties, m.predicates, ctx);
    }
    bp.nodes.push_back(std::move(bn));
  };

  bind_node(part.start);
  for (const auto& [rp, np] : part.steps) {
    BoundRelPattern br;
    br.position = rp.position;
    br.types = rp.types;
    for (const auto& t : rp.types) note_unknown(storage::NameKind::kType, t);
    br.direction = rp.direction;
    if (rp.range) {
      br.var_length = true;
      br.min = rp.range->min.value_or(1);
      br.max = rp.range->max.value_or(-1);
      if (!rp.range->min && rp.range->max) br.min = 1;
    }
    if (!rp.variable.empty()) {
      if (std::find(rel_names_in_clause.begin(), rel_names_in_clause.end(), rp.variable) != rel_names_in_clause.end())
        syntax_error(ErrorCode::kRelationshipUniquenessViolation,
                     "the relationship variable `" + rp.variable + "` is used twice in one MATCH", rp.position);
      rel_names_in_clause.push_back(rp.variable);
      if (const Variable* v = clause_scope.find(rp.variable)) {
        bool ok = br.var_length
                      ? v->kind == VarKind::kRelList || v->kind == VarKind::kList || v->kind == VarKind::kAny
                      : v->kind == VarKind::kRel || v->kind == VarKind::kAny;
        if (!ok)
          syntax_error(ErrorCode::kVariableTypeConflict,
                       "`" + rp.variable + "` is " + kind_name(v->kind) + ", so it cannot be used as " +
                           (br.var_length ? "a list of relationships" : "a relationship"),
                       rp.position);
        br.slot = v->slot;
        br.bound_before = true;
      } else {
        br.slot = new_slot(rp.variable);
        clause_scope.add({rp.variable, br.slot, br.var_length ? VarKind::kRelList : VarKind::kRel});
        m.introduced.push_back(br.slot);
      }
    } else {
      br.slot = new_slot();
      m.introduced.push_back(br.slot);
    }
    if (rp.properties) {
      ctx.scope = &clause_scope;
      if (br.var_length) {
        if (rp.properties->kind != ast::ExprKind::kMap)
          throw QueryError(ErrorClass::kSyntax, ErrorCode::kInvalidParameterUse,
                           "a pattern's properties must be a map literal here", rp.properties->position);
        for (size_t i = 0; i < rp.properties->keys.size(); ++i) {
          note_unknown(storage::NameKind::kKey, rp.properties->keys[i]);
          br.properties.emplace_back(rp.properties->keys[i], bind_expr(*rp.properties->children[i], ctx));
        }
      } else {
        add_property_predicates(br.slot, *rp.properties, m.predicates, ctx);
      }
    }
    if (br.var_length && !part.path_variable.empty()) {
      br.segment_nodes = new_slot();
      m.introduced.push_back(br.segment_nodes);
    }
    bp.rels.push_back(std::move(br));
    bind_node(np);
  }

  if (!part.path_variable.empty()) {
    if (clause_scope.find(part.path_variable))
      syntax_error(ErrorCode::kVariableAlreadyBound, "the path variable `" + part.path_variable + "` is already defined",
                   part.position);
    bp.path_slot = new_slot(part.path_variable);
    auto path = std::make_unique<BoundExpr>();
    path->kind = BoundKind::kPath;
    path->position = part.position;
    for (const auto& n : bp.nodes) path->path_node_slots.push_back(n.slot);
    for (const auto& r : bp.rels) {
      path->path_rel_slots.push_back(r.slot);
      path->path_segment_node_slots.push_back(r.segment_nodes);
    }
    bp.path = std::move(path);
    clause_scope.add({part.path_variable, bp.path_slot, VarKind::kPath});
    m.introduced.push_back(bp.path_slot);
  }
  m.parts.push_back(std::move(bp));
  if (part.kind != ast::PatternPart::Kind::kPlain) split_shortest_path(part, m);
}

BoundMatch Binder::bind_match(const ast::Clause& c) {
  BoundMatch m;
  m.optional = c.optional;
  Scope clause_scope = scope_;
  std::vector<std::string> rel_names;
  for (const auto& part : c.pattern) bind_pattern_part(part, m, clause_scope, rel_names);
  if (c.where) {
    ExprContext ctx;
    ctx.scope = &clause_scope;
    ctx.where = "WHERE";
    split_conjuncts(bind_predicate(*c.where, ctx), m.predicates);
  }
  scope_ = std::move(clause_scope);
  return m;
}

// ---------------------------------------------------------------- UNWIND

BoundUnwind Binder::bind_unwind(const ast::Clause& c) {
  BoundUnwind u;
  ExprContext ctx;
  ctx.scope = &scope_;
  ctx.where = "UNWIND";
  u.list = bind_expr(*c.expr, ctx);
  if (scope_.find(c.variable))
    syntax_error(ErrorCode::kVariableAlreadyBound, "the variable `" + c.variable + "` is already defined", c.position);
  u.slot = new_slot(c.variable);
  scope_.add({c.variable, u.slot, VarKind::kAny});
  return u;
}

// ---------------------------------------------------------------- WITH / RETURN

BoundProjection Binder::bind_projection(const ast::Projection& p, bool is_return, const SourcePosition& pos) {
  BoundProjection out;
  out.is_return = is_return;
  out.distinct = p.distinct;
  const char* clause = is_return ? "RETURN" : "WITH";

  // The items: `*` first (every named variable, by name), then the listed ones.
  struct Item {
    const ast::Expr* expr = nullptr;  // null for a `*` variable
    const Variable* star = nullptr;
    std::string name;
    std::string text;  // the expression, normalised
    bool has_alias = false;
    SourcePosition position;
  };
  std::vector<Item> items;
  std::vector<Variable> star_vars;
  if (p.star) {
    star_vars = scope_.variables();
    std::sort(star_vars.begin(), star_vars.end(), [](const Variable& a, const Variable& b) { return a.name < b.name; });
    if (star_vars.empty() && p.items.empty() && is_return)
      syntax_error(ErrorCode::kNoVariablesInScope, std::string(clause) + " * needs at least one variable in scope",
                   pos);
  }
  for (const Variable& v : star_vars) items.push_back({nullptr, &v, v.name, v.name, true, pos});
  for (const auto& item : p.items) {
    std::string name = !item.alias.empty() ? item.alias : item.text;
    items.push_back({item.expr.get(), nullptr, name, ast::to_string(*item.expr), !item.alias.empty(), item.position});
  }
  std::set<std::string> names;
  for (const Item& it : items)
    if (!names.insert(it.name).second)
      syntax_error(ErrorCode::kColumnNameConflict, "the column name `" + it.name + "` is used twice", it.position);

  bool aggregating = false;
  for (const Item& it : items) aggregating = aggregating || (it.expr && contains_aggregate(*it.expr));
  out.aggregating = aggregating;

  Scope new_scope;
  std::vector<std::pair<std::string, Slot>> projected;  // item text -> slot
  AggregationRules rules;
  ExprContext ctx;
  ctx.scope = &scope_;
  ctx.where = clause;

  auto is_simple = [](const ast::Expr& e) {
    return e.kind == ast::ExprKind::kVariable ||
           (e.kind == ast::ExprKind::kProperty && e.children[0]->kind == ast::ExprKind::kVariable);
  };
  auto collect_names = [&](const ast::Expr& e, auto& self) -> void {
    if (e.kind == ast::ExprKind::kVariable) rules.grouped_names.push_back(e.name);
    for (const auto& c : e.children)
      if (c) self(*c, self);
  };

  if (aggregating) {
    // Grouping keys: every item without an aggregate, evaluated per input row.
    for (const Item& it : items) {
      if (it.expr && contains_aggregate(*it.expr)) continue;
      BoundExprPtr e = it.star ? slot_ref(it.star->slot, it.position) : bind_expr(*it.expr, ctx);
      VarKind kind = kind_of(*e, scope_);
      Slot slot = new_slot(it.name);
      if (it.star || is_simple(*it.expr)) rules.keys.emplace_back(it.text, slot);
      if (it.star) rules.grouped_names.push_back(it.name);
      if (it.expr) collect_names(*it.expr, collect_names);
      out.group_keys.emplace_back(std::move(e), slot);
      new_scope.add({it.name, slot, kind});
    }
    // Then the items with aggregates, over the key and aggregate slots.
    ExprContext agg_ctx = ctx;
    agg_ctx.aggregates = AggregateMode::kCollect;
    agg_ctx.collected = &out.aggregates;
    agg_ctx.rules = &rules;
    for (const Item& it : items) {
      Slot slot;
      if (it.expr && contains_aggregate(*it.expr)) {
        size_t first_aggregate = out.aggregates.size();
        BoundExprPtr e = bind_expr(*it.expr, agg_ctx);
        // An item that is exactly one aggregate call is that aggregate's slot.
        if (e->kind == BoundKind::kSlot && out.aggregates.size() == first_aggregate + 1 &&
            out.aggregates.back().out == e->slot) {
          slot = e->slot;
        } else {
          slot = new_slot(it.name);
          out.items.emplace_back(std::move(e), slot);
        }
        new_scope.add({it.name, slot, VarKind::kAny});
      } else {
        slot = new_scope.find(it.name)->slot;
      }
      out.output.push_back(slot);
      out.names.push_back(it.name);
      projected.emplace_back(it.text, slot);
    }
  } else {
    for (const Item& it : items) {
      BoundExprPtr e = it.star ? slot_ref(it.star->slot, it.position) : bind_expr(*it.expr, ctx);
      VarKind kind = kind_of(*e, scope_);
      Slot slot = new_slot(it.name);
      out.items.emplace_back(std::move(e), slot);
      out.output.push_back(slot);
      out.names.push_back(it.name);
      projected.emplace_back(it.text, slot);
      new_scope.add({it.name, slot, kind});
    }
  }

  // Without aggregation or DISTINCT, ORDER BY and WHERE also see the
  // variables from before the projection (the rows still carry them); a
  // projected name shadows an older one.
  Scope wide_scope;
  if (!aggregating && !p.distinct) wide_scope = scope_;
  for (const Variable& v : new_scope.variables()) wide_scope.add(v);

  if (!p.order_by.empty()) {
    AggregationRules order_rules;
    ExprContext order_ctx;
    order_ctx.scope = &wide_scope;
    order_ctx.where = "ORDER BY";
    if (aggregating || p.distinct) {
      // Only what is projected: a projected expression, a projected name, or,
      // beside a projected aggregate, a simple grouping key.
      order_rules.keys = aggregating ? rules.keys : projected;
      order_rules.allowed = out.output;
      order_rules.grouped_names = rules.grouped_names;
      order_rules.order_by = true;
      if (aggregating) {
        for (const Item& it : items)
          if (it.expr) collect_aggregate_texts(*it.expr, out, order_rules.aggregates);
      }
      order_ctx.rules = &order_rules;
      order_ctx.aggregates = AggregateMode::kProjected;
    }
    for (const auto& s : p.order_by) {
      SortKey key;
      key.descending = s.descending;
      std::string text = ast::to_string(*s.expr);
      for (const auto& [t, slot] : projected)
        if (t == text) key.expr = slot_ref(slot, s.expr->position);
      if (!key.expr) key.expr = bind_expr(*s.expr, order_ctx);
      out.order_by.push_back(std::move(key));
    }
  }

  auto bind_count = [&](const ast::ExprPtr& e, const char* what) -> BoundExprPtr {
    if (!e) return nullptr;
    Scope none;
    ExprContext count_ctx;
    count_ctx.scope = &none;
    count_ctx.where = what;
    BoundExprPtr b;
    try {
      b = bind_expr(*e, count_ctx);
    } catch (const QueryError& err) {
      if (err.code() == ErrorCode::kUndefinedVariable)
        syntax_error(ErrorCode::kNonConstantExpression,
                     std::string(what) + " must be a constant expression (a literal or a parameter)", e->position);
      throw;
    }
    if (b->kind == BoundKind::kConstant) {
      const Value& v = b->value;
      if (!v.is_int())
        syntax_error(ErrorCode::kInvalidArgumentType, std::string(what) + " needs an integer, got " + v.to_literal(),
                     e->position);
      if (v.as_int() < 0)
        syntax_error(ErrorCode::kNegativeIntegerArgument,
                     std::string(what) + " needs a non-negative integer, got " + v.to_literal(), e->position);
    } else if (reads_row(*b)) {
      syntax_error(ErrorCode::kNonConstantExpression,
                   std::string(what) + " must be a constant expression (a literal or a parameter)", e->position);
    }
    return b;
  };
  out.skip = bind_count(p.skip, "SKIP");
  out.limit = bind_count(p.limit, "LIMIT");

  if (p.where) {
    ExprContext where_ctx;
    where_ctx.scope = &wide_scope;
    where_ctx.where = "WHERE";
    out.where = bind_predicate(*p.where, where_ctx);
  }

  // Checked last, so that the errors above win where both apply (as the
  // TCK expects).
  if (!is_return)
    for (const Item& it : items)
      if (!it.has_alias && it.expr && it.expr->kind != ast::ExprKind::kVariable)
        syntax_error(ErrorCode::kNoExpressionAlias,
                     "the expression `" + it.name + "` in WITH needs a name: add AS <name>", it.position);
  scope_ = std::move(new_scope);
  return out;
}

// ---------------------------------------------------------------- CREATE

BoundCreate Binder::bind_create(const ast::Clause& c) {
  BoundCreate out;
  query_->writes = true;
  ExprContext ctx;
  ctx.scope = &scope_;
  ctx.where = "CREATE";
  for (const auto& part : c.pattern) {
    if (part.kind != ast::PatternPart::Kind::kPlain)
      syntax_error(ErrorCode::kUnexpectedSyntax, "CREATE cannot create a shortest path", part.position);
    std::vector<Slot> node_slots;
    auto node = [&](const ast::NodePattern& np) {
      CreateNodeSpec spec;
      if (!np.variable.empty() && scope_.find(np.variable)) {
        const Variable* v = scope_.find(np.variable);
        if (!np.labels.empty() || np.properties)
          syntax_error(ErrorCode::kVariableAlreadyBound,
                       "`" + np.variable + "` is already bound, so CREATE cannot give it labels or properties",
                       np.position);
        if (v->kind != VarKind::kNode && v->kind != VarKind::kAny)
          syntax_error(ErrorCode::kVariableTypeConflict, "`" + np.variable + "` is not a node", np.position);
        spec.slot = v->slot;
        spec.exists = true;
      } else {
        spec.slot = new_slot(np.variable);
        spec.labels = np.labels;
        if (np.properties) spec.properties = bind_expr(*np.properties, ctx);
        if (!np.variable.empty()) scope_.add({np.variable, spec.slot, VarKind::kNode});
      }
      node_slots.push_back(spec.slot);
      out.nodes.push_back(std::move(spec));
    };
    node(part.start);
    std::vector<Slot> rel_slots;
    for (const auto& [rp, np] : part.steps) {
      node(np);
      if (!rp.variable.empty() && scope_.find(rp.variable))
        syntax_error(ErrorCode::kVariableAlreadyBound, "the variable `" + rp.variable + "` is already defined",
                     rp.position);
      if (rp.types.size() != 1)
        syntax_error(ErrorCode::kNoSingleRelationshipType, "CREATE needs exactly one type for a relationship",
                     rp.position);
      if (rp.range)
        syntax_error(ErrorCode::kCreatingVarLength, "CREATE cannot create a variable-length relationship", rp.position);
      if (rp.direction == ast::RelDirection::kBoth)
        syntax_error(ErrorCode::kRequiresDirectedRelationship, "CREATE needs a direction for a relationship",
                     rp.position);
      CreateRelSpec spec;
      spec.slot = new_slot(rp.variable);
      spec.type = rp.types[0];
      Slot left = node_slots[node_slots.size() - 2], right = node_slots.back();
      spec.start = rp.direction == ast::RelDirection::kRight ? left : right;
      spec.end = rp.direction == ast::RelDirection::kRight ? right : left;
      if (rp.properties) spec.properties = bind_expr(*rp.properties, ctx);
      if (!rp.variable.empty()) scope_.add({rp.variable, spec.slot, VarKind::kRel});
      rel_slots.push_back(spec.slot);
      out.rels.push_back(std::move(spec));
    }
    if (!part.path_variable.empty()) {
      if (scope_.find(part.path_variable))
        syntax_error(ErrorCode::kVariableAlreadyBound, "the variable `" + part.path_variable + "` is already defined",
                     part.position);
      auto path = std::make_unique<BoundExpr>();
      path->kind = BoundKind::kPath;
      path->path_node_slots = node_slots;
      path->path_rel_slots = rel_slots;
      path->path_segment_node_slots.assign(rel_slots.size(), kNoSlot);
      Slot slot = new_slot(part.path_variable);
      scope_.add({part.path_variable, slot, VarKind::kPath});
      out.paths.emplace_back(std::move(path), slot);
    }
  }
  return out;
}

// ---------------------------------------------------------------- CALL

BoundCall Binder::bind_call(const ast::Clause& c, bool standalone, BoundSingleQuery& q) {
  BoundCall out;
  out.standalone = standalone;
  out.procedure = procedures_.find(c.procedure);
  if (!out.procedure) {
    std::vector<std::string> names;
    for (const procedure::Procedure* p : procedures_.all()) names.push_back(p->signature.name);
    auto hint = closest_match(c.procedure, names);
    throw QueryError(ErrorClass::kProcedure, ErrorCode::kProcedureNotFound,
                     "there is no procedure called " + c.procedure + (hint ? "; did you mean " + *hint + "?" : ""),
                     c.position);
  }
  const procedure::ProcedureSignature& proc = out.procedure->signature;
  if (proc.mode == procedure::ProcedureMode::kWrite) query_->writes = true;
  if (proc.mode == procedure::ProcedureMode::kWriteFiles) query_->writes_files = true;
  ExprContext ctx;
  ctx.scope = &scope_;
  ctx.where = "procedure arguments";
  const size_t required = proc.required_inputs();
  if (c.has_arguments) {
    if (c.arguments.size() < required || c.arguments.size() > proc.inputs.size())
      syntax_error(ErrorCode::kInvalidNumberOfArguments,
                   "wrong number of arguments to " + proc.name + ": its signature is " + proc.render(), c.position);
    for (const auto& a : c.arguments) out.arguments.push_back(bind_expr(*a, ctx));
    // A constant of the wrong type is found now (the TCK's compile-time
    // InvalidArgumentType); an integer for a FLOAT becomes a float.
    for (size_t i = 0; i < c.arguments.size(); ++i) {
      BoundExpr& arg = *out.arguments[i];
      if (arg.kind != BoundKind::kConstant) continue;
      const procedure::ProcedureField& in = proc.inputs[i];
      if (!in.type.accepts(arg.value))
        syntax_error(ErrorCode::kInvalidArgumentType,
                     "the argument `" + in.name + "` of " + proc.name + " must be " + in.type.name() + ", got " +
                         arg.value.to_literal(),
                     c.arguments[i]->position);
      arg.value = in.type.coerce(std::move(arg.value));
    }
    for (size_t i = c.arguments.size(); i < proc.inputs.size(); ++i) {
      auto d = std::make_unique<BoundExpr>();
      d->value = *proc.inputs[i].default_value;
      out.arguments.push_back(std::move(d));
    }
  } else {
    // CALL p (no parentheses): the arguments come from parameters of the same
    // names, which only a standalone CALL may do (openCypher).
    if (!standalone && !proc.inputs.empty())
      syntax_error(ErrorCode::kInvalidArgumentPassingMode,
                   "a CALL inside a query must give " + proc.name + "'s arguments in parentheses; only a standalone "
                   "CALL takes them from parameters of the same names",
                   c.position);
    for (const auto& in : proc.inputs) {
      auto param = std::make_unique<BoundExpr>();
      param->kind = BoundKind::kParameter;
      param->name = in.name;
      param->position = c.position;
      out.arguments.push_back(std::move(param));
    }
  }

  out.yields.assign(proc.outputs.size(), kNoSlot);
  std::vector<std::pair<std::string, Slot>> columns;
  auto yield = [&](size_t index, const std::string& name, const SourcePosition& pos) {
    if (scope_.find(name))
      syntax_error(ErrorCode::kVariableAlreadyBound, "the variable `" + name + "` is already defined", pos);
    Slot slot = new_slot(name);
    out.yields[index] = slot;
    scope_.add({name, slot, VarKind::kAny});
    columns.emplace_back(name, slot);
  };
  if (c.yield_star || (c.yields.empty() && standalone)) {
    for (size_t i = 0; i < proc.outputs.size(); ++i) yield(i, proc.outputs[i].name, c.position);
  } else if (c.yields.empty() && !proc.outputs.empty()) {
    syntax_error(ErrorCode::kUndefinedVariable,
                 "a CALL inside a query needs YIELD to say which of " + proc.name + "'s columns it uses",
                 c.position);
  } else {
    for (const auto& y : c.yields) {
      size_t index = proc.outputs.size();
      for (size_t i = 0; i < proc.outputs.size(); ++i)
        if (proc.outputs[i].name == y.name) index = i;
      if (index == proc.outputs.size())
        syntax_error(ErrorCode::kUndefinedVariable,
                     proc.name + " has no output column `" + y.name + "`; its signature is " + proc.render(),
                     y.position);
      yield(index, y.alias.empty() ? y.name : y.alias, y.position);
    }
  }
  if (c.where) {
    ExprContext where_ctx;
    where_ctx.scope = &scope_;
    where_ctx.where = "WHERE";
    out.where = bind_predicate(*c.where, where_ctx);
  }
  if (standalone) {
    for (const auto& [name, slot] : columns) {
      q.columns.push_back(name);
      q.column_slots.push_back(slot);
    }
    q.returns = true;
  }
  return out;
}

BoundQuery bind(const ast::Query& query, const storage::Catalog& catalog, const procedure::ProcedureRegistry& procedures) {
  return Binder(catalog, procedures).bind(query);
}

}  // namespace mlkg::query

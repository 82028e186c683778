// Binding the updating clauses other than CREATE: SET, REMOVE, DELETE and
// MERGE (with its ON CREATE SET / ON MATCH SET).

#include <algorithm>
#include <set>

#include "engine/query/binder/binder_internal.hpp"

namespace mlkg::query {

namespace {

bool is_entity_or_unknown(VarKind k) { return k == VarKind::kNode || k == VarKind::kRel || k == VarKind::kAny; }

}  // namespace

std::vector<SetAction> Binder::bind_set_items(const std::vector<ast::SetItem>& items, const Scope& scope,
                                              const char* where) {
  ExprContext ctx;
  ctx.scope = &scope;
  ctx.where = where;
  std::vector<SetAction> out;
  for (const ast::SetItem& item : items) {
    SetAction a;
    switch (item.kind) {
      case ast::SetItem::Kind::kProperty:
        a.kind = SetAction::Kind::kProperty;
        a.target = bind_expr(*item.target->children[0], ctx);
        a.key = item.target->name;
        a.value = bind_expr(*item.value, ctx);
        break;
      case ast::SetItem::Kind::kReplaceMap:
      case ast::SetItem::Kind::kMergeMap:
        a.kind = item.kind == ast::SetItem::Kind::kReplaceMap ? SetAction::Kind::kReplaceProperties
                                                              : SetAction::Kind::kMergeProperties;
        a.target = bind_expr(*item.target, ctx);
        a.value = bind_expr(*item.value, ctx);
        if (VarKind k = kind_of(*a.value, scope); k == VarKind::kScalar || k == VarKind::kList)
          syntax_error(ErrorCode::kInvalidArgumentType,
                       std::string(where) + " ... = and += need a map, a node or a relationship on the right",
                       item.value->position);
        break;
      case ast::SetItem::Kind::kLabels:
        a.kind = SetAction::Kind::kAddLabels;
        a.target = bind_expr(*item.target, ctx);
        a.labels = item.labels;
        if (VarKind k = kind_of(*a.target, scope); k != VarKind::kNode && k != VarKind::kAny)
          syntax_error(ErrorCode::kInvalidArgumentType,
                       std::string("only nodes have labels; `") + item.target->name + "` is " + kind_name(k),
                       item.position);
        break;
    }
    if (item.kind != ast::SetItem::Kind::kLabels && !is_entity_or_unknown(kind_of(*a.target, scope)))
      syntax_error(
          ErrorCode::kInvalidArgumentType,
          std::string(where) + " changes properties of nodes and relationships; `" +
              ast::to_string(item.kind == ast::SetItem::Kind::kProperty ? *item.target->children[0] : *item.target) +
              "` is " + kind_name(kind_of(*a.target, scope)),
          item.position);
    out.push_back(std::move(a));
  }
  return out;
}

BoundSet Binder::bind_set(const ast::Clause& c) {
  query_->writes = true;
  BoundSet out;
  out.actions = bind_set_items(c.set_items, scope_, "SET");
  return out;
}

BoundSet Binder::bind_remove(const ast::Clause& c) {
  query_->writes = true;
  BoundSet out;
  out.remove = true;
  ExprContext ctx;
  ctx.scope = &scope_;
  ctx.where = "REMOVE";
  for (const ast::RemoveItem& item : c.remove_items) {
    SetAction a;
    if (item.kind == ast::RemoveItem::Kind::kProperty) {
      a.kind = SetAction::Kind::kProperty;
      a.target = bind_expr(*item.target->children[0], ctx);
      a.key = item.target->name;
      if (!is_entity_or_unknown(kind_of(*a.target, scope_)))
        syntax_error(ErrorCode::kInvalidArgumentType,
                     "REMOVE removes properties of nodes and relationships; `" +
                         ast::to_string(*item.target->children[0]) + "` is " + kind_name(kind_of(*a.target, scope_)),
                     item.position);
    } else {
      a.kind = SetAction::Kind::kRemoveLabels;
      a.target = bind_expr(*item.target, ctx);
      a.labels = item.labels;
      if (VarKind k = kind_of(*a.target, scope_); k != VarKind::kNode && k != VarKind::kAny)
        syntax_error(ErrorCode::kInvalidArgumentType,
                     "only nodes have labels; `" + item.target->name + "` is " + kind_name(k), item.position);
    }
    out.actions.push_back(std::move(a));
  }
  return out;
}

BoundDelete Binder::bind_delete(const ast::Clause& c) {
  query_->writes = true;
  BoundDelete out;
  out.detach = c.detach;
  ExprContext ctx;
  ctx.scope = &scope_;
  ctx.where = "DELETE";
  for (const auto& e : c.delete_exprs) {
    if (e->kind == ast::ExprKind::kLabelCheck)
      syntax_error(
          ErrorCode::kInvalidDelete,
          "DELETE removes nodes, relationships and paths; to take a label off a node, use REMOVE " + ast::to_string(*e),
          e->position);
    BoundExprPtr b = bind_expr(*e, ctx);
    VarKind k = kind_of(*b, scope_);
    bool constant_entity = b->kind == BoundKind::kConstant && b->value.is_null();
    if (k == VarKind::kScalar || k == VarKind::kMap || k == VarKind::kList || k == VarKind::kRelList ||
        (b->kind == BoundKind::kConstant && !constant_entity))
      syntax_error(ErrorCode::kInvalidArgumentType,
                   "DELETE needs a node, a relationship or a path; `" + ast::to_string(*e) + "` is not one",
                   e->position);
    out.targets.push_back(std::move(b));
  }
  return out;
}

BoundMerge Binder::bind_merge(const ast::Clause& c) {
  query_->writes = true;
  BoundMerge out;
  const ast::PatternPart& part = c.pattern.at(0);
  if (part.kind != ast::PatternPart::Kind::kPlain)
    syntax_error(ErrorCode::kUnexpectedSyntax, "MERGE cannot merge a shortest path", part.position);

  // The shape rules, checked before binding (as the TCK expects them first).
  auto check_node = [&](const ast::NodePattern& np, bool alone) {
    if (np.variable.empty() || !scope_.find(np.variable)) return;
    if (alone)
      syntax_error(ErrorCode::kVariableAlreadyBound,
                   "`" + np.variable + "` is already bound, so MERGE (" + np.variable + ") has nothing to merge",
                   np.position);
    if (!np.labels.empty() || np.properties)
      syntax_error(ErrorCode::kVariableAlreadyBound,
                   "`" + np.variable + "` is already bound, so MERGE cannot give it labels or properties", np.position);
  };
  check_node(part.start, part.steps.empty());
  for (const auto& [rp, np] : part.steps) {
    check_node(np, false);
    if (!rp.variable.empty() && scope_.find(rp.variable))
      syntax_error(ErrorCode::kVariableAlreadyBound,
                   "the relationship variable `" + rp.variable + "` is already bound; MERGE needs a new one",
                   rp.position);
    if (rp.types.size() != 1)
      syntax_error(ErrorCode::kNoSingleRelationshipType, "MERGE needs exactly one type for a relationship",
                   rp.position);
    if (rp.range)
      syntax_error(ErrorCode::kCreatingVarLength, "MERGE cannot merge a variable-length relationship", rp.position);
    if (rp.properties && rp.properties->kind != ast::ExprKind::kMap)
      syntax_error(ErrorCode::kInvalidParameterUse, "MERGE needs a map literal for a relationship's properties",
                   rp.properties->position);
  }
  if (part.start.properties && part.start.properties->kind != ast::ExprKind::kMap)
    syntax_error(ErrorCode::kInvalidParameterUse, "MERGE needs a map literal for a node's properties",
                 part.start.properties->position);
  for (const auto& step : part.steps)
    if (step.second.properties && step.second.properties->kind != ast::ExprKind::kMap)
      syntax_error(ErrorCode::kInvalidParameterUse, "MERGE needs a map literal for a node's properties",
                   step.second.properties->position);
  if (!part.path_variable.empty() && scope_.find(part.path_variable))
    syntax_error(ErrorCode::kVariableAlreadyBound, "the variable `" + part.path_variable + "` is already defined",
                 part.position);

  // What to match: the pattern as a MATCH would bind it (its names are
  // written names: no "does not exist" notice for them).
  Scope clause_scope = scope_;
  std::vector<std::string> rel_names;
  bind_pattern_part(part, out.match, clause_scope, rel_names);

  // What to create when nothing matches: the same slots.
  ExprContext ctx;
  ctx.scope = &clause_scope;
  ctx.where = "MERGE";
  const BoundPatternPart& bp = out.match.parts.back();
  std::set<Slot> created;
  auto node_spec = [&](const ast::NodePattern& np, const BoundNodePattern& bn) {
    CreateNodeSpec spec;
    spec.slot = bn.slot;
    spec.exists = bn.bound_before || created.count(bn.slot) > 0;
    if (!spec.exists) {
      spec.labels = np.labels;
      if (np.properties) spec.properties = bind_expr(*np.properties, ctx);
      created.insert(bn.slot);
    }
    out.spec.nodes.push_back(std::move(spec));
  };
  node_spec(part.start, bp.nodes[0]);
  for (size_t i = 0; i < part.steps.size(); ++i) {
    const auto& [rp, np] = part.steps[i];
    node_spec(np, bp.nodes[i + 1]);
    CreateRelSpec spec;
    spec.slot = bp.rels[i].slot;
    spec.type = rp.types[0];
    bool left_to_right = rp.direction != ast::RelDirection::kLeft;  // undirected: created left to right
    spec.start = left_to_right ? bp.nodes[i].slot : bp.nodes[i + 1].slot;
    spec.end = left_to_right ? bp.nodes[i + 1].slot : bp.nodes[i].slot;
    if (rp.properties) spec.properties = bind_expr(*rp.properties, ctx);
    out.spec.rels.push_back(std::move(spec));
  }
  if (bp.path) out.spec.path = {clone(*bp.path), bp.path_slot};

  out.spec.on_create = bind_set_items(c.on_create, clause_scope, "ON CREATE SET");
  out.spec.on_match = bind_set_items(c.on_match, clause_scope, "ON MATCH SET");
  scope_ = std::move(clause_scope);
  return out;
}

}  // namespace mlkg::query

// Binding expressions: variables to slots, functions to the registry,
// aggregate calls to slots, with openCypher's rules on where aggregates and
// which variables may appear.

#include <algorithm>

#include "engine/common/suggest.hpp"
#include "engine/query/binder_internal.hpp"

namespace mlkg::query {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

BoundExprPtr make(BoundKind kind, const SourcePosition& pos) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = kind;
  e->position = pos;
  return e;
}

bool is_aggregate_call(const ast::Expr& e) {
  return e.kind == ast::ExprKind::kCountStar ||
         (e.kind == ast::ExprKind::kFunctionCall && find_aggregate(e.name) != nullptr);
}

const std::string* grouping_match(const ast::Expr& e, const ExprContext& ctx, Slot* slot) {
  if (!ctx.grouping) return nullptr;
  std::string text = ast::to_string(e);
  for (const auto& [key, s] : *ctx.grouping) {
    if (key == text) {
      *slot = s;
      return &key;
    }
  }
  return nullptr;
}

}  // namespace

void syntax_error(const char* code, const std::string& message, const SourcePosition& pos) {
  throw QueryError(error_class::kSyntax, code, message, pos);
}

BoundExprPtr slot_ref(Slot slot, const SourcePosition& pos) {
  auto e = make(BoundKind::kSlot, pos);
  e->slot = slot;
  return e;
}

bool contains_aggregate(const ast::Expr& e) {
  if (is_aggregate_call(e)) return true;
  for (const auto& c : e.children)
    if (c && contains_aggregate(*c)) return true;
  for (const auto& [w, t] : e.whens)
    if ((w && contains_aggregate(*w)) || (t && contains_aggregate(*t))) return true;
  if (e.else_expr && contains_aggregate(*e.else_expr)) return true;
  for (const auto& item : e.map_items)
    if (item.expr && contains_aggregate(*item.expr)) return true;
  return false;
}

VarKind kind_of(const BoundExpr& e, const Scope& scope) {
  if (e.kind == BoundKind::kPath) return VarKind::kPath;
  if (e.kind == BoundKind::kSlot) {
    for (const Variable& v : scope.variables())
      if (v.slot == e.slot) return v.kind;
  }
  return VarKind::kValue;
}

BoundExprPtr Binder::bind_expr(const ast::Expr& e, ExprContext& ctx) { return bind_expression_impl(*this, e, ctx); }

BoundExprPtr bind_expression_impl(Binder& b, const ast::Expr& e, ExprContext& ctx) {
  using ast::ExprKind;
  // Inside an aggregating projection, an expression equal to a grouping key
  // reads the key's slot.
  if (ctx.grouping && !is_aggregate_call(e)) {
    Slot s;
    if (grouping_match(e, ctx, &s)) return slot_ref(s, e.position);
  }
  auto bind_child = [&](const ast::ExprPtr& c) -> BoundExprPtr { return c ? b.bind_expr(*c, ctx) : nullptr; };
  auto out = make(BoundKind::kConstant, e.position);
  switch (e.kind) {
    case ExprKind::kLiteral:
      out->value = e.value;
      return out;
    case ExprKind::kParameter:
      out->kind = BoundKind::kParameter;
      out->name = e.name;
      return out;
    case ExprKind::kVariable: {
      const Variable* v = ctx.scope ? ctx.scope->find(e.name) : nullptr;
      if (!v) syntax_error(error_code::kUndefinedVariable, "variable `" + e.name + "` is not defined", e.position);
      bool is_key = ctx.grouping && std::any_of(ctx.grouping->begin(), ctx.grouping->end(),
                                                [&](const auto& key) { return key.second == v->slot; });
      if (ctx.grouping && !is_key)
        syntax_error(error_code::kAmbiguousAggregationExpression,
                     "`" + e.name + "` is used beside an aggregate but is not a grouping key; project it too, or "
                     "aggregate it",
                     e.position);
      return slot_ref(v->slot, e.position);
    }
    case ExprKind::kProperty:
      out->kind = BoundKind::kProperty;
      out->name = e.name;
      out->children.push_back(bind_child(e.children[0]));
      return out;
    case ExprKind::kList:
      out->kind = BoundKind::kList;
      for (const auto& c : e.children) out->children.push_back(bind_child(c));
      return out;
    case ExprKind::kMap:
      out->kind = BoundKind::kMap;
      out->keys = e.keys;
      for (const auto& c : e.children) out->children.push_back(bind_child(c));
      return out;
    case ExprKind::kUnary:
    case ExprKind::kBinary:
      out->kind = e.kind == ExprKind::kUnary ? BoundKind::kUnary : BoundKind::kBinary;
      out->op = e.op;
      for (const auto& c : e.children) out->children.push_back(bind_child(c));
      return out;
    case ExprKind::kIsNull:
    case ExprKind::kIsNotNull:
      out->kind = e.kind == ExprKind::kIsNull ? BoundKind::kIsNull : BoundKind::kIsNotNull;
      out->children.push_back(bind_child(e.children[0]));
      return out;
    case ExprKind::kSubscript:
      out->kind = BoundKind::kSubscript;
      out->children.push_back(bind_child(e.children[0]));
      out->children.push_back(bind_child(e.children[1]));
      return out;
    case ExprKind::kSlice:
      out->kind = BoundKind::kSlice;
      for (size_t i = 0; i < 3; ++i) out->children.push_back(i < e.children.size() ? bind_child(e.children[i]) : nullptr);
      return out;
    case ExprKind::kCountStar:
    case ExprKind::kFunctionCall: {
      const AggregateInfo* agg = e.kind == ExprKind::kCountStar ? nullptr : find_aggregate(e.name);
      if (e.kind == ExprKind::kCountStar || agg) {
        if (ctx.aggregates != AggregateMode::kCollect)
          syntax_error(error_code::kInvalidAggregation,
                       std::string("an aggregate function cannot be used in ") + ctx.where, e.position);
        AggregateSpec spec;
        spec.info = agg;
        spec.distinct = e.distinct;
        if (agg) {
          int n = static_cast<int>(e.children.size());
          if (n < agg->min_args || (agg->max_args >= 0 && n > agg->max_args))
            syntax_error(error_code::kInvalidNumberOfArguments,
                         std::string(agg->name) + " takes " + std::string(agg->signature), e.position);
          // The argument is evaluated per input row: no aggregates inside,
          // and the input scope (not the grouping keys) applies.
          ExprContext inner = ctx;
          inner.aggregates = AggregateMode::kForbidden;
          inner.grouping = nullptr;
          inner.where = "the argument of an aggregate function";
          for (const auto& c : e.children)
            if (contains_aggregate(*c))
              syntax_error(error_code::kInvalidAggregation, "aggregate functions cannot be nested", c->position);
          spec.argument = b.bind_expr(*e.children[0], inner);
          for (size_t i = 1; i < e.children.size(); ++i) {
            BoundExprPtr arg = b.bind_expr(*e.children[i], inner);
            if (!is_constant(*arg))
              syntax_error(error_code::kNonConstantExpression,
                           std::string("the extra arguments of ") + std::string(agg->name) + " must be constant",
                           e.children[i]->position);
            if (arg->kind == BoundKind::kConstant) {
              spec.constant_args.push_back(arg->value);
            } else {
              syntax_error(error_code::kNonConstantExpression,
                           std::string("the extra arguments of ") + std::string(agg->name) + " must be literals",
                           e.children[i]->position);
            }
          }
        }
        spec.out = b.new_slot();
        Slot slot = spec.out;
        ctx.collected->push_back(std::move(spec));
        return slot_ref(slot, e.position);
      }
      const FunctionInfo* fn = find_function(e.name);
      if (!fn) {
        std::vector<std::string> names;
        for (const FunctionInfo* f : all_functions()) names.emplace_back(f->name);
        for (const AggregateInfo* a : all_aggregates()) names.emplace_back(a->name);
        auto hint = closest_match(e.name, names);
        syntax_error(error_code::kUnknownFunction,
                     "unknown function '" + e.name + "'" + (hint ? "; did you mean " + *hint + "()?" : ""),
                     e.position);
      }
      int n = static_cast<int>(e.children.size());
      if (n < fn->min_args || (fn->max_args >= 0 && n > fn->max_args))
        syntax_error(error_code::kInvalidNumberOfArguments,
                     "wrong number of arguments to " + std::string(fn->name) + ": expected " +
                         std::string(fn->signature),
                     e.position);
      if (e.distinct)
        syntax_error(error_code::kInvalidArgumentPassingMode,
                     "DISTINCT is only allowed in aggregate functions, not in " + std::string(fn->name), e.position);
      out->kind = BoundKind::kFunction;
      out->function = fn;
      for (const auto& c : e.children) out->children.push_back(bind_child(c));
      return out;
    }
    case ExprKind::kCase: {
      out->kind = BoundKind::kCase;
      if (!e.children.empty() && e.children[0]) {
        out->case_has_subject = true;
        out->children.push_back(bind_child(e.children[0]));
      }
      for (const auto& [w, t] : e.whens) {
        out->children.push_back(bind_child(w));
        out->children.push_back(bind_child(t));
      }
      if (e.else_expr) {
        out->case_has_else = true;
        out->children.push_back(bind_child(e.else_expr));
      }
      return out;
    }
    case ExprKind::kLabelCheck:
      out->kind = BoundKind::kLabelCheck;
      out->keys = e.keys;
      out->children.push_back(bind_child(e.children[0]));
      return out;
    case ExprKind::kListComprehension:
    case ExprKind::kQuantifier:
    case ExprKind::kReduce: {
      // The iteration variable (and reduce's accumulator) live in a scope of
      // their own, on top of the enclosing one.
      size_t list_index = e.kind == ExprKind::kReduce ? 1 : 0;
      BoundExprPtr list = bind_child(e.children[list_index]);
      BoundExprPtr init = e.kind == ExprKind::kReduce ? bind_child(e.children[0]) : nullptr;
      Scope inner_scope = ctx.scope ? *ctx.scope : Scope();
      Slot iter = b.new_slot();
      inner_scope.add({e.name, iter, VarKind::kValue});
      Slot acc = kNoSlot;
      if (e.kind == ExprKind::kReduce) {
        acc = b.new_slot();
        inner_scope.add({e.keys.at(0), acc, VarKind::kValue});
      }
      ExprContext inner = ctx;
      inner.scope = &inner_scope;
      inner.grouping = nullptr;  // the iteration variable is not a grouping key
      auto bind_inner = [&](const ast::ExprPtr& c) -> BoundExprPtr { return c ? b.bind_expr(*c, inner) : nullptr; };
      out->slot = iter;
      out->acc_slot = acc;
      if (e.kind == ExprKind::kReduce) {
        out->kind = BoundKind::kReduce;
        out->children.push_back(std::move(init));
        out->children.push_back(std::move(list));
        out->children.push_back(bind_inner(e.children[2]));
      } else {
        out->kind = e.kind == ExprKind::kQuantifier ? BoundKind::kQuantifier : BoundKind::kListComprehension;
        out->quantifier = e.quantifier;
        out->children.push_back(std::move(list));
        out->children.push_back(e.children.size() > 1 ? bind_inner(e.children[1]) : nullptr);
        if (e.kind == ExprKind::kListComprehension)
          out->children.push_back(e.children.size() > 2 ? bind_inner(e.children[2]) : nullptr);
      }
      return out;
    }
    case ExprKind::kMapProjection: {
      const Variable* v = ctx.scope ? ctx.scope->find(e.name) : nullptr;
      if (!v) syntax_error(error_code::kUndefinedVariable, "variable `" + e.name + "` is not defined", e.position);
      out->kind = BoundKind::kMapProjection;
      out->children.push_back(slot_ref(v->slot, e.position));
      for (const auto& item : e.map_items) {
        BoundMapItem bi;
        bi.kind = item.kind;
        bi.key = item.key;
        if (item.kind == ast::MapProjectionItem::Kind::kLiteral) {
          bi.expr = bind_child(item.expr);
        } else if (item.kind == ast::MapProjectionItem::Kind::kVariable) {
          const Variable* iv = ctx.scope ? ctx.scope->find(item.key) : nullptr;
          if (!iv) syntax_error(error_code::kUndefinedVariable, "variable `" + item.key + "` is not defined", e.position);
          bi.expr = slot_ref(iv->slot, e.position);
        }
        out->map_items.push_back(std::move(bi));
      }
      return out;
    }
    case ExprKind::kPatternComprehension:
    case ExprKind::kPatternPredicate:
    case ExprKind::kExistsSubquery:
      throw QueryError(error_class::kSyntax, "", "pattern expressions (pattern predicates, pattern comprehensions and "
                                                 "EXISTS subqueries) are not supported yet",
                       e.position);
  }
  return out;
}

}  // namespace mlkg::query

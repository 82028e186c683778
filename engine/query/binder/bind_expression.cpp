// Binding expressions: variables to slots, functions to the registry,
// aggregate calls to slots, with openCypher's rules on where aggregates and
// which variables may appear, static type checks where the kinds are known,
// and folding of constant subexpressions.

#include <algorithm>

#include "engine/common/suggest.hpp"
#include "engine/common/unicode.hpp"
#include "engine/query/binder/binder_internal.hpp"
#include "engine/query/expression/evaluator.hpp"

namespace mlkg::query {

namespace {

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

bool calls_nondeterministic(const ast::Expr& e) {
  if (e.kind == ast::ExprKind::kFunctionCall) {
    const FunctionInfo* f = find_function(e.name);
    if (f && !f->deterministic) return true;
  }
  for (const auto& c : e.children)
    if (c && calls_nondeterministic(*c)) return true;
  return false;
}

// The kinds of argument a function accepts, where a wrong one is certain
// from the query alone (a SyntaxError in the TCK).
bool accepts(std::string_view function, VarKind kind) {
  if (kind == VarKind::kAny) return true;
  std::string f = unicode::to_lower_ascii(function);
  if (f == "type" || f == "startnode" || f == "endnode") return kind == VarKind::kRel;
  if (f == "labels") return kind == VarKind::kNode;
  if (f == "length" || f == "nodes" || f == "relationships") return kind == VarKind::kPath;
  if (f == "size") return kind == VarKind::kList || kind == VarKind::kRelList || kind == VarKind::kScalar;
  if (f == "properties" || f == "keys")
    return kind == VarKind::kNode || kind == VarKind::kRel || kind == VarKind::kMap;
  return true;
}

VarKind function_result_kind(std::string_view function) {
  std::string f = unicode::to_lower_ascii(function);
  if (f == "startnode" || f == "endnode") return VarKind::kNode;
  if (f == "nodes" || f == "relationships" || f == "labels" || f == "keys" || f == "range" || f == "split" ||
      f == "tail")
    return VarKind::kList;
  if (f == "properties") return VarKind::kMap;
  if (f == "size" || f == "length" || f == "id" || f == "type" || f == "tostring" || f == "tointeger" ||
      f == "tofloat" || f == "toboolean" || f == "tolower" || f == "toupper" || f == "abs")
    return VarKind::kScalar;
  return VarKind::kAny;
}

// Folds an expression whose operands are all constants into its value. A
// type error found this way is certain from the query text, which the TCK
// reports as a compile-time SyntaxError; other errors (1 / 0) are left to
// run time, when the expression is evaluated at all.
// Whether `e` can be computed without a row, parameters or the graph: only
// literals, the variables of enclosing comprehensions (`bound`) and pure
// operators and functions. `max_slot` grows to the largest slot it binds.
bool computable(const BoundExpr& e, std::vector<Slot>& bound, Slot& max_slot) {
  auto all = [&](size_t from) {
    for (size_t i = from; i < e.children.size(); ++i)
      if (e.children[i] && !computable(*e.children[i], bound, max_slot)) return false;
    return true;
  };
  auto with = [&](std::initializer_list<Slot> slots, size_t from) {
    for (Slot s : slots) {
      bound.push_back(s);
      max_slot = std::max(max_slot, s);
    }
    bool ok = all(from);
    bound.resize(bound.size() - slots.size());
    return ok;
  };
  switch (e.kind) {
    case BoundKind::kConstant: return true;
    case BoundKind::kSlot: return std::find(bound.begin(), bound.end(), e.slot) != bound.end();
    case BoundKind::kFunction:
      if (!e.function->deterministic) return false;
      return all(0);
    case BoundKind::kProperty:
    case BoundKind::kList:
    case BoundKind::kMap:
    case BoundKind::kUnary:
    case BoundKind::kBinary:
    case BoundKind::kIsNull:
    case BoundKind::kIsNotNull:
    case BoundKind::kSubscript:
    case BoundKind::kSlice:
    case BoundKind::kCase: return all(0);
    case BoundKind::kListComprehension:
    case BoundKind::kQuantifier:
      return e.children[0] && computable(*e.children[0], bound, max_slot) && with({e.slot}, 1);
    case BoundKind::kReduce:
      return e.children[0] && computable(*e.children[0], bound, max_slot) && e.children[1] &&
             computable(*e.children[1], bound, max_slot) && with({e.slot, e.acc_slot}, 2);
    default: return false;
  }
}

// `e` computed now, on a row of `width` empty slots, as a constant. A type
// error is a compile-time SyntaxError (as the TCK wants); any other error is
// left for run time, where it may never happen (`CASE` branches, WHERE).
BoundExprPtr evaluate_now(BoundExprPtr e, size_t width) {
  ValueMap no_params;
  ExecContext ctx(nullptr, no_params, nullptr);
  Row row(width);
  try {
    Value v = evaluate(*e, row, ctx);
    auto out = make(BoundKind::kConstant, e->position);
    out->value = std::move(v);
    return out;
  } catch (const QueryError& err) {
    if (err.error_class() == ErrorClass::kType && err.code() == ErrorCode::kInvalidArgumentType)
      throw QueryError(ErrorClass::kSyntax, ErrorCode::kInvalidArgumentType, err.message(), e->position);
    return e;
  }
}

BoundExprPtr fold(BoundExprPtr e) {
  // A comprehension, quantifier or reduce over a literal list is computed
  // now, so that a type error in it is found before the query runs.
  if (e->kind == BoundKind::kListComprehension || e->kind == BoundKind::kQuantifier ||
      e->kind == BoundKind::kReduce) {
    // Only over a literal list of modest size: a long one (range(1, 1e9))
    // is left for run time, where LIMIT or a cancel can still stop it.
    constexpr size_t kMaxFoldedList = 10000;
    const BoundExpr& list = *e->children[e->kind == BoundKind::kReduce ? 1 : 0];
    if (list.kind != BoundKind::kConstant || (list.value.is_list() && list.value.as_list().size() > kMaxFoldedList))
      return e;
    std::vector<Slot> bound;
    Slot max_slot = 0;
    if (!computable(*e, bound, max_slot)) return e;
    return evaluate_now(std::move(e), static_cast<size_t>(max_slot) + 1);
  }
  switch (e->kind) {
    case BoundKind::kUnary:
    case BoundKind::kBinary:
    case BoundKind::kIsNull:
    case BoundKind::kIsNotNull:
    case BoundKind::kSubscript:
    case BoundKind::kSlice:
    case BoundKind::kList:
    case BoundKind::kMap:
    case BoundKind::kCase:
    case BoundKind::kProperty:
      break;
    case BoundKind::kFunction:
      if (!e->function->deterministic) return e;
      break;
    default:
      return e;
  }
  for (const auto& c : e->children)
    if (c && c->kind != BoundKind::kConstant) return e;
  // Boolean operators short-circuit when evaluated; folded, every operand
  // must be a boolean (or null) even where the answer would not need it.
  bool logical = (e->kind == BoundKind::kBinary &&
                  (e->op == ast::Op::kAnd || e->op == ast::Op::kOr || e->op == ast::Op::kXor)) ||
                 (e->kind == BoundKind::kUnary && e->op == ast::Op::kNot);
  if (logical)
    for (const auto& c : e->children)
      if (!c->value.is_bool() && !c->value.is_null())
        throw QueryError(ErrorClass::kSyntax, ErrorCode::kInvalidArgumentType,
                         std::string("a boolean operator needs booleans, got ") + type_name(c->value.type()) + " " +
                             c->value.to_literal(),
                         e->position);
  return evaluate_now(std::move(e), 0);
}

}  // namespace

const char* kind_name(VarKind k) {
  switch (k) {
    case VarKind::kNode: return "a node";
    case VarKind::kRel: return "a relationship";
    case VarKind::kRelList: return "a list of relationships";
    case VarKind::kPath: return "a path";
    case VarKind::kList: return "a list";
    case VarKind::kMap: return "a map";
    case VarKind::kScalar: return "a boolean, number or string";
    case VarKind::kAny: return "a value";
  }
  return "a value";
}

BoundExprPtr slot_ref(Slot slot, const SourcePosition& pos) {
  auto e = make(BoundKind::kSlot, pos);
  e->slot = slot;
  return e;
}

void syntax_error(ErrorCode code, const std::string& message, const SourcePosition& pos) {
  throw QueryError(ErrorClass::kSyntax, code, message, pos);
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
  switch (e.kind) {
    case BoundKind::kPath: return VarKind::kPath;
    case BoundKind::kSlot:
      for (const Variable& v : scope.variables())
        if (v.slot == e.slot) return v.kind;
      return VarKind::kAny;
    case BoundKind::kConstant:
      switch (e.value.type()) {
        case Value::Type::kBool:
        case Value::Type::kInt:
        case Value::Type::kFloat:
        case Value::Type::kString: return VarKind::kScalar;
        case Value::Type::kList: return VarKind::kList;
        case Value::Type::kMap: return VarKind::kMap;
        default: return VarKind::kAny;
      }
    case BoundKind::kList:
    case BoundKind::kListComprehension: return VarKind::kList;
    case BoundKind::kMap:
    case BoundKind::kMapProjection: return VarKind::kMap;
    case BoundKind::kFunction: return function_result_kind(e.function->name);
    case BoundKind::kSubquery:
      return e.subquery->kind == SubqueryExpr::Kind::kComprehension ? VarKind::kList : VarKind::kScalar;
    default: return VarKind::kAny;
  }
}

BoundExprPtr Binder::bind_expr(const ast::Expr& e, ExprContext& ctx) {
  return fold(bind_expression_impl(*this, e, ctx));
}

BoundExprPtr Binder::bind_predicate(const ast::Expr& e, ExprContext& ctx) {
  BoundExprPtr out = bind_expr(e, ctx);
  VarKind k = ctx.scope ? kind_of(*out, *ctx.scope) : VarKind::kAny;
  if (k != VarKind::kScalar && k != VarKind::kAny)
    syntax_error(ErrorCode::kInvalidArgumentType,
                 std::string(ctx.where) + " needs a boolean, but `" + ast::to_string(e) + "` is " + kind_name(k),
                 e.position);
  return out;
}

BoundExprPtr bind_expression_impl(Binder& b, const ast::Expr& e, ExprContext& ctx) {
  using ast::ExprKind;
  const AggregationRules* rules = ctx.rules;
  // Beside aggregates, a (simple) grouping key reads its slot.
  if (rules && !is_aggregate_call(e)) {
    std::string text = ast::to_string(e);
    for (const auto& [key, slot] : rules->keys)
      if (key == text) return slot_ref(slot, e.position);
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
      if (rules) {
        if (v && std::find(rules->allowed.begin(), rules->allowed.end(), v->slot) != rules->allowed.end())
          return slot_ref(v->slot, e.position);
        bool grouped =
            std::find(rules->grouped_names.begin(), rules->grouped_names.end(), e.name) != rules->grouped_names.end();
        if (rules->order_by ? grouped : v != nullptr)
          syntax_error(ErrorCode::kAmbiguousAggregationExpression,
                       "`" + e.name + "` is used beside an aggregate but is not a grouping key on its own; project "
                       "it (or its property) as a column, or aggregate it",
                       e.position);
      }
      if (!v) syntax_error(ErrorCode::kUndefinedVariable, "variable `" + e.name + "` is not defined", e.position);
      return slot_ref(v->slot, e.position);
    }
    case ExprKind::kProperty: {
      out->kind = BoundKind::kProperty;
      out->name = e.name;
      out->children.push_back(bind_child(e.children[0]));
      if (ctx.scope) {
        VarKind k = kind_of(*out->children[0], *ctx.scope);
        if (k == VarKind::kPath)
          syntax_error(ErrorCode::kInvalidArgumentType, "a path has no properties; `." + e.name + "` cannot be read",
                       e.position);
        // What is known to be a boolean, number, string or list has no
        // properties either: a type error found before the query runs, as
        // the TCK wants (`WITH 123 AS x RETURN x.num`).
        if (k == VarKind::kScalar || k == VarKind::kList || k == VarKind::kRelList)
          throw QueryError(ErrorClass::kType, ErrorCode::kInvalidArgumentType,
                           std::string(kind_name(k)) + " has no properties; `." + e.name + "` cannot be read",
                           e.position);
        if (k == VarKind::kNode || k == VarKind::kRel) b.note_unknown(storage::NameKind::kKey, e.name);
      }
      return out;
    }
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
        if (ctx.aggregates == AggregateMode::kProjected) {
          // ORDER BY after aggregation: only an aggregate the projection computes.
          std::string text = ast::to_string(e);
          for (const auto& [t, slot] : rules->aggregates)
            if (t == text) return slot_ref(slot, e.position);
          ExprContext args;
          args.scope = ctx.scope;  // the projected names: others are undefined here
          args.where = "ORDER BY";
          for (const auto& c : e.children) b.bind_expr(*c, args);
          syntax_error(ErrorCode::kInvalidAggregation,
                       "ORDER BY can only use an aggregate that the projection before it computes", e.position);
        }
        if (ctx.aggregates != AggregateMode::kCollect)
          syntax_error(ErrorCode::kInvalidAggregation,
                       std::string("an aggregate function cannot be used in ") + ctx.where, e.position);
        AggregateSpec spec;
        spec.info = agg;
        spec.distinct = e.distinct;
        if (agg) {
          int n = static_cast<int>(e.children.size());
          if (n < agg->min_args || (agg->max_args >= 0 && n > agg->max_args))
            syntax_error(ErrorCode::kInvalidNumberOfArguments,
                         std::string(agg->name) + " takes " + std::string(agg->signature), e.position);
          // The arguments are evaluated per input row: no aggregates inside,
          // and the input scope (not the grouping keys) applies.
          ExprContext inner = ctx;
          inner.aggregates = AggregateMode::kForbidden;
          inner.rules = nullptr;
          inner.where = "the argument of an aggregate function";
          for (const auto& c : e.children) {
            if (contains_aggregate(*c))
              syntax_error(ErrorCode::kInvalidAggregation, "aggregate functions cannot be nested", c->position);
            if (calls_nondeterministic(*c))
              syntax_error(ErrorCode::kNonConstantExpression,
                           "an aggregate function cannot aggregate a random value like rand()", c->position);
          }
          spec.argument = b.bind_expr(*e.children[0], inner);
          for (size_t i = 1; i < e.children.size(); ++i) spec.extra_args.push_back(b.bind_expr(*e.children[i], inner));
        }
        spec.out = b.new_slot(ast::to_string(e));
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
        syntax_error(ErrorCode::kUnknownFunction,
                     "unknown function '" + e.name + "'" + (hint ? "; did you mean " + *hint + "()?" : ""),
                     e.position);
      }
      int n = static_cast<int>(e.children.size());
      if (n < fn->min_args || (fn->max_args >= 0 && n > fn->max_args))
        syntax_error(ErrorCode::kInvalidNumberOfArguments,
                     "wrong number of arguments to " + std::string(fn->name) + ": expected " +
                         std::string(fn->signature),
                     e.position);
      if (e.distinct)
        syntax_error(ErrorCode::kInvalidArgumentPassingMode,
                     "DISTINCT is only allowed in aggregate functions, not in " + std::string(fn->name), e.position);
      out->kind = BoundKind::kFunction;
      out->function = fn;
      for (const auto& c : e.children) out->children.push_back(bind_child(c));
      if (!out->children.empty() && ctx.scope) {
        VarKind k = kind_of(*out->children[0], *ctx.scope);
        if (!accepts(fn->name, k))
          syntax_error(ErrorCode::kInvalidArgumentType,
                       std::string(fn->name) + "() cannot take " + kind_name(k) + "; its signature is " +
                           std::string(fn->signature),
                       e.position);
      }
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
      Slot iter = b.new_slot(e.name);
      inner_scope.add({e.name, iter, VarKind::kAny});
      Slot acc = kNoSlot;
      if (e.kind == ExprKind::kReduce) {
        acc = b.new_slot(e.keys.at(0));
        inner_scope.add({e.keys.at(0), acc, VarKind::kAny});
      }
      ExprContext inner = ctx;
      inner.scope = &inner_scope;
      AggregationRules inner_rules;
      if (rules) {
        // The iteration variables are allowed beside aggregates too.
        inner_rules = *rules;
        inner_rules.allowed.push_back(iter);
        if (acc != kNoSlot) inner_rules.allowed.push_back(acc);
        inner.rules = &inner_rules;
      }
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
      if (!v) syntax_error(ErrorCode::kUndefinedVariable, "variable `" + e.name + "` is not defined", e.position);
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
          if (!iv) syntax_error(ErrorCode::kUndefinedVariable, "variable `" + item.key + "` is not defined", e.position);
          bi.expr = slot_ref(iv->slot, e.position);
        }
        out->map_items.push_back(std::move(bi));
      }
      return out;
    }
    case ExprKind::kPatternComprehension:
    case ExprKind::kPatternPredicate:
    case ExprKind::kExistsSubquery:
      return b.bind_subquery(e, ctx);
  }
  return out;
}

}  // namespace mlkg::query

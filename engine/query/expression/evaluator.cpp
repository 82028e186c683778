#include "engine/query/expression/evaluator.hpp"

#include "engine/query/expression/subquery.hpp"
#include "engine/query/function/value_ops.hpp"

namespace mlkg::query {

namespace {

[[noreturn]] void type_error(const std::string& message, const SourcePosition& pos = {}) {
  throw QueryError(ErrorClass::kType, ErrorCode::kInvalidArgumentType, message, pos);
}

Value binary(const BoundExpr& e, Row& row, ExecContext& ctx) {
  using ast::Op;
  // AND / OR short-circuit on a decisive left side; otherwise three-valued.
  if (e.op == Op::kAnd || e.op == Op::kOr) {
    Value left = evaluate(*e.children[0], row, ctx);
    if (left.is_bool() && left.as_bool() == (e.op == Op::kOr)) return left;
    Value right = evaluate(*e.children[1], row, ctx);
    return e.op == Op::kAnd ? logical_and(left, right) : logical_or(left, right);
  }
  Value a = evaluate(*e.children[0], row, ctx);
  Value b = evaluate(*e.children[1], row, ctx);
  switch (e.op) {
    case Op::kXor: return logical_xor(a, b);
    case Op::kEq: return equals(a, b);
    case Op::kNe: return not_equals(a, b);
    case Op::kLt: return less_than(a, b);
    case Op::kLe: return less_equal(a, b);
    case Op::kGt: return greater_than(a, b);
    case Op::kGe: return greater_equal(a, b);
    case Op::kAdd: return add(a, b);
    case Op::kSub: return subtract(a, b);
    case Op::kMul: return multiply(a, b);
    case Op::kDiv: return divide(a, b);
    case Op::kMod: return modulo(a, b);
    case Op::kPow: return power(a, b);
    case Op::kRegexMatch: return regex_match(a, b);
    case Op::kStartsWith: return starts_with(a, b);
    case Op::kEndsWith: return ends_with(a, b);
    case Op::kContains: return contains(a, b);
    case Op::kIn: return in_list(a, b);
    default: break;
  }
  throw QueryError(ErrorClass::kInternal, ErrorCode::kNone, "unexpected binary operator");
}

Value unary(const BoundExpr& e, Row& row, ExecContext& ctx) {
  Value a = evaluate(*e.children[0], row, ctx);
  switch (e.op) {
    case ast::Op::kNot: return logical_not(a);
    case ast::Op::kNegate: return negate(a);
    case ast::Op::kPlus:
      if (a.is_null() || a.is_number()) return a;
      type_error(std::string("unary + needs a number, not a ") + type_name(a.type()), e.position);
    default: break;
  }
  throw QueryError(ErrorClass::kInternal, ErrorCode::kNone, "unexpected unary operator");
}

// The list a comprehension iterates: null stays null (the caller returns
// null), anything but a list is a type error.
const ValueList* iterable(const Value& v, const BoundExpr& e) {
  if (v.is_null()) return nullptr;
  if (!v.is_list()) type_error(std::string("expected a list to iterate over, got a ") + type_name(v.type()), e.position);
  return &v.as_list();
}

Value quantifier(const BoundExpr& e, Row& row, ExecContext& ctx) {
  Value list = evaluate(*e.children[0], row, ctx);
  const ValueList* items = iterable(list, e);
  if (!items) return Value();
  int64_t true_count = 0;
  bool saw_null = false;
  for (const Value& item : *items) {
    ctx.check_cancelled();
    row[e.slot] = item;
    Value verdict = e.children[1] ? evaluate(*e.children[1], row, ctx) : Value(true);
    if (verdict.is_null()) {
      saw_null = true;
    } else if (!verdict.is_bool()) {
      type_error("a quantifier's predicate must be a boolean");
    } else if (verdict.as_bool()) {
      ++true_count;
    } else if (e.quantifier == ast::Quantifier::kAll) {
      return Value(false);
    }
    if (true_count > 0 && e.quantifier == ast::Quantifier::kAny) return Value(true);
    if (true_count > 0 && e.quantifier == ast::Quantifier::kNone) return Value(false);
    if (true_count > 1 && e.quantifier == ast::Quantifier::kSingle) return Value(false);
  }
  switch (e.quantifier) {
    case ast::Quantifier::kAll: return saw_null ? Value() : Value(true);
    case ast::Quantifier::kAny: return saw_null ? Value() : Value(false);
    case ast::Quantifier::kNone: return saw_null ? Value() : Value(true);
    case ast::Quantifier::kSingle:
      if (saw_null) return true_count <= 1 ? Value() : Value(false);
      return Value(true_count == 1);
  }
  return Value();
}

Value case_expr(const BoundExpr& e, Row& row, ExecContext& ctx) {
  size_t i = 0;
  Value subject;
  if (e.case_has_subject) subject = evaluate(*e.children[i++], row, ctx);
  size_t end = e.children.size() - (e.case_has_else ? 1 : 0);
  for (; i < end; i += 2) {  // (when, then) pairs
    Value when = evaluate(*e.children[i], row, ctx);
    bool hit = e.case_has_subject ? [&] {
      Value eq = equals(subject, when);
      return eq.is_bool() && eq.as_bool();
    }()
                                  : (when.is_bool() && when.as_bool());
    if (hit) return evaluate(*e.children[i + 1], row, ctx);
  }
  return e.case_has_else ? evaluate(*e.children.back(), row, ctx) : Value();
}

Value map_projection(const BoundExpr& e, Row& row, ExecContext& ctx) {
  Value base = evaluate(*e.children[0], row, ctx);
  if (base.is_null()) return Value();
  ValueMap out;
  for (const BoundMapItem& item : e.map_items) {
    switch (item.kind) {
      case ast::MapProjectionItem::Kind::kAllProperties: {
        ValueMap all = base.is_node()           ? ctx.graph->node_properties(base.as_node().id)
                       : base.is_relationship() ? ctx.graph->rel_properties(base.as_relationship().id)
                       : base.is_map()          ? base.as_map()
                                                : (type_error("a map projection needs a node, relationship or map"),
                                                   ValueMap());
        for (auto& [k, v] : all) out.insert_or_assign(k, std::move(v));
        break;
      }
      case ast::MapProjectionItem::Kind::kProperty:
        out.insert_or_assign(item.key, property(base, item.key, ctx.graph));
        break;
      case ast::MapProjectionItem::Kind::kLiteral:
      case ast::MapProjectionItem::Kind::kVariable:
        out.insert_or_assign(item.key, evaluate(*item.expr, row, ctx));
        break;
    }
  }
  return Value(std::move(out));
}

Value build_path(const BoundExpr& e, Row& row) {
  PathValue path;
  for (size_t i = 0; i < e.path_node_slots.size(); ++i) {
    const Value& n = row[e.path_node_slots[i]];
    if (n.is_null()) return Value();  // an OPTIONAL MATCH that did not match
    if (i > 0) {
      const Value& r = row[e.path_rel_slots[i - 1]];
      if (r.is_null()) return Value();
      if (r.is_list()) {
        // A variable-length segment: its relationships, and the nodes between them.
        const Value& inner = row[e.path_segment_node_slots[i - 1]];
        const ValueList& rels = r.as_list();
        for (size_t k = 0; k < rels.size(); ++k) {
          path.rels.push_back(rels[k].as_relationship());
          if (k + 1 < rels.size()) path.nodes.push_back(inner.as_list()[k].as_node());
        }
        if (rels.empty()) continue;  // zero length: the node is already there
      } else {
        path.rels.push_back(r.as_relationship());
      }
    }
    path.nodes.push_back(n.as_node());
  }
  return Value(std::move(path));
}

}  // namespace

namespace {

// The value of an operand that is only read: a variable's value in place
// (no copy of a long list or map for `list[i]`, `map.key`), else `tmp`
// holding the evaluated value.
const Value& operand(const BoundExpr& e, Row& row, ExecContext& ctx, Value& tmp) {
  if (e.kind == BoundKind::kSlot) return row[e.slot];
  tmp = evaluate(e, row, ctx);
  return tmp;
}

}  // namespace

Value evaluate(const BoundExpr& e, Row& row, ExecContext& ctx) {
  switch (e.kind) {
    case BoundKind::kConstant: return e.value;
    case BoundKind::kParameter: {
      auto it = ctx.params.find(e.name);
      if (it == ctx.params.end())
        throw QueryError(ErrorClass::kParameterMissing, ErrorCode::kMissingParameter,
                         "expected a value for the parameter $" + e.name, e.position);
      return it->second;
    }
    case BoundKind::kSlot: return row[e.slot];
    case BoundKind::kProperty: {
      Value tmp;
      return property(operand(*e.children[0], row, ctx, tmp), e.name, ctx.graph);
    }
    case BoundKind::kList: {
      ValueList out;
      out.reserve(e.children.size());
      for (const auto& c : e.children) out.push_back(evaluate(*c, row, ctx));
      return Value(std::move(out));
    }
    case BoundKind::kMap: {
      ValueMap out;
      for (size_t i = 0; i < e.children.size(); ++i) out.insert_or_assign(e.keys[i], evaluate(*e.children[i], row, ctx));
      return Value(std::move(out));
    }
    case BoundKind::kUnary: return unary(e, row, ctx);
    case BoundKind::kBinary: return binary(e, row, ctx);
    case BoundKind::kIsNull: return Value(evaluate(*e.children[0], row, ctx).is_null());
    case BoundKind::kIsNotNull: return Value(!evaluate(*e.children[0], row, ctx).is_null());
    case BoundKind::kSubscript: {
      Value tmp;
      const Value& container = operand(*e.children[0], row, ctx, tmp);
      return subscript(container, evaluate(*e.children[1], row, ctx), ctx.graph);
    }
    case BoundKind::kSlice: {
      Value tmp;
      const Value& list = operand(*e.children[0], row, ctx, tmp);
      Value from, to;
      if (e.children[1]) from = evaluate(*e.children[1], row, ctx);
      if (e.children[2]) to = evaluate(*e.children[2], row, ctx);
      return slice(list, e.children[1] ? &from : nullptr, e.children[2] ? &to : nullptr);
    }
    case BoundKind::kFunction: {
      ValueList args;
      args.reserve(e.children.size());
      for (const auto& c : e.children) args.push_back(evaluate(*c, row, ctx));
      return e.function->fn(args, ctx.functions);
    }
    case BoundKind::kCase: return case_expr(e, row, ctx);
    case BoundKind::kLabelCheck: {
      Value v = evaluate(*e.children[0], row, ctx);
      if (v.is_null()) return Value();
      if (!v.is_node()) type_error(std::string("a label check needs a node, not a ") + type_name(v.type()), e.position);
      for (const auto& l : e.keys)
        if (!ctx.graph->node_has_label(v.as_node().id, l)) return Value(false);
      return Value(true);
    }
    case BoundKind::kListComprehension: {
      Value list = evaluate(*e.children[0], row, ctx);
      const ValueList* items = iterable(list, e);
      if (!items) return Value();
      ValueList out;
      for (const Value& item : *items) {
        ctx.check_cancelled();  // a long list can be stopped, and one that outgrows the memory budget
        row[e.slot] = item;
        if (e.children[1] && !evaluate_predicate(*e.children[1], row, ctx)) continue;
        out.push_back(e.children[2] ? evaluate(*e.children[2], row, ctx) : item);
      }
      return Value(std::move(out));
    }
    case BoundKind::kQuantifier: return quantifier(e, row, ctx);
    case BoundKind::kReduce: {
      Value acc = evaluate(*e.children[0], row, ctx);
      Value list = evaluate(*e.children[1], row, ctx);
      const ValueList* items = iterable(list, e);
      if (!items) return Value();
      for (const Value& item : *items) {
        ctx.check_cancelled();
        row[e.acc_slot] = acc;
        row[e.slot] = item;
        acc = evaluate(*e.children[2], row, ctx);
      }
      return acc;
    }
    case BoundKind::kMapProjection: return map_projection(e, row, ctx);
    case BoundKind::kPath: return build_path(e, row);
    case BoundKind::kSubquery: return evaluate_subquery(e, row, ctx);
  }
  return Value();
}

bool evaluate_predicate(const BoundExpr& e, Row& row, ExecContext& ctx) {
  Value v = evaluate(e, row, ctx);
  if (v.is_bool()) return v.as_bool();
  if (v.is_null()) return false;
  type_error(std::string("a predicate must be a boolean, not a ") + type_name(v.type()), e.position);
}

}  // namespace mlkg::query

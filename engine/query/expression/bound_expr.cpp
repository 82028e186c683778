#include "engine/query/expression/bound_expr.hpp"

#include <algorithm>

#include "engine/query/expression/subquery.hpp"

namespace mlkg::query {

namespace {

const char* op_text(ast::Op op) {
  switch (op) {
    case ast::Op::kNot: return "NOT ";
    case ast::Op::kNegate: return "-";
    case ast::Op::kPlus: return "+";
    case ast::Op::kOr: return " OR ";
    case ast::Op::kXor: return " XOR ";
    case ast::Op::kAnd: return " AND ";
    case ast::Op::kEq: return " = ";
    case ast::Op::kNe: return " <> ";
    case ast::Op::kLt: return " < ";
    case ast::Op::kLe: return " <= ";
    case ast::Op::kGt: return " > ";
    case ast::Op::kGe: return " >= ";
    case ast::Op::kAdd: return " + ";
    case ast::Op::kSub: return " - ";
    case ast::Op::kMul: return " * ";
    case ast::Op::kDiv: return " / ";
    case ast::Op::kMod: return " % ";
    case ast::Op::kPow: return " ^ ";
    case ast::Op::kRegexMatch: return " =~ ";
    case ast::Op::kStartsWith: return " STARTS WITH ";
    case ast::Op::kEndsWith: return " ENDS WITH ";
    case ast::Op::kContains: return " CONTAINS ";
    case ast::Op::kIn: return " IN ";
  }
  return " ? ";
}

}  // namespace

bool is_constant(const BoundExpr& e) {
  switch (e.kind) {
    case BoundKind::kSlot:
    case BoundKind::kPath:
    case BoundKind::kMapProjection:
    case BoundKind::kSubquery:  // it reads the graph
      return false;
    case BoundKind::kFunction:
      if (!e.function->deterministic) return false;
      break;
    default:
      break;
  }
  for (const auto& c : e.children)
    if (c && !is_constant(*c)) return false;
  for (const auto& m : e.map_items)
    if (m.expr && !is_constant(*m.expr)) return false;
  return true;
}

namespace {

bool runs_subquery(const BoundExpr& e) {
  if (e.kind == BoundKind::kSubquery) return true;
  for (const auto& c : e.children)
    if (c && runs_subquery(*c)) return true;
  for (const auto& m : e.map_items)
    if (m.expr && runs_subquery(*m.expr)) return true;
  return false;
}

}  // namespace

bool reads_row(const BoundExpr& e) {
  std::vector<Slot> slots;
  collect_slots(e, &slots);
  return !slots.empty() || e.kind == BoundKind::kMapProjection || runs_subquery(e);
}

void collect_slots(const BoundExpr& e, std::vector<Slot>* out) {
  std::vector<Slot> inner;
  switch (e.kind) {
    case BoundKind::kSlot: out->push_back(e.slot); return;
    case BoundKind::kPath:
      out->insert(out->end(), e.path_node_slots.begin(), e.path_node_slots.end());
      out->insert(out->end(), e.path_rel_slots.begin(), e.path_rel_slots.end());
      for (Slot s : e.path_segment_node_slots)
        if (s != kNoSlot) out->push_back(s);
      return;
    case BoundKind::kSubquery:
      out->insert(out->end(), e.subquery->reads.begin(), e.subquery->reads.end());
      return;
    default:
      break;
  }
  for (const auto& c : e.children)
    if (c) collect_slots(*c, &inner);
  for (const auto& m : e.map_items)
    if (m.expr) collect_slots(*m.expr, &inner);
  // Variables the expression binds itself are not dependencies.
  std::erase_if(inner, [&](Slot s) { return s == e.slot && e.kind != BoundKind::kSlot && e.slot != kNoSlot; });
  std::erase_if(inner, [&](Slot s) { return s == e.acc_slot && e.acc_slot != kNoSlot; });
  out->insert(out->end(), inner.begin(), inner.end());
}

BoundExprPtr clone(const BoundExpr& e) {
  auto out = std::make_unique<BoundExpr>();
  out->kind = e.kind;
  out->value = e.value;
  out->name = e.name;
  out->op = e.op;
  out->quantifier = e.quantifier;
  out->slot = e.slot;
  out->acc_slot = e.acc_slot;
  out->function = e.function;
  for (const auto& c : e.children) out->children.push_back(c ? clone(*c) : nullptr);
  out->keys = e.keys;
  out->case_has_subject = e.case_has_subject;
  out->case_has_else = e.case_has_else;
  for (const auto& m : e.map_items) out->map_items.push_back({m.kind, m.key, m.expr ? clone(*m.expr) : nullptr});
  out->path_node_slots = e.path_node_slots;
  out->path_rel_slots = e.path_rel_slots;
  out->path_segment_node_slots = e.path_segment_node_slots;
  out->subquery = e.subquery;
  out->position = e.position;
  return out;
}

std::string describe(const BoundExpr& e) {
  auto child = [&](size_t i) { return i < e.children.size() && e.children[i] ? describe(*e.children[i]) : ""; };
  auto list = [&](size_t from) {
    std::string out;
    for (size_t i = from; i < e.children.size(); ++i) out += (i > from ? ", " : "") + child(i);
    return out;
  };
  switch (e.kind) {
    case BoundKind::kConstant: return e.value.to_literal();
    case BoundKind::kParameter: return "$" + e.name;
    case BoundKind::kSlot: return "#" + std::to_string(e.slot);
    case BoundKind::kProperty: return child(0) + "." + quote_cypher_name(e.name);
    case BoundKind::kList: return "[" + list(0) + "]";
    case BoundKind::kMap: {
      std::string out = "{";
      for (size_t i = 0; i < e.children.size(); ++i)
        out += (i ? ", " : "") + quote_cypher_name(e.keys[i]) + ": " + child(i);
      return out + "}";
    }
    case BoundKind::kUnary: return std::string(op_text(e.op)) + child(0);
    case BoundKind::kBinary: return "(" + child(0) + op_text(e.op) + child(1) + ")";
    case BoundKind::kIsNull: return child(0) + " IS NULL";
    case BoundKind::kIsNotNull: return child(0) + " IS NOT NULL";
    case BoundKind::kSubscript: return child(0) + "[" + child(1) + "]";
    case BoundKind::kSlice: return child(0) + "[" + child(1) + ".." + child(2) + "]";
    case BoundKind::kFunction: return std::string(e.function->name) + "(" + list(0) + ")";
    case BoundKind::kCase: return "CASE ... END";
    case BoundKind::kLabelCheck: {
      std::string out = child(0);
      for (const auto& l : e.keys) out += ":" + quote_cypher_name(l);
      return out;
    }
    case BoundKind::kListComprehension: return "[#" + std::to_string(e.slot) + " IN " + child(0) + " ...]";
    case BoundKind::kQuantifier: {
      const char* name = e.quantifier == ast::Quantifier::kAll    ? "all"
                         : e.quantifier == ast::Quantifier::kAny  ? "any"
                         : e.quantifier == ast::Quantifier::kNone ? "none"
                                                                  : "single";
      return std::string(name) + "(#" + std::to_string(e.slot) + " IN " + child(0) +
             (e.children.size() > 1 && e.children[1] ? " WHERE " + child(1) : "") + ")";
    }
    case BoundKind::kReduce: return "reduce(...)";
    case BoundKind::kMapProjection: return child(0) + "{...}";
    case BoundKind::kPath: return "path";
    case BoundKind::kSubquery: return e.subquery->text;
  }
  return "?";
}

}  // namespace mlkg::query

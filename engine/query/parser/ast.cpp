// Deep copies of AST nodes and their normalised openCypher text.
//
// to_string writes the fewest parentheses that make the parser read the text
// back to the same tree: each operator has a binding strength (kPrec*
// below), and an operand weaker than its place requires is parenthesised.
// Comparisons take parentheses on the left as well, since a < b < c would
// read back as a chain.

#include <cmath>
#include <string>
#include <utility>

#include "engine/query/parser/ast.hpp"
#include "engine/query/parser/parser.hpp"

namespace mlkg::query::ast {
namespace {

// Binding strengths, weakest first; the gaps leave room for the label check
// (n:A), which binds just below the other postfix operators.
constexpr int kPrecOr = 2;
constexpr int kPrecXor = 4;
constexpr int kPrecAnd = 6;
constexpr int kPrecNot = 8;
constexpr int kPrecComparison = 10;
constexpr int kPrecPredicate = 12;  // STARTS WITH, ENDS WITH, CONTAINS, IN, =~, IS [NOT] NULL
constexpr int kPrecAdd = 14;
constexpr int kPrecMultiply = 16;
constexpr int kPrecPower = 18;
constexpr int kPrecUnary = 20;
constexpr int kPrecLabelCheck = 21;
constexpr int kPrecPostfix = 22;
constexpr int kPrecAtom = 24;

int binary_precedence(Op op) {
  switch (op) {
    case Op::kOr: return kPrecOr;
    case Op::kXor: return kPrecXor;
    case Op::kAnd: return kPrecAnd;
    case Op::kEq: case Op::kNe: case Op::kLt: case Op::kLe: case Op::kGt: case Op::kGe: return kPrecComparison;
    case Op::kRegexMatch: case Op::kStartsWith: case Op::kEndsWith: case Op::kContains: case Op::kIn:
      return kPrecPredicate;
    case Op::kAdd: case Op::kSub: return kPrecAdd;
    case Op::kMul: case Op::kDiv: case Op::kMod: return kPrecMultiply;
    case Op::kPow: return kPrecPower;
    case Op::kNot: case Op::kNegate: case Op::kPlus: break;
  }
  return kPrecUnary;
}

const char* op_text(Op op) {
  switch (op) {
    case Op::kNot: return "NOT";
    case Op::kNegate: return "-";
    case Op::kPlus: return "+";
    case Op::kOr: return "OR";
    case Op::kXor: return "XOR";
    case Op::kAnd: return "AND";
    case Op::kEq: return "=";
    case Op::kNe: return "<>";
    case Op::kLt: return "<";
    case Op::kLe: return "<=";
    case Op::kGt: return ">";
    case Op::kGe: return ">=";
    case Op::kAdd: return "+";
    case Op::kSub: return "-";
    case Op::kMul: return "*";
    case Op::kDiv: return "/";
    case Op::kMod: return "%";
    case Op::kPow: return "^";
    case Op::kRegexMatch: return "=~";
    case Op::kStartsWith: return "STARTS WITH";
    case Op::kEndsWith: return "ENDS WITH";
    case Op::kContains: return "CONTAINS";
    case Op::kIn: return "IN";
  }
  return "?";
}

int precedence(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kLiteral:
      // A negative number reads back through unary minus.
      if ((e.value.is_int() && e.value.as_int() < 0) || (e.value.is_float() && std::signbit(e.value.as_float()))) {
        return kPrecUnary;
      }
      return kPrecAtom;
    case ExprKind::kUnary: return e.op == Op::kNot ? kPrecNot : kPrecUnary;
    case ExprKind::kBinary: return binary_precedence(e.op);
    case ExprKind::kIsNull: case ExprKind::kIsNotNull: return kPrecPredicate;
    case ExprKind::kProperty: case ExprKind::kSubscript: case ExprKind::kSlice: return kPrecPostfix;
    case ExprKind::kLabelCheck: return kPrecLabelCheck;
    default: return kPrecAtom;
  }
}

// A variable or function name: quoted when it is not a plain name or is a
// reserved word.
std::string variable_name(std::string_view name) {
  std::string quoted = quote_cypher_name(name);
  if (quoted.front() != '`' && is_reserved_word(name)) return '`' + quoted + '`';
  return quoted;
}

std::string function_name(const std::string& name) {
  std::string out;
  size_t start = 0;
  while (true) {
    const size_t dot = name.find('.', start);
    const std::string_view part = std::string_view(name).substr(start, dot == std::string::npos ? dot : dot - start);
    // EXISTS is reserved, but exists() is a function.
    out += start == 0 && !(part.size() == 6 && is_reserved_word(part) && (part[0] | 0x20) == 'e')
               ? variable_name(part)
               : quote_cypher_name(part);
    if (dot == std::string::npos) return out;
    out += '.';
    start = dot + 1;
  }
}

void write(const Expr& e, std::string& out);

// Writes `e`, in parentheses if it binds weaker than `min`.
void write_operand(const Expr& e, int min, std::string& out) {
  const bool parens = precedence(e) < min;
  if (parens) out += '(';
  write(e, out);
  if (parens) out += ')';
}

void write_optional(const char* prefix, const Expr* e, std::string& out) {
  if (e == nullptr) return;
  out += prefix;
  write(*e, out);
}
void write_optional(const char* prefix, const ExprPtr& e, std::string& out) { write_optional(prefix, e.get(), out); }

void write_list(const std::vector<ExprPtr>& items, std::string& out) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    write(*items[i], out);
  }
}

void write_node(const NodePattern& n, std::string& out) {
  out += '(';
  out += n.variable.empty() ? "" : variable_name(n.variable);
  for (const std::string& label : n.labels) out += ':' + quote_cypher_name(label);
  if (n.properties) {
    if (out.back() != '(') out += ' ';
    write(*n.properties, out);
  }
  out += ')';
}

void write_rel(const RelPattern& r, std::string& out) {
  out += r.direction == RelDirection::kLeft ? "<-" : "-";
  std::string detail = r.variable.empty() ? "" : variable_name(r.variable);
  for (size_t i = 0; i < r.types.size(); ++i) detail += (i == 0 ? ":" : "|") + quote_cypher_name(r.types[i]);
  if (r.range) {
    detail += '*';
    const Range& range = *r.range;
    if (range.min && range.max && *range.min == *range.max) {
      detail += std::to_string(*range.min);
    } else if (range.min || range.max) {
      if (range.min) detail += std::to_string(*range.min);
      detail += "..";
      if (range.max) detail += std::to_string(*range.max);
    }
  }
  if (r.properties) {
    if (!detail.empty()) detail += ' ';
    write(*r.properties, detail);
  }
  if (!detail.empty()) out += '[' + detail + ']';
  out += r.direction == RelDirection::kRight ? "->" : "-";
}

void write_part(const PatternPart& part, std::string& out) {
  if (!part.path_variable.empty()) out += variable_name(part.path_variable) + " = ";
  if (part.kind != PatternPart::Kind::kPlain) {
    out += part.kind == PatternPart::Kind::kShortestPath ? "shortestPath(" : "allShortestPaths(";
  }
  write_node(part.start, out);
  for (const auto& [rel, node] : part.steps) {
    write_rel(rel, out);
    write_node(node, out);
  }
  if (part.kind != PatternPart::Kind::kPlain) out += ')';
}

void write_pattern(const Pattern& pattern, std::string& out) {
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (i > 0) out += ", ";
    write_part(pattern[i], out);
  }
}

void write_query(const Query& q, std::string& out);

void write(const Expr& e, std::string& out) {
  switch (e.kind) {
    case ExprKind::kLiteral: out += e.value.to_literal(); return;
    case ExprKind::kParameter: {
      const bool number = !e.name.empty() && e.name.find_first_not_of("0123456789") == std::string::npos;
      out += '$' + (number ? e.name : quote_cypher_name(e.name));
      return;
    }
    case ExprKind::kVariable: out += variable_name(e.name); return;
    case ExprKind::kProperty:
      write_operand(*e.children[0], kPrecPostfix, out);
      out += '.' + quote_cypher_name(e.name);
      return;
    case ExprKind::kList:
      out += '[';
      write_list(e.children, out);
      out += ']';
      return;
    case ExprKind::kMap:
      out += '{';
      for (size_t i = 0; i < e.keys.size(); ++i) {
        if (i > 0) out += ", ";
        out += quote_cypher_name(e.keys[i]) + ": ";
        write(*e.children[i], out);
      }
      out += '}';
      return;
    case ExprKind::kUnary: {
      if (e.op == Op::kNot) {
        out += "NOT ";
        write_operand(*e.children[0], kPrecNot, out);
        return;
      }
      out += op_text(e.op);
      const size_t at = out.size();
      write_operand(*e.children[0], kPrecUnary, out);
      if (out[at] == '-' || out[at] == '+') out.insert(at, " ");  // - -x, not --x
      return;
    }
    case ExprKind::kBinary: {
      const int p = binary_precedence(e.op);
      // Left-associative: the left operand may bind as weakly as the
      // operator itself (not for comparisons, which would chain).
      write_operand(*e.children[0], p == kPrecComparison ? p + 1 : p, out);
      out += ' ';
      out += op_text(e.op);
      out += ' ';
      write_operand(*e.children[1], p == kPrecPredicate ? kPrecAdd : p + 1, out);
      return;
    }
    case ExprKind::kIsNull:
    case ExprKind::kIsNotNull:
      write_operand(*e.children[0], kPrecPredicate, out);
      out += e.kind == ExprKind::kIsNull ? " IS NULL" : " IS NOT NULL";
      return;
    case ExprKind::kSubscript:
      write_operand(*e.children[0], kPrecPostfix, out);
      out += '[';
      write(*e.children[1], out);
      out += ']';
      return;
    case ExprKind::kSlice:
      write_operand(*e.children[0], kPrecPostfix, out);
      out += '[';
      if (e.children[1]) write(*e.children[1], out);
      out += "..";
      if (e.children[2]) write(*e.children[2], out);
      out += ']';
      return;
    case ExprKind::kFunctionCall:
      out += function_name(e.name) + '(';
      if (e.distinct) out += "DISTINCT ";
      write_list(e.children, out);
      out += ')';
      return;
    case ExprKind::kCountStar: out += "count(*)"; return;
    case ExprKind::kCase:
      out += "CASE";
      write_optional(" ", e.children.empty() ? nullptr : e.children[0].get(), out);
      for (const auto& [when, then] : e.whens) {
        out += " WHEN ";
        write(*when, out);
        out += " THEN ";
        write(*then, out);
      }
      write_optional(" ELSE ", e.else_expr, out);
      out += " END";
      return;
    case ExprKind::kLabelCheck:
      write_operand(*e.children[0], kPrecPostfix, out);
      for (const std::string& label : e.keys) out += ':' + quote_cypher_name(label);
      return;
    case ExprKind::kListComprehension:
      out += '[' + variable_name(e.name) + " IN ";
      write(*e.children[0], out);
      write_optional(" WHERE ", e.children[1], out);
      write_optional(" | ", e.children[2], out);
      out += ']';
      return;
    case ExprKind::kQuantifier: {
      static constexpr const char* kNames[] = {"all", "any", "none", "single"};
      out += kNames[static_cast<int>(e.quantifier)];
      out += '(' + variable_name(e.name) + " IN ";
      write(*e.children[0], out);
      write_optional(" WHERE ", e.children[1], out);
      out += ')';
      return;
    }
    case ExprKind::kReduce:
      out += "reduce(" + variable_name(e.keys[0]) + " = ";
      write(*e.children[0], out);
      out += ", " + variable_name(e.name) + " IN ";
      write(*e.children[1], out);
      out += " | ";
      write(*e.children[2], out);
      out += ')';
      return;
    case ExprKind::kPatternComprehension:
      out += '[';
      if (!e.name.empty()) out += variable_name(e.name) + " = ";
      write_part(*e.pattern, out);
      write_optional(" WHERE ", e.children[0], out);
      out += " | ";
      write(*e.children[1], out);
      out += ']';
      return;
    case ExprKind::kPatternPredicate: write_part(*e.pattern, out); return;
    case ExprKind::kExistsSubquery:
      out += "EXISTS { ";
      if (e.subquery) {
        write_query(*e.subquery, out);
      } else {
        write_part(*e.pattern, out);
        write_optional(" WHERE ", e.children.empty() ? nullptr : e.children[0].get(), out);
      }
      out += " }";
      return;
    case ExprKind::kMapProjection:
      out += variable_name(e.name) + '{';
      for (size_t i = 0; i < e.map_items.size(); ++i) {
        const MapProjectionItem& item = e.map_items[i];
        if (i > 0) out += ", ";
        switch (item.kind) {
          case MapProjectionItem::Kind::kProperty: out += '.' + quote_cypher_name(item.key); break;
          case MapProjectionItem::Kind::kLiteral:
            out += quote_cypher_name(item.key) + ": ";
            write(*item.expr, out);
            break;
          case MapProjectionItem::Kind::kVariable: out += variable_name(item.key); break;
          case MapProjectionItem::Kind::kAllProperties: out += ".*"; break;
        }
      }
      out += '}';
      return;
  }
}

void write_set_items(const std::vector<SetItem>& items, std::string& out) {
  for (size_t i = 0; i < items.size(); ++i) {
    const SetItem& item = items[i];
    if (i > 0) out += ", ";
    write(*item.target, out);
    switch (item.kind) {
      case SetItem::Kind::kLabels:
        for (const std::string& label : item.labels) out += ':' + quote_cypher_name(label);
        break;
      case SetItem::Kind::kMergeMap:
        out += " += ";
        write(*item.value, out);
        break;
      case SetItem::Kind::kProperty:
      case SetItem::Kind::kReplaceMap:
        out += " = ";
        write(*item.value, out);
        break;
    }
  }
}

void write_projection(const Projection& p, std::string& out) {
  if (p.distinct) out += "DISTINCT ";
  if (p.star) out += '*';
  for (size_t i = 0; i < p.items.size(); ++i) {
    if (i > 0 || p.star) out += ", ";
    write(*p.items[i].expr, out);
    if (!p.items[i].alias.empty()) out += " AS " + variable_name(p.items[i].alias);
  }
  for (size_t i = 0; i < p.order_by.size(); ++i) {
    out += i == 0 ? " ORDER BY " : ", ";
    write(*p.order_by[i].expr, out);
    if (p.order_by[i].descending) out += " DESC";
  }
  write_optional(" SKIP ", p.skip, out);
  write_optional(" LIMIT ", p.limit, out);
  write_optional(" WHERE ", p.where, out);
}

// An index name as the grammar reads it back: FOR would end the name.
std::string index_name(std::string_view name) {
  std::string quoted = quote_cypher_name(name);
  if (quoted.front() != '`' && name.size() == 3 && (name[0] | 0x20) == 'f' && (name[1] | 0x20) == 'o' &&
      (name[2] | 0x20) == 'r')
    return '`' + quoted + '`';
  return quoted;
}

// "(n:Service)" or "()-[r:T]->()".
void write_schema_pattern(const SchemaCommand& s, std::string& out) {
  if (s.relationship) {
    out += "()" + std::string(s.arrow == "<-" ? "<-" : "-") + "[" + variable_name(s.variable);
    if (!s.rel_type.empty()) out += ":" + quote_cypher_name(s.rel_type);
    out += "]" + std::string(s.arrow == "->" ? "->" : "-") + "()";
    return;
  }
  out += "(" + variable_name(s.variable);
  for (size_t i = 0; i < s.labels.size(); ++i) out += (i == 0 ? ":" : "|") + quote_cypher_name(s.labels[i]);
  out += ")";
}

void write_index_properties(const SchemaCommand& s, const char* open, const char* close, std::string& out) {
  out += open;
  for (size_t i = 0; i < s.properties.size(); ++i) {
    if (i > 0) out += ", ";
    out += variable_name(s.properties[i].variable) + '.' + quote_cypher_name(s.properties[i].key);
  }
  out += close;
}

// " name IF NOT EXISTS FOR " with the optional parts left out.
void write_create_head(const SchemaCommand& s, std::string& out) {
  if (!s.name.empty()) out += " " + index_name(s.name);
  if (s.if_not_exists) out += " IF NOT EXISTS";
  out += " FOR ";
}

void write_schema_command(const SchemaCommand& s, std::string& out) {
  switch (s.kind) {
    case SchemaCommand::Kind::kCreateFulltextIndex:
      out += "CREATE FULLTEXT INDEX";
      write_create_head(s, out);
      write_schema_pattern(s, out);
      out += " ON EACH ";
      write_index_properties(s, "[", "]", out);
      write_optional(" OPTIONS ", s.options, out);
      return;
    case SchemaCommand::Kind::kCreateIndex:
      out += s.range ? "CREATE RANGE INDEX" : "CREATE INDEX";
      write_create_head(s, out);
      write_schema_pattern(s, out);
      out += " ON ";
      write_index_properties(s, "(", ")", out);
      write_optional(" OPTIONS ", s.options, out);
      return;
    case SchemaCommand::Kind::kCreateConstraint:
      out += "CREATE CONSTRAINT";
      write_create_head(s, out);
      write_schema_pattern(s, out);
      out += " REQUIRE ";
      if (s.parenthesised) {
        write_index_properties(s, "(", ")", out);
      } else {
        write_index_properties(s, "", "", out);
      }
      switch (s.requirement) {
        case SchemaCommand::Requirement::kUnique: out += " IS UNIQUE"; break;
        case SchemaCommand::Requirement::kNotNull: out += " IS NOT NULL"; break;
        case SchemaCommand::Requirement::kKey:
        case SchemaCommand::Requirement::kType: out += " IS " + s.requirement_text; break;
      }
      write_optional(" OPTIONS ", s.options, out);
      return;
    case SchemaCommand::Kind::kDropIndex:
    case SchemaCommand::Kind::kDropConstraint:
      out += s.kind == SchemaCommand::Kind::kDropIndex ? "DROP INDEX " : "DROP CONSTRAINT ";
      out += index_name(s.name);
      if (s.if_exists) out += " IF EXISTS";
      return;
    case SchemaCommand::Kind::kShowIndexes:
    case SchemaCommand::Kind::kShowConstraints:
      out += "SHOW ";
      for (const std::string& word : s.show_filter) out += word + " ";
      out += s.kind == SchemaCommand::Kind::kShowIndexes ? "INDEXES" : "CONSTRAINTS";
      return;
  }
}

void write_clause(const Clause& c, std::string& out) {
  switch (c.kind) {
    case ClauseKind::kMatch:
      out += c.optional ? "OPTIONAL MATCH " : "MATCH ";
      write_pattern(c.pattern, out);
      write_optional(" WHERE ", c.where, out);
      return;
    case ClauseKind::kUnwind:
      out += "UNWIND ";
      write(*c.expr, out);
      out += " AS " + variable_name(c.variable);
      return;
    case ClauseKind::kWith:
    case ClauseKind::kReturn:
      out += c.kind == ClauseKind::kWith ? "WITH " : "RETURN ";
      write_projection(c.projection, out);
      return;
    case ClauseKind::kCreate:
      out += "CREATE ";
      write_pattern(c.pattern, out);
      return;
    case ClauseKind::kMerge:
      out += "MERGE ";
      write_pattern(c.pattern, out);
      if (!c.on_create.empty()) {
        out += " ON CREATE SET ";
        write_set_items(c.on_create, out);
      }
      if (!c.on_match.empty()) {
        out += " ON MATCH SET ";
        write_set_items(c.on_match, out);
      }
      return;
    case ClauseKind::kSet:
      out += "SET ";
      write_set_items(c.set_items, out);
      return;
    case ClauseKind::kRemove:
      out += "REMOVE ";
      for (size_t i = 0; i < c.remove_items.size(); ++i) {
        const RemoveItem& item = c.remove_items[i];
        if (i > 0) out += ", ";
        write(*item.target, out);
        for (const std::string& label : item.labels) out += ':' + quote_cypher_name(label);
      }
      return;
    case ClauseKind::kDelete:
      out += c.detach ? "DETACH DELETE " : "DELETE ";
      write_list(c.delete_exprs, out);
      return;
    case ClauseKind::kCall:
      out += "CALL " + function_name(c.procedure);
      if (c.has_arguments) {
        out += '(';
        write_list(c.arguments, out);
        out += ')';
      }
      if (c.yield_star) out += " YIELD *";
      for (size_t i = 0; i < c.yields.size(); ++i) {
        out += i == 0 ? " YIELD " : ", ";
        out += variable_name(c.yields[i].name);
        if (!c.yields[i].alias.empty()) out += " AS " + variable_name(c.yields[i].alias);
      }
      write_optional(" WHERE ", c.where, out);
      return;
    case ClauseKind::kSchema:
      write_schema_command(c.schema, out);
      return;
  }
}

void write_query(const Query& q, std::string& out) {
  for (size_t i = 0; i < q.parts.size(); ++i) {
    if (i > 0) out += i - 1 < q.union_all.size() && q.union_all[i - 1] ? " UNION ALL " : " UNION ";
    const std::vector<Clause>& clauses = q.parts[i].clauses;
    for (size_t j = 0; j < clauses.size(); ++j) {
      if (j > 0) out += ' ';
      write_clause(clauses[j], out);
    }
  }
}

ExprPtr clone_optional(const ExprPtr& e) { return e ? clone(*e) : nullptr; }

std::vector<ExprPtr> clone_all(const std::vector<ExprPtr>& exprs) {
  std::vector<ExprPtr> out;
  out.reserve(exprs.size());
  for (const ExprPtr& e : exprs) out.push_back(clone_optional(e));
  return out;
}

NodePattern clone_node(const NodePattern& n) {
  return {n.variable, n.labels, clone_optional(n.properties), n.position};
}

RelPattern clone_rel(const RelPattern& r) {
  return {r.variable, r.types, r.direction, r.range, clone_optional(r.properties), r.position};
}

std::vector<SetItem> clone_set_items(const std::vector<SetItem>& items) {
  std::vector<SetItem> out;
  for (const SetItem& item : items) {
    out.push_back({item.kind, clone_optional(item.target), clone_optional(item.value), item.labels, item.position});
  }
  return out;
}

Clause clone_clause(const Clause& c) {
  Clause out;
  out.kind = c.kind;
  out.position = c.position;
  out.optional = c.optional;
  for (const PatternPart& part : c.pattern) out.pattern.push_back(clone(part));
  out.where = clone_optional(c.where);
  out.expr = clone_optional(c.expr);
  out.variable = c.variable;
  const Projection& p = c.projection;
  out.projection.distinct = p.distinct;
  out.projection.star = p.star;
  for (const ProjectionItem& item : p.items) {
    out.projection.items.push_back({clone(*item.expr), item.alias, item.text, item.position});
  }
  for (const SortItem& item : p.order_by) out.projection.order_by.push_back({clone(*item.expr), item.descending});
  out.projection.skip = clone_optional(p.skip);
  out.projection.limit = clone_optional(p.limit);
  out.projection.where = clone_optional(p.where);
  out.set_items = clone_set_items(c.set_items);
  out.on_create = clone_set_items(c.on_create);
  out.on_match = clone_set_items(c.on_match);
  for (const RemoveItem& item : c.remove_items) {
    out.remove_items.push_back({item.kind, clone_optional(item.target), item.labels, item.position});
  }
  out.detach = c.detach;
  out.delete_exprs = clone_all(c.delete_exprs);
  out.procedure = c.procedure;
  out.has_arguments = c.has_arguments;
  out.arguments = clone_all(c.arguments);
  out.yield_star = c.yield_star;
  out.yields = c.yields;
  const SchemaCommand& s = c.schema;
  out.schema = {s.kind,          s.name,
                s.name_position, s.if_not_exists,
                s.if_exists,     s.variable,
                s.labels,        s.properties,
                clone_optional(s.options), s.range,
                s.relationship,  s.rel_type,
                s.arrow,         s.pattern_position,
                s.parenthesised, s.requirement,
                s.requirement_text, s.requirement_position,
                s.show_filter};
  return out;
}

}  // namespace

ExprPtr clone(const Expr& e) {
  auto out = std::make_unique<Expr>();
  out->kind = e.kind;
  out->position = e.position;
  out->value = e.value;
  out->name = e.name;
  out->op = e.op;
  out->quantifier = e.quantifier;
  out->distinct = e.distinct;
  out->children = clone_all(e.children);
  out->keys = e.keys;
  for (const auto& [when, then] : e.whens) out->whens.emplace_back(clone(*when), clone(*then));
  out->else_expr = clone_optional(e.else_expr);
  if (e.pattern) out->pattern = std::make_shared<PatternPart>(clone(*e.pattern));
  for (const MapProjectionItem& item : e.map_items) {
    out->map_items.push_back({item.kind, item.key, clone_optional(item.expr)});
  }
  if (e.subquery) out->subquery = std::make_shared<Query>(clone(*e.subquery));
  return out;
}

PatternPart clone(const PatternPart& part) {
  PatternPart out;
  out.path_variable = part.path_variable;
  out.kind = part.kind;
  out.start = clone_node(part.start);
  for (const auto& [rel, node] : part.steps) out.steps.emplace_back(clone_rel(rel), clone_node(node));
  out.position = part.position;
  return out;
}

Query clone(const Query& query) {
  Query out;
  for (const SingleQuery& single : query.parts) {
    SingleQuery& copy = out.parts.emplace_back();
    for (const Clause& c : single.clauses) copy.clauses.push_back(clone_clause(c));
  }
  out.union_all = query.union_all;
  return out;
}

std::string to_string(const Expr& e) {
  std::string out;
  write(e, out);
  return out;
}

std::string to_string(const PatternPart& part) {
  std::string out;
  write_part(part, out);
  return out;
}

std::string to_string(const Query& query) {
  std::string out;
  write_query(query, out);
  return out;
}

std::string to_string(const Statement& statement) {
  std::string out = statement.mode == Statement::Mode::kExplain   ? "EXPLAIN "
                    : statement.mode == Statement::Mode::kProfile ? "PROFILE "
                                                                  : "";
  write_query(statement.query, out);
  return out;
}

}  // namespace mlkg::query::ast

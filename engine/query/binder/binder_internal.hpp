#pragma once
// Internal to the binder (binder.cpp, bind_expression.cpp): scopes and the
// Binder class. Not part of the engine's interface.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/procedure/procedure_registry.hpp"
#include "engine/query/parser/ast.hpp"
#include "engine/query/binder/bound_query.hpp"
#include "engine/query/binder/bound_subquery.hpp"
#include "engine/storage/catalog.hpp"

namespace mlkg::query {

// What a variable (or expression) is known to hold, as far as the binder can
// tell. kAny may hold anything (an entity too, e.g. head(collect(n))), so it
// conflicts with nothing; kScalar is a known boolean, number or string.
enum class VarKind { kNode, kRel, kRelList, kPath, kList, kMap, kScalar, kAny };
const char* kind_name(VarKind k);

struct Variable {
  std::string name;
  Slot slot = kNoSlot;
  VarKind kind = VarKind::kAny;
};

// The variables visible at a point of the query, in the order they were
// introduced.
class Scope {
 public:
  const Variable* find(std::string_view name) const;
  void add(Variable v);  // replaces a variable of the same name
  const std::vector<Variable>& variables() const { return vars_; }
  bool empty() const { return vars_.empty(); }

 private:
  std::vector<Variable> vars_;
};

// How aggregate calls are treated while binding an expression.
enum class AggregateMode {
  kForbidden,  // an aggregate is an InvalidAggregation error
  kCollect,    // an aggregate becomes a slot; its AggregateSpec is collected
  kProjected,  // ORDER BY after aggregation: an aggregate must be one the projection computes
};

// openCypher's rules for expressions beside aggregates (in an aggregating
// projection's items, and in its ORDER BY): outside aggregate calls, only
// grouping keys that are variables or property accesses may be used (they
// read the key's slot), plus the slots in `allowed` as they are.
struct AggregationRules {
  std::vector<std::pair<std::string, Slot>> keys;        // simple grouping keys: text -> slot
  std::vector<Slot> allowed;                             // projected names (ORDER BY)
  std::vector<std::string> grouped_names;                // variables used in any grouping key
  std::vector<std::pair<std::string, Slot>> aggregates;  // kProjected: aggregate call text -> slot
  bool order_by = false;
};

struct ExprContext {
  const Scope* scope = nullptr;
  AggregateMode aggregates = AggregateMode::kForbidden;
  std::vector<AggregateSpec>* collected = nullptr;  // kCollect
  const AggregationRules* rules = nullptr;          // inside aggregating projections
  const char* where = "this expression";            // for messages: "WHERE", "ORDER BY", ...
};

class Binder {
 public:
  Binder(const storage::Catalog& catalog, const procedure::ProcedureRegistry& procedures)
      : catalog_(catalog), procedures_(procedures) {}
  BoundQuery bind(const ast::Query& query);

  // ---- expressions (bind_expression.cpp)
  BoundExprPtr bind_expr(const ast::Expr& e, ExprContext& ctx);
  // A WHERE's predicate: an expression that may be a boolean. One known to
  // be a node, relationship, path, list or map is a SyntaxError
  // (InvalidArgumentType), as `WHERE (n)` is.
  BoundExprPtr bind_predicate(const ast::Expr& e, ExprContext& ctx);
  // A new slot; `name` is what EXPLAIN calls it (empty for hidden values).
  Slot new_slot(std::string_view name = {}) {
    slot_names_.emplace_back(name);
    return static_cast<Slot>(width_++);
  }

 private:
  BoundSingleQuery bind_single(const ast::SingleQuery& q);
  BoundMatch bind_match(const ast::Clause& c);
  void bind_pattern_part(const ast::PatternPart& part, BoundMatch& m, Scope& clause_scope,
                         std::vector<std::string>& rel_names_in_clause);
  BoundUnwind bind_unwind(const ast::Clause& c);
  BoundProjection bind_projection(const ast::Projection& p, bool is_return, const SourcePosition& pos);
  BoundCreate bind_create(const ast::Clause& c);
  // SET, REMOVE, DELETE and MERGE (bind_update.cpp).
  BoundSet bind_set(const ast::Clause& c);
  BoundSet bind_remove(const ast::Clause& c);
  BoundDelete bind_delete(const ast::Clause& c);
  BoundMerge bind_merge(const ast::Clause& c);
  std::vector<SetAction> bind_set_items(const std::vector<ast::SetItem>& items, const Scope& scope, const char* where);
  BoundCall bind_call(const ast::Clause& c, bool standalone, BoundSingleQuery& q);
  // Index DDL (bind_schema.cpp).
  BoundSchemaCommand bind_schema(const ast::Clause& c, BoundSingleQuery& q);
  void add_property_predicates(Slot slot, const ast::Expr& properties, std::vector<BoundExprPtr>& out,
                               ExprContext& ctx);
  void note_unknown(storage::NameKind kind, const std::string& name);
  void collect_aggregate_texts(const ast::Expr& e, const BoundProjection& p,
                               std::vector<std::pair<std::string, Slot>>& out);

  // Pattern predicates, pattern comprehensions and EXISTS { } (bind_subquery.cpp).
  BoundExprPtr bind_subquery(const ast::Expr& e, ExprContext& ctx);
  BoundSingleQuery bind_pattern_query(const ast::PatternPart& part, const ast::Expr* where, const Scope& outer,
                                      Scope* inner);
  void bind_exists_query(const ast::Query& q, const Scope& outer, BoundSubquery& out);

  friend BoundExprPtr bind_expression_impl(Binder& b, const ast::Expr& e, ExprContext& ctx);

  const storage::Catalog& catalog_;
  const procedure::ProcedureRegistry& procedures_;
  Scope scope_;
  size_t width_ = 0;
  std::vector<std::string> slot_names_;
  BoundQuery* query_ = nullptr;
  // Binding the clauses of an EXISTS { } subquery, which need not end with RETURN.
  bool in_subquery_ = false;
  std::set<std::string> written_names_;  // names the statement's updating clauses may create
};

// The BoundExpr reading a slot.
BoundExprPtr slot_ref(Slot slot, const SourcePosition& pos = {});
// Does the expression contain an aggregate call (outside nested scopes that
// cannot aggregate)?
bool contains_aggregate(const ast::Expr& e);
// The kind of value a bound expression yields, if evident.
VarKind kind_of(const BoundExpr& e, const Scope& scope);

// Splits a conjunction (a AND b AND ...) into its operands.
void split_conjuncts(BoundExprPtr e, std::vector<BoundExprPtr>& out);

// shortestPath() and allShortestPaths() parts of a MATCH (bind_shortest_path.cpp).
// Before binding the part: its shape (two nodes, one relationship, a minimum
// length of 0 or 1, a new relationship variable); InvalidRelationshipPattern
// or VariableAlreadyBound otherwise.
void check_shortest_path(const ast::PatternPart& part, const Scope& clause_scope);
// After binding it like a plain part (the last of m.parts): turns it into two
// one-node parts, its end nodes, and a ShortestPathSpec in m.shortest_paths.
void split_shortest_path(const ast::PatternPart& part, BoundMatch& m);

[[noreturn]] void syntax_error(ErrorCode code, const std::string& message, const SourcePosition& pos);

}  // namespace mlkg::query

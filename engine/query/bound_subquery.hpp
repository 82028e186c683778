#pragma once
// A query inside an expression, as the binder makes it of
//   - a pattern predicate           WHERE (a)-[:T]->(:B)
//   - an EXISTS subquery            EXISTS { (a)-->(b) WHERE b.x > 1 }, EXISTS { MATCH ... RETURN ... }
//   - a pattern comprehension       [p = (a)-[:T]->(b) WHERE b.x > 1 | b.name]
//
// Its variables live in slots of the enclosing query's row (Binder::new_slot),
// so it runs on a copy of the outer row: the plan's leaf is an ArgumentOp set
// to that row, and the slots of the outer variables (`outer`) count as bound
// when it is planned. Variables it introduces are local: nothing outside can
// name them.
//
// Lifetime: a bound query serves one statement. The plans are built at the
// first evaluation, with that statement's GraphTxn (subquery.cpp), and kept
// here for the statement's other rows; clones of the expression share them.

#include <string>
#include <vector>

#include "engine/query/bound_query.hpp"
#include "engine/query/operators/operator.hpp"

namespace mlkg::query {

struct BoundSubquery {
  enum class Kind {
    kExists,         // true iff some part yields a row (pattern predicates, EXISTS { })
    kComprehension,  // the list of `element`, evaluated on each row the query yields
  };
  Kind kind = Kind::kExists;
  // The query: UNION parts of EXISTS { ... UNION ... }, else one part (for the
  // pattern forms, one MATCH holding the pattern and its WHERE).
  std::vector<BoundSingleQuery> parts;
  // The slots of every variable visible outside: bound when the query runs.
  std::vector<Slot> outer;
  // The outer slots the query reads: the expression depends on them
  // (collect_slots), so a WHERE applies it once they are bound.
  std::vector<Slot> reads;
  // kComprehension: the outer variables its pattern starts from; if one is
  // null, the comprehension is null (as Neo4j's RollUpApply).
  std::vector<Slot> nullable;
  BoundExprPtr element;  // kComprehension
  std::string text;      // the expression in openCypher syntax (EXPLAIN)

  // Built at the first evaluation (one per part), kept for the statement.
  struct Plan {
    OperatorPtr root;
    ArgumentOp* argument = nullptr;  // root's leaf, owned by root
  };
  std::vector<Plan> plans;
  bool planned = false;
};

}  // namespace mlkg::query

#pragma once
// A query inside an expression as the binder makes it: the SubqueryExpr
// that evaluation uses (expression/subquery.hpp) and the bound query the
// planner plans for it. The binder lists every one of a statement's
// subqueries, nested ones included, in BoundQuery::subqueries.

#include <memory>
#include <vector>

#include "engine/query/binder/bound_query.hpp"
#include "engine/query/expression/subquery.hpp"

namespace mlkg::query {

struct BoundSubquery {
  std::shared_ptr<SubqueryExpr> expr;
  // The query: UNION parts of EXISTS { ... UNION ... }, else one part (for the
  // pattern forms, one MATCH holding the pattern and its WHERE).
  std::vector<BoundSingleQuery> parts;
  // The slots of every variable visible outside: bound when the query runs
  // (its plans' leaves are set to the outer row).
  std::vector<Slot> outer;
};

}  // namespace mlkg::query

#pragma once
// The binder: checks a parsed statement against openCypher's rules and the
// catalog, and resolves it into a BoundQuery.
//
// It raises the TCK's compile-time errors (SyntaxError with codes such as
// UndefinedVariable, VariableTypeConflict, VariableAlreadyBound,
// InvalidAggregation, AmbiguousAggregationExpression, NoExpressionAlias,
// ColumnNameConflict, UnknownFunction, InvalidNumberOfArguments,
// NonConstantExpression, InvalidClauseComposition, ...), each pointing at
// the offending place. Unknown labels, types and property keys are not
// errors in a read (they match nothing) but add a did-you-mean notice.
// CALL names a procedure of `procedures`, the Database's registry.

#include "engine/procedure/procedure_registry.hpp"
#include "engine/query/parser/ast.hpp"
#include "engine/query/binder/bound_query.hpp"
#include "engine/storage/catalog.hpp"

namespace mlkg::query {

BoundQuery bind(const ast::Query& query, const storage::Catalog& catalog, const procedure::ProcedureRegistry& procedures);

}  // namespace mlkg::query

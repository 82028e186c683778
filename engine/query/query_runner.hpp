#pragma once
// Runs one parsed statement: bind, plan, execute on one snapshot (or one
// write transaction, committed at the end), and materialise the result.
// EXPLAIN plans without executing; PROFILE executes and reports rows and
// time per operator.

#include <atomic>

#include "engine/query/ast.hpp"
#include "engine/query/query_result.hpp"
#include "engine/storage/graph_store.hpp"

namespace mlkg::query {

// Throws QueryError when the statement fails; a failed statement writes
// nothing.
QueryResult run_statement(storage::GraphStore& store, const ast::Statement& statement, const ValueMap& params,
                          const std::atomic<bool>* cancelled = nullptr);

}  // namespace mlkg::query

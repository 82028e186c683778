#pragma once
// Full-text search as Cypher procedures, with Neo4j's names and yields:
//
//   CALL db.index.fulltext.queryNodes('svc', 'kinesis -firehose', {skip: 0, limit: 10})
//   YIELD node, score
//
//   CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer, description
//
// queryNodes: the nodes of the full-text index named by the first argument
// that match the search text (fulltext_query.hpp), best first by BM25
// (fulltext_search.hpp). Options: skip and limit (non-negative integers).
// An unknown index is SchemaError: IndexNotFound with a "did you mean"; a
// search text that does not parse, a prefix that matches too many terms, an
// unknown option or a value of the wrong type is ArgumentError naming what
// is wrong. The indexes themselves are made with CREATE FULLTEXT INDEX
// (engine/query/execution/schema_ops.hpp).

#include <string>
#include <vector>

#include "engine/common/query_error.hpp"
#include "engine/procedure/procedure_registry.hpp"
#include "engine/storage/catalog.hpp"

namespace mlkg::text {

// Adds db.index.fulltext.queryNodes and listAvailableAnalyzers to `registry`.
void add_fulltext_procedures(procedure::ProcedureRegistry& registry);

// "there is no full-text index called X; did you mean Y?", as
// SchemaError: IndexNotFound at `position`.
query::QueryError unknown_fulltext_index(const storage::Catalog& catalog, const std::string& name,
                                         query::SourcePosition position = {});

}  // namespace mlkg::text

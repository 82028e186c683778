#pragma once
// The algo.* procedures: graph algorithms callable from Cypher.
//
//   CALL algo.shortestPath(source, target, {config}) YIELD path, length, cost
//   CALL algo.allShortestPaths(source, target, {config}) YIELD path, length, cost
//   CALL algo.kHop(source, {config}) YIELD node, depth
//   CALL algo.subgraph(sources, {config}) YIELD nodes, relationships
//   CALL algo.pageRank({config}) YIELD node, score
//   CALL algo.betweenness({config}) YIELD node, score
//   CALL algo.wcc({config}) YIELD node, componentId
//   CALL algo.topoSort({config}) YIELD node, position, level
//
// Conventions (docs/query-language.md has the keys and defaults of each):
// nodes go in and come out as nodes, never ids; the config map comes last
// and may be left out; every config key is checked (AlgoConfig); every call
// runs on a projection (GraphProjection) of the statement's snapshot, taken
// from the registry's ProjectionCache. Failures are QueryErrors whose message starts
// with the procedure's name.

#include <memory>

#include "engine/algo/projection_cache.hpp"
#include "engine/procedure/procedure_registry.hpp"

namespace mlkg::algo {

// Adds the algo.* procedures to `registry` (a Database adds them to its own
// when it opens). They share `cache`, by default one of their own: the
// projections of one Database are never seen by another's procedures.
void add_algo_procedures(procedure::ProcedureRegistry& registry,
                         std::shared_ptr<ProjectionCache> cache = std::make_shared<ProjectionCache>());

}  // namespace mlkg::algo

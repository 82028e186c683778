#pragma once
// kg.fit: use-case fit (service_fit.hpp) as a Cypher procedure.
//
//   CALL kg.fit('stream IoT telemetry in real time and land it in S3', {limit: 5})
//   YIELD service, score, inScope, matched, why, evidence
//
// config: limit (INTEGER, default 5, at most 100), includeOutOfScope
// (BOOLEAN, default true). An unknown key or a value of the wrong type is an
// ArgumentError that names it.

#include "engine/procedure/procedure_registry.hpp"

namespace mlkg::fit {

// Adds kg.fit to `registry`. Its model of the graph is the registry's own
// (a Database's), rebuilt when the data changes.
void add_fit_procedure(procedure::ProcedureRegistry& registry);

}  // namespace mlkg::fit

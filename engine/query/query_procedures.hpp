#pragma once
// The procedure the query engine itself provides: dbms.functions(), every
// scalar and aggregating function with its signature and description.

#include "engine/procedure/procedure_registry.hpp"

namespace mlkg::query {

void add_query_procedures(procedure::ProcedureRegistry& registry);

}  // namespace mlkg::query

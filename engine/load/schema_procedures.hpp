#pragma once
// Neo4j's schema procedures over what an import declared (schema.hpp) or,
// without a declared schema, what the data holds:
//
//   CALL db.schema.nodeTypeProperties()
//   YIELD nodeType, nodeLabels, propertyName, propertyTypes, mandatory
//   CALL db.schema.relTypeProperties()
//   YIELD relType, propertyName, propertyTypes, mandatory, from, to

#include "engine/procedure/procedure_registry.hpp"

namespace mlkg::load {

void add_schema_procedures(procedure::ProcedureRegistry& registry);

}  // namespace mlkg::load

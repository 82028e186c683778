#pragma once
// The procedures that describe a database from its catalog and data, after
// Neo4j's: db.labels(), db.relationshipTypes(), db.propertyKeys(),
// db.schema() (which label connects to which by which type, with counts)
// and dbms.procedures() (every procedure of the registry it is added to).

#include "engine/procedure/procedure_registry.hpp"

namespace mlkg::procedure {

// Adds them to `registry`; dbms.procedures() lists `registry` as it is
// when called, so it may be added before the procedures it lists.
void add_catalog_procedures(ProcedureRegistry& registry);

}  // namespace mlkg::procedure

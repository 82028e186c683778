#pragma once
// The procedure registry behind CALL. Built in: db.labels(),
// db.relationshipTypes(), db.propertyKeys(), db.schema(), dbms.procedures()
// and dbms.functions(), and the algo.* procedures of engine/algo, which the
// registry adds on first use by calling algo::register_algo_procedures().
// Later features (full-text search, use-case fit, export) register theirs
// with register_procedure() the same way.

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/query/exec_context.hpp"

namespace mlkg::query {

struct ProcedureField {
  std::string name;
  std::string type;  // "STRING", "INTEGER", "ANY", "NODE", ... (for signatures)
  bool has_default = false;  // an input that may be left out
  Value default_value = Value();
};

struct ProcedureInfo {
  std::string name;  // dotted, e.g. "db.labels"
  std::vector<ProcedureField> inputs;
  std::vector<ProcedureField> outputs;
  std::string description;
  bool writes = false;
  // Returns the result rows, each with one value per output, in order.
  std::function<std::vector<ValueList>(std::span<const Value> args, ExecContext& ctx)> run;

  // "db.labels() :: (label :: STRING)"
  std::string signature() const;
};

// Adds a procedure (replacing one of the same name). Not thread-safe: call
// at start-up.
void register_procedure(ProcedureInfo info);
// The procedure called `name` (any case), or null.
const ProcedureInfo* find_procedure(std::string_view name);
// Every procedure, sorted by name.
std::vector<const ProcedureInfo*> all_procedures();

}  // namespace mlkg::query

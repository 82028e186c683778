#pragma once
// A procedure: what CALL runs. Its signature (typed arguments and YIELD
// columns) and its body, which streams rows to a RowSink.
//
// Every procedure, built in or from an extension folder (algo, text, fit,
// export, load), is registered the same way: a Procedure added to the
// Database's ProcedureRegistry (procedure_registry.hpp) when it opens.

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/procedure/field_type.hpp"
#include "engine/procedure/procedure_context.hpp"
#include "engine/procedure/row_sink.hpp"
#include "engine/value/value.hpp"

namespace mlkg::procedure {

struct ProcedureField {
  std::string name;
  FieldType type;
  // Set for an input that may be left out: the value it then takes.
  std::optional<Value> default_value = std::nullopt;
};

// kRead: reads the graph. kWrite: changes it (the statement runs in a write
// transaction). kWriteFiles: reads the graph and writes files outside the
// database (exports): refused on a read-only database, like a write.
enum class ProcedureMode { kRead, kWrite, kWriteFiles };

struct ProcedureSignature {
  std::string name;  // dotted, e.g. "db.labels"; looked up in any case
  std::vector<ProcedureField> inputs;
  std::vector<ProcedureField> outputs;
  std::string description;
  ProcedureMode mode = ProcedureMode::kRead;

  // "db.labels() :: (label :: STRING)"
  std::string render() const;
  // The number of inputs a call must give (those without a default).
  size_t required_inputs() const;
};

// Runs one call: `args` holds one value per input (defaults filled in).
// Sends each result row to `out`; throws query::QueryError on failure.
using ProcedureBody = std::function<void(std::span<const Value> args, ProcedureContext& ctx, RowSink& out)>;

struct Procedure {
  ProcedureSignature signature;
  ProcedureBody body;
};

}  // namespace mlkg::procedure

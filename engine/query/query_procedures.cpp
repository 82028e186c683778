#include "engine/query/query_procedures.hpp"

#include <algorithm>
#include <string>

#include "engine/common/unicode.hpp"
#include "engine/query/function/aggregates.hpp"
#include "engine/query/function/functions.hpp"

namespace mlkg::query {

namespace {

void functions(std::span<const Value>, procedure::ProcedureContext&, procedure::RowSink& out) {
  std::vector<ValueList> rows;
  for (const FunctionInfo* f : all_functions())
    rows.push_back({Value(std::string(f->name)), Value(std::string(f->signature)), Value(std::string(f->description)),
                    Value(false)});
  for (const AggregateInfo* a : all_aggregates())
    rows.push_back({Value(std::string(a->name)), Value(std::string(a->signature)), Value(std::string(a->description)),
                    Value(true)});
  std::sort(rows.begin(), rows.end(), [](const ValueList& a, const ValueList& b) {
    return unicode::to_lower_ascii(a[0].as_string()) < unicode::to_lower_ascii(b[0].as_string());
  });
  for (ValueList& row : rows) out.emit(std::move(row));
}

}  // namespace

void add_query_procedures(procedure::ProcedureRegistry& registry) {
  using namespace procedure::types;
  registry.add({{"dbms.functions",
                 {},
                 {{"name", kString}, {"signature", kString}, {"description", kString}, {"aggregating", kBoolean}},
                 "Every function, with its signature and what it does."},
                functions});
}

}  // namespace mlkg::query

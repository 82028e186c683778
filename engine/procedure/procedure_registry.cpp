#include "engine/procedure/procedure_registry.hpp"

#include "engine/common/unicode.hpp"

namespace mlkg::procedure {

void ProcedureRegistry::add(Procedure procedure) {
  std::string key = unicode::to_lower_ascii(procedure.signature.name);
  procedures_[key] = std::make_unique<const Procedure>(std::move(procedure));
}

const Procedure* ProcedureRegistry::find(std::string_view name) const {
  auto it = procedures_.find(unicode::to_lower_ascii(name));
  return it == procedures_.end() ? nullptr : it->second.get();
}

std::vector<const Procedure*> ProcedureRegistry::all() const {
  std::vector<const Procedure*> out;
  out.reserve(procedures_.size());
  for (const auto& [key, p] : procedures_) out.push_back(p.get());
  return out;
}

}  // namespace mlkg::procedure

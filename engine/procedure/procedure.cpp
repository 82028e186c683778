#include "engine/procedure/procedure.hpp"

namespace mlkg::procedure {

std::string ProcedureSignature::render() const {
  auto fields = [](const std::vector<ProcedureField>& fs) {
    std::string out;
    for (const auto& f : fs) out += (out.empty() ? "" : ", ") + f.name + " :: " + f.type.name();
    return out;
  };
  return name + "(" + fields(inputs) + ") :: (" + fields(outputs) + ")";
}

size_t ProcedureSignature::required_inputs() const {
  size_t n = 0;
  for (const auto& in : inputs) n += in.default_value ? 0 : 1;
  return n;
}

}  // namespace mlkg::procedure

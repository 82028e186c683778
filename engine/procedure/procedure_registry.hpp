#pragma once
// ProcedureRegistry: the procedures one Database can CALL. Each Database
// owns one, filled when it opens (engine/database.cpp asks each folder that
// provides procedures to add them); nothing about it is process-wide. The
// query engine looks procedures up here when it binds a CALL; it knows no
// procedure by name.
//
// Filled before use and read-only afterwards, so concurrent statements may
// read it without locking.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/procedure/procedure.hpp"

namespace mlkg::procedure {

class ProcedureRegistry {
 public:
  // Adds a procedure, replacing one of the same name (in any case).
  void add(Procedure procedure);
  // The procedure called `name` (in any case), or null.
  const Procedure* find(std::string_view name) const;
  // Every procedure, sorted by name.
  std::vector<const Procedure*> all() const;
  size_t size() const { return procedures_.size(); }

 private:
  std::map<std::string, std::unique_ptr<const Procedure>> procedures_;  // by lower-cased name
};

}  // namespace mlkg::procedure

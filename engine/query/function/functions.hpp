#pragma once
// The scalar function library: a registry the binder resolves calls against
// (case-insensitively) and the executor calls.
//
// Each function checks its arguments as the TCK expects: wrong types raise
// QueryError (usually TypeError: InvalidArgumentType; ArgumentError: ... for
// bad values), null arguments give null where openCypher says so.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/query/function/graph_accessor.hpp"
#include "engine/common/query_error.hpp"
#include "engine/value/value.hpp"

namespace mlkg::query {

struct FunctionContext {
  GraphAccessor* graph = nullptr;  // for labels(), type(), properties(), keys(), startNode(), ...
};

using ScalarFunction = Value (*)(std::span<const Value> args, FunctionContext& ctx);

struct FunctionInfo {
  std::string_view name;         // canonical spelling, e.g. "toInteger"
  int min_args;
  int max_args;                  // -1: any number
  ScalarFunction fn;
  std::string_view signature;    // "toInteger(value :: ANY?) :: INTEGER?"
  std::string_view description;  // one line, for dbms.functions() and :help
  bool deterministic;            // false for rand(): the planner must not fold it
};

// The function called `name` (any case), or null.
const FunctionInfo* find_function(std::string_view name);
// Every function, sorted by name.
std::vector<const FunctionInfo*> all_functions();

}  // namespace mlkg::query

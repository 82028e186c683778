#pragma once
// Catch2 helpers for expression tests: values print as openCypher literals
// with their type, small builders for lists and maps, and a check that a
// call raises the QueryError of a given class and code.

#include <catch2/catch.hpp>

#include <functional>
#include <initializer_list>
#include <string>
#include <utility>

#include "engine/common/query_error.hpp"
#include "engine/value/value.hpp"

namespace Catch {
template <>
struct StringMaker<mlkg::Value> {
  static std::string convert(const mlkg::Value& v) {
    return std::string(mlkg::type_name(v.type())) + " " + v.to_literal();
  }
};
}  // namespace Catch

namespace mlkg::test {

inline Value list(std::initializer_list<Value> items) { return Value(ValueList(items)); }

inline Value map(std::initializer_list<std::pair<const std::string, Value>> entries) {
  return Value(ValueMap(entries));
}

inline const Value kNull{};

// Runs `call`, which must throw QueryError(error_class, code).
inline void require_error(const std::function<void()>& call, query::ErrorClass error_class,
                          query::ErrorCode code) {
  try {
    call();
  } catch (const query::QueryError& e) {
    INFO(e.what());
    CHECK(e.error_class() == error_class);
    CHECK(e.code() == code);
    return;
  }
  FAIL("expected " << query::error_class_name(error_class) << ": " << query::error_code_name(code)
                    << ", but nothing was thrown");
}

// The same, by the names the CLI prints and the TCK uses ("SyntaxError",
// "UndefinedVariable"; "" for no code).
inline void require_error(const std::function<void()>& call, const std::string& error_class,
                          const std::string& code) {
  try {
    call();
  } catch (const query::QueryError& e) {
    INFO(e.what());
    CHECK(e.class_name() == error_class);
    CHECK(e.code_name() == code);
    return;
  }
  FAIL("expected " << error_class << ": " << code << ", but nothing was thrown");
}

}  // namespace mlkg::test

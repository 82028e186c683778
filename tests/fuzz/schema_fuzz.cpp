// libFuzzer target for schema files (docs/fuzzing.md).
//
// For arbitrary bytes, load::Schema::parse must not crash, leak or hit
// undefined behaviour; an error must name the file, line and column
// ("fuzz.pg:<line>:<column>: ..."). A schema it accepts must survive the
// JSON form it is stored in (to_json, from_json, to_json gives the same
// text), and every property rule must judge a few values (the input as a
// string, an integer, a float, a boolean, a list of them) without crashing.
// Any mismatch aborts with both sides.

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "engine/load/schema.hpp"

namespace {

using mlkg::Status;
using mlkg::Value;
using mlkg::load::Schema;

[[noreturn]] void fail(const std::string& what, const std::string& a, const std::string& b) {
  std::fprintf(stderr, "%s\n--- one:\n%s\n--- other:\n%s\n", what.c_str(), a.c_str(), b.c_str());
  std::abort();
}

// "fuzz.pg:<digits>:<digits>: "
bool located(const std::string& message) {
  const std::string prefix = "fuzz.pg:";
  size_t at = message.find(prefix);
  if (at == std::string::npos) return false;
  size_t i = at + prefix.size();
  for (int part = 0; part < 2; ++part) {
    size_t digits = 0;
    while (i < message.size() && std::isdigit(static_cast<unsigned char>(message[i]))) ++i, ++digits;
    if (digits == 0 || i >= message.size() || message[i] != ':') return false;
    ++i;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  Schema schema;
  Status s = Schema::parse(text, "fuzz.pg", &schema);
  if (!s.ok()) {
    if (!located(s.message())) fail("a schema error without file:line:column", s.message(), text);
    return 0;
  }
  const std::string json = schema.to_json();
  Schema back;
  Status r = Schema::from_json(json, &back);
  if (!r.ok()) fail("the stored form of an accepted schema does not read back: " + r.message(), json, text);
  if (back.to_json() != json) fail("the stored form changes on a round trip", json, back.to_json());

  const std::vector<std::vector<Value>> samples = {
      {Value(text)}, {Value(int64_t{7})}, {Value(2.5)}, {Value(true)}, {Value(text), Value(int64_t{1})},
      {Value(std::string("a")), Value(std::string("b"))}, {}};
  auto judge = [&](const auto& rules) {
    for (const auto& rule : rules)
      for (const auto& values : samples) {
        Value out;
        std::string error;
        Schema::conform(rule, values, &out, &error);
      }
  };
  for (const auto& l : schema.labels()) judge(l.properties);
  for (const auto& t : schema.types()) judge(t.properties);
  return 0;
}

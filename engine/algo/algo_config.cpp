#include "engine/algo/algo_config.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <utility>

#include "engine/common/suggest.hpp"
#include "engine/common/query_error.hpp"

namespace mlkg::algo {

namespace {

using query::QueryError;
using query::ErrorClass;
using query::ErrorCode;

struct Alias {
  std::string_view alias, canonical;
};
constexpr Alias kAliases[] = {
    {"relTypes", "relationshipTypes"},
    {"maxDepth", "k"},
    {"maxIterations", "iterations"},
};

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string describe_value(const Value& v) {
  std::string literal = v.to_literal();
  if (literal.size() > 60) literal = literal.substr(0, 57) + "...";
  return v.is_null() ? "null" : std::string(type_name(v.type())) + " " + literal;
}

AlgoConfig::AlgoConfig(std::string procedure, const Value& config, std::initializer_list<std::string_view> accepted)
    : procedure_(std::move(procedure)) {
  if (config.is_null()) return;
  if (!config.is_map())
    throw QueryError(ErrorClass::kType, ErrorCode::kInvalidArgumentType,
                     procedure_ + ": the config must be a map, such as {relationshipTypes: ['PART_OF']}; got " +
                         describe_value(config));
  std::vector<std::string> names(accepted.begin(), accepted.end());
  std::sort(names.begin(), names.end());
  for (const auto& [given, value] : config.as_map()) {
    std::string key = given;
    for (const Alias& a : kAliases)
      if (given == a.alias && std::find(names.begin(), names.end(), a.canonical) != names.end()) key = a.canonical;
    if (std::find(names.begin(), names.end(), key) == names.end()) {
      std::string msg = procedure_ + ": unknown config key '" + given + "'";
      if (auto hint = closest_match(given, names)) msg += "; did you mean '" + *hint + "'?";
      msg += " (it takes ";
      for (size_t i = 0; i < names.size(); ++i) msg += (i ? ", " : "") + names[i];
      msg += names.empty() ? "no keys)" : ")";
      throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentValue, msg);
    }
    if (value.is_null()) continue;
    if (values_.count(key))
      throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentValue,
                       procedure_ + ": config key '" + key + "' is given twice (once by an alias); keep one");
    values_.emplace(std::move(key), value);
  }
}

const Value* AlgoConfig::find(std::string_view key) const {
  auto it = values_.find(key);
  return it == values_.end() ? nullptr : &it->second;
}

void AlgoConfig::type_error(std::string_view key, const char* expected, const Value& got) const {
  throw QueryError(ErrorClass::kType, ErrorCode::kInvalidArgumentType,
                   procedure_ + ": config key '" + std::string(key) + "' expects " + expected + "; got " +
                       describe_value(got));
}

void AlgoConfig::value_error(std::string_view key, const std::string& expected, const Value& got) const {
  throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentValue,
                   procedure_ + ": config key '" + std::string(key) + "' must be " + expected + "; got " +
                       describe_value(got));
}

int64_t AlgoConfig::integer(std::string_view key, int64_t fallback, int64_t min, int64_t max) const {
  const Value* v = find(key);
  if (!v) return fallback;
  if (!v->is_int()) type_error(key, "an INTEGER", *v);
  if (v->as_int() < min || v->as_int() > max)
    value_error(key, "between " + std::to_string(min) + " and " + std::to_string(max), *v);
  return v->as_int();
}

double AlgoConfig::number(std::string_view key, double fallback, double min, double max, bool max_exclusive) const {
  const Value* v = find(key);
  if (!v) return fallback;
  if (!v->is_number()) type_error(key, "a number (INTEGER or FLOAT)", *v);
  double x = v->is_int() ? static_cast<double>(v->as_int()) : v->as_float();
  if (std::isnan(x) || x < min || x > max || (max_exclusive && x == max)) {
    auto show = [](double d) { return format_float(d); };
    value_error(key, "at least " + show(min) + " and " + (max_exclusive ? "below " : "at most ") + show(max), *v);
  }
  return x;
}

bool AlgoConfig::boolean(std::string_view key, bool fallback) const {
  const Value* v = find(key);
  if (!v) return fallback;
  if (!v->is_bool()) type_error(key, "a BOOLEAN", *v);
  return v->as_bool();
}

std::string AlgoConfig::string(std::string_view key) const {
  const Value* v = find(key);
  if (!v) return {};
  if (!v->is_string()) type_error(key, "a STRING", *v);
  return v->as_string();
}

std::vector<std::string> AlgoConfig::strings(std::string_view key) const {
  const Value* v = find(key);
  if (!v) return {};
  if (v->is_string()) return {v->as_string()};
  if (!v->is_list()) type_error(key, "a STRING or a LIST of STRINGs", *v);
  std::vector<std::string> out;
  for (const Value& e : v->as_list()) {
    if (!e.is_string()) type_error(key, "a STRING or a LIST of STRINGs", *v);
    out.push_back(e.as_string());
  }
  return out;
}

Orientation AlgoConfig::direction(Orientation fallback) const {
  const Value* v = find("direction");
  if (!v) return fallback;
  if (!v->is_string()) type_error("direction", "a STRING: 'OUTGOING', 'INCOMING' or 'BOTH'", *v);
  std::string d = upper(v->as_string());
  if (d == "OUTGOING" || d == "OUT") return Orientation::kNatural;
  if (d == "INCOMING" || d == "IN") return Orientation::kReverse;
  if (d == "BOTH") return Orientation::kUndirected;
  value_error("direction", "'OUTGOING', 'INCOMING' or 'BOTH'", *v);
}

}  // namespace mlkg::algo

#include "engine/fit/fit_procedure.hpp"

#include <memory>
#include <mutex>

#include "engine/common/suggest.hpp"
#include "engine/fit/service_fit.hpp"
#include "engine/common/query_error.hpp"

namespace mlkg::fit {

namespace {

using query::QueryError;
using query::ErrorClass;
using query::ErrorCode;

FitOptions read_config(const Value& config) {
  FitOptions options;
  if (config.is_null()) return options;
  if (!config.is_map())
    throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentType,
                     "kg.fit: the config must be a map such as {limit: 5}, got " + config.to_literal());
  const std::vector<std::string> known = {"limit", "includeOutOfScope"};
  for (const auto& [key, value] : config.as_map()) {
    if (key == "limit") {
      if (!value.is_int() || value.as_int() < 1 || value.as_int() > 100)
        throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentValue,
                         "kg.fit: limit must be an integer from 1 to 100, got " + value.to_literal());
      options.limit = static_cast<size_t>(value.as_int());
    } else if (key == "includeOutOfScope") {
      if (!value.is_bool())
        throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentType,
                         "kg.fit: includeOutOfScope must be true or false, got " + value.to_literal());
      options.include_out_of_scope = value.as_bool();
    } else {
      auto hint = closest_match(key, known);
      throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentValue,
                       "kg.fit: unknown config key '" + key + "'" +
                           (hint ? "; did you mean '" + *hint + "'?" : " (known: limit, includeOutOfScope)"));
    }
  }
  return options;
}

// The model a registry's kg.fit ranks with. Readers of one committed state
// (one data version of the Database's store) share a model, kept until a
// write makes a new state; a statement that writes sees its own writes, so
// it builds its own. Thread-safe.
class ModelCache {
 public:
  std::shared_ptr<const FitModel> model_for(procedure::ProcedureContext& ctx) {
    if (ctx.writable()) return std::make_shared<const FitModel>(FitModel::build(ctx));
    const uint64_t version = ctx.txn().data_version();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (model_ && version_ == version) return model_;
    }
    auto built = std::make_shared<const FitModel>(FitModel::build(ctx));
    std::lock_guard<std::mutex> lock(mutex_);
    model_ = built;
    version_ = version;
    return built;
  }

 private:
  std::mutex mutex_;
  std::shared_ptr<const FitModel> model_;  // guarded by mutex_
  uint64_t version_ = 0;                   // guarded by mutex_
};

void run(ModelCache& models, std::span<const Value> args, procedure::ProcedureContext& ctx,
         procedure::RowSink& out) {
  if (!args[0].is_string())
    throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentType,
                     "kg.fit: the question must be a string, got " + args[0].to_literal());
  const FitOptions options = read_config(args[1]);
  const std::shared_ptr<const FitModel> model = models.model_for(ctx);
  for (FitAnswer& a : model->rank(args[0].as_string(), options)) {
    ValueList matched, evidence;
    for (auto& m : a.matched) matched.emplace_back(std::move(m));
    for (const auto& e : a.evidence) evidence.emplace_back(e);
    std::string why = a.evidence.empty() ? std::string() : a.evidence.front();
    if (!a.in_scope) why += " (out of the exam's scope)";
    out.emit({Value(NodeValue{a.service, nullptr}), Value(a.score), Value(a.in_scope), Value(std::move(matched)),
                     Value(std::move(why)), Value(std::move(evidence))});
  }
}

}  // namespace

void add_fit_procedure(procedure::ProcedureRegistry& registry) {
  using namespace procedure::types;
  auto models = std::make_shared<ModelCache>();  // the registry's own, alive as long as it is
  registry.add({{"kg.fit",
                 {{"question", kString}, {"config", kMap.or_null(), Value(ValueMap{})}},
                 {{"service", kNode},
                  {"score", kFloat},
                  {"inScope", kBoolean},
                  {"matched", kListOfString},
                  {"why", kString},
                  {"evidence", kListOfString}},
                 "The services that fit a use case described in words, best first, with the words that matched and "
                 "the relationships that justify each (config: limit, includeOutOfScope)."},
                [models](std::span<const Value> args, procedure::ProcedureContext& ctx, procedure::RowSink& out) {
                  run(*models, args, ctx, out);
                }});
}

}  // namespace mlkg::fit

#include "engine/text/fulltext_procedures.hpp"

#include "engine/common/suggest.hpp"
#include "engine/text/fulltext_query.hpp"
#include "engine/text/fulltext_search.hpp"

namespace mlkg::text {

namespace {

using query::QueryError;
using query::ErrorClass;
using query::ErrorCode;

constexpr const char* kQueryNodes = "db.index.fulltext.queryNodes";

[[noreturn]] void argument_error(ErrorCode code, const std::string& message) {
  throw QueryError(ErrorClass::kArgument, code, std::string(kQueryNodes) + ": " + message);
}

void check(const Status& s) {
  if (s.ok()) return;
  if (s.code() == Status::Code::kInvalidArgument) argument_error(ErrorCode::kInvalidArgumentValue, s.message());
  query::throw_if_failed(s);
}

struct SearchOptions {
  size_t skip = 0;
  size_t limit = SIZE_MAX;
};

SearchOptions read_options(const Value& options) {
  SearchOptions out;
  if (options.is_null()) return out;
  if (!options.is_map())
    argument_error(ErrorCode::kInvalidArgumentType,
                   "the options must be a map such as {skip: 0, limit: 10}, got " + options.to_literal());
  const std::vector<std::string> known = {"skip", "limit"};
  for (const auto& [key, value] : options.as_map()) {
    if (key != "skip" && key != "limit") {
      auto hint = closest_match(key, known);
      argument_error(ErrorCode::kInvalidArgumentValue,
                     "unknown option '" + key + "'" + (hint ? "; did you mean '" + *hint + "'?" : " (known: skip, limit)"));
    }
    if (value.is_null()) continue;
    if (!value.is_int() || value.as_int() < 0)
      argument_error(ErrorCode::kInvalidArgumentValue, key + " must be a non-negative integer, got " + value.to_literal());
    (key == "skip" ? out.skip : out.limit) = static_cast<size_t>(value.as_int());
  }
  return out;
}

void query_nodes(std::span<const Value> args, procedure::ProcedureContext& ctx, procedure::RowSink& out) {
  if (!args[0].is_string())
    argument_error(ErrorCode::kInvalidArgumentType, "the index name must be a string, got " + args[0].to_literal());
  if (!args[1].is_string())
    argument_error(ErrorCode::kInvalidArgumentType, "the search text must be a string, got " + args[1].to_literal());
  const SearchOptions options = read_options(args[2]);
  const storage::Catalog& catalog = ctx.catalog();
  const storage::FulltextIndexDefinition* def = catalog.find_fulltext_index(args[0].as_string());
  if (!def) throw unknown_fulltext_index(catalog, args[0].as_string());

  QueryNode query;
  QuerySyntaxError error;
  if (!parse_fulltext_query(args[1].as_string(), &query, &error))
    argument_error(ErrorCode::kInvalidArgumentValue, "cannot read the search text " + args[1].to_literal() +
                                                          " at column " + std::to_string(error.column) + ": " +
                                                          error.message);
  std::vector<FulltextHit> hits;
  check(search_fulltext(ctx.txn(), *def, query, [&] { ctx.check_cancelled(); }, &hits));
  for (size_t i = options.skip; i < hits.size() && i - options.skip < options.limit; ++i)
    out.emit({Value(NodeValue{hits[i].node, nullptr}), Value(hits[i].score)});
}

void list_analyzers(std::span<const Value>, procedure::ProcedureContext&, procedure::RowSink& out) {
  out.emit({Value("english"),
           Value("Words of letters and digits, lower-cased; English stop words dropped; Snowball English stems for "
                 "words of four letters or more without digits (s3, p4d and other names with digits kept whole).")});
}

}  // namespace

query::QueryError unknown_fulltext_index(const storage::Catalog& catalog, const std::string& name,
                                         query::SourcePosition position) {
  std::vector<std::string> names;
  for (const auto& def : catalog.fulltext_indexes()) names.push_back(def.name);
  auto hint = closest_match(name, names);
  std::string message = "there is no full-text index called " + name;
  if (hint) {
    message += "; did you mean " + *hint + "?";
  } else if (names.empty()) {
    message += " (there is none yet: CREATE FULLTEXT INDEX name FOR (n:Label) ON EACH [n.property])";
  }
  return QueryError(ErrorClass::kSchema, ErrorCode::kIndexNotFound, message, position);
}

void add_fulltext_procedures(procedure::ProcedureRegistry& registry) {
  using namespace procedure::types;
  registry.add({{kQueryNodes,
                 {{"indexName", kString}, {"queryString", kString}, {"options", kMap.or_null(), Value(ValueMap{})}},
                 {{"node", kNode}, {"score", kFloat}},
                 "The nodes of a full-text index that match a search text (terms, \"phrases\", +must, -mustNot, "
                 "AND/OR/NOT, prefix*), best first by BM25 (options: skip, limit)."},
                query_nodes});
  registry.add({{"db.index.fulltext.listAvailableAnalyzers",
                 {},
                 {{"analyzer", kString}, {"description", kString}},
                 "The analyzers a full-text index may use."},
                list_analyzers});
}

}  // namespace mlkg::text

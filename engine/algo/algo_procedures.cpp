#include "engine/algo/algo_procedures.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/algo/algo_config.hpp"
#include "engine/algo/centrality.hpp"
#include "engine/algo/components.hpp"
#include "engine/algo/graph_projection.hpp"
#include "engine/algo/paths.hpp"
#include "engine/algo/projection_cache.hpp"
#include "engine/algo/topo_sort.hpp"
#include "engine/common/query_error.hpp"

namespace mlkg::algo {

namespace {

using procedure::ProcedureContext;
using procedure::ProcedureField;
using procedure::RowSink;
using query::QueryError;
using Vertex = GraphProjection::Vertex;
using query::ErrorClass;
using query::ErrorCode;

constexpr int64_t kMaxHops = 1'000'000;

// ---------------------------------------------------------------- helpers

// The projection keys every procedure takes.
ProjectionSpec base_spec(const AlgoConfig& config, Orientation default_direction) {
  ProjectionSpec spec;
  spec.labels = config.strings("labels");
  spec.types = config.strings("relationshipTypes");
  spec.orientation = config.direction(default_direction);
  return spec;
}

// Ctrl-C, as the algorithms poll it.
CancelCheck canceller(ProcedureContext& ctx) {
  return [&ctx] { ctx.check_cancelled(); };
}

// The projection of `spec` for this statement, from the cache unless the
// statement writes (its own writes are part of what it reads).
std::shared_ptr<const GraphProjection> project(ProjectionCache& cache, ProcedureContext& ctx,
                                               const std::string& procedure, const ProjectionSpec& spec) {
  std::shared_ptr<const GraphProjection> p;
  Status s = cache.get(ctx.store(), ctx.txn(), !ctx.writable(), spec, canceller(ctx), &p);
  if (s.code() == Status::Code::kInvalidArgument)
    throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentValue, procedure + ": " + s.message());
  query::throw_if_failed(s, procedure + ": ");
  return p;
}

// The projection walked backwards: the same one when undirected.
std::shared_ptr<const GraphProjection> project_backward(ProjectionCache& cache, ProcedureContext& ctx, const std::string& procedure,
                                                        const std::shared_ptr<const GraphProjection>& forward) {
  if (forward->spec().orientation == Orientation::kUndirected) return forward;
  ProjectionSpec spec = forward->spec();
  spec.orientation = reversed(spec.orientation);
  return project(cache, ctx, procedure, spec);
}

// A node as error messages name it: (:Service 'Amazon S3'), by its name,
// else its id property, else its internal id.
std::string describe_node(ProcedureContext& ctx, storage::NodeId id) {
  const storage::Catalog& cat = ctx.catalog();
  const storage::NodeRecord* node = ctx.node(id);
  auto property = [&](std::string_view key) {
    std::optional<storage::PropertyKeyId> k = cat.find_key(key);
    const Value* v = node && k ? storage::find_property(node->properties, *k) : nullptr;
    return v ? *v : Value();
  };
  std::string out = "(";
  if (node)
    for (storage::LabelId l : node->labels) out += ":" + quote_cypher_name(cat.label_name(l));
  Value name = property("name");
  if (!name.is_string()) name = property("id");
  if (name.is_null()) name = Value("node " + std::to_string(id));
  else name = Value(name.is_string() ? quote_cypher_string(name.as_string()) : name.to_literal());
  return out + (out.size() > 1 ? " " : "") + name.as_string() + ")";
}

std::string list_names(const std::vector<std::string>& names, const char* prefix) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + std::string(prefix) + names[i];
  return out;
}

// The vertex of a node argument; throws when `v` is not a node or the node
// is not part of the projection.
Vertex node_argument(ProcedureContext& ctx, const std::string& procedure, const std::string& what, const Value& v,
                     const GraphProjection& p) {
  if (!v.is_node())
    throw QueryError(ErrorClass::kType, ErrorCode::kInvalidArgumentType,
                     procedure + ": " + what + " must be a NODE; got " + describe_value(v));
  const storage::NodeId id = v.as_node().id;
  if (auto vertex = p.vertex_of(id)) return *vertex;
  if (!ctx.node(id))
    throw QueryError(ErrorClass::kEntityNotFound, ErrorCode::kDeletedEntityAccess,
                     procedure + ": " + what + " (node " + std::to_string(id) + ") does not exist");
  throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentValue,
                   procedure + ": " + what + " " + describe_node(ctx, id) +
                       " is not in the projected graph: it has none of the labels " + list_names(p.spec().labels, ":"));
}

Value node_value(const GraphProjection& p, Vertex v) { return Value(NodeValue{p.node_id(v), nullptr}); }

Value path_value(const GraphProjection& p, const Path& path) {
  PathValue out;
  for (Vertex v : path.vertices) out.nodes.push_back(NodeValue{p.node_id(v), nullptr});
  for (storage::RelId r : path.rels) out.rels.push_back(RelValue{r, nullptr});
  return Value(std::move(out));
}

ValueList path_row(const GraphProjection& p, const Path& path) {
  return {path_value(p, path), Value(static_cast<int64_t>(path.rels.size())), Value(path.cost)};
}

// Dijkstra needs weights of 0 or more; names the first relationship without.
void require_non_negative(const std::string& procedure, const GraphProjection& p) {
  if (p.min_weight() >= 0) return;
  for (uint32_t e = 0; e < p.edge_count(); ++e)
    if (p.weight(e) < 0)
      throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentValue,
                       procedure + ": relationship " + std::to_string(p.rel_id(e)) + " has " + p.spec().weight +
                           " = " + format_float(p.weight(e)) + "; shortest paths need weights of 0 or more");
}

// ---------------------------------------------------------------- paths

std::pair<std::shared_ptr<const GraphProjection>, std::shared_ptr<const GraphProjection>> path_projections(
    ProjectionCache& cache, ProcedureContext& ctx, const std::string& procedure, const Value& config_value) {
  AlgoConfig config(procedure, config_value,
                    {"labels", "relationshipTypes", "direction", "weight", "defaultWeight"});
  ProjectionSpec spec = base_spec(config, Orientation::kUndirected);
  spec.weight = config.string("weight");
  spec.default_weight = config.number("defaultWeight", 1.0, 0.0, std::numeric_limits<double>::max());
  auto forward = project(cache, ctx, procedure, spec);
  require_non_negative(procedure, *forward);
  return {forward, project_backward(cache, ctx, procedure, forward)};
}

void shortest_path_proc(ProjectionCache& cache, std::span<const Value> args, ProcedureContext& ctx, RowSink& out) {
  const std::string proc = "algo.shortestPath";
  auto [forward, backward] = path_projections(cache, ctx, proc, args[2]);
  Vertex s = node_argument(ctx, proc, "source", args[0], *forward);
  Vertex t = node_argument(ctx, proc, "target", args[1], *forward);
  std::optional<Path> path = shortest_path(*forward, *backward, s, t, canceller(ctx));
  if (path) out.emit(path_row(*forward, *path));
}

void all_shortest_paths_proc(ProjectionCache& cache, std::span<const Value> args, ProcedureContext& ctx, RowSink& out) {
  const std::string proc = "algo.allShortestPaths";
  auto [forward, backward] = path_projections(cache, ctx, proc, args[2]);
  Vertex s = node_argument(ctx, proc, "source", args[0], *forward);
  Vertex t = node_argument(ctx, proc, "target", args[1], *forward);
  for (const Path& p : all_shortest_paths(*forward, *backward, s, t, canceller(ctx))) out.emit(path_row(*forward, p));
}

// ---------------------------------------------------------------- neighbourhoods

std::shared_ptr<const GraphProjection> hop_projection(ProjectionCache& cache, ProcedureContext& ctx, const AlgoConfig& config, uint32_t* k) {
  *k = static_cast<uint32_t>(config.integer("k", 1, 0, kMaxHops));
  return project(cache, ctx, config.procedure(), base_spec(config, Orientation::kUndirected));
}

void k_hop_proc(ProjectionCache& cache, std::span<const Value> args, ProcedureContext& ctx, RowSink& out) {
  const std::string proc = "algo.kHop";
  AlgoConfig config(proc, args[1], {"k", "labels", "relationshipTypes", "direction"});
  uint32_t k;
  auto p = hop_projection(cache, ctx, config, &k);
  Vertex s = node_argument(ctx, proc, "source", args[0], *p);
  for (const Reached& r : within_hops(*p, {s}, k, canceller(ctx)))
    if (r.depth > 0) out.emit({node_value(*p, r.vertex), Value(static_cast<int64_t>(r.depth))});
}

void subgraph_proc(ProjectionCache& cache, std::span<const Value> args, ProcedureContext& ctx, RowSink& out) {
  const std::string proc = "algo.subgraph";
  AlgoConfig config(proc, args[1], {"k", "labels", "relationshipTypes", "direction"});
  uint32_t k;
  auto p = hop_projection(cache, ctx, config, &k);
  std::vector<Vertex> sources;
  if (args[0].is_list()) {
    for (const Value& v : args[0].as_list()) sources.push_back(node_argument(ctx, proc, "each source", v, *p));
  } else {
    sources.push_back(node_argument(ctx, proc, "sources (a node or a list of nodes)", args[0], *p));
  }
  ValueList nodes, rels;
  std::vector<bool> members(p->vertex_count(), false);
  for (const Reached& r : within_hops(*p, sources, k, canceller(ctx))) {
    members[r.vertex] = true;
    nodes.push_back(node_value(*p, r.vertex));
  }
  for (storage::RelId r : relationships_among(*p, members, canceller(ctx))) rels.push_back(Value(RelValue{r, nullptr}));
  out.emit({Value(std::move(nodes)), Value(std::move(rels))});
}

// ---------------------------------------------------------------- centrality, components, order

void page_rank_proc(ProjectionCache& cache, std::span<const Value> args, ProcedureContext& ctx, RowSink& out) {
  const std::string proc = "algo.pageRank";
  AlgoConfig config(proc, args[0],
                    {"iterations", "dampingFactor", "tolerance", "labels", "relationshipTypes", "direction"});
  PageRankOptions options;
  options.max_iterations = static_cast<uint32_t>(config.integer("iterations", 20, 1, 1'000'000));
  options.damping = config.number("dampingFactor", 0.85, 0.0, 1.0, true);
  options.tolerance = config.number("tolerance", 1e-7, 0.0, 1.0);
  auto p = project(cache, ctx, proc, base_spec(config, Orientation::kNatural));
  PageRankResult r = page_rank(*p, options, canceller(ctx));
  for (Vertex v = 0; v < p->vertex_count(); ++v) out.emit({node_value(*p, v), Value(r.scores[v])});
}

void betweenness_proc(ProjectionCache& cache, std::span<const Value> args, ProcedureContext& ctx, RowSink& out) {
  const std::string proc = "algo.betweenness";
  AlgoConfig config(proc, args[0], {"labels", "relationshipTypes", "direction", "normalized"});
  const bool normalized = config.boolean("normalized", true);
  auto p = project(cache, ctx, proc, base_spec(config, Orientation::kNatural));
  std::vector<double> scores = betweenness(*p, normalized, canceller(ctx));
  for (Vertex v = 0; v < p->vertex_count(); ++v) out.emit({node_value(*p, v), Value(scores[v])});
}

void wcc_proc(ProjectionCache& cache, std::span<const Value> args, ProcedureContext& ctx, RowSink& out) {
  const std::string proc = "algo.wcc";
  AlgoConfig config(proc, args[0], {"labels", "relationshipTypes"});
  auto p = project(cache, ctx, proc, base_spec(config, Orientation::kNatural));
  Components c = weakly_connected_components(*p, canceller(ctx));
  for (Vertex v = 0; v < p->vertex_count(); ++v)
    out.emit({node_value(*p, v), Value(static_cast<int64_t>(c.component[v]))});
}

void topo_sort_proc(ProjectionCache& cache, std::span<const Value> args, ProcedureContext& ctx, RowSink& out) {
  const std::string proc = "algo.topoSort";
  AlgoConfig config(proc, args[0], {"labels", "relationshipTypes", "direction"});
  ProjectionSpec spec = base_spec(config, Orientation::kNatural);
  if (spec.orientation == Orientation::kUndirected)
    throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentValue,
                     proc + ": direction must be 'OUTGOING' (a relationship's start comes first) or 'INCOMING' "
                            "(its end comes first); 'BOTH' has no order");
  auto p = project(cache, ctx, proc, spec);
  TopoOrder order = topological_order(*p, canceller(ctx));
  if (!order.cycle.empty()) {
    std::string names;
    for (size_t i = 0; i < order.cycle.size(); ++i) {
      storage::RelId rel = p->rel_id(order.cycle_edges[i]);
      const storage::RelRecord* record = ctx.rel(rel);
      std::string type = quote_cypher_name(record ? ctx.catalog().type_name(record->type) : std::string("?"));
      bool natural = spec.orientation == Orientation::kNatural;
      names += describe_node(ctx, p->node_id(order.cycle[i])) + (natural ? " -[:" : " <-[:") + type +
               (natural ? "]-> " : "]- ");
    }
    names += describe_node(ctx, p->node_id(order.cycle.front()));
    std::string types = spec.types.empty() ? "the relationships" : "the " + list_names(spec.types, ":") + " relationships";
    throw QueryError(ErrorClass::kProcedure, ErrorCode::kNone,
                     proc + ": " + types + " form a cycle, so there is no order: " + names);
  }
  for (size_t i = 0; i < order.order.size(); ++i) {
    Vertex v = order.order[i];
    out.emit({node_value(*p, v), Value(static_cast<int64_t>(i)), Value(static_cast<int64_t>(order.level[v]))});
  }
}

// ---------------------------------------------------------------- registration

ProcedureField field(std::string name, procedure::FieldType type) { return ProcedureField{std::move(name), type}; }

// A procedure body that finds its projections in `cache` (shared by the
// registry's algo.* procedures, alive as long as the registry).
using CachedBody = void (*)(ProjectionCache&, std::span<const Value>, ProcedureContext&, RowSink&);
procedure::ProcedureBody with_cache(const std::shared_ptr<ProjectionCache>& cache, CachedBody body) {
  return [cache, body](std::span<const Value> args, ProcedureContext& ctx, RowSink& out) { body(*cache, args, ctx, out); };
}

// The config map: the last input, optional.
ProcedureField config_input() { return ProcedureField{"config", procedure::types::kMap.or_null(), Value(ValueMap{})}; }

}  // namespace

void add_algo_procedures(procedure::ProcedureRegistry& registry, std::shared_ptr<ProjectionCache> cache) {
  const std::vector<ProcedureField> path_outputs{field("path", procedure::types::kPath), field("length", procedure::types::kInteger), field("cost", procedure::types::kFloat)};
  registry.add(
      {{"algo.shortestPath",
       {field("source", procedure::types::kNode), field("target", procedure::types::kNode), config_input()},
       path_outputs,
       "A shortest path from source to target (none: no row). Config: labels, relationshipTypes, "
       "direction ('BOTH'), weight (a relationship property: Dijkstra), defaultWeight (1.0)."},
       with_cache(cache, shortest_path_proc)});
  registry.add(
      {{"algo.allShortestPaths",
       {field("source", procedure::types::kNode), field("target", procedure::types::kNode), config_input()},
       path_outputs,
       "Every shortest path from source to target, one row each. Config as algo.shortestPath."},
       with_cache(cache, all_shortest_paths_proc)});
  registry.add(
      {{"algo.kHop",
       {field("source", procedure::types::kNode), config_input()},
       {field("node", procedure::types::kNode), field("depth", procedure::types::kInteger)},
       "The nodes 1 to k hops from source, with their distance in hops. Config: k (1), labels, "
       "relationshipTypes, direction ('BOTH')."},
       with_cache(cache, k_hop_proc)});
  registry.add(
      {{"algo.subgraph",
       {field("sources", procedure::types::kAny), config_input()},
       {field("nodes", procedure::types::kListOfNode), field("relationships", procedure::types::kListOfRelationship)},
       "The nodes within k hops of a node or list of nodes, and every relationship among them. Config: k (1), "
       "labels, relationshipTypes, direction ('BOTH')."},
       with_cache(cache, subgraph_proc)});
  registry.add(
      {{"algo.pageRank",
       {config_input()},
       {field("node", procedure::types::kNode), field("score", procedure::types::kFloat)},
       "PageRank (scores sum to 1). Config: iterations (20), dampingFactor (0.85), tolerance (1e-7), labels, "
       "relationshipTypes, direction ('OUTGOING')."},
       with_cache(cache, page_rank_proc)});
  registry.add(
      {{"algo.betweenness",
       {config_input()},
       {field("node", procedure::types::kNode), field("score", procedure::types::kFloat)},
       "Betweenness centrality (Brandes). Config: normalized (true), labels, relationshipTypes, "
       "direction ('OUTGOING'; 'BOTH' for undirected)."},
       with_cache(cache, betweenness_proc)});
  registry.add(
      {{"algo.wcc",
       {config_input()},
       {field("node", procedure::types::kNode), field("componentId", procedure::types::kInteger)},
       "Weakly connected components, numbered from 0. Config: labels, relationshipTypes."},
       with_cache(cache, wcc_proc)});
  registry.add(
      {{"algo.topoSort",
       {config_input()},
       {field("node", procedure::types::kNode), field("position", procedure::types::kInteger), field("level", procedure::types::kInteger)},
       "A topological (study) order: each node after every node with a relationship to it, by level. A cycle is an "
       "error naming it. Config: labels, relationshipTypes, direction ('OUTGOING' or 'INCOMING')."},
       with_cache(cache, topo_sort_proc)});
}

}  // namespace mlkg::algo

// Binding shortestPath() and allShortestPaths() parts of a MATCH: the shape
// Neo4j accepts, and the split into end nodes and a ShortestPathSpec.

#include "engine/query/binder/binder_internal.hpp"

namespace mlkg::query {

namespace {

const char* function_name(const ast::PatternPart& part) {
  return part.kind == ast::PatternPart::Kind::kAllShortestPaths ? "allShortestPaths" : "shortestPath";
}

}  // namespace

void check_shortest_path(const ast::PatternPart& part, const Scope& clause_scope) {
  if (part.steps.size() != 1)
    syntax_error(ErrorCode::kInvalidRelationshipPattern,
                 std::string(function_name(part)) +
                     "() needs a pattern of two nodes and one relationship between them, as in " +
                     function_name(part) + "((a)-[:T*..5]-(b))",
                 part.position);
  const ast::RelPattern& rel = part.steps[0].first;
  if (rel.range && rel.range->min && *rel.range->min > 1)
    syntax_error(ErrorCode::kInvalidRelationshipPattern,
                 std::string(function_name(part)) + "() takes a minimum length of 0 or 1, not " +
                     std::to_string(*rel.range->min) + "; filter on length(p) in WHERE instead",
                 rel.position);
  if (!rel.variable.empty() && clause_scope.find(rel.variable))
    syntax_error(ErrorCode::kVariableAlreadyBound,
                 "the relationship variable `" + rel.variable + "` of " + function_name(part) +
                     "() is already defined; a shortest path binds new relationships",
                 rel.position);
}

void split_shortest_path(const ast::PatternPart& part, BoundMatch& m) {
  BoundPatternPart& bound = m.parts.back();
  BoundRelPattern& rel = bound.rels.at(0);
  ShortestPathSpec spec;
  spec.all = part.kind == ast::PatternPart::Kind::kAllShortestPaths;
  spec.from = bound.nodes.at(0).slot;
  spec.to = bound.nodes.at(1).slot;
  spec.rel = rel.slot;
  spec.var_length = rel.var_length;
  spec.path = bound.path_slot;
  spec.direction = rel.direction;
  spec.types = rel.types;
  spec.min = rel.var_length ? rel.min : 1;
  spec.max = rel.var_length ? rel.max : 1;
  spec.properties = std::move(rel.properties);

  // The end nodes stay, as parts of their own, for the planner to bind
  // (or find bound); the path and its relationship come from the search.
  BoundPatternPart end;
  end.nodes.push_back(std::move(bound.nodes[1]));
  bound.nodes.resize(1);
  bound.rels.clear();
  bound.path.reset();
  bound.path_slot = kNoSlot;
  m.parts.push_back(std::move(end));
  m.shortest_paths.push_back(std::move(spec));
}

}  // namespace mlkg::query

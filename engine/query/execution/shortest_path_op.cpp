#include "engine/query/execution/shortest_path_op.hpp"

#include <algorithm>
#include <deque>
#include <unordered_set>

#include "engine/query/expression/evaluator.hpp"
#include "engine/query/function/value_ops.hpp"

namespace mlkg::query {

std::string describe_shortest_path(const ShortestPathSpec& spec) {
  std::string types;
  for (size_t i = 0; i < spec.types.size(); ++i) types += (i ? "|" : ":") + quote_cypher_name(spec.types[i]);
  std::string range;
  if (spec.var_length)
    range = "*" + std::to_string(spec.min) + ".." + (spec.max < 0 ? "" : std::to_string(spec.max));
  std::string mid = "[#" + std::to_string(spec.rel) + types + range + "]";
  std::string pattern = "(#" + std::to_string(spec.from) + ")" +
                        (spec.direction == ast::RelDirection::kLeft ? "<-" + mid + "-"
                         : spec.direction == ast::RelDirection::kRight ? "-" + mid + "->"
                                                                       : "-" + mid + "-") +
                        "(#" + std::to_string(spec.to) + ")";
  return spec.path != kNoSlot ? "#" + std::to_string(spec.path) + " = " + pattern : pattern;
}

std::string ShortestPathOp::details() const {
  std::string out = describe_shortest_path(spec_);
  std::vector<const BoundExpr*> conditions;
  for (const auto& f : node_filters_) conditions.push_back(f.get());
  for (const auto& f : rel_filters_) conditions.push_back(f.get());
  for (const auto& p : spec_.predicates) conditions.push_back(p.get());
  for (size_t i = 0; i < conditions.size(); ++i) out += (i ? " AND " : " WHERE ") + describe(*conditions[i]);
  return out;
}

void ShortestPathOp::take_element_filters() {
  auto reads_path = [&](const BoundExpr& e, Slot own) {
    std::vector<Slot> reads;
    collect_slots(e, &reads);
    return std::any_of(reads.begin(), reads.end(), [&](Slot s) {
      return s != own && (s == spec_.rel || (spec_.path != kNoSlot && s == spec_.path));
    });
  };
  auto is_call_on_path = [&](const BoundExpr& e, std::string_view function) {
    return e.kind == BoundKind::kFunction && e.function->name == function && e.children.size() == 1 &&
           e.children[0]->kind == BoundKind::kSlot && spec_.path != kNoSlot && e.children[0]->slot == spec_.path;
  };
  for (auto it = spec_.predicates.begin(); it != spec_.predicates.end();) {
    const BoundExpr& e = **it;
    bool element_wise = e.kind == BoundKind::kQuantifier &&
                        (e.quantifier == ast::Quantifier::kAll || e.quantifier == ast::Quantifier::kNone) &&
                        e.children.size() == 2 && e.children[1] && !reads_path(*e.children[1], e.slot);
    const BoundExpr* list = element_wise ? e.children[0].get() : nullptr;
    if (list && is_call_on_path(*list, "nodes")) {
      node_filters_.push_back(std::move(*it));
    } else if (list && (is_call_on_path(*list, "relationships") ||
                        (spec_.var_length && list->kind == BoundKind::kSlot && list->slot == spec_.rel))) {
      rel_filters_.push_back(std::move(*it));
    } else {
      ++it;
      continue;
    }
    it = spec_.predicates.erase(it);
  }
}

bool ShortestPathOp::passes(const BoundExpr& filter, Value value, ExecContext& ctx) {
  scratch_[filter.slot] = std::move(value);
  Value verdict = evaluate(*filter.children[1], scratch_, ctx);
  if (!verdict.is_null() && !verdict.is_bool())
    throw QueryError(ErrorClass::kType, ErrorCode::kInvalidArgumentType,
                     std::string("a quantifier's predicate must be a boolean, not a ") + type_name(verdict.type()));
  return verdict.is_bool() && verdict.as_bool() == (filter.quantifier == ast::Quantifier::kAll);
}

bool ShortestPathOp::node_passes(storage::NodeId node, ExecContext& ctx) {
  for (const auto& f : node_filters_)
    if (!passes(*f, Value(NodeValue{node, nullptr}), ctx)) return false;
  return true;
}

void ShortestPathOp::open_impl(ExecContext& ctx) {
  possible_ = adjacency_.resolve(spec_.types, ctx);
  found_.clear();
  pos_ = 0;
  walk_.clear();
  walk_rels_.clear();
}

bool ShortestPathOp::next_impl(Row& row, ExecContext& ctx) {
  while (true) {
    if (pos_ < found_.size()) {
      write(found_[pos_++], row);
      return true;
    }
    if (next_walk(&current_, ctx)) {
      write(current_, row);
      return true;
    }
    if (!input_->next(row, ctx)) return false;
    ctx.check_cancelled();
    search(row, ctx);
  }
}

void ShortestPathOp::write(const Found& path, Row& row) const {
  ValueList rels;
  rels.reserve(path.rels.size());
  for (storage::RelId r : path.rels) rels.push_back(Value(RelValue{r, nullptr}));
  if (spec_.var_length) {
    row[spec_.rel] = Value(std::move(rels));
  } else {
    row[spec_.rel] = rels.empty() ? Value() : rels.front();
  }
  if (spec_.path != kNoSlot) {
    PathValue p;
    for (storage::NodeId n : path.nodes) p.nodes.push_back(NodeValue{n, nullptr});
    for (storage::RelId r : path.rels) p.rels.push_back(RelValue{r, nullptr});
    row[spec_.path] = Value(std::move(p));
  }
}

bool ShortestPathOp::usable(const storage::AdjEntry& e, ExecContext& ctx) {
  if (rel_in_slots(e.rel, spec_.unique_with, scratch_)) return false;
  for (size_t i = 0; i < spec_.properties.size(); ++i) {
    Value eq = equals(ctx.graph->rel_property(e.rel, spec_.properties[i].first), property_values_[i]);
    if (!eq.is_bool() || !eq.as_bool()) return false;
  }
  for (const auto& f : rel_filters_)
    if (!passes(*f, Value(RelValue{e.rel, nullptr}), ctx)) return false;
  return node_passes(e.neighbour, ctx);
}

bool ShortestPathOp::accepted(const Found& path, ExecContext& ctx) {
  if (spec_.predicates.empty()) return true;
  write(path, scratch_);
  for (const auto& p : spec_.predicates)
    if (!evaluate_predicate(*p, scratch_, ctx)) return false;
  return true;
}

void ShortestPathOp::search(const Row& row, ExecContext& ctx) {
  found_.clear();
  pos_ = 0;
  visited_.clear();
  walk_.clear();
  walk_rels_.clear();
  const Value& from = row[spec_.from];
  const Value& to = row[spec_.to];
  if (from.is_null() || to.is_null()) return;
  if (!from.is_node() || !to.is_node())
    throw QueryError(ErrorClass::kType, ErrorCode::kInvalidArgumentType,
                     std::string("a shortest path needs two nodes, got a ") +
                         type_name(from.is_node() ? to.type() : from.type()));
  scratch_ = row;
  property_values_.clear();
  for (auto& [key, expr] : spec_.properties) property_values_.push_back(evaluate(*expr, scratch_, ctx));
  storage::NodeId source = from.as_node().id, target = to.as_node().id;
  if (!node_passes(source, ctx) || !node_passes(target, ctx)) return;
  if (source == target) {
    Found zero{{source}, {}};
    if (spec_.min == 0 && accepted(zero, ctx)) found_.push_back(std::move(zero));
    return;
  }
  if (spec_.max == 0 || !possible_) return;
  if (spec_.predicates.empty()) {
    breadth_first(source, target, ctx);
  } else {
    by_increasing_length(source, target, ctx);
  }
}

// Level by level from the source; each node remembers the relationships that
// reached it from the level before. For shortestPath, the first time the
// target is met gives the path; for allShortestPaths, the level is finished
// and every way back from the target is a shortest path (next_walk).
void ShortestPathOp::breadth_first(storage::NodeId source, storage::NodeId target, ExecContext& ctx) {
  visited_[source] = Visit{};
  std::vector<storage::NodeId> frontier{source}, next;
  std::vector<storage::AdjEntry> entries;
  bool reached = false;
  for (int64_t depth = 1; !frontier.empty() && !reached && (spec_.max < 0 || depth <= spec_.max); ++depth) {
    next.clear();
    for (storage::NodeId u : frontier) {
      ctx.check_cancelled();
      adjacency_.collect(u, spec_.direction, ctx, &entries);
      for (const storage::AdjEntry& e : entries) {
        if (!usable(e, ctx)) continue;
        auto [it, fresh] = visited_.try_emplace(e.neighbour);
        if (fresh) {
          it->second.depth = depth;
          next.push_back(e.neighbour);
        } else if (it->second.depth != depth || !spec_.all) {
          continue;
        }
        it->second.parents.emplace_back(u, e.rel);
        if (e.neighbour == target) {
          reached = true;
          if (!spec_.all) break;
        }
      }
      if (reached && !spec_.all) break;
    }
    frontier.swap(next);
  }
  if (!reached) return;
  source_ = source;
  walk_.emplace_back(target, 0);
}

bool ShortestPathOp::next_walk(Found* out, ExecContext& ctx) {
  auto pop = [&] {
    walk_.pop_back();
    if (!walk_rels_.empty()) walk_rels_.pop_back();
  };
  while (!walk_.empty()) {
    const storage::NodeId node = walk_.back().first;
    if (node == source_) {
      out->nodes.clear();
      for (auto it = walk_.rbegin(); it != walk_.rend(); ++it) out->nodes.push_back(it->first);
      out->rels.assign(walk_rels_.rbegin(), walk_rels_.rend());
      pop();
      return true;
    }
    const std::vector<std::pair<storage::NodeId, storage::RelId>>& parents = visited_.at(node).parents;
    size_t& index = walk_.back().second;
    if (index >= parents.size() || (!spec_.all && index > 0)) {
      pop();
      continue;
    }
    const auto [parent, rel] = parents[index++];
    ctx.check_cancelled();
    walk_rels_.push_back(rel);
    walk_.emplace_back(parent, 0);
  }
  return false;
}

// With predicates on the path: the trails from source to target of length
// L = the distance, then L + 1, ..., each checked against the predicates;
// the first length with an accepted trail ends the search. A trail only
// passes nodes that can reach the target (every node of it can, through the
// rest of it), so a backward breadth-first search from the target gives each
// node's distance, which prunes the enumeration, and the number of
// relationships among those nodes, which bounds the length.
void ShortestPathOp::by_increasing_length(storage::NodeId source, storage::NodeId target, ExecContext& ctx) {
  const ast::RelDirection backward = ast::reversed(spec_.direction);
  std::unordered_map<storage::NodeId, int64_t> distance{{target, 0}};
  std::unordered_set<storage::RelId> rels_seen;
  std::vector<storage::AdjEntry> entries;
  std::deque<storage::NodeId> queue{target};
  while (!queue.empty()) {
    storage::NodeId v = queue.front();
    queue.pop_front();
    int64_t d = distance[v];
    if (spec_.max >= 0 && d >= spec_.max) continue;
    ctx.check_cancelled();
    adjacency_.collect(v, backward, ctx, &entries);
    for (const storage::AdjEntry& e : entries) {
      if (!usable(e, ctx)) continue;
      rels_seen.insert(e.rel);
      if (distance.try_emplace(e.neighbour, d + 1).second) queue.push_back(e.neighbour);
    }
  }
  auto source_distance = distance.find(source);
  if (source_distance == distance.end()) return;

  // The forward neighbours of the nodes that can reach the target, read once.
  std::unordered_map<storage::NodeId, std::vector<storage::AdjEntry>> forward;
  auto neighbours = [&](storage::NodeId node) -> const std::vector<storage::AdjEntry>& {
    auto [it, fresh] = forward.try_emplace(node);
    if (fresh) {
      adjacency_.collect(node, spec_.direction, ctx, &it->second);
      std::erase_if(it->second, [&](const storage::AdjEntry& e) {
        return !distance.count(e.neighbour) || !usable(e, ctx);
      });
    }
    return it->second;
  };

  const int64_t longest = spec_.max < 0 ? static_cast<int64_t>(rels_seen.size())
                                        : std::min<int64_t>(spec_.max, static_cast<int64_t>(rels_seen.size()));
  Found path{{source}, {}};
  bool done = false;
  for (int64_t length = std::max<int64_t>(spec_.min, source_distance->second); length <= longest && !done; ++length) {
    auto extend = [&](storage::NodeId node, auto& self) -> void {
      int64_t depth = static_cast<int64_t>(path.rels.size());
      if (depth == length) {
        if (node == target && accepted(path, ctx)) {
          found_.push_back(path);
          if (!spec_.all) done = true;
        }
        return;
      }
      for (const storage::AdjEntry& e : neighbours(node)) {
        if (done) return;
        if (depth + 1 + distance.at(e.neighbour) > length) continue;
        if (std::find(path.rels.begin(), path.rels.end(), e.rel) != path.rels.end()) continue;
        ctx.check_cancelled();
        path.rels.push_back(e.rel);
        path.nodes.push_back(e.neighbour);
        self(e.neighbour, self);
        path.rels.pop_back();
        path.nodes.pop_back();
      }
    };
    extend(source, extend);
    if (!found_.empty()) done = true;
  }
}

}  // namespace mlkg::query

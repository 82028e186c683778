#include "engine/algo/graph_projection.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "engine/common/suggest.hpp"
#include "engine/storage/transaction.hpp"

namespace mlkg::algo {

namespace {

constexpr uint64_t kCancelEvery = 4096;  // records between cancellation checks
constexpr uint64_t kMaxIndex = std::numeric_limits<uint32_t>::max();
constexpr uint32_t kNoVertex = std::numeric_limits<uint32_t>::max();
// A direct table from node id to vertex is kept when it is at most this many
// times the vertex count (plus a little): 4 bytes per id instead of a binary
// search, which was 40% of a projection's build on the benchmark graph.
constexpr uint64_t kDenseFactor = 4;

// The id of `name` in the catalog's dictionary `kind`, or an error that
// names it (with the closest existing name, if one is close).
Status resolve(const storage::Catalog& cat, storage::NameKind kind, const std::string& name, uint32_t* out) {
  if (auto id = cat.find(kind, name)) {
    *out = *id;
    return Status();
  }
  std::vector<std::string> names;
  for (uint32_t i = 1; i <= cat.count(kind); ++i) names.push_back(cat.name(kind, i));
  const char* what = kind == storage::NameKind::kLabel ? "label :"
                     : kind == storage::NameKind::kType ? "relationship type :"
                                                        : "property key ";
  const char* prefix = kind == storage::NameKind::kKey ? "" : ":";
  std::string msg = std::string("the database has no ") + what + name;
  if (auto hint = closest_match(name, names)) msg += std::string("; did you mean ") + prefix + *hint + "?";
  return Status::invalid_argument(msg);
}

void sort_unique(std::vector<std::string>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

}  // namespace

Orientation reversed(Orientation o) {
  switch (o) {
    case Orientation::kNatural: return Orientation::kReverse;
    case Orientation::kReverse: return Orientation::kNatural;
    case Orientation::kUndirected: return Orientation::kUndirected;
  }
  return o;
}

void ProjectionSpec::normalise() {
  sort_unique(&labels);
  sort_unique(&types);
}

std::optional<GraphProjection::Vertex> GraphProjection::vertex_of(storage::NodeId id) const {
  if (!vertex_by_id_.empty()) {
    if (id >= vertex_by_id_.size() || vertex_by_id_[id] == kNoVertex) return std::nullopt;
    return vertex_by_id_[id];
  }
  auto it = std::lower_bound(node_ids_.begin(), node_ids_.end(), id);
  if (it == node_ids_.end() || *it != id) return std::nullopt;
  return static_cast<Vertex>(it - node_ids_.begin());
}

size_t GraphProjection::memory_bytes() const {
  return node_ids_.capacity() * sizeof(storage::NodeId) + vertex_by_id_.capacity() * sizeof(uint32_t) +
         rel_ids_.capacity() * sizeof(storage::RelId) +
         weights_.capacity() * sizeof(double) + (node_ids_.size() + 1) * sizeof(uint32_t) +
         rel_ids_.size() * sizeof(uint32_t);
}

Status build_projection(storage::Transaction& txn, const ProjectionSpec& spec_in, const CancelCheck& check_cancelled,
                        std::shared_ptr<const GraphProjection>* out) {
  ProjectionSpec spec = spec_in;
  spec.normalise();
  const storage::Catalog& cat = txn.catalog();
  auto poll = [&](uint64_t n) {
    if (check_cancelled && n % kCancelEvery == 0) check_cancelled();
  };

  // ---- names
  std::vector<storage::LabelId> labels;
  for (const auto& name : spec.labels) {
    uint32_t id;
    MLKG_RETURN_IF_ERROR(resolve(cat, storage::NameKind::kLabel, name, &id));
    labels.push_back(id);
  }
  std::vector<bool> type_allowed;  // by type id; empty = every type
  if (!spec.types.empty()) {
    type_allowed.assign(cat.count(storage::NameKind::kType) + 1, false);
    for (const auto& name : spec.types) {
      uint32_t id;
      MLKG_RETURN_IF_ERROR(resolve(cat, storage::NameKind::kType, name, &id));
      type_allowed[id] = true;
    }
  }
  std::optional<storage::PropertyKeyId> weight_key;
  if (!spec.weight.empty()) {
    uint32_t id;
    MLKG_RETURN_IF_ERROR(resolve(cat, storage::NameKind::kKey, spec.weight, &id));
    weight_key = id;
  }

  // ---- vertices: node ids, ascending
  std::shared_ptr<GraphProjection> p(new GraphProjection());
  std::vector<storage::NodeId>& ids = p->node_ids_;
  uint64_t seen = 0;
  auto collect = [&](storage::NodeCursor c) -> Status {
    for (; c.valid(); c.next()) {
      poll(++seen);
      ids.push_back(c.node());
    }
    return c.status();
  };
  if (labels.empty()) {
    MLKG_RETURN_IF_ERROR(collect(txn.scan_nodes()));
  } else {
    for (storage::LabelId l : labels) MLKG_RETURN_IF_ERROR(collect(txn.scan_label(l)));
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  }
  if (ids.size() > kMaxIndex) return Status::invalid_argument("too many nodes to project (more than 2^32 - 1)");
  const uint32_t n = static_cast<uint32_t>(ids.size());
  if (n > 0 && ids.back() < kDenseFactor * n + 1024) {
    p->vertex_by_id_.assign(ids.back() + 1, kNoVertex);
    for (uint32_t v = 0; v < n; ++v) p->vertex_by_id_[ids[v]] = v;
  }

  // ---- edges, staged in scan order, then placed by source (a counting sort,
  // stable, so each vertex's edges keep relationship id order)
  struct Staged {
    uint32_t source, target;
    storage::RelId rel;
    double weight;
  };
  std::vector<Staged> staged;
  double min_weight = std::numeric_limits<double>::infinity();
  storage::RelCursor c = txn.scan_rels();
  for (; c.valid(); c.next()) {
    poll(++seen);
    const storage::RelRecord& r = c.record();
    if (!type_allowed.empty() && (r.type >= type_allowed.size() || !type_allowed[r.type])) continue;
    auto s = p->vertex_of(r.start);
    if (!s) continue;
    auto t = p->vertex_of(r.end);
    if (!t) continue;
    double w = 1.0;
    if (weight_key) {
      const Value* v = storage::find_property(r.properties, *weight_key);
      if (!v) {
        w = spec.default_weight;
      } else if (v->is_number()) {
        w = v->is_int() ? static_cast<double>(v->as_int()) : v->as_float();
        if (!std::isfinite(w))
          return Status::invalid_argument("relationship " + std::to_string(r.id) + " (:" + cat.type_name(r.type) +
                                          ") has " + spec.weight + " = " + v->to_literal() +
                                          ", which is not a finite number");
      } else {
        return Status::invalid_argument("relationship " + std::to_string(r.id) + " (:" + cat.type_name(r.type) +
                                        ") has " + spec.weight + " = " + v->to_literal() + ", which is a " +
                                        type_name(v->type()) + ", not a number");
      }
      min_weight = std::min(min_weight, w);
    }
    ++p->relationship_count_;
    switch (spec.orientation) {
      case Orientation::kNatural: staged.push_back({*s, *t, r.id, w}); break;
      case Orientation::kReverse: staged.push_back({*t, *s, r.id, w}); break;
      case Orientation::kUndirected:
        staged.push_back({*s, *t, r.id, w});
        if (*s != *t) staged.push_back({*t, *s, r.id, w});
        break;
    }
  }
  MLKG_RETURN_IF_ERROR(c.status());
  if (staged.size() > kMaxIndex) return Status::invalid_argument("too many relationships to project (more than 2^32 - 1 edges)");

  std::vector<uint32_t> offset(n + 1, 0);
  for (const Staged& e : staged) ++offset[e.source + 1];
  for (uint32_t v = 0; v < n; ++v) offset[v + 1] += offset[v];
  std::vector<std::pair<uint32_t, uint32_t>> sorted(staged.size());
  p->rel_ids_.resize(staged.size());
  if (weight_key) p->weights_.resize(staged.size());
  for (const Staged& e : staged) {
    uint32_t at = offset[e.source]++;
    sorted[at] = {e.source, e.target};
    p->rel_ids_[at] = e.rel;
    if (weight_key) p->weights_[at] = e.weight;
  }
  staged = {};
  p->graph_ = GraphProjection::Graph(boost::edges_are_sorted, sorted.begin(), sorted.end(), n);
  p->min_weight_ = weight_key && !p->weights_.empty() ? min_weight : 1.0;
  p->spec_ = std::move(spec);
  *out = std::move(p);
  return Status();
}

}  // namespace mlkg::algo

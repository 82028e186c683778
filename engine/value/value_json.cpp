#include "engine/value/value_json.hpp"

#include <cmath>

#include "engine/common/utf8.hpp"

namespace mlkg {

namespace {

Json string_json(std::string_view s) { return Json(utf8::make_valid(s)); }

// An object of the map's entries; a null map (an entity without properties)
// is {}. The keys of a ValueMap are unique already: they are appended
// without the ordered map's linear search for each (a map of n keys costs
// O(n), not O(n^2)).
Json map_json(const ValueMap* map) {
  Json out = Json::object();
  if (map) {
    auto& entries = static_cast<Json::object_t::Container&>(out.get_ref<Json::object_t&>());
    entries.reserve(map->size());
    for (const auto& [key, value] : *map) entries.emplace_back(utf8::make_valid(key), to_json(value));
  }
  return out;
}

Json node_json(const NodeValue& node) {
  Json labels = Json::array();
  if (node.data)
    for (const auto& l : node.data->labels) labels.push_back(string_json(l));
  Json body = Json::object();
  body["id"] = node.id;
  body["labels"] = std::move(labels);
  body["properties"] = map_json(node.data ? node.data->properties.get() : nullptr);
  return Json{{"~node", std::move(body)}};
}

Json rel_json(const RelValue& rel) {
  Json body = Json::object();
  body["id"] = rel.id;
  body["type"] = rel.data && !rel.data->labels.empty() ? string_json(rel.data->labels.front()) : Json();
  body["start"] = rel.data ? Json(rel.data->start) : Json();
  body["end"] = rel.data ? Json(rel.data->end) : Json();
  body["properties"] = map_json(rel.data ? rel.data->properties.get() : nullptr);
  return Json{{"~rel", std::move(body)}};
}

// nodes[0], then rels[i - 1] and nodes[i] for each further node: each
// relationship keeps its own start and end, so a reader sees which way it
// points along the path.
Json path_json(const PathValue& path) {
  Json items = Json::array();
  for (size_t i = 0; i < path.nodes.size(); ++i) {
    if (i > 0 && i - 1 < path.rels.size()) items.push_back(rel_json(path.rels[i - 1]));
    items.push_back(node_json(path.nodes[i]));
  }
  return Json{{"~path", std::move(items)}};
}

}  // namespace

Json to_json(const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull: return Json();
    case Value::Type::kBool: return Json(v.as_bool());
    case Value::Type::kInt: return Json(v.as_int());
    case Value::Type::kFloat: return Json(v.as_float());
    case Value::Type::kString: return string_json(v.as_string());
    case Value::Type::kList: {
      Json out = Json::array();
      for (const Value& item : v.as_list()) out.push_back(to_json(item));
      return out;
    }
    case Value::Type::kMap: return map_json(&v.as_map());
    case Value::Type::kNode: return node_json(v.as_node());
    case Value::Type::kRelationship: return rel_json(v.as_relationship());
    case Value::Type::kPath: return path_json(v.as_path());
  }
  return Json();
}

void write_json(const Json& doc, std::string* out) {
  switch (doc.type()) {
    case Json::value_t::object: {
      *out += '{';
      bool first = true;
      for (const auto& [key, value] : doc.items()) {
        if (!first) *out += ", ";
        first = false;
        *out += Json(key).dump();
        *out += ": ";
        write_json(value, out);
      }
      *out += '}';
      return;
    }
    case Json::value_t::array: {
      *out += '[';
      bool first = true;
      for (const Json& item : doc) {
        if (!first) *out += ", ";
        first = false;
        write_json(item, out);
      }
      *out += ']';
      return;
    }
    // The trivial scalars directly, without a string of their own each.
    case Json::value_t::null: *out += "null"; return;
    case Json::value_t::boolean: *out += doc.get<bool>() ? "true" : "false"; return;
    case Json::value_t::number_integer: *out += std::to_string(doc.get<int64_t>()); return;
    case Json::value_t::number_unsigned: *out += std::to_string(doc.get<uint64_t>()); return;
    case Json::value_t::number_float: {
      const double d = doc.get<double>();
      if (std::isnan(d)) {
        *out += "NaN";
        return;
      }
      if (std::isinf(d)) {
        *out += d < 0 ? "-Infinity" : "Infinity";
        return;
      }
      break;
    }
    default: break;
  }
  *out += doc.dump(-1, ' ', false, Json::error_handler_t::strict);
}

}  // namespace mlkg

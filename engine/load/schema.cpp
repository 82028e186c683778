#include "engine/load/schema.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "engine/load/pg_parser.hpp"

namespace mlkg::load {

namespace {

using Json = nlohmann::json;

bool parse_type(std::string_view text, PropertyType* type, bool* required) {
  *required = !text.empty() && text.back() == '!';
  if (*required) text.remove_suffix(1);
  type->list = false;
  if (text.size() > 6 && text.substr(0, 5) == "LIST<" && text.back() == '>') {
    type->list = true;
    text = text.substr(5, text.size() - 6);
  }
  if (text == "STRING") type->base = PropertyType::Base::kString;
  else if (text == "INTEGER") type->base = PropertyType::Base::kInteger;
  else if (text == "FLOAT") type->base = PropertyType::Base::kFloat;
  else if (text == "NUMBER") type->base = PropertyType::Base::kNumber;
  else if (text == "BOOLEAN") type->base = PropertyType::Base::kBoolean;
  else return false;
  return true;
}

const char* base_name(PropertyType::Base b) {
  switch (b) {
    case PropertyType::Base::kString: return "STRING";
    case PropertyType::Base::kInteger: return "INTEGER";
    case PropertyType::Base::kFloat: return "FLOAT";
    case PropertyType::Base::kNumber: return "NUMBER";
    case PropertyType::Base::kBoolean: return "BOOLEAN";
  }
  return "?";
}

std::vector<std::string> strings(const std::vector<Value>& values) {
  std::vector<std::string> out;
  for (const Value& v : values) out.push_back(v.is_string() ? v.as_string() : v.to_literal());
  return out;
}

// Turns schema statements into rules.
class SchemaBuilder final : public PgSink {
 public:
  SchemaBuilder(Schema* out, std::vector<LabelRule>* labels, std::vector<TypeRule>* types, const std::string& source,
                std::string_view text)
      : labels_(labels), types_(types), source_(source), text_(text) {
    (void)out;
  }

  Status on_edge(const pg::PgEdge& edge) override {
    return error(edge.location, "a schema declares labels and types; it has no edges");
  }

  Status on_node(const pg::PgNode& node) override {
    bool is_label = std::find(node.labels.begin(), node.labels.end(), "NodeLabel") != node.labels.end();
    bool is_type = std::find(node.labels.begin(), node.labels.end(), "RelationshipType") != node.labels.end();
    if (is_label == is_type || node.labels.size() != 1)
      return error(node.location,
                   "a schema statement is `label:<Name> :NodeLabel ...` or `type:<NAME> :RelationshipType ...`");
    std::string prefix = is_label ? "label:" : "type:";
    if (node.id.rfind(prefix, 0) != 0 || node.id.size() == prefix.size())
      return error(node.location, "the id of this statement must be " + prefix + "<name>");
    std::string name = node.id.substr(prefix.size());
    std::vector<PropertyRule> props;
    std::vector<std::pair<std::string, std::vector<std::string>>> allowed;
    std::string description;
    std::vector<std::string> from, to;
    for (const pg::PgProperty& p : node.properties) {
      if (p.key == "description") {
        description = strings(p.values).front();
      } else if (p.key.rfind("prop.", 0) == 0 && p.key.size() > 5) {
        PropertyRule rule;
        rule.key = p.key.substr(5);
        if (p.values.size() != 1 || !p.values[0].is_string() ||
            !parse_type(p.values[0].as_string(), &rule.type, &rule.required))
          return error(p.location, "the type of '" + rule.key +
                                       "' must be STRING, INTEGER, FLOAT, NUMBER, BOOLEAN or LIST<...> of those, "
                                       "with ! when required");
        props.push_back(std::move(rule));
      } else if (p.key.rfind("values.", 0) == 0 && p.key.size() > 7) {
        allowed.emplace_back(p.key.substr(7), strings(p.values));
      } else if (is_type && p.key == "from") {
        from = strings(p.values);
      } else if (is_type && p.key == "to") {
        to = strings(p.values);
      } else {
        return error(p.location, "unknown schema property '" + p.key + "' (expected description, prop.<key>, " +
                                     "values.<key>" + (is_type ? ", from or to" : "") + ")");
      }
    }
    for (auto& entry : allowed) {
      const std::string& key = entry.first;
      auto& values = entry.second;
      // (not a structured binding: clang 14 cannot capture one in a lambda)
      auto it = std::find_if(props.begin(), props.end(), [&](const PropertyRule& r) { return r.key == key; });
      if (it == props.end())
        return error(node.location, "values." + key + " is given but prop." + key + " is not declared");
      it->allowed = std::move(values);
    }
    if (is_label) {
      if (std::any_of(labels_->begin(), labels_->end(), [&](const LabelRule& l) { return l.name == name; }))
        return error(node.location, "the label " + name + " is declared twice");
      labels_->push_back({name, description, std::move(props)});
    } else {
      if (std::any_of(types_->begin(), types_->end(), [&](const TypeRule& t) { return t.name == name; }))
        return error(node.location, "the type " + name + " is declared twice");
      types_->push_back({name, description, std::move(from), std::move(to), std::move(props)});
      type_locations_.push_back(node.location);
    }
    return Status();
  }

  // Every label a type names must be declared.
  Status finish() {
    for (size_t i = 0; i < types_->size(); ++i) {
      const TypeRule& t = (*types_)[i];
      for (const auto* list : {&t.from, &t.to})
        for (const auto& l : *list)
          if (std::none_of(labels_->begin(), labels_->end(), [&](const LabelRule& r) { return r.name == l; }))
            return error(type_locations_[i], "the type " + t.name + " names the label " + l + ", which is not declared");
    }
    return Status();
  }

 private:
  Status error(pg::SourceLocation loc, const std::string& message) const {
    PgError err;
    err.source_name = source_;
    err.location = loc;
    err.message = message;
    size_t start = 0;
    for (size_t line = 1; line < loc.line && start != std::string_view::npos; ++line) {
      start = text_.find('\n', start);
      if (start != std::string_view::npos) ++start;
    }
    if (start != std::string_view::npos) {
      size_t end = text_.find_first_of("\r\n", start);
      err.line_text = std::string(text_.substr(start, end == std::string_view::npos ? end : end - start));
    }
    return Status::invalid_argument(err.to_string());
  }

  std::vector<LabelRule>* labels_;
  std::vector<TypeRule>* types_;
  std::vector<pg::SourceLocation> type_locations_;
  std::string source_;
  std::string_view text_;
};

Json rules_json(const std::vector<PropertyRule>& rules) {
  Json out = Json::array();
  for (const auto& r : rules)
    out.push_back({{"key", r.key}, {"type", r.type.name()}, {"required", r.required}, {"allowed", r.allowed}});
  return out;
}

bool rules_from_json(const Json& j, std::vector<PropertyRule>* out) {
  if (!j.is_array()) return false;
  for (const auto& e : j) {
    PropertyRule r;
    bool required;
    if (!e.is_object() || !e.contains("key") || !e.contains("type")) return false;
    r.key = e["key"].get<std::string>();
    if (!parse_type(e["type"].get<std::string>(), &r.type, &required)) return false;
    r.required = e.value("required", false);
    if (e.contains("allowed")) r.allowed = e["allowed"].get<std::vector<std::string>>();
    out->push_back(std::move(r));
  }
  return true;
}

}  // namespace

std::string PropertyType::name() const {
  std::string b = base_name(base);
  return list ? "LIST<" + b + ">" : b;
}

Status Schema::parse(std::string_view text, const std::string& source_name, Schema* out) {
  *out = Schema();
  SchemaBuilder builder(out, &out->labels_, &out->types_, source_name, text);
  PgParseOptions options;
  options.source_name = source_name;
  PgError error;
  Status s = parse_pg(text, builder, options, &error);
  if (!s.ok()) return error.message.empty() ? s : Status::invalid_argument(error.to_string());
  return builder.finish();
}

const LabelRule* Schema::label(std::string_view name) const {
  for (const auto& l : labels_)
    if (l.name == name) return &l;
  return nullptr;
}

const TypeRule* Schema::type(std::string_view name) const {
  for (const auto& t : types_)
    if (t.name == name) return &t;
  return nullptr;
}

const PropertyRule* Schema::node_property(const std::vector<std::string>& labels, std::string_view key) const {
  for (const auto& l : labels)
    if (const LabelRule* rule = label(l))
      for (const auto& p : rule->properties)
        if (p.key == key) return &p;
  return nullptr;
}

bool Schema::conform(const PropertyRule& rule, const std::vector<Value>& values, Value* out, std::string* error) {
  auto element = [&](const Value& v, Value* stored) -> bool {
    bool ok = false;
    switch (rule.type.base) {
      case PropertyType::Base::kString: ok = v.is_string(); break;
      case PropertyType::Base::kInteger: ok = v.is_int(); break;
      case PropertyType::Base::kBoolean: ok = v.is_bool(); break;
      case PropertyType::Base::kNumber: ok = v.is_number(); break;
      case PropertyType::Base::kFloat:
        ok = v.is_number();
        if (v.is_int()) {
          *stored = Value(static_cast<double>(v.as_int()));
          return true;
        }
        break;
    }
    if (!ok) {
      *error = "the property '" + rule.key + "' takes " + rule.type.name() + ", not " + type_name(v.type()) + " " +
               v.to_literal();
      return false;
    }
    if (!rule.allowed.empty() &&
        std::find(rule.allowed.begin(), rule.allowed.end(), v.is_string() ? v.as_string() : v.to_literal()) ==
            rule.allowed.end()) {
      std::string list;
      for (const auto& a : rule.allowed) list += (list.empty() ? "" : ", ") + a;
      *error = "the property '" + rule.key + "' cannot be " + v.to_literal() + " (it takes one of " + list + ")";
      return false;
    }
    *stored = v;
    return true;
  };
  if (!rule.type.list) {
    if (values.size() != 1) {
      *error = "the property '" + rule.key + "' takes one " + rule.type.name() + ", not " +
               std::to_string(values.size()) + " values";
      return false;
    }
    return element(values[0], out);
  }
  ValueList list;
  for (const Value& v : values) {
    Value stored;
    if (!element(v, &stored)) return false;
    list.push_back(std::move(stored));
  }
  *out = Value(std::move(list));
  return true;
}

std::string Schema::to_json() const {
  Json j = {{"labels", Json::array()}, {"types", Json::array()}};
  for (const auto& l : labels_)
    j["labels"].push_back({{"name", l.name}, {"description", l.description}, {"properties", rules_json(l.properties)}});
  for (const auto& t : types_)
    j["types"].push_back({{"name", t.name},
                          {"description", t.description},
                          {"from", t.from},
                          {"to", t.to},
                          {"properties", rules_json(t.properties)}});
  return j.dump();
}

Status Schema::from_json(std::string_view text, Schema* out) {
  *out = Schema();
  Json j = Json::parse(text, nullptr, false);
  auto bad = [] { return Status::corruption("the stored schema does not decode"); };
  if (j.is_discarded() || !j.is_object() || !j.contains("labels") || !j.contains("types")) return bad();
  try {
    for (const auto& l : j["labels"]) {
      LabelRule r;
      r.name = l.at("name").get<std::string>();
      r.description = l.value("description", "");
      if (!rules_from_json(l.at("properties"), &r.properties)) return bad();
      out->labels_.push_back(std::move(r));
    }
    for (const auto& t : j["types"]) {
      TypeRule r;
      r.name = t.at("name").get<std::string>();
      r.description = t.value("description", "");
      r.from = t.at("from").get<std::vector<std::string>>();
      r.to = t.at("to").get<std::vector<std::string>>();
      if (!rules_from_json(t.at("properties"), &r.properties)) return bad();
      out->types_.push_back(std::move(r));
    }
  } catch (const Json::exception&) {
    return bad();
  }
  return Status();
}

}  // namespace mlkg::load

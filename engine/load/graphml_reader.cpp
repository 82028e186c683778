#include "engine/load/graphml_reader.hpp"

#include <expat.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "engine/load/source_line.hpp"

namespace mlkg::load {

namespace {

struct Key {
  std::string name;
  std::string type = "string";
  std::string domain;  // node, edge, graph, all
  std::optional<std::string> fallback;  // <default>
  bool skipped = false;  // yEd graphics
};

struct Data {
  std::string key;
  std::string text;
  bool has_elements = false;
  pg::SourceLocation location;
};

struct Element {
  std::string id;
  std::string source, target;  // edges
  std::optional<bool> directed;
  std::vector<Data> data;
  pg::SourceLocation location;
};

// What the GraphML document holds, as read: keys, nodes, edges, graph data.
struct Document {
  std::map<std::string, Key> keys;  // by key id
  std::vector<Element> nodes, edges;
  std::vector<Data> graph_data;
  bool directed_default = true;
};

// The expat callbacks' state.
class Collector {
 public:
  Collector(XML_Parser parser, Document* doc) : parser_(parser), doc_(doc) {}

  void start(const std::string& name, const XML_Char** attrs) {
    ++depth_;
    if (data_) {  // an element inside <data>: not a value this reader takes
      data_->has_elements = true;
      return;
    }
    auto attr = [&](const char* n) -> std::optional<std::string> {
      for (size_t i = 0; attrs[i]; i += 2)
        if (std::string_view(attrs[i]) == n) return std::string(attrs[i + 1]);
      return std::nullopt;
    };
    if (name == "key") {
      Key k;
      k.name = attr("attr.name").value_or("");
      k.type = attr("attr.type").value_or("string");
      k.domain = attr("for").value_or("all");
      k.skipped = attr("yfiles.type").has_value();
      key_ = attr("id").value_or("");
      if (k.name.empty()) k.name = *key_;
      doc_->keys[*key_] = std::move(k);
    } else if (name == "default" && key_) {
      in_default_ = true;
      default_text_.clear();
    } else if (name == "graph") {
      if (graph_depth_ > 0 || element_) fail("nested graphs are not supported; mlkg reads one flat graph");
      graph_depth_ = depth_;
      doc_->directed_default = attr("edgedefault").value_or("directed") != "undirected";
    } else if (name == "node" && graph_depth_) {
      doc_->nodes.push_back(Element{attr("id").value_or(""), "", "", std::nullopt, {}, here()});
      element_ = &doc_->nodes.back();
      if (element_->id.empty()) fail("a node without an id");
    } else if (name == "edge" && graph_depth_) {
      Element e{attr("id").value_or(""), attr("source").value_or(""), attr("target").value_or(""), std::nullopt, {}, here()};
      if (auto d = attr("directed")) e.directed = *d != "false";
      doc_->edges.push_back(std::move(e));
      element_ = &doc_->edges.back();
      if (element_->source.empty() || element_->target.empty()) fail("an edge needs a source and a target");
    } else if (name == "hyperedge") {
      fail("hyperedges are not supported");
    } else if (name == "data") {
      std::vector<Data>* into = element_ ? &element_->data : graph_depth_ ? &doc_->graph_data : nullptr;
      if (into) {
        into->push_back(Data{attr("key").value_or(""), "", false, here()});
        data_ = &into->back();
        data_depth_ = depth_;
      }
    }
  }

  void end(const std::string& name) {
    if (data_ && depth_ == data_depth_) data_ = nullptr;
    else if (name == "key") key_.reset();
    else if (name == "default" && in_default_) {
      if (key_) doc_->keys[*key_].fallback = default_text_;
      in_default_ = false;
    } else if ((name == "node" || name == "edge") && !data_) element_ = nullptr;
    else if (name == "graph" && depth_ == graph_depth_) graph_depth_ = 0;
    --depth_;
  }

  void text(std::string_view s) {
    if (data_ && depth_ == data_depth_) data_->text.append(s);
    else if (in_default_) default_text_.append(s);
  }

  const std::optional<std::pair<std::string, pg::SourceLocation>>& failure() const { return failure_; }

 private:
  pg::SourceLocation here() const {
    return {XML_GetCurrentLineNumber(parser_), XML_GetCurrentColumnNumber(parser_) + 1};
  }
  void fail(const std::string& message) {
    if (!failure_) failure_ = {message, here()};
    XML_StopParser(parser_, XML_FALSE);
  }

  XML_Parser parser_;
  Document* doc_;
  int depth_ = 0;
  int graph_depth_ = 0;
  Element* element_ = nullptr;  // stable: vectors only grow between elements
  Data* data_ = nullptr;
  int data_depth_ = 0;
  std::optional<std::string> key_;
  bool in_default_ = false;
  std::string default_text_;
  std::optional<std::pair<std::string, pg::SourceLocation>> failure_;
};

extern "C" void on_start(void* user, const XML_Char* name, const XML_Char** attrs) {
  static_cast<Collector*>(user)->start(name, attrs);
}
extern "C" void on_end(void* user, const XML_Char* name) { static_cast<Collector*>(user)->end(name); }
extern "C" void on_text(void* user, const XML_Char* s, int len) {
  static_cast<Collector*>(user)->text(std::string_view(s, static_cast<size_t>(len)));
}

// The kinds of value the mlkg description names.
enum class Kind { kBool, kLong, kDouble, kString, kList };

std::optional<Kind> kind_named(std::string_view s) {
  if (s == "boolean") return Kind::kBool;
  if (s == "int" || s == "long") return Kind::kLong;
  if (s == "float" || s == "double") return Kind::kDouble;
  if (s == "string") return Kind::kString;
  if (s == "list") return Kind::kList;
  return std::nullopt;
}

bool parse_double(const std::string& s, double* out) {
  if (s == "NaN" || s == "nan") return *out = std::nan(""), true;
  if (s == "INF" || s == "Infinity" || s == "inf") return *out = HUGE_VAL, true;
  if (s == "-INF" || s == "-Infinity" || s == "-inf") return *out = -HUGE_VAL, true;
  if (s.empty()) return false;
  char* end = nullptr;
  errno = 0;
  *out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && errno == 0;
}

bool parse_long(const std::string& s, int64_t* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  errno = 0;
  *out = std::strtoll(s.c_str(), &end, 10);
  return end == s.c_str() + s.size() && errno == 0;
}

// A JSON array of scalars as values; false if it is not one.
bool parse_list(const std::string& s, std::vector<Value>* out) {
  nlohmann::json j = nlohmann::json::parse(s, nullptr, false);
  if (!j.is_array()) return false;
  for (const auto& e : j) {
    if (e.is_boolean()) out->emplace_back(e.get<bool>());
    else if (e.is_number_integer()) out->emplace_back(e.get<int64_t>());
    else if (e.is_number()) out->emplace_back(e.get<double>());
    else if (e.is_string()) out->emplace_back(e.get<std::string>());
    else return false;
  }
  return true;
}

// Reads the text of one value as `kind`; false if it does not parse.
bool decode(const std::string& text, Kind kind, std::vector<Value>* out) {
  out->clear();
  switch (kind) {
    case Kind::kBool:
      if (text == "true" || text == "True" || text == "1") out->emplace_back(true);
      else if (text == "false" || text == "False" || text == "0") out->emplace_back(false);
      else return false;
      return true;
    case Kind::kLong: {
      int64_t v;
      if (!parse_long(text, &v)) return false;
      out->emplace_back(v);
      return true;
    }
    case Kind::kDouble: {
      double v;
      if (!parse_double(text, &v)) return false;
      out->emplace_back(v);
      return true;
    }
    case Kind::kString: out->emplace_back(text); return true;
    case Kind::kList: return parse_list(text, out);
  }
  return false;
}

// How values of one key read, by the mlkg description (or the key's type).
struct KeyReading {
  Kind kind = Kind::kString;
  std::unordered_map<std::string, Kind> except;  // element id -> kind
};

class Converter {
 public:
  Converter(const Document& doc, std::string_view text, const PgParseOptions& options, PgError* error)
      : doc_(doc), text_(text), options_(options), error_(error) {}

  Status run(PgSink& sink) {
    MLKG_RETURN_IF_ERROR(read_description());
    // Node ids: the `id` key where present, else the GraphML id.
    std::unordered_map<std::string, std::string> pg_id;  // GraphML id -> PG id
    std::unordered_map<std::string, const Element*> owner;  // PG id -> node
    std::vector<std::optional<std::string>> own_id(doc_.nodes.size());
    for (size_t i = 0; i < doc_.nodes.size(); ++i) {
      const Element& n = doc_.nodes[i];
      std::string id = n.id;
      for_each_value(n, "node", [&](const Key& key, const Data* d, const std::string& text) {
        if (key.name == "id") id = text, own_id[i] = text;
        (void)d;
      });
      if (pg_id.count(n.id)) return fail(n.location, "a second node with the GraphML id '" + n.id + "'");
      auto [it, fresh] = owner.emplace(id, &n);
      if (!fresh)
        return fail(n.location, "two nodes have the id '" + id + "' (the other is on line " +
                                    std::to_string(it->second->location.line) + ")");
      pg_id.emplace(n.id, id);
    }
    pg::PgNode node;
    for (const Element& n : doc_.nodes) {
      node.clear();
      node.id = pg_id.at(n.id);
      node.location = n.location;
      auto exact = exact_labels_.find(n.id);
      Status status;
      for_each_value(n, "node", [&](const Key& key, const Data* d, const std::string& text) {
        if (!status.ok()) return;
        const pg::SourceLocation at = d ? d->location : n.location;
        if (key.name == "id") return;
        if (key.name == "labels") {
          if (exact != exact_labels_.end()) return;
          for (size_t i = 0; i < text.size();) {
            const size_t next = std::min(text.find(':', i), text.size());
            if (next > i) node.labels.push_back(text.substr(i, next - i)), node.label_locations.push_back(at);
            i = next + 1;
          }
          return;
        }
        if (key.name == "label" && caption_) return;
        status = add_property(&node.properties, "node", key, n.id, text, at);
      });
      MLKG_RETURN_IF_ERROR(status);
      if (exact != exact_labels_.end())
        for (const std::string& l : exact->second) node.labels.push_back(l), node.label_locations.push_back(n.location);
      MLKG_RETURN_IF_ERROR(sink.on_node(node));
    }
    pg::PgEdge edge;
    for (const Element& e : doc_.edges) {
      edge.clear();
      edge.location = edge.from_location = edge.to_location = e.location;
      auto from = pg_id.find(e.source), to = pg_id.find(e.target);
      edge.from = from == pg_id.end() ? e.source : from->second;
      edge.to = to == pg_id.end() ? e.target : to->second;
      edge.directed = e.directed.value_or(doc_.directed_default) && !undirected_.count(e.id);
      Status status;
      for_each_value(e, "edge", [&](const Key& key, const Data* d, const std::string& text) {
        if (!status.ok()) return;
        const pg::SourceLocation at = d ? d->location : e.location;
        if (key.name == "label") {
          edge.labels.push_back(text);
          edge.label_locations.push_back(at);
          return;
        }
        status = add_property(&edge.properties, "edge", key, e.id, text, at);
      });
      MLKG_RETURN_IF_ERROR(status);
      MLKG_RETURN_IF_ERROR(sink.on_edge(edge));
    }
    return Status();
  }

 private:
  // Calls fn(key, data or null for a default, text) for every value the
  // element has, keys the reader skips left out.
  template <typename Fn>
  void for_each_value(const Element& e, const char* domain, Fn fn) const {
    std::unordered_set<std::string> seen;
    for (const Data& d : e.data) {
      auto k = doc_.keys.find(d.key);
      if (k == doc_.keys.end() || k->second.skipped || d.has_elements) continue;
      if (k->second.domain != domain && k->second.domain != "all") continue;
      seen.insert(d.key);
      fn(k->second, &d, d.text);
    }
    for (const auto& [id, k] : doc_.keys)
      if (k.fallback && !k.skipped && !seen.count(id) && (k.domain == domain || k.domain == "all"))
        fn(k, nullptr, *k.fallback);
  }

  Status add_property(std::vector<pg::PgProperty>* props, const std::string& domain, const Key& key,
                      const std::string& element, const std::string& text, pg::SourceLocation at) {
    pg::PgProperty p;
    auto renamed = renamed_[domain].find(key.name);
    p.key = renamed == renamed_[domain].end() ? key.name : renamed->second;
    p.location = at;
    Kind kind = kind_named(key.type).value_or(Kind::kString);
    auto reading = readings_[domain].find(key.name);
    if (reading != readings_[domain].end()) {
      kind = reading->second.kind;
      auto ex = reading->second.except.find(element);
      if (ex != reading->second.except.end()) kind = ex->second;
    }
    if (!decode(text, kind, &p.values)) {
      static constexpr const char* kNames[] = {"boolean", "long", "double", "string", "list"};
      return fail(at, "the value '" + text + "' of the key '" + key.name + "' is not a " +
                          kNames[static_cast<int>(kind)]);
    }
    p.list = kind == Kind::kList;
    props->push_back(std::move(p));
    return Status();
  }

  // The graph data `mlkg`, if the file has it (graphml_writer.hpp).
  Status read_description() {
    for (const Data& d : doc_.graph_data) {
      auto k = doc_.keys.find(d.key);
      if (k == doc_.keys.end() || k->second.name != "mlkg") continue;
      nlohmann::json j = nlohmann::json::parse(d.text, nullptr, false);
      if (!j.is_object() || !j.contains("mlkg"))
        return fail(d.location, "the graph's mlkg data is not the description mlkg writes");
      caption_ = j.value("caption", "") == "label";
      for (const char* domain : {"node", "edge"}) {
        if (j.contains("keys") && j["keys"].contains(domain))
          for (const auto& entry : j["keys"][domain].items()) {
            // Not a structured binding: clang 14 (the fuzz build) cannot
            // capture one in the lambda below.
            const std::string name = entry.key();
            const auto& desc = entry.value();
            KeyReading r;
            auto key = std::find_if(doc_.keys.begin(), doc_.keys.end(), [&](const auto& kv) {
              return kv.second.name == name && (kv.second.domain == domain || kv.second.domain == "all");
            });
            if (key != doc_.keys.end()) r.kind = kind_named(key->second.type).value_or(Kind::kString);
            if (desc.contains("as")) r.kind = kind_named(desc["as"].get<std::string>()).value_or(r.kind);
            if (desc.contains("except"))
              for (const auto& [kind, ids] : desc["except"].items())
                for (const auto& id : ids) r.except[id.get<std::string>()] = kind_named(kind).value_or(Kind::kString);
            readings_[domain][name] = std::move(r);
          }
        if (j.contains("renamed") && j["renamed"].contains(domain))
          for (const auto& [written, original] : j["renamed"][domain].items())
            renamed_[domain][written] = original.get<std::string>();
      }
      if (j.contains("labels"))
        for (const auto& [id, labels] : j["labels"].items())
          exact_labels_[id] = labels.get<std::vector<std::string>>();
      if (j.contains("undirected"))
        for (const auto& id : j["undirected"]) undirected_.insert(id.get<std::string>());
    }
    return Status();
  }

  Status fail(pg::SourceLocation at, std::string message) const {
    PgError e;
    e.source_name = options_.source_name;
    e.location = at;
    e.message = std::move(message);
    e.line_text = source_line(text_, at.line);
    if (error_) *error_ = e;
    return Status::invalid_argument(e.to_string());
  }

  const Document& doc_;
  std::string_view text_;
  const PgParseOptions& options_;
  PgError* error_;
  bool caption_ = false;
  std::map<std::string, std::unordered_map<std::string, KeyReading>> readings_;  // domain -> key name -> reading
  std::map<std::string, std::unordered_map<std::string, std::string>> renamed_;  // domain -> written -> original
  std::unordered_map<std::string, std::vector<std::string>> exact_labels_;
  std::unordered_set<std::string> undirected_;
};

}  // namespace

Status parse_graphml(std::string_view text, PgSink& sink, const PgParseOptions& options, PgError* error) {
  Document doc;
  // No encoding forced: expat follows the document's declaration (UTF-8,
  // UTF-16, ISO-8859-1, US-ASCII) and hands over UTF-8 whatever it was.
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> parser(XML_ParserCreate(nullptr),
                                                                                        &XML_ParserFree);
  if (!parser) return Status::io_error("cannot create an XML parser");
  // Elements are collected in vectors that only grow; pointers into them
  // are taken only for the element being read, so reserve is not needed.
  Collector collector(parser.get(), &doc);
  XML_SetUserData(parser.get(), &collector);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  auto fail = [&](pg::SourceLocation at, const std::string& message) {
    PgError e;
    e.source_name = options.source_name;
    e.location = at;
    e.message = message;
    e.line_text = source_line(text, at.line);
    if (error) *error = e;
    return Status::invalid_argument(e.to_string());
  };
  // In slices, so progress can be reported and no size overflows an int.
  constexpr size_t kSlice = 1 << 20;
  for (size_t done = 0;;) {
    const size_t n = std::min(kSlice, text.size() - done);
    const bool last = done + n == text.size();
    if (XML_Parse(parser.get(), text.data() + done, static_cast<int>(n), last) != XML_STATUS_OK) {
      if (collector.failure()) return fail(collector.failure()->second, collector.failure()->first);
      return fail({XML_GetCurrentLineNumber(parser.get()), XML_GetCurrentColumnNumber(parser.get()) + 1},
                  std::string("not well-formed XML: ") + XML_ErrorString(XML_GetErrorCode(parser.get())));
    }
    done += n;
    if (options.progress) options.progress(done);
    if (last) break;
  }
  // A value under a key no <key> declares has no name to be stored by:
  // dropping it would lose data without a word.
  auto undeclared = [&](const std::vector<Data>& data) -> const Data* {
    for (const Data& d : data)
      if (!doc.keys.count(d.key)) return &d;
    return nullptr;
  };
  std::vector<const std::vector<Data>*> all_data = {&doc.graph_data};
  for (const auto* elements : {&doc.nodes, &doc.edges})
    for (const Element& e : *elements) all_data.push_back(&e.data);
  for (const auto* data : all_data)
    if (const Data* d = undeclared(*data))
      return fail(d->location, d->key.empty() ? std::string("a <data> element without a key attribute")
                                              : "the <data> element's key '" + d->key +
                                                    "' is declared by no <key> element (<key id=\"" + d->key +
                                                    "\" for=\"node\" attr.name=\"...\"/>)");
  if (doc.nodes.empty() && doc.edges.empty() && doc.keys.empty())
    return fail({1, 1}, "no GraphML graph found (expected <graphml> with <graph>, <node> and <edge> elements)");
  return Converter(doc, text, options, error).run(sink);
}

}  // namespace mlkg::load

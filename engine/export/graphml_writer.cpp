#include "engine/export/graphml_writer.hpp"

#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <streambuf>

// GCC 12 warns that Boost's adj_list_edge_iterator (which write_graphml
// walks) may read its boost::optional edge range uninitialised; it only reads
// it after setting it. Off for Boost's graph headers alone, read here first.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include "engine/export/format_util.hpp"

namespace mlkg::exporter {

namespace {

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                         boost::property<boost::edge_index_t, size_t>>;
using Vertex = boost::graph_traits<BoostGraph>::vertex_descriptor;
using Edge = boost::graph_traits<BoostGraph>::edge_descriptor;

// Marks a <data> that must not be written: the element lacks the property.
// A control character XML 1.0 forbids, so no written value can contain it.
constexpr char kAbsent = '\x1F';

// The kinds of stored values, in the order that breaks ties between equally
// common kinds of one key.
enum Kind : int { kBool, kLong, kDouble, kString, kList, kKinds };
constexpr std::array<const char*, kKinds> kKindNames = {"boolean", "long", "double", "string", "list"};

// One GraphML key: a property (or a convention such as `labels`) over every
// node or every edge.
struct Column {
  std::vector<std::string> text;  // per element, in the written form; kAbsent when missing
  std::vector<int8_t> kind;       // per element; -1 when missing
  std::array<uint64_t, kKinds> counts{};
  const std::type_info* type = &typeid(std::string);
  Kind natural = kString;   // the kind attr.type reads back as
  Kind decode_as = kString; // the kind most values have

  void set(size_t element, std::string value, Kind k) {
    if (text.size() <= element) {
      text.resize(element + 1, std::string(1, kAbsent));
      kind.resize(element + 1, -1);
    }
    text[element] = std::move(value);
    kind[element] = static_cast<int8_t>(k);
    ++counts[k];
  }
  void finish(size_t elements) {
    text.resize(elements, std::string(1, kAbsent));
    kind.resize(elements, -1);
    int present = 0;
    for (int k = 0; k < kKinds; ++k) present += counts[k] ? 1 : 0;
    decode_as = kString;
    uint64_t best = 0;
    for (int k = 0; k < kKinds; ++k)
      if (counts[k] > best) best = counts[k], decode_as = static_cast<Kind>(k);
    if (present == 1 && decode_as != kList) natural = decode_as;
    else if (present == 2 && counts[kLong] && counts[kDouble]) natural = kDouble;
    else natural = kString;
    switch (natural) {
      case kBool: type = &typeid(bool); break;
      case kLong: type = &typeid(long); break;
      case kDouble: type = &typeid(double); break;
      default: type = &typeid(std::string); break;
    }
  }
};

// Boost's view of a Column: the writer asks it for each element's text.
class ColumnMap final : public boost::dynamic_property_map {
 public:
  ColumnMap(const Column& column, bool vertices, const BoostGraph& g) : column_(column), vertices_(vertices), g_(g) {}
  boost::any get(const boost::any& key) override { return get_string(key); }
  std::string get_string(const boost::any& key) override {
    const size_t i = vertices_ ? boost::any_cast<Vertex>(key) : boost::get(boost::edge_index, g_, boost::any_cast<Edge>(key));
    return column_.text[i];
  }
  void put(const boost::any&, const boost::any&) override {}  // the writer never puts
  const std::type_info& key() const override { return vertices_ ? typeid(Vertex) : typeid(Edge); }
  const std::type_info& value() const override { return *column_.type; }

 private:
  const Column& column_;
  bool vertices_;
  const BoostGraph& g_;
};

// The graph-level `mlkg` key.
class GraphDataMap final : public boost::dynamic_property_map {
 public:
  explicit GraphDataMap(std::string text) : text_(std::move(text)) {}
  boost::any get(const boost::any&) override { return text_; }
  std::string get_string(const boost::any&) override { return text_; }
  void put(const boost::any&, const boost::any&) override {}
  const std::type_info& key() const override { return typeid(BoostGraph*); }
  const std::type_info& value() const override { return typeid(std::string); }

 private:
  std::string text_;
};

// Passes Boost's output through, line by line, dropping every line that
// holds kAbsent (a whole <data> element for a missing property: such a value
// never spans lines) and writing CR as &#13; (Boost writes value text raw;
// it never writes a CR itself).
class AbsentFilter final : public std::streambuf {
 public:
  explicit AbsentFilter(std::ostream& out) : out_(out) {}
  ~AbsentFilter() override { flush_line(); }
  void flush_line() {
    if (line_.find(kAbsent) == std::string::npos) out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
    line_.clear();
  }

 protected:
  int_type overflow(int_type ch) override {
    if (ch == traits_type::eof()) return traits_type::not_eof(ch);
    const char c = traits_type::to_char_type(ch);
    if (c == '\r') {
      line_ += "&#13;";
    } else {
      line_ += c;
      if (c == '\n') flush_line();
    }
    return ch;
  }

 private:
  std::ostream& out_;
  std::string line_;
};

// Text XML 1.0 can carry: valid UTF-8 without the control characters it
// forbids (U+FFFD in their place, noted). Boost escapes & < > " '.
std::string xml_text(std::string_view s, Notes* notes) {
  std::string valid = valid_utf8(s, notes);
  for (char& c : valid) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      notes->add("strings held control characters XML cannot carry; they were written as '?'");
      c = '?';
    }
  }
  return valid;
}

std::string double_text(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "INF" : "-INF";
  return format_float(d);
}

// The written form and kind of a stored value.
std::pair<std::string, Kind> encode(const Value& v, Notes* notes) {
  switch (v.type()) {
    case Value::Type::kBool: return {v.as_bool() ? "true" : "false", kBool};
    case Value::Type::kInt: return {std::to_string(v.as_int()), kLong};
    case Value::Type::kFloat: return {double_text(v.as_float()), kDouble};
    case Value::Type::kString: return {xml_text(v.as_string(), notes), kString};
    case Value::Type::kList: return {xml_text(dump_json(value_to_json(v, notes)), notes), kList};
    default: return {std::string(1, kAbsent), kString};
  }
}

// `name`, or with underscores in front until no key of `taken` has it.
std::string free_name(std::string name, const std::map<std::string, Column>& taken) {
  do name = "_" + name;
  while (taken.count(name));
  return name;
}

}  // namespace

Status write_graphml(GraphView& graph, std::ostream& out, Notes* notes) {
  BoostGraph g;
  std::map<std::string, Column> node_columns, edge_columns;  // by property name
  Column labels_column, caption_column, type_column;
  nlohmann::json exact_labels = nlohmann::json::object();
  std::unordered_map<uint64_t, Vertex> vertex_of;
  uint64_t list_values = 0;

  MLKG_RETURN_IF_ERROR(graph.for_each_node([&](const ExportNode& n) {
    const Vertex v = boost::add_vertex(g);
    vertex_of.emplace(n.id, v);
    std::string labels;
    bool ambiguous = false;
    for (std::string_view l : n.labels) {
      labels += ":" + std::string(l);
      ambiguous = ambiguous || l.find(':') != std::string_view::npos || l.empty();
    }
    if (!n.labels.empty()) labels_column.set(v, xml_text(labels, notes), kString);
    if (ambiguous) {
      nlohmann::json list = nlohmann::json::array();
      for (std::string_view l : n.labels) list.push_back(valid_utf8(l, notes));
      exact_labels["n" + std::to_string(v)] = std::move(list);
      notes->add("nodes had a label containing ':', which the labels key cannot tell apart (mlkg reads it back exactly)");
    }
    caption_column.set(v, xml_text(caption(n), notes), kString);
    for (const ExportProperty& p : n.properties) {
      auto [text, kind] = encode(p.value, notes);
      if (kind == kList) ++list_values;
      node_columns[std::string(p.key)].set(v, std::move(text), kind);
    }
    return Status();
  }));
  std::vector<std::string> undirected;
  size_t edge_index = 0;
  MLKG_RETURN_IF_ERROR(graph.for_each_rel([&](const ExportRel& r) {
    boost::add_edge(vertex_of.at(r.start), vertex_of.at(r.end), edge_index, g);
    type_column.set(edge_index, xml_text(r.type, notes), kString);
    for (const ExportProperty& p : r.properties) {
      auto [text, kind] = encode(p.value, notes);
      if (kind == kList) ++list_values;
      edge_columns[std::string(p.key)].set(edge_index, std::move(text), kind);
    }
    if (r.undirected) undirected.push_back(std::to_string(edge_index));  // renumbered below
    ++edge_index;
    return Status();
  }));
  const size_t vertex_count = boost::num_vertices(g);

  // Boost numbers edges e0, e1, ... in the order edges(g) visits them (by
  // source vertex), not in insertion order: the description must use those.
  std::vector<size_t> boost_number(edge_index);
  {
    size_t k = 0;
    for (auto [e, end] = boost::edges(g); e != end; ++e) boost_number[boost::get(boost::edge_index, g, *e)] = k++;
  }
  auto element_id = [&](bool node, size_t i) {
    return (node ? "n" : "e") + std::to_string(node ? i : boost_number[i]);
  };

  // The conventions' keys, and the properties that must move out of their way.
  nlohmann::json description = {{"mlkg", 1}};
  nlohmann::json renamed = nlohmann::json::object();
  std::map<std::string, Column> node_keys, edge_keys;  // by written name
  const bool caption = !node_columns.count("label");
  for (auto& [name, column] : node_columns) {
    std::string written = name;
    if (name == "labels") {
      written = free_name(name, node_columns);
      renamed["node"][written] = name;
      notes->add("node properties called 'labels' were written as '" + written + "' (the key labels holds the labels)");
    }
    node_keys.emplace(written, std::move(column));
  }
  for (auto& [name, column] : edge_columns) {
    std::string written = name;
    if (name == "label") {
      written = free_name(name, edge_columns);
      renamed["edge"][written] = name;
      notes->add("relationship properties called 'label' were written as '" + written +
                 "' (the key label holds the type)");
    }
    edge_keys.emplace(written, std::move(column));
  }
  node_keys["labels"] = std::move(labels_column);
  if (caption) {
    node_keys["label"] = std::move(caption_column);
    description["caption"] = "label";
  }
  edge_keys["label"] = std::move(type_column);

  // Key types, and what mlkg needs to read the values back as they were.
  uint64_t retyped = 0;
  for (auto* keys : {&node_keys, &edge_keys}) {
    const bool node = keys == &node_keys;
    nlohmann::json described = nlohmann::json::object();
    for (auto& [name, column] : *keys) {
      column.finish(node ? vertex_count : edge_index);
      if (name == "labels" || (node && name == "label" && caption) || (!node && name == "label")) continue;
      nlohmann::json d = nlohmann::json::object();
      if (column.decode_as != column.natural) d["as"] = kKindNames[column.decode_as];
      nlohmann::json except = nlohmann::json::object();
      for (size_t i = 0; i < column.kind.size(); ++i) {
        if (column.kind[i] < 0 || column.kind[i] == column.decode_as) continue;
        except[kKindNames[column.kind[i]]].push_back(element_id(node, i));
      }
      for (int8_t k : column.kind)
        if (k >= 0 && k != column.natural && k != kList) ++retyped;
      if (!except.empty()) d["except"] = std::move(except);
      if (!d.empty()) described[name] = std::move(d);
    }
    if (!described.empty()) description["keys"][node ? "node" : "edge"] = std::move(described);
  }
  if (!renamed.empty()) description["renamed"] = std::move(renamed);
  if (!exact_labels.empty()) description["labels"] = std::move(exact_labels);
  if (!undirected.empty()) {
    nlohmann::json list = nlohmann::json::array();
    for (const std::string& i : undirected) list.push_back(element_id(false, std::stoull(i)));
    description["undirected"] = std::move(list);
    notes->add("undirected relationships were written as directed edges (mlkg reads them back as undirected)",
               undirected.size());
  }
  if (list_values)
    notes->add("list values were written as JSON text in string keys (mlkg reads them back as lists)", list_values);
  if (retyped)
    notes->add("values shared a key with values of another type and were written under that key's type (GraphML "
               "gives a key one type; mlkg reads them back as they were)",
               retyped);

  boost::dynamic_properties dp;
  // Boost writes attr.name as given, unescaped.
  for (auto& [name, column] : node_keys)
    dp.insert(xml_escape(name, notes), boost::shared_ptr<boost::dynamic_property_map>(new ColumnMap(column, true, g)));
  for (auto& [name, column] : edge_keys)
    dp.insert(xml_escape(name, notes), boost::shared_ptr<boost::dynamic_property_map>(new ColumnMap(column, false, g)));
  dp.insert("mlkg", boost::shared_ptr<boost::dynamic_property_map>(new GraphDataMap(dump_json(description))));

  {
    AbsentFilter filter(out);
    std::ostream filtered(&filter);
    boost::write_graphml(filtered, g, dp, true);
    filtered.flush();
  }
  return out ? Status() : Status::io_error("writing the export failed");
}

}  // namespace mlkg::exporter

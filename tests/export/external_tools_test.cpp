// The exports, read by the real tools they are for: Graphviz's dot renders
// the DOT export without a warning, and networkx reads the GraphML, GEXF and
// Cytoscape exports with the graph's node and edge counts and every node's
// and edge's attributes. A test whose tool is missing says so and passes
// (CI installs both: .ci/setup).

#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "engine/database.hpp"
#include "engine/export/graphviz_render.hpp"
#include "engine/storage/transaction.hpp"
#include "support/run_command.hpp"
#include "support/syllabus_db.hpp"
#include "support/temp_dir.hpp"
#include "support/test_db.hpp"

using namespace mlkg;
using Json = nlohmann::json;

namespace {

using exporter::ExportFormat;

constexpr const char* kPython = "/usr/bin/python3";
constexpr const char* kTask11 = "MATCH (t:Task {id: 't1.1'})-[r:MENTIONS]->(s:Service) RETURN t, r, s";

exporter::ExportStats export_to(Database& db, ExportFormat format, const std::string& path,
                                std::optional<std::string> query = std::nullopt) {
  exporter::ExportOptions options;
  options.format = format;
  options.path = path;
  exporter::ExportStats stats;
  Status s = db.export_graph(options, query, {}, &stats);
  INFO(s.to_string());
  REQUIRE(s.ok());
  return stats;
}

bool have_networkx() {
  if (access(kPython, X_OK) != 0) return false;
  return test::run_command({kPython, "-c", "import networkx"}).exit_code == 0;
}

// Reads a file with networkx and prints {"nodes": {key: attrs}, "edges":
// [[source key, target key, attrs], ...]}, nodes named by their mlkg key.
// networkx 2.8 (Debian 12) knows GEXF 1.1 and 1.2 only; the parts of 1.3
// mlkg writes (attributes, list types, nodes, edges) read as in 1.2, so the
// script registers the 1.3 namespace with it when it lacks it.
constexpr const char* kReader = R"PY(
import json, sys
import networkx as nx
from networkx.readwrite import gexf as gx
fmt, path = sys.argv[1], sys.argv[2]
if fmt == "graphml":
    G = nx.read_graphml(path)
    key = {n: d["id"] for n, d in G.nodes(data=True)}
elif fmt == "gexf":
    if "1.3" not in gx.GEXF.versions:
        d = dict(gx.GEXF.versions["1.2draft"])
        d.update({"NS_GEXF": "http://gexf.net/1.3", "NS_VIZ": "http://gexf.net/1.3/viz", "VERSION": "1.3"})
        gx.GEXF.versions["1.3"] = d
        orig = gx.GEXF.construct_types
        def construct_types(self):
            orig(self)
            for t in ("listboolean", "listlong", "listdouble", "listinteger", "listfloat"):
                self.python_type[t] = str
        gx.GEXF.construct_types = construct_types
    G = nx.read_gexf(path, version="1.3")
    key = {n: n for n in G.nodes}
else:
    with open(path) as f:
        G = nx.cytoscape_graph(json.load(f))
    key = {n: n for n in G.nodes}
out = {"nodes": {key[n]: d for n, d in G.nodes(data=True)},
       "edges": [[key[u], key[v], d] for u, v, d in G.edges(data=True)],
       "graph": {k: v for k, v in G.graph.items() if isinstance(v, (str, int, float, bool))}}
print(json.dumps(out))
)PY";

Json read_with_networkx(const std::string& format, const std::string& path, const test::TempDir& dir) {
  const std::string script = dir.sub("read.py");
  std::ofstream(script) << kReader;
  auto r = test::run_command({kPython, script, format, path});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return Json::parse(r.out);
}

// One value in a form that compares across the encodings formats document:
// numbers and numeric strings alike ("1" in a string key is 1), JSON arrays
// and array text alike, floats to 12 significant digits.
std::string norm(const Json& j);

std::string norm_number(double d) {
  if (std::isnan(d)) return "n:nan";
  char buf[64];
  std::snprintf(buf, sizeof buf, "n:%.12g", d);
  return buf;
}

std::string norm(const Json& j) {
  if (j.is_boolean()) return j.get<bool>() ? "b:true" : "b:false";
  if (j.is_number()) return norm_number(j.get<double>());
  if (j.is_array()) {
    std::string out = "[";
    for (const auto& e : j) out += norm(e) + ",";
    return out + "]";
  }
  if (j.is_string()) {
    const std::string s = j.get<std::string>();
    if (!s.empty() && s.front() == '[') {
      Json parsed = Json::parse(s, nullptr, false);
      if (parsed.is_array()) return norm(parsed);
    }
    char* end = nullptr;
    const double d = std::strtod(s.c_str(), &end);
    if (!s.empty() && end == s.c_str() + s.size() && !std::isspace(static_cast<unsigned char>(s[0])))
      return norm_number(d);
    return "s:" + s;
  }
  return "?";
}

Json value_json(const Value& v) {
  switch (v.type()) {
    case Value::Type::kBool: return v.as_bool();
    case Value::Type::kInt: return v.as_int();
    case Value::Type::kFloat: return v.as_float();
    case Value::Type::kString: return v.as_string();
    case Value::Type::kList: {
      Json a = Json::array();
      for (const Value& e : v.as_list()) a.push_back(value_json(e));
      return a;
    }
    default: return nullptr;
  }
}

// GEXF 1.3's list text, "[a, b]".
Json gexf_list(const Value& v) {
  std::string out = "[";
  for (const Value& e : v.as_list()) {
    if (out.size() > 1) out += ", ";
    out += e.is_string() ? e.as_string() : norm(value_json(e)).substr(2);
  }
  return out + "]";
}

std::string norm_attrs(const Json& attrs) {
  std::map<std::string, std::string> sorted;
  for (const auto& [k, v] : attrs.items()) sorted[k] = norm(v);
  std::string out;
  for (const auto& [k, v] : sorted) out += k + "=" + v + ";";
  return out;
}

// What the graph says each node's and edge's attributes must be in `format`
// (the conventions of each writer's header), normalised.
struct Expected {
  std::map<std::string, std::string> nodes;  // key -> normalised attributes
  std::vector<std::string> edges;            // "source|target|attributes", sorted
};

Expected expected_attributes(Database& db, const std::string& format) {
  Expected out;
  auto txn = db.store().begin_read();
  const auto& cat = txn->catalog();
  std::map<uint64_t, std::string> key_of;
  storage::NodeRecordCursor nodes = txn->scan_node_records();
  for (; nodes.valid(); nodes.next()) {
    const auto& rec = nodes.record();
    Json attrs = Json::object();
    std::string labels_colon, labels_list = "[";
    Json labels_array = Json::array();
    for (auto l : rec.labels) {
      labels_colon += ":" + cat.label_name(l);
      labels_list += (labels_list.size() > 1 ? ", " : "") + cat.label_name(l);
      labels_array.push_back(cat.label_name(l));
    }
    std::string key, caption;
    for (const auto& p : rec.properties) {
      const std::string& name = cat.key_name(p.key);
      if (name == "id") key = p.value.as_string();
      if (name == "name") caption = p.value.as_string();
      attrs[name] = format == "gexf" && p.value.is_list() ? gexf_list(p.value) : value_json(p.value);
    }
    if (caption.empty()) caption = key;
    key_of[rec.id] = key;
    if (format == "graphml") {
      attrs["labels"] = labels_colon;
      attrs["label"] = caption;
    } else if (format == "gexf") {
      attrs["labels"] = labels_list + "]";
      attrs["label"] = caption;
    } else {
      attrs["labels"] = labels_array;
      attrs["label"] = caption;
      attrs["value"] = key;
    }
    out.nodes[key] = norm_attrs(attrs);
  }
  REQUIRE(nodes.status().ok());
  storage::RelCursor rels = txn->scan_rels();
  for (; rels.valid(); rels.next()) {
    const auto& rec = rels.record();
    Json attrs = Json::object();
    for (const auto& p : rec.properties) {
      std::string name = cat.key_name(p.key);
      if (format == "cytoscape" && (name == "source" || name == "target" || name == "id" || name == "key")) name = "_" + name;
      attrs[name] = format == "gexf" && p.value.is_list() ? gexf_list(p.value) : value_json(p.value);
    }
    attrs["label"] = cat.type_name(rec.type);
    if (format == "gexf") attrs["id"] = "e" + std::to_string(rec.id);
    if (format == "cytoscape") {
      attrs["type"] = cat.type_name(rec.type);
      attrs["id"] = attrs["key"] = "e" + std::to_string(rec.id);
      attrs["source"] = key_of[rec.start];
      attrs["target"] = key_of[rec.end];
    }
    out.edges.push_back(key_of[rec.start] + "|" + key_of[rec.end] + "|" + norm_attrs(attrs));
  }
  REQUIRE(rels.status().ok());
  std::sort(out.edges.begin(), out.edges.end());
  return out;
}

// networkx's view of the file, normalised the same way.
Expected networkx_attributes(const Json& read, const std::string& format) {
  Expected out;
  for (const auto& [key, attrs] : read["nodes"].items()) {
    Json a = attrs;
    out.nodes[key] = norm_attrs(a);
  }
  for (const auto& e : read["edges"]) {
    Json a = e[2];
    out.edges.push_back(e[0].get<std::string>() + "|" + e[1].get<std::string>() + "|" + norm_attrs(a));
  }
  std::sort(out.edges.begin(), out.edges.end());
  return out;
}

void compare_with_networkx(Database& db, const std::string& format, ExportFormat f) {
  test::TempDir dir;
  const std::string file = dir.sub("graph." + format);
  export_to(db, f, file);
  const Json read = read_with_networkx(format, file, dir);
  const Expected want = expected_attributes(db, format);
  const Expected got = networkx_attributes(read, format);
  REQUIRE(got.nodes.size() == want.nodes.size());
  REQUIRE(got.edges.size() == want.edges.size());
  for (const auto& [key, attrs] : want.nodes) {
    INFO("node " << key);
    REQUIRE(got.nodes.count(key));
    CHECK(got.nodes.at(key) == attrs);
  }
  for (size_t i = 0; i < want.edges.size(); ++i) CHECK(got.edges[i] == want.edges[i]);
}

}  // namespace

TEST_CASE("tools: Graphviz's dot renders the DOT export without a warning", "[export][tools]") {
  const std::string dot = exporter::find_graphviz_dot();
  if (dot.empty()) {
    WARN("Graphviz's dot is not installed (apt install graphviz); not checked");
    return;
  }
  test::TempDir dir;
  Database& db = test::syllabus_db();
  const std::string domain1 =
      "MATCH (t:Task)-[:PART_OF]->(:Domain {id: 'd1'}) MATCH p = (t)-[:MENTIONS|PART_OF]-() RETURN p";
  for (auto [name, query] : {std::pair<const char*, std::optional<std::string>>{"task-1.1", kTask11},
                             std::pair<const char*, std::optional<std::string>>{"domain-1", domain1},
                             std::pair<const char*, std::optional<std::string>>{"whole", std::nullopt}}) {
    INFO(name);
    const std::string file = dir.sub(std::string(name) + ".dot");
    export_to(db, ExportFormat::kDot, file, query);
    auto r = test::run_command({dot, "-Tsvg", "-o", dir.sub(std::string(name) + ".svg"), file});
    CHECK(r.exit_code == 0);
    CHECK(r.err == "");
  }
  // The awkward characters of DOT's strings: quotes, backslashes, line breaks, non-ASCII.
  auto small = test::open_db(dir.sub("db"));
  small->execute("CREATE (:A {id: 'x\"y\\\\', name: 'back\\\\slash \"quoted\"\\nnext line é'})-[:T {w: 1}]->"
                 "(:B:C {id: 'edge', note: 'a\\\\'})");
  export_to(*small, ExportFormat::kDot, dir.sub("small.dot"));
  auto r = test::run_command({dot, "-Tsvg", "-o", dir.sub("small.svg"), dir.sub("small.dot")});
  CHECK(r.exit_code == 0);
  CHECK(r.err == "");
}

TEST_CASE("tools: the svg export of Task 1.1 is a picture, through Graphviz", "[export][tools]") {
  if (exporter::find_graphviz_dot().empty()) {
    WARN("Graphviz's dot is not installed (apt install graphviz); not checked");
    return;
  }
  test::TempDir dir;
  auto stats = export_to(test::syllabus_db(), ExportFormat::kSvg, dir.sub("task-1.1.svg"), kTask11);
  REQUIRE(stats.nodes == stats.relationships + 1);  // the task and each service it mentions
  std::ifstream in(dir.sub("task-1.1.svg"));
  std::ostringstream text;
  text << in.rdbuf();
  CHECK(text.str().find("<svg") != std::string::npos);
  CHECK(text.str().find("Ingest and store data") != std::string::npos);
  CHECK(text.str().find("Amazon S3") != std::string::npos);
  for (const auto& n : stats.notes) CHECK(n.find("Graphviz") == std::string::npos);
  // PNG too.
  stats = export_to(test::syllabus_db(), ExportFormat::kPng, dir.sub("task-1.1.png"), kTask11);
  std::ifstream png(dir.sub("task-1.1.png"), std::ios::binary);
  char magic[8] = {};
  png.read(magic, 8);
  CHECK(std::string(magic + 1, 3) == "PNG");
}

TEST_CASE("tools: without Graphviz, svg fails with a message that says how to get it, and writes nothing",
          "[export][tools]") {
  test::TempDir dir;
  exporter::ExportOptions options;
  options.format = ExportFormat::kSvg;
  options.path = dir.sub("x.svg");
  options.dot_program = "";
  // No dot anywhere: an empty PATH and no MLKG_DOT.
  std::string old_path = std::getenv("PATH") ? std::getenv("PATH") : "";
  const char* old_dot = std::getenv("MLKG_DOT");
  std::string saved_dot = old_dot ? old_dot : "";
  setenv("PATH", dir.path().c_str(), 1);
  unsetenv("MLKG_DOT");
  exporter::ExportStats stats;
  Status s = test::syllabus_db().export_graph(options, std::string(kTask11), {}, &stats);
  setenv("PATH", old_path.c_str(), 1);
  if (old_dot) setenv("MLKG_DOT", saved_dot.c_str(), 1);
  REQUIRE(s.code() == Status::Code::kNotSupported);
  CHECK(s.message().find("apt install graphviz") != std::string::npos);
  CHECK(s.message().find("--to dot") != std::string::npos);
  CHECK(!std::filesystem::exists(dir.sub("x.svg")));
}

TEST_CASE("tools: networkx reads the GraphML, GEXF and Cytoscape exports with every node, edge and attribute",
          "[export][tools]") {
  if (!have_networkx()) {
    WARN("networkx is not installed for /usr/bin/python3 (apt install python3-networkx); not checked");
    return;
  }
  Database& db = test::syllabus_db();
  SECTION("graphml") { compare_with_networkx(db, "graphml", ExportFormat::kGraphml); }
  SECTION("gexf") { compare_with_networkx(db, "gexf", ExportFormat::kGexf); }
  SECTION("cytoscape") { compare_with_networkx(db, "cytoscape", ExportFormat::kCytoscape); }
}

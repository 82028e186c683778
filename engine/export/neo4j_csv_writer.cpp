#include "engine/export/neo4j_csv_writer.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>

#include "engine/export/format_util.hpp"

namespace mlkg::exporter {

namespace {

enum Kind : int { kBool, kLong, kDouble, kString };
constexpr const char* kTypeNames[] = {"boolean", "long", "double", "string"};

Kind kind_of(const Value& v) {
  switch (v.type()) {
    case Value::Type::kBool: return kBool;
    case Value::Type::kInt: return kLong;
    case Value::Type::kFloat: return kDouble;
    default: return kString;
  }
}

// What one column of one file holds.
struct Column {
  std::set<int> kinds;  // of scalars and of list elements
  bool list = false;
  Kind type = kString;
  void see(const Value& v) {
    if (v.is_list()) {
      list = true;
      for (const Value& e : v.as_list()) kinds.insert(kind_of(e));
    } else {
      kinds.insert(kind_of(v));
    }
  }
  void finish() {
    if (kinds.size() == 1) type = static_cast<Kind>(*kinds.begin());
    else if (kinds == std::set<int>{kLong, kDouble}) type = kDouble;
    else type = kString;
  }
};

// One output file: a node label combination or a relationship type.
struct Group {
  std::string file;
  std::map<std::string, Column> columns;  // by property name
  std::unique_ptr<OutputFile> file_out;  // committed when every file is complete
  std::ostream* out = nullptr;
};

std::string csv_quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// A header cell or an unquoted token, quoted only when CSV needs it.
std::string cell(std::string_view s) {
  return s.find_first_of(",\"\r\n") == std::string_view::npos && !s.empty() && s.front() != ' ' && s.back() != ' '
             ? std::string(s)
             : csv_quoted(s);
}

// A file-name-safe form of a label or type.
std::string file_part(std::string_view s) {
  std::string out;
  for (char c : s) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
  return out;
}

class CsvWriter {
 public:
  CsvWriter(GraphView& graph, const FilePolicy& policy, Notes* notes) : graph_(graph), notes_(notes), policy_(policy) {}

  Status run(const std::string& target, std::vector<std::string>* files) {
    MLKG_RETURN_IF_ERROR(resolve(target));
    // Pass 1: the files and their columns.
    MLKG_RETURN_IF_ERROR(graph_.for_each_node([&](const ExportNode& n) {
      Group& g = group(node_groups_, node_group_key(n), n.labels.empty() ? "nodes" : "nodes_" + joined(n.labels));
      const KeyKind kind = graph_.key_kind(n.id);
      for (const ExportProperty& p : n.properties) {
        if (p.key == "id" && kind != KeyKind::kGenerated) continue;  // it is the :ID
        g.columns[p.key == "id" ? "_id" : std::string(p.key)].see(p.value);
      }
      return Status();
    }));
    MLKG_RETURN_IF_ERROR(graph_.for_each_rel([&](const ExportRel& r) {
      Group& g = group(rel_groups_, std::string(r.type), "relationships_" + file_part(r.type));
      for (const ExportProperty& p : r.properties) g.columns[std::string(p.key)].see(p.value);
      return Status();
    }));
    // Pass 2: write.
    for (auto* groups : {&node_groups_, &rel_groups_}) {
      for (auto& [key, g] : *groups) {
        MLKG_RETURN_IF_ERROR(OutputFile::open(g.file, policy_, &g.file_out));
        g.out = &g.file_out->stream();
        files->push_back(g.file);
        std::string header = groups == &node_groups_ ? "id:ID,:LABEL" : ":START_ID,:END_ID,:TYPE";
        for (auto& [name, c] : g.columns) {
          c.finish();
          if (name.find(':') != std::string::npos)
            notes_->add("property names contained ':', which the header format reads as a type separator");
          header += "," + cell(valid_utf8(name, notes_) + ":" + kTypeNames[c.type] + (c.list ? "[]" : ""));
        }
        *g.out << header << "\n";
      }
    }
    if (graph_.keys_from_integer_ids())
      notes_->add("nodes had an integer id, written as a string :ID (stored back as the property id)",
                  graph_.keys_from_integer_ids());
    if (graph_.generated_keys())
      notes_->add("nodes had no usable id (none, or shared with another node) and were given one such as _<number>; "
                  "an old id is kept as _id",
                  graph_.generated_keys());
    std::string line;
    MLKG_RETURN_IF_ERROR(graph_.for_each_node([&](const ExportNode& n) {
      Group& g = node_groups_.at(node_group_key(n));
      std::string labels;
      for (size_t i = 0; i < n.labels.size(); ++i) {
        if (n.labels[i].find(';') != std::string_view::npos)
          notes_->add("labels contained ';', the label delimiter, and will read back split");
        labels += (i ? ";" : "") + valid_utf8(n.labels[i], notes_);
      }
      line = csv_quoted(valid_utf8(n.key, notes_)) + "," + (labels.empty() ? labels : cell(labels));
      write_values(g, n.properties, id_rule(graph_.key_kind(n.id)), &line);
      *g.out << line << "\n";
      return Status();
    }));
    uint64_t undirected = 0;
    MLKG_RETURN_IF_ERROR(graph_.for_each_rel([&](const ExportRel& r) {
      Group& g = rel_groups_.at(std::string(r.type));
      line = csv_quoted(valid_utf8(r.start_key, notes_)) + "," + csv_quoted(valid_utf8(r.end_key, notes_)) + "," +
             cell(valid_utf8(r.type, notes_));
      write_values(g, r.properties, IdRule::kKeep, &line);
      *g.out << line << "\n";
      if (r.undirected) ++undirected;
      return Status();
    }));
    // Every file is complete: only now do they replace what was there.
    for (auto* groups : {&node_groups_, &rel_groups_})
      for (auto& [key, g] : *groups) MLKG_RETURN_IF_ERROR(g.file_out->commit());
    if (undirected) notes_->add("undirected relationships were written as directed ones", undirected);
    if (multiline_)
      notes_->add("strings contain line breaks; give neo4j-admin --multiline-fields=true", multiline_);
    return Status();
  }

 private:
  Status resolve(const std::string& target) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (target.empty()) return Status::invalid_argument("neo4j-csv writes several files: name a directory or prefix");
    if (target.back() == '/' || fs::is_directory(target, ec)) {
      fs::create_directories(target, ec);
      if (ec) return Status::io_error("cannot create the directory " + target + ": " + ec.message());
      prefix_ = target.back() == '/' ? target : target + "/";
    } else {
      prefix_ = target;
    }
    return Status();
  }

  static std::string joined(const std::vector<std::string_view>& labels) {
    std::string out;
    for (size_t i = 0; i < labels.size(); ++i) out += (i ? "_" : "") + file_part(labels[i]);
    return out;
  }
  static std::string node_group_key(const ExportNode& n) {
    std::string key;
    for (std::string_view l : n.labels) key += std::string(l) + '\0';
    return key;
  }

  Group& group(std::map<std::string, Group>& groups, const std::string& key, const std::string& base) {
    auto it = groups.find(key);
    if (it != groups.end()) return it->second;
    std::string file = prefix_ + base + ".csv";
    for (int n = 2; used_files_.count(file); ++n) file = prefix_ + base + "-" + std::to_string(n) + ".csv";
    used_files_.insert(file);
    Group& g = groups[key];
    g.file = file;
    return g;
  }

  // What happens to an entity's `id` property: kept as a column (relationships),
  // left out because the :ID holds it, or moved to `_id` (a generated key).
  enum class IdRule { kKeep, kSkip, kMove };
  static IdRule id_rule(KeyKind kind) { return kind == KeyKind::kGenerated ? IdRule::kMove : IdRule::kSkip; }

  // Appends ",value" for every column of `g`, in column order.
  void write_values(const Group& g, const std::vector<ExportProperty>& props, IdRule rule, std::string* line) {
    for (const auto& [name, c] : g.columns) {
      *line += ',';
      for (const ExportProperty& p : props) {
        std::string_view column = p.key;
        if (p.key == "id" && rule == IdRule::kSkip) continue;
        if (p.key == "id" && rule == IdRule::kMove) column = "_id";
        if (column != name) continue;
        *line += field(c, p.value);
        break;
      }
    }
  }

  std::string element(const Column& c, const Value& v) {
    const Kind k = kind_of(v);
    if (k != c.type) {
      if (c.type == kDouble && k == kLong) notes_->add("integers shared a column with floats and will read back as floats");
      else notes_->add("values shared a column with values of another type and were written as strings");
    }
    std::string text = v.is_string() ? valid_utf8(v.as_string(), notes_) : display_text(v);
    if (text.find_first_of("\r\n") != std::string::npos) ++multiline_;
    return text;
  }

  std::string field(const Column& c, const Value& v) {
    if (!c.list) {
      std::string text = element(c, v);
      return c.type == kString ? csv_quoted(text) : text;
    }
    if (!v.is_list()) notes_->add("single values in an array column were written as one-element arrays");
    const ValueList one = v.is_list() ? ValueList{} : ValueList{v};
    const ValueList& items = v.is_list() ? v.as_list() : one;
    if (items.empty()) {
      notes_->add("empty lists were left out (an empty field means no value)");
      return "";
    }
    std::string text;
    for (size_t i = 0; i < items.size(); ++i) {
      std::string e = element(c, items[i]);
      if (e.find(';') != std::string::npos)
        notes_->add("list elements contained ';', the array delimiter, and will read back split");
      text += (i ? ";" : "") + e;
    }
    return c.type == kString ? csv_quoted(text) : text;
  }

  GraphView& graph_;
  Notes* notes_;
  std::string prefix_;
  const FilePolicy& policy_;
  std::map<std::string, Group> node_groups_, rel_groups_;
  std::set<std::string> used_files_;
  uint64_t multiline_ = 0;
};

}  // namespace

Status write_neo4j_csv(GraphView& graph, const std::string& target, const FilePolicy& policy,
                       std::vector<std::string>* files, Notes* notes) {
  return CsvWriter(graph, policy, notes).run(target, files);
}

}  // namespace mlkg::exporter

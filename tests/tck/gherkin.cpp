#include "tests/tck/gherkin.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace mlkg::tck {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::string where(const std::string& file, int line) { return file + ":" + std::to_string(line) + ": "; }

// A cell's escapes: \| is a bar, \\ a backslash, \n a line break; any other
// backslash stays as written.
std::string unescape_cell(std::string_view c) {
  std::string out;
  for (size_t i = 0; i < c.size(); ++i) {
    if (c[i] == '\\' && i + 1 < c.size() && (c[i + 1] == '|' || c[i + 1] == '\\' || c[i + 1] == 'n')) {
      out += c[i + 1] == 'n' ? '\n' : c[i + 1];
      ++i;
    } else {
      out += c[i];
    }
  }
  return out;
}

// "| a | b |" -> {"a", "b"}: cells trimmed, then unescaped.
std::vector<std::string> split_row(std::string_view s, const std::string& at) {
  std::vector<std::string> cells;
  std::string raw;
  for (size_t i = 1; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      raw += s.substr(i, 2);
      ++i;
    } else if (s[i] == '|') {
      cells.push_back(unescape_cell(trim(raw)));
      raw.clear();
    } else {
      raw += s[i];
    }
  }
  if (!trim(raw).empty()) throw GherkinError(at + "table row does not end with '|'");
  return cells;
}

// Replaces each <name> whose name `mapping` has.
std::string substitute(const std::string& text, const std::map<std::string, std::string>& mapping) {
  if (text.find('<') == std::string::npos) return text;
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '<') {
      const size_t close = text.find_first_of("<>\n", i + 1);
      if (close != std::string::npos && text[close] == '>' && close > i + 1) {
        auto it = mapping.find(text.substr(i + 1, close - i - 1));
        if (it != mapping.end()) {
          out += it->second;
          i = close + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

Step substitute(const Step& step, const std::map<std::string, std::string>& mapping) {
  Step s = step;
  s.text = substitute(step.text, mapping);
  if (step.doc) s.doc = substitute(*step.doc, mapping);
  for (auto& row : s.table)
    for (auto& cell : row) cell = substitute(cell, mapping);
  return s;
}

// "Keyword: title" for the section keywords; false for any other line.
bool section(std::string_view s, std::string* keyword, std::string* title) {
  static const char* const kKeywords[] = {"Feature",  "Background", "Scenario Outline", "Scenario Template",
                                          "Scenario", "Examples",   "Example",          "Scenarios",
                                          "Rule"};
  for (const char* k : kKeywords) {
    if (!starts_with(s, k)) continue;
    std::string_view rest = s.substr(std::string_view(k).size());
    while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
    if (rest.empty() || rest.front() != ':') continue;
    *keyword = k;
    *title = std::string(trim(rest.substr(1)));
    return true;
  }
  return false;
}

bool step_line(std::string_view s, Step* step) {
  static const char* const kKeywords[] = {"Given", "When", "Then", "And", "But", "*"};
  for (const char* k : kKeywords) {
    const std::string_view kw(k);
    if (!starts_with(s, kw) || s.size() <= kw.size() || !is_space(s[kw.size()])) continue;
    step->keyword = k;
    step->text = std::string(trim(s.substr(kw.size())));
    return true;
  }
  return false;
}

struct Examples {
  std::set<std::string> tags;
  std::vector<std::vector<std::string>> rows;
  int line = 0;
};

struct RawScenario {
  bool outline = false;
  std::string name;
  std::set<std::string> tags;
  std::vector<Step> steps;
  int line = 0;
  std::vector<Examples> examples;
};

}  // namespace

FeatureFile parse_feature(std::string_view text, const std::string& file) {
  FeatureFile feature;
  feature.file = file;
  std::string id_prefix = file;
  if (id_prefix.size() > 8 && id_prefix.compare(id_prefix.size() - 8, 8, ".feature") == 0)
    id_prefix.resize(id_prefix.size() - 8);

  std::vector<std::string_view> lines;
  for (size_t start = 0;;) {
    const size_t nl = text.find('\n', start);
    std::string_view line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }

  std::set<std::string> feature_tags, pending_tags;
  std::vector<Step> background;
  std::vector<RawScenario> raw;
  enum class In { kNothing, kBackground, kScenario, kExamples } in = In::kNothing;
  std::vector<Step>* steps = nullptr;
  Step* last_step = nullptr;

  for (size_t i = 0; i < lines.size();) {
    const std::string_view line = lines[i];
    const std::string_view s = trim(line);
    const int lineno = static_cast<int>(++i);
    if (s.empty() || s.front() == '#') continue;
    if (starts_with(s, "\"\"\"") || starts_with(s, "```")) {
      const std::string_view delim = s.substr(0, 3);
      const size_t indent = line.find_first_not_of(" \t\f\v");
      std::string body;
      bool first = true;
      for (;;) {
        if (i >= lines.size()) throw GherkinError(where(file, lineno) + "unterminated doc string");
        const std::string_view l2 = lines[i++];
        if (trim(l2) == delim) break;
        size_t k = 0;
        while (k < indent && k < l2.size() && (l2[k] == ' ' || l2[k] == '\t')) ++k;
        if (!first) body += '\n';
        first = false;
        body += l2.substr(k);
      }
      if (!last_step) throw GherkinError(where(file, lineno) + "doc string without a step");
      if (last_step->doc) throw GherkinError(where(file, lineno) + "second doc string for one step");
      if (delim == "\"\"\"")
        for (size_t p; (p = body.find("\\\"\\\"\\\"")) != std::string::npos;) body.replace(p, 6, "\"\"\"");
      last_step->doc = std::move(body);
      continue;
    }
    if (s.front() == '@') {
      std::istringstream words{std::string(s)};
      for (std::string tok; words >> tok;) {
        if (tok.front() == '#') break;
        if (tok.front() == '@') pending_tags.insert(tok);
      }
      continue;
    }
    if (s.front() == '|') {
      auto row = split_row(s, where(file, lineno));
      if (in == In::kExamples) {
        raw.back().examples.back().rows.push_back(std::move(row));
      } else if (last_step) {
        last_step->table.push_back(std::move(row));
      } else {
        throw GherkinError(where(file, lineno) + "table without a step");
      }
      continue;
    }
    std::string keyword, title;
    if (section(s, &keyword, &title)) {
      last_step = nullptr;
      if (keyword == "Feature") {
        feature.name = title;
        feature_tags = pending_tags;
      } else if (keyword == "Background") {
        in = In::kBackground;
        steps = &background;
      } else if (keyword == "Scenario" || keyword == "Example" || keyword == "Scenario Outline" ||
                 keyword == "Scenario Template") {
        in = In::kScenario;
        RawScenario& r = raw.emplace_back();
        r.outline = keyword == "Scenario Outline" || keyword == "Scenario Template";
        r.name = title;
        r.tags = pending_tags;
        r.line = lineno;
        steps = &r.steps;
      } else if (keyword == "Examples" || keyword == "Scenarios") {
        if (raw.empty() || !raw.back().outline)
          throw GherkinError(where(file, lineno) + "Examples outside a Scenario Outline");
        in = In::kExamples;
        raw.back().examples.push_back(Examples{pending_tags, {}, lineno});
      } else {  // Rule
        feature.warnings.push_back(where(file, lineno) + "Rule: not supported, ignored");
      }
      pending_tags.clear();
      continue;
    }
    Step step;
    if ((in == In::kBackground || in == In::kScenario) && step_line(s, &step)) {
      step.line = lineno;
      steps->push_back(std::move(step));
      last_step = &steps->back();
      continue;
    }
    // Free text after a Feature: or Scenario: line is its description;
    // between steps it is probably a typo.
    if (last_step) feature.warnings.push_back(where(file, lineno) + "unrecognised line ignored: " +
                                              std::string(s.substr(0, 60)));
  }

  for (const RawScenario& r : raw) {
    std::set<std::string> tags = feature_tags;
    tags.insert(r.tags.begin(), r.tags.end());
    if (!r.outline) {
      Scenario& sc = feature.scenarios.emplace_back();
      sc.id = id_prefix + ":" + r.name;
      sc.file = file;
      sc.name = r.name;
      sc.tags = tags;
      sc.steps = background;
      sc.steps.insert(sc.steps.end(), r.steps.begin(), r.steps.end());
      sc.line = r.line;
      continue;
    }
    if (r.examples.empty())
      feature.warnings.push_back(where(file, r.line) + "Scenario Outline without Examples");
    int k = 0;
    for (const Examples& ex : r.examples) {
      if (ex.rows.empty()) continue;
      const auto& header = ex.rows[0];
      for (size_t row = 1; row < ex.rows.size(); ++row) {
        ++k;
        if (ex.rows[row].size() != header.size())
          throw GherkinError(where(file, ex.line) + "Examples row width mismatch");
        std::map<std::string, std::string> mapping;
        for (size_t c = 0; c < header.size(); ++c) mapping.emplace(header[c], ex.rows[row][c]);
        Scenario& sc = feature.scenarios.emplace_back();
        sc.name = substitute(r.name, mapping);
        sc.id = id_prefix + ":" + sc.name + " #" + std::to_string(k);
        sc.file = file;
        sc.tags = tags;
        sc.tags.insert(ex.tags.begin(), ex.tags.end());
        sc.steps = background;
        for (const Step& st : r.steps) sc.steps.push_back(substitute(st, mapping));
        sc.line = r.line;
        sc.example_index = k;
      }
    }
  }
  return feature;
}

std::vector<FeatureFile> load_features(const std::filesystem::path& root) {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
    if (entry.is_regular_file() && entry.path().extension() == ".feature") paths.push_back(entry.path());
  std::vector<FeatureFile> out;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    out.push_back(parse_feature(text.str(), path.lexically_relative(root).generic_string()));
  }
  std::sort(out.begin(), out.end(), [](const FeatureFile& a, const FeatureFile& b) { return a.file < b.file; });
  return out;
}

}  // namespace mlkg::tck

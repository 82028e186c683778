#include "repl/node_cards.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "engine/common/unicode.hpp"
#include "engine/common/utf8.hpp"

namespace mlkg::repl {

namespace {


std::string lower(std::string_view s) { return unicode::to_lower(s); }

std::string text_of(const Value& v) {
  if (v.is_string()) return v.as_string();
  if (v.is_list()) {
    std::string out;
    for (const Value& e : v.as_list()) out += (out.empty() ? "" : ", ") + text_of(e);
    return out;
  }
  return v.to_literal();
}

// `s` cut to `width` code points, ending in "..." when cut.
std::string cut(const std::string& s, size_t width) {
  if (utf8::length(s) <= width) return s;
  if (width <= 3) return std::string(width, '.');
  return s.substr(0, utf8::offset_of(s, width - 3)) + "...";
}

// `text` wrapped at spaces into lines of at most `width` code points: the
// first after `first`, the others after `indent`. A word longer than a line
// stands alone on its line.
std::string wrap(const std::string& first, const std::string& text, const std::string& indent, size_t width) {
  std::string out = first;
  size_t used = utf8::length(first);
  bool words_on_line = false;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    const size_t w = utf8::length(word);
    if (words_on_line && used + 1 + w > width) {
      out += "\n" + indent;
      used = utf8::length(indent);
      words_on_line = false;
    }
    if (words_on_line) {
      out += ' ';
      ++used;
    }
    out += word;
    used += w;
    words_on_line = true;
  }
  return out + "\n";
}

struct Neighbour {
  std::string kind;  // "-FITS->" or "<-MENTIONS-"
  std::string name;
  bool operator<(const Neighbour& o) const { return std::tie(kind, name) < std::tie(o.kind, o.name); }
};

std::vector<Neighbour> neighbours(Database& db, uint64_t id) {
  auto r = db.execute(
      "MATCH (n)-[r]-(m) WHERE id(n) = $id "
      "RETURN type(r), startNode(r) = n, coalesce(m.name, m.id, '#' + toString(id(m)))",
      {{"id", Value(static_cast<int64_t>(id))}});
  std::vector<Neighbour> out;
  for (const auto& row : r.rows) {
    const std::string type = row[0].as_string();
    out.push_back({row[1].as_bool() ? "-" + type + "->" : "<-" + type + "-", text_of(row[2])});
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end(), [](const Neighbour& a, const Neighbour& b) {
              return a.kind == b.kind && a.name == b.name;
            }),
            out.end());
  return out;
}

struct Properties {
  std::vector<std::string> labels;
  ValueMap map;
};

Properties properties(Database& db, uint64_t id) {
  auto r = db.execute("MATCH (n) WHERE id(n) = $id RETURN labels(n), properties(n)",
                      {{"id", Value(static_cast<int64_t>(id))}});
  Properties p;
  if (r.rows.empty()) return p;
  p.labels = string_elements(r.rows[0][0]);
  p.map = r.rows[0][1].as_map();
  return p;
}

std::string title_of(const Properties& p) {
  auto get = [&](const char* k) {
    auto it = p.map.find(k);
    return it == p.map.end() ? std::string() : text_of(it->second);
  };
  std::string name = get("name"), id = get("id");
  std::string labels;
  for (const auto& l : p.labels) labels += ":" + l;
  return (name.empty() ? id : name) + "  (" + labels + (id.empty() || name.empty() ? "" : " " + id) + ")";
}

}  // namespace

std::vector<NodeMatch> find_nodes(Database& db, std::string_view words, size_t limit) {
  const std::string want = lower(words);
  if (want.find_first_not_of(" \t") == std::string::npos) return {};
  auto r = db.execute("MATCH (n) RETURN id(n), n.id, n.name, n.aliases, n.former_names, labels(n)");
  struct Candidate {
    NodeMatch m;
    int rank;  // 0 exact, 1 a name or alias starts with it, 2 contains it
  };
  std::vector<Candidate> found;
  for (const auto& row : r.rows) {
    NodeMatch m;
    m.id = static_cast<uint64_t>(row[0].as_int());
    const std::string id = row[1].is_string() ? row[1].as_string() : "";
    const std::string name = row[2].is_string() ? row[2].as_string() : "";
    if (id.empty() && name.empty()) continue;
    m.key = id.empty() ? name : id;
    m.name = name.empty() ? id : name;
    const auto labels = string_elements(row[5]);
    m.label = labels.empty() ? "" : labels[0];
    std::vector<std::string> texts = {id, name};
    for (const auto& a : string_elements(row[3])) texts.push_back(a);
    for (const auto& a : string_elements(row[4])) texts.push_back(a);
    int rank = 3;
    for (const auto& t : texts) {
      if (t.empty()) continue;
      const std::string l = lower(t);
      if (l == want) rank = 0;
      else if (l.starts_with(want)) rank = std::min(rank, 1);
      else if (l.find(want) != std::string::npos) rank = std::min(rank, 2);
    }
    if (rank < 3) found.push_back({m, rank});
  }
  const int best = found.empty() ? 3 : std::min_element(found.begin(), found.end(), [](auto& a, auto& b) {
                                         return a.rank < b.rank;
                                       })->rank;
  if (best == 0) std::erase_if(found, [](const Candidate& c) { return c.rank != 0; });
  std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    const bool as = a.m.label == "Service", bs = b.m.label == "Service";
    return std::tie(a.rank, bs, a.m.name) < std::tie(b.rank, as, b.m.name);  // services first within a rank
  });
  std::vector<NodeMatch> out;
  for (size_t i = 0; i < found.size() && i < limit; ++i) out.push_back(found[i].m);
  return out;
}

std::string node_card(Database& db, uint64_t id, size_t width, size_t per_group) {
  const Properties p = properties(db, id);
  std::string out = title_of(p) + "\n";
  std::vector<std::string> keys;
  for (const auto& [k, v] : p.map)
    if (k != "name" && k != "id") keys.push_back(k);
  // What a reader wants first, then the rest alphabetically.
  const std::vector<std::string> first = {"summary", "scope", "aliases"};
  std::stable_sort(keys.begin(), keys.end(), [&](const std::string& a, const std::string& b) {
    auto ra = std::find(first.begin(), first.end(), a) - first.begin();
    auto rb = std::find(first.begin(), first.end(), b) - first.begin();
    return std::tie(ra, a) < std::tie(rb, b);
  });
  for (const auto& k : keys) out += wrap("  " + k + ": ", text_of(p.map.at(k)), "    ", width);
  const std::vector<Neighbour> ns = neighbours(db, id);
  std::map<std::string, std::vector<std::string>> groups;
  for (const auto& n : ns) groups[n.kind].push_back(n.name);
  for (const auto& [kind, names] : groups) {
    out += "  " + kind + " (" + std::to_string(names.size()) + ")\n";
    for (size_t i = 0; i < names.size() && i < per_group; ++i) out += "      " + cut(names[i], width - 6) + "\n";
    if (names.size() > per_group) out += "      ... " + std::to_string(names.size() - per_group) + " more\n";
  }
  if (groups.empty()) out += "  (no relationships)\n";
  return out;
}

std::string compare_nodes(Database& db, uint64_t a, uint64_t b, size_t width) {
  const Properties pa = properties(db, a), pb = properties(db, b);
  std::string out = "A: " + title_of(pa) + "\nB: " + title_of(pb) + "\n";
  std::set<std::string> keys;
  for (const auto& [k, v] : pa.map) keys.insert(k);
  for (const auto& [k, v] : pb.map) keys.insert(k);
  keys.erase("name");
  keys.erase("id");
  size_t key_width = 0;
  for (const auto& k : keys) key_width = std::max(key_width, k.size());
  const size_t column = width > key_width + 8 ? (width - key_width - 8) / 2 : 10;
  auto value = [](const Properties& p, const std::string& k) {
    auto it = p.map.find(k);
    return it == p.map.end() ? std::string("-") : text_of(it->second);
  };
  for (const auto& k : keys) {
    const std::string va = cut(value(pa, k), column), vb = cut(value(pb, k), column);
    out += "  " + k + std::string(key_width - k.size(), ' ') + "  " + va +
           std::string(column - std::min(column, utf8::length(va)), ' ') + "  " + vb + "\n";
  }
  const std::vector<Neighbour> na = neighbours(db, a), nb = neighbours(db, b);
  std::vector<Neighbour> both, only_a, only_b;
  std::set_intersection(na.begin(), na.end(), nb.begin(), nb.end(), std::back_inserter(both));
  std::set_difference(na.begin(), na.end(), nb.begin(), nb.end(), std::back_inserter(only_a));
  std::set_difference(nb.begin(), nb.end(), na.begin(), na.end(), std::back_inserter(only_b));
  auto section = [&](const char* title, const std::vector<Neighbour>& list) {
    out += std::string(title) + " (" + std::to_string(list.size()) + ")\n";
    std::map<std::string, std::vector<std::string>> groups;
    for (const auto& n : list) groups[n.kind].push_back(n.name);
    for (const auto& [kind, names] : groups) {
      std::string line;
      for (const auto& n : names) line += (line.empty() ? "" : "; ") + n;
      out += wrap("  " + kind + " ", line, "      ", width);
    }
  };
  section("Both", both);
  section("Only A", only_a);
  section("Only B", only_b);
  return out;
}

}  // namespace mlkg::repl

// Rendering query results (see result_format.hpp).
//
// Every string that reaches the output goes through for_each_code_point,
// which is where invalid UTF-8 becomes U+FFFD; the table additionally shows
// control characters as escapes, so no value can move the cursor or colour
// the terminal.

#include "repl/result_format.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "engine/common/unicode.hpp"
#include "engine/common/utf8.hpp"
#include "engine/value/value_json.hpp"

namespace mlkg::repl {

namespace {

using query::QueryResult;
using query::QueryStats;

// ---------------------------------------------------------------- UTF-8

// Calls f(code_point, bytes) for each character of `s`; each byte that does
// not start a well-formed sequence comes as U+FFFD with the replacement
// character's bytes.
template <class F>
void for_each_code_point(std::string_view s, F&& f) {
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    const size_t n = utf8::sequence_length(s.substr(i), &cp);
    if (n == 0) {
      f(utf8::kReplacementCharacter, utf8::kReplacement);
      ++i;
    } else {
      f(cp, s.substr(i, n));
      i += n;
    }
  }
}

std::string valid_utf8(std::string_view s) { return utf8::make_valid(s); }

// Terminal columns: unicode::display_width (utf8proc's widths, per grapheme cluster).
size_t display_width(std::string_view s) { return unicode::display_width(s); }

// ---------------------------------------------------------------- values

const Value& cell_at(const ValueList& row, size_t i) {
  static const Value kNull;
  return i < row.size() ? row[i] : kNull;
}

// A value as text for csv, tsv, plain and markdown: a string as it is, null
// as nothing, anything else in Cypher literal syntax.
std::string text_of(const Value& v) {
  if (v.is_null()) return {};
  if (v.is_string()) return v.as_string();
  return v.to_literal();
}

// True if the column holds at least one number among `rows` and nothing but
// numbers and nulls: such columns are right-aligned.
bool is_numeric_column(const std::vector<ValueList>& rows, size_t row_count, size_t column) {
  bool any = false;
  for (size_t r = 0; r < row_count; ++r) {
    const Value& v = cell_at(rows[r], column);
    if (v.is_null()) continue;
    if (!v.is_number()) return false;
    any = true;
  }
  return any;
}

}  // namespace

std::string format_ms(double ms) {
  char buf[32];
  if (ms < 10) std::snprintf(buf, sizeof buf, "%.2f ms", ms);
  else if (ms < 1000) std::snprintf(buf, sizeof buf, "%.1f ms", ms);
  else std::snprintf(buf, sizeof buf, "%.2f s", ms / 1000);
  return buf;
}

namespace {

std::string plural(int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// ---------------------------------------------------------------- stats

// The stats in the order of the JSON contract, with the words for the table.
struct StatField {
  const char* key;
  int64_t QueryStats::*count;
  const char* verb;
  const char* one;
  const char* many;
};

constexpr StatField kStatFields[] = {
    {"nodes_created", &QueryStats::nodes_created, "created", "node", "nodes"},
    {"nodes_deleted", &QueryStats::nodes_deleted, "deleted", "node", "nodes"},
    {"relationships_created", &QueryStats::relationships_created, "created", "relationship", "relationships"},
    {"relationships_deleted", &QueryStats::relationships_deleted, "deleted", "relationship", "relationships"},
    {"labels_added", &QueryStats::labels_added, "added", "label", "labels"},
    {"labels_removed", &QueryStats::labels_removed, "removed", "label", "labels"},
    {"properties_set", &QueryStats::properties_set, "set", "property", "properties"},
    {"properties_removed", &QueryStats::properties_removed, "removed", "property", "properties"},
    {"indexes_added", &QueryStats::indexes_added, "added", "index", "indexes"},
    {"indexes_removed", &QueryStats::indexes_removed, "removed", "index", "indexes"},
    {"constraints_added", &QueryStats::constraints_added, "added", "constraint", "constraints"},
    {"constraints_removed", &QueryStats::constraints_removed, "removed", "constraint", "constraints"},
};

// "Created 2 nodes and 1 relationship, set 4 properties.": the non-zero
// counts, grouped by verb in the order the verbs first appear.
std::string stats_sentence(const QueryStats& stats) {
  std::vector<std::pair<std::string, std::string>> groups;  // verb, "2 nodes and 1 relationship"
  for (const StatField& f : kStatFields) {
    const int64_t n = stats.*f.count;
    if (n == 0) continue;
    auto group = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == f.verb; });
    if (group == groups.end()) {
      groups.emplace_back(f.verb, plural(n, f.one, f.many));
    } else {
      group->second += " and " + plural(n, f.one, f.many);
    }
  }
  std::string out;
  for (const auto& [verb, counts] : groups) {
    out += out.empty() ? verb : ", " + verb;
    out += " " + counts;
  }
  if (!out.empty()) out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out + ".";
}

// ---------------------------------------------------------------- json

// The documents are nlohmann-json values (engine/value/value_json.hpp),
// written a row at a time.
void append_json_string(std::string* out, std::string_view s) { write_json(Json(utf8::make_valid(s)), out); }

void append_json_value(std::string* out, const Value& v) { write_json(to_json(v), out); }

void render_json(const QueryResult& result, std::ostream& out) {
  const size_t columns = result.returns_rows ? result.columns.size() : 0;
  std::string line = "{\"columns\": [";
  for (size_t c = 0; c < columns; ++c) {
    if (c > 0) line += ", ";
    append_json_string(&line, result.columns[c]);
  }
  line += "], \"rows\": [";
  if (result.returns_rows) {
    for (size_t r = 0; r < result.rows.size(); ++r) {
      if (r > 0) line += ", ";
      line += '[';
      for (size_t c = 0; c < columns; ++c) {
        if (c > 0) line += ", ";
        append_json_value(&line, cell_at(result.rows[r], c));
      }
      line += ']';
      out << line;
      line.clear();
    }
  }
  line += "], \"stats\": ";
  Json stats = Json::object();
  for (const auto& field : kStatFields) stats[field.key] = result.stats.*field.count;
  write_json(stats, &line);
  if (!result.plan.empty()) {
    line += ", \"plan\": ";
    append_json_string(&line, result.plan);
  }
  line += "}\n";
  out << line;
}

void render_jsonl(const QueryResult& result, std::ostream& out) {
  if (!result.returns_rows) return;
  std::string line;
  for (const ValueList& row : result.rows) {
    line = "{";
    for (size_t c = 0; c < result.columns.size(); ++c) {
      if (c > 0) line += ", ";
      append_json_string(&line, result.columns[c]);
      line += ": ";
      append_json_value(&line, cell_at(row, c));
    }
    line += "}\n";
    out << line;
  }
}

// ---------------------------------------------------------------- csv, tsv, plain

// RFC 4180: a field is quoted when it holds a comma, a quote, CR or LF, with
// quotes doubled. An empty string is written "" so that it differs from null,
// which is written as nothing.
void append_csv_field(std::string* out, std::string_view text, bool is_null) {
  const std::string valid = valid_utf8(text);
  if (valid.empty()) {
    if (!is_null) *out += "\"\"";
    return;
  }
  if (valid.find_first_of(",\"\r\n") == std::string::npos) {
    *out += valid;
    return;
  }
  *out += '"';
  for (char c : valid) {
    if (c == '"') *out += '"';
    *out += c;
  }
  *out += '"';
}

// TSV: backslash, tab, LF and CR escaped as \\ \t \n \r.
void append_tsv_field(std::string* out, std::string_view text) {
  for_each_code_point(text, [&](char32_t cp, std::string_view bytes) {
    switch (cp) {
      case '\\': *out += "\\\\"; break;
      case '\t': *out += "\\t"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      default: *out += bytes;
    }
  });
}

// The header line and one line per row, fields joined by `separator` and
// written by `append_field(out, text, is_null)`.
template <class AppendField>
void render_delimited(const QueryResult& result, std::ostream& out, char separator, AppendField append_field) {
  if (!result.returns_rows) return;
  const size_t columns = result.columns.size();
  std::string line;
  for (size_t c = 0; c < columns; ++c) {
    if (c > 0) line += separator;
    append_field(&line, result.columns[c], false);
  }
  line += '\n';
  out << line;
  for (const ValueList& row : result.rows) {
    line.clear();
    for (size_t c = 0; c < columns; ++c) {
      if (c > 0) line += separator;
      const Value& v = cell_at(row, c);
      append_field(&line, text_of(v), v.is_null());
    }
    line += '\n';
    out << line;
  }
}

// ---------------------------------------------------------------- markdown

// A GitHub table cell: '|' and '\' escaped with a backslash (GitHub splits
// cells before it unescapes, so "\\|" would end a cell), line breaks as
// <br>, other control characters as spaces.
void append_markdown_cell(std::string* out, std::string_view text) {
  char32_t previous = 0;
  for_each_code_point(text, [&](char32_t cp, std::string_view bytes) {
    if (cp == '|') *out += "\\|";
    else if (cp == '\\') *out += "\\\\";
    else if (cp == '\n') { if (previous != '\r') *out += "<br>"; }
    else if (cp == '\r') *out += "<br>";
    else if (cp < 0x20 || cp == 0x7F) *out += ' ';
    else *out += bytes;
    previous = cp;
  });
}

void render_markdown(const QueryResult& result, std::ostream& out) {
  if (!result.returns_rows || result.columns.empty()) return;
  const size_t columns = result.columns.size();
  std::string line = "|";
  for (size_t c = 0; c < columns; ++c) {
    line += ' ';
    append_markdown_cell(&line, result.columns[c]);
    line += " |";
  }
  line += "\n|";
  for (size_t c = 0; c < columns; ++c)
    line += is_numeric_column(result.rows, result.rows.size(), c) ? " ---: |" : " --- |";
  line += '\n';
  out << line;
  for (const ValueList& row : result.rows) {
    line = "|";
    for (size_t c = 0; c < columns; ++c) {
      line += ' ';
      append_markdown_cell(&line, text_of(cell_at(row, c)));
      line += " |";
    }
    line += '\n';
    out << line;
  }
}

// ---------------------------------------------------------------- table

struct Frame {
  std::string_view horizontal, vertical;
  std::string_view top_left, top_mid, top_right;
  std::string_view mid_left, mid_mid, mid_right;
  std::string_view bottom_left, bottom_mid, bottom_right;
  std::string_view ellipsis;
};

constexpr Frame kUnicodeFrame{"─", "│", "┌", "┬", "┐", "├", "┼", "┤", "└", "┴", "┘", "…"};
constexpr Frame kAsciiFrame{"-", "|", "+", "+", "+", "+", "+", "+", "+", "+", "+", "..."};

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kReset = "\x1b[0m";

// A value as one line of the table: control characters (C0, DEL, C1) as
// escapes (\n, \t, \r, \u001b), so that a value never breaks the frame or
// reaches the terminal as a control sequence.
std::string table_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for_each_code_point(text, [&](char32_t cp, std::string_view bytes) {
    if (cp == '\n') out += "\\n";
    else if (cp == '\t') out += "\\t";
    else if (cp == '\r') out += "\\r";
    else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out += bytes;
    }
  });
  return out;
}

struct TableCell {
  std::string text;  // one line, valid UTF-8, no control characters
  size_t width = 0;  // display width of text
  bool is_null = false;
};

TableCell make_cell(std::string text, bool is_null = false) {
  TableCell cell;
  cell.text = std::move(text);
  cell.width = display_width(cell.text);
  cell.is_null = is_null;
  return cell;
}

// A node as people read it: its labels and its name (or id), such as
// (:Service {name: 'Amazon S3'}); all its properties only when it has
// neither. Relationships show their type, paths both, and lists and maps
// hold entities shown the same way.
std::string compact_node(const NodeValue& n) {
  std::string out = "(";
  if (!n.data) return out.append("#").append(std::to_string(n.id)).append(")");
  for (const auto& l : n.data->labels) out.append(":").append(quote_cypher_name(l));
  const ValueMap* props = n.data->properties.get();
  auto shown = [&](const char* key) -> const Value* {
    if (!props) return nullptr;
    auto it = props->find(key);
    return it == props->end() || it->second.is_null() ? nullptr : &it->second;
  };
  const char* key = shown("name") ? "name" : shown("id") ? "id" : nullptr;
  if (key) {
    out += std::string(out.size() > 1 ? " " : "") + "{" + key + ": " + shown(key)->to_literal() + "}";
  } else if (props && !props->empty()) {
    out += (out.size() > 1 ? " " : "") + Value(*props).to_literal();
  }
  return out + ")";
}

std::string compact_rel(const RelValue& r) {
  std::string out = "[";
  if (!r.data) return out.append("#").append(std::to_string(r.id)).append("]");
  for (const auto& t : r.data->labels) out.append(":").append(quote_cypher_name(t));
  return out + "]";
}

std::string compact_text(const Value& v) {
  switch (v.type()) {
    case Value::Type::kNode: return compact_node(v.as_node());
    case Value::Type::kRelationship: return compact_rel(v.as_relationship());
    case Value::Type::kPath: {
      const PathValue& p = v.as_path();
      std::string out;
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        out += compact_node(p.nodes[i]);
        if (i < p.rels.size()) {
          const RelValue& r = p.rels[i];
          bool backwards = r.data && r.data->end == p.nodes[i].id && r.data->start != p.nodes[i].id;
          out += backwards ? "<-" + compact_rel(r) + "-" : "-" + compact_rel(r) + "->";
        }
      }
      return out;
    }
    case Value::Type::kList: {
      std::string out = "[";
      for (const Value& e : v.as_list()) out += (out.size() > 1 ? ", " : "") + compact_text(e);
      return out + "]";
    }
    case Value::Type::kMap: {
      std::string out = "{";
      for (const auto& [k, e] : v.as_map()) out += (out.size() > 1 ? ", " : "") + quote_cypher_name(k) + ": " + compact_text(e);
      return out + "}";
    }
    default: return v.to_literal();
  }
}

TableCell table_cell(const Value& v, bool compact_entities) {
  if (v.is_null()) return make_cell("null", true);
  if (v.is_string()) return make_cell(table_text(v.as_string()));
  return make_cell(table_text(compact_entities ? compact_text(v) : v.to_literal()));
}

// Column widths within `available` display columns. If the natural widths
// fit they are kept; otherwise columns narrower than a fair share keep their
// width and the wider ones split what is left equally (leftmost first for
// the odd units). Each column gets at least 1, even beyond `available`.
std::vector<size_t> fit_widths(const std::vector<size_t>& natural, size_t available) {
  const size_t n = natural.size();
  if (std::accumulate(natural.begin(), natural.end(), size_t{0}) <= available) return natural;
  if (available < n) return std::vector<size_t>(n, 1);
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return natural[a] < natural[b]; });
  std::vector<size_t> widths(n);
  size_t remaining = available;
  for (size_t k = 0; k < n; ++k) {
    const size_t share = remaining / (n - k);
    if (natural[order[k]] <= share) {
      widths[order[k]] = natural[order[k]];
      remaining -= natural[order[k]];
      continue;
    }
    std::vector<size_t> wide(order.begin() + static_cast<std::ptrdiff_t>(k), order.end());
    std::sort(wide.begin(), wide.end());
    const size_t spare = remaining % (n - k);
    for (size_t j = 0; j < wide.size(); ++j) widths[wide[j]] = share + (j < spare ? 1 : 0);
    break;
  }
  return widths;
}

// `cell` cut to `width` display columns, ending in the ellipsis when cut.
TableCell cut_cell(const TableCell& cell, size_t width, std::string_view ellipsis) {
  if (cell.width <= width) return cell;
  const size_t ellipsis_width = display_width(ellipsis);
  if (width <= ellipsis_width)  // the ellipsis alone, or as many of the ASCII ellipsis' dots as fit
    return make_cell(width == ellipsis_width ? std::string(ellipsis) : std::string(width, '.'), cell.is_null);
  const size_t budget = width - ellipsis_width;
  std::string text;
  size_t used = 0;
  bool full = false;
  // Whole grapheme clusters only: an accent never loses its letter.
  const std::string_view all = cell.text;
  for (size_t pos = 0; pos < all.size() && !full;) {
    const size_t end = unicode::grapheme_end(all, pos);
    const std::string_view cluster = all.substr(pos, end - pos);
    const size_t w = unicode::display_width(cluster);
    if (used + w > budget) {
      full = true;
    } else {
      used += w;
      text += cluster;
    }
    pos = end;
  }
  text += ellipsis;
  return make_cell(std::move(text), cell.is_null);
}

void append_padded(std::string* line, const TableCell& cell, size_t width, bool right, std::string_view style) {
  const std::string pad(width - cell.width, ' ');
  if (right) *line += pad;
  if (!style.empty()) *line += style;
  *line += cell.text;
  if (!style.empty()) *line += kReset;
  if (!right) *line += pad;
}

std::string rule(const std::vector<size_t>& widths, const Frame& frame, std::string_view left, std::string_view mid,
                 std::string_view right) {
  std::string line(left);
  for (size_t c = 0; c < widths.size(); ++c) {
    if (c > 0) line += mid;
    for (size_t i = 0; i < widths[c] + 2; ++i) line += frame.horizontal;
  }
  line += right;
  line += '\n';
  return line;
}

// " (0.81 ms)", built piece by piece (g++ 12 warns, -Wrestrict, about " (" + std::string).
std::string elapsed_note(double ms) {
  std::string note = " (";
  note += format_ms(ms);
  note += ')';
  return note;
}

void render_table(const QueryResult& result, std::ostream& out, const RenderOptions& options) {
  const Frame& frame = options.ascii ? kAsciiFrame : kUnicodeFrame;
  std::string footer;
  if (result.returns_rows) {
    const size_t columns = result.columns.size();
    const size_t total = result.rows.size();
    const size_t shown = options.max_rows > 0 ? std::min(total, options.max_rows) : total;

    std::vector<TableCell> header;
    std::vector<bool> right(columns);
    std::vector<size_t> natural(columns);
    for (size_t c = 0; c < columns; ++c) {
      header.push_back(make_cell(table_text(result.columns[c])));
      right[c] = is_numeric_column(result.rows, shown, c);
      natural[c] = header[c].width;
    }
    std::vector<std::vector<TableCell>> cells(shown);
    for (size_t r = 0; r < shown; ++r) {
      for (size_t c = 0; c < columns; ++c) {
        cells[r].push_back(table_cell(cell_at(result.rows[r], c), options.compact_entities));
        natural[c] = std::max(natural[c], cells[r][c].width);
      }
    }
    const size_t frame_width = 3 * columns + 1;  // "│ " + " │ " between columns + " │"
    const std::vector<size_t> widths =
        options.max_width == 0 ? natural
                               : fit_widths(natural, options.max_width > frame_width ? options.max_width - frame_width : 0);

    auto row_line = [&](const std::vector<TableCell>& row, bool is_header) {
      std::string line(frame.vertical);
      for (size_t c = 0; c < columns; ++c) {
        line += ' ';
        const TableCell cell = cut_cell(row[c], widths[c], frame.ellipsis);
        std::string_view style;
        if (options.color) style = is_header ? kBold : (cell.is_null ? kDim : std::string_view());
        append_padded(&line, cell, widths[c], right[c], style);
        line += ' ';
        line += frame.vertical;
      }
      line += '\n';
      return line;
    };

    if (columns > 0) {
      out << rule(widths, frame, frame.top_left, frame.top_mid, frame.top_right);
      out << row_line(header, true);
      out << rule(widths, frame, frame.mid_left, frame.mid_mid, frame.mid_right);
      for (const auto& row : cells) out << row_line(row, false);
      out << rule(widths, frame, frame.bottom_left, frame.bottom_mid, frame.bottom_right);
    }
    // "226 rows (0.71 ms), 176 not shown: :last shows them all"
    footer = plural(static_cast<int64_t>(total), "row", "rows");
    if (options.show_elapsed) footer += elapsed_note(result.elapsed_ms);
    if (shown < total) {
      footer += ", ";
      footer += std::to_string(total - shown);
      footer += " not shown: :last shows them all";
    }
    footer += '\n';
    if (result.stats.any()) footer += stats_sentence(result.stats) + "\n";
  } else if (result.stats.any() || result.plan.empty()) {  // EXPLAIN: its plan says it all
    footer = result.stats.any() ? stats_sentence(result.stats) : "(no changes, no records)";
    if (options.show_elapsed) footer += elapsed_note(result.elapsed_ms);
    footer += '\n';
  }
  if (!result.plan.empty()) {
    out << valid_utf8(result.plan);
    if (result.plan.back() != '\n') out << '\n';
  }
  out << footer;
}

}  // namespace

namespace {

constexpr std::pair<std::string_view, OutputFormat> kFormatNames[] = {
    {"table", OutputFormat::kTable}, {"csv", OutputFormat::kCsv},
    {"tsv", OutputFormat::kTsv},     {"json", OutputFormat::kJson},
    {"jsonl", OutputFormat::kJsonl}, {"markdown", OutputFormat::kMarkdown},
    {"plain", OutputFormat::kPlain},
};

}  // namespace

bool parse_output_format(std::string_view name, OutputFormat* out) {
  for (const auto& [n, format] : kFormatNames) {
    if (n == name) {
      *out = format;
      return true;
    }
  }
  return false;
}

std::string_view output_format_name(OutputFormat format) {
  for (const auto& [n, f] : kFormatNames)
    if (f == format) return n;
  return "table";
}

std::vector<std::string> output_format_names() {
  std::vector<std::string> names;
  for (const auto& [n, f] : kFormatNames) names.emplace_back(n);
  return names;
}

void render_result(const query::QueryResult& result, OutputFormat format, std::ostream& out,
                   const RenderOptions& options) {
  switch (format) {
    case OutputFormat::kTable: render_table(result, out, options); return;
    case OutputFormat::kJson: render_json(result, out); return;
    case OutputFormat::kJsonl: render_jsonl(result, out); return;
    case OutputFormat::kCsv:
      render_delimited(result, out, ',', [](std::string* line, std::string_view text, bool is_null) {
        append_csv_field(line, text, is_null);
      });
      return;
    case OutputFormat::kTsv:
      render_delimited(result, out, '\t',
                       [](std::string* line, std::string_view text, bool) { append_tsv_field(line, text); });
      return;
    case OutputFormat::kPlain:
      render_delimited(result, out, '\t', [](std::string* line, std::string_view text, bool) {
        *line += valid_utf8(text);
      });
      return;
    case OutputFormat::kMarkdown: render_markdown(result, out); return;
  }
}

std::string describe_stats(const QueryStats& stats) { return stats.any() ? stats_sentence(stats) : ""; }

}  // namespace mlkg::repl

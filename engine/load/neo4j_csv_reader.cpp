#include "engine/load/neo4j_csv_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "engine/common/unicode.hpp"
#include "engine/common/utf8.hpp"
#include "engine/load/source_line.hpp"

namespace mlkg::load {

namespace {

// What a column holds.
enum class Role { kId, kLabel, kStartId, kEndId, kType, kIgnore, kProperty };
enum class Type { kInteger, kFloat, kBool, kString };

struct Column {
  Role role = Role::kProperty;
  std::string name;  // the property name (for kId: the name before ':ID', may be empty)
  Type type = Type::kString;
  bool array = false;
};

struct Field {
  std::string text;
  bool quoted = false;
  pg::SourceLocation location;
};

// The role and type a header cell's part after ':' names, or false.
bool parse_field_type(std::string_view spec, Column* c) {
  // ID(space), ID{label:Person}, START_ID(space): the space is not kept.
  const size_t paren = spec.find_first_of("({");
  const std::string base = unicode::to_lower_ascii(paren == std::string_view::npos ? spec : spec.substr(0, paren));
  if (base == "id") c->role = Role::kId;
  else if (base == "label") c->role = Role::kLabel;
  else if (base == "start_id") c->role = Role::kStartId;
  else if (base == "end_id") c->role = Role::kEndId;
  else if (base == "type") c->role = Role::kType;
  else if (base == "ignore") c->role = Role::kIgnore;
  else {
    if (paren != std::string_view::npos && spec[paren] == '(') return false;
    std::string t = base;
    if (t.size() > 2 && t.compare(t.size() - 2, 2, "[]") == 0) {
      c->array = true;
      t.resize(t.size() - 2);
    }
    if (t == "int" || t == "long" || t == "short" || t == "byte") c->type = Type::kInteger;
    else if (t == "float" || t == "double") c->type = Type::kFloat;
    else if (t == "boolean") c->type = Type::kBool;
    else if (t == "string" || t == "char" || t == "point" || t == "date" || t == "localtime" || t == "time" ||
             t == "localdatetime" || t == "datetime" || t == "duration")
      c->type = Type::kString;
    else return false;
    c->role = Role::kProperty;
  }
  return true;
}

// A header cell: the part after the last ':' that names a role or type, and
// the name before it; a cell with no such part is a string property.
Column parse_header_cell(const std::string& cell) {
  Column c;
  for (size_t colon = cell.rfind(':'); colon != std::string::npos;
       colon = colon == 0 ? std::string::npos : cell.rfind(':', colon - 1)) {
    Column t;
    if (parse_field_type(std::string_view(cell).substr(colon + 1), &t)) {
      t.name = cell.substr(0, colon);
      return t;
    }
  }
  c.name = cell;
  return c;
}

class CsvReader {
 public:
  CsvReader(std::string_view text, const PgParseOptions& options, PgError* error)
      : text_(text), options_(options), error_(error) {}

  Status run(PgSink& sink) {
    // A UTF-8 byte order mark is not part of the first header cell.
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3, line_start_ = 3;
    MLKG_RETURN_IF_ERROR(check_encoding());
    std::vector<Field> fields;
    if (!next_row(&fields)) return fail({1, 1}, "the file is empty: a neo4j-csv file starts with a header line");
    MLKG_RETURN_IF_ERROR(status_);
    MLKG_RETURN_IF_ERROR(read_header(fields));
    size_t next_progress = 1 << 20;
    while (next_row(&fields)) {
      MLKG_RETURN_IF_ERROR(status_);
      if (fields.size() == 1 && fields[0].text.empty() && !fields[0].quoted) continue;  // a blank line
      if (fields.size() != columns_.size())
        return fail(fields[std::min(fields.size(), columns_.size()) - 1].location,
                    "this row has " + std::to_string(fields.size()) + " fields; the header has " +
                        std::to_string(columns_.size()));
      MLKG_RETURN_IF_ERROR(relationships_ ? emit_edge(fields, sink) : emit_node(fields, sink));
      if (options_.progress && pos_ >= next_progress) {
        options_.progress(pos_);
        next_progress = pos_ + (1 << 20);
      }
    }
    return status_;
  }

 private:
  // The text must be UTF-8 without NUL bytes, as PG text must: the first
  // byte that is not is an error at its line and column.
  Status check_encoding() const {
    size_t line = 1, line_start = pos_;
    for (size_t i = pos_; i < text_.size();) {
      const unsigned char c = static_cast<unsigned char>(text_[i]);
      if (c == '\n' || c == '\r') {
        i += (c == '\r' && i + 1 < text_.size() && text_[i + 1] == '\n') ? 2 : 1;
        ++line;
        line_start = i;
        continue;
      }
      if (c == 0) return fail({line, i - line_start + 1}, "a NUL byte: neo4j-csv text has none");
      if (c < 0x80) {
        ++i;
        continue;
      }
      char32_t cp;
      const size_t n = utf8::sequence_length(text_.substr(i), &cp);
      if (n == 0) {
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", c);
        return fail({line, i - line_start + 1}, std::string("invalid UTF-8 byte ") + byte + " (the file must be UTF-8)");
      }
      i += n;
    }
    return Status();
  }

  Status read_header(const std::vector<Field>& fields) {
    bool start = false, end = false, id = false;
    for (const Field& f : fields) {
      Column c = parse_header_cell(f.text);
      if (c.role == Role::kProperty && c.name.empty())
        return fail(f.location, "the header cell '" + f.text + "' names no property");
      if (c.role == Role::kProperty && c.name == f.text && f.text.find(':') != std::string::npos)
        return fail(f.location, "the header cell '" + f.text + "' has the unknown type '" +
                                    f.text.substr(f.text.rfind(':') + 1) +
                                    "' (types: int, long, short, byte, float, double, boolean, string, char, point, "
                                    "date, time, localtime, datetime, localdatetime, duration, each with [] for an "
                                    "array; roles: ID, LABEL, START_ID, END_ID, TYPE, IGNORE)");
      start = start || c.role == Role::kStartId;
      end = end || c.role == Role::kEndId;
      id = id || c.role == Role::kId;
      columns_.push_back(std::move(c));
      header_locations_.push_back(f.location);
    }
    relationships_ = start || end;
    if (relationships_ && !(start && end))
      return fail(fields[0].location, "a relationship file needs both :START_ID and :END_ID columns");
    if (!relationships_ && !id)
      return fail(fields[0].location,
                  "a node file needs an :ID column (a relationship file: :START_ID and :END_ID)");
    for (size_t i = 0; i < columns_.size(); ++i) {
      const Column& c = columns_[i];
      if (!relationships_ && (c.role == Role::kType))
        return fail(header_locations_[i], ":TYPE belongs in a relationship file (with :START_ID and :END_ID)");
      if (relationships_ && c.role == Role::kLabel)
        return fail(header_locations_[i], ":LABEL belongs in a node file");
    }
    return Status();
  }

  // The values of one property field; false (with the error set) if a value
  // does not parse. Returns no values for an empty unquoted field.
  bool values(const Column& c, const Field& f, pg::PgProperty* p) {
    p->values.clear();
    p->list = c.array;
    if (f.text.empty() && (!f.quoted || c.type != Type::kString)) return true;  // no value
    if (!c.array) return one_value(c, f.text, f, &p->values);
    size_t i = 0;
    for (;;) {
      const size_t semi = std::min(f.text.find(';', i), f.text.size());
      if (!one_value(c, std::string_view(f.text).substr(i, semi - i), f, &p->values)) return false;
      if (semi == f.text.size()) break;
      i = semi + 1;
    }
    return true;
  }

  bool one_value(const Column& c, std::string_view s, const Field& f, std::vector<Value>* out) {
    auto bad = [&](const char* what) {
      status_ = fail(f.location, "'" + std::string(s) + "' is not " + what + " (column '" + c.name + "')");
      return false;
    };
    switch (c.type) {
      case Type::kString: out->emplace_back(std::string(s)); return true;
      case Type::kBool: {
        const std::string l = unicode::to_lower_ascii(s);
        if (l == "true") out->emplace_back(true);
        else if (l == "false") out->emplace_back(false);
        else return bad("a boolean (true or false)");
        return true;
      }
      case Type::kInteger: {
        std::string t(s);
        char* end = nullptr;
        errno = 0;
        const long long v = std::strtoll(t.c_str(), &end, 10);
        if (t.empty() || end != t.c_str() + t.size() || errno) return bad("an integer");
        out->emplace_back(static_cast<int64_t>(v));
        return true;
      }
      case Type::kFloat: {
        std::string t(s);
        double v;
        if (t == "NaN") v = std::nan("");
        else if (t == "Infinity") v = HUGE_VAL;
        else if (t == "-Infinity") v = -HUGE_VAL;
        else {
          char* end = nullptr;
          errno = 0;
          v = std::strtod(t.c_str(), &end);
          if (t.empty() || end != t.c_str() + t.size() || errno == ERANGE) return bad("a number");
        }
        out->emplace_back(v);
        return true;
      }
    }
    return false;
  }

  Status emit_node(const std::vector<Field>& fields, PgSink& sink) {
    node_.clear();
    node_.location = fields[0].location;
    bool has_id = false;
    for (size_t i = 0; i < fields.size(); ++i) {
      const Column& c = columns_[i];
      const Field& f = fields[i];
      switch (c.role) {
        case Role::kId:
          if (f.text.empty()) return fail(f.location, "this node has no id");
          node_.id = f.text;
          has_id = true;
          if (!c.name.empty() && c.name != "id") {
            pg::PgProperty p;
            p.key = c.name;
            p.values.emplace_back(f.text);
            p.location = f.location;
            node_.properties.push_back(std::move(p));
          }
          break;
        case Role::kLabel:
          for (size_t at = 0; at <= f.text.size();) {
            const size_t semi = std::min(f.text.find(';', at), f.text.size());
            if (semi > at) {
              node_.labels.push_back(f.text.substr(at, semi - at));
              node_.label_locations.push_back(f.location);
            }
            at = semi + 1;
          }
          break;
        case Role::kProperty: {
          pg::PgProperty p;
          p.key = c.name;
          p.location = f.location;
          if (!values(c, f, &p)) return status_;
          if (!p.values.empty() || (p.list && f.quoted)) node_.properties.push_back(std::move(p));
          break;
        }
        default: break;
      }
    }
    if (!has_id) return fail(node_.location, "this node has no id");
    return sink.on_node(node_);
  }

  Status emit_edge(const std::vector<Field>& fields, PgSink& sink) {
    edge_.clear();
    edge_.location = fields[0].location;
    for (size_t i = 0; i < fields.size(); ++i) {
      const Column& c = columns_[i];
      const Field& f = fields[i];
      switch (c.role) {
        case Role::kStartId:
          if (f.text.empty()) return fail(f.location, "this relationship has no start node");
          edge_.from = f.text;
          edge_.from_location = f.location;
          break;
        case Role::kEndId:
          if (f.text.empty()) return fail(f.location, "this relationship has no end node");
          edge_.to = f.text;
          edge_.to_location = f.location;
          break;
        case Role::kType:
          if (!f.text.empty()) {
            edge_.labels.push_back(f.text);
            edge_.label_locations.push_back(f.location);
          }
          break;
        case Role::kId:
          if (!f.text.empty()) edge_.id = f.text;
          break;
        case Role::kProperty: {
          pg::PgProperty p;
          p.key = c.name;
          p.location = f.location;
          if (!values(c, f, &p)) return status_;
          if (!p.values.empty() || (p.list && f.quoted)) edge_.properties.push_back(std::move(p));
          break;
        }
        default: break;
      }
    }
    return sink.on_edge(edge_);
  }

  // Reads one record into *fields; false at the end of the text. Sets
  // status_ on a malformed quoted field.
  bool next_row(std::vector<Field>* fields) {
    if (pos_ >= text_.size()) return false;
    size_t n = 0;
    for (;;) {
      if (fields->size() <= n) fields->emplace_back();
      Field& f = (*fields)[n++];
      f.text.clear();
      f.quoted = false;
      f.location = here();
      if (pos_ < text_.size() && text_[pos_] == '"') {
        f.quoted = true;
        ++pos_;
        for (;;) {
          const size_t q = text_.find('"', pos_);
          if (q == std::string_view::npos) {
            status_ = fail(f.location, "this quoted field never ends (a '\"' is missing)");
            pos_ = text_.size();
            fields->resize(n);
            return true;
          }
          count_lines(pos_, q);
          f.text.append(text_.substr(pos_, q - pos_));
          pos_ = q + 1;
          if (pos_ < text_.size() && text_[pos_] == '"') {  // "" is a quote
            f.text += '"';
            ++pos_;
            continue;
          }
          break;
        }
        // Spaces may follow the closing quote; anything else is an error.
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
        if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
          status_ = fail(here(), "expected ',' or the end of the line after a quoted field");
          pos_ = text_.size();
          fields->resize(n);
          return true;
        }
      } else {
        const size_t end = std::min(text_.find_first_of(",\r\n", pos_), text_.size());
        std::string_view raw = text_.substr(pos_, end - pos_);
        while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t')) raw.remove_prefix(1);
        while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t')) raw.remove_suffix(1);
        f.text.assign(raw);
        pos_ = end;
      }
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      // The end of the record.
      if (pos_ < text_.size()) {
        if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
        ++pos_;
        ++line_;
        line_start_ = pos_;
      }
      fields->resize(n);
      return true;
    }
  }

  // Counts the line breaks in text_[from, to) (inside a quoted field).
  void count_lines(size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      if (text_[i] == '\n' || (text_[i] == '\r' && (i + 1 >= text_.size() || text_[i + 1] != '\n'))) {
        ++line_;
        line_start_ = i + 1;
      }
    }
  }

  pg::SourceLocation here() const { return {line_, pos_ - line_start_ + 1}; }

  Status fail(pg::SourceLocation at, std::string message) const {
    PgError e;
    e.source_name = options_.source_name;
    e.location = at;
    e.message = std::move(message);
    e.line_text = source_line(text_, at.line);
    if (error_) *error_ = e;
    return Status::invalid_argument(e.to_string());
  }

  std::string_view text_;
  const PgParseOptions& options_;
  PgError* error_;
  size_t pos_ = 0;
  size_t line_ = 1;
  size_t line_start_ = 0;
  Status status_;
  std::vector<Column> columns_;
  std::vector<pg::SourceLocation> header_locations_;
  bool relationships_ = false;
  pg::PgNode node_;
  pg::PgEdge edge_;
};

}  // namespace

Status parse_neo4j_csv(std::string_view text, PgSink& sink, const PgParseOptions& options, PgError* error) {
  return CsvReader(text, options, error).run(sink);
}

}  // namespace mlkg::load

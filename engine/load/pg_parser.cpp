// The PG format parser (PEGTL actions over grammar/pg.hpp) and the PG-JSON /
// PG-JSONL readers. This is the only translation unit that includes the PG
// grammar.
//
// Steady state of parse_pg: the pg::PgNode / pg::PgEdge handed to the sink, their
// label strings and pg::PgProperty objects (key string, values vector) are reused
// through pools, so a statement costs no heap allocation unless it holds
// something larger than before: a string value longer than the small-string
// buffer (Value owns its string), a long edge id (std::optional<std::string>
// cannot keep its buffer when empty), and one entry per edge id in the
// duplicate check.

#include "engine/load/pg_parser.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include "engine/common/utf8.hpp"
#include "grammar/pg.hpp"
#include "grammar/pg_errors.hpp"

namespace mlkg::load {
namespace {

namespace pegtl = tao::pegtl;
namespace gr = mlkg::grammar::pg;
using Json = nlohmann::json;

constexpr size_t kProgressInterval = size_t{1} << 20;

// ---------------------------------------------------------------- locations

// Turns pointers into `text` into line/column. Scans forward only: callers ask
// for positions in non-decreasing order. A line break is LF, CR or CRLF.
class LineCounter {
 public:
  LineCounter(const char* begin, const char* end) : scanned_(begin), end_(end), line_start_(begin) {}

  pg::SourceLocation locate(const char* p) {
    for (; scanned_ < p; ++scanned_) {
      const char c = *scanned_;
      if (c == '\n' || (c == '\r' && (scanned_ + 1 == end_ || scanned_[1] != '\n'))) {
        ++line_;
        line_start_ = scanned_ + 1;
      }
    }
    return {line_, static_cast<size_t>(p - line_start_) + 1};
  }

  // The line that the last located position is on, without its line break.
  std::string_view current_line() const {
    const char* e = line_start_;
    while (e < end_ && *e != '\n' && *e != '\r') ++e;
    return {line_start_, static_cast<size_t>(e - line_start_)};
  }

 private:
  const char* scanned_;
  const char* end_;
  const char* line_start_;
  size_t line_ = 1;
};

// "; found <what is at p>", for syntax errors.
std::string describe_found(const char* p, const char* end) {
  std::string out = "; found ";
  if (p >= end) return out + "the end of the input";
  const auto c = static_cast<unsigned char>(*p);
  char buf[32];
  if (c == '\n' || c == '\r') return out + "a line break";
  if (c == ' ') return out + "a space";
  if (c == '\t') return out + "a tab";
  if (c < 0x20 || c == 0x7F) {
    std::snprintf(buf, sizeof buf, "control character U+%04X", c);
    return out + buf;
  }
  pegtl::memory_input<> character(p, end, "");
  if (!pegtl::parse<pegtl::utf8::any>(character)) {
    std::snprintf(buf, sizeof buf, "invalid UTF-8 byte 0x%02X", c);
    return out + buf;
  }
  return out + '\'' + std::string(p, character.current()) + '\'';
}

// Fills *error (when given) and returns the InvalidArgument status for an
// error at `where` (a pointer into text; nullptr = no location).
Status report(std::string_view text, const std::string& source, const char* where,
              std::string message, PgError* error) {
  PgError e;
  e.source_name = source;
  e.message = std::move(message);
  if (where != nullptr) {
    LineCounter lines(text.data(), text.data() + text.size());
    e.location = lines.locate(where);
    e.line_text = std::string(lines.current_line());
  }
  std::string status_message = e.source_name;
  if (e.location.line != 0) {
    status_message += ':' + std::to_string(e.location.line) + ':' + std::to_string(e.location.column);
  }
  status_message += ": " + e.message;
  if (error != nullptr) *error = std::move(e);
  return Status::invalid_argument(std::move(status_message));
}

// ---------------------------------------------------------------- decoding

uint32_t hex_value(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    const char c = p[i];
    v = v * 16 + static_cast<uint32_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
  }
  return v;
}


// Decodes a quoted string token [b, e), quotes included, into out. The
// grammar has validated it: escapes are complete and surrogates paired.
void decode_quoted(const char* b, const char* e, std::string& out) {
  out.clear();
  ++b;
  --e;
  while (b < e) {
    const auto* bs = static_cast<const char*>(std::memchr(b, '\\', static_cast<size_t>(e - b)));
    if (bs == nullptr) {
      out.append(b, e);
      return;
    }
    out.append(b, bs);
    b = bs + 2;
    switch (bs[1]) {
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        uint32_t cp = hex_value(b);
        b += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) {  // high surrogate; "\uDCxx" follows
          cp = 0x10000 + ((cp - 0xD800) << 10) + (hex_value(b + 2) - 0xDC00);
          b += 6;
        }
        utf8::append(out, cp);
        break;
      }
      default: out += bs[1]; break;  // " ' \ /
    }
  }
}

// An identifier token: quoted (decoded) or unquoted (as is).
void decode_identifier(const char* b, const char* e, std::string& out) {
  if (*b == '"' || *b == '\'') {
    decode_quoted(b, e, out);
  } else {
    out.assign(b, e);
  }
}

// Answers "is this label already in the list?" for one statement or JSON
// object: by a linear scan while the list is short (the common case, no
// allocation), through a hash set once it is long, so that a statement with
// very many labels is not quadratic.
class SeenLabels {
 public:
  // True if `label` is in `labels`. `labels` must be the list asked about
  // since the last reset(), grown only by the labels this said were new.
  bool contains(const std::vector<std::string>& labels, const std::string& label) {
    if (labels.size() < kLinearLimit) return std::find(labels.begin(), labels.end(), label) != labels.end();
    if (set_.empty()) set_.insert(labels.begin(), labels.end());
    return !set_.insert(label).second;
  }
  void reset() {
    if (!set_.empty()) set_.clear();
  }

 private:
  static constexpr size_t kLinearLimit = 32;
  std::unordered_set<std::string> set_;
};

// ---------------------------------------------------------------- parse state

// Thrown to end the parse: the sink said stop, or the text is wrong at
// `where`. A SyntaxError's message says what was expected and gets "; found
// ..." appended; a SemanticError's message is complete.
struct SinkStopped {
  Status status;
};
struct SyntaxError {
  const char* where;
  const char* message;
};
struct SemanticError {
  const char* where;
  std::string message;
};

// What the actions build. Invariants: between statements, node_ / edge_ hold
// no labels or properties (they went back to the pools) and edge_.id is
// empty; positions are recorded as pointers and turned into locations only
// when a statement is complete, because a failed alternative (an edge head
// that turns out to be a node) may have recorded positions beyond the ones
// finally used.
class ParseState {
 public:
  ParseState(std::string_view text, PgSink& sink, const PgParseOptions& options)
      : begin_(text.data()), end_(text.data() + text.size()), sink_(sink), options_(options),
        lines_(begin_, end_) {}

  // For Control: the start of every error point being matched (innermost
  // last), and the opening quote of the string being read.
  std::vector<const char*> error_point_starts;
  const char* quote_open = nullptr;

  void set_node_id(const char* b, const char* e) {
    decode_identifier(b, e, node_.id);
    labels_ = &node_.labels;
    properties_ = &node_.properties;
  }
  void set_source(const char* b, const char* e) {
    decode_identifier(b, e, edge_.from);
    from_pos_ = b;
  }
  // [b, e) is the edge id with its ':'.
  void set_pending_edge_id(const char* b, const char* e) { decode_identifier(b, e - 1, pending_edge_id_); }
  void confirm_edge_id() { edge_.id = pending_edge_id_; }
  void set_direction(bool directed) {
    edge_.directed = directed;
    labels_ = &edge_.labels;
    properties_ = &edge_.properties;
  }
  void set_target(const char* b, const char* e) {
    decode_identifier(b, e, edge_.to);
    to_pos_ = b;
  }

  void add_label(const char* b, const char* e) {
    std::string label = take(label_pool_);
    decode_identifier(b, e, label);
    if (seen_labels_.contains(*labels_, label)) {
      label_pool_.push_back(std::move(label));
      return;
    }
    labels_->push_back(std::move(label));
    label_pos_.push_back(b);
  }

  // [b, e) is the key with its ':'.
  void add_property(const char* b, const char* e) {
    pg::PgProperty property = take(property_pool_);
    decode_identifier(b, e - 1, property.key);
    property.values.clear();
    properties_->push_back(std::move(property));
    property_pos_.push_back(b);
  }
  template <typename... Args>
  void add_value(Args&&... args) {
    properties_->back().values.emplace_back(std::forward<Args>(args)...);
  }
  void add_string_value(const char* b, const char* e) { add_value(std::string_view(b, static_cast<size_t>(e - b))); }
  void add_quoted_value(const char* b, const char* e) {
    decode_quoted(b, e, scratch_);
    add_value(std::string_view(scratch_));
  }
  void add_number(const char* b, const char* e) {
    if (std::none_of(b, e, [](char c) { return c == '.' || c == 'e' || c == 'E'; })) {
      int64_t i;
      if (std::from_chars(b, e, i).ec == std::errc()) {
        add_value(i);
        return;
      }
    }
    double d;
    if (std::from_chars(b, e, d).ec == std::errc::result_out_of_range) {
      scratch_.assign(b, e);  // strtod tells overflow (inf) from underflow (0 or subnormal)
      d = std::strtod(scratch_.c_str(), nullptr);
      if (std::isinf(d)) throw SemanticError{b, "expected a number within the range of a 64-bit float"};
    }
    add_value(d);
  }

  void finish_node(const char* start) {
    node_.location = lines_.locate(start);
    locate_labels_and_properties(node_);
    report_progress(start);
    deliver(sink_.on_node(node_));
    recycle(node_);
  }

  void finish_edge(const char* start) {
    edge_.location = lines_.locate(start);
    edge_.from_location = lines_.locate(from_pos_);
    edge_.to_location = lines_.locate(to_pos_);
    locate_labels_and_properties(edge_);
    if (edge_.id) {
      auto [it, inserted] = edge_ids_.try_emplace(*edge_.id, edge_.location);
      if (!inserted) {
        throw SemanticError{start, "expected a new edge id: \"" + *edge_.id + "\" is already the id of the edge at line " +
                                       std::to_string(it->second.line) + ", column " +
                                       std::to_string(it->second.column)};
      }
    }
    report_progress(start);
    deliver(sink_.on_edge(edge_));
    recycle(edge_);
    edge_.id.reset();
  }

  void finish_document() {
    if (options_.progress) options_.progress(static_cast<size_t>(end_ - begin_));
  }

 private:
  template <typename T>
  static T take(std::vector<T>& pool) {
    if (pool.empty()) return T();
    T t = std::move(pool.back());
    pool.pop_back();
    return t;
  }

  template <typename Statement>
  void locate_labels_and_properties(Statement& s) {
    s.label_locations.resize(label_pos_.size());
    for (size_t i = 0; i < label_pos_.size(); ++i) s.label_locations[i] = lines_.locate(label_pos_[i]);
    for (size_t i = 0; i < property_pos_.size(); ++i) s.properties[i].location = lines_.locate(property_pos_[i]);
  }

  template <typename Statement>
  void recycle(Statement& s) {
    for (std::string& label : s.labels) label_pool_.push_back(std::move(label));
    for (pg::PgProperty& property : s.properties) property_pool_.push_back(std::move(property));
    s.labels.clear();
    s.label_locations.clear();
    s.properties.clear();
    label_pos_.clear();
    property_pos_.clear();
    seen_labels_.reset();
  }

  static void deliver(Status status) {
    if (!status.ok()) throw SinkStopped{std::move(status)};
  }

  void report_progress(const char* at) {
    if (!options_.progress) return;
    const auto done = static_cast<size_t>(at - begin_);
    if (done < next_progress_) return;
    options_.progress(done);
    next_progress_ = (done / kProgressInterval + 1) * kProgressInterval;
  }

  const char* begin_;
  const char* end_;
  PgSink& sink_;
  const PgParseOptions& options_;
  LineCounter lines_;
  size_t next_progress_ = kProgressInterval;

  pg::PgNode node_;
  pg::PgEdge edge_;
  // Where labels and properties go: set by the node id or the edge direction,
  // both of which precede every label and property of their statement.
  std::vector<std::string>* labels_ = &node_.labels;
  std::vector<pg::PgProperty>* properties_ = &node_.properties;
  std::string pending_edge_id_;
  const char* from_pos_ = nullptr;
  const char* to_pos_ = nullptr;
  std::vector<const char*> label_pos_;     // parallel to the target's labels
  std::vector<const char*> property_pos_;  // parallel to the target's properties
  std::string scratch_;
  SeenLabels seen_labels_;
  std::vector<std::string> label_pool_;
  std::vector<pg::PgProperty> property_pool_;
  std::unordered_map<std::string, pg::SourceLocation> edge_ids_;
};

// ---------------------------------------------------------------- control

// PEGTL's must_if control for the messages of pg_errors.hpp (which also
// serves the raise<> traps), except that a failing error point is reported
// where it started rather than where its partial match stopped (`\u12"`
// fails at the '1', not at the '"'), and that an unterminated string is
// reported at its opening quote.
template <typename Rule>
struct Control : gr::control<Rule> {
  static constexpr bool kErrorPoint = gr::error_message<Rule> != nullptr;

  template <typename In>
  static void start(const In& in, ParseState& st) {
    if constexpr (kErrorPoint) st.error_point_starts.push_back(in.current());
    if constexpr (std::is_same_v<Rule, gr::dq_open> || std::is_same_v<Rule, gr::sq_open>) st.quote_open = in.current();
  }
  template <typename In>
  static void success(const In&, ParseState& st) {
    if constexpr (kErrorPoint) st.error_point_starts.pop_back();
  }
  template <typename In>
  static void failure(const In&, ParseState& st) {
    if constexpr (std::is_same_v<Rule, gr::string_not_at_eof>) {
      throw SemanticError{st.quote_open, std::string("unterminated quoted string: ") + gr::error_message<Rule>};
    } else if constexpr (kErrorPoint) {
      throw SyntaxError{st.error_point_starts.back(), gr::error_message<Rule>};
    }
  }
};

// ---------------------------------------------------------------- actions

template <typename Rule>
struct Action : pegtl::nothing<Rule> {};

template <>
struct Action<gr::node_id> {
  template <typename In>
  static void apply(const In& in, ParseState& st) { st.set_node_id(in.begin(), in.end()); }
};
template <>
struct Action<gr::source_id> {
  template <typename In>
  static void apply(const In& in, ParseState& st) { st.set_source(in.begin(), in.end()); }
};
template <>
struct Action<gr::edge_id> {
  template <typename In>
  static void apply(const In& in, ParseState& st) { st.set_pending_edge_id(in.begin(), in.end()); }
};
// Fires only when the whole head matched: an edge id read on the way to a
// node statement (`x: k:v`) is never confirmed.
template <>
struct Action<gr::identified_edge_head> {
  template <typename In>
  static void apply(const In&, ParseState& st) { st.confirm_edge_id(); }
};
template <>
struct Action<gr::direction> {
  template <typename In>
  static void apply(const In& in, ParseState& st) { st.set_direction(in.begin()[1] == '>'); }
};
template <>
struct Action<gr::target_id> {
  template <typename In>
  static void apply(const In& in, ParseState& st) { st.set_target(in.begin(), in.end()); }
};
template <>
struct Action<gr::label_name> {
  template <typename In>
  static void apply(const In& in, ParseState& st) { st.add_label(in.begin(), in.end()); }
};
template <>
struct Action<gr::property_key> {
  template <typename In>
  static void apply(const In& in, ParseState& st) { st.add_property(in.begin(), in.end()); }
};
template <>
struct Action<gr::number_value> {
  template <typename In>
  static void apply(const In& in, ParseState& st) { st.add_number(in.begin(), in.end()); }
};
template <>
struct Action<gr::true_value> {
  template <typename In>
  static void apply(const In&, ParseState& st) { st.add_value(true); }
};
template <>
struct Action<gr::false_value> {
  template <typename In>
  static void apply(const In&, ParseState& st) { st.add_value(false); }
};
template <>
struct Action<gr::quoted_value> {
  template <typename In>
  static void apply(const In& in, ParseState& st) { st.add_quoted_value(in.begin(), in.end()); }
};
template <>
struct Action<gr::unquoted_value> {
  template <typename In>
  static void apply(const In& in, ParseState& st) { st.add_string_value(in.begin(), in.end()); }
};
template <>
struct Action<gr::node_statement> {
  template <typename In>
  static void apply(const In& in, ParseState& st) { st.finish_node(in.begin()); }
};
template <>
struct Action<gr::edge_statement> {
  template <typename In>
  static void apply(const In& in, ParseState& st) { st.finish_edge(in.begin()); }
};

// ---------------------------------------------------------------- PG-JSON

// A structural problem in a JSON statement: where (a path such as
// "labels[1]") and what was expected.
struct JsonIssue {
  std::string path;
  std::string expected;
};

bool non_empty_string(const Json& j) { return j.is_string() && !j.get_ref<const std::string&>().empty(); }

// Checks that object `j` has only keys from `allowed`.
void check_keys(const Json& j, std::initializer_list<const char*> allowed) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; })) {
      std::string names;
      for (const char* a : allowed) names += std::string(names.empty() ? "" : ", ") + '"' + a + '"';
      throw JsonIssue{key, "expected only the fields " + names};
    }
  }
}

void read_labels(const Json& j, const char* key, std::vector<std::string>& labels) {
  SeenLabels seen;
  auto it = j.find(key);
  if (it == j.end()) return;
  if (!it->is_array()) throw JsonIssue{key, "expected an array of labels"};
  for (size_t i = 0; i < it->size(); ++i) {
    const Json& label = (*it)[i];
    if (!non_empty_string(label)) throw JsonIssue{std::string(key) + '[' + std::to_string(i) + ']', "expected a non-empty string"};
    const auto& s = label.get_ref<const std::string&>();
    if (!seen.contains(labels, s)) labels.push_back(s);
  }
}

Value json_scalar(const Json& v, const std::string& path) {
  switch (v.type()) {
    case Json::value_t::string: return Value(v.get_ref<const std::string&>());
    case Json::value_t::boolean: return Value(v.get<bool>());
    case Json::value_t::number_integer: return Value(v.get<int64_t>());
    case Json::value_t::number_unsigned: {
      const auto u = v.get<uint64_t>();
      if (u <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return Value(static_cast<int64_t>(u));
      return Value(static_cast<double>(u));
    }
    case Json::value_t::number_float: return Value(v.get<double>());
    default: throw JsonIssue{path, "expected a string, a number or a boolean"};
  }
}

void read_properties(const Json& j, std::vector<pg::PgProperty>& properties) {
  auto it = j.find("properties");
  if (it == j.end()) return;
  if (!it->is_object()) throw JsonIssue{"properties", "expected an object mapping keys to arrays of values"};
  for (const auto& [key, values] : it->items()) {
    const std::string path = "properties." + key;
    if (key.empty()) throw JsonIssue{"properties", "expected non-empty property keys"};
    if (!values.is_array() || values.empty()) throw JsonIssue{path, "expected a non-empty array of values"};
    pg::PgProperty& p = properties.emplace_back();
    p.key = key;
    p.values.reserve(values.size());
    for (size_t i = 0; i < values.size(); ++i) {
      p.values.push_back(json_scalar(values[i], path + '[' + std::to_string(i) + ']'));
    }
  }
}

void read_node(const Json& j, bool jsonl, pg::PgNode& node) {
  if (!j.is_object()) throw JsonIssue{"", "expected a node object"};
  if (jsonl) {
    check_keys(j, {"type", "id", "labels", "properties"});
  } else {
    check_keys(j, {"id", "labels", "properties"});
  }
  auto id = j.find("id");
  if (id == j.end() || !non_empty_string(*id)) throw JsonIssue{"id", "expected the node id as a non-empty string"};
  node.clear();
  node.id = id->get_ref<const std::string&>();
  read_labels(j, "labels", node.labels);
  read_properties(j, node.properties);
}

void read_edge(const Json& j, bool jsonl, pg::PgEdge& edge) {
  if (!j.is_object()) throw JsonIssue{"", "expected an edge object"};
  if (jsonl) {
    check_keys(j, {"type", "id", "from", "to", "undirected", "labels", "properties"});
  } else {
    check_keys(j, {"id", "from", "to", "undirected", "labels", "properties"});
  }
  edge.clear();
  if (auto id = j.find("id"); id != j.end()) {
    if (!non_empty_string(*id)) throw JsonIssue{"id", "expected the edge id as a non-empty string"};
    edge.id = id->get_ref<const std::string&>();
  }
  for (auto [key, out] : {std::pair{"from", &edge.from}, std::pair{"to", &edge.to}}) {
    auto it = j.find(key);
    if (it == j.end() || !non_empty_string(*it)) throw JsonIssue{key, "expected a node id as a non-empty string"};
    *out = it->get_ref<const std::string&>();
  }
  if (auto u = j.find("undirected"); u != j.end()) {
    if (!u->is_boolean()) throw JsonIssue{"undirected", "expected true or false"};
    edge.directed = !u->get<bool>();
  }
  read_labels(j, "labels", edge.labels);
  read_properties(j, edge.properties);
}

// Checks that edge ids are unique. `where` names the edge for messages.
class EdgeIdCheck {
 public:
  void add(const pg::PgEdge& edge, const std::string& where) {
    if (!edge.id) return;
    auto [it, inserted] = seen_.try_emplace(*edge.id, where);
    if (!inserted) throw JsonIssue{"id", "expected a new edge id: \"" + *edge.id + "\" is already the id of " + it->second};
  }

 private:
  std::unordered_map<std::string, std::string> seen_;
};

// nlohmann's message without its "[json.exception...] parse error at line
// L, column C: " prefix (we give the location ourselves).
std::string json_error_text(const char* what) {
  std::string_view s(what);
  if (auto col = s.find("column "); col != std::string_view::npos) {
    if (auto colon = s.find(": ", col); colon != std::string_view::npos) return std::string(s.substr(colon + 2));
  }
  if (auto bracket = s.find("] "); bracket != std::string_view::npos) return std::string(s.substr(bracket + 2));
  return std::string(s);
}

// Parses one JSON text; on a syntax error returns false and sets *where /
// *message. Number overflow (1e999) is a syntax error here as in the PG format.
bool parse_json(std::string_view text, Json* out, const char** where, std::string* message) {
  try {
    *out = Json::parse(text.begin(), text.end());
    return true;
  } catch (const Json::parse_error& e) {
    *where = text.data() + std::min(e.byte == 0 ? 0 : e.byte - 1, text.size());
    *message = json_error_text(e.what());
  } catch (const Json::exception& e) {  // out_of_range.406: number overflow
    *where = text.data();
    *message = json_error_text(e.what());
  }
  return false;
}

}  // namespace

// ---------------------------------------------------------------- public API

std::string PgError::to_string() const {
  std::string out = source_name;
  if (location.line == 0) return out + ": " + message;
  out += ':' + std::to_string(location.line) + ':' + std::to_string(location.column) + ": " + message;
  out += '\n';
  out += line_text;
  out += '\n';
  // The caret under the column: tabs kept so that it lines up, UTF-8
  // continuation bytes skipped so that a multi-byte character is one column.
  for (size_t i = 0; i + 1 < location.column && i < line_text.size(); ++i) {
    const auto c = static_cast<unsigned char>(line_text[i]);
    if (c == '\t') {
      out += '\t';
    } else if ((c & 0xC0) != 0x80) {
      out += ' ';
    }
  }
  out += '^';
  return out;
}

Status parse_pg(std::string_view text, PgSink& sink, const PgParseOptions& options, PgError* error) {
  // A UTF-8 byte order mark (editors on Windows write one) is no part of the first id.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data(), text.data() + text.size(), options.source_name);
  ParseState state(text, sink, options);
  const char* end = text.data() + text.size();
  try {
    pegtl::parse<gr::document, Action, Control>(in, state);
  } catch (const SyntaxError& e) {
    return report(text, options.source_name, e.where, e.message + describe_found(e.where, end), error);
  } catch (const pegtl::parse_error& e) {  // a raise<> trap
    const char* where = text.data() + e.positions().front().byte;
    return report(text, options.source_name, where, std::string(e.message()) + describe_found(where, end), error);
  } catch (const SemanticError& e) {
    return report(text, options.source_name, e.where, e.message, error);
  } catch (const SinkStopped& s) {
    return s.status;
  }
  state.finish_document();
  return Status();
}

Status parse_pg_json(std::string_view text, PgSink& sink, const PgParseOptions& options, PgError* error) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a byte order mark
  Json doc;
  const char* where = nullptr;
  std::string message;
  if (!parse_json(text, &doc, &where, &message)) return report(text, options.source_name, where, message, error);

  std::string path;  // of the statement being read, for messages
  try {
    if (!doc.is_object()) throw JsonIssue{"", "expected an object with \"nodes\" and \"edges\" arrays"};
    check_keys(doc, {"nodes", "edges"});
    for (const char* key : {"nodes", "edges"}) {
      if (auto it = doc.find(key); it != doc.end() && !it->is_array()) throw JsonIssue{key, "expected an array"};
    }
    pg::PgNode node;
    if (auto nodes = doc.find("nodes"); nodes != doc.end()) {
      for (size_t i = 0; i < nodes->size(); ++i) {
        path = "nodes[" + std::to_string(i) + ']';
        read_node((*nodes)[i], false, node);
        MLKG_RETURN_IF_ERROR(sink.on_node(node));
      }
    }
    pg::PgEdge edge;
    EdgeIdCheck edge_ids;
    if (auto edges = doc.find("edges"); edges != doc.end()) {
      for (size_t i = 0; i < edges->size(); ++i) {
        path = "edges[" + std::to_string(i) + ']';
        read_edge((*edges)[i], false, edge);
        edge_ids.add(edge, path);
        MLKG_RETURN_IF_ERROR(sink.on_edge(edge));
      }
    }
  } catch (const JsonIssue& issue) {
    std::string at = path;
    if (!issue.path.empty()) at += (at.empty() ? "" : ".") + issue.path;
    return report(text, options.source_name, nullptr, (at.empty() ? "" : at + ": ") + issue.expected, error);
  }
  if (options.progress) options.progress(text.size());
  return Status();
}

Status parse_pg_jsonl(std::string_view text, PgSink& sink, const PgParseOptions& options, PgError* error) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a byte order mark
  pg::PgNode node;
  pg::PgEdge edge;
  EdgeIdCheck edge_ids;
  size_t next_progress = kProgressInterval;
  size_t line_number = 0;
  for (size_t pos = 0; pos < text.size();) {
    ++line_number;
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    const size_t line_start = pos;
    pos = eol + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;

    Json j;
    const char* where = nullptr;
    std::string message;
    if (!parse_json(line, &j, &where, &message)) return report(text, options.source_name, where, message, error);
    const char* object_start = line.data() + line.find_first_not_of(" \t\r");
    try {
      const auto type = j.is_object() ? j.find("type") : j.end();
      if (type == j.end() || !type->is_string() || (*type != "node" && *type != "edge")) {
        throw JsonIssue{"type", "expected an object with \"type\": \"node\" or \"type\": \"edge\""};
      }
      if (*type == "node") {
        read_node(j, true, node);
        node.location = {line_number, static_cast<size_t>(object_start - line.data()) + 1};
        MLKG_RETURN_IF_ERROR(sink.on_node(node));
      } else {
        read_edge(j, true, edge);
        edge.location = {line_number, static_cast<size_t>(object_start - line.data()) + 1};
        edge_ids.add(edge, "the edge on line " + std::to_string(line_number));
        MLKG_RETURN_IF_ERROR(sink.on_edge(edge));
      }
    } catch (const JsonIssue& issue) {
      return report(text, options.source_name, object_start,
                    (issue.path.empty() ? "" : issue.path + ": ") + issue.expected, error);
    }
    if (options.progress && line_start >= next_progress) {
      options.progress(line_start);
      next_progress = (line_start / kProgressInterval + 1) * kProgressInterval;
    }
  }
  if (options.progress) options.progress(text.size());
  return Status();
}

size_t analyze_pg_grammar() { return pegtl::analyze<gr::document>(); }

}  // namespace mlkg::load

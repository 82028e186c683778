#include "engine/query/function/functions.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>
#include <optional>
#include <random>

#include "engine/query/function/entity_access.hpp"
#include "engine/common/memory_budget.hpp"
#include "engine/common/unicode.hpp"
#include "engine/common/utf8.hpp"
#include "engine/query/function/value_ops.hpp"

// Conventions, from the TCK where it speaks and Neo4j 5 where it does not:
//  - A null argument gives null, except coalesce(), exists() and the
//    arguments that must be integers (substring's start, left's length, ...),
//    which raise like any other wrong type.
//  - An argument of the wrong type raises TypeError: InvalidArgumentValue
//    (the TCK's code for toInteger([]), labels(1), type(0), ...); range()
//    raises ArgumentError: InvalidArgumentType, as the TCK expects.
//  - A number outside its permitted range (a negative substring start,
//    range() step 0) raises ArgumentError: NumberOutOfRange.
//  - Strings are handled as code points: size(), substring(), left(),
//    right() and reverse() never split a character.
//  - Conversions of strings that do not denote a value give null
//    (toInteger('abc')); toInteger(1e100) raises NumberOutOfRange.

namespace mlkg::query {

namespace {

using Args = std::span<const Value>;

// Results above this many bytes (strings) or elements (lists) are refused
// rather than allowed to exhaust memory, whatever the statement's memory
// budget (engine/common/memory_budget.hpp); range() and replace() check that
// budget first, so one below this cap is the error they report.
constexpr size_t kMaxResultBytes = size_t{1} << 30;
constexpr size_t kMaxListSize = kMaxResultBytes / sizeof(Value);

// ------------------------------------------------------------------ errors and argument checks

[[noreturn]] void bad_argument(std::string_view fn, const Value& v, std::string_view expected) {
  throw QueryError(ErrorClass::kType, ErrorCode::kInvalidArgumentValue,
                   std::string(fn) + "() expects " + std::string(expected) + ", got " + describe_value(v));
}

[[noreturn]] void out_of_range(std::string_view fn, const std::string& why) {
  throw QueryError(ErrorClass::kArgument, ErrorCode::kNumberOutOfRange, std::string(fn) + "(): " + why);
}

[[noreturn]] void too_large(std::string_view fn) {
  throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentValue,
                   std::string(fn) + "(): the result would exceed 1 GiB");
}

int64_t integer_arg(std::string_view fn, const Value& v) {
  if (!v.is_int()) bad_argument(fn, v, "an INTEGER");
  return v.as_int();
}

double number_arg(std::string_view fn, const Value& v) {
  if (v.is_int()) return static_cast<double>(v.as_int());
  if (!v.is_float()) bad_argument(fn, v, "a number");
  return v.as_float();
}

const std::string& string_arg(std::string_view fn, const Value& v) {
  if (!v.is_string()) bad_argument(fn, v, "a STRING");
  return v.as_string();
}

int64_t non_negative_arg(std::string_view fn, const Value& v, std::string_view what) {
  int64_t n = integer_arg(fn, v);
  if (n < 0) out_of_range(fn, std::string(what) + " must not be negative, got " + std::to_string(n));
  return n;
}

// ------------------------------------------------------------------ graph entities

Value fn_id(Args args, FunctionContext&) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (v.is_node()) return Value(static_cast<int64_t>(v.as_node().id));
  if (v.is_relationship()) return Value(static_cast<int64_t>(v.as_relationship().id));
  bad_argument("id", v, "a NODE or RELATIONSHIP");
}

Value fn_labels(Args args, FunctionContext& ctx) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (!v.is_node()) bad_argument("labels", v, "a NODE");
  ValueList out;
  for (std::string& label : node_labels(v.as_node(), ctx.graph)) out.emplace_back(std::move(label));
  return Value(std::move(out));
}

Value fn_type(Args args, FunctionContext& ctx) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (!v.is_relationship()) bad_argument("type", v, "a RELATIONSHIP");
  return Value(rel_type(v.as_relationship(), ctx.graph));
}

// The properties of a map, node or relationship (null for null).
std::optional<ValueMap> properties_of(std::string_view fn, const Value& v, GraphAccessor* graph) {
  switch (v.type()) {
    case Value::Type::kNull: return std::nullopt;
    case Value::Type::kMap: return v.as_map();
    case Value::Type::kNode: return node_properties(v.as_node(), graph);
    case Value::Type::kRelationship: return rel_properties(v.as_relationship(), graph);
    default: bad_argument(fn, v, "a MAP, NODE or RELATIONSHIP");
  }
}

Value fn_properties(Args args, FunctionContext& ctx) {
  std::optional<ValueMap> map = properties_of("properties", args[0], ctx.graph);
  return map ? Value(std::move(*map)) : Value();
}

Value fn_keys(Args args, FunctionContext& ctx) {
  // A map's keys include those whose value is null; stored entities never hold null.
  const Value& v = args[0];
  ValueList out;
  if (v.is_map()) {
    for (const auto& entry : v.as_map()) out.emplace_back(entry.first);
    return Value(std::move(out));
  }
  std::optional<ValueMap> map = properties_of("keys", v, ctx.graph);
  if (!map) return Value();
  for (const auto& entry : *map) out.emplace_back(entry.first);
  return Value(std::move(out));
}

Value endpoint(std::string_view fn, const Value& v, GraphAccessor* graph, bool start) {
  if (v.is_null()) return Value();
  if (!v.is_relationship()) bad_argument(fn, v, "a RELATIONSHIP");
  const RelValue& rel = v.as_relationship();
  return Value(NodeValue{start ? rel_start(rel, graph) : rel_end(rel, graph), nullptr});
}

Value fn_start_node(Args args, FunctionContext& ctx) { return endpoint("startNode", args[0], ctx.graph, true); }
Value fn_end_node(Args args, FunctionContext& ctx) { return endpoint("endNode", args[0], ctx.graph, false); }

const PathValue* path_arg(std::string_view fn, const Value& v) {
  if (v.is_null()) return nullptr;
  if (!v.is_path()) bad_argument(fn, v, "a PATH");
  return &v.as_path();
}

Value fn_nodes(Args args, FunctionContext&) {
  const PathValue* path = path_arg("nodes", args[0]);
  if (!path) return Value();
  return Value(ValueList(path->nodes.begin(), path->nodes.end()));
}

Value fn_relationships(Args args, FunctionContext&) {
  const PathValue* path = path_arg("relationships", args[0]);
  if (!path) return Value();
  return Value(ValueList(path->rels.begin(), path->rels.end()));
}

Value fn_length(Args args, FunctionContext&) {
  const PathValue* path = path_arg("length", args[0]);
  return path ? Value(static_cast<int64_t>(path->rels.size())) : Value();
}

// ------------------------------------------------------------------ lists and general

Value fn_size(Args args, FunctionContext&) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (v.is_list()) return Value(static_cast<int64_t>(v.as_list().size()));
  if (v.is_string()) return Value(static_cast<int64_t>(utf8::length(v.as_string())));
  bad_argument("size", v, "a STRING or LIST");
}

Value fn_char_length(Args args, FunctionContext&) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  return Value(static_cast<int64_t>(utf8::length(string_arg("char_length", v))));
}

const ValueList* list_arg(std::string_view fn, const Value& v) {
  if (v.is_null()) return nullptr;
  if (!v.is_list()) bad_argument(fn, v, "a LIST");
  return &v.as_list();
}

Value fn_head(Args args, FunctionContext&) {
  const ValueList* list = list_arg("head", args[0]);
  return list && !list->empty() ? list->front() : Value();
}

Value fn_last(Args args, FunctionContext&) {
  const ValueList* list = list_arg("last", args[0]);
  return list && !list->empty() ? list->back() : Value();
}

Value fn_tail(Args args, FunctionContext&) {
  const ValueList* list = list_arg("tail", args[0]);
  if (!list) return Value();
  return list->empty() ? Value(ValueList{}) : Value(ValueList(list->begin() + 1, list->end()));
}

Value fn_reverse(Args args, FunctionContext&) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (v.is_list()) return Value(ValueList(v.as_list().rbegin(), v.as_list().rend()));
  const std::string& s = string_arg("reverse", v);
  std::u32string code_points;
  for (size_t pos = 0; pos < s.size();) code_points += utf8::decode(s, pos);
  std::string out;
  out.reserve(s.size());
  for (auto it = code_points.rbegin(); it != code_points.rend(); ++it) utf8::append(out, *it);
  return Value(std::move(out));
}

Value fn_range(Args args, FunctionContext&) {
  auto bound = [](const Value& v) {
    if (!v.is_int())
      throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentType,
                       "range() expects INTEGER arguments, got " + describe_value(v));
    return v.as_int();
  };
  const int64_t start = bound(args[0]), end = bound(args[1]);
  const int64_t step = args.size() > 2 ? bound(args[2]) : 1;
  if (step == 0) out_of_range("range", "the step must not be zero");
  // The element count, in 128 bits: end - start can exceed 64.
  const __int128 span = static_cast<__int128>(end) - start;
  if ((span < 0 && step > 0) || (span > 0 && step < 0)) return Value(ValueList{});
  const __int128 count = span / step + 1;
  // Against the statement's memory budget first: a budget below the fixed
  // cap is what stops the list, and the error says so.
  const __int128 bytes = count * static_cast<__int128>(sizeof(Value));
  check_memory_budget_room(bytes > static_cast<__int128>(UINT64_MAX) ? UINT64_MAX : static_cast<uint64_t>(bytes));
  if (count > static_cast<__int128>(kMaxListSize)) too_large("range");
  ValueList out;
  out.reserve(static_cast<size_t>(count));
  for (__int128 i = 0; i < count; ++i) out.emplace_back(static_cast<int64_t>(start + i * step));
  return Value(std::move(out));
}

Value fn_coalesce(Args args, FunctionContext&) {
  for (const Value& v : args)
    if (!v.is_null()) return v;
  return Value();
}

Value fn_is_empty(Args args, FunctionContext&) {
  const Value& v = args[0];
  switch (v.type()) {
    case Value::Type::kNull: return Value();
    case Value::Type::kString: return Value(v.as_string().empty());
    case Value::Type::kList: return Value(v.as_list().empty());
    case Value::Type::kMap: return Value(v.as_map().empty());
    default: bad_argument("isEmpty", v, "a STRING, LIST or MAP");
  }
}

Value fn_exists(Args args, FunctionContext&) { return Value(!args[0].is_null()); }

// ------------------------------------------------------------------ type conversion

bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A decimal float in Java's Double.parseDouble syntax (without the d/f
// suffixes and hexadecimal forms), surrounding whitespace allowed; a value
// too large for a double is infinite, too small is zero.
std::optional<double> parse_float_text(std::string_view text) {
  std::string_view s = trim_ascii(text);
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s == "NaN") return std::nan("");
  if (s == "Infinity") return negative ? -HUGE_VAL : HUGE_VAL;
  // Digits [. digits] or . digits, then an optional exponent.
  size_t i = 0, int_digits = 0, frac_digits = 0;
  for (; i < s.size() && is_digit(s[i]); ++i) ++int_digits;
  if (i < s.size() && s[i] == '.')
    for (++i; i < s.size() && is_digit(s[i]); ++i) ++frac_digits;
  if (int_digits + frac_digits == 0) return std::nullopt;
  const size_t mantissa_end = i;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp_digits = 0;
    for (; i < s.size() && is_digit(s[i]); ++i) ++exp_digits;
    if (exp_digits == 0) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  double value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value, std::chars_format::general);
  if (ec == std::errc::result_out_of_range) {
    // Overflow or underflow: decide by where the first significant digit sits.
    std::string_view mantissa = s.substr(0, mantissa_end);
    size_t first = mantissa.find_first_of("123456789");
    if (first == std::string_view::npos) return negative ? -0.0 : 0.0;
    const size_t dot = std::min(mantissa.find('.'), mantissa.size());
    long long magnitude = first < dot ? static_cast<long long>(dot - first) : -static_cast<long long>(first - dot - 1);
    long long exponent = 0;
    if (mantissa_end < s.size()) {
      std::string_view exp = s.substr(mantissa_end + 1);
      bool exp_negative = !exp.empty() && exp.front() == '-';
      if (!exp.empty() && (exp.front() == '+' || exp.front() == '-')) exp.remove_prefix(1);
      for (char c : exp) exponent = std::min(exponent * 10 + (c - '0'), 1000000LL);
      if (exp_negative) exponent = -exponent;
    }
    value = magnitude + exponent > 0 ? HUGE_VAL : 0.0;
  } else if (ec != std::errc() || ptr != s.data() + s.size()) {
    return std::nullopt;
  }
  return negative ? -value : value;
}

// `d` truncated to an integer, or nullopt if it is not finite or out of range.
std::optional<int64_t> truncate_to_integer(double d) {
  if (!(d > -9223372036854777856.0 && d < 9223372036854775808.0)) return std::nullopt;  // also NaN
  return static_cast<int64_t>(d);
}

std::optional<int64_t> parse_integer_text(std::string_view text) {
  std::string_view s = trim_ascii(text);
  std::string_view digits = s;
  if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) digits.remove_prefix(1);
  if (!digits.empty() && std::all_of(digits.begin(), digits.end(), is_digit)) {
    if (s.front() == '+') s.remove_prefix(1);
    int64_t value = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec == std::errc() && ptr == s.data() + s.size()) return value;
    return std::nullopt;  // out of range
  }
  std::optional<double> d = parse_float_text(s);
  return d ? truncate_to_integer(*d) : std::nullopt;
}

// The conversions: `or_null` turns every failure into null (the *OrNull
// functions); otherwise unconvertible types raise and unparseable strings
// give null.
Value convert_to_string(const Value& v, bool or_null) {
  switch (v.type()) {
    case Value::Type::kNull:
    case Value::Type::kString: return v;
    case Value::Type::kInt: return Value(std::to_string(v.as_int()));
    case Value::Type::kFloat: return Value(format_float(v.as_float()));
    case Value::Type::kBool: return Value(v.as_bool() ? "true" : "false");
    default:
      if (or_null) return Value();
      bad_argument("toString", v, "a STRING, number or BOOLEAN");
  }
}

Value convert_to_integer(const Value& v, bool or_null) {
  switch (v.type()) {
    case Value::Type::kNull:
    case Value::Type::kInt: return v;
    case Value::Type::kBool: return Value(int64_t{v.as_bool() ? 1 : 0});
    case Value::Type::kFloat: {
      std::optional<int64_t> i = truncate_to_integer(v.as_float());
      if (i) return Value(*i);
      if (or_null) return Value();
      out_of_range("toInteger", describe_value(v) + " has no INTEGER value");
    }
    case Value::Type::kString: {
      std::optional<int64_t> i = parse_integer_text(v.as_string());
      return i ? Value(*i) : Value();
    }
    default:
      if (or_null) return Value();
      bad_argument("toInteger", v, "a STRING, number or BOOLEAN");
  }
}

Value convert_to_float(const Value& v, bool or_null) {
  switch (v.type()) {
    case Value::Type::kNull:
    case Value::Type::kFloat: return v;
    case Value::Type::kInt: return Value(static_cast<double>(v.as_int()));
    case Value::Type::kString: {
      std::optional<double> d = parse_float_text(v.as_string());
      return d ? Value(*d) : Value();
    }
    default:
      if (or_null) return Value();
      bad_argument("toFloat", v, "a STRING or number");
  }
}

Value convert_to_boolean(const Value& v, bool or_null) {
  switch (v.type()) {
    case Value::Type::kNull:
    case Value::Type::kBool: return v;
    case Value::Type::kInt: return Value(v.as_int() != 0);
    case Value::Type::kString: {
      std::string lower = unicode::to_lower(trim_ascii(v.as_string()));
      if (lower == "true") return Value(true);
      if (lower == "false") return Value(false);
      return Value();
    }
    default:
      if (or_null) return Value();
      bad_argument("toBoolean", v, "a STRING, INTEGER or BOOLEAN");
  }
}

constexpr char kToStringList[] = "toStringList";
constexpr char kToIntegerList[] = "toIntegerList";
constexpr char kToFloatList[] = "toFloatList";
constexpr char kToBooleanList[] = "toBooleanList";

template <Value (*Convert)(const Value&, bool)>
Value fn_convert(Args args, FunctionContext&) {
  return Convert(args[0], false);
}

template <Value (*Convert)(const Value&, bool)>
Value fn_convert_or_null(Args args, FunctionContext&) {
  return Convert(args[0], true);
}

// toStringList() and friends: each element converted, null where it cannot be.
template <Value (*Convert)(const Value&, bool), const char* kName>
Value fn_convert_list(Args args, FunctionContext&) {
  const ValueList* list = list_arg(kName, args[0]);
  if (!list) return Value();
  ValueList out;
  out.reserve(list->size());
  for (const Value& item : *list) out.push_back(Convert(item, true));
  return Value(std::move(out));
}

// ------------------------------------------------------------------ strings

Value fn_to_lower(Args args, FunctionContext&) {
  if (args[0].is_null()) return Value();
  return Value(unicode::to_lower(string_arg("toLower", args[0])));
}

// normalize(s[, form]): Unicode normalisation, NFC unless form says 'NFD',
// 'NFKC' or 'NFKD' (Neo4j writes the form as a keyword; here it is a string).
Value fn_normalize(Args args, FunctionContext&) {
  if (args[0].is_null() || (args.size() > 1 && args[1].is_null())) return Value();
  const std::string& text = string_arg("normalize", args[0]);
  unicode::NormalForm form = unicode::NormalForm::kNFC;
  if (args.size() > 1) {
    const std::string& name = string_arg("normalize", args[1]);
    const std::string upper = unicode::to_upper(name);
    if (upper == "NFC") form = unicode::NormalForm::kNFC;
    else if (upper == "NFD") form = unicode::NormalForm::kNFD;
    else if (upper == "NFKC") form = unicode::NormalForm::kNFKC;
    else if (upper == "NFKD") form = unicode::NormalForm::kNFKD;
    else
      throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentValue,
                       "normalize() takes the normal form 'NFC', 'NFD', 'NFKC' or 'NFKD', got " + args[1].to_literal());
  }
  return Value(unicode::normalize(text, form));
}

Value fn_to_upper(Args args, FunctionContext&) {
  if (args[0].is_null()) return Value();
  return Value(unicode::to_upper(string_arg("toUpper", args[0])));
}

// `s` without leading and/or trailing whitespace (unicode::is_whitespace).
std::string trim_whitespace(std::string_view s, bool leading, bool trailing) {
  size_t begin = 0, end = s.size();
  if (leading) {
    while (begin < end) {
      size_t next = begin;
      if (!unicode::is_whitespace(utf8::decode(s, next))) break;
      begin = next;
    }
  }
  if (trailing) {
    // Scan forward, remembering where the last run of whitespace began.
    size_t content_end = begin;
    for (size_t pos = begin; pos < end;) {
      if (!unicode::is_whitespace(utf8::decode(s, pos))) content_end = pos;
    }
    end = content_end;
  }
  return std::string(s.substr(begin, end - begin));
}

template <bool kLeading, bool kTrailing>
Value fn_trim(Args args, FunctionContext&) {
  if (args[0].is_null()) return Value();
  constexpr const char* name = kLeading && kTrailing ? "trim" : (kLeading ? "ltrim" : "rtrim");
  return Value(trim_whitespace(string_arg(name, args[0]), kLeading, kTrailing));
}

Value fn_substring(Args args, FunctionContext&) {
  if (args[0].is_null()) return Value();
  const std::string& s = string_arg("substring", args[0]);
  const int64_t start = non_negative_arg("substring", args[1], "the start");
  const size_t begin = utf8::offset_of(s, static_cast<size_t>(start));
  if (args.size() < 3) return Value(s.substr(begin));
  const int64_t length = non_negative_arg("substring", args[2], "the length");
  const size_t end = begin + utf8::offset_of(std::string_view(s).substr(begin), static_cast<size_t>(length));
  return Value(s.substr(begin, end - begin));
}

Value fn_left(Args args, FunctionContext&) {
  if (args[0].is_null()) return Value();
  const std::string& s = string_arg("left", args[0]);
  const int64_t n = non_negative_arg("left", args[1], "the length");
  return Value(s.substr(0, utf8::offset_of(s, static_cast<size_t>(n))));
}

Value fn_right(Args args, FunctionContext&) {
  if (args[0].is_null()) return Value();
  const std::string& s = string_arg("right", args[0]);
  const auto n = static_cast<size_t>(non_negative_arg("right", args[1], "the length"));
  const size_t count = utf8::length(s);
  return Value(s.substr(count > n ? utf8::offset_of(s, count - n) : 0));
}

Value fn_split(Args args, FunctionContext&) {
  if (args[0].is_null() || args[1].is_null()) return Value();
  const std::string& s = string_arg("split", args[0]);
  std::vector<std::string_view> delimiters;
  if (args[1].is_string()) {
    delimiters.push_back(args[1].as_string());
  } else if (args[1].is_list()) {
    for (const Value& d : args[1].as_list()) {
      const std::string& text = string_arg("split", d);
      if (!text.empty()) delimiters.push_back(text);
    }
  } else {
    bad_argument("split", args[1], "a STRING or a LIST of STRINGs as delimiter");
  }
  ValueList out;
  if (delimiters.empty() || (delimiters.size() == 1 && delimiters[0].empty())) {
    // An empty delimiter splits into characters.
    for (size_t pos = 0; pos < s.size();) {
      size_t start = pos;
      utf8::decode(s, pos);
      out.emplace_back(std::string_view(s).substr(start, pos - start));
    }
    return Value(std::move(out));
  }
  size_t piece_start = 0;
  for (size_t pos = 0; pos < s.size();) {
    auto hit = std::find_if(delimiters.begin(), delimiters.end(),
                            [&](std::string_view d) { return std::string_view(s).substr(pos).starts_with(d); });
    if (hit == delimiters.end()) {
      utf8::decode(s, pos);
      continue;
    }
    out.emplace_back(std::string_view(s).substr(piece_start, pos - piece_start));
    pos += hit->size();
    piece_start = pos;
  }
  out.emplace_back(std::string_view(s).substr(piece_start));
  return Value(std::move(out));
}

Value fn_replace(Args args, FunctionContext&) {
  for (const Value& v : args)
    if (v.is_null()) return Value();
  const std::string& s = string_arg("replace", args[0]);
  const std::string& search = string_arg("replace", args[1]);
  const std::string& replacement = string_arg("replace", args[2]);
  std::string out;
  if (search.empty()) {
    // As Java: the replacement goes before every character and at the end.
    const size_t count = utf8::length(s) + 1;
    check_memory_budget_room(static_cast<uint64_t>(
        std::min<unsigned __int128>(s.size() + static_cast<unsigned __int128>(count) * replacement.size(), UINT64_MAX)));
    if (!replacement.empty() &&
        (s.size() > kMaxResultBytes || count > (kMaxResultBytes - s.size()) / replacement.size()))
      too_large("replace");
    out.reserve(s.size() + count * replacement.size());
    for (size_t pos = 0; pos < s.size();) {
      out += replacement;
      size_t start = pos;
      utf8::decode(s, pos);
      out.append(s, start, pos - start);
    }
    out += replacement;
    return Value(std::move(out));
  }
  size_t pos = 0;
  for (size_t hit; (hit = s.find(search, pos)) != std::string::npos; pos = hit + search.size()) {
    out.append(s, pos, hit - pos);
    out += replacement;
    if (out.size() > kMaxResultBytes) too_large("replace");
  }
  out.append(s, pos, std::string::npos);
  return Value(std::move(out));
}

// ------------------------------------------------------------------ numbers

Value fn_abs(Args args, FunctionContext&) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (v.is_int()) {
    if (v.as_int() == INT64_MIN)
      throw QueryError(ErrorClass::kArgument, ErrorCode::kIntegerOverflow, "abs(): integer overflow");
    return Value(v.as_int() < 0 ? -v.as_int() : v.as_int());
  }
  return Value(std::fabs(number_arg("abs", v)));
}

Value fn_sign(Args args, FunctionContext&) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (v.is_int()) return Value(int64_t{(v.as_int() > 0) - (v.as_int() < 0)});
  const double d = number_arg("sign", v);
  return Value(int64_t{(d > 0) - (d < 0)});  // NaN: 0
}

Value fn_is_nan(Args args, FunctionContext&) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  return Value(std::isnan(number_arg("isNaN", v)));
}

// A function of one number with a float result.
template <double (*F)(double)>
Value float_function(std::string_view name, Args args) {
  if (args[0].is_null()) return Value();
  return Value(F(number_arg(name, args[0])));
}

double cot(double x) { return 1.0 / std::tan(x); }
double degrees(double x) { return x * (180.0 / std::numbers::pi); }
double radians(double x) { return x * (std::numbers::pi / 180.0); }
double haversin(double x) { return (1.0 - std::cos(x)) / 2.0; }
double ceil_of(double x) { return std::ceil(x); }
double floor_of(double x) { return std::floor(x); }
double sqrt_of(double x) { return std::sqrt(x); }
double exp_of(double x) { return std::exp(x); }
double log_of(double x) { return std::log(x); }
double log10_of(double x) { return std::log10(x); }
double sin_of(double x) { return std::sin(x); }
double cos_of(double x) { return std::cos(x); }
double tan_of(double x) { return std::tan(x); }
double asin_of(double x) { return std::asin(x); }
double acos_of(double x) { return std::acos(x); }
double atan_of(double x) { return std::atan(x); }

#define MLKG_FLOAT_FUNCTION(fn_name, cypher_name, f) \
  Value fn_name(Args args, FunctionContext&) { return float_function<f>(cypher_name, args); }
MLKG_FLOAT_FUNCTION(fn_ceil, "ceil", ceil_of)
MLKG_FLOAT_FUNCTION(fn_floor, "floor", floor_of)
MLKG_FLOAT_FUNCTION(fn_sqrt, "sqrt", sqrt_of)
MLKG_FLOAT_FUNCTION(fn_exp, "exp", exp_of)
MLKG_FLOAT_FUNCTION(fn_log, "log", log_of)
MLKG_FLOAT_FUNCTION(fn_log10, "log10", log10_of)
MLKG_FLOAT_FUNCTION(fn_sin, "sin", sin_of)
MLKG_FLOAT_FUNCTION(fn_cos, "cos", cos_of)
MLKG_FLOAT_FUNCTION(fn_tan, "tan", tan_of)
MLKG_FLOAT_FUNCTION(fn_cot, "cot", cot)
MLKG_FLOAT_FUNCTION(fn_asin, "asin", asin_of)
MLKG_FLOAT_FUNCTION(fn_acos, "acos", acos_of)
MLKG_FLOAT_FUNCTION(fn_atan, "atan", atan_of)
MLKG_FLOAT_FUNCTION(fn_degrees, "degrees", degrees)
MLKG_FLOAT_FUNCTION(fn_radians, "radians", radians)
MLKG_FLOAT_FUNCTION(fn_haversin, "haversin", haversin)
#undef MLKG_FLOAT_FUNCTION

Value fn_atan2(Args args, FunctionContext&) {
  if (args[0].is_null() || args[1].is_null()) return Value();
  return Value(std::atan2(number_arg("atan2", args[0]), number_arg("atan2", args[1])));
}

Value fn_pi(Args, FunctionContext&) { return Value(std::numbers::pi); }
Value fn_e(Args, FunctionContext&) { return Value(std::numbers::e); }

Value fn_rand(Args, FunctionContext&) {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return Value(std::uniform_real_distribution<double>(0.0, 1.0)(engine));
}

// Java's BigDecimal rounding modes, as round(x, precision, mode) names them.
enum class RoundingMode { kUp, kDown, kCeiling, kFloor, kHalfUp, kHalfDown, kHalfEven, kUnnecessary };

RoundingMode rounding_mode(const Value& v) {
  static const std::pair<std::string_view, RoundingMode> kModes[] = {
      {"UP", RoundingMode::kUp},           {"DOWN", RoundingMode::kDown},
      {"CEILING", RoundingMode::kCeiling}, {"FLOOR", RoundingMode::kFloor},
      {"HALF_UP", RoundingMode::kHalfUp},  {"HALF_DOWN", RoundingMode::kHalfDown},
      {"HALF_EVEN", RoundingMode::kHalfEven}, {"UNNECESSARY", RoundingMode::kUnnecessary},
  };
  const std::string upper = unicode::to_upper(string_arg("round", v));
  for (const auto& [name, mode] : kModes)
    if (upper == name) return mode;
  throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentValue,
                   "round(): unknown rounding mode " + describe_value(v) +
                       " (UP, DOWN, CEILING, FLOOR, HALF_UP, HALF_DOWN, HALF_EVEN or UNNECESSARY)");
}

// `x` rounded to `precision` decimal places as Java's
// BigDecimal.valueOf(x).setScale(precision, mode).doubleValue() does: on the
// shortest decimal form of x, so round(2.675, 2) is 2.68.
double round_decimal(double x, int64_t precision, RoundingMode mode) {
  if (!std::isfinite(x) || x == 0) return x == 0 ? 0.0 : x;
  const bool negative = x < 0;
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, std::fabs(x), std::chars_format::scientific);
  std::string_view sci(buf, static_cast<size_t>(res.ptr - buf));  // d[.ddd]e±XX
  const size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e))
    if (c != '.') digits += c;
  int exponent = 0;
  std::from_chars(sci.data() + e + 1 + (sci[e + 1] == '+'), sci.data() + sci.size(), exponent);
  // value = 0.digits × 10^point
  const int64_t point = exponent + 1;
  precision = std::clamp<int64_t>(precision, -1000, 1000);
  const int64_t keep = point + precision;  // how many leading digits survive
  if (keep >= static_cast<int64_t>(digits.size())) return x;
  // The first dropped digit, and whether any later dropped digit is non-zero.
  const int first_dropped = keep >= 0 ? digits[static_cast<size_t>(keep)] - '0' : 0;
  const size_t rest_from = keep >= 0 ? static_cast<size_t>(keep) + 1 : 0;
  const bool rest_nonzero = digits.find_first_not_of('0', rest_from) != std::string::npos;
  const bool dropped_nonzero = first_dropped != 0 || rest_nonzero;
  std::string kept = keep > 0 ? digits.substr(0, static_cast<size_t>(keep)) : std::string();
  const bool last_odd = !kept.empty() && (kept.back() - '0') % 2 == 1;
  bool up = false;
  switch (mode) {
    case RoundingMode::kUp: up = dropped_nonzero; break;
    case RoundingMode::kDown: break;
    case RoundingMode::kCeiling: up = dropped_nonzero && !negative; break;
    case RoundingMode::kFloor: up = dropped_nonzero && negative; break;
    case RoundingMode::kHalfUp: up = first_dropped >= 5; break;
    case RoundingMode::kHalfDown: up = first_dropped > 5 || (first_dropped == 5 && rest_nonzero); break;
    case RoundingMode::kHalfEven:
      up = first_dropped > 5 || (first_dropped == 5 && (rest_nonzero || last_odd));
      break;
    case RoundingMode::kUnnecessary:
      if (dropped_nonzero)
        throw QueryError(ErrorClass::kArgument, ErrorCode::kInvalidArgumentValue,
                         "round(): rounding mode UNNECESSARY, but " + format_float(x) + " needs rounding");
      break;
  }
  // The result is kept × 10^-precision.
  const int64_t scale = -precision;
  if (kept.empty()) kept = "0";
  if (up) {
    size_t i = kept.size();
    while (i > 0 && kept[i - 1] == '9') kept[--i] = '0';
    if (i == 0) {
      kept.insert(kept.begin(), '1');
    } else {
      ++kept[i - 1];
    }
  }
  if (kept.find_first_not_of('0') == std::string::npos) return 0.0;
  const std::string text = kept + "e" + std::to_string(scale);
  double result = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), result);
  if (ec == std::errc::result_out_of_range) result = scale > 0 ? HUGE_VAL : 0.0;
  return negative ? -result : result;
}

Value fn_round(Args args, FunctionContext&) {
  for (const Value& v : args)
    if (v.is_null()) return Value();
  const Value& x = args[0];
  if (!x.is_number()) bad_argument("round", x, "a number");
  const int64_t precision = args.size() > 1 ? integer_arg("round", args[1]) : 0;
  // Without a mode, ties go towards positive infinity at precision 0 (as
  // Java's Math.round) and away from zero otherwise (HALF_UP).
  RoundingMode mode;
  if (args.size() > 2) {
    mode = rounding_mode(args[2]);
  } else if (precision == 0) {
    mode = (x.is_int() ? x.as_int() >= 0 : x.as_float() >= 0) ? RoundingMode::kHalfUp : RoundingMode::kHalfDown;
  } else {
    mode = RoundingMode::kHalfUp;
  }
  const double value = x.is_int() ? static_cast<double>(x.as_int()) : x.as_float();
  return Value(round_decimal(value, precision, mode));
}

// ------------------------------------------------------------------ the registry

const FunctionInfo kFunctions[] = {
    // Graph entities and paths
    {"id", 1, 1, fn_id, "id(input :: NODE | RELATIONSHIP?) :: INTEGER?",
     "The internal id of a node or relationship.", true},
    {"labels", 1, 1, fn_labels, "labels(input :: NODE?) :: LIST<STRING>?", "The labels of a node.", true},
    {"type", 1, 1, fn_type, "type(input :: RELATIONSHIP?) :: STRING?", "The type of a relationship.", true},
    {"properties", 1, 1, fn_properties, "properties(input :: MAP | NODE | RELATIONSHIP?) :: MAP?",
     "The properties of a node or relationship as a map (a map is returned as it is).", true},
    {"keys", 1, 1, fn_keys, "keys(input :: MAP | NODE | RELATIONSHIP?) :: LIST<STRING>?",
     "The property keys of a node or relationship, or the keys of a map.", true},
    {"startNode", 1, 1, fn_start_node, "startNode(input :: RELATIONSHIP?) :: NODE?",
     "The node a relationship starts at.", true},
    {"endNode", 1, 1, fn_end_node, "endNode(input :: RELATIONSHIP?) :: NODE?", "The node a relationship ends at.",
     true},
    {"nodes", 1, 1, fn_nodes, "nodes(input :: PATH?) :: LIST<NODE>?", "The nodes of a path, in order.", true},
    {"relationships", 1, 1, fn_relationships, "relationships(input :: PATH?) :: LIST<RELATIONSHIP>?",
     "The relationships of a path, in order.", true},
    {"length", 1, 1, fn_length, "length(input :: PATH?) :: INTEGER?",
     "The number of relationships in a path.", true},
    // Lists and general
    {"size", 1, 1, fn_size, "size(input :: STRING | LIST<ANY>?) :: INTEGER?",
     "The number of elements of a list, or of characters of a string.", true},
    {"char_length", 1, 1, fn_char_length, "char_length(input :: STRING?) :: INTEGER?",
     "The number of characters of a string.", true},
    {"character_length", 1, 1, fn_char_length, "character_length(input :: STRING?) :: INTEGER?",
     "The number of characters of a string.", true},
    {"head", 1, 1, fn_head, "head(list :: LIST<ANY>?) :: ANY?", "The first element of a list (null if empty).",
     true},
    {"last", 1, 1, fn_last, "last(list :: LIST<ANY>?) :: ANY?", "The last element of a list (null if empty).",
     true},
    {"tail", 1, 1, fn_tail, "tail(list :: LIST<ANY>?) :: LIST<ANY>?",
     "A list without its first element.", true},
    {"reverse", 1, 1, fn_reverse, "reverse(input :: STRING | LIST<ANY>?) :: STRING | LIST<ANY>?",
     "A string's characters or a list's elements in reverse order.", true},
    {"range", 2, 3, fn_range, "range(start :: INTEGER, end :: INTEGER, step = 1 :: INTEGER) :: LIST<INTEGER>",
     "The integers from start to end inclusive, step apart.", true},
    {"coalesce", 1, -1, fn_coalesce, "coalesce(input :: ANY?, ...) :: ANY?", "The first argument that is not null.",
     true},
    {"isEmpty", 1, 1, fn_is_empty, "isEmpty(input :: STRING | LIST<ANY> | MAP?) :: BOOLEAN?",
     "Whether a string, list or map is empty.", true},
    {"exists", 1, 1, fn_exists, "exists(input :: ANY?) :: BOOLEAN", "Whether the value is not null.", true},
    // Type conversion
    {"toString", 1, 1, fn_convert<convert_to_string>, "toString(input :: ANY?) :: STRING?",
     "A number, boolean or string as a string.", true},
    {"toStringOrNull", 1, 1, fn_convert_or_null<convert_to_string>, "toStringOrNull(input :: ANY?) :: STRING?",
     "As toString(), but null for values it cannot convert.", true},
    {"toInteger", 1, 1, fn_convert<convert_to_integer>, "toInteger(input :: ANY?) :: INTEGER?",
     "A number, boolean or numeric string as an integer (floats truncated; null for other strings).", true},
    {"toIntegerOrNull", 1, 1, fn_convert_or_null<convert_to_integer>, "toIntegerOrNull(input :: ANY?) :: INTEGER?",
     "As toInteger(), but null for values it cannot convert.", true},
    {"toFloat", 1, 1, fn_convert<convert_to_float>, "toFloat(input :: ANY?) :: FLOAT?",
     "A number or numeric string as a float (null for other strings).", true},
    {"toFloatOrNull", 1, 1, fn_convert_or_null<convert_to_float>, "toFloatOrNull(input :: ANY?) :: FLOAT?",
     "As toFloat(), but null for values it cannot convert.", true},
    {"toBoolean", 1, 1, fn_convert<convert_to_boolean>, "toBoolean(input :: ANY?) :: BOOLEAN?",
     "'true' or 'false' (any case), an integer (0 is false) or a boolean as a boolean.", true},
    {"toBooleanOrNull", 1, 1, fn_convert_or_null<convert_to_boolean>, "toBooleanOrNull(input :: ANY?) :: BOOLEAN?",
     "As toBoolean(), but null for values it cannot convert.", true},
    {"toStringList", 1, 1, fn_convert_list<convert_to_string, kToStringList>, "toStringList(input :: LIST<ANY>?) :: LIST<STRING?>?",
     "Each element converted as toStringOrNull() does.", true},
    {"toIntegerList", 1, 1, fn_convert_list<convert_to_integer, kToIntegerList>,
     "toIntegerList(input :: LIST<ANY>?) :: LIST<INTEGER?>?", "Each element converted as toIntegerOrNull() does.",
     true},
    {"toFloatList", 1, 1, fn_convert_list<convert_to_float, kToFloatList>, "toFloatList(input :: LIST<ANY>?) :: LIST<FLOAT?>?",
     "Each element converted as toFloatOrNull() does.", true},
    {"toBooleanList", 1, 1, fn_convert_list<convert_to_boolean, kToBooleanList>,
     "toBooleanList(input :: LIST<ANY>?) :: LIST<BOOLEAN?>?", "Each element converted as toBooleanOrNull() does.",
     true},
    // Strings
    {"normalize", 1, 2, fn_normalize, "normalize(input :: STRING?, normalForm = 'NFC' :: STRING) :: STRING?",
     "A string in a Unicode normal form: 'NFC' (the default), 'NFD', 'NFKC' or 'NFKD'.", true},
    {"toLower", 1, 1, fn_to_lower, "toLower(input :: STRING?) :: STRING?", "A string in lower case.", true},
    {"toUpper", 1, 1, fn_to_upper, "toUpper(input :: STRING?) :: STRING?", "A string in upper case.", true},
    {"trim", 1, 1, fn_trim<true, true>, "trim(input :: STRING?) :: STRING?",
     "A string without leading and trailing whitespace.", true},
    {"ltrim", 1, 1, fn_trim<true, false>, "ltrim(input :: STRING?) :: STRING?",
     "A string without leading whitespace.", true},
    {"rtrim", 1, 1, fn_trim<false, true>, "rtrim(input :: STRING?) :: STRING?",
     "A string without trailing whitespace.", true},
    {"substring", 2, 3, fn_substring,
     "substring(original :: STRING?, start :: INTEGER, length = null :: INTEGER) :: STRING?",
     "The part of a string from a 0-based start, to the end or of the given length.", true},
    {"left", 2, 2, fn_left, "left(original :: STRING?, length :: INTEGER) :: STRING?",
     "The first characters of a string.", true},
    {"right", 2, 2, fn_right, "right(original :: STRING?, length :: INTEGER) :: STRING?",
     "The last characters of a string.", true},
    {"split", 2, 2, fn_split, "split(original :: STRING?, delimiter :: STRING | LIST<STRING>?) :: LIST<STRING>?",
     "The parts of a string between the occurrences of a delimiter (or of any of a list of them).", true},
    {"replace", 3, 3, fn_replace, "replace(original :: STRING?, search :: STRING?, replace :: STRING?) :: STRING?",
     "A string with every occurrence of search replaced.", true},
    // Numbers
    {"abs", 1, 1, fn_abs, "abs(input :: INTEGER | FLOAT?) :: INTEGER | FLOAT?", "The absolute value of a number.",
     true},
    {"ceil", 1, 1, fn_ceil, "ceil(input :: FLOAT?) :: FLOAT?", "The smallest whole number not below the input.",
     true},
    {"floor", 1, 1, fn_floor, "floor(input :: FLOAT?) :: FLOAT?", "The largest whole number not above the input.",
     true},
    {"round", 1, 3, fn_round, "round(input :: FLOAT?, precision = 0 :: INTEGER, mode = null :: STRING) :: FLOAT?",
     "A number rounded to the given decimal places (ties towards +infinity at 0 places, else away from zero, "
     "unless a mode such as 'HALF_EVEN' says otherwise).",
     true},
    {"sign", 1, 1, fn_sign, "sign(input :: INTEGER | FLOAT?) :: INTEGER?", "-1, 0 or 1: the sign of a number.",
     true},
    {"isNaN", 1, 1, fn_is_nan, "isNaN(input :: INTEGER | FLOAT?) :: BOOLEAN?", "Whether a number is NaN.", true},
    {"sqrt", 1, 1, fn_sqrt, "sqrt(input :: FLOAT?) :: FLOAT?", "The square root of a number.", true},
    {"exp", 1, 1, fn_exp, "exp(input :: FLOAT?) :: FLOAT?", "e raised to the power of a number.", true},
    {"log", 1, 1, fn_log, "log(input :: FLOAT?) :: FLOAT?", "The natural logarithm of a number.", true},
    {"log10", 1, 1, fn_log10, "log10(input :: FLOAT?) :: FLOAT?", "The base-10 logarithm of a number.", true},
    {"sin", 1, 1, fn_sin, "sin(input :: FLOAT?) :: FLOAT?", "The sine of an angle in radians.", true},
    {"cos", 1, 1, fn_cos, "cos(input :: FLOAT?) :: FLOAT?", "The cosine of an angle in radians.", true},
    {"tan", 1, 1, fn_tan, "tan(input :: FLOAT?) :: FLOAT?", "The tangent of an angle in radians.", true},
    {"cot", 1, 1, fn_cot, "cot(input :: FLOAT?) :: FLOAT?", "The cotangent of an angle in radians.", true},
    {"asin", 1, 1, fn_asin, "asin(input :: FLOAT?) :: FLOAT?", "The arcsine of a number, in radians.", true},
    {"acos", 1, 1, fn_acos, "acos(input :: FLOAT?) :: FLOAT?", "The arccosine of a number, in radians.", true},
    {"atan", 1, 1, fn_atan, "atan(input :: FLOAT?) :: FLOAT?", "The arctangent of a number, in radians.", true},
    {"atan2", 2, 2, fn_atan2, "atan2(y :: FLOAT?, x :: FLOAT?) :: FLOAT?",
     "The angle in radians of the point (x, y) from the x axis.", true},
    {"degrees", 1, 1, fn_degrees, "degrees(input :: FLOAT?) :: FLOAT?", "Radians converted to degrees.", true},
    {"radians", 1, 1, fn_radians, "radians(input :: FLOAT?) :: FLOAT?", "Degrees converted to radians.", true},
    {"haversin", 1, 1, fn_haversin, "haversin(input :: FLOAT?) :: FLOAT?", "Half the versine of a number.", true},
    {"pi", 0, 0, fn_pi, "pi() :: FLOAT", "The mathematical constant pi.", true},
    {"e", 0, 0, fn_e, "e() :: FLOAT", "The base of the natural logarithm, e.", true},
    {"rand", 0, 0, fn_rand, "rand() :: FLOAT", "A random float in [0, 1), different at every call.", false},
};

std::string lowercase_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  return out;
}

// The registry sorted by lower-case name, for lookups and listings.
const std::vector<std::pair<std::string, const FunctionInfo*>>& sorted_functions() {
  static const auto sorted = [] {
    std::vector<std::pair<std::string, const FunctionInfo*>> out;
    for (const FunctionInfo& info : kFunctions) out.emplace_back(lowercase_ascii(info.name), &info);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
  }();
  return sorted;
}

}  // namespace

const FunctionInfo* find_function(std::string_view name) {
  const auto& sorted = sorted_functions();
  const std::string key = lowercase_ascii(name);
  auto it = std::lower_bound(sorted.begin(), sorted.end(), key,
                             [](const auto& entry, const std::string& k) { return entry.first < k; });
  return it != sorted.end() && it->first == key ? it->second : nullptr;
}

std::vector<const FunctionInfo*> all_functions() {
  std::vector<const FunctionInfo*> out;
  for (const auto& entry : sorted_functions()) out.push_back(entry.second);
  return out;
}

}  // namespace mlkg::query

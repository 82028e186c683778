// The scalar function library. Cases marked with a TCK scenario come from
// shared/tck/features (Feature file, scenario number).

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "engine/query/function/functions.hpp"
#include "support/fake_graph.hpp"
#include "support/query_checks.hpp"

using namespace mlkg;
using namespace mlkg::query;
using mlkg::test::kNull;
using mlkg::test::list;
using mlkg::test::map;
using mlkg::test::require_error;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();
const int64_t kMinInt = std::numeric_limits<int64_t>::min();
const int64_t kMaxInt = std::numeric_limits<int64_t>::max();

// Calls the function `name` (looked up as the binder does) on `args`.
Value call(std::string_view name, std::vector<Value> args, GraphAccessor* graph = nullptr) {
  const FunctionInfo* info = find_function(name);
  REQUIRE(info != nullptr);
  REQUIRE(static_cast<int>(args.size()) >= info->min_args);
  REQUIRE((info->max_args == -1 || static_cast<int>(args.size()) <= info->max_args));
  FunctionContext ctx{graph};
  return info->fn(args, ctx);
}

void require_call_error(std::string_view name, std::vector<Value> args, ErrorClass error_class, ErrorCode code,
                        GraphAccessor* graph = nullptr) {
  INFO(name << " with " << args.size() << " arguments");
  require_error([&] { call(name, args, graph); }, error_class, code);
}

void require_bad_value(std::string_view name, std::vector<Value> args, GraphAccessor* graph = nullptr) {
  require_call_error(name, std::move(args), ErrorClass::kType, ErrorCode::kInvalidArgumentValue, graph);
}

void require_out_of_range(std::string_view name, std::vector<Value> args) {
  require_call_error(name, std::move(args), ErrorClass::kArgument, ErrorCode::kNumberOutOfRange);
}

// A small graph: (1:Foo:Bar {name: 'Popeye', level: 9001})-[10:KNOWS {since: 2015}]->(2)
struct Fixture {
  test::FakeGraph graph;
  Value a, b, r, p;
  Fixture() {
    a = Value(graph.add_node(1, {"Foo", "Bar"}, {{"name", Value("Popeye")}, {"level", Value(9001)}}));
    b = Value(graph.add_node(2, {}));
    r = Value(graph.add_rel(10, "KNOWS", 1, 2, {{"since", Value(2015)}}));
    PathValue path;
    path.nodes = {a.as_node(), b.as_node()};
    path.rels = {r.as_relationship()};
    p = Value(std::move(path));
  }
};

}  // namespace

// ------------------------------------------------------------------ the registry

TEST_CASE("functions: names are found in any case and listed in name order", "[expr]") {
  CHECK(find_function("toInteger") != nullptr);
  CHECK(find_function("TOINTEGER") == find_function("toInteger"));
  CHECK(find_function("tointeger")->name == "toInteger");
  CHECK(find_function("noSuchFunction") == nullptr);
  CHECK(find_function("") == nullptr);
  const auto all = all_functions();
  REQUIRE(all.size() > 60);
  for (size_t i = 1; i < all.size(); ++i) {
    std::string a(all[i - 1]->name), b(all[i]->name);
    for (auto* s : {&a, &b})
      for (char& c : *s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(a < b);
  }
}

TEST_CASE("functions: every function documents itself and declares a sane arity", "[expr]") {
  for (const FunctionInfo* info : all_functions()) {
    INFO(info->name);
    CHECK(info->signature.starts_with(info->name));
    CHECK(!info->description.empty());
    CHECK(info->min_args >= 0);
    CHECK((info->max_args == -1 || info->max_args >= info->min_args));
    CHECK(info->deterministic == (info->name != "rand"));
  }
  for (const char* name : {"id", "labels", "type", "properties", "keys", "size", "length", "nodes", "relationships",
                           "startNode", "endNode", "coalesce", "head", "last", "tail", "range", "reverse",
                           "toString", "toInteger", "toFloat", "toBoolean", "toStringOrNull", "toIntegerOrNull",
                           "toFloatOrNull", "toBooleanOrNull", "toLower", "toUpper", "trim", "ltrim", "rtrim",
                           "substring", "left", "right", "split", "replace", "abs", "ceil", "floor", "round",
                           "sign", "sqrt", "exp", "log", "log10", "sin", "cos", "tan", "asin", "acos", "atan",
                           "atan2", "pi", "e", "rand", "isEmpty", "exists"})
    CHECK(find_function(name) != nullptr);
}

TEST_CASE("functions: no argument values make a function fail other than with a QueryError", "[expr]") {
  Fixture f;
  const std::vector<Value> samples = {kNull,        Value(1),       Value(-1),    Value(0),         Value(kMinInt),
                                      Value(kMaxInt), Value(2.5),   Value(kNaN),  Value(-kInf),     Value("abc"),
                                      Value(""),    Value(true),    list({}),     list({1, "a"}),   map({}),
                                      map({{"a", 1}}), f.a,         f.r,          f.p};
  for (const FunctionInfo* info : all_functions()) {
    const int max_args = info->max_args == -1 ? 3 : std::min(info->max_args, 3);
    for (int n = info->min_args; n <= max_args; ++n) {
      std::vector<size_t> pick(static_cast<size_t>(n), 0);
      for (;;) {
        std::vector<Value> args;
        for (size_t i : pick) args.push_back(samples[i]);
        FunctionContext ctx{&f.graph};
        try {
          info->fn(args, ctx);
        } catch (const QueryError&) {
        } catch (const std::exception& e) {
          FAIL(info->name << " threw " << e.what());
        }
        size_t k = 0;
        while (k < pick.size() && ++pick[k] == samples.size()) pick[k++] = 0;
        if (k == pick.size()) break;
      }
    }
  }
}

// ------------------------------------------------------------------ graph entities

TEST_CASE("functions: id() gives the internal id of nodes and relationships", "[expr]") {
  Fixture f;
  CHECK(call("id", {f.a}) == Value(1));
  CHECK(call("id", {f.r}) == Value(10));
  CHECK(call("id", {kNull}) == kNull);
  require_bad_value("id", {Value(1)});
  require_bad_value("id", {f.p});
}

TEST_CASE("functions: labels() lists a node's labels, null for null, an error for anything else", "[expr]") {
  Fixture f;
  CHECK(call("labels", {f.a}, &f.graph) == list({"Foo", "Bar"}));  // Graph3 [2]
  CHECK(call("labels", {f.b}, &f.graph) == list({}));              // Graph3 [5]
  CHECK(call("labels", {kNull}, &f.graph) == kNull);               // Graph3 [7]
  require_bad_value("labels", {Value(1)}, &f.graph);               // Graph3 [9]
  require_bad_value("labels", {f.r}, &f.graph);
}

TEST_CASE("functions: type() gives a relationship's type and rejects other values", "[expr]") {
  Fixture f;
  CHECK(call("type", {f.r}, &f.graph) == Value("KNOWS"));  // Graph4 [1]
  CHECK(call("type", {kNull}, &f.graph) == kNull);         // Graph4 [3]
  // Graph4 [6]
  for (const Value& v : {Value(0), Value(1.0), Value(true), Value(""), list({})})
    require_bad_value("type", {v}, &f.graph);
  require_bad_value("type", {f.a}, &f.graph);
}

TEST_CASE("functions: properties() and keys() read nodes, relationships and maps", "[expr]") {
  Fixture f;
  const Value popeye = map({{"name", "Popeye"}, {"level", 9001}});
  CHECK(call("properties", {f.a}, &f.graph) == popeye);          // Graph9 [1]
  CHECK(call("properties", {f.r}, &f.graph) == map({{"since", 2015}}));  // Graph9 [2]
  CHECK(call("properties", {kNull}, &f.graph) == kNull);         // Graph9 [3]
  CHECK(call("properties", {popeye}, &f.graph) == popeye);       // Graph9 [4]
  require_bad_value("properties", {Value(1)}, &f.graph);         // Graph9 [5]
  require_bad_value("properties", {Value("Cypher")}, &f.graph);  // Graph9 [6]

  CHECK(call("keys", {f.a}, &f.graph) == list({"level", "name"}));  // Graph8 [1]
  CHECK(call("keys", {f.r}, &f.graph) == list({"since"}));          // Graph8 [5]
  CHECK(call("keys", {kNull}, &f.graph) == kNull);                  // Map3 [3]
  // Map3 [4]: keys with null values count.
  CHECK(call("keys", {map({{"k", kNull}, {"l", 1}})}) == list({"k", "l"}));
  CHECK(call("keys", {map({})}) == list({}));
  require_bad_value("keys", {list({})});
}

TEST_CASE("functions: without a graph accessor, entity functions read materialised data", "[expr]") {
  auto data = std::make_shared<EntityData>();
  data->labels = {"L"};
  data->properties = std::make_shared<const ValueMap>(ValueMap{{"k", Value(1)}});
  CHECK(call("labels", {Value(NodeValue{3, data})}) == list({"L"}));
  CHECK(call("keys", {Value(NodeValue{3, data})}) == list({"k"}));
  auto rel_data = std::make_shared<EntityData>();
  rel_data->labels = {"T"};
  rel_data->start = 3;
  rel_data->end = 4;
  CHECK(call("type", {Value(RelValue{9, rel_data})}) == Value("T"));
  CHECK(call("endNode", {Value(RelValue{9, rel_data})}).as_node().id == 4);
  require_call_error("labels", {Value(NodeValue{3, nullptr})}, ErrorClass::kEntityNotFound, ErrorCode::kNone);
}

TEST_CASE("functions: startNode() and endNode() give a relationship's endpoints", "[expr]") {
  Fixture f;
  CHECK(call("startNode", {f.r}, &f.graph) == f.a);
  CHECK(call("endNode", {f.r}, &f.graph) == f.b);
  CHECK(call("startNode", {kNull}, &f.graph) == kNull);
  require_bad_value("endNode", {f.a}, &f.graph);
}

TEST_CASE("functions: nodes(), relationships() and length() take paths apart", "[expr]") {
  Fixture f;
  CHECK(call("nodes", {f.p}) == list({f.a, f.b}));
  CHECK(call("relationships", {f.p}) == list({f.r}));  // Path2 [1]
  CHECK(call("length", {f.p}) == Value(1));
  PathValue zero;
  zero.nodes = {f.a.as_node()};
  CHECK(call("length", {Value(zero)}) == Value(0));  // Path3 [1]
  CHECK(call("relationships", {kNull}) == kNull);   // Path2 [3]
  CHECK(call("length", {kNull}) == kNull);
  require_bad_value("length", {f.a});                // Path3 [2]
  require_bad_value("length", {f.r});                // Path3 [3]
  require_bad_value("length", {Value("abc")});
  require_bad_value("nodes", {list({})});
}

// ------------------------------------------------------------------ lists and general

TEST_CASE("functions: size() counts list elements and string characters", "[expr]") {
  Fixture f;
  CHECK(call("size", {list({1, 2, 3})}) == Value(3));         // List6 [1]
  CHECK(call("size", {kNull}) == kNull);                      // List6 [4]
  CHECK(call("size", {Value("\xc3\xa9t\xc3\xa9")}) == Value(3));  // 'été': characters, not bytes
  CHECK(call("size", {Value("")}) == Value(0));
  CHECK(call("char_length", {Value("Alice")}) == Value(5));
  require_bad_value("size", {f.p});                           // List6 [5]
  require_bad_value("size", {Value(12)});
  require_bad_value("size", {map({})});
}

TEST_CASE("functions: head(), last() and tail() handle empty lists and null", "[expr]") {
  CHECK(call("head", {list({1, 2, 3})}) == Value(1));
  CHECK(call("last", {list({1, 2, 3})}) == Value(3));
  CHECK(call("tail", {list({1, 2, 3})}) == list({2, 3}));
  CHECK(call("tail", {call("tail", {list({1, 2, 3, 4, 5})})}) == list({3, 4, 5}));  // List9 [1]
  CHECK(call("head", {list({})}) == kNull);
  CHECK(call("last", {list({})}) == kNull);
  CHECK(call("tail", {list({})}) == list({}));
  CHECK(call("head", {kNull}) == kNull);
  require_bad_value("head", {Value("abc")});
}

TEST_CASE("functions: range() counts from start to end inclusive by step", "[expr]") {
  // List11 [1]
  CHECK(call("range", {Value(-1236), Value(-1234)}) == list({-1236, -1235, -1234}));
  CHECK(call("range", {Value(0), Value(-123)}) == list({}));
  CHECK(call("range", {Value(0), Value(0)}) == list({0}));
  // List11 [2]
  CHECK(call("range", {Value(1381), Value(-3412), Value(-1298)}) == list({1381, 83, -1215, -2513}));
  CHECK(call("range", {Value(10), Value(-10), Value(-3)}) == list({10, 7, 4, 1, -2, -5, -8}));
  CHECK(call("range", {Value(0), Value(1), Value(2)}) == list({0}));
  CHECK(call("range", {Value(0), Value(0), Value(-1)}) == list({0}));
  CHECK(call("range", {Value(-3412), Value(1381), Value(1298)}) == list({-3412, -2114, -816, 482}));
  // List11 [3]: empty exactly when the direction and the step's sign disagree.
  for (int64_t stop : {1, 2, 500, 1000, 1500}) {
    for (int64_t step : {-1000, -3, -2, -1, 1, 2, 3, 1000}) {
      const bool empty = (stop > 0) != (step > 0);
      CHECK(call("range", {Value(0), Value(stop), Value(step)}).as_list().empty() == empty);
    }
  }
  // The extremes neither overflow nor allocate the impossible.
  CHECK(call("range", {Value(kMinInt), Value(kMaxInt), Value(kMaxInt)}) ==
        list({Value(kMinInt), Value(int64_t{-1}), Value(kMaxInt - 1)}));
  CHECK(call("range", {Value(kMaxInt - 1), Value(kMaxInt)}) == list({Value(kMaxInt - 1), Value(kMaxInt)}));
  require_call_error("range", {Value(0), Value(kMaxInt)}, ErrorClass::kArgument, ErrorCode::kInvalidArgumentValue);
}

TEST_CASE("functions: range() rejects a zero step and non-integer arguments", "[expr]") {
  // List11 [4]
  require_out_of_range("range", {Value(0), Value(0), Value(0)});
  require_out_of_range("range", {Value(2), Value(-8), Value(0)});
  // List11 [5]
  const std::vector<std::vector<Value>> cases = {
      {Value(true), Value(1), Value(1)}, {Value(0), Value(true), Value(1)}, {Value(0), Value(1), Value(true)},
      {Value(-1.1), Value(1), Value(1)}, {Value(-0.0), Value(1), Value(1)}, {Value(0), Value(1.1), Value(1)},
      {Value(0), Value(1), Value(1.1)},  {Value("xyz"), Value(1), Value(1)}, {Value(0), list({1}), Value(1)},
      {Value(0), Value(1), map({{"step", 1}})}};
  for (const auto& args : cases)
    require_call_error("range", args, ErrorClass::kArgument, ErrorCode::kInvalidArgumentType);
}

TEST_CASE("functions: reverse() reverses lists and strings by character", "[expr]") {
  CHECK(call("reverse", {Value("raksO")}) == Value("Oskar"));  // String3 [1]
  CHECK(call("reverse", {Value("a\xc3\xa9z")}) == Value("z\xc3\xa9" "a"));
  CHECK(call("reverse", {list({1, "b", list({3})})}) == list({list({3}), "b", 1}));
  CHECK(call("reverse", {kNull}) == kNull);
  require_bad_value("reverse", {Value(12)});
}

TEST_CASE("functions: coalesce() gives its first non-null argument", "[expr]") {
  CHECK(call("coalesce", {kNull, Value("CEO"), Value("Nobody")}) == Value("CEO"));  // Conditional1 [1]
  CHECK(call("coalesce", {kNull, kNull}) == kNull);
  CHECK(call("coalesce", {Value(false)}) == Value(false));
}

TEST_CASE("functions: isEmpty() and exists()", "[expr]") {
  CHECK(call("isEmpty", {Value("")}) == Value(true));
  CHECK(call("isEmpty", {list({kNull})}) == Value(false));
  CHECK(call("isEmpty", {map({})}) == Value(true));
  CHECK(call("isEmpty", {kNull}) == kNull);
  require_bad_value("isEmpty", {Value(0)});
  CHECK(call("exists", {kNull}) == Value(false));
  CHECK(call("exists", {Value(0)}) == Value(true));
}

// ------------------------------------------------------------------ type conversion

TEST_CASE("functions: toBoolean() converts strings, integers and booleans", "[expr]") {
  CHECK(call("toBoolean", {Value("true")}) == Value(true));  // TypeConversion1 [2]
  CHECK(call("toBoolean", {Value("false")}) == Value(false));  // TypeConversion1 [3]
  CHECK(call("toBoolean", {Value("TRUE")}) == Value(true));
  // TypeConversion1 [4]
  for (const Value& v : {kNull, Value(""), Value(" tru "), Value("f alse")}) CHECK(call("toBoolean", {v}) == kNull);
  CHECK(call("toBoolean", {Value(0)}) == Value(false));
  CHECK(call("toBoolean", {Value(-3)}) == Value(true));
  // TypeConversion1 [5]
  Fixture f;
  for (const Value& v : {list({}), map({}), Value(1.0), f.a, f.r, f.p}) {
    require_bad_value("toBoolean", {v});
    CHECK(call("toBooleanOrNull", {v}) == kNull);
  }
  CHECK(call("toBooleanList", {list({"true", 0, 1.5, kNull})}) == list({true, false, kNull, kNull}));
}

TEST_CASE("functions: toInteger() truncates floats, parses strings and counts booleans", "[expr]") {
  CHECK(call("toInteger", {Value(82.9)}) == Value(82));  // TypeConversion2 [1]
  CHECK(call("toInteger", {Value(-82.9)}) == Value(-82));
  // TypeConversion2 [2], [4], [5]
  CHECK(call("toInteger", {Value("foo")}) == kNull);
  CHECK(call("toInteger", {Value("")}) == kNull);
  CHECK(call("toInteger", {Value(2)}) == Value(2));
  CHECK(call("toInteger", {Value("1.7")}) == Value(1));
  CHECK(call("toInteger", {Value("2.9")}) == Value(2));
  CHECK(call("toInteger", {Value(" 42 ")}) == Value(42));
  CHECK(call("toInteger", {Value("-9223372036854775808")}) == Value(kMinInt));
  CHECK(call("toInteger", {Value("9223372036854775808")}) == kNull);
  CHECK(call("toInteger", {Value("1e3")}) == Value(1000));
  CHECK(call("toInteger", {Value("12abc")}) == kNull);
  CHECK(call("toInteger", {Value(true)}) == Value(1));
  CHECK(call("toInteger", {Value(false)}) == Value(0));
  CHECK(call("toInteger", {kNull}) == kNull);
  require_out_of_range("toInteger", {Value(1e100)});
  require_out_of_range("toInteger", {Value(kNaN)});
  CHECK(call("toIntegerOrNull", {Value(1e100)}) == kNull);
  // TypeConversion2 [8]
  Fixture f;
  for (const Value& v : {list({}), map({}), f.a, f.r, f.p}) {
    require_bad_value("toInteger", {v});
    CHECK(call("toIntegerOrNull", {v}) == kNull);
  }
  CHECK(call("toIntegerList", {list({"2", 2.9, "foo", true})}) == list({2, 2, kNull, 1}));
}

TEST_CASE("functions: toFloat() converts numbers and numeric strings", "[expr]") {
  CHECK(call("toFloat", {Value(3.4)}) == Value(3.4));  // TypeConversion3 [1]
  CHECK(call("toFloat", {Value(3)}) == Value(3.0));
  CHECK(call("toFloat", {Value("foo")}) == kNull);  // TypeConversion3 [2]
  CHECK(call("toFloat", {Value("")}) == kNull);
  CHECK(call("toFloat", {Value(" 2.5 ")}) == Value(2.5));
  CHECK(call("toFloat", {Value("-.5e1")}) == Value(-5.0));
  CHECK(call("toFloat", {Value("1e999")}) == Value(kInf));
  CHECK(call("toFloat", {Value("-1e-999")}) == Value(-0.0));
  CHECK(call("toFloat", {Value("Infinity")}) == Value(kInf));
  CHECK(std::isnan(call("toFloat", {Value("NaN")}).as_float()));
  CHECK(call("toFloat", {Value("inf")}) == kNull);
  CHECK(call("toFloat", {Value("1.5f")}) == kNull);
  // TypeConversion3 [6]
  Fixture f;
  for (const Value& v : {Value(true), list({}), map({}), f.a, f.r, f.p}) {
    require_bad_value("toFloat", {v});
    CHECK(call("toFloatOrNull", {v}) == kNull);
  }
  CHECK(call("toFloatList", {list({"1", 2, true})}) == list({1.0, 2.0, kNull}));
}

TEST_CASE("functions: toString() writes numbers, booleans and strings", "[expr]") {
  CHECK(call("toString", {Value(true)}) == Value("true"));  // TypeConversion4 [2]
  // TypeConversion4 [5]
  CHECK(call("toString", {Value(1)}) == Value("1"));
  CHECK(call("toString", {Value(2.3)}) == Value("2.3"));
  CHECK(call("toString", {Value("apa")}) == Value("apa"));
  CHECK(call("toString", {Value(1.0)}) == Value("1.0"));
  CHECK(call("toString", {kNull}) == kNull);
  // TypeConversion4 [10]
  Fixture f;
  for (const Value& v : {list({}), map({}), f.a, f.r, f.p}) {
    require_bad_value("toString", {v});
    CHECK(call("toStringOrNull", {v}) == kNull);
  }
  CHECK(call("toStringList", {list({1, 2.5, list({})})}) == list({"1", "2.5", kNull}));
  require_bad_value("toStringList", {Value("not a list")});
}

// ------------------------------------------------------------------ strings

TEST_CASE("functions: substring(), left() and right() cut by character", "[expr]") {
  CHECK(call("substring", {Value("0123456789"), Value(1)}) == Value("123456789"));  // String1 [1]
  CHECK(call("substring", {Value("0123456789"), Value(1), Value(3)}) == Value("123"));
  CHECK(call("substring", {Value("abc"), Value(10)}) == Value(""));
  CHECK(call("substring", {Value("abc"), Value(1), Value(100)}) == Value("bc"));
  CHECK(call("substring", {Value("\xc3\xa9t\xc3\xa9"), Value(1), Value(2)}) == Value("t\xc3\xa9"));
  CHECK(call("substring", {kNull, Value(1)}) == kNull);
  require_out_of_range("substring", {Value("abc"), Value(-1)});
  require_out_of_range("substring", {Value("abc"), Value(0), Value(-1)});
  require_bad_value("substring", {Value("abc"), kNull});
  require_bad_value("substring", {Value("abc"), Value(1.5)});
  CHECK(call("left", {Value("hello"), Value(3)}) == Value("hel"));
  CHECK(call("left", {Value("hello"), Value(30)}) == Value("hello"));
  CHECK(call("right", {Value("hello"), Value(3)}) == Value("llo"));
  CHECK(call("right", {Value("h\xc3\xa9llo"), Value(4)}) == Value("\xc3\xa9llo"));
  CHECK(call("right", {Value("hello"), Value(0)}) == Value(""));
  CHECK(call("left", {kNull, kNull}) == kNull);
  require_bad_value("left", {Value("hello"), kNull});
  require_out_of_range("right", {Value("hello"), Value(-1)});
}

TEST_CASE("functions: split() cuts at every delimiter, keeping empty pieces", "[expr]") {
  CHECK(call("split", {Value("one1two"), Value("1")}) == list({"one", "two"}));  // String4 [1]
  CHECK(call("split", {Value("a,b,"), Value(",")}) == list({"a", "b", ""}));
  CHECK(call("split", {Value(",a,,b"), Value(",")}) == list({"", "a", "", "b"}));
  CHECK(call("split", {Value("abc"), Value("")}) == list({"a", "b", "c"}));
  CHECK(call("split", {Value("a\xc3\xa9"), Value("")}) == list({"a", "\xc3\xa9"}));
  CHECK(call("split", {Value(""), Value(",")}) == list({""}));
  CHECK(call("split", {Value("a-b_c"), list({"-", "_"})}) == list({"a", "b", "c"}));
  CHECK(call("split", {Value("a::b"), Value("::")}) == list({"a", "b"}));
  CHECK(call("split", {kNull, Value(",")}) == kNull);
  CHECK(call("split", {Value("a"), kNull}) == kNull);
  require_bad_value("split", {Value("a"), Value(1)});
}

TEST_CASE("functions: replace() replaces every occurrence", "[expr]") {
  CHECK(call("replace", {Value("hello"), Value("l"), Value("w")}) == Value("hewwo"));
  CHECK(call("replace", {Value("aaa"), Value("aa"), Value("b")}) == Value("ba"));
  CHECK(call("replace", {Value("ab"), Value(""), Value("-")}) == Value("-a-b-"));
  CHECK(call("replace", {Value("hello"), Value("x"), Value("y")}) == Value("hello"));
  CHECK(call("replace", {Value("hello"), kNull, Value("y")}) == kNull);
  require_bad_value("replace", {Value("hello"), Value(1), Value("y")});
}

TEST_CASE("functions: case mapping and trimming work beyond ASCII", "[expr]") {
  CHECK(call("toUpper", {Value("hello \xc3\xa9t\xc3\xa9")}) == Value("HELLO \xc3\x89T\xc3\x89"));
  CHECK(call("toLower", {Value("\xce\x91\xce\x92 AbC")}) == Value("\xce\xb1\xce\xb2 abc"));  // Greek ΑΒ
  CHECK(call("toLower", {kNull}) == kNull);
  require_bad_value("toUpper", {Value(1)});
  CHECK(call("trim", {Value("  \t hello \n ")}) == Value("hello"));
  CHECK(call("ltrim", {Value("   hello ")}) == Value("hello "));
  CHECK(call("rtrim", {Value(" hello   ")}) == Value(" hello"));
  CHECK(call("trim", {Value("\xe3\x80\x80x\xe2\x80\x83")}) == Value("x"));  // ideographic and em spaces
  CHECK(call("trim", {Value("\xc2\xa0x")}) == Value("\xc2\xa0x"));          // a no-break space stays (Java)
  CHECK(call("trim", {Value("   ")}) == Value(""));
  CHECK(call("trim", {kNull}) == kNull);
}

// ------------------------------------------------------------------ numbers

TEST_CASE("functions: abs(), sign(), ceil() and floor()", "[expr]") {
  CHECK(call("abs", {Value(-3)}) == Value(3));
  CHECK(call("abs", {Value(-2.5)}) == Value(2.5));
  CHECK(call("abs", {kNull}) == kNull);
  require_call_error("abs", {Value(kMinInt)}, ErrorClass::kArgument, ErrorCode::kIntegerOverflow);
  require_bad_value("abs", {Value("-1")});
  CHECK(call("sign", {Value(-17)}) == Value(-1));
  CHECK(call("sign", {Value(0.1)}) == Value(1));
  CHECK(call("sign", {Value(0)}) == Value(0));
  CHECK(call("sign", {Value(kNaN)}) == Value(0));
  CHECK(call("ceil", {Value(0.1)}) == Value(1.0));
  CHECK(call("ceil", {Value(1)}) == Value(1.0));
  CHECK(call("floor", {Value(0.9)}) == Value(0.0));
  CHECK(call("floor", {Value(-0.5)}) == Value(-1.0));
}

TEST_CASE("functions: round() rounds ties towards positive infinity without a precision", "[expr]") {
  CHECK(call("round", {Value(3.141592)}) == Value(3.0));
  CHECK(call("round", {Value(2.5)}) == Value(3.0));
  CHECK(call("round", {Value(-1.5)}) == Value(-1.0));
  CHECK(call("round", {Value(-2.5)}) == Value(-2.0));
  CHECK(call("round", {Value(-2.6)}) == Value(-3.0));
  CHECK(call("round", {Value(0.49999999999999994)}) == Value(0.0));
  CHECK(call("round", {Value(-0.4)}) == Value(0.0));
  CHECK(call("round", {Value(3)}) == Value(3.0));
  CHECK(call("round", {Value(1e300)}) == Value(1e300));
  CHECK(std::isnan(call("round", {Value(kNaN)}).as_float()));
  CHECK(call("round", {kNull}) == kNull);
}

TEST_CASE("functions: round() with a precision rounds the decimal form, ties away from zero", "[expr]") {
  CHECK(call("round", {Value(3.141592), Value(3)}) == Value(3.142));
  CHECK(call("round", {Value(2.675), Value(2)}) == Value(2.68));  // the decimal 2.675, not its binary value
  CHECK(call("round", {Value(-1.55), Value(1)}) == Value(-1.6));
  CHECK(call("round", {Value(-1.5), Value(0)}) == Value(-1.0));  // precision 0 behaves as round(x)
  CHECK(call("round", {Value(1234.5), Value(-2)}) == Value(1200.0));
  CHECK(call("round", {Value(9.99), Value(1)}) == Value(10.0));
  CHECK(call("round", {Value(0.004), Value(2)}) == Value(0.0));
  CHECK(call("round", {Value(5), Value(-1)}) == Value(10.0));
  CHECK(call("round", {Value(1.5), Value(kMaxInt)}) == Value(1.5));
  CHECK(call("round", {Value(1.5), kNull}) == kNull);
  require_bad_value("round", {Value(1.5), Value(1.5)});
}

TEST_CASE("functions: round() honours Java's rounding modes", "[expr]") {
  auto round3 = [](double x, int64_t precision, const char* mode) {
    return call("round", {Value(x), Value(precision), Value(mode)});
  };
  CHECK(round3(1.5, 0, "HALF_EVEN") == Value(2.0));
  CHECK(round3(2.5, 0, "HALF_EVEN") == Value(2.0));
  CHECK(round3(2.51, 0, "HALF_EVEN") == Value(3.0));
  CHECK(round3(-2.5, 0, "HALF_DOWN") == Value(-2.0));
  CHECK(round3(-2.5, 0, "HALF_UP") == Value(-3.0));
  CHECK(round3(1.2, 0, "CEILING") == Value(2.0));
  CHECK(round3(-1.2, 0, "CEILING") == Value(-1.0));
  CHECK(round3(-1.2, 0, "FLOOR") == Value(-2.0));
  CHECK(round3(1.21, 1, "UP") == Value(1.3));
  CHECK(round3(-1.21, 1, "UP") == Value(-1.3));
  CHECK(round3(1.29, 1, "DOWN") == Value(1.2));
  CHECK(round3(0.01, 0, "up") == Value(1.0));
  CHECK(round3(1.2, 1, "UNNECESSARY") == Value(1.2));
  require_call_error("round", {Value(1.25), Value(1), Value("UNNECESSARY")}, ErrorClass::kArgument,
                     ErrorCode::kInvalidArgumentValue);
  require_call_error("round", {Value(1.25), Value(1), Value("SIDEWAYS")}, ErrorClass::kArgument,
                     ErrorCode::kInvalidArgumentValue);
}

TEST_CASE("functions: roots, logarithms and trigonometry give floats", "[expr]") {
  CHECK(call("sqrt", {Value(12.96)}) == Value(3.6));  // Mathematical13 [1]
  CHECK(std::isnan(call("sqrt", {Value(-1)}).as_float()));
  CHECK(call("exp", {Value(0)}) == Value(1.0));
  CHECK(call("log", {Value(0)}) == Value(-kInf));
  CHECK(call("log10", {Value(1000)}) == Value(3.0));
  CHECK(call("sin", {Value(0)}) == Value(0.0));
  CHECK(call("cos", {Value(0)}) == Value(1.0));
  CHECK(call("tan", {Value(0.5)}).as_float() == Approx(0.5463024898));
  CHECK(call("cot", {Value(0.5)}).as_float() == Approx(1.8304877217));
  CHECK(call("asin", {Value(1)}).as_float() == Approx(M_PI / 2));
  CHECK(std::isnan(call("acos", {Value(2)}).as_float()));
  CHECK(call("atan", {Value(1)}).as_float() == Approx(M_PI / 4));
  CHECK(call("atan2", {Value(1), Value(1)}).as_float() == Approx(M_PI / 4));
  CHECK(call("degrees", {Value(M_PI)}).as_float() == Approx(180.0));
  CHECK(call("radians", {Value(180)}).as_float() == Approx(M_PI));
  CHECK(call("haversin", {Value(0.5)}).as_float() == Approx(0.06120871905));
  CHECK(call("pi", {}) == Value(M_PI));
  CHECK(call("e", {}) == Value(M_E));
  CHECK(call("isNaN", {Value(kNaN)}) == Value(true));
  CHECK(call("isNaN", {Value(1)}) == Value(false));
  CHECK(call("sqrt", {kNull}) == kNull);
  CHECK(call("atan2", {kNull, Value(1)}) == kNull);
  require_bad_value("sqrt", {Value("4")});
  require_bad_value("atan2", {Value(1), Value(true)});
}

TEST_CASE("functions: rand() gives floats from 0 up to but not including 1 that vary", "[expr]") {
  Value first = call("rand", {});
  bool varied = false;
  for (int i = 0; i < 100; ++i) {
    Value v = call("rand", {});
    REQUIRE(v.is_float());
    CHECK(v.as_float() >= 0.0);
    CHECK(v.as_float() < 1.0);
    varied = varied || v != first;
  }
  CHECK(varied);
}

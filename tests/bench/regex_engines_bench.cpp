// regex_engines_bench: compares the regex engines `=~` could run on
// (docs/benchmarks.md, "Regular expressions: RE2 or PCRE2"). Not a test: it
// prints figures. Built by hand, not by CMake, from the repository's root,
// in one command (docs/benchmarks.md has it too):
//
//   g++ -std=c++20 -O2 -I. -Itests -DMLKG_REGEX_LABEL='"mlkg"' tests/bench/regex_engines_bench.cpp
//       engine/query/function/regex.cpp engine/common/unicode.cpp engine/common/utf8.cpp
//       engine/common/query_error.cpp engine/value/value.cpp
//       $(pkg-config --cflags --libs re2 libpcre2-8) -lutf8proc -o /tmp/regex_engines_bench
//   /tmp/regex_engines_bench [-v]
//
// The engines, each given the Java pattern as it is written:
//   - mlkg: the engine/query/function/regex.cpp it is built with (MLKG_REGEX_LABEL
//     names it in the table; build it once with another regex.cpp, e.g. one from
//     `git show COMMIT:engine/query/function/regex.cpp`, to compare);
//   - RE2, with its default options (UTF-8), RE2::FullMatch;
//   - PCRE2 10.x, UTF mode, anchored at both ends, with the library's default
//     match limit (10 000 000) and depth limit, interpreted and JIT-compiled
//     (with a 1 MiB JIT stack).
//
// It measures:
//   1. agreement with Java: every check of tests/query/regex_test.cpp, which
//      this file includes with a small stand-in for Catch2, run once per engine
//      (a check that throws counts as disagreeing; -v lists the disagreements).
//      The openCypher TCK in tests/tck has no `=~` scenario (String13 "Regex
//      Search" and String14 are empty), so there is nothing to add from it;
//   2. catastrophic backtracking, one match each (compiling included):
//      (a+)+b, (a|aa)*c and (a*)*b against 30, 1 000 and 200 000 'a's, which
//      PCRE2 mostly answers at once since the text lacks the b or c the
//      pattern requires; and (a+)+ and (a|aa)* against as many 'a's followed
//      by '!', where that shortcut does not apply;
//   3. a typical match: .*[Kk]inesis.* over 100 000 short strings.

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <re2/re2.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/query_error.hpp"
#include "engine/query/function/regex.hpp"

#ifndef MLKG_REGEX_LABEL
#define MLKG_REGEX_LABEL "mlkg"
#endif

namespace {

using mlkg::query::QueryError;

[[noreturn]] void reject(const std::string& why) {
  throw QueryError(mlkg::query::ErrorClass::kArgument, mlkg::query::ErrorCode::kInvalidArgumentValue, why);
}

// A compiled pattern of one engine; full_match throws QueryError when the
// engine gives up (PCRE2's limits).
struct Matcher {
  virtual ~Matcher() = default;
  virtual bool full_match(std::string_view text) const = 0;
};

struct Engine {
  std::string name;
  // Compiles a Java pattern; throws QueryError when the engine rejects it.
  std::function<std::unique_ptr<Matcher>(std::string_view)> compile;
};

struct MlkgMatcher : Matcher {
  explicit MlkgMatcher(std::string_view pattern) : regex(pattern) {}
  bool full_match(std::string_view text) const override { return regex.full_match(text); }
  mlkg::query::Regex regex;
};

struct Re2Matcher : Matcher {
  static RE2::Options options() {
    RE2::Options o;
    o.set_log_errors(false);
    return o;
  }
  explicit Re2Matcher(std::string_view pattern) : re(re2::StringPiece(pattern.data(), pattern.size()), options()) {
    if (!re.ok()) reject(re.error());
  }
  bool full_match(std::string_view text) const override {
    return RE2::FullMatch(re2::StringPiece(text.data(), text.size()), re);
  }
  RE2 re;
};

struct Pcre2Matcher : Matcher {
  Pcre2Matcher(std::string_view pattern, bool jit) : jit(jit) {
    int error = 0;
    PCRE2_SIZE offset = 0;
    code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                         PCRE2_UTF | PCRE2_ANCHORED | PCRE2_ENDANCHORED, &error, &offset, nullptr);
    if (!code) reject(message(error) + " at offset " + std::to_string(offset));
    if (jit && pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) != 0) this->jit = false;
    data = pcre2_match_data_create_from_pattern(code, nullptr);
    context = pcre2_match_context_create(nullptr);
    stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, nullptr);
    pcre2_jit_stack_assign(context, nullptr, stack);
  }
  ~Pcre2Matcher() override {
    pcre2_jit_stack_free(stack);
    pcre2_match_context_free(context);
    pcre2_match_data_free(data);
    pcre2_code_free(code);
  }
  static std::string message(int error) {
    PCRE2_UCHAR buffer[256];
    pcre2_get_error_message(error, buffer, sizeof buffer);
    return reinterpret_cast<const char*>(buffer);
  }
  bool full_match(std::string_view text) const override {
    int rc = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0, jit ? 0 : PCRE2_NO_JIT,
                         data, context);
    if (rc >= 0) return true;
    if (rc == PCRE2_ERROR_NOMATCH) return false;
    reject(message(rc));
  }
  pcre2_code* code = nullptr;
  pcre2_match_data* data = nullptr;
  pcre2_match_context* context = nullptr;
  pcre2_jit_stack* stack = nullptr;
  bool jit;
};

const std::vector<Engine>& engines() {
  static const std::vector<Engine> all = {
      {MLKG_REGEX_LABEL, [](std::string_view p) -> std::unique_ptr<Matcher> { return std::make_unique<MlkgMatcher>(p); }},
      {"RE2", [](std::string_view p) -> std::unique_ptr<Matcher> { return std::make_unique<Re2Matcher>(p); }},
      {"PCRE2", [](std::string_view p) -> std::unique_ptr<Matcher> { return std::make_unique<Pcre2Matcher>(p, false); }},
      {"PCRE2 JIT", [](std::string_view p) -> std::unique_ptr<Matcher> { return std::make_unique<Pcre2Matcher>(p, true); }},
  };
  return all;
}

// ---------------------------------------------------------------- the checks of regex_test.cpp
// A stand-in for the part of Catch2 that regex_test.cpp and
// tests/support/query_checks.hpp use: TEST_CASE registers a function, CHECK
// and CHECK_FALSE count agreements, INFO keeps the context of a disagreement.

const Engine* current_engine = nullptr;
bool verbose = false;
int agreed = 0, checked = 0;
std::string info;

void record(bool ok, const char* what, int line) {
  ++checked;
  if (ok) {
    ++agreed;
  } else if (verbose) {
    std::printf("  %-10s regex_test.cpp:%d: %s%s\n", current_engine->name.c_str(), line, what, info.c_str());
  }
}

template <class F>
void check(F expression, bool expected, const char* what, int line) {
  try {
    record(static_cast<bool>(expression()) == expected, what, line);
  } catch (const std::exception& e) {
    record(false, (std::string(what) + " threw: " + e.what()).c_str(), line);
  }
}

struct TestCase {
  const char* name;
  void (*run)();
};

std::vector<TestCase>& test_cases() {
  static std::vector<TestCase> cases;
  return cases;
}

bool register_case(const char* name, void (*run)()) {
  test_cases().push_back({name, run});
  return true;
}

}  // namespace

namespace Catch {
template <class T>
struct StringMaker;

// CHECK_THAT(text, Contains(part)).
struct Contains {
  explicit Contains(std::string part) : part(std::move(part)) {}
  bool match(const std::string& text) const { return text.find(part) != std::string::npos; }
  std::string part;
};
}  // namespace Catch

#define TWOBLUECUBES_SINGLE_INCLUDE_CATCH_HPP_INCLUDED  // regex_test.cpp's Catch2 is the stand-in above
#define BENCH_CAT2(a, b) a##b
#define BENCH_CAT(a, b) BENCH_CAT2(a, b)
#define BENCH_TEST_CASE(name, fn)                                         \
  static void fn();                                                       \
  static const bool BENCH_CAT(fn, _registered) = register_case(name, fn); \
  static void fn()
#define TEST_CASE(name, tags) BENCH_TEST_CASE(name, BENCH_CAT(bench_case_, __LINE__))
#define CHECK(...) check([&] { return (__VA_ARGS__); }, true, #__VA_ARGS__, __LINE__)
#define CHECK_FALSE(...) check([&] { return (__VA_ARGS__); }, false, "!(" #__VA_ARGS__ ")", __LINE__)
#define CHECK_THAT(arg, matcher) check([&] { return (matcher).match(arg); }, true, #arg " " #matcher, __LINE__)
#define INFO(message)           \
  do {                          \
    std::ostringstream out;     \
    out << " [" << message << "]"; \
    info = out.str();           \
  } while (false)
#define FAIL(message) record(false, "expected an error", __LINE__)

#include "support/query_checks.hpp"

// The tests' Regex and cached_regex, compiled by the engine under measure.
namespace mlkg::query {
class BenchRegex {
 public:
  explicit BenchRegex(std::string_view pattern) : matcher_(current_engine->compile(pattern)) {}
  bool full_match(std::string_view text) const { return matcher_->full_match(text); }

 private:
  std::shared_ptr<const Matcher> matcher_;
};

std::shared_ptr<const BenchRegex> bench_cached_regex(std::string_view pattern) {
  thread_local std::vector<std::pair<std::string, std::shared_ptr<const BenchRegex>>> cache;
  for (const auto& [p, regex] : cache)
    if (p == pattern) return regex;
  auto regex = std::make_shared<const BenchRegex>(pattern);
  cache.emplace_back(std::string(pattern), regex);
  return regex;
}
}  // namespace mlkg::query

#define Regex BenchRegex
#define cached_regex bench_cached_regex
#include "tests/query/regex_test.cpp"
#undef Regex
#undef cached_regex

namespace {

// ---------------------------------------------------------------- timing

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string duration(double seconds) {
  char buffer[32];
  if (seconds < 1e-3) std::snprintf(buffer, sizeof buffer, "%.1f us", seconds * 1e6);
  else if (seconds < 1) std::snprintf(buffer, sizeof buffer, "%.1f ms", seconds * 1e3);
  else std::snprintf(buffer, sizeof buffer, "%.2f s", seconds);
  return buffer;
}

// One match of `pattern` against `text`: its time and answer, or the error.
std::string time_one(const Engine& engine, const std::string& pattern, const std::string& text) {
  auto start = std::chrono::steady_clock::now();
  try {
    bool matched = engine.compile(pattern)->full_match(text);
    return duration(seconds_since(start)) + (matched ? ", true" : ", false");
  } catch (const QueryError& e) {
    std::string why = e.message();
    if (why.size() > 28) why = why.substr(0, 28) + "...";
    return duration(seconds_since(start)) + ", error: " + why;
  }
}

// Short strings like names of services, about one in eight mentioning Kinesis.
std::vector<std::string> typical_texts() {
  const char* words[] = {"Amazon", "Data", "Streams", "Firehose", "Apache", "Kafka", "Flink", "Spark",
                         "Pulsar", "Event", "Hub", "Pipeline", "Analytics", "Video", "Queue", "Storage"};
  std::mt19937 random(42);
  std::vector<std::string> texts;
  for (int i = 0; i < 100000; ++i) {
    std::string text;
    int n = 2 + static_cast<int>(random() % 4);
    for (int w = 0; w < n; ++w) {
      if (w) text += ' ';
      text += (random() % 8 == 0) ? ((random() % 2) ? "Kinesis" : "kinesis") : words[random() % 16];
    }
    texts.push_back(std::move(text));
  }
  return texts;
}

std::string time_typical(const Engine& engine, const std::vector<std::string>& texts) {
  auto matcher = engine.compile(".*[Kk]inesis.*");
  auto start = std::chrono::steady_clock::now();
  size_t matched = 0;
  for (const std::string& text : texts) matched += matcher->full_match(text) ? 1 : 0;
  double seconds = seconds_since(start);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s (%.0f ns/match), %zu true", duration(seconds).c_str(),
                seconds * 1e9 / static_cast<double>(texts.size()), matched);
  return buffer;
}

void print_row(std::string label, const std::vector<std::string>& cells) {
  for (size_t at = 0; (at = label.find('|', at)) != std::string::npos; at += 2) label.insert(at, "\\");  // Markdown
  std::printf("| %s |", label.c_str());
  for (const std::string& cell : cells) std::printf(" %s |", cell.c_str());
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  verbose = argc > 1 && std::strcmp(argv[1], "-v") == 0;
  const std::vector<Engine>& all = engines();

  std::vector<std::string> agreement;
  for (const Engine& engine : all) {
    current_engine = &engine;
    agreed = checked = 0;
    for (const TestCase& test : test_cases()) {
      info.clear();
      try {
        test.run();
      } catch (const std::exception& e) {
        record(false, (std::string("case aborted: ") + e.what()).c_str(), 0);
      }
    }
    agreement.push_back(std::to_string(agreed) + " / " + std::to_string(checked));
    std::fflush(stdout);
  }

  std::vector<std::string> header, rule;
  for (const Engine& engine : all) header.push_back(engine.name), rule.push_back("---");
  print_row("figure", header);
  print_row("---", rule);

  print_row("regex_test.cpp checks agreeing with Java", agreement);

  for (const char* pattern : {"(a+)+b", "(a|aa)*c", "(a*)*b", "(a+)+", "(a|aa)*"}) {
    const bool bang = std::string_view(pattern).back() != 'b' && std::string_view(pattern).back() != 'c';
    for (size_t n : {30, 1000, 200000}) {
      std::vector<std::string> cells;
      for (const Engine& engine : all)
        cells.push_back(time_one(engine, pattern, std::string(n, 'a') + (bang ? "!" : "")));
      print_row(std::string("`") + pattern + "`, " + std::to_string(n) + " 'a's" + (bang ? " and '!'" : ""), cells);
      std::fflush(stdout);
    }
  }

  const std::vector<std::string> texts = typical_texts();
  std::vector<std::string> cells;
  for (const Engine& engine : all) cells.push_back(time_typical(engine, texts));
  print_row("`.*[Kk]inesis.*`, 100 000 strings", cells);
  return 0;
}

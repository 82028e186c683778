// The regex engine behind `=~`: Java syntax, whole-string matching.

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "engine/query/function/regex.hpp"
#include "support/query_checks.hpp"

using mlkg::query::cached_regex;
using mlkg::query::Regex;
using mlkg::test::require_error;

namespace {

bool matches(const std::string& text, const std::string& pattern) { return Regex(pattern).full_match(text); }

void require_invalid(const std::string& pattern) {
  INFO("pattern: " << pattern);
  require_error([&] { Regex r(pattern); }, mlkg::query::ErrorClass::kArgument,
                mlkg::query::ErrorCode::kInvalidArgumentValue);
}

}  // namespace

TEST_CASE("regex: a pattern must match the whole string", "[expr][regex]") {
  CHECK(matches("abc", "abc"));
  CHECK_FALSE(matches("abcd", "abc"));
  CHECK_FALSE(matches("xabc", "abc"));
  CHECK(matches("xabc", ".*abc"));
  CHECK(matches("", ""));
  CHECK(matches("", "a*"));
  CHECK_FALSE(matches("", "a+"));
}

TEST_CASE("regex: quantifiers, alternation and groups", "[expr][regex]") {
  CHECK(matches("aaa", "a{3}"));
  CHECK_FALSE(matches("aa", "a{3}"));
  CHECK(matches("aaaa", "a{2,}"));
  CHECK(matches("ab", "a{1,3}b"));
  CHECK_FALSE(matches("aaaab", "a{1,3}b"));
  CHECK(matches("color", "colou?r"));
  CHECK(matches("colour", "colou?r"));
  CHECK(matches("cat", "cat|dog"));
  CHECK(matches("dog", "(cat|dog)"));
  CHECK_FALSE(matches("cow", "cat|dog"));
  CHECK(matches("abab", "(?:ab)+"));
  CHECK(matches("abab", "(?<pair>ab)*"));
  CHECK(matches("aaa", "a*?a"));  // lazy quantifiers accept the same strings
  CHECK(matches("x", "(|x)"));
  CHECK(matches("aaa", "(a*)*"));
}

TEST_CASE("regex: character classes, predefined classes and properties", "[expr][regex]") {
  CHECK(matches("b", "[abc]"));
  CHECK_FALSE(matches("d", "[abc]"));
  CHECK(matches("d", "[^abc]"));
  CHECK(matches("Q", "[a-zA-Z]"));
  CHECK(matches("-", "[a-]"));
  CHECK(matches("]", "\\]"));
  CHECK(matches("e", "[a-z&&[^aeiou]]") == false);
  CHECK(matches("f", "[a-z&&[^aeiou]]"));
  CHECK(matches("x", "[a-c[x-z]]"));
  CHECK(matches("2024-01-31", "\\d{4}-\\d{2}-\\d{2}"));
  CHECK(matches("a_1", "\\w+"));
  CHECK_FALSE(matches("a b", "\\w+"));
  CHECK(matches(" \t", "\\s+"));
  CHECK(matches("x", "\\S"));
  CHECK(matches("AB", "\\p{Upper}+"));
  CHECK(matches("ab", "\\P{Upper}+"));
  CHECK(matches("\xc3\xa9t\xc3\xa9", "\\p{L}+"));  // été
  CHECK(matches("\xc3\x89", "\\p{Lu}"));            // É
}

TEST_CASE("regex: '.' matches one character, of any length in UTF-8, but not a line break", "[expr][regex]") {
  CHECK(matches("\xc3\xa9", "."));      // é: two bytes, one character
  CHECK(matches("\xf0\x9f\x98\x80", "."));  // an emoji: four bytes
  CHECK_FALSE(matches("\n", "."));
  CHECK(matches("\n", "(?s)."));
  CHECK(matches("a\nb", "a(?s:.)b"));
  CHECK(matches("\xc3\xa9", "[\\x{e9}]"));
  CHECK(matches("\xc3\xa9", "\\u00e9"));
}

TEST_CASE("regex: flags change case sensitivity, line anchors and comments", "[expr][regex]") {
  CHECK(matches("ABC", "(?i)abc"));
  CHECK(matches("aBc", "a(?i)bc"));
  CHECK_FALSE(matches("ABc", "a(?i)bc"));
  CHECK(matches("Abc", "(?i:a)bc"));
  CHECK_FALSE(matches("abC", "(?i:a)bc"));
  CHECK(matches("X", "(?i)[a-z]"));
  CHECK_FALSE(matches("a", "(?i)[^A]"));
  CHECK_FALSE(matches("\xc3\x89", "(?i)\xc3\xa9"));  // Java: (?i) alone folds ASCII only
  CHECK(matches("\xc3\x89", "(?iu)\xc3\xa9"));
  CHECK(matches("abc", "(?x) a b  c # a comment"));
  CHECK(matches("a\nb", "(?m)a$\\n^b"));
  CHECK_FALSE(matches("a\nb", "a$\\n^b"));
  CHECK(matches("abc\n", "abc$\\n"));
}

TEST_CASE("regex: anchors and word boundaries", "[expr][regex]") {
  CHECK(matches("abc", "^abc$"));
  CHECK(matches("abc", "\\Aabc\\z"));
  CHECK(matches("ab cd", "ab\\b cd"));
  CHECK_FALSE(matches("abcd", "ab\\bcd"));
  CHECK(matches("abcd", "ab\\Bcd"));
  CHECK_FALSE(matches("ab", "a^b"));
}

TEST_CASE("regex: escapes stand for their characters", "[expr][regex]") {
  CHECK(matches("a.b", "a\\.b"));
  CHECK_FALSE(matches("axb", "a\\.b"));
  CHECK(matches("a+b", "\\Qa+b\\E"));
  CHECK(matches("\t", "\\t"));
  CHECK(matches("A", "\\x41"));
  CHECK(matches("A", "\\0101"));
  CHECK(matches("\r\n", "\\R"));
  CHECK(matches("{}", "\\{}"));
  CHECK(matches("}", "}"));
}

TEST_CASE("regex: invalid and unsupported patterns are rejected", "[expr][regex]") {
  for (const char* pattern : {"(abc", "abc)", "[abc", "*a", "a**", "a{2", "a{3,1}", "{1}", "\\", "\\y", "(?<=a)b",
                              "(?=a)", "(?!a)", "(?>a)", "(a)\\1", "a*+", "[]", "[z-a]", "(?q)", "\\p{Nope}",
                              "a{1001}", "\\G"})
    require_invalid(pattern);
}

TEST_CASE("regex: deep nesting and huge repetitions are rejected, not a crash", "[expr][regex]") {
  require_invalid(std::string(100000, '('));
  require_invalid(std::string(100000, '['));
  require_invalid("((a{1000}){1000}){1000}");
}

TEST_CASE("regex: matching takes linear time, whatever the pattern or the text", "[expr][regex]") {
  // Catastrophic for a backtracking engine; a long text would also overflow a recursive one.
  const std::string text(200000, 'a');
  auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(Regex("(a*)*b").full_match(text));
  CHECK(Regex("(a|aa)*").full_match(text));
  CHECK(Regex("(?:a|b)*").full_match(text));
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 10.0);
}

TEST_CASE("regex: the cache returns the compiled pattern and still reports errors", "[expr][regex]") {
  auto first = cached_regex("a+b");
  auto again = cached_regex("a+b");
  CHECK(first == again);
  CHECK(first->full_match("aab"));
  for (int i = 0; i < 40; ++i) cached_regex("x{" + std::to_string(i) + "}");
  CHECK(cached_regex("a+b")->full_match("ab"));
  require_error([] { cached_regex("("); }, mlkg::query::ErrorClass::kArgument,
                mlkg::query::ErrorCode::kInvalidArgumentValue);
}

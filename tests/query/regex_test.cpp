// The regex engine behind `=~`: Java syntax, whole-string matching (by RE2).

#include <catch2/catch.hpp>

#include <chrono>
#include <clocale>
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
  CHECK(matches("\xce\xb1\xce\xb2", "\\p{IsGreek}+"));  // a script
  CHECK(matches("a\xce\xb1", "\\p{IsLATIN}\\p{sc=greek}"));  // script names ignore case
  CHECK(matches("A1", "\\p{gc=Lu}\\p{N}"));
  CHECK(matches("\xc2\xa0", "\\h"));          // no-break space
  CHECK(matches("\xe2\x80\xa8", "\\v"));     // line separator
  CHECK(matches("\x0b", "\\s"));
}

TEST_CASE("regex: classes intersect and negate Unicode properties too", "[expr][regex]") {
  CHECK(matches("\xc3\xa9", "[\\p{L}&&[^a-z]]"));  // é
  CHECK(matches("A", "[\\p{L}&&[^a-z]]"));
  CHECK_FALSE(matches("a", "[\\p{L}&&[^a-z]]"));
  CHECK(matches("\xc3\x89", "[\\p{L}&&\\p{Lu}]"));  // É
  CHECK_FALSE(matches("\xc3\xa9", "[\\p{L}&&\\p{Lu}]"));
  CHECK(matches("!", "[^\\p{L}\\d]"));
  CHECK_FALSE(matches("\xc3\xa9", "[^\\p{L}\\d]"));
  CHECK_FALSE(matches("5", "[^\\p{L}\\d]"));
  CHECK(matches("a", "[\\w&&\\D]"));
  CHECK_FALSE(matches("5", "[\\w&&\\D]"));
  CHECK(matches("y", "[a-z&&[^aeiou]&&[^x]]"));
  CHECK_FALSE(matches("x", "[a-z&&[^aeiou]&&[^x]]"));
  CHECK(matches("a", "[^[^a]]"));
  CHECK_FALSE(matches("b", "[^[^a]]"));
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
  CHECK(matches("\xe2\x84\xaa", "(?iu)k"));  // the Kelvin sign
  CHECK(matches("\xc5\xbf", "(?iu)s"));       // long s: its upper case is S
  CHECK(matches("\xc3\x89", "(?iu)[\xc3\xa0-\xc3\xaf]"));
  CHECK_FALSE(matches("\xc3\x89", "(?i)[\xc3\xa0-\xc3\xaf]"));
  CHECK_FALSE(matches("E", "(?i)[a-z&&[^aeiou]]"));
  CHECK(matches("F", "(?i)[a-z&&[^aeiou]]"));
  CHECK(matches("a", "(?i)\\p{Lu}"));  // Java 16 on: the cased-letter categories fold into one another
  CHECK(matches("A", "(?i)\\p{Lower}"));
  CHECK_FALSE(matches("A", "(?i)\\P{Lower}"));
}

TEST_CASE("regex: $ and \\Z also hold before the line terminator that ends the text", "[expr][regex]") {
  CHECK_FALSE(matches("abc\n", "abc$"));  // the terminator must still be matched
  CHECK(matches("abc", "abc$"));
  CHECK(matches("abc\r\n", "abc$\r\n"));   // "\r\n" is one terminator
  CHECK_FALSE(matches("abc\r\n", "abc$\n"));
  CHECK_FALSE(matches("abc\r\n", "abc\r$\n"));
  CHECK(matches("abc\r\n", "(?d)abc\r$\n"));  // with d only \n ends a line
  CHECK(matches("abc\r", "abc$\r"));
  CHECK_FALSE(matches("abc\r", "(?d)abc$\r"));
  CHECK(matches("abc\xe2\x80\xa8", "abc$\\u2028"));
  CHECK_FALSE(matches("abc\xe2\x80\xa8", "abc$."));
  CHECK(matches("abc\xe2\x80\xa8", "(?s)abc$."));
  CHECK(matches("abc\n", "abc\\Z\n"));
  CHECK_FALSE(matches("abc\n", "abc\\z\n"));
  CHECK(matches("a\n", "(a$|b)\n"));
  CHECK(matches("a\n", "(?:a$\n)+"));
  CHECK_FALSE(matches("a\na\n", "(?:a$\n)+"));
  CHECK(matches("x\n", "x$\\s*"));
  CHECK_FALSE(matches("x\n\n", "x$\\s*"));
  CHECK(matches("\n", "^$\n"));
  CHECK(matches("", "^$"));
  CHECK(matches("a\n", "a\\b\n"));
  CHECK(matches("a\n", "a\n\\B"));
  CHECK_FALSE(matches("a\n", "(?m)a\n^"));  // ^ never holds at the very end
}

TEST_CASE("regex: where RE2 decides: ASCII word boundaries, and only \\n ends a line in multiline mode",
          "[expr][regex]") {
  // Java 19 on: \b is ASCII without the U flag, as RE2's.
  CHECK_FALSE(matches("\xc3\xa9", "\\b\xc3\xa9\\b"));
  // Java would see a line end before "\r\n" here; RE2's (?m)$ sees one before "\n" only.
  CHECK_FALSE(matches("a\r\nb", "(?m)a$\r\n^b"));
  CHECK(matches("a\r\nb", "(?m)a\r$\n^b"));
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
  CHECK(matches("\r\n", "\\R\n"));  // Java 9 on: \R may give back the \n
}

TEST_CASE("regex: a malformed byte in the text matches as U+FFFD", "[expr][regex]") {
  CHECK(matches("a\xff" "b", "a.b"));
  CHECK(matches("a\xff" "b", "a\\x{fffd}b"));
}

TEST_CASE("regex: matching does not depend on the process locale", "[expr][regex]") {
  const std::string saved = std::setlocale(LC_ALL, nullptr);
  std::setlocale(LC_ALL, "C");
  CHECK(matches("\xc3\x89", "(?iu)\xc3\xa9"));
  CHECK(matches("\xc3\xa9", "\\p{Ll}"));
  std::setlocale(LC_ALL, saved.c_str());
}

TEST_CASE("regex: invalid and unsupported patterns are rejected", "[expr][regex]") {
  for (const char* pattern : {"(abc", "abc)", "[abc", "*a", "a**", "a{2", "a{3,1}", "{1}", "\\", "\\y", "(?<=a)b",
                              "(?=a)", "(?!a)", "(?>a)", "(a)\\1", "a*+", "[]", "[z-a]", "(?q)", "\\p{Nope}",
                              "a{1001}", "\\G", "\\k<a>", "(?<!a)b", "\\p{InGreek}", "\\p{IsNope}", "(?U)\\w",
                              "\\p{LC}", "[a&&]", "[a-\\d]", "[\\R]"})
    require_invalid(pattern);
}

TEST_CASE("regex: an error names the construct that is not supported", "[expr][regex]") {
  auto message = [](const std::string& pattern) {
    try {
      Regex r(pattern);
    } catch (const mlkg::query::QueryError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(message("(a)\\1"), Catch::Contains("back-references are not supported"));
  CHECK_THAT(message("(?=a)a"), Catch::Contains("look-ahead is not supported"));
  CHECK_THAT(message("\\p{InGreek}"), Catch::Contains("Unicode blocks"));
  CHECK_THAT(message("(?U)a"), Catch::Contains("flag U"));
  CHECK_THAT(message("(?:a{2}){600}"), Catch::Contains("multiply to more than 1000"));
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
  CHECK_FALSE(Regex("(a+)+b").full_match(text));
  CHECK_FALSE(Regex("(a|aa)*c").full_match(text));
  CHECK_FALSE(Regex("(a+)+").full_match(text + "!"));
  CHECK(Regex("(a|aa)*$\\n").full_match(text + "\n"));
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

// The one UTF-8 codec (engine/common/utf8.hpp) and the Unicode helpers
// (engine/common/unicode.hpp, utf8proc).

#include <catch2/catch.hpp>

#include <clocale>
#include <string>

#include "engine/common/unicode.hpp"
#include "engine/common/utf8.hpp"

using namespace mlkg;

TEST_CASE("utf8: well-formed sequences decode, malformed ones are rejected byte by byte", "[common][utf8]") {
  char32_t cp = 0;
  CHECK(utf8::sequence_length("A", &cp) == 1);
  CHECK(cp == U'A');
  CHECK(utf8::sequence_length("\xc3\xa9", &cp) == 2);
  CHECK(cp == U'\u00e9');
  CHECK(utf8::sequence_length("\xe2\x82\xac", &cp) == 3);
  CHECK(cp == U'\u20ac');
  CHECK(utf8::sequence_length("\xf0\x9f\x98\x80", &cp) == 4);
  CHECK(cp == U'\U0001F600');
  CHECK(utf8::sequence_length("", &cp) == 0);
  CHECK(utf8::sequence_length("\x80", &cp) == 0);              // a stray continuation byte
  CHECK(utf8::sequence_length("\xc0\xaf", &cp) == 0);          // overlong '/'
  CHECK(utf8::sequence_length("\xed\xa0\x80", &cp) == 0);      // a surrogate
  CHECK(utf8::sequence_length("\xf4\x90\x80\x80", &cp) == 0);  // above U+10FFFF
  CHECK(utf8::sequence_length("\xe2\x82", &cp) == 0);          // truncated

  std::string s = "a\xe2\x82z";
  size_t pos = 0;
  CHECK(utf8::decode(s, pos) == U'a');
  CHECK(utf8::decode(s, pos) == utf8::kReplacementCharacter);  // one byte at a time
  CHECK(pos == 2);
  CHECK(utf8::decode(s, pos) == utf8::kReplacementCharacter);
  CHECK(utf8::decode(s, pos) == U'z');
  CHECK(pos == s.size());
}

TEST_CASE("utf8: encoding, validation, length and offsets", "[common][utf8]") {
  std::string out;
  for (char32_t cp : {U'a', U'\u00e9', U'\u20ac', U'\U0001F600'}) utf8::append(out, cp);
  CHECK(out == "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
  std::string bad;
  utf8::append(bad, 0xD800);
  utf8::append(bad, 0x110000);
  CHECK(bad == std::string(utf8::kReplacement) + std::string(utf8::kReplacement));

  bool replaced = false;
  CHECK(utf8::make_valid("ok \xc3\xa9", &replaced) == "ok \xc3\xa9");
  CHECK_FALSE(replaced);
  CHECK(utf8::make_valid("a\xff\xe2\x82", &replaced) == "a" + std::string(utf8::kReplacement) +
                                                             std::string(utf8::kReplacement) +
                                                             std::string(utf8::kReplacement));
  CHECK(replaced);

  CHECK(utf8::length("h\xc3\xa9llo") == 5);
  CHECK(utf8::offset_of("h\xc3\xa9llo", 2) == 3);
  CHECK(utf8::offset_of("abc", 10) == 3);
}

TEST_CASE("unicode: case mapping and classes come from utf8proc, whatever the locale", "[common][unicode]") {
  // A locale with no Unicode case tables must not change the answers.
  const std::string saved = std::setlocale(LC_ALL, nullptr);
  std::setlocale(LC_ALL, "C");
  CHECK(unicode::to_lower("\xc3\x84" "B") == "\xc3\xa4" "b");         // ÄB -> äb
  CHECK(unicode::to_upper("stra\xc3\x9f" "e") == "STRASSE");          // ß has a two-letter upper case
  CHECK(unicode::to_upper(U'\u00df') == U'\u00df');                   // and no one-letter one
  CHECK(unicode::to_upper("\xef\xac\x81") == "FI");                   // the ligature ﬁ
  CHECK(unicode::is_letter(U'\u00e9'));
  CHECK(unicode::is_letter(U'\u4e2d'));
  CHECK_FALSE(unicode::is_letter(U'1'));
  CHECK(unicode::is_upper(U'\u00c9'));
  CHECK(unicode::is_lower(U'\u00e9'));
  CHECK(unicode::is_whitespace(U'\u2003'));
  CHECK_FALSE(unicode::is_whitespace(U'\u00a0'));  // Java: a no-break space is not whitespace
  CHECK(unicode::to_lower_ascii("\xc3\x84" "BC-x") == "\xc3\x84" "bc-x");
  std::setlocale(LC_ALL, saved.c_str());
}

TEST_CASE("unicode: normal forms, widths and grapheme clusters", "[common][unicode]") {
  const std::string decomposed = "Cafe\xcc\x81";  // e + combining acute
  const std::string composed = "Caf\xc3\xa9";
  CHECK(unicode::normalize(decomposed) == composed);
  CHECK(unicode::normalize(composed, unicode::NormalForm::kNFD) == decomposed);
  CHECK(unicode::normalize("\xef\xac\x81", unicode::NormalForm::kNFKC) == "fi");
  CHECK(unicode::normalize("a\xff") == "a" + std::string(utf8::kReplacement));  // malformed input still answers

  CHECK(unicode::width(U'a') == 1);
  CHECK(unicode::width(U'\u4e2d') == 2);
  CHECK(unicode::width(U'\u0301') == 0);
  CHECK(unicode::display_width(decomposed) == 4);
  CHECK(unicode::display_width("\xe4\xb8\xad\xe6\x96\x87") == 4);  // 中文
  CHECK(unicode::grapheme_end(decomposed, 3) == decomposed.size());  // e and its accent are one cluster
  CHECK(unicode::grapheme_end(decomposed, 0) == 1);
}

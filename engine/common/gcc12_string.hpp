#pragma once
// <string>, included first in every source (the precompiled header,
// CMakeLists.txt) so that one false positive of GCC 12 is off inside
// libstdc++'s string and nowhere else.
//
// At -O3, GCC 12 warns about the copy inside basic_string::_M_replace when
// it inlines `"text" + std::move(s)` (operator+(const char*, string&&) is an
// insert at 0): -Wrestrict or -Wstringop-overflow "specified bound between
// 9223372036854775810 and 18446744073709551615 exceeds maximum object size".
// The bound it computes is impossible; GCC bugs 105329 and 105651, fixed in
// GCC 13. The diagnostic state of a header's lines is set when the header is
// read, so the pragmas below cover exactly libstdc++'s string code: the same
// warnings still fire anywhere in mlkg's own code.

#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ == 12
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wrestrict"
#pragma GCC diagnostic ignored "-Wstringop-overflow"
#include <string>
#pragma GCC diagnostic pop
#else
#include <string>
#endif

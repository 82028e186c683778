// Sizes in bytes as people write them (engine/common/byte_size.hpp).

#include <catch2/catch.hpp>

#include "engine/common/byte_size.hpp"

using namespace mlkg;

TEST_CASE("byte size: numbers with binary units parse, anything else is refused", "[common][memory]") {
  CHECK(parse_byte_size("1048576") == uint64_t{1048576});
  CHECK(parse_byte_size("0") == uint64_t{0});
  CHECK(parse_byte_size("10B") == uint64_t{10});
  CHECK(parse_byte_size("1k") == uint64_t{1024});
  CHECK(parse_byte_size("512M") == uint64_t{512} << 20);
  CHECK(parse_byte_size("64 MiB") == uint64_t{64} << 20);
  CHECK(parse_byte_size("2G") == uint64_t{2} << 30);
  CHECK(parse_byte_size("2gb") == uint64_t{2} << 30);
  CHECK(parse_byte_size("1.5GiB") == (uint64_t{3} << 30) / 2);
  CHECK(parse_byte_size(".5T") == uint64_t{1} << 39);
  CHECK(parse_byte_size("4194304T") == uint64_t{1} << 62);  // the largest
  for (const char* bad : {"", " ", "G", "abc", "1.5", "-1G", "+1G", "1X", "1 G B", "1  G", "1GiBs", "1e9", "0x10",
                          "4194305T", "99999999999999999999999"}) {
    INFO(bad);
    CHECK_FALSE(parse_byte_size(bad).has_value());
  }
}

TEST_CASE("byte size: written in the largest whole unit, with one decimal when not whole", "[common][memory]") {
  CHECK(format_byte_size(0) == "0 bytes");
  CHECK(format_byte_size(1) == "1 byte");
  CHECK(format_byte_size(1023) == "1023 bytes");
  CHECK(format_byte_size(1024) == "1 KiB");
  CHECK(format_byte_size(uint64_t{64} << 20) == "64 MiB");
  CHECK(format_byte_size((uint64_t{3} << 30) / 2) == "1.5 GiB");
  CHECK(format_byte_size((uint64_t{1} << 30) + 1) == "1.0 GiB");
  CHECK(format_byte_size(uint64_t{3} << 40) == "3 TiB");
}

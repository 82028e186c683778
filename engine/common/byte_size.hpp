#pragma once
// Sizes in bytes as people write them: "512M", "2G", "1.5GiB", "1048576".
// Every unit is binary (1K = 1024 bytes), as the JVM's -Xmx and Docker's
// --memory read them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mlkg {

// A whole number of bytes, or a number (decimals allowed) with a unit:
// K, M, G or T, each optionally followed by "iB" or "B", in any case, with
// or without a space before it ("64M", "64 MiB", "1.5g", "2GB"); "B" alone
// means bytes. Empty when the text is anything else, or above 2^62 bytes.
// Fractions of a byte are dropped.
std::optional<uint64_t> parse_byte_size(std::string_view text);

// `bytes` for people: "100 bytes", "64 MiB", "1.5 GiB" (one decimal unless
// whole, in the largest unit of which there is at least one).
std::string format_byte_size(uint64_t bytes);

}  // namespace mlkg

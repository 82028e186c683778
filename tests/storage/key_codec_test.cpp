#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "engine/storage/key_codec.hpp"

using namespace mlkg;
using namespace mlkg::storage;

namespace {
std::string enc(const Value& v) {
  std::string s;
  encode_index_value(&s, v);
  return s;
}
}  // namespace

TEST_CASE("key codec: big-endian integers round-trip and sort numerically", "[storage][codec]") {
  std::mt19937_64 rng(42);
  std::vector<uint64_t> values = {0, 1, 255, 256, 65535, 1ull << 32, ~0ull};
  for (int i = 0; i < 1000; ++i) values.push_back(rng());
  for (uint64_t a : values) {
    std::string ka = node_key(a);
    REQUIRE(ka.size() == 8);
    REQUIRE(decode_node_key(ka) == a);
    for (int j = 0; j < 5; ++j) {
      uint64_t b = values[rng() % values.size()];
      REQUIRE((ka < node_key(b)) == (a < b));
    }
  }
}

TEST_CASE("key codec: integers in index keys sort by signed value", "[storage][codec]") {
  std::vector<int64_t> ints = {std::numeric_limits<int64_t>::min(), -1000000, -2, -1, 0, 1, 2, 77,
                               std::numeric_limits<int64_t>::max()};
  for (size_t i = 0; i + 1 < ints.size(); ++i) REQUIRE(enc(Value(ints[i])) < enc(Value(ints[i + 1])));
}

TEST_CASE("key codec: floats in index keys sort by value, -0.0 equals 0.0, NaN has one encoding", "[storage][codec]") {
  double inf = std::numeric_limits<double>::infinity();
  std::vector<double> fs = {-inf, -1e300, -2.5, -1.0, -1e-300, 0.0, 1e-300, 0.5, 1.0, 3.14, 1e300, inf};
  for (size_t i = 0; i + 1 < fs.size(); ++i) REQUIRE(enc(Value(fs[i])) < enc(Value(fs[i + 1])));
  REQUIRE(enc(Value(-0.0)) == enc(Value(0.0)));
  REQUIRE(enc(Value(std::nan("1"))) == enc(Value(-std::nan("2"))));
}

TEST_CASE("key codec: strings in index keys sort bytewise and are prefix-free", "[storage][codec]") {
  std::vector<std::string> strs = {"", std::string("\0", 1), std::string("\0\0", 2), std::string("\0a", 2), "a",
                                   std::string("a\0", 2), "a\x01", "ab", "b", "\xff", "\xff\xff"};
  for (size_t i = 0; i + 1 < strs.size(); ++i) {
    INFO(i);
    REQUIRE(enc(Value(strs[i])) < enc(Value(strs[i + 1])));
  }
  // No encoding is a prefix of another: an exact-value seek never matches a
  // longer value.
  for (const auto& a : strs)
    for (const auto& b : strs)
      if (a != b) REQUIRE(enc(Value(b)).rfind(enc(Value(a)), 0) != 0);
}

TEST_CASE("key codec: index values sort by type first, in openCypher order", "[storage][codec]") {
  REQUIRE(enc(Value(true)) < enc(Value(int64_t{-5})));
  REQUIRE(enc(Value(false)) < enc(Value(true)));
  REQUIRE(enc(Value(int64_t{5})) < enc(Value(-1.0)));
  REQUIRE(enc(Value(1e10)) < enc(Value("")));
  REQUIRE(enc(Value("zzz")) < enc(Value(ValueList{})));
}

TEST_CASE("key codec: lists sort element by element, a list before its extensions", "[storage][codec]") {
  Value a(ValueList{Value(1), Value(2)});
  Value b(ValueList{Value(1), Value(2), Value(0)});
  Value c(ValueList{Value(1), Value(3)});
  Value d(ValueList{Value("x")});
  REQUIRE(enc(Value(ValueList{})) < enc(a));
  REQUIRE(enc(a) < enc(b));
  REQUIRE(enc(b) < enc(c));
  REQUIRE(enc(c) < enc(d));
}

TEST_CASE("key codec: adjacency keys round-trip and sort by node, then direction", "[storage][codec]") {
  std::vector<std::pair<NodeId, Direction>> keys = {
      {1, Direction::kOut}, {1, Direction::kIn}, {2, Direction::kOut}, {256, Direction::kOut}, {~0ull, Direction::kIn}};
  for (size_t i = 0; i < keys.size(); ++i) {
    std::string k = adj_key(keys[i].first, keys[i].second);
    REQUIRE(k.size() == kAdjKeySize);
    NodeId node;
    Direction dir;
    REQUIRE(parse_adj_key(k, &node, &dir));
    REQUIRE(node == keys[i].first);
    REQUIRE(dir == keys[i].second);
    if (i + 1 < keys.size()) REQUIRE(k < adj_key(keys[i + 1].first, keys[i + 1].second));
  }
  NodeId node;
  Direction dir;
  REQUIRE_FALSE(parse_adj_key("short", &node, &dir));
  REQUIRE_FALSE(parse_adj_key(std::string(8, '\0') + "\x02", &node, &dir));
}

TEST_CASE("key codec: prefix_successor bounds a prefix scan", "[storage][codec]") {
  REQUIRE(prefix_successor("ab") == "ac");
  REQUIRE(prefix_successor(std::string("a\xff", 2)) == "b");
  REQUIRE(prefix_successor(std::string("\xff\xff", 2)).empty());
}

TEST_CASE("key codec: property index keys split back into index, value and node", "[storage][codec]") {
  std::string key = prop_idx_key(7, Value("S3"), 42);
  IndexId index;
  std::string_view value;
  NodeId node;
  REQUIRE(parse_prop_idx_key(key, &index, &value, &node));
  REQUIRE(index == 7);
  REQUIRE(node == 42);
  REQUIRE(value == enc(Value("S3")));
}

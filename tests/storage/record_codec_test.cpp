#include <catch2/catch.hpp>

#include <random>

#include "engine/storage/record_codec.hpp"

using namespace mlkg;
using namespace mlkg::storage;

namespace {

Value random_scalar(std::mt19937_64& rng) {
  switch (rng() % 5) {
    case 0: return Value(static_cast<bool>(rng() & 1));
    case 1: return Value(static_cast<int64_t>(rng()));
    case 2: return Value(static_cast<double>(static_cast<int64_t>(rng())) / 7.0);
    case 3: {
      std::string s(rng() % 40, '\0');
      for (char& c : s) c = static_cast<char>(rng());
      return Value(s);
    }
    default: return Value(static_cast<int64_t>(rng() % 100) - 50);
  }
}

PropertyList random_props(std::mt19937_64& rng) {
  PropertyList props;
  PropertyKeyId key = 0;
  for (int n = static_cast<int>(rng() % 6); n > 0; --n) {
    key += 1 + static_cast<PropertyKeyId>(rng() % 1000);
    Value v;
    if (rng() % 4 == 0) {
      ValueList list;
      for (int k = static_cast<int>(rng() % 4); k > 0; --k) list.push_back(random_scalar(rng));
      v = Value(list);
    } else {
      v = random_scalar(rng);
    }
    props.push_back({key, v});
  }
  return props;
}

}  // namespace

TEST_CASE("record codec: varints round-trip at every length", "[storage][codec]") {
  for (uint64_t v : {0ull, 1ull, 127ull, 128ull, 16383ull, 16384ull, (1ull << 35) - 1, ~0ull}) {
    std::string s;
    put_varint(&s, v);
    std::string_view in = s;
    uint64_t back;
    REQUIRE(get_varint(&in, &back));
    REQUIRE(back == v);
    REQUIRE(in.empty());
  }
  std::string_view overlong("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x7f", 10);
  uint64_t v;
  REQUIRE_FALSE(get_varint(&overlong, &v));
}

TEST_CASE("record codec: node and relationship records round-trip", "[storage][codec]") {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 500; ++i) {
    NodeRecord n;
    for (int k = static_cast<int>(rng() % 4); k > 0; --k) n.labels.push_back(1 + static_cast<LabelId>(rng() % 50));
    n.properties = random_props(rng);
    NodeRecord back;
    REQUIRE(decode_node_record(encode_node_record(n), &back));
    REQUIRE(back.labels == n.labels);
    REQUIRE(back.properties == n.properties);

    RelRecord r;
    r.type = 1 + static_cast<TypeId>(rng() % 20);
    r.start = 1 + rng() % 1000000;
    r.end = 1 + rng() % 1000000;
    r.undirected = rng() & 1;
    r.properties = random_props(rng);
    RelRecord rback;
    REQUIRE(decode_rel_record(encode_rel_record(r), &rback));
    REQUIRE(rback.type == r.type);
    REQUIRE(rback.start == r.start);
    REQUIRE(rback.end == r.end);
    REQUIRE(rback.undirected == r.undirected);
    REQUIRE(rback.properties == r.properties);
  }
}

TEST_CASE("record codec: every truncation and corrupted byte of a record is rejected or decodes safely", "[storage][codec]") {
  NodeRecord n;
  n.labels = {1, 2};
  n.properties = {{1, Value("Amazon S3")}, {3, Value(ValueList{Value(1), Value(2.5), Value("x")})}, {9, Value(true)}};
  std::string bytes = encode_node_record(n);
  for (size_t len = 0; len < bytes.size(); ++len) {
    NodeRecord back;
    REQUIRE_FALSE(decode_node_record(std::string_view(bytes).substr(0, len), &back));
  }
  std::mt19937_64 rng(3);
  for (int i = 0; i < 2000; ++i) {
    std::string corrupt = bytes;
    corrupt[rng() % corrupt.size()] = static_cast<char>(rng());
    NodeRecord back;
    (void)decode_node_record(corrupt, &back);  // must not crash or over-read (ASan)
  }
}

TEST_CASE("record codec: properties must be in ascending key order", "[storage][codec]") {
  std::string bytes;
  put_varint(&bytes, 2);
  put_varint(&bytes, 5);
  encode_value(&bytes, Value(1));
  put_varint(&bytes, 3);
  encode_value(&bytes, Value(2));
  std::string_view in = bytes;
  PropertyList out;
  REQUIRE_FALSE(decode_properties(&in, &out));
}

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "engine/storage/adjacency_list.hpp"

using namespace mlkg::storage;

namespace {
std::string encode(AdjacencyList& l) {
  l.items();
  std::string bytes;
  l.encode(&bytes);
  return bytes;
}
}  // namespace

TEST_CASE("adjacency list: items round-trip sorted by type, neighbour and rel, duplicates dropped", "[storage][adj]") {
  std::mt19937_64 rng(5);
  for (int round = 0; round < 200; ++round) {
    AdjacencyList list;
    std::vector<AdjItem> expected;
    for (int n = static_cast<int>(rng() % 50); n > 0; --n) {
      AdjItem item{1 + static_cast<TypeId>(rng() % 4), 1 + rng() % 1000, 1 + rng() % (1ull << 40)};
      list.add(item);
      list.add(item);
      expected.push_back(item);
    }
    std::sort(expected.begin(), expected.end());
    expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
    AdjacencyList back;
    REQUIRE(back.decode(encode(list)));
    REQUIRE(back.items() == expected);
  }
}

TEST_CASE("adjacency list: a reader can walk one type and skip the others", "[storage][adj]") {
  AdjacencyList list;
  list.add({3, 7, 1});
  list.add({1, 9, 2});
  list.add({3, 2, 3});
  list.add({2, 1, 4});
  std::string bytes = encode(list);
  TypeId three = 3;
  AdjListReader reader(bytes, &three);
  AdjItem item;
  std::vector<AdjItem> seen;
  while (reader.next(&item)) seen.push_back(item);
  REQUIRE_FALSE(reader.corrupt());
  REQUIRE(seen == std::vector<AdjItem>{{3, 2, 3}, {3, 7, 1}});
  TypeId absent = 9;
  AdjListReader none(bytes, &absent);
  REQUIRE_FALSE(none.next(&item));
  REQUIRE_FALSE(none.corrupt());
}

TEST_CASE("adjacency list: removal, emptiness and the empty encoding", "[storage][adj]") {
  AdjacencyList list;
  REQUIRE(list.decode(""));
  REQUIRE(list.empty());
  list.add({1, 5, 1});
  REQUIRE(list.remove({1, 5, 1}));
  REQUIRE_FALSE(list.remove({1, 5, 1}));
  REQUIRE(list.empty());
}

TEST_CASE("adjacency list: truncated or corrupted encodings are rejected without over-reading", "[storage][adj]") {
  AdjacencyList list;
  for (uint64_t i = 1; i < 40; ++i) list.add({static_cast<TypeId>(1 + i % 3), i * 1000, i});
  std::string bytes = encode(list);
  for (size_t len = 1; len < bytes.size(); ++len) {
    AdjacencyList back;
    REQUIRE_FALSE(back.decode(std::string_view(bytes).substr(0, len)));
  }
  std::mt19937_64 rng(9);
  for (int i = 0; i < 2000; ++i) {
    std::string corrupt = bytes;
    corrupt[rng() % corrupt.size()] = static_cast<char>(rng());
    AdjacencyList back;
    (void)back.decode(corrupt);  // must not crash (ASan)
  }
}

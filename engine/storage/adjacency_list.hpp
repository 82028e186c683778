#pragma once
// Adjacency lists: the value stored under adj key node·dir.
//
// One RocksDB entry holds every relationship of one node in one direction,
// so expanding a node is one point read plus a decode, instead of a seek and
// one iterator step per neighbour (measured: 3.7M vs. over 5M entries/s on
// the benchmark graph; docs/benchmarks.md).
//
// Encoding (never change without bumping kFormatVersion):
//   list  = varint(#groups) group*            groups ascending by type
//   group = varint(type) varint(#entries) varint(#bytes of entries) entry*
//   entry = varint(neighbour - previous neighbour) varint(rel)
// Entries inside a group are sorted by (neighbour, rel) and unique; the
// first entry's delta is from 0. The byte count lets a reader skip groups of
// other types without decoding them.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/storage/ids.hpp"

namespace mlkg::storage {

struct AdjItem {
  TypeId type = 0;
  NodeId neighbour = kNoId;
  RelId rel = kNoId;
  auto operator<=>(const AdjItem&) const = default;
};

// A decoded list, kept sorted by (type, neighbour, rel) once normalised.
class AdjacencyList {
 public:
  // Decodes `bytes` (empty = empty list); false if malformed.
  bool decode(std::string_view bytes);
  // Appends the encoding to *out. Requires a normalised list.
  void encode(std::string* out) const;

  // Adds an item; the list is normalised lazily (many adds cost n log n).
  void add(const AdjItem& item);
  // Removes an item; false if absent.
  bool remove(const AdjItem& item);
  bool empty() const { return items_.empty(); }
  // The items, sorted.
  const std::vector<AdjItem>& items();

 private:
  void normalise();
  std::vector<AdjItem> items_;
  bool sorted_ = true;
};

// Walks an encoded list without copying it, optionally one type only.
class AdjListReader {
 public:
  AdjListReader() = default;
  // `bytes` must stay alive while the reader is used.
  AdjListReader(std::string_view bytes, const TypeId* only_type);

  // Moves to the next item; false at the end or on malformed bytes (then
  // corrupt() is true).
  bool next(AdjItem* out);
  bool corrupt() const { return corrupt_; }

 private:
  bool enter_group();
  std::string_view in_;
  uint64_t groups_left_ = 0;
  uint64_t entries_left_ = 0;
  TypeId type_ = 0;
  NodeId previous_ = 0;
  bool has_filter_ = false;
  TypeId filter_ = 0;
  bool corrupt_ = false;
};

}  // namespace mlkg::storage

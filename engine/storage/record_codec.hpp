#pragma once
// Encoding of node and relationship records (the values of the `nodes` and
// `rels` column families).
//
//   node record  = varint(#labels) varint(label)* properties
//   rel record   = u8 flags  varint(type)  varint(start)  varint(end)  properties
//   properties   = varint(#props) ( varint(key) value )*     keys ascending
//   value        = tag(u8) payload
//     tag 1 false, 2 true (no payload)   tag 3 int: zigzag varint
//     tag 4 float: 8 bytes little-endian tag 5 string: varint(len) bytes
//     tag 6 list: varint(#elements) value*
//   flags bit 0  = undirected
//
// Never renumber the tags: they are on disk. Decoders validate lengths and
// tags and return false on malformed input instead of reading past the end.

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/storage/ids.hpp"

namespace mlkg::storage {

void put_varint(std::string* dst, uint64_t v);
// Reads a varint from *in and advances it; false if truncated or too long.
bool get_varint(std::string_view* in, uint64_t* v);

void encode_value(std::string* dst, const Value& v);  // requires is_storable(v)
bool decode_value(std::string_view* in, Value* out, int depth = 0);

void encode_properties(std::string* dst, const PropertyList& props);
bool decode_properties(std::string_view* in, PropertyList* out);

std::string encode_node_record(const NodeRecord& node);
// Decodes a node record; out->id is left to the caller (it is the key).
bool decode_node_record(std::string_view in, NodeRecord* out);
// Decodes only the labels of a node record (cheap label checks).
bool decode_node_labels(std::string_view in, std::vector<LabelId>* labels);

std::string encode_rel_record(const RelRecord& rel);
void encode_rel_record_to(std::string* dst, const RelRecord& rel);
bool decode_rel_record(std::string_view in, RelRecord* out);

}  // namespace mlkg::storage

#include "engine/storage/record_codec.hpp"

#include <cstring>

namespace mlkg::storage {

namespace {

enum Tag : uint8_t { kFalse = 1, kTrue = 2, kInt = 3, kFloat = 4, kString = 5, kList = 6 };
constexpr int kMaxListDepth = 1;  // lists hold scalars only

uint64_t zigzag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
int64_t unzigzag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

}  // namespace

void put_varint(std::string* dst, uint64_t v) {
  char buf[10];
  int n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  dst->append(buf, n);
}

bool get_varint(std::string_view* in, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0, i = 0; i < 10 && i < static_cast<int>(in->size()); ++i, shift += 7) {
    auto byte = static_cast<uint8_t>((*in)[i]);
    if (i == 9 && byte > 1) return false;  // more than 64 bits
    result |= uint64_t{byte & 0x7fu} << shift;
    if (!(byte & 0x80)) {
      in->remove_prefix(i + 1);
      *v = result;
      return true;
    }
  }
  return false;
}

void encode_value(std::string* dst, const Value& v) {
  switch (v.type()) {
    case Value::Type::kBool: dst->push_back(static_cast<char>(v.as_bool() ? kTrue : kFalse)); break;
    case Value::Type::kInt:
      dst->push_back(static_cast<char>(kInt));
      put_varint(dst, zigzag(v.as_int()));
      break;
    case Value::Type::kFloat: {
      dst->push_back(static_cast<char>(kFloat));
      char buf[8];
      double d = v.as_float();
      std::memcpy(buf, &d, 8);  // x86-64 and aarch64 are little-endian
      dst->append(buf, 8);
      break;
    }
    case Value::Type::kString:
      dst->push_back(static_cast<char>(kString));
      put_varint(dst, v.as_string().size());
      dst->append(v.as_string());
      break;
    case Value::Type::kList:
      dst->push_back(static_cast<char>(kList));
      put_varint(dst, v.as_list().size());
      for (const Value& e : v.as_list()) encode_value(dst, e);
      break;
    case Value::Type::kNull:
    case Value::Type::kMap:
    case Value::Type::kNode:
    case Value::Type::kRelationship:
    case Value::Type::kPath:
      break;  // not storable; callers check is_storable first
  }
}

bool decode_value(std::string_view* in, Value* out, int depth) {
  if (in->empty()) return false;
  auto tag = static_cast<uint8_t>((*in)[0]);
  in->remove_prefix(1);
  switch (tag) {
    case kFalse: *out = Value(false); return true;
    case kTrue: *out = Value(true); return true;
    case kInt: {
      uint64_t u;
      if (!get_varint(in, &u)) return false;
      *out = Value(unzigzag(u));
      return true;
    }
    case kFloat: {
      if (in->size() < 8) return false;
      double d;
      std::memcpy(&d, in->data(), 8);
      in->remove_prefix(8);
      *out = Value(d);
      return true;
    }
    case kString: {
      uint64_t len;
      if (!get_varint(in, &len) || len > in->size()) return false;
      *out = Value(std::string(in->substr(0, len)));
      in->remove_prefix(len);
      return true;
    }
    case kList: {
      uint64_t n;
      if (depth >= kMaxListDepth || !get_varint(in, &n) || n > in->size()) return false;
      ValueList list;
      list.reserve(n);
      for (uint64_t i = 0; i < n; ++i) {
        Value e;
        if (!decode_value(in, &e, depth + 1)) return false;
        list.push_back(std::move(e));
      }
      *out = Value(std::move(list));
      return true;
    }
    default: return false;
  }
}

void encode_properties(std::string* dst, const PropertyList& props) {
  put_varint(dst, props.size());
  for (const Property& p : props) {
    put_varint(dst, p.key);
    encode_value(dst, p.value);
  }
}

bool decode_properties(std::string_view* in, PropertyList* out) {
  uint64_t n;
  if (!get_varint(in, &n) || n > in->size()) return false;
  out->clear();
  out->reserve(n);
  uint64_t previous_key = 0;
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t key;
    if (!get_varint(in, &key) || key == 0 || key > UINT32_MAX || key <= previous_key) return false;
    previous_key = key;
    Property p;
    p.key = static_cast<PropertyKeyId>(key);
    if (!decode_value(in, &p.value)) return false;
    out->push_back(std::move(p));
  }
  return true;
}

std::string encode_node_record(const NodeRecord& node) {
  std::string out;
  put_varint(&out, node.labels.size());
  for (LabelId l : node.labels) put_varint(&out, l);
  encode_properties(&out, node.properties);
  return out;
}

namespace {
bool decode_labels(std::string_view* in, std::vector<LabelId>* labels) {
  uint64_t n;
  if (!get_varint(in, &n) || n > in->size()) return false;
  labels->clear();
  labels->reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t l;
    if (!get_varint(in, &l) || l == 0 || l > UINT32_MAX) return false;
    labels->push_back(static_cast<LabelId>(l));
  }
  return true;
}
}  // namespace

bool decode_node_labels(std::string_view in, std::vector<LabelId>* labels) { return decode_labels(&in, labels); }

bool decode_node_record(std::string_view in, NodeRecord* out) {
  return decode_labels(&in, &out->labels) && decode_properties(&in, &out->properties) && in.empty();
}

void encode_rel_record_to(std::string* dst, const RelRecord& rel) {
  dst->push_back(static_cast<char>(rel.undirected ? 1 : 0));
  put_varint(dst, rel.type);
  put_varint(dst, rel.start);
  put_varint(dst, rel.end);
  encode_properties(dst, rel.properties);
}

std::string encode_rel_record(const RelRecord& rel) {
  std::string out;
  encode_rel_record_to(&out, rel);
  return out;
}

bool decode_rel_record(std::string_view in, RelRecord* out) {
  if (in.empty()) return false;
  auto flags = static_cast<uint8_t>(in[0]);
  if (flags > 1) return false;
  in.remove_prefix(1);
  out->undirected = flags & 1;
  uint64_t type, start, end;
  if (!get_varint(&in, &type) || type == 0 || type > UINT32_MAX) return false;
  if (!get_varint(&in, &start) || !get_varint(&in, &end) || start == 0 || end == 0) return false;
  out->type = static_cast<TypeId>(type);
  out->start = start;
  out->end = end;
  return decode_properties(&in, &out->properties) && in.empty();
}

}  // namespace mlkg::storage

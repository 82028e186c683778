#include "engine/storage/catalog.hpp"

#include <algorithm>

#include "engine/storage/key_codec.hpp"

namespace mlkg::storage {

const Catalog::Dictionary& Catalog::dict(NameKind kind) const {
  switch (kind) {
    case NameKind::kLabel: return labels_;
    case NameKind::kType: return types_;
    case NameKind::kKey: return keys_;
  }
  return keys_;
}

Catalog::Dictionary& Catalog::dict(NameKind kind) {
  return const_cast<Dictionary&>(static_cast<const Catalog*>(this)->dict(kind));
}

std::optional<uint32_t> Catalog::find(NameKind kind, std::string_view name) const {
  const Dictionary& d = dict(kind);
  auto it = d.ids.find(name);
  if (it == d.ids.end()) return std::nullopt;
  return it->second;
}

const std::string& Catalog::name(NameKind kind, uint32_t id) const { return dict(kind).names.at(id - 1); }

bool Catalog::has_id(NameKind kind, uint32_t id) const { return id >= 1 && id <= dict(kind).names.size(); }

uint32_t Catalog::count(NameKind kind) const { return static_cast<uint32_t>(dict(kind).names.size()); }

uint32_t Catalog::add_name(NameKind kind, std::string name) {
  Dictionary& d = dict(kind);
  auto id = static_cast<uint32_t>(d.names.size() + 1);
  d.ids.emplace(name, id);
  d.names.push_back(std::move(name));
  return id;
}

bool Catalog::restore_name(NameKind kind, uint32_t id, std::string name) {
  Dictionary& d = dict(kind);
  if (id != d.names.size() + 1 || d.ids.contains(name)) return false;
  add_name(kind, std::move(name));
  return true;
}

const IndexDefinition* Catalog::find_index(IndexId id) const {
  for (const auto& def : indexes_)
    if (def.id == id) return &def;
  return nullptr;
}

const IndexDefinition* Catalog::find_index(LabelId label, PropertyKeyId key) const {
  for (const auto& def : indexes_)
    if (def.label == label && def.key == key) return &def;
  return nullptr;
}

void Catalog::add_index(const IndexDefinition& def) {
  indexes_.push_back(def);
  std::sort(indexes_.begin(), indexes_.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
}

void Catalog::remove_index(IndexId id) {
  std::erase_if(indexes_, [id](const IndexDefinition& d) { return d.id == id; });
}

IndexId Catalog::next_index_id() const { return indexes_.empty() ? 1 : indexes_.back().id + 1; }

// Index definition value: label(u32) key(u32) flags(u8, bit 0 = unique).
std::string encode_index_definition(const IndexDefinition& def) {
  std::string out;
  put_u32_be(&out, def.label);
  put_u32_be(&out, def.key);
  out.push_back(def.unique ? '\x01' : '\x00');
  return out;
}

bool decode_index_definition(IndexId id, std::string_view in, IndexDefinition* out) {
  if (in.size() != 9 || static_cast<uint8_t>(in[8]) > 1) return false;
  out->id = id;
  out->label = load_u32_be(in.data());
  out->key = load_u32_be(in.data() + 4);
  out->unique = in[8] == 1;
  return out->key != 0;
}

}  // namespace mlkg::storage

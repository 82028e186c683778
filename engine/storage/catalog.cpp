#include "engine/storage/catalog.hpp"

#include <algorithm>

#include "engine/storage/key_codec.hpp"
#include "engine/storage/record_codec.hpp"

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

const IndexDefinition* Catalog::find_index_named(std::string_view name) const {
  for (const auto& def : indexes_)
    if (def.name == name) return &def;
  return nullptr;
}

bool Catalog::schema_name_taken(std::string_view name) const {
  return find_index_named(name) != nullptr || find_fulltext_index(name) != nullptr;
}

std::string Catalog::generate_index_name(LabelId label, PropertyKeyId key, bool unique) const {
  std::string base = unique ? "constraint_" : "index_";
  if (label != 0 && has_id(NameKind::kLabel, label)) base += label_name(label) + "_";
  base += has_id(NameKind::kKey, key) ? key_name(key) : std::to_string(key);
  std::string name = base;
  for (int n = 2; schema_name_taken(name); ++n) name = base + "_" + std::to_string(n);
  return name;
}

void Catalog::name_unnamed_indexes() {
  for (auto& def : indexes_) {
    if (!def.name.empty()) continue;
    def.name = generate_index_name(def.label, def.key, def.unique);
    generated_names_.push_back(def.id);
  }
}

std::vector<IndexId> Catalog::take_generated_names() {
  std::vector<IndexId> out;
  out.swap(generated_names_);
  std::erase_if(out, [this](IndexId id) { return find_index(id) == nullptr; });
  return out;
}

void Catalog::add_index(const IndexDefinition& def) {
  indexes_.push_back(def);
  std::sort(indexes_.begin(), indexes_.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
}

void Catalog::remove_index(IndexId id) {
  std::erase_if(indexes_, [id](const IndexDefinition& d) { return d.id == id; });
}

IndexId Catalog::next_index_id() const {
  IndexId last = 0;
  if (!indexes_.empty()) last = indexes_.back().id;
  if (!fulltext_indexes_.empty()) last = std::max(last, fulltext_indexes_.back().id);
  return last + 1;
}

// ---------------------------------------------------------------- full-text indexes

bool IndexDefinition::applies_to(const std::vector<LabelId>& node_labels) const {
  return label == 0 || std::find(node_labels.begin(), node_labels.end(), label) != node_labels.end();
}

bool FulltextIndexDefinition::covers(const std::vector<LabelId>& node_labels) const {
  for (LabelId l : node_labels)
    if (std::find(labels.begin(), labels.end(), l) != labels.end()) return true;
  return false;
}

bool FulltextIndexDefinition::reads(PropertyKeyId key) const {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

const FulltextIndexDefinition* Catalog::find_fulltext_index(IndexId id) const {
  for (const auto& def : fulltext_indexes_)
    if (def.id == id) return &def;
  return nullptr;
}

const FulltextIndexDefinition* Catalog::find_fulltext_index(std::string_view name) const {
  for (const auto& def : fulltext_indexes_)
    if (def.name == name) return &def;
  return nullptr;
}

void Catalog::add_fulltext_index(FulltextIndexDefinition def) {
  fulltext_indexes_.push_back(std::move(def));
  std::sort(fulltext_indexes_.begin(), fulltext_indexes_.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
}

void Catalog::remove_fulltext_index(IndexId id) {
  std::erase_if(fulltext_indexes_, [id](const FulltextIndexDefinition& d) { return d.id == id; });
}

IndexId Catalog::next_fulltext_index_id() const { return next_index_id(); }

namespace {

void put_string(std::string* out, std::string_view s) {
  put_varint(out, s.size());
  out->append(s);
}

bool get_string(std::string_view* in, std::string* out) {
  uint64_t n;
  if (!get_varint(in, &n) || n > in->size()) return false;
  out->assign(in->substr(0, n));
  in->remove_prefix(n);
  return true;
}

template <typename Id>
bool get_ids(std::string_view* in, std::vector<Id>* out) {
  uint64_t n;
  if (!get_varint(in, &n) || n == 0 || n > in->size()) return false;
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t id;
    if (!get_varint(in, &id) || id == 0 || id > UINT32_MAX) return false;
    out->push_back(static_cast<Id>(id));
  }
  return true;
}

}  // namespace

std::string encode_index_definition(const IndexDefinition& def) {
  std::string out;
  put_u32_be(&out, def.label);
  put_u32_be(&out, def.key);
  out.push_back(def.unique ? '\x01' : '\x00');
  put_string(&out, def.name);
  return out;
}

bool decode_index_definition(IndexId id, std::string_view in, IndexDefinition* out) {
  if (in.size() < 9 || static_cast<uint8_t>(in[8]) > 1) return false;
  *out = IndexDefinition();
  out->id = id;
  out->label = load_u32_be(in.data());
  out->key = load_u32_be(in.data() + 4);
  out->unique = in[8] == 1;
  in.remove_prefix(9);
  if (!in.empty() && (!get_string(&in, &out->name) || out->name.empty() || !in.empty())) return false;
  return out->key != 0;
}

std::string encode_fulltext_definition(const FulltextIndexDefinition& def) {
  std::string out;
  put_string(&out, def.name);
  put_varint(&out, def.labels.size());
  for (LabelId l : def.labels) put_varint(&out, l);
  put_varint(&out, def.keys.size());
  for (PropertyKeyId k : def.keys) put_varint(&out, k);
  put_string(&out, def.analyzer);
  return out;
}

bool decode_fulltext_definition(IndexId id, std::string_view in, FulltextIndexDefinition* out) {
  *out = FulltextIndexDefinition();
  out->id = id;
  out->analyzer.clear();
  return id != 0 && get_string(&in, &out->name) && !out->name.empty() && get_ids(&in, &out->labels) &&
         get_ids(&in, &out->keys) && get_string(&in, &out->analyzer) && in.empty();
}

}  // namespace mlkg::storage

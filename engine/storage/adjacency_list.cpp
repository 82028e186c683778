#include "engine/storage/adjacency_list.hpp"

#include <algorithm>

#include "engine/storage/record_codec.hpp"

namespace mlkg::storage {

bool AdjacencyList::decode(std::string_view bytes) {
  items_.clear();
  sorted_ = true;
  AdjListReader reader(bytes, nullptr);
  AdjItem item;
  while (reader.next(&item)) {
    if (!items_.empty() && !(items_.back() < item)) return false;  // must be strictly ascending
    items_.push_back(item);
  }
  return !reader.corrupt();
}

void AdjacencyList::normalise() {
  if (sorted_) return;
  std::sort(items_.begin(), items_.end());
  items_.erase(std::unique(items_.begin(), items_.end()), items_.end());
  sorted_ = true;
}

const std::vector<AdjItem>& AdjacencyList::items() {
  normalise();
  return items_;
}

void AdjacencyList::add(const AdjItem& item) {
  if (sorted_ && !items_.empty() && !(items_.back() < item)) sorted_ = false;
  items_.push_back(item);
}

bool AdjacencyList::remove(const AdjItem& item) {
  normalise();
  auto it = std::lower_bound(items_.begin(), items_.end(), item);
  if (it == items_.end() || *it != item) return false;
  items_.erase(it);
  return true;
}

void AdjacencyList::encode(std::string* out) const {
  // Count groups first.
  uint64_t groups = 0;
  for (size_t i = 0; i < items_.size(); ++i)
    if (i == 0 || items_[i].type != items_[i - 1].type) ++groups;
  put_varint(out, groups);
  std::string entries;
  for (size_t i = 0; i < items_.size();) {
    size_t j = i;
    entries.clear();
    NodeId previous = 0;
    for (; j < items_.size() && items_[j].type == items_[i].type; ++j) {
      put_varint(&entries, items_[j].neighbour - previous);
      put_varint(&entries, items_[j].rel);
      previous = items_[j].neighbour;
    }
    put_varint(out, items_[i].type);
    put_varint(out, j - i);
    put_varint(out, entries.size());
    out->append(entries);
    i = j;
  }
}

AdjListReader::AdjListReader(std::string_view bytes, const TypeId* only_type)
    : in_(bytes), has_filter_(only_type != nullptr), filter_(only_type ? *only_type : 0) {
  if (in_.empty()) return;  // an absent list
  if (!get_varint(&in_, &groups_left_)) corrupt_ = true;
}

bool AdjListReader::enter_group() {
  while (groups_left_ > 0) {
    --groups_left_;
    uint64_t type, count, bytes;
    if (!get_varint(&in_, &type) || !get_varint(&in_, &count) || !get_varint(&in_, &bytes) || bytes > in_.size() ||
        type == 0 || type > UINT32_MAX || count > bytes) {
      corrupt_ = true;
      return false;
    }
    if (has_filter_ && type != filter_) {
      in_.remove_prefix(bytes);  // skip a group of another type undecoded
      continue;
    }
    type_ = static_cast<TypeId>(type);
    entries_left_ = count;
    previous_ = 0;
    if (count > 0) return true;
  }
  return false;
}

bool AdjListReader::next(AdjItem* out) {
  if (corrupt_) return false;
  if (entries_left_ == 0 && !enter_group()) return false;
  uint64_t delta, rel;
  if (!get_varint(&in_, &delta) || !get_varint(&in_, &rel) || rel == 0) {
    corrupt_ = true;
    return false;
  }
  --entries_left_;
  previous_ += delta;
  out->type = type_;
  out->neighbour = previous_;
  out->rel = rel;
  return true;
}

}  // namespace mlkg::storage

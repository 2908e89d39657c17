// Internal: a compact set of household ids with a value per id (open
// addressing over 64-bit hashes, keys in one arena). The readers keep every
// household id of an input for duplicate and missing-household detection; a
// std::unordered_map<std::string, ...> costs an allocation and a cache miss
// per id, which showed as a third of the CSV reading time.
#ifndef ANSINH_LIB_IO_ID_TABLE_HPP_
#define ANSINH_LIB_IO_ID_TABLE_HPP_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "records/value_text.hpp"

namespace ansinh::internal {

template <typename Value>
class IdTable {
 public:
  // Room for about `n` ids: no rehashing or moving below that.
  void Reserve(size_t n) {
    entries_.reserve(n);
    while (slots_.size() * 3 < n * 4) Grow();
  }

  // Adds `id` with `value` unless present. Returns the stored value and
  // whether it was added. The pointer is valid until the next Insert.
  std::pair<const Value*, bool> Insert(std::string_view id, const Value& value) {
    if ((entries_.size() + 1) * 4 > slots_.size() * 3) Grow();
    const uint64_t h = Hash(id);
    const uint32_t tag = static_cast<uint32_t>(h >> 32);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.entry == 0) {
        s = Slot{tag, static_cast<uint32_t>(entries_.size() + 1)};
        entries_.push_back(Entry{h, arena_.size(), id.size(), value});
        arena_.append(id);
        return {&entries_.back().value, true};
      }
      if (s.tag == tag && SameText(Key(entries_[s.entry - 1]), id)) return {&entries_[s.entry - 1].value, false};
    }
  }

  // The value of `id`, or nullptr.
  const Value* Find(std::string_view id) const {
    const size_t i = IndexOf(id);
    return i == SIZE_MAX ? nullptr : &entries_[i].value;
  }

  // The index of `id` in insertion order, or SIZE_MAX.
  size_t IndexOf(std::string_view id) const {
    if (entries_.empty()) return SIZE_MAX;
    const uint64_t h = Hash(id);
    const uint32_t tag = static_cast<uint32_t>(h >> 32);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.entry == 0) return SIZE_MAX;
      if (s.tag == tag && SameText(Key(entries_[s.entry - 1]), id)) return s.entry - 1;
    }
  }

  // The i-th id added, and its value.
  std::string_view KeyAt(size_t i) const noexcept { return Key(entries_[i]); }
  const Value& ValueAt(size_t i) const noexcept { return entries_[i].value; }
  size_t size() const noexcept { return entries_.size(); }

 private:
  struct Slot {          // 8 bytes: the table is 2-4 slots per id
    uint32_t tag = 0;    // high half of the hash
    uint32_t entry = 0;  // index + 1 into entries_; 0 = empty
  };
  struct Entry {
    uint64_t hash;  // kept so that growing does not hash the keys again
    size_t offset;
    size_t length;
    Value value;
  };

  static uint64_t Hash(std::string_view id) noexcept {
    uint64_t h = std::hash<std::string_view>{}(id);
    h ^= h >> 33;  // spread for the low bits (the index) and the high half (the tag)
    h *= 0xff51afd7ed558ccdULL;
    return h ^ (h >> 33);
  }
  std::string_view Key(const Entry& e) const noexcept {
    return std::string_view(arena_.data() + e.offset, e.length);
  }

  void Grow() {
    const size_t size = slots_.empty() ? 1024 : slots_.size() * 2;
    std::vector<Slot> grown(size);
    const size_t mask = size - 1;
    for (const Slot& s : slots_) {
      if (s.entry == 0) continue;
      size_t i = entries_[s.entry - 1].hash & mask;
      while (grown[i].entry != 0) i = (i + 1) & mask;
      grown[i] = s;
    }
    slots_ = std::move(grown);
    mask_ = mask;
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  std::vector<Entry> entries_;
  std::string arena_;
};

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_IO_ID_TABLE_HPP_

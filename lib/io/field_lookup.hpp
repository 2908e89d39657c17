// Internal: field name -> schema index without allocating (the readers look
// up every key of every JSON/YAML record). Open addressing over the schema's
// own names; "members" is a household pseudo-field. Records of one file give
// their keys in the same order, so each lookup first tries the key that
// followed the previous one last time (one compare, no hashing).
#ifndef ANSINH_LIB_IO_FIELD_LOOKUP_HPP_
#define ANSINH_LIB_IO_FIELD_LOOKUP_HPP_

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "model/compiled_schema.hpp"
#include "records/value_text.hpp"

namespace ansinh::internal {

class FieldLookup {
 public:
  static constexpr int kUnknown = -1;
  static constexpr int kMembers = -2;

  // `schema` must outlive the lookup (its names are referenced, not copied).
  FieldLookup(const CompiledSchema& schema, Entity entity) {
    const auto& fields = schema.fields(entity);
    size_t size = 16;
    while (size < fields.size() * 4) size *= 2;
    slots_.assign(size, Slot{});
    mask_ = size - 1;
    for (size_t i = 0; i < fields.size(); ++i) Insert(fields[i].name, static_cast<int>(i));
    if (entity == Entity::kHousehold) Insert(kMembersName, kMembers);
  }

  // The index of `name`, kMembers, or kUnknown.
  int Find(std::string_view name) const noexcept {
    if (previous_ != kNone) {
      const uint32_t guess = slots_[previous_].next;
      if (guess != kNone && SameText(slots_[guess].name, name)) {
        previous_ = guess;
        return slots_[guess].index;
      }
    }
    for (size_t i = Hash(name) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.index == kEmpty) return kUnknown;
      if (SameText(s.name, name)) {
        if (previous_ != kNone) slots_[previous_].next = static_cast<uint32_t>(i);
        previous_ = static_cast<uint32_t>(i);
        return s.index;
      }
    }
  }

 private:
  static constexpr int kEmpty = -100;
  static constexpr std::string_view kMembersName = "members";
  static constexpr uint32_t kNone = UINT32_MAX;
  struct Slot {
    std::string_view name;
    int index = kEmpty;
    mutable uint32_t next = kNone;  // the slot found after this one last time
  };

  // The length and up to 16 bytes (the first and last eight): names of a schema differ there.
  static size_t Hash(std::string_view s) noexcept {
    uint64_t a = 0, b = 0;
    if (s.size() >= 8) {
      std::memcpy(&a, s.data(), 8);
      std::memcpy(&b, s.data() + s.size() - 8, 8);
    } else {
      for (char c : s) a = a << 8 | static_cast<unsigned char>(c);
    }
    uint64_t h = (a ^ (b * 0x9E3779B97F4A7C15ULL) ^ s.size()) * 0xff51afd7ed558ccdULL;
    return static_cast<size_t>(h ^ (h >> 29) ^ (h >> 41));
  }

  void Insert(std::string_view name, int index) {
    size_t i = Hash(name) & mask_;
    while (slots_[i].index != kEmpty) {
      if (slots_[i].name == name) return;  // first definition wins
      i = (i + 1) & mask_;
    }
    slots_[i] = Slot{name, index};
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  mutable uint32_t previous_ = kNone;  // the slot of the last name found
};

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_IO_FIELD_LOOKUP_HPP_

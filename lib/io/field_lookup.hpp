// Internal: field name -> schema index without allocating (the readers look
// up every key of every JSON/YAML record). Open addressing over the schema's
// own names; "members" is a household pseudo-field.
#ifndef ANSINH_LIB_IO_FIELD_LOOKUP_HPP_
#define ANSINH_LIB_IO_FIELD_LOOKUP_HPP_

#include <cstdint>
#include <string_view>
#include <vector>

#include "model/compiled_schema.hpp"

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
    for (size_t i = Hash(name) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.index == kEmpty) return kUnknown;
      if (s.name == name) return s.index;
    }
  }

 private:
  static constexpr int kEmpty = -100;
  static constexpr std::string_view kMembersName = "members";
  struct Slot {
    std::string_view name;
    int index = kEmpty;
  };

  static size_t Hash(std::string_view s) noexcept {  // FNV-1a
    uint64_t h = 1469598103934665603ULL;
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    return static_cast<size_t>(h ^ (h >> 29));
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
};

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_IO_FIELD_LOOKUP_HPP_

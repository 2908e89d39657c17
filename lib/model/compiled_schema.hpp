// Internal: the compiled schema — the record fields of a rule set, as the checker
// builds them and the record readers, the evaluator and the reports use them.
// In model/ (below every layer that uses it) so none of them reaches into another.
#ifndef ANSINH_LIB_MODEL_COMPILED_SCHEMA_HPP_
#define ANSINH_LIB_MODEL_COMPILED_SCHEMA_HPP_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ansinh/rule_set.hpp"
#include "ansinh/value.hpp"

namespace ansinh::internal {

// One field, ready for binding record values: its public description (the
// FieldInfo the checker copies from the schema file's FieldDef; the public
// Schema is these FieldInfos, copied in runtime/load.cpp) plus the compiled
// default. Field 0 of each entity is "id" (type string, never has a default).
// For enum/set fields the stored value is the index in `values`, and
// `value_labels` has one label per value.
struct CompiledField : FieldInfo {
  bool has_default = false;
  int64_t default_raw = 0;           // the default in column representation (see FieldColumn)
  // Index of an enum/set value, or -1.
  int ValueIndex(std::string_view value) const noexcept;
};

struct CompiledSchema {
  std::vector<CompiledField> household;  // [0] is "id"
  std::vector<CompiledField> person;     // [0] is "id"
  std::unordered_map<std::string, int> household_index;
  std::unordered_map<std::string, int> person_index;

  const std::vector<CompiledField>& fields(Entity e) const noexcept {
    return e == Entity::kHousehold ? household : person;
  }
  int IndexOf(Entity e, std::string_view name) const noexcept;
};

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_MODEL_COMPILED_SCHEMA_HPP_

// Internal: administrative units as dated data, compiled for lookups — which
// unit a code designates on a day (following successors after a unit ended),
// and which areas a unit lies within. Built by the checker from the package's
// `units` section; read by the evaluator (in_unit) and the report (--by commune).
#ifndef ANSINH_LIB_COMMON_UNITS_HPP_
#define ANSINH_LIB_COMMON_UNITS_HPP_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ansinh/value.hpp"

namespace ansinh::internal {

struct UnitEntry {
  std::string code;
  Label name;
  uint8_t level = 2;               // 0 province, 1 district, 2 commune
  int32_t parent = -1;             // entry of the parent code in force on this unit's first day
  int32_t successor = -1;          // entry in force the day after `to`
  int32_t from = INT32_MIN;        // day numbers, inclusive
  int32_t to = INT32_MAX;
  int32_t code_id = -1;            // index into UnitTable::codes
  bool provisional = false;        // its code or mapping is not confirmed
  bool mapping_provisional = false;  // it or a unit on its successor chain is provisional
  std::vector<int32_t> areas;      // code ids of the areas it lies within (itself included), sorted
};

class UnitTable {
 public:
  std::vector<UnitEntry> units;
  std::vector<std::string> codes;  // distinct codes, by code id

  bool empty() const noexcept { return units.empty(); }
  int32_t CodeId(std::string_view code) const;  // -1 if unknown
  // The entries of `code`, by first day.
  const std::vector<int32_t>* Entries(std::string_view code) const;
  // The entry of `code` in force on `day`; -1 if none is.
  int32_t InForce(std::string_view code, int32_t day) const;
  // The unit `code` designates on `day`: the entry of that code in force, or
  // after the code's last entry ended, its successor chain as far as `day`
  // (the last unit of the chain when it has no successor: check `to`); before
  // the code's first entry, that first entry. -1 for an unknown code.
  int32_t Resolve(std::string_view code, int32_t day) const;
  // Whether entry `unit` lies within the area of code `code_id`.
  bool Within(int32_t unit, int32_t code_id) const;

  // Links parents and successors by code (the checker has validated them),
  // then computes every unit's areas: itself, its parent's areas, and the
  // areas every one of its predecessors shares (a new commune formed only of
  // old communes of a district lies within that district's area).
  void Link(const std::vector<std::string>& parents, const std::vector<std::string>& successors);

 private:
  void Areas(int32_t unit, std::vector<uint8_t>& state);
  std::unordered_map<std::string, int32_t> code_ids_;
  std::vector<std::vector<int32_t>> entries_;  // by code id, sorted by from
};

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_COMMON_UNITS_HPP_

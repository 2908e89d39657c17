#include "common/units.hpp"

#include <algorithm>
#include <iterator>

namespace ansinh::internal {

int32_t UnitTable::CodeId(std::string_view code) const {
  auto it = code_ids_.find(std::string(code));
  return it == code_ids_.end() ? -1 : it->second;
}

const std::vector<int32_t>* UnitTable::Entries(std::string_view code) const {
  const int32_t id = CodeId(code);
  return id < 0 ? nullptr : &entries_[static_cast<size_t>(id)];
}

int32_t UnitTable::InForce(std::string_view code, int32_t day) const {
  const std::vector<int32_t>* list = Entries(code);
  if (list == nullptr) return -1;
  for (int32_t e : *list) {
    const UnitEntry& u = units[static_cast<size_t>(e)];
    if (u.from <= day && day <= u.to) return e;
  }
  return -1;
}

int32_t UnitTable::Resolve(std::string_view code, int32_t day) const {
  const std::vector<int32_t>* list = Entries(code);
  if (list == nullptr || list->empty()) return -1;
  int32_t at = -1;
  for (int32_t e : *list) {
    const UnitEntry& u = units[static_cast<size_t>(e)];
    if (u.from <= day && day <= u.to) return e;
    if (u.to < day) at = e;  // the last entry that ended before `day`
  }
  if (at < 0) return list->front();  // before the code's first entry
  // Follow successors while the unit had ended by `day` (dates strictly increase: no cycle).
  while (units[static_cast<size_t>(at)].to < day && units[static_cast<size_t>(at)].successor >= 0) {
    at = units[static_cast<size_t>(at)].successor;
  }
  return at;
}

bool UnitTable::Within(int32_t unit, int32_t code_id) const {
  if (unit < 0 || code_id < 0) return false;
  const std::vector<int32_t>& a = units[static_cast<size_t>(unit)].areas;
  return std::binary_search(a.begin(), a.end(), code_id);
}

void UnitTable::Link(const std::vector<std::string>& parents, const std::vector<std::string>& successors) {
  code_ids_.clear();
  codes.clear();
  entries_.clear();
  for (size_t i = 0; i < units.size(); ++i) {
    UnitEntry& u = units[i];
    auto [it, inserted] = code_ids_.emplace(u.code, static_cast<int32_t>(codes.size()));
    if (inserted) {
      codes.push_back(u.code);
      entries_.emplace_back();
    }
    u.code_id = it->second;
    entries_[static_cast<size_t>(u.code_id)].push_back(static_cast<int32_t>(i));
  }
  for (std::vector<int32_t>& list : entries_) {
    std::sort(list.begin(), list.end(), [&](int32_t a, int32_t b) {
      return units[static_cast<size_t>(a)].from < units[static_cast<size_t>(b)].from;
    });
  }
  for (size_t i = 0; i < units.size(); ++i) {
    UnitEntry& u = units[i];
    if (i < parents.size() && !parents[i].empty()) {
      u.parent = InForce(parents[i], u.from);
      if (u.parent < 0) u.parent = Resolve(parents[i], u.from);
    }
    if (i < successors.size() && !successors[i].empty() && u.to != INT32_MAX) {
      u.successor = InForce(successors[i], u.to + 1);
    }
  }
  std::vector<uint8_t> state(units.size(), 0);
  for (size_t i = 0; i < units.size(); ++i) Areas(static_cast<int32_t>(i), state);
  // A mapping is provisional when a unit on the way is.
  for (size_t i = 0; i < units.size(); ++i) {
    bool provisional = false;
    for (int32_t at = static_cast<int32_t>(i), steps = 0; at >= 0 && steps < 64;
         at = units[static_cast<size_t>(at)].successor, ++steps) {
      provisional = provisional || units[static_cast<size_t>(at)].provisional;
    }
    units[i].mapping_provisional = provisional;
  }
}

void UnitTable::Areas(int32_t unit, std::vector<uint8_t>& state) {
  UnitEntry& u = units[static_cast<size_t>(unit)];
  if (state[static_cast<size_t>(unit)] != 0) return;  // done, or in progress (a cycle the checker reported)
  state[static_cast<size_t>(unit)] = 1;
  std::vector<int32_t> areas{u.code_id};
  if (u.parent >= 0 && u.parent != unit) {
    Areas(u.parent, state);
    const std::vector<int32_t>& p = units[static_cast<size_t>(u.parent)].areas;
    areas.insert(areas.end(), p.begin(), p.end());
  }
  bool first = true;
  std::vector<int32_t> shared;
  for (size_t i = 0; i < units.size(); ++i) {
    if (units[i].successor != unit || static_cast<int32_t>(i) == unit) continue;
    Areas(static_cast<int32_t>(i), state);
    std::vector<int32_t> theirs = units[i].areas;
    if (first) {
      shared = std::move(theirs);
      first = false;
    } else {
      std::vector<int32_t> both;
      std::set_intersection(shared.begin(), shared.end(), theirs.begin(), theirs.end(), std::back_inserter(both));
      shared = std::move(both);
    }
  }
  areas.insert(areas.end(), shared.begin(), shared.end());
  std::sort(areas.begin(), areas.end());
  areas.erase(std::unique(areas.begin(), areas.end()), areas.end());
  u.areas = std::move(areas);
  state[static_cast<size_t>(unit)] = 2;
}

}  // namespace ansinh::internal

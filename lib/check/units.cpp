// Checking the `units` section: codes, parents, periods and successors; builds
// the unit table the evaluator and the report use.
#include <algorithm>
#include <map>

#include "check/checked.hpp"

namespace ansinh::check {

namespace {

using internal::Loc;

int32_t DayOf(const std::optional<Date>& d, int32_t none) { return d ? d->days() : none; }

std::string Period(const model::UnitDef& u) {
  return (u.from ? u.from->ToString() : std::string("…")) + " – " + (u.to ? u.to->ToString() : std::string("…"));
}

}  // namespace

void CheckUnits(const model::Package& pkg, internal::DiagnosticSink& sink, CheckedPackage& out) {
  const std::vector<model::UnitDef>& defs = pkg.units;
  if (defs.empty()) return;
  std::map<std::string, std::vector<size_t>> by_code;
  for (size_t i = 0; i < defs.size(); ++i) by_code[defs[i].code].push_back(i);
  // Periods of one code do not overlap.
  for (auto& [code, list] : by_code) {
    std::sort(list.begin(), list.end(), [&](size_t a, size_t b) {
      return DayOf(defs[a].from, INT32_MIN) < DayOf(defs[b].from, INT32_MIN);
    });
    for (size_t k = 1; k < list.size(); ++k) {
      const model::UnitDef& prev = defs[list[k - 1]];
      const model::UnitDef& cur = defs[list[k]];
      if (DayOf(prev.to, INT32_MAX) >= DayOf(cur.from, INT32_MIN)) {
        sink.Error(DiagnosticCode::kOverlappingPeriods, cur.loc,
                   {"unit '" + code + "' (" + Period(cur) + ") overlaps its earlier entry (" + Period(prev) +
                        "); end the earlier one with `valid: {to: ...}` the day before",
                    "đơn vị '" + code + "' (" + Period(cur) + ") chồng thời gian với mục trước của nó (" + Period(prev) +
                        "); cho mục trước kết thúc một ngày trước đó bằng `valid: {to: ...}`"},
                   static_cast<uint32_t>(code.size()), "unit " + code);
      }
    }
  }
  auto in_force = [&](const std::string& code, int32_t day) -> const model::UnitDef* {
    auto it = by_code.find(code);
    if (it == by_code.end()) return nullptr;
    for (size_t i : it->second) {
      if (DayOf(defs[i].from, INT32_MIN) <= day && day <= DayOf(defs[i].to, INT32_MAX)) return &defs[i];
    }
    return nullptr;
  };
  std::vector<std::string> known;
  for (const auto& [code, list] : by_code) known.push_back(code);
  std::vector<std::string> parents, successors;
  bool ok = true;
  auto unknown = [&](const model::UnitDef& u, const char* what, const char* what_vi, const std::string& code,
                     const Loc& loc) {
    sink.Error(DiagnosticCode::kUnknownName, loc,
               internal::WithSuggestion(
                   internal::Message{"unit '" + u.code + "' has " + what + " '" + code +
                                         "', which is not a unit of the package.",
                                     "đơn vị '" + u.code + "' có " + what_vi + " '" + code +
                                         "', không phải một đơn vị của gói."},
                   code, known),
               static_cast<uint32_t>(code.size()), "unit " + u.code);
    ok = false;
  };
  for (const model::UnitDef& u : defs) {
    parents.push_back(u.parent);
    successors.push_back(u.successor);
    if (!u.parent.empty()) {
      const model::UnitDef* p = nullptr;
      if (by_code.count(u.parent) != 0) {
        p = in_force(u.parent, DayOf(u.from, INT32_MIN));
        if (p == nullptr) p = &defs[by_code[u.parent].front()];
      }
      if (p == nullptr) {
        unknown(u, "parent", "đơn vị cấp trên", u.parent, u.parent_loc);
      } else if (static_cast<int>(p->level) >= static_cast<int>(u.level)) {
        sink.Error(DiagnosticCode::kBadValue, u.parent_loc,
                   {"the parent of unit '" + u.code + "' must be of a higher level (province above district above "
                    "commune), but '" + u.parent + "' is not",
                    "đơn vị cấp trên của '" + u.code + "' phải ở cấp cao hơn (tỉnh trên huyện, huyện trên xã), "
                    "nhưng '" + u.parent + "' thì không"},
                   static_cast<uint32_t>(u.parent.size()), "unit " + u.code);
        ok = false;
      }
    } else if (u.level != model::UnitLevel::kProvince) {
      sink.Error(DiagnosticCode::kMissingKey, u.loc,
                 {"unit '" + u.code + "' is a district or commune without a parent; add `parent: \"<code>\"`",
                  "đơn vị '" + u.code + "' là huyện hoặc xã nhưng không có đơn vị cấp trên; thêm `parent: \"<mã>\"`"},
                 static_cast<uint32_t>(u.code.size()), "unit " + u.code);
      ok = false;
    }
    if (!u.successor.empty()) {
      if (!u.to) {
        sink.Error(DiagnosticCode::kMissingKey, u.successor_loc,
                   {"unit '" + u.code + "' has a successor but no last day; add `valid: {to: YYYY-MM-DD}`",
                    "đơn vị '" + u.code + "' có đơn vị kế tiếp nhưng không có ngày cuối; thêm `valid: {to: YYYY-MM-DD}`"},
                   static_cast<uint32_t>(u.successor.size()), "unit " + u.code);
        ok = false;
      } else if (by_code.count(u.successor) == 0) {
        unknown(u, "successor", "đơn vị kế tiếp", u.successor, u.successor_loc);
      } else if (in_force(u.successor, u.to->days() + 1) == nullptr) {
        sink.Error(DiagnosticCode::kBadPeriod, u.successor_loc,
                   {"the successor '" + u.successor + "' of unit '" + u.code + "' is not in force on " +
                        Date::FromDays(u.to->days() + 1).ToString() + ", the day after the unit ended",
                    "đơn vị kế tiếp '" + u.successor + "' của '" + u.code + "' không có hiệu lực vào ngày " +
                        Date::FromDays(u.to->days() + 1).ToString() + ", ngày sau khi đơn vị kết thúc"},
                   static_cast<uint32_t>(u.successor.size()), "unit " + u.code);
        ok = false;
      }
    }
  }
  if (!ok) return;
  internal::UnitTable& table = out.units;
  for (const model::UnitDef& u : defs) {
    internal::UnitEntry e;
    e.code = u.code;
    e.name = u.name;
    e.level = static_cast<uint8_t>(u.level);
    e.from = DayOf(u.from, INT32_MIN);
    e.to = DayOf(u.to, INT32_MAX);
    e.provisional = u.provisional;
    table.units.push_back(std::move(e));
  }
  table.Link(parents, successors);
}

}  // namespace ansinh::check

// Internal: helpers shared by the report and diff builders and renderers.
#ifndef ANSINH_LIB_REPORT_REPORT_INTERNAL_HPP_
#define ANSINH_LIB_REPORT_REPORT_INTERNAL_HPP_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/decimal.hpp"
#include "ansinh/report.hpp"
#include "ansinh/rule_set.hpp"
#include "ansinh/value.hpp"

namespace ansinh::internal {
struct BatchData;
}

namespace ansinh::report {

// Sums of money in reports and diffs, checked: a result beyond int64
// (±9,223,372,036,854,775,807 VND) throws ansinh::Error with a clear message
// in both languages (what() English, message_vi() Vietnamese) instead of
// wrapping around (undefined behaviour, and a wrong figure). `what` names the
// figure ("the cost of benefit" / "chi phí của trợ cấp") and `name` the item
// it belongs to (a benefit's or row's label, a household's id); the message
// is built only on overflow.
struct Texts {
  std::string_view en;
  std::string_view vi;
};
inline Texts TextsOf(const Label& label) { return {label.en, label.vi}; }
int64_t AddMoney(int64_t a, int64_t b, Texts what, Texts name = {});
// 12 * monthly, checked the same way.
int64_t AnnualMoney(int64_t monthly, Texts what, Texts name = {});
// Throws as above unless b - a fits (the change columns print it).
void CheckMoneyChange(int64_t a, int64_t b, Texts what, Texts name = {});

// Value of household field `field` (schema index) of household `h` of `batch`
// as text ("rural", "Xã Mỹ Cẩm", "true", "12"); nullopt if unknown or field < 0.
std::optional<std::string> HouseholdFieldText(const internal::BatchData& batch, int field, size_t h);

// The commune a household is reported under. With the package's `units`, the
// unit its code designates on `day` — an old commune's code is reported under
// the commune that succeeded it, so records written with old or new codes are
// counted alike —, labelled with the unit's name (marked when the mapping is
// provisional, or when an old unit has no successor). Without units, or for a
// code the package does not list: the text itself. Unknown: key "".
struct CommuneRef {
  std::string key;
  Label label;
};
CommuneRef CommuneOf(const RuleSet& rules, const std::optional<std::string>& text, Date day);

// The label of enum value `value` of the household field `field` (the value itself if none).
Label HouseholdValueLabel(const RuleSet& rules, int field, std::string_view value);

// Index of `name` among the household variables of `rules` (the position in
// DecisionView::variables()), or -1.
int HouseholdVariableIndex(const RuleSet& rules, std::string_view name);

// Enum values and labels of household variable `name` (empty if not an enum).
std::vector<std::pair<std::string, Label>> VariableValues(const RuleSet& rules, std::string_view name);

// Enum values and labels of household field `field` (empty if not an enum).
std::vector<std::pair<std::string, Label>> FieldValues(const RuleSet& rules, int field);

// numerator / denominator as a Decimal rounded half-even at the 6th decimal; none if denominator is 0.
std::optional<Decimal> Share(uint64_t numerator, uint64_t denominator);

// Fills share, met and gap of `line` from its counts and target.
void FinishIndicator(IndicatorLine& line);

// Whether an entity with `status` counts against the indicator's target.
bool CountsAgainst(const IndicatorInfo& info, IndicatorStatus status);

// "members[P2].has_supporter" -> "members[].has_supporter" (other paths unchanged).
std::string GeneralPath(std::string_view path);

// The label of a path as missing() gives it: a field ("members[P2].disability",
// "members[].disability", "area") by its schema label, a parameter
// ("param.x") by the parameter's label; the path itself when none is known.
Label PathLabel(const RuleSet& rules, std::string_view path);

// Sorted by count (descending), then key.
std::vector<KeyCount> SortedCounts(const std::map<std::string, uint64_t>& counts);

// Capped list: whether one more item may be kept (limit 0 = no limit).
inline bool HasRoom(size_t size, size_t limit) { return limit == 0 || size < limit; }

// Orders breakdown rows: the keys of `order` first (in that order), then the
// others by key, the unknown key ("") last. Labels come from `order` when known.
template <typename Row>
std::vector<Row> OrderRows(std::map<std::string, Row>& rows, const std::vector<std::pair<std::string, Label>>& order) {
  std::vector<Row> out;
  for (const auto& [value, label] : order) {
    auto it = rows.find(value);
    if (it == rows.end()) continue;
    it->second.key = value;
    it->second.label = label;
    out.push_back(std::move(it->second));
    rows.erase(it);
  }
  std::optional<Row> unknown;
  for (auto& [key, row] : rows) {
    row.key = key;
    if (row.label.vi.empty() && row.label.en.empty()) row.label = Label{key, key};
    if (key.empty()) {
      row.label = Label{"(chưa rõ)", "(unknown)"};
      unknown = std::move(row);
    } else {
      out.push_back(std::move(row));
    }
  }
  if (unknown) out.push_back(std::move(*unknown));
  return out;
}

}  // namespace ansinh::report

#endif  // ANSINH_LIB_REPORT_REPORT_INTERNAL_HPP_

// Helpers shared by the report and diff: record fields as text, enum labels,
// indicator arithmetic (exact: integers and Int128, no floating point).
#include <algorithm>

#include "ansinh/error.hpp"
#include "check/checked.hpp"
#include "common/int128.hpp"
#include "records/batch.hpp"
#include "report/report_internal.hpp"
#include "runtime/access.hpp"
#include "runtime/rule_set_impl.hpp"

namespace ansinh::report {

namespace {
enum class Sum { kPlain, kAnnual, kChange };

[[noreturn]] void MoneyOverflow(Texts what, Texts name, Sum sum = Sum::kPlain) {
  std::string en = sum == Sum::kChange ? "the change of " : "";
  std::string vi = sum == Sum::kChange ? "mức chênh lệch của " : "";
  en += what.en;
  vi += what.vi;
  if (!name.en.empty()) en += " '" + std::string(name.en) + "'";
  if (!name.vi.empty()) vi += " '" + std::string(name.vi) + "'";
  if (sum == Sum::kAnnual) {
    en += " per year (12 × the monthly cost)";
    vi += " mỗi năm (12 × chi phí hằng tháng)";
  }
  throw Error(en + " exceeds 9,223,372,036,854,775,807 VND, the largest sum ansinh can hold: an amount or a "
                   "parameter is probably mistyped (look for the largest amounts with `ansinh eval`)",
              vi + " vượt quá 9.223.372.036.854.775.807 đ, tổng lớn nhất ansinh giữ được: có lẽ một số tiền hoặc "
                   "một tham số bị gõ sai (tìm các số tiền lớn nhất bằng `ansinh eval`)");
}
}  // namespace

int64_t AddMoney(int64_t a, int64_t b, Texts what, Texts name) {
  int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) MoneyOverflow(what, name);
  return sum;
}

int64_t AnnualMoney(int64_t monthly, Texts what, Texts name) {
  const internal::Int128 annual = internal::Int128{monthly} * 12;
  if (annual > INT64_MAX || annual < INT64_MIN) MoneyOverflow(what, name, Sum::kAnnual);
  return static_cast<int64_t>(annual);
}

void CheckMoneyChange(int64_t a, int64_t b, Texts what, Texts name) {
  int64_t change = 0;
  if (__builtin_sub_overflow(b, a, &change)) MoneyOverflow(what, name, Sum::kChange);
}

using internal::Int128;

std::optional<std::string> HouseholdFieldText(const internal::BatchData& batch, int field, size_t h) {
  if (field < 0 || static_cast<size_t>(field) >= batch.household_columns.size()) return std::nullopt;
  const internal::FieldColumn& column = batch.household_columns[field];
  if (h >= column.known.size() || column.known[h] == 0) return std::nullopt;
  const internal::CompiledField& f = batch.schema->household[field];
  const int64_t raw = column.value[h];
  switch (f.type) {
    case ValueType::kEnum:
      if (raw >= 0 && static_cast<size_t>(raw) < f.values.size()) return f.values[raw];
      return std::nullopt;
    case ValueType::kString: return std::string(batch.String(raw));
    case ValueType::kBool: return std::string(raw != 0 ? "true" : "false");
    case ValueType::kInt: return std::to_string(raw);
    case ValueType::kMoney:
    case ValueType::kDecimal: return Decimal::FromMillionths(raw).ToString();
    case ValueType::kDate: return Date::FromDays(static_cast<int32_t>(raw)).ToString();
    case ValueType::kSet: return std::nullopt;
  }
  return std::nullopt;
}

CommuneRef CommuneOf(const RuleSet& rules, const std::optional<std::string>& text, Date day) {
  if (!text) return {};
  const internal::RuleSetImpl& impl = internal::ImplOf(rules);
  if (!impl.checked || impl.checked->units.empty()) return {*text, Label{*text, *text}};
  const internal::UnitTable& units = impl.checked->units;
  const int32_t u = units.Resolve(*text, day.days());
  if (u < 0) return {*text, Label{*text, *text}};
  const internal::UnitEntry& e = units.units[static_cast<size_t>(u)];
  Label label = e.name;
  if (label.vi.empty()) label.vi = e.code;
  if (label.en.empty()) label.en = label.vi;
  if (e.to < day.days()) {
    label.vi += " (đơn vị cũ, chưa rõ đơn vị mới)";
    label.en += " (former unit, successor unknown)";
  } else if (e.mapping_provisional || e.provisional) {
    label.vi += " (tạm tính)";
    label.en += " (provisional)";
  }
  return {e.code + (e.to < day.days() ? "@" + Date::FromDays(e.from).ToString() : ""), label};
}

std::vector<std::pair<std::string, Label>> FieldValues(const RuleSet& rules, int field) {
  std::vector<std::pair<std::string, Label>> out;
  const std::vector<internal::CompiledField>& fields = internal::ImplOf(rules).schema.household;
  if (field < 0 || static_cast<size_t>(field) >= fields.size()) return out;
  const internal::CompiledField& f = fields[field];
  if (f.type != ValueType::kEnum) return out;
  for (size_t i = 0; i < f.values.size(); ++i) {
    Label label = i < f.value_labels.size() ? f.value_labels[i] : Label{};
    if (label.vi.empty() && label.en.empty()) label = Label{f.values[i], f.values[i]};
    out.emplace_back(f.values[i], label);
  }
  return out;
}

Label HouseholdValueLabel(const RuleSet& rules, int field, std::string_view value) {
  for (const auto& [v, label] : FieldValues(rules, field)) {
    if (v == value) return label;
  }
  return Label{std::string(value), std::string(value)};
}

int HouseholdVariableIndex(const RuleSet& rules, std::string_view name) {
  int at = 0;
  for (const VariableInfo& v : rules.variables()) {
    if (v.entity != Entity::kHousehold) continue;
    if (v.name == name) return at;
    ++at;
  }
  return -1;
}

std::vector<std::pair<std::string, Label>> VariableValues(const RuleSet& rules, std::string_view name) {
  std::vector<std::pair<std::string, Label>> out;
  const internal::RuleSetImpl& impl = internal::ImplOf(rules);
  for (size_t v = 0; v < impl.variables.size(); ++v) {
    if (impl.variables[v].name != name || impl.variables[v].entity != Entity::kHousehold) continue;
    const int32_t e = v < impl.variable_enums.size() ? impl.variable_enums[v] : -1;
    if (e < 0 || static_cast<size_t>(e) >= impl.enums.size()) return out;
    const internal::EnumMeta& meta = impl.enums[e];
    for (size_t i = 0; i < meta.values.size(); ++i) {
      Label label = i < meta.labels.size() ? meta.labels[i] : Label{};
      if (label.vi.empty() && label.en.empty()) label = Label{meta.values[i], meta.values[i]};
      out.emplace_back(meta.values[i], label);
    }
  }
  return out;
}

std::optional<Decimal> Share(uint64_t numerator, uint64_t denominator) {
  if (denominator == 0) return std::nullopt;
  const Int128 scaled = static_cast<Int128>(numerator) * Decimal::kScale;
  const Int128 d = static_cast<Int128>(denominator);
  Int128 q = scaled / d;
  const Int128 r = scaled % d;
  if (2 * r > d || (2 * r == d && q % 2 != 0)) ++q;  // half-even
  return Decimal::FromMillionths(static_cast<int64_t>(q));
}

bool CountsAgainst(const IndicatorInfo& info, IndicatorStatus status) {
  return info.target_op[0] == '<' ? status == IndicatorStatus::kMet : status == IndicatorStatus::kNotMet;
}

void FinishIndicator(IndicatorLine& line) {
  const IndicatorInfo& info = line.info;
  const bool at_most = info.target_op[0] == '<';
  const bool strict = info.target_op.size() == 1;  // ">" or "<"
  const int64_t num = static_cast<int64_t>(line.numerator);
  line.share = Share(line.numerator, line.denominator);
  line.met.reset();
  line.gap = 0;
  if (info.target_count) {
    // A strict target is the non-strict one a unit further: "< 5" is "<= 4", "> 5" is ">= 6".
    const int64_t target = *info.target_count + (strict ? (at_most ? -1 : 1) : 0);
    line.met = at_most ? num <= target : num >= target;
    line.gap = at_most ? std::max<int64_t>(0, num - target) : std::max<int64_t>(0, target - num);
  } else if (info.target_share && line.denominator > 0) {
    // Exactly: numerator / denominator against target = t / 10^6.
    const Int128 lhs = static_cast<Int128>(line.numerator) * Decimal::kScale;
    const Int128 rhs = static_cast<Int128>(info.target_share->millionths()) * static_cast<Int128>(line.denominator);
    line.met = at_most ? (strict ? lhs < rhs : lhs <= rhs) : (strict ? lhs > rhs : lhs >= rhs);
    if (at_most) {
      // The most that may count: floor(rhs / scale), or the largest n with n * scale < rhs.
      const int64_t allowed = strict ? static_cast<int64_t>((rhs + Decimal::kScale - 1) / Decimal::kScale) - 1
                                     : static_cast<int64_t>(rhs / Decimal::kScale);
      line.gap = std::max<int64_t>(0, num - allowed);
    } else {
      // The fewest that must count: ceiling(rhs / scale), or the smallest n with n * scale > rhs.
      const int64_t needed = strict ? static_cast<int64_t>(rhs / Decimal::kScale) + 1
                                    : static_cast<int64_t>((rhs + Decimal::kScale - 1) / Decimal::kScale);
      line.gap = std::max<int64_t>(0, needed - num);
    }
  }
}

std::string GeneralPath(std::string_view path) {
  if (path.rfind("members[", 0) != 0) return std::string(path);
  const size_t close = path.find(']');
  if (close == std::string_view::npos) return std::string(path);
  return "members[]" + std::string(path.substr(close + 1));
}

Label PathLabel(const RuleSet& rules, std::string_view path) {
  const Label fallback{std::string(path), std::string(path)};
  constexpr std::string_view kParam = "param.";
  if (path.substr(0, kParam.size()) == kParam) {
    const std::string_view name = path.substr(kParam.size());
    for (const ParameterInfo& p : rules.parameters()) {
      if (p.name == name && !p.label.vi.empty()) return p.label;
    }
    return fallback;
  }
  const std::string general = GeneralPath(path);
  constexpr std::string_view kMembers = "members[].";
  const bool person = general.rfind(kMembers, 0) == 0;
  const FieldInfo* field = rules.schema().Find(person ? Entity::kPerson : Entity::kHousehold,
                                               std::string_view(general).substr(person ? kMembers.size() : 0));
  if (field == nullptr || field->label.vi.empty()) return fallback;
  return field->label;
}

std::vector<KeyCount> SortedCounts(const std::map<std::string, uint64_t>& counts) {
  std::vector<KeyCount> out;
  for (const auto& [key, n] : counts) out.push_back({key, n, Label{}});
  std::stable_sort(out.begin(), out.end(), [](const KeyCount& a, const KeyCount& b) { return a.count > b.count; });
  return out;
}

}  // namespace ansinh::report

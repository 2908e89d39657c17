// Words for decisions: values for people, missing-field paths, one-line
// reasons in Vietnamese and English, and traces (explanations).
#include "runtime/access.hpp"
#include "runtime/render.hpp"
#include "runtime/when_text.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <memory>

#include "ansinh/decimal.hpp"
#include "common/json_writer.hpp"
#include "plan/plan.hpp"

namespace ansinh::internal {

namespace {

const plan::Program& Prog(const DecisionData& d) { return *internal::ImplOf(*d.rules).program; }

// Appends `value` with thousands separators ("1.500.000"), without allocating.
void AppendGrouped(std::string& out, int64_t value, char separator) {
  char digits[24];
  const bool negative = value < 0;
  // The magnitude as unsigned: -INT64_MIN does not fit in int64_t.
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  const size_t n = static_cast<size_t>(std::to_chars(digits, digits + sizeof digits, magnitude).ptr - digits);
  char buf[40];
  size_t k = 0;
  if (negative) buf[k++] = '-';
  for (size_t i = 0; i < n; ++i) {
    buf[k++] = digits[i];
    const size_t left = n - 1 - i;
    if (left > 0 && left % 3 == 0) buf[k++] = separator;
  }
  out.append(buf, k);
}

void AppendDate(std::string& out, int64_t days, Language lang) {
  const Date d = Date::FromDays(static_cast<int32_t>(days));
  if (lang == Language::kEn) {
    out += d.ToString();
    return;
  }
  char buf[32];
  const int n = std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day(), d.month(), d.year());
  out.append(buf, static_cast<size_t>(n));
}

void AppendMoney(std::string& out, int64_t vnd, Language lang) {
  AppendGrouped(out, vnd, lang == Language::kVi ? '.' : ',');
  out += lang == Language::kVi ? " đ" : " VND";
}

void AppendNumber(std::string& out, int64_t raw_scaled, Language lang) {
  const size_t at = out.size();
  out += Decimal::FromMillionths(raw_scaled).ToString();
  if (lang == Language::kVi) std::replace(out.begin() + static_cast<std::ptrdiff_t>(at), out.end(), '.', ',');
}

// The outcomes of the entity (household or member) that `o` belongs to.
OutcomeRange EntityOutcomes(const DecisionData& d, size_t h, const BenefitOutcome& o) {
  const HouseholdRow& row = d.households[h];
  if (o.member < 0) return internal::Access::MakeRange(&d, false, static_cast<uint32_t>(h), -1, d.household_outcomes.size());
  return internal::Access::MakeRange(&d, true, row.member_begin + static_cast<uint32_t>(o.member), o.member, d.person_outcomes.size());
}

const char* Negated(plan::Compare op, Language lang) {
  const bool vi = lang == Language::kVi;
  switch (op) {
    case plan::Compare::kLt: return "≥";
    case plan::Compare::kLe: return ">";
    case plan::Compare::kGt: return "≤";
    case plan::Compare::kGe: return "<";
    case plan::Compare::kEq: return "≠";
    case plan::Compare::kNe: return "=";
    case plan::Compare::kIn: return vi ? "là" : "is";
    case plan::Compare::kNotIn: return vi ? "là" : "is";
    default: return "";
  }
}

const Label* ReadLabel(const plan::ConditionPlan& c, int32_t reg) {
  for (const plan::Read& r : c.reads) {
    if (r.reg == reg && !r.label.vi.empty()) return &r.label;
  }
  return nullptr;
}

const std::string* ReadUnit(const plan::ConditionPlan& c, int32_t reg) {
  for (const plan::Read& r : c.reads) {
    if (r.reg == reg && !r.unit.empty()) return &r.unit;
  }
  return nullptr;
}

}  // namespace

void AppendAmountText(std::string& out, const BenefitInfo& info, int64_t amount, Language lang) {
  const bool vi = lang == Language::kVi;
  if (info.unit == BenefitUnit::kPercent) {
    char buf[24];
    out.append(buf, static_cast<size_t>(std::to_chars(buf, buf + sizeof buf, amount).ptr - buf));
    out += '%';
    return;
  }
  AppendMoney(out, amount, lang);
  out += info.frequency == Frequency::kMonthly ? (vi ? "/tháng" : " per month") : (vi ? " (một lần)" : " (once)");
}

std::string AmountText(const BenefitInfo& info, int64_t amount, Language lang) {
  std::string out;
  AppendAmountText(out, info, amount, lang);
  return out;
}

void AppendHuman(std::string& out, const RuleSetImpl& impl, const OutputValue& v, int32_t enum_id, Language lang) {
  const bool vi = lang == Language::kVi;
  if (!v.known) {
    out += vi ? "chưa biết" : "unknown";
    return;
  }
  switch (v.type) {
    case ValueType::kBool: out += v.raw ? (vi ? "có" : "yes") : (vi ? "không" : "no"); return;
    case ValueType::kInt: AppendGrouped(out, v.raw, vi ? '.' : ','); return;
    case ValueType::kMoney:
      if (v.raw % Decimal::kScale == 0) {
        AppendMoney(out, v.raw / Decimal::kScale, lang);
      } else {
        AppendNumber(out, v.raw, lang);
        out += vi ? " đ" : " VND";
      }
      return;
    case ValueType::kDecimal: AppendNumber(out, v.raw, lang); return;
    case ValueType::kDate: AppendDate(out, v.raw, lang); return;
    case ValueType::kEnum: {
      if (enum_id >= 0 && static_cast<size_t>(enum_id) < impl.enums.size()) {
        const EnumMeta& e = impl.enums[static_cast<size_t>(enum_id)];
        for (size_t i = 0; i < e.values.size(); ++i) {
          if (e.values[i] == v.text && i < e.labels.size() && !e.labels[i].Get(lang).empty()) {
            out += e.labels[i].Get(lang);
            return;
          }
        }
      }
      out += v.text;
      return;
    }
    case ValueType::kSet: {
      const EnumMeta* e = enum_id >= 0 && static_cast<size_t>(enum_id) < impl.enums.size()
                              ? &impl.enums[static_cast<size_t>(enum_id)] : nullptr;
      const size_t at = out.size();
      for (const std::string& item : v.items) {
        const std::string* word = &item;
        for (size_t i = 0; e != nullptr && i < e->values.size(); ++i) {
          if (e->values[i] == item && i < e->labels.size() && !e->labels[i].Get(lang).empty()) word = &e->labels[i].Get(lang);
        }
        if (out.size() > at) out += ", ";
        out += *word;
      }
      if (out.size() == at) out += vi ? "không có" : "none";
      return;
    }
    case ValueType::kString: out += v.text; return;
  }
  out += v.text;
}

namespace {

// How a declared `unit` writes a number: money "1.500.000 đ", percent "61%",
// a count or a length of time a plain number with the unit's word ("6 tháng").
struct UnitStyle {
  enum class Kind { kByType, kMoney, kPercent, kPlain } kind = Kind::kByType;
  std::string_view vi, en;  // the word after a plain number; empty for none
};

UnitStyle StyleOf(std::string_view unit) {
  using K = UnitStyle::Kind;
  if (unit.empty()) return {};
  if (unit == "money" || unit.substr(0, 3) == "VND" || unit == "đ" || unit == "đồng") return {K::kMoney, {}, {}};
  if (unit == "percent" || unit == "%") return {K::kPercent, {}, {}};
  if (unit == "count") return {K::kPlain, {}, {}};
  if (unit == "months" || unit == "month") return {K::kPlain, "tháng", "months"};
  if (unit == "years" || unit == "year") return {K::kPlain, "năm", "years"};
  if (unit == "days" || unit == "day") return {K::kPlain, "ngày", "days"};
  if (unit == "persons" || unit == "people" || unit == "person") return {K::kPlain, "người", "people"};
  return {K::kPlain, unit, unit};  // another word ("kg"): written as declared
}

// A number as a plain figure: whole numbers grouped ("1.000"), others with a decimal comma in vi.
void AppendFigure(std::string& out, const OutputValue& v, Language lang) {
  const char sep = lang == Language::kVi ? '.' : ',';
  if (v.type == ValueType::kInt) return AppendGrouped(out, v.raw, sep);
  if (v.raw % Decimal::kScale == 0) return AppendGrouped(out, v.raw / Decimal::kScale, sep);
  AppendNumber(out, v.raw, lang);
}

}  // namespace

// A known number in the style of `unit`; false (nothing appended) when the unit leaves it to the type.
bool AppendNumberInUnit(std::string& out, const OutputValue& v, std::string_view unit, Language lang) {
  const UnitStyle style = StyleOf(unit);
  switch (style.kind) {
    case UnitStyle::Kind::kByType: return false;
    case UnitStyle::Kind::kMoney:
      if (v.type != ValueType::kInt) return false;  // money and decimals: by the type (money is money)
      AppendMoney(out, v.raw, lang);
      return true;
    case UnitStyle::Kind::kPercent:
      AppendFigure(out, v, lang);
      out += '%';
      return true;
    case UnitStyle::Kind::kPlain: break;
  }
  AppendFigure(out, v, lang);
  const std::string_view word = lang == Language::kVi ? style.vi : style.en;
  if (!word.empty()) {
    out += ' ';
    out += word;
  }
  return true;
}

void AppendInUnit(std::string& out, const RuleSetImpl& impl, const OutputValue& v, int32_t enum_id, std::string_view unit,
                  Language lang) {
  const bool number = v.type == ValueType::kInt || v.type == ValueType::kMoney || v.type == ValueType::kDecimal;
  if (v.known && number && AppendNumberInUnit(out, v, unit, lang)) return;
  AppendHuman(out, impl, v, enum_id, lang);
}

std::string WholeInUnit(int64_t value, ValueType type, std::string_view unit, Language lang) {
  OutputValue v;
  v.type = ValueType::kInt;
  v.known = true;
  v.raw = value;
  std::string out;
  if (!AppendNumberInUnit(out, v, unit.empty() && type == ValueType::kMoney ? std::string_view("money") : unit, lang)) {
    AppendGrouped(out, value, lang == Language::kVi ? '.' : ',');
  }
  return out;
}

std::string HumanInUnit(const RuleSetImpl& impl, const OutputValue& v, std::string_view unit, Language lang) {
  std::string out;
  AppendInUnit(out, impl, v, -1, unit, lang);
  return out;
}

std::string Human(const RuleSetImpl& impl, const OutputValue& v, int32_t enum_id, Language lang) {
  std::string out;
  AppendHuman(out, impl, v, enum_id, lang);
  return out;
}

static void FillEnumText(const RuleSetImpl& impl, int32_t enum_id, OutputValue& out) {
  if (enum_id < 0 || static_cast<size_t>(enum_id) >= impl.enums.size()) return;
  const EnumMeta& e = impl.enums[static_cast<size_t>(enum_id)];
  if (out.type == ValueType::kEnum) {
    if (out.raw >= 0 && static_cast<size_t>(out.raw) < e.values.size()) out.text = e.values[static_cast<size_t>(out.raw)];
  } else if (out.type == ValueType::kSet) {
    for (size_t i = 0; i < e.values.size() && i < 64; ++i) {
      if ((static_cast<uint64_t>(out.raw) >> i) & 1) out.items.push_back(e.values[i]);
    }
  }
}

void VariableOutputInto(const RuleSetImpl& impl, size_t variable, const VarValue& value, OutputValue* out) {
  out->type = impl.variables[variable].type;
  out->known = value.state == plan::kKnown;
  out->raw = value.raw;
  out->text.clear();
  out->items.clear();
  if (out->known) FillEnumText(impl, impl.variable_enums[variable], *out);
}

OutputValue CapturedOutput(const DecisionData& data, const ChunkPool& pool, const CapturedValue& c) {
  OutputValue out;
  if (c.reg < 0) return out;
  const plan::RegInfo& info = Prog(data).regs[c.reg];
  out.type = info.type;
  out.known = c.state == plan::kKnown;
  out.raw = c.raw;
  if (!out.known) return out;
  if (info.type == ValueType::kString) out.text = std::string(pool.Text(c.raw));
  FillEnumText(internal::ImplOf(*data.rules), info.enum_id, out);
  return out;
}

std::vector<std::string> MissingPaths(const DecisionData& data, size_t h, const BenefitOutcome& o) {
  std::vector<std::string> out;
  if (internal::Access::Detail(o) == UINT32_MAX) return out;
  const ChunkPool& pool = data.PoolOf(h);
  const OutcomeDetail& d = pool.details[internal::Access::Detail(o)];
  const RuleSetImpl& impl = internal::ImplOf(*data.rules);
  const HouseholdRow& row = data.households[h];
  for (uint32_t i = 0; i < d.missing_count; ++i) {
    const MissingRef& m = pool.missing[d.missing_begin + i];
    if (m.param_plan >= 0) {
      const plan::ParamPlan& p = Prog(data).params[m.param_plan];
      std::string path = p.display;
      if (m.key != UINT32_MAX) {
        if (p.kind == plan::ParamPlan::Kind::kTable && m.key < p.key_names.size()) {
          path += "[" + p.key_names[m.key] + "]";
        } else if (p.kind == plan::ParamPlan::Kind::kBrackets && m.key < p.bounds.size()) {
          path += "[" + Decimal::FromMillionths(p.bounds[m.key]).ToString() + "]";
        }
      }
      out.push_back(path);
    } else if (m.member < 0) {
      out.push_back(impl.schema.household[m.field].name);
    } else {
      out.push_back("members[" + std::string(pool.Text(data.members[row.member_begin + m.member].id)) + "]." +
                    impl.schema.person[m.field].name);
    }
  }
  return out;
}

namespace {

std::string MissingWords(const DecisionData& data, size_t h, const OutcomeDetail& d, Language lang) {
  const RuleSetImpl& impl = internal::ImplOf(*data.rules);
  const HouseholdRow& row = data.households[h];
  const ChunkPool& pool = data.PoolOf(h);
  const bool vi = lang == Language::kVi;
  std::string out;
  for (uint32_t i = 0; i < d.missing_count; ++i) {
    const MissingRef& m = pool.missing[d.missing_begin + i];
    std::string item;
    if (m.param_plan >= 0) {
      const plan::ParamPlan& p = Prog(data).params[m.param_plan];
      item = impl.parameters[p.param].label.Get(lang);
      if (item.empty()) item = p.display;
      item += vi ? " (mức chưa được xác nhận)" : " (figure not confirmed)";
    } else if (m.member < 0) {
      const CompiledField& f = impl.schema.household[m.field];
      item = f.label.Get(lang).empty() ? f.name : f.label.Get(lang);
    } else {
      const CompiledField& f = impl.schema.person[m.field];
      item = (f.label.Get(lang).empty() ? f.name : f.label.Get(lang)) + " (" + (vi ? "thành viên " : "member ") +
             std::string(pool.Text(data.members[row.member_begin + m.member].id)) + ")";
    }
    out += (out.empty() ? "" : ", ") + item;
  }
  return out;
}

// Appends one side of a failed comparison: its label (when it reads a field, variable or
// parameter) when `with_label`, and its value in words. Returns where the value starts.
struct Side {
  const Label* label = nullptr;  // null for a literal or an unlabelled expression
  bool literal = false;
};

Side SideOf(const plan::ConditionPlan& cp, const CapturedValue& c, const plan::ConstOperand& k) {
  Side side;
  side.literal = k.present;
  if (!k.present && c.reg >= 0) side.label = ReadLabel(cp, c.reg);
  return side;
}

bool HasLabel(const Side& side, Language lang) { return side.label != nullptr && !side.label->Get(lang).empty(); }

// Appends the value of a side in words; false (nothing appended) when it has none.
bool AppendSideValue(std::string& out, const DecisionData& data, const ChunkPool& pool, const CapturedValue& c,
                     const plan::ConstOperand& k, std::string_view unit, Language lang) {
  const RuleSetImpl& impl = internal::ImplOf(*data.rules);
  const size_t at = out.size();
  if (k.present) {
    for (const int64_t v : k.values) {
      OutputValue value;
      value.type = k.type;
      value.known = true;
      value.raw = v;
      value.text = k.text;
      if (k.type == ValueType::kEnum || k.type == ValueType::kSet) {
        value.type = ValueType::kEnum;
        if (k.enum_id >= 0 && v >= 0 && static_cast<size_t>(k.enum_id) < impl.enums.size() &&
            static_cast<size_t>(v) < impl.enums[static_cast<size_t>(k.enum_id)].values.size()) {
          value.text = impl.enums[static_cast<size_t>(k.enum_id)].values[static_cast<size_t>(v)];
        }
      }
      if (out.size() > at) out += ", ";
      AppendInUnit(out, impl, value, k.enum_id, unit, lang);
    }
    return out.size() > at;
  }
  if (c.reg < 0) return false;
  AppendInUnit(out, impl, CapturedOutput(data, pool, c), Prog(data).regs[c.reg].enum_id, unit, lang);
  return out.size() > at;
}

// "label is value", or the value alone.
void AppendNamed(std::string& out, const Side& side, std::string_view value, Language lang) {
  if (HasLabel(side, lang)) {
    out += side.label->Get(lang);
    out += lang == Language::kVi ? " là " : " is ";
  }
  out += value;
}

// A side of a comparison whose value is a record's text (a string register: the text of a
// record), not a number, a date, an enum value or a literal of the rules.
bool FromRecord(const DecisionData& data, const CapturedValue& c, const plan::ConstOperand& k) {
  return !k.present && c.reg >= 0 && Prog(data).regs[c.reg].type == ValueType::kString;
}

// The failed condition of a not-eligible outcome, with its comparison when there is one:
// "Not eligible: aged_60 (Age in completed years 2 < 60)". `*plain`: whether all that was
// appended is known to go into a JSON string as it is (see ReasonInto).
void AppendNotEligible(std::string& out, const DecisionData& data, size_t h, const BenefitOutcome& o,
                       const OutcomeDetail* d, Language lang, bool* plain) {
  const RuleSetImpl& impl = internal::ImplOf(*data.rules);
  const bool vi = lang == Language::kVi;
  if (d == nullptr || d->version < 0 || d->failed < 0) {
    out += vi ? "Không đủ điều kiện" : "Not eligible";
    *plain = true;
    return;
  }
  // The rule set's words (checked once at load: RuleSetImpl::reason_words_plain); the
  // values below are numbers, dates, enum values and labels (rules' words too) or, for a
  // string, a record's text (checked after).
  *plain = impl.reason_words_plain;
  const ChunkPool& pool = data.PoolOf(h);
  const VersionMeta& vm = impl.versions[o.benefit][static_cast<size_t>(d->version)];
  const ConditionMeta& cm = vm.conditions[static_cast<size_t>(d->failed)];
  out += vi ? "Không đủ điều kiện: " : "Not eligible: ";
  out += cm.label.Get(lang).empty() ? cm.name : cm.label.Get(lang);
  const plan::ConditionPlan& cp =
      Prog(data).benefits[o.benefit].versions[static_cast<size_t>(d->version)].conditions[static_cast<size_t>(d->failed)];
  if (cp.top == plan::Compare::kNone || d->values_count < 2) return;
  const CapturedValue& lhs = pool.values[d->values_begin];
  const CapturedValue& rhs = pool.values[d->values_begin + 1];
  if (FromRecord(data, lhs, cp.lhs_const) || FromRecord(data, rhs, cp.rhs_const)) *plain = false;
  const Side left = SideOf(cp, lhs, cp.lhs_const), right = SideOf(cp, rhs, cp.rhs_const);
  // The two values in words, in a scratch tail of `out` (cut off again below).
  // Each side in its declared unit; a side without one (a literal, a variable) in the other's,
  // and a money-typed side without a unit compared with a whole number is a count, not money.
  const std::string* lu = cp.lhs_const.present ? nullptr : ReadUnit(cp, lhs.reg);
  const std::string* ru = cp.rhs_const.present ? nullptr : ReadUnit(cp, rhs.reg);
  auto type_of = [&](const CapturedValue& c, const plan::ConstOperand& k) {
    return k.present ? k.type : c.reg >= 0 ? Prog(data).regs[c.reg].type : ValueType::kBool;
  };
  auto unit_of = [&](const std::string* own, const std::string* other, ValueType own_type, ValueType other_type) {
    if (own != nullptr) return std::string_view(*own);
    if (other != nullptr) return std::string_view(*other);
    return own_type == ValueType::kMoney && other_type == ValueType::kInt ? std::string_view("count") : std::string_view();
  };
  const ValueType lt = type_of(lhs, cp.lhs_const), rt = type_of(rhs, cp.rhs_const);
  const size_t base = out.size();
  if (!AppendSideValue(out, data, pool, lhs, cp.lhs_const, unit_of(lu, ru, lt, rt), lang)) return out.resize(base);
  const size_t mid = out.size();
  if (!AppendSideValue(out, data, pool, rhs, cp.rhs_const, unit_of(ru, lu, rt, lt), lang)) return out.resize(base);
  static thread_local std::string values;  // reused: no allocation per reason
  values.assign(out, base, std::string::npos);
  out.resize(base);
  const std::string_view left_value(values.data(), mid - base), right_value(values.data() + (mid - base), values.size() - (mid - base));
  const bool in = cp.top == plan::Compare::kIn;
  out += " (";
  if (in || cp.top == plan::Compare::kNotIn) {
    if (right.literal || !HasLabel(right, lang)) {  // value in [a, b]: the value and the list
      AppendNamed(out, left, left_value, lang);
      out += in ? (vi ? ", không thuộc " : ", not one of ") : (vi ? ", thuộc " : ", one of ");
      out += right_value;
    } else {  // "x" in set_field: the set and the item it lacks (or has)
      AppendNamed(out, right, right_value, lang);
      out += in ? (vi ? ", không gồm " : ", which does not include ") : (vi ? ", có " : ", which includes ");
      out += left_value;
    }
    out += ')';
    return;
  }
  if (HasLabel(left, lang)) {
    out += left.label->Get(lang);
    out += ' ';
  }
  out += left_value;
  out += ' ';
  out += Negated(cp.top, lang);
  out += ' ';
  if (HasLabel(right, lang)) {
    out += right.label->Get(lang);
    out += ' ';
  }
  out += right_value;
  out += ')';
}

// The reason of `o`, appended to `out`. `*plain` is set to whether all that was appended is
// known to be valid UTF-8 with nothing to escape in JSON (code's literals, numbers, the rule
// set's words when reason_words_plain): false says only that it was not checked.
void ReasonInto(std::string& out, const DecisionData& data, size_t h, const BenefitOutcome& o, Language lang,
                bool* plain) {
  *plain = false;
  const RuleSetImpl& impl = internal::ImplOf(*data.rules);
  const BenefitInfo& info = impl.benefits[o.benefit];
  const bool vi = lang == Language::kVi;
  const ChunkPool& pool = data.PoolOf(h);
  const OutcomeDetail* d = internal::Access::Detail(o) == UINT32_MAX ? nullptr : &pool.details[internal::Access::Detail(o)];
  auto amount_text = [&](int64_t amount) { return AmountText(info, amount, lang); };
  switch (o.status) {
    case BenefitStatus::kEligible:
      out += vi ? "Đủ điều kiện; mức hưởng " : "Eligible; amount ";
      AppendAmountText(out, info, o.amount, lang);
      *plain = true;
      return;
    case BenefitStatus::kSuperseded: {
      if (o.superseded_by_member >= 0) {  // an exclusive benefit, paid to another member
        const HouseholdRow& row = data.households[h];
        const uint32_t p = row.member_begin + static_cast<uint32_t>(o.superseded_by_member);
        std::string who = std::string(pool.Text(data.members[p].id));
        BenefitOutcome winner = o;
        winner.member = o.superseded_by_member;
        for (const BenefitOutcome other : EntityOutcomes(data, h, winner)) {
          if (other.benefit == o.benefit && other.has_amount) who += " (" + amount_text(other.amount) + ")";
        }
        const std::string ref = info.exclusive_reference.empty() ? "" : " — " + info.exclusive_reference;
        out += vi ? "Đủ điều kiện (" + amount_text(o.amount) + ") nhưng mỗi hộ chỉ một người được hưởng; người được "
                        "hưởng là thành viên " + who + ref
                  : "Qualifies (" + amount_text(o.amount) + ") but only one member of the household is paid: member " +
                        who + ref;
        return;
      }
      std::string winner = o.superseded_by >= 0 ? impl.benefits[o.superseded_by].label.Get(lang) : "";
      for (const BenefitOutcome other : EntityOutcomes(data, h, o)) {
        if (static_cast<int32_t>(other.benefit) == o.superseded_by && other.has_amount) {
          winner += " (" + amount_text(other.amount) + ")";
        }
      }
      out += vi ? "Đủ điều kiện (" + amount_text(o.amount) + ") nhưng chỉ được hưởng mức cao nhất: " + winner
                : "Qualifies (" + amount_text(o.amount) + ") but only the highest is paid: " + winner;
      return;
    }
    case BenefitStatus::kNotInForce: {
      std::string period = (vi ? "từ " : "from ") + (info.from ? DateText(*info.from, lang) : "?");
      if (info.to) period += (vi ? " đến " : " to ") + DateText(*info.to, lang);
      out += vi ? "Không áp dụng vào thời điểm này: chế độ có hiệu lực " + period
                : "Not in force at this date: the benefit applies " + period;
      return;
    }
    case BenefitStatus::kUndetermined: {
      if (d != nullptr && d->error >= 0) {
        out += vi ? "Chưa xác định: không tính được — " : "Undetermined: could not be computed — ";
        out += pool.Text(d->error);
        return;
      }
      out += vi ? "Chưa xác định: thiếu thông tin " : "Undetermined: missing ";
      if (d != nullptr) out += MissingWords(data, h, *d, lang);
      return;
    }
    case BenefitStatus::kNotEligible: break;
  }
  AppendNotEligible(out, data, h, o, d, lang, plain);
}

}  // namespace

void AppendReason(std::string& out, const DecisionData& data, size_t h, const BenefitOutcome& o, Language lang) {
  bool plain;
  ReasonInto(out, data, h, o, lang, &plain);
}

namespace {

// The reason of `o` as the inside of a JSON string literal (escaped, no quotes). A reason made
// only of the code's words, numbers and the rule set's words (when RuleSetImpl::reason_words_plain)
// is appended as it is, not copied and checked again.
void AppendReasonJson(std::string& out, const DecisionData& data, size_t h, const BenefitOutcome& o, Language lang) {
  const size_t start = out.size();
  bool plain;
  ReasonInto(out, data, h, o, lang, &plain);
  if (plain) return;
  // Not known to be plain: escaped (and checked) as any other text.
  static thread_local std::string text;  // reused: no allocation per reason
  text.assign(out, start, std::string::npos);
  out.resize(start);
  JsonWriter::AppendEscaped(out, text);
}

// What a not-eligible reason is made of: the rule set, the failed condition and the two
// captured values of its comparison (their register, state and raw value), nothing else
// unless a value is a record's text (FromRecord: never remembered).
struct ReasonKey {
  // (Six whole words, each written and compared as one: no partial stores read back.)
  uint64_t serial = 0;     // RuleSetImpl::serial; 0: empty
  uint64_t condition = 0;  // benefit, version, failed condition
  uint64_t regs = 0;       // the registers of the two values
  uint64_t states = 0;     // their states, and whether there are values
  uint64_t lhs_raw = 0, rhs_raw = 0;
  bool operator==(const ReasonKey& k) const {
    return serial == k.serial && condition == k.condition && regs == k.regs && states == k.states &&
           lhs_raw == k.lhs_raw && rhs_raw == k.rhs_raw;
  }
  size_t Hash() const {
    uint64_t h = serial * 0x9E3779B97F4A7C15ULL;
    for (const uint64_t v : {condition, regs, states, lhs_raw, rhs_raw}) {
      h = (h ^ v) * 0xFF51AFD7ED558CCDULL;
      h ^= h >> 32;
    }
    return static_cast<size_t>(h);
  }
};

// The two sentences of `o` as AppendReasonsJson writes them.
void BuildReasonsJson(std::string& out, const DecisionData& data, size_t h, const BenefitOutcome& o) {
  AppendReasonJson(out, data, h, o, Language::kVi);
  out += R"(","en":")";
  AppendReasonJson(out, data, h, o, Language::kEn);
}

}  // namespace

void AppendReasonsJson(std::string& out, const DecisionData& data, size_t h, const BenefitOutcome& o) {
  const RuleSetImpl& impl = internal::ImplOf(*data.rules);
  const OutcomeDetail* d =
      internal::Access::Detail(o) == UINT32_MAX ? nullptr : &data.PoolOf(h).details[internal::Access::Detail(o)];
  if (o.status != BenefitStatus::kNotEligible || impl.serial == 0 || d == nullptr || d->version < 0 || d->failed < 0) {
    return BuildReasonsJson(out, data, h, o);
  }
  ReasonKey key;
  key.serial = impl.serial;
  key.condition = uint64_t{o.benefit} | uint64_t{static_cast<uint16_t>(d->version)} << 32 |
                  uint64_t{static_cast<uint16_t>(d->failed)} << 48;
  const plan::ConditionPlan& cp =
      Prog(data).benefits[o.benefit].versions[static_cast<size_t>(d->version)].conditions[static_cast<size_t>(d->failed)];
  if (cp.top != plan::Compare::kNone && d->values_count >= 2) {
    const ChunkPool& pool = data.PoolOf(h);
    const CapturedValue& lhs = pool.values[d->values_begin];
    const CapturedValue& rhs = pool.values[d->values_begin + 1];
    if (FromRecord(data, lhs, cp.lhs_const) || FromRecord(data, rhs, cp.rhs_const)) return BuildReasonsJson(out, data, h, o);
    key.regs = uint64_t{static_cast<uint32_t>(lhs.reg)} | uint64_t{static_cast<uint32_t>(rhs.reg)} << 32;
    key.states = uint64_t{lhs.state} | uint64_t{rhs.state} << 8 | uint64_t{1} << 16;
    key.lhs_raw = static_cast<uint64_t>(lhs.raw);
    key.rhs_raw = static_cast<uint64_t>(rhs.raw);
  }
  // Remembered per thread in a direct-mapped table (bounded: a slot is overwritten by the next
  // key that falls on it); most outcomes of a population repeat a few hundred sentences.
  struct Slot {
    ReasonKey key;
    std::string json;
  };
  constexpr size_t kSlots = 4096;
  static thread_local std::unique_ptr<Slot[]> slots;
  if (!slots) slots.reset(new Slot[kSlots]);
  Slot& slot = slots[key.Hash() & (kSlots - 1)];
  if (!(slot.key == key)) {
    slot.key = ReasonKey{};  // (empty while it is rebuilt)
    slot.json.clear();
    BuildReasonsJson(slot.json, data, h, o);
    slot.key = key;
  }
  out += slot.json;
}

bool ReasonWordsPlain(const RuleSetImpl& impl) {
  auto plain_label = [](const Label& l) { return JsonWriter::IsPlainText(l.vi) && JsonWriter::IsPlainText(l.en); };
  for (const auto& versions : impl.versions) {
    for (const VersionMeta& v : versions) {
      for (const ConditionMeta& c : v.conditions) {
        if (!JsonWriter::IsPlainText(c.name) || !plain_label(c.label)) return false;
      }
    }
  }
  for (const EnumMeta& e : impl.enums) {
    for (const std::string& value : e.values) {
      if (!JsonWriter::IsPlainText(value)) return false;
    }
    for (const Label& l : e.labels) {
      if (!plain_label(l)) return false;
    }
  }
  if (impl.program == nullptr) return false;
  for (const plan::BenefitPlan& b : impl.program->benefits) {
    for (const plan::VersionPlan& v : b.versions) {
      for (const plan::ConditionPlan& c : v.conditions) {
        if (!JsonWriter::IsPlainText(c.lhs_const.text) || !JsonWriter::IsPlainText(c.rhs_const.text)) return false;
        for (const plan::Read& r : c.reads) {
          if (!plain_label(r.label) || !JsonWriter::IsPlainText(r.unit)) return false;
        }
      }
    }
  }
  return true;
}

std::string Reason(const DecisionData& data, size_t h, const BenefitOutcome& o, Language lang) {
  std::string out;
  AppendReason(out, data, h, o, lang);
  return out;
}

Explanation Explain(const DecisionData& data, size_t h, const BenefitOutcome& o) {
  Explanation ex;
  const ChunkPool& pool = data.PoolOf(h);
  const OutcomeDetail& d = pool.details[internal::Access::Detail(o)];
  const RuleSetImpl& impl = internal::ImplOf(*data.rules);
  ex.decided_on = Date::FromDays(d.day);
  ex.reference = impl.benefits[o.benefit].reference;
  if (d.version < 0) return ex;
  const VersionMeta& vm = impl.versions[o.benefit][static_cast<size_t>(d.version)];
  const plan::VersionPlan& vp = Prog(data).benefits[o.benefit].versions[static_cast<size_t>(d.version)];
  ex.reference = vm.reference;
  uint32_t at = d.values_begin;
  const uint32_t end = d.values_begin + d.values_count;
  auto take = [&]() -> OutputValue { return at < end ? CapturedOutput(data, pool, pool.values[at++]) : OutputValue{}; };
  auto reads = [&](const std::vector<plan::Read>& plan_reads, ExplainedCondition& c) {
    for (const plan::Read& r : plan_reads) {
      ExplainedRead er;
      er.name = r.name;
      er.label = r.label;
      er.unit = r.unit;
      er.value = take();
      if (r.param_plan >= 0) {
        const plan::ParamPlan& pp = Prog(data).params[r.param_plan];
        auto it = std::upper_bound(pp.step_from.begin(), pp.step_from.end(), d.day);
        const int step = static_cast<int>(it - pp.step_from.begin()) - 1;
        if (step >= 0) {
          const ParameterInfo& info = impl.parameters[pp.param];
          const ParameterStepInfo& s = info.steps[static_cast<size_t>(step)];
          er.parameter = ParameterUse{info.name, s.from, s.value, s.reference, s.provisional};
        }
      }
      c.reads.push_back(std::move(er));
    }
  };
  // Without reasons the first two captured values are not there; explain stores its own.
  if (data.reasons && o.status == BenefitStatus::kNotEligible) at += 2;
  for (size_t i = 0; i < vp.conditions.size(); ++i) {
    ExplainedCondition c;
    c.name = vm.conditions[i].name;
    c.label = vm.conditions[i].label;
    c.source = vm.conditions[i].source;
    c.location = vm.conditions[i].location;
    c.result = take();
    reads(vp.conditions[i].reads, c);
    ex.conditions.push_back(std::move(c));
  }
  ExplainedCondition amount;
  amount.name = "amount";
  amount.source = vm.amount_source;
  amount.location = vm.amount_location;
  amount.result = take();
  reads(vp.amount_reads, amount);
  ex.amount = std::move(amount);
  return ex;
}

std::string DateText(Date date, Language lang) {
  std::string out;
  AppendDate(out, date.days(), lang);
  return out;
}

std::string WhenText(const When& when, Language lang) {
  if (!when.is_period) return DateText(when.as_of, lang);
  static const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                        "July",    "August",   "September", "October", "November", "December"};
  const int m = when.period.month();
  if (lang == Language::kEn) return std::string(kMonths[m - 1]) + " " + std::to_string(when.period.year());
  return "tháng " + std::to_string(m) + "/" + std::to_string(when.period.year());
}

}  // namespace ansinh::internal

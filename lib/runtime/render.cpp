// Words for decisions: values for people, missing-field paths, one-line
// reasons in Vietnamese and English, and traces (explanations).
#include "runtime/access.hpp"
#include "runtime/render.hpp"

#include <algorithm>

#include "ansinh/decimal.hpp"
#include "plan/plan.hpp"

namespace ansinh::internal {

namespace {

const plan::Program& Prog(const DecisionData& d) { return *internal::ImplOf(*d.rules).program; }

std::string DateText(int64_t days, Language lang) {
  const Date d = Date::FromDays(static_cast<int32_t>(days));
  if (lang == Language::kEn) return d.ToString();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day(), d.month(), d.year());
  return buf;
}

std::string Money(int64_t vnd, Language lang) {
  return lang == Language::kVi ? FormatGrouped(vnd, '.') + " đ" : FormatGrouped(vnd, ',') + " VND";
}

std::string Number(int64_t raw_scaled, Language lang) {
  std::string s = Decimal::FromMillionths(raw_scaled).ToString();
  if (lang == Language::kVi) std::replace(s.begin(), s.end(), '.', ',');
  return s;
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

}  // namespace

std::string AmountText(const BenefitInfo& info, int64_t amount, Language lang) {
  const bool vi = lang == Language::kVi;
  if (info.unit == BenefitUnit::kPercent) return std::to_string(amount) + "%";
  return Money(amount, lang) + (info.frequency == Frequency::kMonthly ? (vi ? "/tháng" : " per month")
                                                                      : (vi ? " (một lần)" : " (once)"));
}

std::string Human(const RuleSetImpl& impl, const OutputValue& v, int32_t enum_id, Language lang) {
  const bool vi = lang == Language::kVi;
  if (!v.known) return vi ? "chưa biết" : "unknown";
  switch (v.type) {
    case ValueType::kBool: return v.raw ? (vi ? "có" : "yes") : (vi ? "không" : "no");
    case ValueType::kInt: return vi ? FormatGrouped(v.raw, '.') : FormatGrouped(v.raw, ',');
    case ValueType::kMoney:
      if (v.raw % Decimal::kScale == 0) return Money(v.raw / Decimal::kScale, lang);
      return Number(v.raw, lang) + (vi ? " đ" : " VND");
    case ValueType::kDecimal: return Number(v.raw, lang);
    case ValueType::kDate: return DateText(v.raw, lang);
    case ValueType::kEnum: {
      if (enum_id >= 0 && static_cast<size_t>(enum_id) < impl.enums.size()) {
        const EnumMeta& e = impl.enums[static_cast<size_t>(enum_id)];
        for (size_t i = 0; i < e.values.size(); ++i) {
          if (e.values[i] == v.text && i < e.labels.size() && !e.labels[i].Get(lang).empty()) {
            return e.labels[i].Get(lang);
          }
        }
      }
      return v.text;
    }
    case ValueType::kSet: {
      std::string out;
      const EnumMeta* e = enum_id >= 0 && static_cast<size_t>(enum_id) < impl.enums.size()
                              ? &impl.enums[static_cast<size_t>(enum_id)] : nullptr;
      for (const std::string& item : v.items) {
        std::string word = item;
        for (size_t i = 0; e != nullptr && i < e->values.size(); ++i) {
          if (e->values[i] == item && i < e->labels.size() && !e->labels[i].Get(lang).empty()) word = e->labels[i].Get(lang);
        }
        out += (out.empty() ? "" : ", ") + word;
      }
      return out.empty() ? (vi ? "không có" : "none") : out;
    }
    case ValueType::kString: return v.text;
  }
  return v.text;
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

OutputValue VariableOutput(const RuleSetImpl& impl, size_t variable, const VarValue& value) {
  OutputValue out;
  out.type = impl.variables[variable].type;
  out.known = value.state == plan::kKnown;
  out.raw = value.raw;
  if (out.known) FillEnumText(impl, impl.variable_enums[variable], out);
  return out;
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

// One side of a failed comparison: what it is (a label, when it reads a field,
// variable or parameter) and its value in words.
struct Operand {
  std::string label;
  std::string value;
  std::string Named(Language lang) const {
    if (label.empty()) return value;
    return label + (lang == Language::kVi ? " là " : " is ") + value;
  }
};

Operand Side(const DecisionData& data, const ChunkPool& pool, const plan::ConditionPlan& cp, const CapturedValue& c,
             const plan::ConstOperand& k, Language lang) {
  Operand out;
  const RuleSetImpl& impl = internal::ImplOf(*data.rules);
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
      out.value += (out.value.empty() ? "" : ", ") + Human(impl, value, k.enum_id, lang);
    }
    return out;
  }
  if (c.reg < 0) return out;
  if (const Label* l = ReadLabel(cp, c.reg)) out.label = l->Get(lang);
  const plan::RegInfo& info_reg = Prog(data).regs[c.reg];
  out.value = Human(impl, CapturedOutput(data, pool, c), info_reg.enum_id, lang);
  return out;
}

}  // namespace

std::string Reason(const DecisionData& data, size_t h, const BenefitOutcome& o, Language lang) {
  const RuleSetImpl& impl = internal::ImplOf(*data.rules);
  const BenefitInfo& info = impl.benefits[o.benefit];
  const bool vi = lang == Language::kVi;
  const ChunkPool& pool = data.PoolOf(h);
  const OutcomeDetail* d = internal::Access::Detail(o) == UINT32_MAX ? nullptr : &pool.details[internal::Access::Detail(o)];
  auto amount_text = [&](int64_t amount) { return AmountText(info, amount, lang); };
  switch (o.status) {
    case BenefitStatus::kEligible:
      return (vi ? "Đủ điều kiện; mức hưởng " : "Eligible; amount ") + amount_text(o.amount);
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
        return vi ? "Đủ điều kiện (" + amount_text(o.amount) + ") nhưng mỗi hộ chỉ một người được hưởng; người được "
                        "hưởng là thành viên " + who + ref
                  : "Qualifies (" + amount_text(o.amount) + ") but only one member of the household is paid: member " +
                        who + ref;
      }
      std::string winner = o.superseded_by >= 0 ? impl.benefits[o.superseded_by].label.Get(lang) : "";
      for (const BenefitOutcome other : EntityOutcomes(data, h, o)) {
        if (static_cast<int32_t>(other.benefit) == o.superseded_by && other.has_amount) {
          winner += " (" + amount_text(other.amount) + ")";
        }
      }
      return vi ? "Đủ điều kiện (" + amount_text(o.amount) + ") nhưng chỉ được hưởng mức cao nhất: " + winner
                : "Qualifies (" + amount_text(o.amount) + ") but only the highest is paid: " + winner;
    }
    case BenefitStatus::kNotInForce: {
      std::string period = (vi ? "từ " : "from ") + (info.from ? DateText(info.from->days(), lang) : "?");
      if (info.to) period += (vi ? " đến " : " to ") + DateText(info.to->days(), lang);
      return vi ? "Không áp dụng vào thời điểm này: chế độ có hiệu lực " + period
                : "Not in force at this date: the benefit applies " + period;
    }
    case BenefitStatus::kUndetermined: {
      if (d != nullptr && d->error >= 0) {
        return (vi ? "Chưa xác định: không tính được — " : "Undetermined: could not be computed — ") +
               std::string(pool.Text(d->error));
      }
      const std::string missing = d != nullptr ? MissingWords(data, h, *d, lang) : "";
      return vi ? "Chưa xác định: thiếu thông tin " + missing : "Undetermined: missing " + missing;
    }
    case BenefitStatus::kNotEligible: break;
  }
  if (d == nullptr || d->version < 0 || d->failed < 0) return vi ? "Không đủ điều kiện" : "Not eligible";
  const VersionMeta& vm = impl.versions[o.benefit][static_cast<size_t>(d->version)];
  const ConditionMeta& cm = vm.conditions[static_cast<size_t>(d->failed)];
  std::string out = (vi ? "Không đủ điều kiện: " : "Not eligible: ") +
                    (cm.label.Get(lang).empty() ? cm.name : cm.label.Get(lang));
  const plan::ConditionPlan& cp =
      Prog(data).benefits[o.benefit].versions[static_cast<size_t>(d->version)].conditions[static_cast<size_t>(d->failed)];
  if (cp.top == plan::Compare::kNone || d->values_count < 2) return out;
  const CapturedValue& lhs = pool.values[d->values_begin];
  const CapturedValue& rhs = pool.values[d->values_begin + 1];
  const Operand left = Side(data, pool, cp, lhs, cp.lhs_const, lang);
  const Operand right = Side(data, pool, cp, rhs, cp.rhs_const, lang);
  if (left.value.empty() || right.value.empty()) return out;
  const bool in = cp.top == plan::Compare::kIn;
  if (in || cp.top == plan::Compare::kNotIn) {
    if (cp.rhs_const.present || right.label.empty()) {  // value in [a, b]: the value and the list
      return out + " (" + left.Named(lang) + (in ? (vi ? ", không thuộc " : ", not one of ")
                                                 : (vi ? ", thuộc " : ", one of ")) + right.value + ")";
    }
    // "x" in set_field: the set and the item it lacks (or has)
    return out + " (" + right.Named(lang) + (in ? (vi ? ", không gồm " : ", which does not include ")
                                               : (vi ? ", có " : ", which includes ")) + left.value + ")";
  }
  std::string text = " (" + (left.label.empty() ? "" : left.label + " ") + left.value + " " + Negated(cp.top, lang) + " ";
  text += (right.label.empty() ? "" : right.label + " ") + right.value + ")";
  return out + text;
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

}  // namespace ansinh::internal

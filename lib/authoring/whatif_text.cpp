// WhatIfText: the changes, what they change (status and amount before →
// after, per member and benefit), the totals, and the counterfactual lines.
#include "authoring/whatif_text.hpp"

#include <sstream>

#include "ansinh/whatif.hpp"
#include "common/text_safety.hpp"
#include "report/format.hpp"
#include "runtime/render.hpp"

namespace ansinh::authoring {

std::string InputText(const FieldInfo& f, const InputValue& v, Language lang) {
  const bool vi = lang == Language::kVi;
  auto label = [&](const std::string& value) {
    for (size_t i = 0; i < f.values.size() && i < f.value_labels.size(); ++i) {
      if (f.values[i] == value && !f.value_labels[i].Get(lang).empty()) return f.value_labels[i].Get(lang);
    }
    return value;
  };
  switch (v.kind()) {
    case InputValue::Kind::kNull:
      return vi ? "chưa biết" : "unknown";
    case InputValue::Kind::kBool:
      return v.as_bool() ? (vi ? "có" : "yes") : (vi ? "không" : "no");
    case InputValue::Kind::kInt:
      return internal::WholeInUnit(v.as_int(), f.type, f.unit, lang);
    case InputValue::Kind::kDecimal:
      return v.ToString();
    case InputValue::Kind::kText:
      if (f.type == ValueType::kDate) {
        if (const std::optional<Date> d = Date::Parse(v.as_text())) return report::DateText(*d, lang);
      }
      return label(v.as_text());
    case InputValue::Kind::kList: {
      if (v.as_list().empty()) return vi ? "(không có)" : "(none)";
      std::string out;
      for (size_t i = 0; i < v.as_list().size(); ++i) out += (i ? ", " : "") + label(v.as_list()[i]);
      return out;
    }
  }
  return v.ToString();
}

}  // namespace ansinh::authoring

ANSINH_BEGIN_NAMESPACE
namespace whatif_text {

std::string Who(const std::string& member_id, Language lang) {
  if (member_id.empty()) return lang == Language::kVi ? "Hộ" : "Household";
  return (lang == Language::kVi ? "Thành viên " : "Member ") + member_id;
}

std::string OutcomeText(const RuleSet& rules, const BenefitOutcome& o, Language lang) {
  std::string out = report::StatusText(o.status, lang);
  if (o.has_amount) out += ", " + internal::AmountText(rules.benefits()[o.benefit], o.amount, lang);
  return out;
}

void Changes(std::ostream& out, const WhatIfResult& r, const RuleSet& rules, Language lang) {
  const bool vi = lang == Language::kVi;
  out << (vi ? "GIẢ SỬ — hộ " : "WHAT IF — household ") << r.household.id << ", "
      << report::WhenText(r.after.when(), lang) << ":\n";
  for (const FieldChange& c : r.changes) {
    const Entity entity = c.member < 0 ? Entity::kHousehold : Entity::kPerson;
    const FieldInfo* f = rules.schema().Find(entity, c.field);
    if (f == nullptr) continue;
    const std::string id = c.member < 0 ? std::string() : r.household.members[static_cast<size_t>(c.member)].id;
    out << "  • " << Who(id, lang) << " — " << (f->label.Get(lang).empty() ? f->name : f->label.Get(lang)) << ": "
        << authoring::InputText(*f, c.before, lang) << " \xE2\x86\x92 " << authoring::InputText(*f, c.value, lang)
        << '\n';
  }
}

void Differences(std::ostream& out, const WhatIfResult& r, const RuleSet& rules, Language lang) {
  const bool vi = lang == Language::kVi;
  if (!r.after.ok()) {
    out << '\n' << (vi ? "HỒ SƠ SAU KHI THAY ĐỔI CÓ LỖI:" : "THE CHANGED RECORD HAS ERRORS:") << '\n';
    for (const RecordIssue& e : r.after.errors()) {
      out << "  ! " << (e.field.empty() ? "" : e.field + ": ") << (vi ? e.message_vi : e.message) << " [" << e.code
          << "]\n";
    }
    return;
  }
  out << '\n' << (vi ? "KẾT QUẢ THAY ĐỔI:" : "WHAT CHANGES:") << '\n';
  if (r.differences.empty()) out << (vi ? "  (không chế độ nào thay đổi)" : "  (no benefit changes)") << '\n';
  int32_t last = -2;
  for (const OutcomeDifference& d : r.differences) {
    if (d.member != last) out << "  " << Who(d.member_id, lang) << ":\n";
    last = d.member;
    out << "    • " << rules.benefits()[d.after.benefit].label.Get(lang) << ": " << OutcomeText(rules, d.before, lang)
        << " \xE2\x86\x92 " << OutcomeText(rules, d.after, lang) << '\n';
  }
  if (r.before.ok()) {
    out << '\n'
        << (vi ? "TỔNG HẰNG THÁNG: " : "MONTHLY TOTAL: ") << report::Money(r.before.total_monthly(), lang)
        << " \xE2\x86\x92 " << report::Money(r.after.total_monthly(), lang) << '\n';
  }
}

void Counterfactuals(std::ostream& out, const WhatIfResult& r, const RuleSet& rules, Language lang) {
  const bool vi = lang == Language::kVi;
  if (!r.changes.empty()) out << '\n';
  out << (vi ? "ĐIỀU GÌ SẼ LÀM ĐỦ ĐIỀU KIỆN (thay đổi một thông tin; mỗi dòng đã được tính lại để kiểm chứng):"
             : "WHAT WOULD MAKE IT ELIGIBLE (one fact changed; each line verified by evaluating again):")
      << '\n';
  if (r.counterfactuals.empty()) {
    out << (vi ? "  (không tìm thấy thay đổi một thông tin nào làm đủ điều kiện thêm chế độ)"
               : "  (no verified change of one fact makes another benefit eligible)")
        << '\n';
  }
  for (const Counterfactual& c : r.counterfactuals) {
    out << "  • " << Who(c.member_id, lang) << " — " << rules.benefits()[c.benefit].label.Get(lang) << ": "
        << c.text.Get(lang);
    if (c.outcome.has_amount) {
      out << " (" << internal::AmountText(rules.benefits()[c.benefit], c.outcome.amount, lang) << ')';
    }
    out << '\n';
  }
}

}  // namespace whatif_text

std::string WhatIfText(const WhatIfResult& result, Language lang) {
  const RuleSet& rules = result.after.rules();
  std::ostringstream out;
  if (!result.changes.empty()) {
    whatif_text::Changes(out, result, rules, lang);
    whatif_text::Differences(out, result, rules, lang);
  }
  if (result.after.ok()) whatif_text::Counterfactuals(out, result, rules, lang);
  return internal::EscapeControls(out.str());
}

ANSINH_END_NAMESPACE

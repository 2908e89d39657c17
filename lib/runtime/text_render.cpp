// ToText: a decision for a case worker — what the household gets, what it
// does not and the first reason, what is unknown and which question to ask.
#include <sstream>

#include "ansinh/decimal.hpp"
#include "ansinh/decision.hpp"
#include "common/text_safety.hpp"
#include "eval/decision_data.hpp"
#include "runtime/render.hpp"

namespace ansinh {

namespace {

struct Line {
  std::string who;
  const BenefitOutcome* outcome;
};

std::string Who(const DecisionView& d, int member, Language lang) {
  if (member < 0) return lang == Language::kVi ? "Hộ" : "Household";
  return (lang == Language::kVi ? "Thành viên " : "Member ") + std::string(d.member_id(static_cast<size_t>(member)));
}

// A missing input as a question for the case worker: the field's label, whose
// it is, and the path as the record writes it ("members[CL-0005-02].disability").
std::string Question(const RuleSet& rules, const std::string& path, Language lang) {
  const bool vi = lang == Language::kVi;
  std::string member, name = path;
  Entity entity = Entity::kHousehold;
  if (path.rfind("members[", 0) == 0) {
    const size_t close = path.find("].");
    if (close != std::string::npos) {
      member = path.substr(8, close - 8);
      name = path.substr(close + 2);
      entity = Entity::kPerson;
    }
  }
  const FieldInfo* f = rules.schema().Find(entity, name);
  if (f == nullptr) {  // a parameter whose figure is not confirmed: ask for the official text
    std::string label;
    if (path.rfind("param.", 0) == 0) {
      const std::string param = path.substr(6, path.find('[') == std::string::npos ? std::string::npos : path.find('[') - 6);
      for (const ParameterInfo& p : rules.parameters()) {
        if (p.name == param) label = p.label.Get(lang);
      }
    }
    return (vi ? "Mức đã xác nhận theo văn bản chính thức của " : "The figure confirmed by the official text for ") +
           (label.empty() ? path : label + " (" + path + ")");
  }
  std::string label = f->label.Get(lang).empty() ? f->name : f->label.Get(lang);
  if (!member.empty()) label += (vi ? " — thành viên " : " — member ") + member;
  return label + " (" + path + ")";
}

const char* Mark(const OutputValue& v) {
  if (!v.known) return "?";
  if (v.type == ValueType::kBool) return v.raw ? "✓" : "✗";
  return "=";
}

void Trace(std::ostringstream& out, const DecisionView& d, const BenefitOutcome& o, Language lang) {
  auto ex = d.explanation(o);
  if (!ex) return;
  const internal::RuleSetImpl& impl = d.rules().impl();
  auto show = [&](const ExplainedCondition& c) {
    const std::string label = c.label.Get(lang).empty() ? c.name : c.label.Get(lang);
    out << "        " << Mark(c.result) << ' ' << label << ": " << c.source;
    if (c.result.type != ValueType::kBool || !c.result.known) out << "  → " << internal::Human(impl, c.result, -1, lang);
    out << "   [" << ToString(c.location) << "]\n";
    for (const ExplainedRead& r : c.reads) {
      const std::string name = r.label.Get(lang).empty() ? r.name : r.label.Get(lang) + " (" + r.name + ")";
      out << "            " << name << " = " << internal::Human(impl, r.value, -1, lang);
      if (r.parameter) {
        out << (lang == Language::kVi ? "  — áp dụng từ " : "  — in force from ") << r.parameter->from.ToString()
            << ", " << r.parameter->reference << (r.parameter->provisional ? (lang == Language::kVi ? " (tạm tính)" : " (provisional)") : "");
      }
      out << '\n';
    }
  };
  for (const ExplainedCondition& c : ex->conditions) show(c);
  if (ex->amount && (o.status == BenefitStatus::kEligible || o.status == BenefitStatus::kSuperseded)) show(*ex->amount);
}

}  // namespace

std::string ToText(const DecisionView& d, Language lang, bool explain) {
  const bool vi = lang == Language::kVi;
  const RuleSet& rules = d.rules();
  std::ostringstream out;
  out << (vi ? "Hộ " : "Household ") << d.household_id() << " — "
      << (d.when().is_period ? (vi ? "tháng " : "month ") : (vi ? "ngày " : "as of ")) << d.when().ToString() << " ("
      << (vi ? "bộ quy tắc " : "rules ") << rules.info().id << ' ' << rules.info().version << ")\n";
  if (!d.ok()) {
    out << (vi ? "Hồ sơ có lỗi, chưa thể xét:\n" : "The record has errors and cannot be assessed:\n");
    for (const RecordIssue& e : d.errors()) {
      out << "  • " << (e.field.empty() ? "" : e.field + ": ") << (vi ? e.message_vi : e.message) << " [" << e.code << "]\n";
    }
    return out.str();
  }
  const std::string total = vi ? FormatGrouped(d.total_monthly(), '.') + " đ" : FormatGrouped(d.total_monthly(), ',') + " VND";
  out << (vi ? "Tổng trợ cấp hằng tháng: " : "Total monthly benefits: ") << total << "\n";
  for (const auto& [info, value] : d.variables()) {
    out << "  " << (info->label.Get(lang).empty() ? info->name : info->label.Get(lang)) << ": "
        << internal::Human(rules.impl(), value, rules.impl().variable_enums[static_cast<size_t>(info - rules.variables().data())], lang)
        << '\n';
  }
  std::vector<std::pair<int, BenefitOutcome>> gets, not_gets, unknown;
  auto sort_in = [&](int member, OutcomeRange outcomes) {
    for (const BenefitOutcome o : outcomes) {
      switch (o.status) {
        case BenefitStatus::kEligible: gets.emplace_back(member, o); break;
        case BenefitStatus::kSuperseded:
        case BenefitStatus::kNotEligible: not_gets.emplace_back(member, o); break;
        case BenefitStatus::kUndetermined: unknown.emplace_back(member, o); break;
        case BenefitStatus::kNotInForce: break;
      }
    }
  };
  sort_in(-1, d.benefits());
  for (size_t m = 0; m < d.member_count(); ++m) sort_in(static_cast<int>(m), d.member_benefits(m));
  auto list = [&](const char* title_vi, const char* title_en, const auto& items) {
    if (items.empty()) return;
    out << '\n' << (vi ? title_vi : title_en) << '\n';
    for (const auto& [member, o] : items) {
      const BenefitInfo& info = rules.benefits()[o.benefit];
      out << "  • " << Who(d, member, lang) << " — " << info.label.Get(lang) << ": " << d.reason(o, lang) << '\n';
      out << "      " << (vi ? "Căn cứ: " : "Legal basis: ") << info.reference << '\n';
      if (explain) Trace(out, d, o, lang);
    }
  };
  list("ĐƯỢC HƯỞNG:", "RECEIVES:", gets);
  list("KHÔNG ĐƯỢC HƯỞNG (lý do đầu tiên):", "DOES NOT RECEIVE (first reason):", not_gets);
  if (!unknown.empty()) {
    list("CHƯA XÁC ĐỊNH:", "UNDETERMINED:", unknown);
    std::vector<std::string> asked;
    out << '\n' << (vi ? "CẦN HỎI THÊM:" : "QUESTIONS TO ASK:") << '\n';
    for (const auto& [member, o] : unknown) {
      for (const std::string& path : d.missing(o)) {
        if (std::find(asked.begin(), asked.end(), path) != asked.end()) continue;
        asked.push_back(path);
        out << "  ? " << Question(d.rules(), path, lang) << '\n';
      }
    }
  }
  if (!d.warnings().empty()) {
    out << '\n' << (vi ? "CẢNH BÁO:" : "WARNINGS:") << '\n';
    for (const RecordIssue& w : d.warnings()) {
      out << "  ! " << (w.field.empty() ? "" : w.field + ": ") << (vi ? w.message_vi : w.message) << " [" << w.code << "]\n";
    }
  }
  // Ids and values come from the registry: no terminal escape reaches the screen.
  return internal::EscapeControls(out.str());
}

}  // namespace ansinh

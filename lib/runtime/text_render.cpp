// MakeBrief and ToText: a decision for a case worker, short — the total with its
// caveats, what each member receives, the questions for the family (facts of
// the record only), the benefits waiting on a legal text, then near misses.
#include <algorithm>
#include <sstream>

#include "runtime/access.hpp"
#include "ansinh/decimal.hpp"
#include "ansinh/decision.hpp"
#include "common/text_safety.hpp"
#include "eval/decision_data.hpp"
#include "runtime/render.hpp"
#include "runtime/when_text.hpp"

ANSINH_BEGIN_NAMESPACE

namespace {

std::string Who(const DecisionView& d, int member, Language lang) {
  if (member < 0) return lang == Language::kVi ? "Hộ" : "Household";
  return (lang == Language::kVi ? "Thành viên " : "Member ") + std::string(d.member_id(static_cast<size_t>(member)));
}

// The member or household of a missing-field path ("members[P2].disability" → P2, disability).
struct PathParts {
  std::string member;
  std::string field;
  bool person = false;
};

PathParts SplitPath(const std::string& path) {
  PathParts p;
  p.field = path;
  if (path.rfind("members[", 0) == 0) {
    const size_t close = path.find("].");
    if (close != std::string::npos) {
      p.member = path.substr(8, close - 8);
      p.field = path.substr(close + 2);
      p.person = true;
    }
  }
  return p;
}

// The label of a legal figure named by a missing path "param.x[key]".
std::string ParameterWords(const RuleSet& rules, const std::string& path, Language lang) {
  const size_t bracket = path.find('[');
  const std::string name = path.substr(6, bracket == std::string::npos ? std::string::npos : bracket - 6);
  for (const ParameterInfo& p : rules.parameters()) {
    if (p.name == name && !p.label.Get(lang).empty()) return p.label.Get(lang);
  }
  return path;
}

const char* Mark(const OutputValue& v) {
  if (!v.known) return "?";
  if (v.type == ValueType::kBool) return v.raw ? "✓" : "✗";
  return "=";
}

void Trace(std::ostringstream& out, const DecisionView& d, const BenefitOutcome& o, Language lang) {
  auto ex = d.explanation(o);
  if (!ex) return;
  const internal::RuleSetImpl& impl = internal::ImplOf(d.rules());
  auto show = [&](const ExplainedCondition& c) {
    const std::string label = c.label.Get(lang).empty() ? c.name : c.label.Get(lang);
    out << "        " << Mark(c.result) << ' ' << label << ": " << c.source;
    if (c.result.type != ValueType::kBool || !c.result.known) out << "  → " << internal::Human(impl, c.result, -1, lang);
    out << "   [" << ToString(c.location) << "]\n";
    for (const ExplainedRead& r : c.reads) {
      const std::string name = r.label.Get(lang).empty() ? r.name : r.label.Get(lang) + " (" + r.name + ")";
      out << "            " << name << " = " << internal::HumanInUnit(impl, r.value, r.unit, lang);
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

Brief MakeBrief(const DecisionView& d, Detail detail) {
  Brief brief;
  if (!d.ok()) return brief;
  const RuleSet& rules = d.rules();
  brief.total_monthly = d.total_monthly();
  auto take = [&](int member, OutcomeRange outcomes) {
    for (const BenefitOutcome o : outcomes) {
      const BriefEntry entry{member, o};
      switch (o.status) {
        case BenefitStatus::kEligible: {
          brief.receives.push_back(entry);
          const BenefitInfo& info = rules.benefits()[o.benefit];
          if (o.provisional && info.frequency == Frequency::kMonthly && info.unit == BenefitUnit::kMoney) {
            brief.total_provisional = true;
          }
          break;
        }
        case BenefitStatus::kUndetermined: {
          const std::vector<std::string> missing = d.missing(o);
          bool fact = missing.empty();  // an evaluation error: shown with the undetermined
          for (const std::string& path : missing) {
            if (path.rfind("param.", 0) == 0) continue;
            fact = true;
            auto q = std::find_if(brief.questions.begin(), brief.questions.end(),
                                  [&](const BriefQuestion& x) { return x.path == path; });
            if (q == brief.questions.end()) {
              BriefQuestion question;
              question.path = path;
              const PathParts parts = SplitPath(path);
              question.field = rules.schema().Find(parts.person ? Entity::kPerson : Entity::kHousehold, parts.field);
              for (size_t m = 0; parts.person && m < d.member_count(); ++m) {
                if (d.member_id(m) == parts.member) question.member = static_cast<int32_t>(m);
              }
              brief.questions.push_back(std::move(question));
              q = brief.questions.end() - 1;
            }
            q->decides.push_back(entry);
          }
          (fact ? brief.undetermined : brief.awaiting_text).push_back(entry);
          break;
        }
        case BenefitStatus::kNotEligible:
          if (detail != Detail::kSummary && o.near_miss) {
            brief.near_misses.push_back(entry);
            break;
          }
          [[fallthrough]];
        case BenefitStatus::kSuperseded:
        case BenefitStatus::kNotInForce:
          if (detail == Detail::kFull) brief.others.push_back(entry);
          break;
      }
    }
  };
  take(-1, d.benefits());
  for (size_t m = 0; m < d.member_count(); ++m) take(static_cast<int>(m), d.member_benefits(m));
  return brief;
}

std::string ToText(const DecisionView& d, Language lang, bool explain) {
  TextOptions options;
  options.lang = lang;
  options.trace = explain;
  return ToText(d, options);
}

std::string ToText(const DecisionView& d, const TextOptions& options) {
  const Language lang = options.lang;
  const bool vi = lang == Language::kVi;
  const RuleSet& rules = d.rules();
  std::ostringstream out;
  out << (vi ? "Hộ " : "Household ") << d.household_id() << " — "
      << (d.when().is_period ? "" : vi ? "ngày " : "as of ") << internal::WhenText(d.when(), lang) << " ("
      << (vi ? "bộ quy tắc " : "rules ") << rules.info().id << ' ' << rules.info().version << ")\n";
  if (!d.ok()) {
    out << (vi ? "Hồ sơ có lỗi, chưa thể xét:\n" : "The record has errors and cannot be assessed:\n");
    for (const RecordIssue& e : d.errors()) {
      out << "  • " << (e.field.empty() ? "" : e.field + ": ") << (vi ? e.message_vi : e.message) << " [" << e.code << "]\n";
    }
    return internal::EscapeControls(out.str());
  }
  const Brief brief = MakeBrief(d, options.detail);
  const std::string tam = vi ? " (tạm tính)" : " (provisional)";
  // The total and its caveats.
  out << (vi ? "Tổng trợ cấp hằng tháng: " : "Total monthly benefits: ")
      << (vi ? FormatGrouped(brief.total_monthly, '.') + " đ" : FormatGrouped(brief.total_monthly, ',') + " VND");
  std::vector<std::string> caveats;
  if (brief.total_provisional) caveats.push_back(vi ? "có khoản tạm tính" : "includes provisional amounts");
  const size_t left_out = brief.undetermined.size() + brief.awaiting_text.size();
  if (left_out > 0) {
    caveats.push_back(vi ? "chưa gồm " + std::to_string(left_out) + " chế độ chưa xác định"
                         : "leaves out " + std::to_string(left_out) + " undetermined benefit" + (left_out > 1 ? "s" : ""));
  }
  for (size_t i = 0; i < caveats.size(); ++i) out << (i == 0 ? " (" : "; ") << caveats[i];
  out << (caveats.empty() ? "\n" : ")\n");
  if (options.detail == Detail::kFull) {
    for (const auto& [info, value] : d.variables()) {
      out << "  " << (info->label.Get(lang).empty() ? info->name : info->label.Get(lang)) << ": "
          << internal::Human(internal::ImplOf(rules), value, internal::ImplOf(rules).variable_enums[static_cast<size_t>(info - rules.variables().data())], lang)
          << '\n';
    }
  }
  auto label = [&](const BriefEntry& e) { return rules.benefits()[e.outcome.benefit].label.Get(lang); };
  auto trace = [&](const BriefEntry& e) {
    if (options.trace) Trace(out, d, e.outcome, lang);
  };
  // What each member receives.
  if (!brief.receives.empty()) {
    out << '\n' << (vi ? "ĐƯỢC HƯỞNG:" : "RECEIVES:") << '\n';
    int last = -2;
    for (const BriefEntry& e : brief.receives) {
      if (e.member != last) out << "  " << Who(d, e.member, lang) << ":\n";
      last = e.member;
      out << "    • " << label(e) << ": "
          << internal::AmountText(rules.benefits()[e.outcome.benefit], e.outcome.amount, lang)
          << (e.outcome.provisional ? tam : "") << '\n';
      trace(e);
    }
  }
  // The questions for the family, and what each decides.
  if (!brief.questions.empty() || !brief.undetermined.empty()) {
    out << '\n' << (vi ? "CẦN HỎI GIA ĐÌNH (để xét các chế độ chưa xác định):" : "ASK THE FAMILY (to decide what is undetermined):") << '\n';
    for (const BriefQuestion& q : brief.questions) {
      std::string what = q.field != nullptr && !q.field->label.Get(lang).empty() ? q.field->label.Get(lang) : q.path;
      if (q.member >= 0) what += " — " + Who(d, q.member, lang);
      out << "  ? " << what << '\n' << (vi ? "      → quyết định: " : "      → decides: ");
      for (size_t i = 0; i < q.decides.size(); ++i) {
        out << (i ? "; " : "") << label(q.decides[i]);
        if (q.decides[i].member != q.member) out << " (" << Who(d, q.decides[i].member, lang) << ')';
      }
      out << '\n';
    }
    for (const BriefEntry& e : brief.undetermined) {  // an evaluation error: no question answers it
      if (!d.missing(e.outcome).empty()) continue;
      out << "  ! " << Who(d, e.member, lang) << " — " << label(e) << ": " << d.reason(e.outcome, lang) << '\n';
    }
  }
  // Benefits waiting on a legal text.
  if (!brief.awaiting_text.empty()) {
    out << '\n' << (vi ? "CHỜ VĂN BẢN (mức chưa được xác nhận):" : "AWAITING A LEGAL TEXT (figure not confirmed):") << '\n';
    for (const BriefEntry& e : brief.awaiting_text) {
      std::vector<std::string> figures;
      for (const std::string& path : d.missing(e.outcome)) {
        const std::string words = ParameterWords(rules, path, lang);
        if (std::find(figures.begin(), figures.end(), words) == figures.end()) figures.push_back(words);
      }
      out << "  • " << Who(d, e.member, lang) << " — " << label(e) << ": "
          << (vi ? "chờ văn bản quy định " : "awaiting the text that sets ");
      for (size_t i = 0; i < figures.size(); ++i) out << (i ? ", " : "") << figures[i];
      out << '\n';
      trace(e);
    }
  }
  auto reasons = [&](const char* title_vi, const char* title_en, const std::vector<BriefEntry>& items) {
    if (items.empty()) return;
    out << '\n' << (vi ? title_vi : title_en) << '\n';
    for (const BriefEntry& e : items) {
      out << "  • " << Who(d, e.member, lang) << " — " << label(e) << ": " << d.reason(e.outcome, lang) << '\n';
      if (options.detail == Detail::kFull) {
        out << "      " << (vi ? "Căn cứ: " : "Legal basis: ") << rules.benefits()[e.outcome.benefit].reference << '\n';
      }
      trace(e);
    }
  };
  reasons("SUÝT ĐỦ ĐIỀU KIỆN (thuộc đối tượng nhưng thiếu điều kiện):",
          "NEAR MISSES (in the target group, but a condition fails):", brief.near_misses);
  reasons("KHÔNG ĐƯỢC HƯỞNG / CHƯA ÁP DỤNG:", "NOT RECEIVED / NOT IN FORCE:", brief.others);
  if (!d.warnings().empty()) {
    out << '\n' << (vi ? "CẢNH BÁO:" : "WARNINGS:") << '\n';
    for (const RecordIssue& w : d.warnings()) {
      out << "  ! " << (w.field.empty() ? "" : w.field + ": ") << (vi ? w.message_vi : w.message) << " [" << w.code << "]\n";
    }
  }
  // Ids and values come from the registry: no terminal escape reaches the screen.
  return internal::EscapeControls(out.str());
}

ANSINH_END_NAMESPACE

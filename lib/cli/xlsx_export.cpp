// The Excel workbooks of eval, report and diff: see xlsx_export.hpp.
#include "cli/xlsx_export.hpp"

#include <cstdlib>
#include <string_view>
#include <utility>
#include <vector>

#include "ansinh/report.hpp"
#include "cli/xlsx.hpp"

namespace ansinh::cli {

namespace {

// The words of the workbooks: Vietnamese first, English with --lang en.
struct Word {
  const char* key;
  const char* vi;
  const char* en;
};

constexpr Word kWords[] = {
    {"sheet_beneficiaries", "Người hưởng", "Beneficiaries"},
    {"sheet_undetermined", "Chưa xác định", "Undetermined"},
    {"sheet_communes", "Theo xã", "By commune"},
    {"sheet_errors", "Lỗi hồ sơ", "Record errors"},
    {"sheet_costs", "Chi phí theo chế độ", "Cost per benefit"},
    {"sheet_indicators", "Chỉ tiêu", "Indicators"},
    {"sheet_missing", "Thông tin còn thiếu", "Missing facts"},
    {"sheet_benefits", "Chế độ", "Benefits"},
    {"sheet_changes", "Hộ thay đổi", "Changed households"},
    {"household", "Mã hộ", "Household"},
    {"person", "Mã thành viên", "Person"},
    {"whole_household", "(cả hộ)", "(household)"},
    {"benefit", "Chế độ", "Benefit"},
    {"benefit_id", "Mã chế độ", "Benefit id"},
    {"amount", "Số tiền / mức", "Amount"},
    {"unit", "Đơn vị", "Unit"},
    {"per_month", "đồng/tháng", "VND per month"},
    {"once", "đồng (một lần)", "VND (once)"},
    {"percent", "% (tỷ lệ hỗ trợ)", "% (share paid)"},
    {"provisional", "Tạm tính", "Provisional"},
    {"yes", "có", "yes"},
    {"no", "không", "no"},
    {"reference", "Căn cứ", "Legal basis"},
    {"questions", "Cần hỏi gia đình", "Questions for the family"},
    {"awaiting", "Chờ văn bản (số liệu chưa công bố)", "Awaiting a legal text (figure not published)"},
    {"eval_error", "(lỗi khi tính: xem lý do)", "(evaluation error: see the reason)"},
    {"commune", "Xã/phường", "Commune"},
    {"households", "Số hộ", "Households"},
    {"persons", "Số người", "Persons"},
    {"beneficiary_households", "Hộ được hưởng", "Households paid"},
    {"beneficiaries", "Người được hưởng", "Persons paid"},
    {"monthly", "Tiền hằng tháng", "Monthly"},
    {"annual", "Tiền cả năm", "Annual"},
    {"once_total", "Chi một lần", "Paid once"},
    {"error_households", "Hộ lỗi hồ sơ", "Households with errors"},
    {"record", "Vị trí hồ sơ", "Record"},
    {"code", "Mã lỗi", "Code"},
    {"field", "Trường", "Field"},
    {"message", "Nội dung", "Message"},
    {"kind", "Loại", "Kind"},
    {"kind_benefit", "chế độ", "benefit"},
    {"kind_group", "nhóm chế độ", "group"},
    {"superseded", "Được thay bằng chế độ cao hơn", "Superseded"},
    {"undetermined", "Chưa xác định", "Undetermined"},
    {"indicator", "Chỉ tiêu", "Indicator"},
    {"indicator_id", "Mã chỉ tiêu", "Indicator id"},
    {"numerator", "Đạt", "Numerator"},
    {"denominator", "Tổng số", "Denominator"},
    {"share", "Tỷ lệ", "Share"},
    {"target", "Mục tiêu", "Target"},
    {"met", "Đạt mục tiêu", "Met"},
    {"gap", "Còn thiếu", "Gap"},
    {"unknown", "Chưa rõ", "Unknown"},
    {"fact", "Thông tin", "Fact"},
    {"fact_id", "Mã trường", "Field id"},
    {"fact_kind", "Loại", "Kind"},
    {"fact_record", "thông tin của hồ sơ", "a fact of the record"},
    {"fact_param", "số liệu chờ văn bản", "a figure awaiting a legal text"},
    {"outcomes", "Số kết quả chờ", "Outcomes waiting"},
    {"in_a", "Người hưởng (A)", "Beneficiaries (A)"},
    {"in_b", "Người hưởng (B)", "Beneficiaries (B)"},
    {"gained", "Được thêm", "Gained"},
    {"lost", "Bị mất", "Lost"},
    {"up", "Tăng", "Up"},
    {"down", "Giảm", "Down"},
    {"status_changed", "Đổi trạng thái", "Status changed"},
    {"monthly_a", "Hằng tháng (A)", "Monthly (A)"},
    {"monthly_b", "Hằng tháng (B)", "Monthly (B)"},
    {"change", "Chênh lệch", "Change"},
    {"gaining_households", "Hộ được lợi", "Households gaining"},
    {"losing_households", "Hộ bị thiệt", "Households losing"},
    {"gaining_persons", "Người được lợi", "Persons gaining"},
    {"losing_persons", "Người bị thiệt", "Persons losing"},
    {"status_a", "Trạng thái (A)", "Status (A)"},
    {"status_b", "Trạng thái (B)", "Status (B)"},
    {"amount_a", "Số tiền (A)", "Amount (A)"},
    {"amount_b", "Số tiền (B)", "Amount (B)"},
    {"change_gained", "được thêm", "gained"},
    {"change_lost", "bị mất", "lost"},
    {"change_up", "tăng", "up"},
    {"change_down", "giảm", "down"},
    {"change_status", "đổi trạng thái", "status changed"},
    {"st_eligible", "đủ điều kiện", "eligible"},
    {"st_not_eligible", "không đủ điều kiện", "not eligible"},
    {"st_undetermined", "chưa xác định", "undetermined"},
    {"st_superseded", "được thay bằng chế độ cao hơn", "superseded"},
    {"st_not_in_force", "chưa có hoặc hết hiệu lực", "not in force"},
    {"st_none", "(không có chế độ này)", "(no such benefit)"},
};

std::string W(std::string_view key, Language lang) {
  for (const Word& w : kWords) {
    if (key == w.key) return lang == Language::kVi ? w.vi : w.en;
  }
  return std::string(key);
}

std::vector<std::string> Header(std::initializer_list<const char*> keys, Language lang) {
  std::vector<std::string> out;
  for (const char* k : keys) out.push_back(W(k, lang));
  return out;
}

std::string StatusText(BenefitStatus status, Language lang) { return W(std::string("st_") + ToString(status), lang); }

// The amount cell of a benefit: money as a VND number, percent as a percent.
void AmountCell(XlsxSheet& sheet, std::optional<int64_t> amount, BenefitUnit unit) {
  if (!amount) {
    sheet.Empty();
  } else if (unit == BenefitUnit::kMoney) {
    sheet.Money(*amount);
  } else {
    sheet.Percent(*amount);
  }
}

std::string UnitText(BenefitUnit unit, Frequency frequency, Language lang) {
  if (unit == BenefitUnit::kPercent) return W("percent", lang);
  return W(frequency == Frequency::kMonthly ? "per_month" : "once", lang);
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (item.empty() || out.find(item) != std::string::npos) continue;
    out += (out.empty() ? "" : "; ") + item;
  }
  return out;
}

const std::string& ParameterLabel(const RuleSet& rules, std::string_view path, Language lang) {
  static const std::string kNone;
  const std::string_view name = path.substr(std::string_view("param.").size());
  for (const ParameterInfo& p : rules.parameters()) {
    if (p.name == name) return p.label.Get(lang).empty() ? p.name : p.label.Get(lang);
  }
  return kNone;
}

void CommuneSheet(XlsxBook& book, const std::vector<BreakdownRow>& rows, Language lang) {
  XlsxSheet& s = book.AddSheet(W("sheet_communes", lang),
                               Header({"commune", "households", "persons", "beneficiary_households", "beneficiaries",
                                       "monthly", "annual", "error_households"},
                                      lang));
  for (const BreakdownRow& row : rows) {
    s.Text(row.label.Get(lang));
    s.Count(row.households);
    s.Count(row.persons);
    s.Count(row.beneficiary_households);
    s.Count(row.beneficiaries);
    s.Money(row.monthly);
    s.Money(row.annual);
    s.Count(row.error_households);
    s.EndRow();
  }
}

void ErrorRow(XlsxSheet& s, std::string_view household, const RecordOrigin& origin, const RecordIssue& issue,
              Language lang) {
  s.Text(household);
  s.Text(origin.file.empty() ? std::string() : origin.file + ":" + std::to_string(origin.line));
  s.Text(issue.code);
  s.Text(issue.field);
  s.Text(lang == Language::kVi ? issue.message_vi : issue.message);
  s.EndRow();
}

std::vector<std::string> ErrorHeader(Language lang) {
  return Header({"household", "record", "code", "field", "message"}, lang);
}

}  // namespace

// --- eval ---------------------------------------------------------------------

struct EvalWorkbook::Impl {
  RuleSet rules;
  Language lang;
  XlsxBook book;
  XlsxSheet* paid = nullptr;
  XlsxSheet* undetermined = nullptr;
  XlsxSheet* errors = nullptr;
  ReportBuilder totals;

  Impl(const RuleSet& r, const When& when, Language l, const ReportOptions& options)
      : rules(r), lang(l), totals(r, when, options) {
    paid = &book.AddSheet(W("sheet_beneficiaries", lang),
                          Header({"household", "person", "benefit", "benefit_id", "amount", "unit", "provisional",
                                  "reference"},
                                 lang));
    undetermined = &book.AddSheet(W("sheet_undetermined", lang),
                                  Header({"household", "person", "benefit", "benefit_id", "questions", "awaiting"}, lang));
  }

  std::string Who(const DecisionView& d, int32_t member) const {
    return member < 0 ? W("whole_household", lang) : std::string(d.member_id(static_cast<size_t>(member)));
  }

  void Paid(const DecisionView& d, const BriefEntry& e) {
    const BenefitInfo& info = rules.benefits()[e.outcome.benefit];
    paid->Text(d.household_id());
    paid->Text(Who(d, e.member));
    paid->Text(info.label.Get(lang));
    paid->Text(info.id);
    AmountCell(*paid, e.outcome.has_amount ? std::optional<int64_t>(e.outcome.amount) : std::nullopt, info.unit);
    paid->Text(UnitText(info.unit, info.frequency, lang));
    paid->Text(e.outcome.provisional ? W("yes", lang) : std::string());
    paid->Text(info.reference);
    paid->EndRow();
  }

  void Undetermined(const DecisionView& d, const Brief& brief, const BriefEntry& e) {
    const BenefitInfo& info = rules.benefits()[e.outcome.benefit];
    std::vector<std::string> questions, awaiting;
    for (const BriefQuestion& q : brief.questions) {
      bool decides = false;
      for (const BriefEntry& x : q.decides) decides |= x.member == e.member && x.outcome.benefit == e.outcome.benefit;
      if (!decides) continue;
      std::string text = q.field != nullptr && !q.field->label.Get(lang).empty() ? q.field->label.Get(lang) : q.path;
      if (q.member >= 0 && q.member != e.member) text += " (" + std::string(d.member_id(static_cast<size_t>(q.member))) + ")";
      if (q.member < 0 && e.member >= 0) text += " " + W("whole_household", lang);
      questions.push_back(std::move(text));
    }
    const std::vector<std::string> missing = d.missing(e.outcome);
    for (const std::string& path : missing) {
      if (path.rfind("param.", 0) == 0) awaiting.push_back(ParameterLabel(rules, path, lang));
    }
    if (missing.empty()) questions.push_back(W("eval_error", lang));
    undetermined->Text(d.household_id());
    undetermined->Text(Who(d, e.member));
    undetermined->Text(info.label.Get(lang));
    undetermined->Text(info.id);
    undetermined->Text(Joined(questions));
    undetermined->Text(Joined(awaiting));
    undetermined->EndRow();
  }
};

EvalWorkbook::EvalWorkbook(const RuleSet& rules, const When& when, Language lang, const ReportOptions& options)
    : impl_(std::make_unique<Impl>(rules, when, lang, options)) {}

EvalWorkbook::~EvalWorkbook() = default;

void EvalWorkbook::Add(const RecordBatch& records, const DecisionBatch& decisions) {
  for (size_t i = 0; i < decisions.size(); ++i) {
    const DecisionView d = decisions[i];
    if (!d.ok()) continue;  // on the errors sheet, from the report's list below
    const Brief brief = MakeBrief(d, Detail::kSummary);
    for (const BriefEntry& e : brief.receives) impl_->Paid(d, e);
    for (const BriefEntry& e : brief.undetermined) impl_->Undetermined(d, brief, e);
    for (const BriefEntry& e : brief.awaiting_text) impl_->Undetermined(d, brief, e);
  }
  impl_->totals.Add(records, decisions);
}

std::string EvalWorkbook::Finish() {
  const Report report = std::move(impl_->totals).Finish();
  CommuneSheet(impl_->book, report.by_commune, impl_->lang);
  XlsxSheet& errors = impl_->book.AddSheet(W("sheet_errors", impl_->lang), ErrorHeader(impl_->lang));
  for (const ErrorHousehold& e : report.errors) {
    for (const RecordIssue& issue : e.errors) ErrorRow(errors, e.household_id, e.origin, issue, impl_->lang);
  }
  return impl_->book.Finish();
}

// --- report -------------------------------------------------------------------

std::string ReportXlsx(const Report& r, Language lang) {
  XlsxBook book;
  XlsxSheet& costs = book.AddSheet(
      W("sheet_costs", lang),
      Header({"benefit", "benefit_id", "kind", "unit", "beneficiaries", "households", "monthly", "annual", "once_total",
              "superseded", "undetermined", "provisional"},
             lang));
  auto cost = [&](const CostLine& c) {
    const bool money = c.unit == BenefitUnit::kMoney;
    costs.Text(c.label.Get(lang));
    costs.Text(c.id);
    costs.Text(W(c.is_group ? "kind_group" : "kind_benefit", lang));
    costs.Text(UnitText(c.unit, c.frequency, lang));
    costs.Count(c.beneficiaries);
    costs.Count(c.households);
    if (money && c.frequency == Frequency::kMonthly) {
      costs.Money(c.monthly);
      costs.Money(c.annual);
      costs.Empty();
    } else {
      costs.Empty();
      costs.Empty();
      if (money) costs.Money(c.once); else costs.Empty();
    }
    costs.Count(c.superseded);
    costs.Count(c.undetermined);
    costs.Count(c.provisional);
    costs.EndRow();
  };
  for (const CostLine& c : r.benefits) cost(c);
  for (const CostLine& c : r.groups) cost(c);

  CommuneSheet(book, r.by_commune, lang);

  XlsxSheet& ind = book.AddSheet(W("sheet_indicators", lang),
                                 Header({"indicator", "indicator_id", "numerator", "denominator", "share", "target",
                                         "met", "gap", "unknown", "reference"},
                                        lang));
  for (const IndicatorLine& i : r.indicators) {
    ind.Text(i.info.label.Get(lang));
    ind.Text(i.info.id);
    ind.Count(i.numerator);
    ind.Count(i.denominator);
    // A share (a fraction 0..1 with 6 decimals) as an exact percent text: "85.25%".
    auto percent = [](const Decimal& d) { return Decimal::FromMillionths(d.millionths() * 100).ToString() + "%"; };
    ind.Text(i.share ? percent(*i.share) : std::string());
    if (i.info.target_share) {
      ind.Text(i.info.target_op + " " + percent(*i.info.target_share));
    } else if (i.info.target_count) {
      ind.Text(i.info.target_op + " " + std::to_string(*i.info.target_count));
    } else {
      ind.Empty();
    }
    ind.Text(i.met ? W(*i.met ? "yes" : "no", lang) : std::string());
    ind.Count(static_cast<uint64_t>(i.gap < 0 ? 0 : i.gap));
    ind.Count(i.unknown + i.population_unknown);
    ind.Text(i.info.reference);
    ind.EndRow();
  }

  XlsxSheet& und = book.AddSheet(W("sheet_undetermined", lang),
                                 Header({"household", "benefit", "questions", "awaiting"}, lang));
  for (const UndeterminedHousehold& u : r.undetermined) {
    std::vector<std::string> benefits, questions, awaiting;
    for (size_t b = 0; b < u.benefits.size(); ++b) {
      const std::string& id = u.benefits[b];
      const size_t close = id.find("].");
      const std::string who = id.rfind("members[", 0) == 0 && close != std::string::npos
                                  ? " (" + id.substr(8, close - 8) + ")"
                                  : std::string();
      benefits.push_back((b < u.benefit_labels.size() ? u.benefit_labels[b].Get(lang) : id) + who);
    }
    for (size_t m = 0; m < u.missing.size(); ++m) {
      const std::string label = m < u.missing_labels.size() ? u.missing_labels[m].Get(lang) : u.missing[m];
      const std::string& path = u.missing[m];
      const size_t close = path.find("].");
      const std::string who = path.rfind("members[", 0) == 0 && close != std::string::npos
                                  ? " (" + path.substr(8, close - 8) + ")"
                                  : std::string();
      (path.rfind("param.", 0) == 0 ? awaiting : questions).push_back(label + who);
    }
    und.Text(u.household_id);
    und.Text(Joined(benefits));
    und.Text(Joined(questions));
    und.Text(Joined(awaiting));
    und.EndRow();
  }

  XlsxSheet& missing = book.AddSheet(W("sheet_missing", lang), Header({"fact", "fact_id", "fact_kind", "outcomes"}, lang));
  auto fact = [&](const KeyCount& k, const char* kind) {
    missing.Text(k.label.Get(lang).empty() ? k.key : k.label.Get(lang));
    missing.Text(k.key);
    missing.Text(W(kind, lang));
    missing.Count(k.count);
    missing.EndRow();
  };
  for (const KeyCount& k : r.missing_fields) fact(k, "fact_record");
  for (const KeyCount& k : r.missing_parameters) fact(k, "fact_param");

  XlsxSheet& errors = book.AddSheet(W("sheet_errors", lang), ErrorHeader(lang));
  for (const ErrorHousehold& e : r.errors) {
    for (const RecordIssue& issue : e.errors) ErrorRow(errors, e.household_id, e.origin, issue, lang);
  }
  return book.Finish();
}

// --- diff ---------------------------------------------------------------------

std::string DiffXlsx(const Diff& diff, Language lang) {
  XlsxBook book;
  XlsxSheet& ben = book.AddSheet(W("sheet_benefits", lang),
                                 Header({"benefit", "benefit_id", "unit", "in_a", "in_b", "gained", "lost", "up", "down",
                                         "status_changed", "monthly_a", "monthly_b", "change"},
                                        lang));
  for (const DiffBenefitLine& b : diff.benefits) {
    ben.Text(b.label.Get(lang));
    ben.Text(b.id);
    ben.Text(UnitText(b.unit, b.frequency, lang));
    ben.Count(b.beneficiaries_a);
    ben.Count(b.beneficiaries_b);
    ben.Count(b.gained);
    ben.Count(b.lost);
    ben.Count(b.up);
    ben.Count(b.down);
    ben.Count(b.status_changed);
    const bool monthly_money = b.unit == BenefitUnit::kMoney && b.frequency == Frequency::kMonthly;
    const int64_t a = monthly_money ? b.monthly_a : b.once_a;
    const int64_t bb = monthly_money ? b.monthly_b : b.once_b;
    if (b.unit == BenefitUnit::kMoney) {
      ben.Money(a);
      ben.Money(bb);
      ben.Money(bb - a);  // checked by the diff builder (CheckMoneyChange)
    }
    ben.EndRow();
  }

  XlsxSheet& com = book.AddSheet(W("sheet_communes", lang),
                                 Header({"commune", "households", "gaining_households", "losing_households",
                                         "gaining_persons", "losing_persons", "monthly_a", "monthly_b", "change"},
                                        lang));
  for (const DiffAreaLine& c : diff.by_commune) {
    com.Text(c.label.Get(lang));
    com.Count(c.households);
    com.Count(c.gaining_households);
    com.Count(c.losing_households);
    com.Count(c.gaining_persons);
    com.Count(c.losing_persons);
    com.Money(c.monthly_a);
    com.Money(c.monthly_b);
    com.Money(c.monthly_b - c.monthly_a);
    com.EndRow();
  }

  XlsxSheet& ch = book.AddSheet(W("sheet_changes", lang),
                                Header({"household", "commune", "person", "benefit", "benefit_id", "kind", "status_a",
                                        "status_b", "amount_a", "amount_b"},
                                       lang));
  for (const HouseholdChange& h : diff.changes) {
    for (const BenefitChange& c : h.changes) {
      std::string label = c.benefit;
      for (const DiffBenefitLine& b : diff.benefits) {
        if (b.id == c.benefit) label = b.label.Get(lang);
      }
      ch.Text(h.household_id);
      ch.Text(h.commune);
      ch.Text(c.person_id.empty() ? W("whole_household", lang) : c.person_id);
      ch.Text(label);
      ch.Text(c.benefit);
      ch.Text(W(std::string("change_") + ToString(c.kind), lang));
      ch.Text(c.status_a ? StatusText(*c.status_a, lang) : W("st_none", lang));
      ch.Text(c.status_b ? StatusText(*c.status_b, lang) : W("st_none", lang));
      AmountCell(ch, c.amount_a, c.unit);
      AmountCell(ch, c.amount_b, c.unit);
      ch.EndRow();
    }
  }
  return book.Finish();
}

}  // namespace ansinh::cli

// ReportBuilder: folds decisions into counts and costs, one household at a
// time; keeps only the aggregates and the households it lists.
#include <algorithm>
#include <map>
#include <utility>

#include "runtime/access.hpp"
#include "ansinh/error.hpp"
#include "ansinh/report.hpp"
#include "model/compiled_schema.hpp"
#include "records/batch.hpp"
#include "report/report_internal.hpp"
#include "report/tallies.hpp"
#include "runtime/rule_set_impl.hpp"

ANSINH_BEGIN_NAMESPACE

class ReportBuilder::Impl {
 public:
  Impl(const RuleSet& rules, const When& when, const ReportOptions& options)
      : rules_(rules), options_(options), costs_(rules), indicators_(rules, options.max_listed) {
    report_.package = rules.info();
    report_.when = when;
    const internal::CompiledSchema& schema = internal::ImplOf(rules).schema;
    area_field_ = schema.IndexOf(Entity::kHousehold, options.area_field);
    commune_field_ = schema.IndexOf(Entity::kHousehold, options.commune_field);
    recognized_field_ = schema.IndexOf(Entity::kHousehold, options.recognized_field);
    status_var_ = report::HouseholdVariableIndex(rules, options.status_variable);
    computed_var_ = report::HouseholdVariableIndex(rules, options.computed_status_variable);
    report_.has_status = recognized_field_ >= 0 && computed_var_ >= 0 &&
                         schema.household[recognized_field_].type == ValueType::kEnum;
  }

  void Add(const RecordBatch& records, const DecisionBatch& decisions) {
    const internal::BatchData& batch = internal::DataOf(records);
    if (batch.households != decisions.size() || batch.schema != &internal::ImplOf(rules_).schema) {
      throw UsageError("ReportBuilder::Add: the decisions are not those of these records and rules");
    }
    waiting_.clear();
    for (size_t h = 0; h < decisions.size(); ++h) AddHousehold(batch, h, decisions[h]);
    PriceWaiting(records, decisions);
  }

  Report Finish() {
    costs_.Finish(report_);
    indicators_.Finish(report_);
    report_.annual = report::AnnualMoney(report_.monthly, {"the total cost", "tổng chi phí"});
    report_.error_codes = report::SortedCounts(error_codes_);
    report_.missing_fields = report::SortedCounts(missing_fields_);
    report_.missing_parameters = report::SortedCounts(missing_parameters_);
    for (KeyCount& k : report_.missing_fields) k.label = report::PathLabel(rules_, k.key);
    for (KeyCount& k : report_.missing_parameters) k.label = report::PathLabel(rules_, k.key);
    for (const KeyCount& k : report_.missing_parameters) {
      Figure& f = figures_[k.key];
      MissingFigure out;
      out.parameter = k.key;
      out.outcomes = k.count;
      out.households = f.households;
      out.priced = f.priced;
      out.monthly = f.monthly;
      if (f.step) {
        out.label = f.step->label;
        out.missing_from = f.step->missing_from;
        out.priced_on = f.step->priced_on;
      }
      report_.missing_figures.push_back(std::move(out));
    }
    for (const auto& [pair, n] : status_pairs_) {
      report_.status_pairs.push_back({pair.first, pair.second, n, RecognizedLabel(pair.first), ComputedLabel(pair.second)});
    }
    std::stable_sort(report_.status_pairs.begin(), report_.status_pairs.end(),
                     [](const StatusPair& a, const StatusPair& b) { return a.households > b.households; });
    report_.by_area = report::OrderRows(by_area_, report::FieldValues(rules_, area_field_));
    report_.by_commune = report::OrderRows(by_commune_, {});
    report_.by_status = report::OrderRows(by_status_, report::VariableValues(rules_, options_.status_variable));
    for (auto* rows : {&report_.by_area, &report_.by_commune, &report_.by_status}) {
      for (BreakdownRow& row : *rows) {
        row.annual =
            report::AnnualMoney(row.monthly, {"the cost of the row", "chi phí của dòng"}, report::TextsOf(row.label));
      }
    }
    return std::move(report_);
  }

 private:
  BreakdownRow& Row(std::map<std::string, BreakdownRow>& rows, const std::string& key) {
    BreakdownRow& row = rows[key];
    if (row.by_benefit.empty()) row.by_benefit.assign(rules_.benefits().size(), 0);
    return row;
  }

  void AddHousehold(const internal::BatchData& batch, size_t h, const DecisionView& d) {
    ++report_.households;
    report_.persons += d.member_count();
    const std::string area = report::HouseholdFieldText(batch, area_field_, h).value_or("");
    const report::CommuneRef commune_ref = report::CommuneOf(
        rules_, report::HouseholdFieldText(batch, commune_field_, h),
        report_.when.is_period ? report_.when.period.last_day() : report_.when.as_of);
    const std::string& commune = commune_ref.key;
    if (!commune.empty()) {
      BreakdownRow& row = Row(by_commune_, commune);
      if (row.label.vi.empty() && row.label.en.empty()) row.label = commune_ref.label;
    }
    if (!d.ok()) {
      AddError(d);
      for (BreakdownRow* row : {&Row(by_area_, area), &Row(by_commune_, commune)}) ++row->error_households;
      return;
    }
    ++report_.evaluated_households;
    if (!d.warnings().empty()) ++report_.warning_households;
    const std::vector<std::pair<const VariableInfo*, OutputValue>> vars = d.variables(-1);
    auto var_text = [&](int index) -> std::string {
      if (index < 0 || static_cast<size_t>(index) >= vars.size() || !vars[index].second.known) return "";
      return vars[index].second.text;
    };
    const std::string status = var_text(status_var_);
    report::HouseholdTally tally = costs_.AddHousehold(d);
    indicators_.AddHousehold(d);
    AddUndetermined(h, d);
    if (report_.has_status) AddStatus(batch, h, d, var_text(computed_var_));
    if (recognized_field_ >= 0 && !report::HouseholdFieldText(batch, recognized_field_, h)) {
      ++report_.estimated_status_households;
      report_.estimated_status_beneficiary_households += tally.beneficiaries > 0 || tally.household_paid ? 1 : 0;
      report_.estimated_status_monthly =
          report::AddMoney(report_.estimated_status_monthly, d.total_monthly(),
                           {"the monthly cost of estimated classes", "chi phí hằng tháng của các hộ ước tính phân loại"});
    }
    report_.monthly =
        report::AddMoney(report_.monthly, d.total_monthly(), {"the total monthly cost", "tổng chi phí hằng tháng"});
    report_.once =
        report::AddMoney(report_.once, tally.once, {"the total of one-off payments", "tổng các khoản chi một lần"});
    report_.provisional = report_.provisional || tally.provisional;
    report_.beneficiaries += tally.beneficiaries;
    report_.beneficiary_households += tally.beneficiaries > 0 || tally.household_paid ? 1 : 0;
    for (BreakdownRow* row : {&Row(by_area_, area), &Row(by_commune_, commune), &Row(by_status_, status)}) {
      ++row->households;
      row->persons += d.member_count();
      row->beneficiaries += tally.beneficiaries;
      row->beneficiary_households += tally.beneficiaries > 0 || tally.household_paid ? 1 : 0;
      row->monthly = report::AddMoney(row->monthly, d.total_monthly(),
                                     {"the monthly cost of a breakdown row", "chi phí hằng tháng của một dòng phân tích"});
      for (size_t b = 0; b < tally.paid.size(); ++b) row->by_benefit[b] += tally.paid[b];
    }
  }

  void AddError(const DecisionView& d) {
    ++report_.error_households;
    for (const RecordIssue& e : d.errors()) ++error_codes_[e.code];
    if (!report::HasRoom(report_.errors.size(), options_.max_listed)) return;
    ErrorHousehold listed;
    listed.household_id = std::string(d.household_id());
    listed.origin = d.origin();
    listed.errors.assign(d.errors().begin(), d.errors().end());
    for (const RecordIssue& issue : listed.errors) {
      listed.field_labels.push_back(issue.field.empty() ? Label{} : report::PathLabel(rules_, issue.field));
    }
    report_.errors.push_back(std::move(listed));
  }

  void AddUndetermined(size_t h, const DecisionView& d) {
    UndeterminedHousehold listed;
    std::vector<std::string> household_params;  // parameters this household waits on
    auto scan = [&](const std::string& who, const OutcomeRange& outcomes) {
      for (const BenefitOutcome o : outcomes) {
        if (o.status != BenefitStatus::kUndetermined) continue;
        ++report_.undetermined_outcomes;
        listed.benefits.push_back(who + rules_.benefits()[o.benefit].id);
        listed.benefit_labels.push_back(rules_.benefits()[o.benefit].label);
        for (const std::string& path : d.missing(o)) {
          const bool param = path.rfind("param.", 0) == 0;
          ++(param ? missing_parameters_ : missing_fields_)[report::GeneralPath(path)];
          if (param) {
            waiting_.push_back({h, o.member, o.benefit, path});
            if (std::find(household_params.begin(), household_params.end(), path) == household_params.end()) {
              household_params.push_back(path);
              ++figures_[path].households;
            }
          }
          if (std::find(listed.missing.begin(), listed.missing.end(), path) == listed.missing.end()) {
            listed.missing.push_back(path);
            listed.missing_labels.push_back(report::PathLabel(rules_, path));
          }
        }
      }
    };
    scan("", d.benefits());
    for (size_t m = 0; m < d.member_count(); ++m) {
      scan("members[" + std::string(d.member_id(m)) + "].", d.member_benefits(m));
    }
    if (listed.benefits.empty()) return;
    ++report_.undetermined_households;
    if (!report::HasRoom(report_.undetermined.size(), options_.max_listed)) return;
    listed.household_id = std::string(d.household_id());
    report_.undetermined.push_back(std::move(listed));
  }

  void AddStatus(const internal::BatchData& batch, size_t h, const DecisionView& d, const std::string& computed) {
    const std::optional<std::string> recognized = report::HouseholdFieldText(batch, recognized_field_, h);
    if (!recognized || computed.empty()) return;
    ++report_.status_compared;
    if (*recognized == computed) return;
    ++report_.status_difference_households;
    ++status_pairs_[{*recognized, computed}];
    if (!report::HasRoom(report_.status_differences.size(), options_.max_listed)) return;
    // Enum values are declared poorest first: listed poorer than computed = possible inclusion error.
    const internal::CompiledField& f = internal::ImplOf(rules_).schema.household[recognized_field_];
    const int r = f.ValueIndex(*recognized);
    const int c = f.ValueIndex(computed);
    report_.status_differences.push_back({std::string(d.household_id()), *recognized, computed,
                                          r >= 0 && c >= 0 ? r < c : false, RecognizedLabel(*recognized),
                                          ComputedLabel(computed)});
  }

  Label RecognizedLabel(const std::string& value) const {
    return report::HouseholdValueLabel(rules_, recognized_field_, value);
  }
  Label ComputedLabel(const std::string& value) const {
    for (const auto& [v, label] : report::VariableValues(rules_, options_.computed_status_variable)) {
      if (v == value) return label;
    }
    return Label{value, value};
  }

  // An outcome left undetermined by a parameter figure, to be priced at the
  // last confirmed figures once the chunk is read.
  struct Waiting {
    size_t household;
    int32_t member;
    uint32_t benefit;
    std::string parameter;
  };
  // Where a parameter's figure is missing: the null step in force on the
  // report's day and the day before it (the last confirmed figures).
  struct MissingStep {
    Label label;
    std::optional<Date> missing_from;
    std::optional<Date> priced_on;
  };
  struct Figure {
    const MissingStep* step = nullptr;
    uint64_t households = 0;
    uint64_t priced = 0;
    int64_t monthly = 0;
  };

  const MissingStep& StepOf(const std::string& parameter) {
    auto it = steps_.find(parameter);
    if (it != steps_.end()) return it->second;
    MissingStep step;
    const std::string name = parameter.substr(std::string("param.").size());
    const Date day = report_.when.is_period ? report_.when.period.last_day() : report_.when.as_of;
    for (const ParameterInfo& p : rules_.parameters()) {
      if (p.name != name) continue;
      step.label = p.label;
      // Steps are listed by date; the one in force is the last that starts on or before `day`.
      const ParameterStepInfo* in_force = nullptr;
      for (const ParameterStepInfo& s : p.steps) {
        if (s.from <= day && (in_force == nullptr || in_force->from < s.from)) in_force = &s;
      }
      if (in_force == nullptr || in_force->value.find("null") == std::string::npos) break;
      step.missing_from = in_force->from;
      for (const ParameterStepInfo& s : p.steps) {
        if (s.from < in_force->from) step.priced_on = Date::FromDays(in_force->from.days() - 1);
      }
    }
    return steps_.emplace(parameter, std::move(step)).first->second;
  }

  // Prices the outcomes of this chunk that wait on a parameter figure: each is
  // evaluated again on the last day of the last confirmed figures (for a
  // month: that day's month), and its amount then is added to the figure.
  void PriceWaiting(const RecordBatch& records, const DecisionBatch& decisions) {
    std::map<int32_t, DecisionBatch> earlier;  // by day number
    EvaluateOptions options;
    options.reasons = false;
    options.threads = options_.threads;
    for (const Waiting& w : waiting_) {
      const MissingStep& step = StepOf(w.parameter);
      Figure& figure = figures_[w.parameter];
      figure.step = &step;
      if (!step.priced_on) continue;
      auto it = earlier.find(step.priced_on->days());
      if (it == earlier.end()) {
        const When when = report_.when.is_period
                              ? When::Month(YearMonth(step.priced_on->year(), step.priced_on->month()))
                              : When::AsOf(*step.priced_on);
        it = earlier.emplace(step.priced_on->days(), Evaluate(rules_, records, when, options)).first;
      }
      const DecisionView then = it->second[w.household];
      if (!then.ok() || then.member_count() != decisions[w.household].member_count()) continue;
      const OutcomeRange outcomes = w.member < 0 ? then.benefits() : then.member_benefits(static_cast<size_t>(w.member));
      for (const BenefitOutcome o : outcomes) {
        if (o.benefit != w.benefit || o.status != BenefitStatus::kEligible || !o.has_amount) continue;
        const BenefitInfo& b = rules_.benefits()[o.benefit];
        ++figure.priced;
        if (b.unit == BenefitUnit::kMoney && b.frequency == Frequency::kMonthly) {
          figure.monthly = report::AddMoney(figure.monthly, o.amount,
                                            {"the money waiting on a missing figure", "số tiền chờ một mức chưa có"});
        }
      }
    }
    for (const auto& [path, _] : missing_parameters_) figures_[path].step = &StepOf(path);
  }

  RuleSet rules_;
  ReportOptions options_;
  std::vector<Waiting> waiting_;
  std::map<std::string, MissingStep> steps_;
  std::map<std::string, Figure> figures_;
  Report report_;
  report::CostTally costs_;
  report::IndicatorTally indicators_;
  int area_field_ = -1, commune_field_ = -1, recognized_field_ = -1;
  int status_var_ = -1, computed_var_ = -1;
  std::map<std::string, BreakdownRow> by_area_, by_commune_, by_status_;
  std::map<std::string, uint64_t> error_codes_, missing_fields_, missing_parameters_;
  std::map<std::pair<std::string, std::string>, uint64_t> status_pairs_;
};

ReportBuilder::ReportBuilder(const RuleSet& rules, const When& when, const ReportOptions& options)
    : impl_(std::make_unique<Impl>(rules, when, options)) {}
ReportBuilder::~ReportBuilder() = default;
ReportBuilder::ReportBuilder(ReportBuilder&&) noexcept = default;
ReportBuilder& ReportBuilder::operator=(ReportBuilder&&) noexcept = default;

void ReportBuilder::Add(const RecordBatch& records, const DecisionBatch& decisions) {
  if (!impl_) throw UsageError("ReportBuilder used after Finish() or a move");
  impl_->Add(records, decisions);
}

Report ReportBuilder::Finish() && {
  if (!impl_) throw UsageError("ReportBuilder used after Finish() or a move");
  Report report = impl_->Finish();
  impl_.reset();
  return report;
}

ANSINH_END_NAMESPACE

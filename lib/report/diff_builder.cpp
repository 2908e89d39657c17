// DiffBuilder: the same households under packages A and B, compared benefit
// by benefit (matched by id). Per-package totals come from two ReportBuilders.
#include <algorithm>
#include <map>
#include <utility>

#include "runtime/access.hpp"
#include "ansinh/diff.hpp"
#include "ansinh/error.hpp"
#include "model/compiled_schema.hpp"
#include "records/batch.hpp"
#include "report/report_internal.hpp"
#include "runtime/rule_set_impl.hpp"

ANSINH_BEGIN_NAMESPACE

namespace {

bool Paid(const BenefitOutcome* o) { return o != nullptr && o->status == BenefitStatus::kEligible && o->has_amount; }

// The change of one benefit, or nullopt if nothing changed.
std::optional<BenefitChange> Compare(const BenefitOutcome* a, const BenefitOutcome* b) {
  BenefitChange c;
  if (a != nullptr) c.status_a = a->status;
  if (b != nullptr) c.status_b = b->status;
  if (Paid(a)) c.amount_a = a->amount;
  if (Paid(b)) c.amount_b = b->amount;
  if (c.amount_a && c.amount_b) {
    if (*c.amount_a == *c.amount_b) return std::nullopt;
    c.kind = *c.amount_b > *c.amount_a ? ChangeKind::kUp : ChangeKind::kDown;
  } else if (c.amount_a) {
    c.kind = ChangeKind::kLost;
  } else if (c.amount_b) {
    c.kind = ChangeKind::kGained;
  } else if (a != nullptr && b != nullptr && a->status != b->status) {
    c.kind = ChangeKind::kStatus;
  } else {
    return std::nullopt;  // paid under neither; a benefit one package lacks is no change
  }
  return c;
}

}  // namespace

class DiffBuilder::Impl {
 public:
  Impl(const RuleSet& a, const RuleSet& b, const When& when, const ReportOptions& options)
      : a_(a), b_(b), options_(options), report_a_(a, when, Quiet(options)), report_b_(b, when, Quiet(options)) {
    diff_.a = a.info();
    diff_.b = b.info();
    diff_.when = when;
    area_field_ = internal::ImplOf(a).schema.IndexOf(Entity::kHousehold, options.area_field);
    commune_field_ = internal::ImplOf(a).schema.IndexOf(Entity::kHousehold, options.commune_field);
    // Lines: A's benefits in order, then B's own; map both packages' indices to lines.
    line_of_a_.resize(a.benefits().size());
    line_of_b_.assign(b.benefits().size(), -1);
    for (size_t i = 0; i < a.benefits().size(); ++i) {
      line_of_a_[i] = static_cast<int>(diff_.benefits.size());
      diff_.benefits.push_back(NewLine(a.benefits()[i]));
      diff_.benefits.back().in_a = true;
      const int j = b.BenefitIndex(a.benefits()[i].id);
      if (j >= 0) line_of_b_[j] = line_of_a_[i];
    }
    for (size_t j = 0; j < b.benefits().size(); ++j) {
      if (line_of_b_[j] < 0) {
        line_of_b_[j] = static_cast<int>(diff_.benefits.size());
        diff_.benefits.push_back(NewLine(b.benefits()[j]));
      }
      DiffBenefitLine& line = diff_.benefits[line_of_b_[j]];
      line.in_b = true;
      line.label = b.benefits()[j].label;
    }
    by_line_a_.resize(diff_.benefits.size());
    by_line_b_.resize(diff_.benefits.size());
  }

  void Add(const RecordBatch& ra, const DecisionBatch& da, const RecordBatch& rb, const DecisionBatch& db) {
    if (ra.size() != rb.size() || da.size() != ra.size() || db.size() != rb.size()) {
      throw UsageError("DiffBuilder::Add: the two batches do not hold the same households");
    }
    for (size_t h = 0; h < da.size(); ++h) {
      if (da[h].household_id() != db[h].household_id() || da[h].member_count() != db[h].member_count()) {
        throw UsageError("DiffBuilder::Add: household " + std::string(da[h].household_id()) +
                         " differs between the two batches");
      }
      AddHousehold(internal::DataOf(ra), h, da[h], db[h]);
    }
    report_a_.Add(ra, da);
    report_b_.Add(rb, db);
  }

  Diff Finish() {
    Report a = std::move(report_a_).Finish();
    Report b = std::move(report_b_).Finish();
    diff_.monthly_a = a.monthly;
    diff_.monthly_b = b.monthly;
    diff_.annual_a = a.annual;
    diff_.annual_b = b.annual;
    diff_.once_a = a.once;
    diff_.once_b = b.once;
    // The renderers print B - A of each pair: it must fit too.
    report::CheckMoneyChange(diff_.monthly_a, diff_.monthly_b, {"the total monthly cost", "tổng chi phí hằng tháng"});
    report::CheckMoneyChange(diff_.annual_a, diff_.annual_b, {"the total annual cost", "tổng chi phí hằng năm"});
    report::CheckMoneyChange(diff_.once_a, diff_.once_b, {"the one-off payments", "các khoản chi một lần"});
    for (size_t i = 0; i < a.benefits.size(); ++i) Totals(diff_.benefits[line_of_a_[i]], a.benefits[i], true);
    for (size_t j = 0; j < b.benefits.size(); ++j) Totals(diff_.benefits[line_of_b_[j]], b.benefits[j], false);
    for (IndicatorLine& ia : a.indicators) {
      for (IndicatorLine& ib : b.indicators) {
        if (ia.info.id == ib.info.id) diff_.indicators.push_back({std::move(ia), std::move(ib)});
      }
    }
    diff_.by_area = report::OrderRows(by_area_, report::FieldValues(a_, area_field_));
    diff_.by_commune = report::OrderRows(by_commune_, {});
    for (const DiffBenefitLine& l : diff_.benefits) {
      report::CheckMoneyChange(l.monthly_a, l.monthly_b, {"benefit", "trợ cấp"}, report::TextsOf(l.label));
    }
    for (const auto* rows : {&diff_.by_area, &diff_.by_commune}) {
      for (const DiffAreaLine& l : *rows) {
        report::CheckMoneyChange(l.monthly_a, l.monthly_b, {"the monthly cost of the row", "chi phí hằng tháng của dòng"},
                                 report::TextsOf(l.label));
      }
    }
    return std::move(diff_);
  }

 private:
  static ReportOptions Quiet(ReportOptions options) {
    options.max_listed = 1;  // the per-package reports only give totals here
    return options;
  }

  static DiffBenefitLine NewLine(const BenefitInfo& info) {
    DiffBenefitLine line;
    line.id = info.id;
    line.label = info.label;
    line.unit = info.unit;
    line.frequency = info.frequency;
    return line;
  }

  static void Totals(DiffBenefitLine& line, const CostLine& cost, bool is_a) {
    (is_a ? line.beneficiaries_a : line.beneficiaries_b) = cost.beneficiaries;
    (is_a ? line.monthly_a : line.monthly_b) = cost.monthly;
    (is_a ? line.once_a : line.once_b) = cost.once;
  }

  // Compares one entity's outcomes; appends its changes to `out`.
  void CompareEntity(const OutcomeRange& oa, const OutcomeRange& ob, const std::string& person,
                     std::vector<BenefitChange>& out) {
    std::fill(by_line_a_.begin(), by_line_a_.end(), std::nullopt);
    std::fill(by_line_b_.begin(), by_line_b_.end(), std::nullopt);
    for (const BenefitOutcome o : oa) by_line_a_[line_of_a_[o.benefit]] = o;
    for (const BenefitOutcome o : ob) by_line_b_[line_of_b_[o.benefit]] = o;
    for (size_t l = 0; l < diff_.benefits.size(); ++l) {
      if (!by_line_a_[l] && !by_line_b_[l]) continue;
      std::optional<BenefitChange> c = Compare(by_line_a_[l] ? &*by_line_a_[l] : nullptr,
                                               by_line_b_[l] ? &*by_line_b_[l] : nullptr);
      if (!c) continue;
      DiffBenefitLine& line = diff_.benefits[l];
      switch (c->kind) {
        case ChangeKind::kGained: ++line.gained; break;
        case ChangeKind::kLost: ++line.lost; break;
        case ChangeKind::kUp: ++line.up; break;
        case ChangeKind::kDown: ++line.down; break;
        case ChangeKind::kStatus: ++line.status_changed; break;
      }
      c->person_id = person;
      c->benefit = line.id;
      c->unit = line.unit;
      c->frequency = line.frequency;
      out.push_back(std::move(*c));
    }
  }

  void AddHousehold(const internal::BatchData& batch, size_t h, const DecisionView& a, const DecisionView& b) {
    ++diff_.households;
    diff_.persons += a.member_count();
    HouseholdChange change;
    change.household_id = std::string(a.household_id());
    change.area = report::HouseholdFieldText(batch, area_field_, h).value_or("");
    const report::CommuneRef commune = report::CommuneOf(
        a_, report::HouseholdFieldText(batch, commune_field_, h),
        diff_.when.is_period ? diff_.when.period.last_day() : diff_.when.as_of);
    change.commune = commune.key;
    if (!commune.key.empty()) {
      DiffAreaLine& line = by_commune_[commune.key];
      if (line.label.vi.empty() && line.label.en.empty()) line.label = commune.label;
    }
    change.ok_a = a.ok();
    change.ok_b = b.ok();
    change.monthly_a = a.total_monthly();
    change.monthly_b = b.total_monthly();
    report::CheckMoneyChange(change.monthly_a, change.monthly_b, {"household", "hộ"},
                             {change.household_id, change.household_id});
    if (change.ok_a != change.ok_b) ++diff_.error_changed_households;
    CompareEntity(a.benefits(), b.benefits(), "", change.changes);
    uint64_t gaining = 0, losing = 0;
    for (size_t m = 0; m < a.member_count(); ++m) {
      // A record with errors has no outcomes and totals 0 (assemble.cpp).
      CompareEntity(a.member_benefits(m), b.member_benefits(m), std::string(a.member_id(m)), change.changes);
      const int64_t ma = a.member_total_monthly(m);
      const int64_t mb = b.member_total_monthly(m);
      gaining += mb > ma ? 1 : 0;
      losing += mb < ma ? 1 : 0;
    }
    diff_.gaining_persons += gaining;
    diff_.losing_persons += losing;
    const bool gains = change.monthly_b > change.monthly_a;
    const bool loses = change.monthly_b < change.monthly_a;
    diff_.gaining_households += gains ? 1 : 0;
    diff_.losing_households += loses ? 1 : 0;
    for (DiffAreaLine* line : {&by_area_[change.area], &by_commune_[change.commune]}) {
      ++line->households;
      line->gaining_households += gains ? 1 : 0;
      line->losing_households += loses ? 1 : 0;
      line->gaining_persons += gaining;
      line->losing_persons += losing;
      line->monthly_a = report::AddMoney(line->monthly_a, change.monthly_a,
                                         {"the monthly cost of an area (A)", "chi phí hằng tháng của một vùng (A)"});
      line->monthly_b = report::AddMoney(line->monthly_b, change.monthly_b,
                                         {"the monthly cost of an area (B)", "chi phí hằng tháng của một vùng (B)"});
    }
    if (change.changes.empty() && change.ok_a == change.ok_b) return;
    ++diff_.changed_households;
    if (report::HasRoom(diff_.changes.size(), options_.max_listed)) diff_.changes.push_back(std::move(change));
  }

  RuleSet a_, b_;
  ReportOptions options_;
  ReportBuilder report_a_, report_b_;
  Diff diff_;
  int area_field_ = -1, commune_field_ = -1;
  std::vector<int> line_of_a_, line_of_b_;  // benefit index -> line
  std::vector<std::optional<BenefitOutcome>> by_line_a_, by_line_b_;  // the current entity, per line
  std::map<std::string, DiffAreaLine> by_area_, by_commune_;
};

const char* ToString(ChangeKind kind) noexcept {
  switch (kind) {
    case ChangeKind::kGained: return "gained";
    case ChangeKind::kLost: return "lost";
    case ChangeKind::kUp: return "up";
    case ChangeKind::kDown: return "down";
    case ChangeKind::kStatus: return "status";
  }
  return "status";
}

DiffBuilder::DiffBuilder(const RuleSet& a, const RuleSet& b, const When& when, const ReportOptions& options)
    : impl_(std::make_unique<Impl>(a, b, when, options)) {}
DiffBuilder::~DiffBuilder() = default;
DiffBuilder::DiffBuilder(DiffBuilder&&) noexcept = default;
DiffBuilder& DiffBuilder::operator=(DiffBuilder&&) noexcept = default;

void DiffBuilder::Add(const RecordBatch& records_a, const DecisionBatch& decisions_a, const RecordBatch& records_b,
                      const DecisionBatch& decisions_b) {
  if (!impl_) throw UsageError("DiffBuilder used after Finish() or a move");
  impl_->Add(records_a, decisions_a, records_b, decisions_b);
}

Diff DiffBuilder::Finish() && {
  if (!impl_) throw UsageError("DiffBuilder used after Finish() or a move");
  Diff diff = impl_->Finish();
  impl_.reset();
  return diff;
}

ANSINH_END_NAMESPACE

// ansinh — decisions: what each household and member qualifies for, and why.
#ifndef ANSINH_DECISION_HPP_
#define ANSINH_DECISION_HPP_

#include "ansinh/export.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/date.hpp"
#include "ansinh/records.hpp"
#include "ansinh/rule_set.hpp"
#include "ansinh/source_location.hpp"
#include "ansinh/span.hpp"
#include "ansinh/value.hpp"
#include "ansinh/version.hpp"

namespace ansinh::internal {
struct DecisionData;
struct Access;  // the library's way in (lib/runtime/access.hpp)
}  // namespace ansinh::internal

ANSINH_BEGIN_NAMESPACE

// The date or month a decision is made for.
//  - AsOf(d): everything as it stood on day d.
//  - Month(m): monthly benefits by their month rule (default: paid for the
//    month at the highest level reached on any day of it, Decree 20/2021 Art. 8).
struct ANSINH_EXPORT When {
  bool is_period = false;
  Date as_of;         // the date (AsOf) or the first day of the month (Month)
  YearMonth period;   // the month (Month), or the month containing as_of (AsOf)

  static When AsOf(Date date);
  static When Month(YearMonth month);
  std::string ToString() const;  // "2024-07-01" or "2024-07"
};

enum class BenefitStatus : uint8_t {
  kEligible,      // all conditions hold: paid
  kNotEligible,   // a condition is false
  kUndetermined,  // the answer depends on a missing fact: see missing()
  kSuperseded,    // eligible, but a higher benefit of its group wins (superseded_by), or, for an
                  // exclusive benefit, another member of the household is paid (superseded_by_member)
  kNotInForce,    // the date or month is outside the benefit's effective period
};
ANSINH_EXPORT const char* ToString(BenefitStatus status) noexcept;  // "eligible", "not_eligible", ...

// How much of a decision is shown (docs/decision-format.md, "Detail levels").
// The digest of a decision (household id, statuses and amounts of the
// eligible and undetermined benefits, totals) is the same at every level.
enum class Detail : uint8_t {
  kSummary,  // variables, totals; only eligible and undetermined benefits, no reasons (batch format)
  kReasons,  // summary + each listed benefit's reason + the near misses (not eligible, in the target group)
  kFull,     // every benefit with its reason (the default)
};
ANSINH_EXPORT const char* ToString(Detail detail) noexcept;  // "summary", "reasons", "full"
// "summary", "reasons" or "full"; nullopt for anything else.
ANSINH_EXPORT std::optional<Detail> ParseDetail(std::string_view text) noexcept;

struct ANSINH_EXPORT EvaluateOptions {
  // Keep what the one-line reason of each benefit needs and mark near misses
  // (cheap). Needed for Detail::kReasons and kFull; off for pure throughput
  // and for Detail::kSummary.
  bool reasons = true;
  // Keep each condition's value and the values it read (the trace). Costs
  // nothing when off.
  bool explain = false;
  // Worker threads for a batch: 1 = the calling thread only, 0 = all cores.
  unsigned threads = 1;
  // Records evaluated together in one column pass (tuning; results do not depend on it).
  unsigned chunk_households = 512;
  // Optional: set to true from another thread to stop a long batch early;
  // the remaining decisions get the error R_CANCELLED.
  const std::atomic<bool>* cancel = nullptr;
  // Optional: called from the evaluating threads with the number of households
  // finished so far (monotonic, at least once per chunk). Must be thread-safe. It may
  // evaluate again (any rule set): that evaluation does not share the running one's buffers.
  std::function<void(size_t done)> progress;
};

// One benefit for one household or member. A value (outcomes are stored by
// column and built when read); benefit_id() and label() point into the rule
// set (its BenefitInfo), so they are valid while any copy of that RuleSet, or
// any DecisionBatch or DecisionView evaluated with it, lives — also after the
// outcome's own batch is gone if the RuleSet is kept.
struct ANSINH_EXPORT BenefitOutcome {
  uint32_t benefit = 0;          // index into RuleSet::benefits()
  BenefitStatus status = BenefitStatus::kNotEligible;
  bool has_amount = false;       // eligible or superseded, and the amount is known
  bool provisional = false;      // a provisional parameter value was used
  int64_t amount = 0;            // integer VND (unit money) or percent (unit percent)
  int32_t superseded_by = -1;    // benefit index of the group's winner, or -1
                                 // (an exclusive benefit: itself, paid to superseded_by_member)
  int32_t superseded_by_member = -1;  // exclusive benefit: the member (index in the household) paid, or -1
  int32_t member = -1;           // the member (index in the household) it is for, or -1: the household
  // Not eligible, but the person (or household) is in the benefit's target
  // group: every condition the rules mark with `for:` holds (with no mark:
  // exactly one condition failed). Needs EvaluateOptions::reasons.
  bool near_miss = false;

  // The benefit's id ("tc_child_under_3") and label, as in RuleSet::benefits();
  // empty for an outcome not read from a decision.
  std::string_view benefit_id() const noexcept { return info_ ? std::string_view(info_->id) : std::string_view(); }
  const Label& label() const noexcept { return info_ ? info_->label : kNoLabel(); }
  const std::string& label(Language lang) const noexcept { return label().Get(lang); }

 private:
  friend struct internal::Access;
  static const Label& kNoLabel() noexcept {
    static const Label none;
    return none;
  }
  const BenefitInfo* info_ = nullptr;  // the benefit in its rule set
  uint32_t detail_ = UINT32_MAX;       // the reasons/missing/trace record, if any
};

// Whether `outcome` is listed at `detail`: kSummary lists eligible and
// undetermined outcomes, kReasons adds the near misses, kFull lists all.
ANSINH_EXPORT bool Listed(const BenefitOutcome& outcome, Detail detail) noexcept;

// The outcomes of one household or member: a small read-only range whose
// elements are built on access (by value). It holds a plain pointer to the
// batch's decisions: valid while the DecisionBatch or a DecisionView it came
// from (or a copy of either) lives; the outcomes it gives are values.
//
// Example:
//   for (ansinh::BenefitOutcome o : decision.member_benefits(0)) { ... }
class ANSINH_EXPORT OutcomeRange {
 public:
  class Iterator {
   public:
    using value_type = BenefitOutcome;
    using difference_type = std::ptrdiff_t;
    using reference = BenefitOutcome;
    using pointer = void;
    using iterator_category = std::input_iterator_tag;
    Iterator(const OutcomeRange* range, size_t i) : range_(range), i_(i) {}
    BenefitOutcome operator*() const { return (*range_)[i_]; }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator==(const Iterator& o) const { return i_ == o.i_; }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }

   private:
    const OutcomeRange* range_;
    size_t i_;
  };

  OutcomeRange() = default;
  size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  BenefitOutcome operator[](size_t i) const noexcept;
  // How many outcomes have `status` (read from the status bytes, without building the outcomes).
  size_t count(BenefitStatus status) const noexcept;
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, size_); }

 private:
  friend struct internal::Access;
  OutcomeRange(const internal::DecisionData* data, bool person, uint32_t entity, int32_t member, size_t size)
      : data_(data), person_(person), entity_(entity), member_(member), size_(size) {}
  const internal::DecisionData* data_ = nullptr;
  bool person_ = false;
  uint32_t entity_ = 0;
  int32_t member_ = -1;
  size_t size_ = 0;
};

// Where one household or member stands on an indicator (RuleSet::indicators()).
enum class IndicatorStatus : uint8_t {
  kOutside,            // not in the indicator's population (its filter is false)
  kNotMet,             // in the population; the numerator is false
  kMet,                // in the population; the numerator is true
  kUnknown,            // in the population; the numerator is unknown (a missing fact)
  kPopulationUnknown,  // whether it is in the population is unknown (the filter is unknown)
};
// "outside", "not_met", "met", "unknown", "population_unknown".
ANSINH_EXPORT const char* ToString(IndicatorStatus status) noexcept;

// One indicator for one household or member. Plain data.
struct ANSINH_EXPORT IndicatorOutcome {
  uint32_t indicator = 0;  // index into RuleSet::indicators()
  IndicatorStatus status = IndicatorStatus::kOutside;
};

// A parameter value in force that a decision used.
struct ANSINH_EXPORT ParameterUse {
  std::string parameter;
  Date from;
  std::string value;
  std::string reference;
  bool provisional = false;
};

// One value an explained condition read.
struct ANSINH_EXPORT ExplainedRead {
  std::string name;      // "household.income_per_capita", "param.poverty_line[rural]", "age_months"
  Label label;
  OutputValue value;
  std::string unit;      // the declared `unit` of the field or parameter ("months", "percent", "VND/month"), or ""
  std::optional<ParameterUse> parameter;  // for parameters: the step in force and its reference
};

struct ANSINH_EXPORT ExplainedCondition {
  std::string name;      // condition name ("under_3"), or "amount"
  Label label;
  std::string source;    // the expression text as written
  SourceLocation location;
  OutputValue result;
  std::vector<ExplainedRead> reads;
};

struct ANSINH_EXPORT Explanation {
  std::vector<ExplainedCondition> conditions;
  std::optional<ExplainedCondition> amount;
  Date decided_on;        // the day whose evaluation gave the outcome (matters for months)
  std::string reference;  // legal reference of the version in force
};

class DecisionBatch;

// A read-only view of one household's decision inside a DecisionBatch (or a
// Decision). Cheap to copy; it shares ownership of its batch's decisions (all
// of them, and their rule set), so it stays valid after the DecisionBatch
// object itself is gone, and keeps the whole batch's memory alive while it
// lives. rules(), when(), the ids (string_view), errors()/warnings() (Span)
// and the OutcomeRanges it returns point into those decisions: valid while
// this view, a copy of it or a DecisionBatch sharing them lives. Values
// returned by value (outcomes, strings, vectors) are independent.
class ANSINH_EXPORT DecisionView {
 public:
  DecisionView() = default;

  const RuleSet& rules() const noexcept;
  const When& when() const noexcept;
  std::string_view household_id() const noexcept;
  RecordOrigin origin() const;
  bool ok() const noexcept;  // false = status "error": errors() is not empty, no benefits
  Span<RecordIssue> errors() const noexcept;
  Span<RecordIssue> warnings() const noexcept;
  // Sum of eligible monthly money benefits of the household and its members (VND).
  int64_t total_monthly() const noexcept;

  OutcomeRange benefits() const noexcept;  // household-level benefits (empty if !ok())
  size_t member_count() const noexcept;
  std::string_view member_id(size_t member) const noexcept;
  OutcomeRange member_benefits(size_t member) const noexcept;  // empty if !ok()
  int64_t member_total_monthly(size_t member) const noexcept;

  // Variables: household-level (member = -1) or of member `member`, in the
  // order of RuleSet::variables() restricted to that entity.
  std::vector<std::pair<const VariableInfo*, OutputValue>> variables(int member = -1) const;
  // The same into `*out` (resized to them), reusing its elements' texts and
  // items: no allocation once they have grown. For reading the variables of
  // many households in a loop with one buffer.
  void variables(int member, std::vector<std::pair<const VariableInfo*, OutputValue>>* out) const;

  // Indicators of the household (member = -1) or of member `member`: one per
  // indicator whose population is that entity, in RuleSet::indicators() order.
  // Empty when !ok(): a record that cannot be evaluated counts in no indicator.
  std::vector<IndicatorOutcome> indicators(int member = -1) const;

  // Field paths whose missing value leaves `outcome` undetermined, e.g.
  // "members[P2].has_supporter". Empty unless status is kUndetermined.
  std::vector<std::string> missing(const BenefitOutcome& outcome) const;
  // Provisional parameter values the outcome used.
  std::vector<ParameterUse> provisional_uses(const BenefitOutcome& outcome) const;
  // One-line reason ("Không đủ điều kiện: ..."). Needs EvaluateOptions::reasons.
  std::string reason(const BenefitOutcome& outcome, Language lang) const;
  // The trace. Needs EvaluateOptions::explain; otherwise nullopt.
  std::optional<Explanation> explanation(const BenefitOutcome& outcome) const;

 private:
  friend struct internal::Access;
  friend class DecisionBatch;
  DecisionView(std::shared_ptr<const internal::DecisionData> data, size_t index)
      : data_(std::move(data)), index_(index) {}
  std::shared_ptr<const internal::DecisionData> data_;
  size_t index_ = 0;
};

// Decisions for many households, in input order. Thread-safe to read. Cheap
// to copy (copies share the decisions); keeps its rule set alive, and does not
// refer to the RecordBatch it was evaluated from.
class ANSINH_EXPORT DecisionBatch {
 public:
  DecisionBatch() = default;
  size_t size() const noexcept;
  DecisionView operator[](size_t index) const { return DecisionView(data_, index); }

 private:
  friend struct internal::Access;
  explicit DecisionBatch(std::shared_ptr<const internal::DecisionData> data) : data_(std::move(data)) {}
  std::shared_ptr<const internal::DecisionData> data_;
};

// The decision for one household: a DecisionView that shares ownership of the
// decisions it was made from (Evaluate of one household: a batch of one; made
// from a view of a large batch, it keeps that whole batch alive).
class ANSINH_EXPORT Decision : public DecisionView {
 public:
  explicit Decision(DecisionView view) : DecisionView(std::move(view)) {}
};

// --- evaluation ------------------------------------------------------------

// Evaluates one household. Problems in the record are in the decision
// (ok() == false), never thrown. Thread-safe.
ANSINH_EXPORT Decision Evaluate(const RuleSet& rules, const Household& household, const When& when,
                  const EvaluateOptions& options = {});

// Evaluates every household of `records` (bound to the same rules), on
// options.threads threads. Decisions are in input order and do not depend on
// the thread count. Thread-safe.
ANSINH_EXPORT DecisionBatch Evaluate(const RuleSet& rules, const RecordBatch& records, const When& when,
                       const EvaluateOptions& options = {});

// --- a decision in brief: what an officer tells the family -----------------

// One benefit of a brief and whom it is for.
struct ANSINH_EXPORT BriefEntry {
  int32_t member = -1;  // the member (index in the household), or -1: the household
  BenefitOutcome outcome;
};

// A fact of the record to ask the family, and the benefits its answer decides.
// Only facts of the record: a legal figure not yet confirmed (param.*) is
// never a question (its benefits are in Brief::awaiting_text).
struct ANSINH_EXPORT BriefQuestion {
  std::string path;                // as in missing(): "members[CL-0001-02].disability"
  int32_t member = -1;             // whose fact; -1: the household's
  const FieldInfo* field = nullptr;  // the schema field (label, values); points into the rule set
  std::vector<BriefEntry> decides;   // the undetermined outcomes waiting on it
};

// The selection behind `ansinh explain` and `eval --format text`
// (docs/decision-format.md, "A decision in brief").
struct ANSINH_EXPORT Brief {
  int64_t total_monthly = 0;
  bool total_provisional = false;        // an amount in the total rests on a provisional figure
  std::vector<BriefEntry> receives;      // eligible: household first, then members in order
  std::vector<BriefEntry> undetermined;  // a missing fact (or an evaluation error): left out of the total
  std::vector<BriefQuestion> questions;  // the facts to ask, each once, in order of first need
  std::vector<BriefEntry> awaiting_text; // undetermined only because a legal figure is unconfirmed ("chờ văn bản")
  std::vector<BriefEntry> near_misses;   // not eligible, in the benefit's target group (needs reasons)
  // Detail::kFull only: the other not eligible, superseded and not in force outcomes.
  std::vector<BriefEntry> others;
};

// The brief of `decision` at `detail` (kSummary: no near misses; kReasons:
// near misses; kFull: also `others`). Empty lists when !decision.ok().
ANSINH_EXPORT Brief MakeBrief(const DecisionView& decision, Detail detail = Detail::kReasons);

// --- rendering ---------------------------------------------------------------

struct ANSINH_EXPORT JsonOptions {
  bool explain = false;  // include the trace (needs EvaluateOptions::explain)
  bool pretty = false;   // indented; the default is one line (JSON Lines)
  Detail detail = Detail::kFull;  // kSummary: no reasons, no references (see Detail)
};

// The stable JSON form of a decision (docs/decision-format.md). Deterministic:
// the same rules, record and date give the same bytes.
ANSINH_EXPORT std::string ToJson(const DecisionView& decision, const JsonOptions& options = {});
// The same, appended to `out` (no string per decision: for writing in blocks).
ANSINH_EXPORT void AppendJson(const DecisionView& decision, const JsonOptions& options, std::string* out);

// A readable explanation for a case worker, in `lang`: what the household
// gets, what it does not and the first reason, what is unknown and which
// question to ask.
ANSINH_EXPORT std::string ToText(const DecisionView& decision, Language lang, bool explain = false);

struct ANSINH_EXPORT TextOptions {
  Language lang = Language::kVi;
  bool trace = false;              // each condition with the values it read (needs EvaluateOptions::explain)
  Detail detail = Detail::kFull;   // kReasons: the short explanation (near misses only); kFull: everything
};
ANSINH_EXPORT std::string ToText(const DecisionView& decision, const TextOptions& options);

ANSINH_END_NAMESPACE

#endif  // ANSINH_DECISION_HPP_

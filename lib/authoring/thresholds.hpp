// Internal: the thresholds of a condition or formula, found in the typed IR —
// comparisons of an age (years_between/months_between of a date field and
// as_of, directly or through a variable) or of a money field with a constant
// or a parameter, followed through the variables they use. Shared by
// `cases` (boundary households) and what-if (counterfactuals).
#ifndef ANSINH_LIB_AUTHORING_THRESHOLDS_HPP_
#define ANSINH_LIB_AUTHORING_THRESHOLDS_HPP_

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ansinh/date.hpp"
#include "ansinh/records.hpp"
#include "ansinh/rule_set.hpp"
#include "check/checked.hpp"

namespace ansinh::authoring {

// A comparison of something a household record sets with a bound.
struct Threshold {
  // kInt: a whole-number record field (only with Finder's `int_fields`).
  enum class Kind { kYears, kMonths, kMoney, kInt } kind = Kind::kYears;
  std::string field;  // the record field the case sets ("birth_date", "income_per_capita")
  Entity entity = Entity::kPerson;
  Label field_label;
  std::string subject;          // the variable compared, if any ("age_years")
  expr::Op op = expr::Op::kGe;  // subject op bound
  const check::IrNode* bound = nullptr;
  std::string key_field;  // table parameters: the household field giving the key
};

class Finder {
 public:
  // skip_aggregates: do not look inside count/any/all/sum bodies (whose fields
  // are other members', not the entity's own). int_fields: also comparisons of
  // whole-number fields (Kind::kInt), not only money.
  explicit Finder(const check::CheckedPackage& p, bool skip_aggregates = false, bool int_fields = false)
      : p_(p), skip_aggregates_(skip_aggregates), int_fields_(int_fields) {}

  // Adds the thresholds under `n` (and the variables it reads) to `out`, once each.
  void Walk(const check::IrNode* n, std::vector<Threshold>& out);

  std::set<int> params;  // the parameters read on the way

 private:
  const internal::CompiledField& Field(const check::IrNode* n) const;
  bool AgeCall(const check::IrNode* n, Threshold& t) const;
  bool Subject(const check::IrNode* n, Threshold& t) const;
  bool Bound(const check::IrNode* n, Threshold& t) const;

  const check::CheckedPackage& p_;
  bool skip_aggregates_ = false;
  bool int_fields_ = false;
  std::set<int> seen_vars_;
};

// The value of a threshold's bound on `day` for `h`, in the subject's unit
// (years, months, VND); nullopt when the parameter has no value then.
std::optional<int64_t> BoundValue(const Threshold& t, const check::CheckedPackage& p, Date day, const Household& h);

}  // namespace ansinh::authoring

#endif  // ANSINH_LIB_AUTHORING_THRESHOLDS_HPP_

// Diff lines as every renderer shows them.
#include "report/diff_views.hpp"

#include "report/format.hpp"

namespace ansinh::report {

bool Shows(const DiffBenefitLine& l) {
  return l.beneficiaries_a + l.beneficiaries_b + l.gained + l.lost + l.up + l.down + l.status_changed > 0;
}

std::string AmountText(const std::optional<int64_t>& amount, BenefitUnit unit, Language lang) {
  if (!amount) return "\xE2\x80\x94";
  if (unit == BenefitUnit::kPercent) return std::to_string(*amount) + "%";
  return Money(*amount, lang);
}

const std::string& BenefitLabel(const Diff& diff, const std::string& id, Language lang) {
  for (const DiffBenefitLine& l : diff.benefits) {
    if (l.id == id && !l.label.Get(lang).empty()) return l.label.Get(lang);
  }
  return id;
}

std::string ChangeLine(const Diff& diff, const BenefitChange& c, Language lang) {
  std::string out = c.person_id.empty() ? std::string(W("household", lang)) : c.person_id;
  out += " \xC2\xB7 " + BenefitLabel(diff, c.benefit, lang) + ": " + ChangeText(c.kind, lang);
  if (c.kind == ChangeKind::kStatus) {
    out += " (" + StatusText(c.status_a, lang) + " \xE2\x86\x92 " + StatusText(c.status_b, lang) + ")";
  } else {
    out += " (" + AmountText(c.amount_a, c.unit, lang) + " \xE2\x86\x92 " + AmountText(c.amount_b, c.unit, lang) + ")";
  }
  return out;
}

}  // namespace ansinh::report

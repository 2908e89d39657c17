// docs/api.md — evaluate one household with the national rules.
#include <ansinh/ansinh.hpp>

#include <iostream>

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  ansinh::LoadResult loaded = ansinh::LoadRules(argv[1]);
  if (!loaded.ok()) {
    std::cerr << loaded.Format();  // file:line:col: lỗi: ... [E_CODE] (Format(Language::kEn): "error:")
    return 1;
  }
  ansinh::RuleSet rules = std::move(loaded).Release();  // immutable; share it across threads

  ansinh::Household h("HH-001");
  h.Set("area", "rural").Set("income_per_capita", 1'200'000).Set("deprivations", {"water", "sanitation", "housing_area"});
  h.AddMember("P1")
      .Set("birth_date", "1990-05-10").Set("sex", "female").Set("relationship", "head")
      .Set("disability", "severe").Set("marital_status", "married").Set("pregnant", false)
      .Set("pension_amount", 0);

  const ansinh::When when = ansinh::When::AsOf(ansinh::Date::FromYmd(2025, 1, 1));
  ansinh::Decision d = ansinh::Evaluate(rules, h, when);
  if (!d.ok()) {
    for (const ansinh::RecordIssue& e : d.errors()) std::cerr << e.field << ": " << e.message << "\n";
    return 1;
  }
  for (size_t m = 0; m < d.member_count(); ++m) {
    for (const ansinh::BenefitOutcome o : d.member_benefits(m)) {
      if (o.status != ansinh::BenefitStatus::kEligible) continue;
      std::cout << d.member_id(m) << " " << o.benefit_id() << ": " << ansinh::ToString(o.status)
                << ", " << o.amount << (rules.benefits()[o.benefit].unit == ansinh::BenefitUnit::kMoney ? " VND" : "%")
                << "\n  " << d.reason(o, ansinh::Language::kVi) << "\n";
    }
  }
  std::cout << ansinh::ToJson(d).substr(0, 120) << "...\n";
  return 0;
}

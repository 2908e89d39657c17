// ansinh — umbrella header: the whole public API.
//
// Example:
//   #include <ansinh/ansinh.hpp>
//   ansinh::RuleSet rules = ansinh::LoadRulesOrThrow("rules/vn");
//   ansinh::Household h("HH-1");
//   h.Set("area", "rural").Set("income_per_capita", 1'200'000);
//   h.AddMember("P1").Set("birth_date", "2023-05-10");
//   ansinh::Decision d = ansinh::Evaluate(rules, h, ansinh::When::AsOf(ansinh::Date::FromYmd(2025, 1, 1)));
//   std::cout << ansinh::ToJson(d) << "\n";
#ifndef ANSINH_ANSINH_HPP_
#define ANSINH_ANSINH_HPP_

#include "ansinh/date.hpp"
#include "ansinh/decimal.hpp"
#include "ansinh/decision.hpp"
#include "ansinh/diagnostic.hpp"
#include "ansinh/diff.hpp"
#include "ansinh/error.hpp"
#include "ansinh/reader.hpp"
#include "ansinh/records.hpp"
#include "ansinh/report.hpp"
#include "ansinh/rule_set.hpp"
#include "ansinh/serve.hpp"
#include "ansinh/source_location.hpp"
#include "ansinh/span.hpp"
#include "ansinh/testing.hpp"
#include "ansinh/value.hpp"
#include "ansinh/version.hpp"

#endif  // ANSINH_ANSINH_HPP_

// Internal: how reports write numbers, money, shares and labels (vi/en), and
// the words of their headings.
#ifndef ANSINH_LIB_REPORT_FORMAT_HPP_
#define ANSINH_LIB_REPORT_FORMAT_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ansinh/decimal.hpp"
#include "ansinh/decision.hpp"
#include "ansinh/diff.hpp"
#include "ansinh/report.hpp"
#include "ansinh/value.hpp"
#include "runtime/when_text.hpp"

namespace ansinh::report {

// A heading or a word of the reports in `lang` ("Chi phí theo chế độ" / "Cost by
// benefit"). Keys are listed in strings.cpp; an unknown key is returned as is.
std::string W(std::string_view key, Language lang);
// Whether `key` is one of the words (for tests).
bool IsWord(std::string_view key);

std::string Count(uint64_t n, Language lang);                 // vi "1.234", en "1,234"
std::string Money(int64_t vnd, Language lang);                // vi "1.234.567 đ", en "1,234,567 VND"
std::string SignedMoney(int64_t vnd, Language lang);          // "+40.000 đ", "−40.000 đ", "0 đ"
// A share (0..1) as a percentage with two decimals, half-up: vi "96,12%", en "96.12%".
std::string Percent(Decimal share, Language lang);
std::string Percent(const std::optional<Decimal>& share, Language lang);  // "—" when none
// Basis points (0.01%) of a share, half-up: 0.961234 -> 9612.
int64_t BasisPoints(Decimal share);
// "tháng 11/2026" / "November 2026", or the day; "31/12/2030" / "2030-12-31" (runtime/when_text.hpp).
using internal::DateText;
using internal::WhenText;
// The target of an indicator: "≥ 96% (đến 31/12/2030)", "≤ 0", or "—"; the date only `with_date`.
std::string TargetText(const IndicatorInfo& info, Language lang, bool with_date = true);
// "đạt" / "met", "chưa đạt" / "not met", "—".
std::string MetText(const std::optional<bool>& met, Language lang);
std::string UnitText(BenefitUnit unit, Frequency frequency, Language lang);
std::string ChangeText(ChangeKind kind, Language lang);
std::string StatusText(const std::optional<BenefitStatus>& status, Language lang);
// Collapses runs of whitespace (YAML block scalars) into one space, trimmed.
std::string OneLine(std::string_view text);

// The next section number of a text report: "\n3. " (sections separated by a blank line).
std::string Section(const std::string& out);

}  // namespace ansinh::report

#endif  // ANSINH_LIB_REPORT_FORMAT_HPP_

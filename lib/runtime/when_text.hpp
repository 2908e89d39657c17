// Internal: the day and the month evaluated, written for people — one
// definition for the explanations (runtime) and the reports, the what-if and
// the tools above.
#ifndef ANSINH_LIB_RUNTIME_WHEN_TEXT_HPP_
#define ANSINH_LIB_RUNTIME_WHEN_TEXT_HPP_

#include <string>

#include "ansinh/date.hpp"
#include "ansinh/decision.hpp"
#include "ansinh/value.hpp"

namespace ansinh::internal {

// A day: vi "31/12/2030", en "2030-12-31".
std::string DateText(Date date, Language lang);
// The month or day evaluated: vi "tháng 11/2026" or "01/09/2025", en "November 2026" or "2025-09-01".
std::string WhenText(const When& when, Language lang);

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_RUNTIME_WHEN_TEXT_HPP_

// Internal: what-if in words (WhatIfText), and one record value for people.
#ifndef ANSINH_LIB_AUTHORING_WHATIF_TEXT_HPP_
#define ANSINH_LIB_AUTHORING_WHATIF_TEXT_HPP_

#include <string>

#include "ansinh/rule_set.hpp"
#include "ansinh/value.hpp"

namespace ansinh::authoring {

// A record value of field `f` for people: enum and set values by their
// labels, money "1.400.000 đ", dates 31/05/1946, yes/no ("có"/"không"),
// null "chưa biết" / "unknown".
std::string InputText(const FieldInfo& f, const InputValue& v, Language lang);

}  // namespace ansinh::authoring

#endif  // ANSINH_LIB_AUTHORING_WHATIF_TEXT_HPP_

// Internal: a YAML value as a record field value (ansinh::InputValue).
//
// Used for test households, expected variables and schema defaults here, and
// by the YAML record reader. The only yaml-cpp type in the interface is the
// node passed in.
#ifndef ANSINH_LIB_YAML_YAML_VALUES_HPP_
#define ANSINH_LIB_YAML_YAML_VALUES_HPP_

#include <string>

#include "ansinh/value.hpp"

namespace YAML {
class Node;
}

namespace ansinh::yaml {

// The value, or an error message (English, says what to write instead).
struct ValueResult {
  bool ok = false;
  InputValue value;
  std::string error;
  std::string error_vi;  // the same in Vietnamese
};

// Converts a YAML node to an InputValue. Never throws.
//   null, ~, empty          → null
//   true / false            → bool   (also True/TRUE/False/FALSE; not yes/no)
//   -12, 1_500_000          → int    (plain scalars only; error if out of int64 range)
//   1.5, -0.25              → Decimal (at most 6 decimals, else an error)
//   other plain or quoted   → text   ("123" in quotes stays text; dates are texts)
//   list of scalars         → list of texts, each as written
//   map, nested list        → error
ValueResult ToInputValue(const YAML::Node& node);

}  // namespace ansinh::yaml

#endif  // ANSINH_LIB_YAML_YAML_VALUES_HPP_

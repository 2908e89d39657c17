// Internal: static warnings on a checked package (W_PARAMETER_GAP,
// W_GROUP_NEVER_COMPETES, W_CONSTANT_CONDITION, W_VERSION_NEVER_APPLIES).
#ifndef ANSINH_LIB_CHECK_LINT_HPP_
#define ANSINH_LIB_CHECK_LINT_HPP_

#include "check/checked.hpp"
#include "common/sources.hpp"

namespace ansinh::check {

// Adds the warnings of a package checked without errors to `sink`.
void LintPackage(const CheckedPackage& package, internal::DiagnosticSink& sink);

}  // namespace ansinh::check

#endif  // ANSINH_LIB_CHECK_LINT_HPP_

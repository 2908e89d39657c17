// ansinh — version of the library and its namespace. With ANSINH_EXPORT (export.h), the only macros of
// the C++ headers.
#ifndef ANSINH_VERSION_HPP_
#define ANSINH_VERSION_HPP_

#include "ansinh/export.h"

#define ANSINH_VERSION_MAJOR 0
#define ANSINH_VERSION_MINOR 1
#define ANSINH_VERSION_PATCH 0

// Every public name is declared in `ansinh::v1`, an inline namespace: code
// writes `ansinh::RuleSet`, the linker sees `ansinh::v1::RuleSet`. An
// incompatible change of the ABI bumps the inner name (v2), so that a program
// built against one ABI fails to link against another instead of misbehaving
// (docs/api.md, "Versions and ABI"). Library code (lib/) that defines a public
// name opens the namespace with the same pair of macros.
#define ANSINH_ABI_NAMESPACE v1
#define ANSINH_BEGIN_NAMESPACE \
  namespace ansinh {           \
  inline namespace v1 {
#define ANSINH_END_NAMESPACE \
  }                          \
  }

ANSINH_BEGIN_NAMESPACE

// Returns the library version as "MAJOR.MINOR.PATCH". Thread-safe.
ANSINH_EXPORT const char* Version() noexcept;

ANSINH_END_NAMESPACE

#endif  // ANSINH_VERSION_HPP_

// ansinh — version of the library. With ANSINH_EXPORT (export.h), the only macros of the C++ headers.
#ifndef ANSINH_VERSION_HPP_
#define ANSINH_VERSION_HPP_

#include "ansinh/export.h"

#define ANSINH_VERSION_MAJOR 0
#define ANSINH_VERSION_MINOR 1
#define ANSINH_VERSION_PATCH 0

namespace ansinh {

// Returns the library version as "MAJOR.MINOR.PATCH". Thread-safe.
ANSINH_EXPORT const char* Version() noexcept;

}  // namespace ansinh

#endif  // ANSINH_VERSION_HPP_

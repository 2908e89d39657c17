// ansinh — where something is in a rule file.
#ifndef ANSINH_SOURCE_LOCATION_HPP_
#define ANSINH_SOURCE_LOCATION_HPP_

#include "ansinh/export.h"

#include <cstdint>
#include <string>
#include "ansinh/version.hpp"

ANSINH_BEGIN_NAMESPACE

// A position in a rule or record file. Value type; thread-compatible.
//
// Both `line` and `column` are 1-based, the way editors show them. `column`
// counts bytes (UTF-8 code units) from the start of the line, plus one. A
// default-constructed location (line 0) means "no position known".
struct ANSINH_EXPORT SourceLocation {
  std::string file;   // path as given to the loader (relative paths stay relative)
  uint32_t line = 0;  // 1-based line number; 0 = unknown
  uint32_t column = 0;  // 1-based byte column; 0 = unknown

  bool known() const noexcept { return line != 0; }
};

// Formats as "file:line:col" (or "file" when the position is unknown).
ANSINH_EXPORT std::string ToString(const SourceLocation& location);

ANSINH_END_NAMESPACE

#endif  // ANSINH_SOURCE_LOCATION_HPP_

// The size of the large generated inputs of the tests. The Release build runs
// them at full size; a sanitizer build (ANSINH_SANITIZED, set by
// tests/CMakeLists.txt when ANSINH_SANITIZE is on) runs a tenth of them: the
// same code paths, records and corruptions, at 2-10 times the cost per
// record (docs/reliability.md, "What tools/test.sh runs").
#ifndef ANSINH_TESTS_SCALE_HPP_
#define ANSINH_TESTS_SCALE_HPP_

#include <cstddef>

namespace ansinh_tests {

#ifdef ANSINH_SANITIZED
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif

// `full` in the Release build, full / 10 under a sanitizer.
constexpr std::size_t Scaled(std::size_t full) { return kSanitized ? full / 10 : full; }

}  // namespace ansinh_tests

#endif  // ANSINH_TESTS_SCALE_HPP_

// Compile-only check that bench/ansinh/canonical.hpp builds against the public
// API (an object library: nothing links it before the engine exists).
#include "canonical.hpp"

namespace ansinh_bench {

void CanonicalCompileCheck(const ansinh::DecisionView& decision, std::string* out) {
  AppendCanonical(decision, out);
}

}  // namespace ansinh_bench

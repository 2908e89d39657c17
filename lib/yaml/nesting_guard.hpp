// Internal: a guard against deeply nested YAML, run before yaml-cpp.
//
// yaml-cpp 0.7 parses recursively, one stack frame chain per nesting level,
// and stops itself only at about 500 levels (DeepRecursion) — which needs
// 128-256 KiB of stack, more than some threads have. This scan estimates the
// nesting without recursion so that such files are refused before parsing.
#ifndef ANSINH_LIB_YAML_NESTING_GUARD_HPP_
#define ANSINH_LIB_YAML_NESTING_GUARD_HPP_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ansinh::yaml {

struct NestingEstimate {
  uint32_t depth = 0;  // the deepest nesting found (the top-level map is 1), up to the limit + 1
  size_t offset = 0;   // where that depth is reached
};

// Estimates the deepest YAML nesting of `text`: block levels by indentation
// and `- ` entries, flow levels by brackets outside quotes, comments and
// block scalars. Never under-counts flow nesting; may over-count block
// nesting by a level per multi-line scalar. Stops at `limit` + 1. Linear time,
// constant stack.
NestingEstimate EstimateNesting(std::string_view text, uint32_t limit);

}  // namespace ansinh::yaml

#endif  // ANSINH_LIB_YAML_NESTING_GUARD_HPP_

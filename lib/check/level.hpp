// Internal: where a value lives — the checker types every expression at a
// level, and the plan and the evaluator run one lane per value of a level.
// Kept apart from ir.hpp so that the plan (and the evaluator) see this enum
// and not the typed expression tree.
#ifndef ANSINH_LIB_CHECK_LEVEL_HPP_
#define ANSINH_LIB_CHECK_LEVEL_HPP_

#include <cstdint>

namespace ansinh::check {

// Where a value lives: one per household, one per person, or one per
// (person, member of the same household) pair — the lanes of the evaluator.
enum class Level : uint8_t { kHousehold = 0, kPerson = 1, kPair = 2 };

}  // namespace ansinh::check

#endif  // ANSINH_LIB_CHECK_LEVEL_HPP_

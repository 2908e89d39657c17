// Internal: lowers a checked package to a Program (flat column operations).
#ifndef ANSINH_LIB_PLAN_PLANNER_HPP_
#define ANSINH_LIB_PLAN_PLANNER_HPP_

#include <memory>

#include "check/checked.hpp"
#include "plan/plan.hpp"

namespace ansinh::plan {

// Builds the program of a checked package that has no errors. Pure function;
// thread-safe.
std::unique_ptr<Program> BuildProgram(const check::CheckedPackage& package);

}  // namespace ansinh::plan

#endif  // ANSINH_LIB_PLAN_PLANNER_HPP_

// Internal: the dependency graph between variables, benefits, groups, checks
// and indicators; gives the evaluation order and reports cycles as paths.
#ifndef ANSINH_LIB_CHECK_DEPS_GRAPH_HPP_
#define ANSINH_LIB_CHECK_DEPS_GRAPH_HPP_

#include <vector>

#include "check/checked.hpp"
#include "check/expr_checker.hpp"

namespace ansinh::check {

class DepsGraph {
 public:
  void Resize(const CheckedPackage& pkg);
  void Set(const Item& item, const Deps& deps);
  // Dependencies first. Reports each cycle once (E_VARIABLE_CYCLE) as a path.
  std::vector<Item> Order(const CheckedPackage& pkg, internal::DiagnosticSink& sink) const;
  // For each variable: the parameters it needs, directly or through other variables.
  std::vector<std::vector<int>> ParamsThroughVariables(const CheckedPackage& pkg) const;
  std::vector<int> VariablesOf(const Item& item) const;
  std::vector<int> AllParams() const;

 private:
  int Id(const Item& item) const;
  Item ItemOf(int id) const;
  std::string Name(const CheckedPackage& pkg, int id) const;
  internal::Loc LocOf(const CheckedPackage& pkg, int id) const;

  int variables_ = 0, benefits_ = 0, groups_ = 0, checks_ = 0, indicators_ = 0;
  std::vector<std::vector<int>> edges_;   // node -> nodes it depends on
  std::vector<std::vector<int>> params_;  // node -> parameters used directly
};

}  // namespace ansinh::check

#endif  // ANSINH_LIB_CHECK_DEPS_GRAPH_HPP_

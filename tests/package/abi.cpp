// The public API lives in the inline namespace ansinh::v1 (docs/api.md,
// "Versions and ABI"): code names ansinh::X, the symbols are ansinh::v1::X.
#include <ansinh/ansinh.hpp>

#include <cstring>
#include <iostream>
#include <type_traits>
#include <typeinfo>

static_assert(std::is_same_v<ansinh::RuleSet, ansinh::v1::RuleSet>, "RuleSet is ansinh::v1::RuleSet");
static_assert(std::is_same_v<ansinh::DecisionBatch, ansinh::v1::DecisionBatch>, "DecisionBatch in v1");
static_assert(std::is_same_v<ansinh::Date, ansinh::v1::Date>, "Date in v1");

int main() {
  // The mangled name carries the version, so a library of another ABI does not link.
  const char* name = typeid(ansinh::RuleSet).name();
  if (std::strstr(name, "v1") == nullptr) {
    std::cerr << "ansinh::RuleSet is not in the versioned namespace: " << name << "\n";
    return 1;
  }
  std::cout << "ansinh " << ansinh::v1::Version() << " abi " << name << "\n";
  return 0;
}

// Fuzzes the expression parser, checker, planner and evaluator: the input is
// one expression, put in place of one formula of the fixed package
// tests/fuzz/expr_package (the first byte picks which), then the package is
// checked and compiled in memory; when it compiles, its test households are
// evaluated and every decision rendered.
//
// Input: [slot byte] [expression text...]
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "ansinh/decision.hpp"
#include "ansinh/error.hpp"
#include "fuzz_support.hpp"
#include "model/package.hpp"
#include "runtime/rule_set_impl.hpp"
#include "test_paths.hpp"
#include "yaml/loader.hpp"

namespace {

using ansinh::model::ExprText;
using ansinh::model::LoadedTree;

const LoadedTree& BaseTree() {
  static const LoadedTree* tree = [] {
    auto* t = new LoadedTree(
        ansinh::yaml::LoadPackageTree(ANSINH_SOURCE_DIR + "/tests/fuzz/expr_package", ansinh::LoadOptions{}));
    FUZZ_CHECK(t->ok, "tests/fuzz/expr_package does not load");
    ansinh::LoadResult base = ansinh::internal::BuildRuleSet(std::make_shared<LoadedTree>(*t), {});
    FUZZ_CHECK(base.ok(), "tests/fuzz/expr_package does not compile:\n" + base.Format());
    return t;
  }();
  return *tree;
}

ansinh::model::VariableDef* FindVariable(LoadedTree& tree, const char* name) {
  for (auto& v : tree.package.variables) {
    if (v.name == name) return &v;
  }
  ansinh_fuzz::Fail(__FILE__, __LINE__, std::string("no variable ") + name);
}

template <typename T>
T* FindById(std::vector<T>& items, const char* id) {
  for (T& item : items) {
    if (item.id == id) return &item;
  }
  ansinh_fuzz::Fail(__FILE__, __LINE__, std::string("no item ") + id);
}

// The expression the slot byte selects.
ExprText& Slot(LoadedTree& tree, uint8_t slot) {
  switch (slot % 8) {
    case 0: return FindVariable(tree, "fz_person_bool")->formula;
    case 1: return FindVariable(tree, "fz_person_int")->formula;
    case 2: return FindVariable(tree, "fz_household_money")->formula;
    case 3: return FindVariable(tree, "fz_household_date")->formula;
    case 4: return FindById(tree.package.benefits, "fz_benefit")->versions.at(0).when.at(0).test;
    case 5: return FindById(tree.package.benefits, "fz_benefit")->versions.at(0).amount;
    case 6: return FindById(tree.package.checks, "R_FZ_CHECK")->when;
    default: return FindVariable(tree, "fz_household_bool")->formula;
  }
}

void EvaluateTests(const ansinh::RuleSet& rules, const LoadedTree& tree, uint8_t flags) {
  ansinh::RecordBatch batch(rules);
  for (const auto& test : tree.package.tests) batch.Add(test.household);
  ansinh::EvaluateOptions options;
  options.explain = (flags & 1) != 0;
  for (const auto& test : tree.package.tests) {
    const ansinh::When when = test.is_period ? ansinh::When::Month(test.period) : ansinh::When::AsOf(test.as_of);
    const ansinh::DecisionBatch decisions = ansinh::Evaluate(rules, batch, when, options);
    FUZZ_CHECK(decisions.size() == batch.size(), "a decision was lost");
    for (size_t i = 0; i < decisions.size(); ++i) ansinh_fuzz::RenderAll(decisions[i], options.explain);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const LoadedTree& base = BaseTree();
  auto tree = std::make_shared<LoadedTree>(base);
  ExprText& slot = Slot(*tree, data[0]);
  slot.text.assign(reinterpret_cast<const char*>(data + 1), size - 1);
  if (!slot.segments.empty()) slot.segments.resize(1);  // offsets map to columns of the first line
  ansinh::LoadOptions options;
  options.max_expression_bytes = 2048;  // the limits as shipped are exercised by tests; keep runs fast
  ansinh::LoadResult result = ansinh::internal::BuildRuleSet(tree, options);
  for (const ansinh::Diagnostic& d : result.diagnostics()) {
    FUZZ_CHECK(!d.message.empty(), "a diagnostic without a message");
    FUZZ_CHECK(d.location.line >= 1, "a diagnostic without a line: " + d.message);
  }
  (void)result.Format();  // caret display of every diagnostic
  if (!result.ok()) return 0;
  const ansinh::RuleSet rules = std::move(result).Release();
  EvaluateTests(rules, *tree, data[0] >> 3);
  return 0;
}

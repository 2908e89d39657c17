#include <catch2/catch.hpp>

#include "test_paths.hpp"
#include "yaml_test_util.hpp"

namespace ansinh {
namespace {

using testing::Codes;
using testing::Load;
using testing::TempDir;

TEST_CASE("The minimal package loads clean", "[yaml][loader]") {
  const model::LoadedTree tree = Load(std::string(ANSINH_TEST_DATA_DIR) + "/good/minimal");
  INFO(Format(tree.diagnostics));
  REQUIRE(tree.ok);
  CHECK(tree.diagnostics.empty());
  const model::Package& p = tree.package;
  REQUIRE(p.packages.size() == 1);
  CHECK(p.packages[0].id == "minimal");
  CHECK(p.packages[0].name.en == "Minimal package");
  CHECK(p.packages[0].version == "1.0.0");
  CHECK(p.packages[0].files.size() == 3);
  REQUIRE(p.fields.size() == 4);
  CHECK(p.fields[0].name == "area");
  CHECK(p.fields[0].values == std::vector<std::string>{"rural", "urban"});
  CHECK(p.fields[3].name == "has_disability");
  REQUIRE(p.fields[3].default_input.has_value());
  CHECK(p.fields[3].default_input->kind() == InputValue::Kind::kBool);
  REQUIRE(p.parameters.size() == 1);
  REQUIRE(p.parameters[0].steps.size() == 2);
  CHECK(p.parameters[0].steps[1].scalar == Decimal::FromInteger(500000));
  CHECK(p.parameters[0].steps[1].reference == "Nghị định 76/2024/NĐ-CP");
  CHECK(p.parameters[0].steps[0].reference == "Nghị định 20/2021/NĐ-CP, Điều 4");
  REQUIRE(p.variables.size() == 1);
  CHECK(p.variables[0].formula.text == "months_between(birth_date, as_of)");
  REQUIRE(p.benefits.size() == 1);
  REQUIRE(p.benefits[0].versions.size() == 1);
  CHECK(p.benefits[0].versions[0].when[0].name == "under_3");
  CHECK(p.benefits[0].versions[0].amount.text == "1.5 * param.social_assistance_base");
  REQUIRE(p.tests.size() == 1);
  CHECK(p.tests[0].household.members.size() == 1);
  CHECK(p.hash.rfind("sha256:", 0) == 0);
  CHECK(p.hash.size() == 7 + 64);
}

}  // namespace
}  // namespace ansinh

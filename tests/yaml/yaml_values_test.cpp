// YAML values → InputValue (record fields of test households, defaults, records).
#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

#include "yaml/yaml_values.hpp"

namespace ansinh {
namespace {

yaml::ValueResult Convert(const std::string& text) { return yaml::ToInputValue(YAML::Load("v: " + text)["v"]); }

std::string Show(const std::string& text) {
  const yaml::ValueResult r = Convert(text);
  if (!r.ok) return "error";
  static const char* kKinds[] = {"null", "bool", "int", "decimal", "text", "list"};
  return std::string(kKinds[static_cast<int>(r.value.kind())]) + " " + r.value.ToString();
}

TEST_CASE("YAML scalars become typed input values", "[yaml][values]") {
  CHECK(Show("~") == "null null");
  CHECK(Show("null") == "null null");
  CHECK(Show("") == "null null");
  CHECK(Show("true") == "bool true");
  CHECK(Show("False") == "bool false");
  CHECK(Show("yes") == "text \"yes\"");  // YAML 1.2: not a boolean
  CHECK(Show("36") == "int 36");
  CHECK(Show("-12") == "int -12");
  CHECK(Show("1_500_000") == "int 1500000");
  CHECK(Show("9223372036854775807") == "int 9223372036854775807");
  CHECK(Show("1.5") == "decimal 1.5");
  CHECK(Show("-0.25") == "decimal -0.25");
  CHECK(Show("rural") == "text \"rural\"");
  CHECK(Show("2021-02-28") == "text \"2021-02-28\"");
  CHECK(Show("\"123\"") == "text \"123\"");    // quoted: stays text
  CHECK(Show("'true'") == "text \"true\"");
  CHECK(Show("!!str 12") == "text \"12\"");
  CHECK(Show("1e5") == "text \"1e5\"");
  CHECK(Show("0x1F") == "text \"0x1F\"");
  CHECK(Show("|\n  a\n") == "text \"a\n\"");
}

TEST_CASE("YAML lists of scalars become lists of texts", "[yaml][values]") {
  CHECK(Show("[water, sanitation]") == "list [water, sanitation]");
  CHECK(Show("[]") == "list []");
  CHECK(Show("[1, \"2\"]") == "list [1, 2]");
}

TEST_CASE("What is not a value is an error with advice", "[yaml][values]") {
  const yaml::ValueResult map = Convert("{a: 1}");
  CHECK_FALSE(map.ok);
  CHECK(map.error.find("write the value itself") != std::string::npos);
  CHECK_FALSE(Convert("[[a]]").ok);
  CHECK_FALSE(Convert("[{a: 1}]").ok);
  CHECK_FALSE(Convert("[a, ~]").ok);
  CHECK_FALSE(Convert("9223372036854775808").ok);
  CHECK_FALSE(Convert("99999999999999999999999999").ok);
  const yaml::ValueResult decimals = Convert("0.1234567");
  CHECK_FALSE(decimals.ok);
  CHECK(decimals.error.find("6 decimal places") != std::string::npos);
  CHECK_FALSE(Convert("1__0").ok);
}

TEST_CASE("An undefined node is null", "[yaml][values]") {
  const YAML::Node root = YAML::Load("a: 1");
  CHECK(yaml::ToInputValue(root["missing"]).value.is_null());
}

}  // namespace
}  // namespace ansinh

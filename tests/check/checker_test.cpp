// The checker: every expression typed against the schema, errors located in
// the YAML file (also inside multi-line block scalars), with suggestions.
#include <catch2/catch.hpp>

#include "eval/package_fixture.hpp"

using namespace ansinh;
using ansinh::testing::TempPackage;

namespace {

std::vector<Diagnostic> Errors(const std::string& rules_yaml) {
  TempPackage pkg({{"rules.yaml", std::string(ansinh::testing::kBaseSchema) + rules_yaml}});
  LoadResult r = pkg.Load();
  std::vector<Diagnostic> errors;
  for (const Diagnostic& d : r.diagnostics()) {
    if (d.severity == Severity::kError) errors.push_back(d);
  }
  return errors;
}

// Line of `needle` in the file that kBaseSchema + rules makes (1-based).
uint32_t LineOf(const std::string& rules_yaml, const std::string& needle) {
  const std::string text = std::string(ansinh::testing::kBaseSchema) + rules_yaml;
  const size_t at = text.find(needle);
  return static_cast<uint32_t>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n') + 1);
}

}  // namespace

TEST_CASE("a type error inside a multi-line block scalar is located at its line and column", "[check][locations]") {
  const std::string rules = R"Y(
benefits:
  - id: b
    applies_to: person
    effective: {from: 2021-01-01}
    when:
      - name: complex
        test: |
          disabled
            and household.income <= 1500000
            and household.area < 3
    amount: 1
)Y";
  const auto errors = Errors(rules);
  REQUIRE(errors.size() == 1);
  const Diagnostic& d = errors[0];
  CHECK(d.code == DiagnosticCode::kTypeMismatch);
  CHECK(d.location.line == LineOf(rules, "and household.area < 3"));
  // "            and household.area < 3": the operand household.area starts at column 17.
  CHECK(d.location.column == 17);
  CHECK(d.source_line == "            and household.area < 3");
  CHECK(Format(d).find("^~~~~~~~~~~~~~") != std::string::npos);
}

TEST_CASE("unknown names get a suggestion; entity slips say what to write", "[check]") {
  const std::string rules = R"Y(
benefits:
  - id: b
    applies_to: person
    effective: {from: 2021-01-01}
    when:
      - a: disabld
      - b: area == "rural"
      - c: household.area == "rurall"
      - d: param.bse > 0
      - e: months_between(birth_date)
      - f: recieves("b")
    amount: 1
)Y";
  const auto errors = Errors(rules);
  REQUIRE(errors.size() == 6);
  CHECK(errors[0].code == DiagnosticCode::kUnknownName);
  CHECK(errors[0].message.find("Did you mean 'disabled'?") != std::string::npos);
  CHECK(errors[1].code == DiagnosticCode::kEntityMismatch);
  CHECK(errors[1].message.find("write household.area") != std::string::npos);
  CHECK(errors[2].code == DiagnosticCode::kUnknownEnumValue);
  CHECK(errors[2].message.find("Did you mean 'rural'?") != std::string::npos);
  CHECK(errors[3].code == DiagnosticCode::kUnknownParameter);
  CHECK(errors[4].code == DiagnosticCode::kArity);
  CHECK(errors[5].code == DiagnosticCode::kUnknownFunction);
  CHECK(errors[5].message.find("Did you mean 'receives'?") != std::string::npos);
  // Each at its own line and at the offending word.
  CHECK(errors[0].location.line == LineOf(rules, "disabld"));
  CHECK(errors[0].location.column == 12);
  CHECK(errors[2].location.column == 30);  // the opening quote of "rurall"
}

TEST_CASE("variables that depend on each other are reported as a path", "[check][cycles]") {
  const auto errors = Errors(R"Y(
variables:
  a: {entity: household, type: int, formula: "b + 1"}
  b: {entity: household, type: int, formula: "c + 1"}
  c: {entity: household, type: int, formula: "a + 1"}
  ok: {entity: household, type: int, formula: "1"}
)Y");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == DiagnosticCode::kVariableCycle);
  CHECK(errors[0].message.find("a → b → c → a") != std::string::npos);
}

TEST_CASE("type rules: money, dates, sets, tables", "[check][types]") {
  CHECK(Errors(R"Y(
parameters:
  line:
    kind: table
    values: {2021-01-01: {value: {rural: 1, urban: 2}}}
  partial:
    kind: table
    values: {2021-01-01: {value: {rural: 1}}}
variables:
  v1: {entity: household, type: money, formula: "income * 2 + 100"}
  v2: {entity: household, type: bool, formula: "\"a\" in tags and size(tags) >= 2"}
  v3: {entity: household, type: money, formula: "param.line[area]"}
  v4: {entity: person, type: bool, formula: "add_months(birth_date, 36) > as_of"}
  v5: {entity: household, type: decimal, formula: "income / income"}
)Y").empty());
  const auto errors = Errors(R"Y(
parameters:
  partial:
    kind: table
    values: {2021-01-01: {value: {rural: 1}}}
variables:
  m: {entity: household, type: money, formula: "income * income"}
  d: {entity: person, type: int, formula: "as_of - birth_date"}
  t: {entity: household, type: money, formula: "param.partial[area]"}
  s: {entity: household, type: bool, formula: "\"z\" in tags"}
  c: {entity: household, type: bool, formula: "1 < 2 < 3"}
)Y");
  REQUIRE(errors.size() == 5);
  CHECK(errors[0].message.find("money cannot be multiplied by money") != std::string::npos);
  CHECK(errors[1].message.find("months_between") != std::string::npos);
  CHECK(errors[2].code == DiagnosticCode::kParameterKey);
  CHECK(errors[2].message.find("urban") != std::string::npos);
  CHECK(errors[3].code == DiagnosticCode::kUnknownEnumValue);
  CHECK(errors[4].code == DiagnosticCode::kExprSyntax);
}

TEST_CASE("a benefit cannot start before the parameters it needs", "[check]") {
  const auto errors = Errors(R"Y(
parameters:
  base: {values: {2024-07-01: 500000}}
variables:
  twice: {entity: household, type: money, formula: "2 * param.base"}
benefits:
  - id: b
    applies_to: household
    effective: {from: 2021-07-01}
    when: [{t: twice > 0}]
    amount: 1
)Y");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == DiagnosticCode::kParameterNotInForce);
}

TEST_CASE("an expression shared by several versions is reported once", "[check][locations]") {
  // `when` and `amount` above `versions:` are checked for each version; their
  // errors must not be printed once per version.
  const std::string rules = R"Y(
benefits:
  - id: b
    applies_to: person
    when:
      - old: age_years >= 80
    amount: 1
    versions:
      - effective: {from: 2021-07-01, to: 2024-06-30}
      - effective: {from: 2024-07-01, to: 2025-06-30}
      - effective: {from: 2025-07-01}
)Y";
  const auto errors = Errors(rules);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == DiagnosticCode::kUnknownName);
  CHECK(errors[0].location.line == LineOf(rules, "age_years"));
}

TEST_CASE("no unused-parameter warning when an expression could not be read", "[check]") {
  // The parameter is used in the amount that has a syntax error: whether it is
  // used is unknown, so the checker does not claim it is not.
  TempPackage pkg({{"rules.yaml", std::string(ansinh::testing::kBaseSchema) + R"Y(
parameters:
  base: {values: {2021-07-01: 360000}}
  spare: {values: {2021-07-01: 1}}
benefits:
  - id: b
    applies_to: person
    effective: {from: 2021-07-01}
    amount: 1.5 * (param.base
)Y"}});
  const LoadResult r = pkg.Load();
  REQUIRE(r.diagnostics().size() == 1);
  CHECK(r.diagnostics()[0].code == DiagnosticCode::kExprSyntax);
  // The '(' is named by its place in the YAML file, as the caret is.
  CHECK(r.diagnostics()[0].message.find("line " + std::to_string(r.diagnostics()[0].location.line) + ", column 19") !=
        std::string::npos);
}

TEST_CASE("an unused parameter is a warning, unless it is declared informational", "[check]") {
  auto warnings = [](const char* extra) {
    TempPackage pkg({{"rules.yaml", std::string(ansinh::testing::kBaseSchema) + R"Y(
parameters:
  base:
)Y" + extra + R"Y(
    values: {2021-01-01: 500000}
benefits:
  - id: b
    applies_to: person
    effective: {from: 2021-01-01}
    when: [{t: true}]
    amount: 100
)Y"}});
    std::vector<std::string> codes;
    const LoadResult result = pkg.Load();
    for (const Diagnostic& d : result.diagnostics()) codes.push_back(std::string(CodeName(d.code)));
    return codes;
  };
  CHECK(warnings("    label: {vi: Mức chuẩn, en: Base}") == std::vector<std::string>{"W_UNUSED_PARAMETER"});
  CHECK(warnings("    informational: true").empty());
  CHECK(warnings("    informational: yes please") == std::vector<std::string>{"W_UNUSED_PARAMETER", "E_BAD_VALUE"});
}

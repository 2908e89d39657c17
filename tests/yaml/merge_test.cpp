// Merging a package with its bases: order, overrides, conflicts, tests.
#include <catch2/catch.hpp>

#include "yaml_test_util.hpp"

namespace ansinh {
namespace {

using testing::Codes;
using testing::Find;
using testing::Load;
using testing::TempDir;
using testing::WritePackage;

std::string Benefit(const std::string& id, const std::string& amount, bool override_ = false) {
  return "  - {id: " + id + ", applies_to: person, effective: {from: 2021-07-01}, amount: " + amount +
         (override_ ? ", override: true" : "") + "}\n";
}

// A workspace with base package vn (benefits a, b, c) and district d extending it.
struct Tree {
  TempDir ws;
  Tree() {
    ws.Write("ansinh-workspace.yaml", "");
    WritePackage(ws, "vn", "id: vn\n",
                 "benefits:\n" + Benefit("a", "1") + Benefit("b", "2") + Benefit("c", "3") +
                     "schema:\n  household:\n    x: {type: int}\n  person:\n    x: {type: bool}\n"
                     "groups:\n  g: {label: base}\n"
                     "tests:\n  - {name: base test, as_of: 2024-01-01, household: {id: H}, expect: {}}\n");
  }
  model::LoadedTree LoadDistrict(const std::string& rules) {
    WritePackage(ws, "d", "id: d\nextends: [vn]\n", rules);
    return Load((ws.path() / "d").string());
  }
};

std::vector<std::string> BenefitSummary(const model::LoadedTree& tree) {
  std::vector<std::string> out;
  for (const model::BenefitDef& b : tree.package.benefits) {
    out.push_back(b.id + "=" + b.versions.at(0).amount.text + "@" + std::to_string(b.origin));
  }
  return out;
}

TEST_CASE("An override replaces the inherited item in place", "[yaml][merge]") {
  Tree t;
  const model::LoadedTree tree = t.LoadDistrict("benefits:\n" + Benefit("d_new", "9") + Benefit("b", "20", true) +
                                                "groups:\n  g: {label: local, override: true}\n");
  INFO(Format(tree.diagnostics));
  REQUIRE(tree.ok);
  CHECK(BenefitSummary(tree) == std::vector<std::string>{"a=1@1", "b=20@0", "c=3@1", "d_new=9@0"});
  for (size_t i = 0; i < tree.package.benefits.size(); ++i) CHECK(tree.package.benefits[i].order == i);
  REQUIRE(tree.package.groups.size() == 1);
  CHECK(tree.package.groups[0].label.vi == "local");
  CHECK(tree.package.groups[0].origin == 0);
}

TEST_CASE("Redefining without override is E_OVERRIDE_MISSING", "[yaml][merge]") {
  Tree t;
  const model::LoadedTree tree = t.LoadDistrict("benefits:\n" + Benefit("b", "20"));
  REQUIRE(Codes(tree) == "E_OVERRIDE_MISSING");
  const Diagnostic& d = tree.diagnostics[0];
  CHECK(d.location.file == t.ws.str() + "/d/rules.yaml");
  CHECK(d.location.line == 2);
  CHECK(d.location.column == 10);
  CHECK(d.length == 1);
  CHECK(d.message.find("package 'vn' (" + t.ws.str() + "/vn/rules.yaml:3)") != std::string::npos);
  CHECK(d.message.find("override: true") != std::string::npos);
  CHECK(d.item == "benefit b");
  CHECK(BenefitSummary(tree) == std::vector<std::string>{"a=1@1", "b=2@1", "c=3@1"});  // the inherited one stays
}

TEST_CASE("override: true with nothing to override is E_OVERRIDE_NOTHING", "[yaml][merge]") {
  Tree t;
  const model::LoadedTree tree = t.LoadDistrict("benefits:\n" + Benefit("bb", "20", true));
  REQUIRE(Codes(tree) == "E_OVERRIDE_NOTHING");
  CHECK(tree.package.benefits.size() == 4);
  SECTION("also in a package that extends nothing") {
    TempDir ws;
    WritePackage(ws, "p", "id: p\n", "groups:\n  g: {override: true}\n");
    CHECK(Codes(Load((ws.path() / "p").string())) == "E_OVERRIDE_NOTHING");
  }
}

TEST_CASE("Fields are identified by entity and name", "[yaml][merge]") {
  Tree t;
  SECTION("a new field with an inherited name on the other entity is fine") {
    WritePackage(t.ws, "vn", "id: vn\n", "schema:\n  household:\n    x: {type: int}\n");
    const model::LoadedTree tree = t.LoadDistrict("schema:\n  person:\n    x: {type: int}\n");
    INFO(Format(tree.diagnostics));
    CHECK(tree.ok);
    CHECK(tree.package.fields.size() == 2);
  }
  SECTION("the same entity needs override") {
    const model::LoadedTree tree = t.LoadDistrict("schema:\n  person:\n    x: {type: int}\n");
    REQUIRE(Codes(tree) == "E_OVERRIDE_MISSING");
    CHECK(tree.diagnostics[0].message.find("field 'person.x'") != std::string::npos);
  }
  SECTION("override replaces the type") {
    const model::LoadedTree tree = t.LoadDistrict("schema:\n  person:\n    x: {type: int, override: true}\n");
    REQUIRE(tree.ok);
    CHECK(tree.package.fields[1].type == ValueType::kInt);
    CHECK(tree.package.fields[1].override_);
  }
}

TEST_CASE("Items defined twice in one package are E_DUPLICATE_ID", "[yaml][merge]") {
  TempDir ws;
  WritePackage(ws, "p", "id: p\n", "parameters:\n  base: {values: {2021-07-01: 1}}\n");
  ws.Write("p/more.yaml", "parameters:\n  base: {values: {2021-07-01: 2}}\n");
  const model::LoadedTree tree = Load((ws.path() / "p").string());
  REQUIRE(Codes(tree) == "E_DUPLICATE_ID");
  CHECK(tree.diagnostics[0].location.file == ws.str() + "/p/rules.yaml");  // more.yaml is read first
  CHECK(tree.diagnostics[0].message.find("first at " + ws.str() + "/p/more.yaml:2") != std::string::npos);
}

TEST_CASE("Sibling bases defining one item conflict", "[yaml][merge]") {
  TempDir ws;
  ws.Write("ansinh-workspace.yaml", "");
  WritePackage(ws, "b", "id: b\n", "benefits:\n" + Benefit("x", "1"));
  WritePackage(ws, "c", "id: c\n", "benefits:\n" + Benefit("x", "2"));
  WritePackage(ws, "p", "id: p\nextends: [b, c]\n");
  const model::LoadedTree tree = Load((ws.path() / "p").string());
  REQUIRE(Codes(tree) == "E_DUPLICATE_ID");
  CHECK(tree.diagnostics[0].message.find("which 'c' does not extend") != std::string::npos);
}

TEST_CASE("Tests come only from the package asked for", "[yaml][merge]") {
  Tree t;
  const model::LoadedTree tree = t.LoadDistrict(
      "tests:\n  - {name: local test, as_of: 2024-01-01, household: {id: H}, expect: {}}\n"
      "  - {name: local test, as_of: 2024-01-01, household: {id: H}, expect: {}}\n");
  REQUIRE(Codes(tree) == "E_DUPLICATE_ID");
  REQUIRE(tree.package.tests.size() == 1);
  CHECK(tree.package.tests[0].name == "local test");
  CHECK(tree.package.tests[0].origin == 0);
  const model::LoadedTree base = Load((t.ws.path() / "vn").string());
  REQUIRE(base.package.tests.size() == 1);
  CHECK(base.package.tests[0].name == "base test");
}

TEST_CASE("Files are read package.yaml first, then in path order", "[yaml][merge]") {
  TempDir ws;
  ws.Write("p/package.yaml", "id: p\nbenefits:\n" + Benefit("from_package_yaml", "1"));
  ws.Write("p/b/z.yaml", "benefits:\n" + Benefit("b_z", "1"));
  ws.Write("p/a.yaml", "benefits:\n" + Benefit("a", "1"));
  ws.Write("p/b.yaml", "benefits:\n" + Benefit("b", "1"));
  ws.Write("p/notes.txt", "not a rule file");
  ws.Write("p/.hidden.yaml", "not: read");
  ws.Write("p/ansinh-workspace.yaml", "not: read");
  ws.Write("p/sub/package.yaml", "id: sub\n");
  ws.Write("p/sub/rules.yaml", "benefits:\n" + Benefit("in_sub_package", "1"));
  const model::LoadedTree tree = Load((ws.path() / "p").string());
  INFO(Format(tree.diagnostics));
  REQUIRE(tree.ok);
  std::vector<std::string> ids;
  for (const model::BenefitDef& b : tree.package.benefits) ids.push_back(b.id);
  CHECK(ids == std::vector<std::string>{"from_package_yaml", "a", "b", "b_z"});
  std::vector<std::string> files;
  for (uint32_t f : tree.package.packages[0].files) files.push_back(tree.sources.file(f).path.substr(ws.str().size()));
  CHECK(files == std::vector<std::string>{"/p/package.yaml", "/p/a.yaml", "/p/b.yaml", "/p/b/z.yaml"});
}

}  // namespace
}  // namespace ansinh

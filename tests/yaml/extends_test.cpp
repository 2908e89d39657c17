// extends: package ids and paths, workspace roots, cycles, escaping the root.
#include <catch2/catch.hpp>

#include <filesystem>

#include "yaml_test_util.hpp"

namespace ansinh {
namespace {

using testing::Codes;
using testing::Find;
using testing::Load;
using testing::TempDir;
using testing::WritePackage;

std::vector<std::string> Ids(const model::LoadedTree& tree) {
  std::vector<std::string> out;
  for (const model::PackageMeta& m : tree.package.packages) out.push_back(m.id);
  return out;
}

TEST_CASE("extends by id searches the workspace", "[yaml][extends]") {
  TempDir ws;
  ws.Write("ansinh-workspace.yaml", "");
  WritePackage(ws, "vn", "id: vn\n", "benefits: [{id: b_vn, applies_to: person, effective: {from: 2021-07-01}, amount: 1}]\n");
  WritePackage(ws, "vn/tra-vinh/cang-long", "id: vn-tra-vinh-cang-long\nextends: [vn]\n",
               "benefits: [{id: b_local, applies_to: person, effective: {from: 2021-07-01}, amount: 2}]\n");
  const std::string district = (ws.path() / "vn/tra-vinh/cang-long").string();
  const model::LoadedTree tree = Load(district);
  INFO(Format(tree.diagnostics));
  REQUIRE(tree.ok);
  CHECK(Ids(tree) == std::vector<std::string>{"vn-tra-vinh-cang-long", "vn"});
  CHECK(tree.package.packages[0].extends == std::vector<std::string>{"vn"});
  // The base's files are shown from the workspace root as derived from the path given.
  CHECK(tree.package.packages[1].dir == ws.str() + "/vn");
  const internal::SourceFile& base_file = tree.sources.file(tree.package.packages[1].files[0]);
  CHECK(base_file.path == ws.str() + "/vn/package.yaml");
  REQUIRE(tree.package.benefits.size() == 2);
  CHECK(tree.package.benefits[0].id == "b_vn");  // bases first
  CHECK(tree.package.benefits[0].origin == 1);
  CHECK(tree.package.benefits[1].origin == 0);
  // The vn package does not read the district's files (a sub-folder with its own package.yaml).
  CHECK(tree.package.packages[1].files.size() == 2);
}

TEST_CASE("extends by relative path", "[yaml][extends]") {
  TempDir ws;
  WritePackage(ws, "", "id: root\n");  // the package folder itself is the root here
  WritePackage(ws, "lib/base", "id: base\n");
  ws.Write("package.yaml", "id: root\nextends: [./lib/base]\n");
  const model::LoadedTree tree = Load(ws.str());
  INFO(Format(tree.diagnostics));
  REQUIRE(tree.ok);
  CHECK(Ids(tree) == std::vector<std::string>{"root", "base"});
  CHECK(tree.package.packages[1].dir == ws.str() + "/lib/base");
}

TEST_CASE("Without a workspace file the package folder is the only root", "[yaml][extends]") {
  TempDir ws;
  WritePackage(ws, "vn", "id: vn\n");
  WritePackage(ws, "district", "id: district\nextends: [../vn]\n");
  const model::LoadedTree tree = Load((ws.path() / "district").string());
  REQUIRE(Codes(tree) == "E_EXTENDS_OUTSIDE_ROOT");
  const Diagnostic& d = tree.diagnostics[0];
  CHECK(d.location.line == 2);
  CHECK(d.location.column == 11);
  CHECK(d.length == 5);
  SECTION("LoadOptions::roots widens it") {
    LoadOptions options;
    options.roots = {ws.str()};
    const model::LoadedTree widened = Load((ws.path() / "district").string(), options);
    INFO(Format(widened.diagnostics));
    CHECK(widened.ok);
    CHECK(Ids(widened) == std::vector<std::string>{"district", "vn"});
  }
  SECTION("by id, too") {
    ws.Write("district/package.yaml", "id: district\nextends: [vn]\n");
    CHECK(Codes(Load((ws.path() / "district").string())) == "E_EXTENDS_NOT_FOUND");
    LoadOptions options;
    options.roots = {ws.str()};
    CHECK(Load((ws.path() / "district").string(), options).ok);
  }
}

TEST_CASE("Roots given that cannot be read are reported", "[yaml][extends]") {
  TempDir ws;
  WritePackage(ws, "p", "id: p\n");
  LoadOptions options;
  options.roots = {ws.str() + "/missing"};
  const model::LoadedTree tree = Load((ws.path() / "p").string(), options);
  CHECK(Codes(tree) == "E_FILE_READ");
}

TEST_CASE("A symbolic link cannot lead extends out of the workspace", "[yaml][extends]") {
  TempDir outside;
  WritePackage(outside, "vn", "id: vn\n");
  TempDir ws;
  ws.Write("ansinh-workspace.yaml", "");
  WritePackage(ws, "district", "id: district\nextends: [../link]\n");
  std::filesystem::create_directory_symlink(outside.path() / "vn", ws.path() / "link");
  const model::LoadedTree tree = Load((ws.path() / "district").string());
  CHECK(Codes(tree) == "E_EXTENDS_OUTSIDE_ROOT");
}

TEST_CASE("extends cycles are printed as a path", "[yaml][extends]") {
  TempDir ws;
  ws.Write("ansinh-workspace.yaml", "");
  SECTION("a → b → a") {
    WritePackage(ws, "a", "id: a\nextends: [b]\n");
    WritePackage(ws, "b", "id: b\nextends: [a]\n");
    const model::LoadedTree tree = Load((ws.path() / "a").string());
    REQUIRE(Codes(tree) == "E_EXTENDS_CYCLE");
    CHECK(tree.diagnostics[0].message.find("a \u2192 b \u2192 a") != std::string::npos);
    CHECK(tree.diagnostics[0].location.file == ws.str() + "/b/package.yaml");
    CHECK(Ids(tree) == std::vector<std::string>{"a", "b"});
  }
  SECTION("a package extending itself") {
    WritePackage(ws, "a", "id: a\nextends: [./]\n");
    const model::LoadedTree tree = Load((ws.path() / "a").string());
    REQUIRE(Codes(tree) == "E_EXTENDS_CYCLE");
    CHECK(tree.diagnostics[0].message.find("a \u2192 a") != std::string::npos);
  }
}

TEST_CASE("A diamond loads the shared base once", "[yaml][extends]") {
  TempDir ws;
  ws.Write("ansinh-workspace.yaml", "");
  auto benefit = [](const std::string& id) {
    return "benefits: [{id: " + id + ", applies_to: person, effective: {from: 2021-07-01}, amount: 1}]\n";
  };
  WritePackage(ws, "vn", "id: vn\n", benefit("b_vn"));
  WritePackage(ws, "b", "id: b\nextends: [vn]\n", benefit("b_b"));
  WritePackage(ws, "c", "id: c\nextends: [vn]\n", benefit("b_c"));
  WritePackage(ws, "p", "id: p\nextends: [b, c]\n", benefit("b_p"));
  const model::LoadedTree tree = Load((ws.path() / "p").string());
  INFO(Format(tree.diagnostics));
  REQUIRE(tree.ok);
  CHECK(Ids(tree) == std::vector<std::string>{"p", "b", "c", "vn"});  // nearest first
  std::vector<std::string> order;
  for (const model::BenefitDef& b : tree.package.benefits) order.push_back(b.id + "@" + std::to_string(b.origin) + "#" + std::to_string(b.order));
  CHECK(order == std::vector<std::string>{"b_vn@3#0", "b_b@1#1", "b_c@2#2", "b_p@0#3"});
}

TEST_CASE("extends entries that cannot be resolved", "[yaml][extends]") {
  TempDir ws;
  ws.Write("ansinh-workspace.yaml", "");
  WritePackage(ws, "vn", "id: vn\n");
  SECTION("unknown id, with a suggestion") {
    WritePackage(ws, "p", "id: p\nextends: [vm]\n");
    const model::LoadedTree tree = Load((ws.path() / "p").string());
    REQUIRE(Codes(tree) == "E_EXTENDS_NOT_FOUND");
    CHECK(tree.diagnostics[0].message.find("Did you mean 'vn'?") != std::string::npos);
  }
  SECTION("a path without a package") {
    WritePackage(ws, "p", "id: p\nextends: [./nothing]\n");
    CHECK(Codes(Load((ws.path() / "p").string())) == "E_EXTENDS_NOT_FOUND");
  }
  SECTION("an id used twice in the workspace") {
    WritePackage(ws, "other/vn", "id: vn\n");
    WritePackage(ws, "p", "id: p\nextends: [vn]\n");
    CHECK(Codes(Load((ws.path() / "p").string())) == "E_DUPLICATE_ID");
  }
  SECTION("an absolute path or a bad id") {
    WritePackage(ws, "p", "id: p\nextends: [/etc, \"v n\"]\n");
    CHECK(Codes(Load((ws.path() / "p").string())) == "E_BAD_VALUE E_BAD_IDENTIFIER");
  }
  SECTION("extends is not a list") {
    WritePackage(ws, "p", "id: p\nextends: vn\n");
    CHECK(Codes(Load((ws.path() / "p").string())) == "E_WRONG_TYPE");
  }
  SECTION("the same base twice") {
    WritePackage(ws, "p", "id: p\nextends: [vn, ../vn]\n");
    CHECK(Codes(Load((ws.path() / "p").string())) == "E_DUPLICATE_ID");
  }
  SECTION("two packages of the tree with one id") {
    WritePackage(ws, "p", "id: vn\nextends: [../vn]\n");
    CHECK(Codes(Load((ws.path() / "p").string())) == "E_DUPLICATE_ID");
  }
}

TEST_CASE("extends chains are bounded", "[yaml][extends][limits]") {
  TempDir ws;
  ws.Write("ansinh-workspace.yaml", "");
  for (int i = 0; i < 40; ++i) {
    WritePackage(ws, "p" + std::to_string(i), "id: p" + std::to_string(i) + "\nextends: [p" + std::to_string(i + 1) + "]\n");
  }
  WritePackage(ws, "p40", "id: p40\n");
  const model::LoadedTree tree = Load((ws.path() / "p0").string());
  CHECK(Codes(tree) == "E_LIMIT");
  CHECK(tree.package.packages.size() == 32);
}

}  // namespace
}  // namespace ansinh

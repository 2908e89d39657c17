// The content hash: deterministic, sensitive to every byte, path and package id.
#include <catch2/catch.hpp>

#include "yaml/hash.hpp"
#include "yaml_test_util.hpp"

namespace ansinh {
namespace {

using testing::Load;
using testing::TempDir;
using testing::WritePackage;

TEST_CASE("PackageHash is SHA-256 over id, path, size and content", "[yaml][hash]") {
  // sha256(b"p\0package.yaml\0" b"6\0" b"id: p\n"), computed with Python's hashlib.
  CHECK(yaml::PackageHash({{"p", "package.yaml", "id: p\n"}}) ==
        "sha256:2be93e425e553ccf9a09e0c25416345877ffaeb3dc11168d8bc8259fcd5c4522");
  // Sorted by package id, whatever the order given.
  const std::string expected = "sha256:205f023a278fe3b65a70ede790d73a999c690dfb4f223d6e67e2da2c40b2d75b";
  CHECK(yaml::PackageHash({{"a", "x.yaml", "A"}, {"b", "x.yaml", "B"}}) == expected);
  CHECK(yaml::PackageHash({{"b", "x.yaml", "B"}, {"a", "x.yaml", "A"}}) == expected);
}

TEST_CASE("The package hash depends on content, not on where it is", "[yaml][hash]") {
  TempDir one;
  TempDir two;
  for (const TempDir* d : {&one, &two}) {
    d->Write("ansinh-workspace.yaml", "");
    WritePackage(*d, "vn", "id: vn\n", "groups:\n  g: {}\n");
    WritePackage(*d, "p", "id: p\nextends: [vn]\n", "groups:\n  h: {}\n");
  }
  const std::string hash = Load((one.path() / "p").string()).package.hash;
  REQUIRE(hash.size() == 71);
  CHECK(Load((two.path() / "p").string()).package.hash == hash);
  CHECK(Load((one.path() / "p").string()).package.hash == hash);  // and on every run

  SECTION("one byte of a base changed") {
    two.Write("vn/rules.yaml", "groups:\n  g: {} \n");
    CHECK(Load((two.path() / "p").string()).package.hash != hash);
  }
  SECTION("a file renamed") {
    std::filesystem::rename(two.path() / "p/rules.yaml", two.path() / "p/rules2.yaml");
    CHECK(Load((two.path() / "p").string()).package.hash != hash);
  }
  SECTION("the base alone hashes differently") {
    CHECK(Load((one.path() / "vn").string()).package.hash != hash);
  }
}

}  // namespace
}  // namespace ansinh

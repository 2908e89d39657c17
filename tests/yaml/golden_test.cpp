// Golden diagnostics: every tests/data/bad/<case>/ package, loaded with the
// working directory at the repository root, must print exactly
// tests/data/bad/<case>.expected. ANSINH_UPDATE_GOLDEN=1 rewrites the files.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "yaml_test_util.hpp"

namespace ansinh {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Runs `body` with the working directory at the repository root.
template <typename F>
void AtSourceRoot(F body) {
  const fs::path old = fs::current_path();
  fs::current_path(ANSINH_SOURCE_DIR);
  try {
    body();
  } catch (...) {
    fs::current_path(old);
    throw;
  }
  fs::current_path(old);
}

TEST_CASE("Golden diagnostics of tests/data/bad", "[yaml][golden]") {
  const bool update = std::getenv("ANSINH_UPDATE_GOLDEN") != nullptr;
  AtSourceRoot([&] {
    const fs::path bad = "tests/data/bad";
    std::set<std::string> cases;
    std::set<DiagnosticCode> codes;
    for (const fs::directory_entry& e : fs::directory_iterator(bad)) {
      if (e.is_directory()) cases.insert(e.path().filename().string());
    }
    REQUIRE(cases.size() >= 20);
    for (const std::string& name : cases) {
      const std::string dir = (bad / name).generic_string();
      const fs::path expected_file = bad / (name + ".expected");
      const model::LoadedTree tree = testing::Load(dir);
      const std::string actual = Format(tree.diagnostics);
      for (const Diagnostic& d : tree.diagnostics) codes.insert(d.code);
      if (update) {
        std::ofstream(expected_file, std::ios::binary) << actual;
        continue;
      }
      INFO("case " << name << " (set ANSINH_UPDATE_GOLDEN=1 to rewrite " << expected_file.string() << ")");
      REQUIRE(fs::exists(expected_file));
      CHECK(actual == ReadAll(expected_file));
      CHECK_FALSE(tree.ok);
    }
    CHECK(codes.size() >= 20);  // distinct loader error kinds shown by the cases
  });
}

TEST_CASE("Good packages load without diagnostics", "[yaml][golden]") {
  AtSourceRoot([] {
    for (const fs::directory_entry& e : fs::directory_iterator("tests/data/good")) {
      if (!e.is_directory()) continue;
      const model::LoadedTree tree = testing::Load(e.path().generic_string());
      INFO(e.path().string() << "\n" << Format(tree.diagnostics));
      CHECK(tree.ok);
      CHECK(tree.diagnostics.empty());
    }
  });
}

}  // namespace
}  // namespace ansinh

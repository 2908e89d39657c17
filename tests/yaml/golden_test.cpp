// Golden diagnostics: every tests/data/bad/<case>/ package, loaded, checked
// and compiled by LoadRules (as `ansinh check` does) with the working
// directory at the repository root, must fail and print exactly
// tests/data/bad/<case>.expected: the text `ansinh check tests/data/bad/<case>`
// writes before its summary line (`--lang en`), and tests/data/bad/<case>.vi.expected
// what it writes in Vietnamese, the default. ANSINH_UPDATE_GOLDEN=1 rewrites the files.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "ansinh/diagnostic.hpp"
#include "ansinh/rule_set.hpp"
#include "test_paths.hpp"

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
    std::set<DiagnosticCode> codes;  // error kinds shown (warnings not counted)
    for (const fs::directory_entry& e : fs::directory_iterator(bad)) {
      if (e.is_directory()) cases.insert(e.path().filename().string());
    }
    REQUIRE(cases.size() >= 38);
    for (const std::string& name : cases) {
      const std::string dir = (bad / name).generic_string();
      const fs::path expected_file = bad / (name + ".expected");
      const fs::path expected_vi_file = bad / (name + ".vi.expected");
      const LoadResult result = LoadRules(dir);
      const std::string actual = Format(result.diagnostics(), Language::kEn);
      const std::string actual_vi = Format(result.diagnostics(), Language::kVi);
      for (const Diagnostic& d : result.diagnostics()) {
        if (d.severity == Severity::kError) codes.insert(d.code);
        // Worded in Vietnamese where it was found, not the catalogue's meaning with the English message.
        INFO("case " << name << ": " << d.message);
        CHECK_FALSE(d.message_vi.empty());
      }
      if (update) {
        std::ofstream(expected_file, std::ios::binary) << actual;
        std::ofstream(expected_vi_file, std::ios::binary) << actual_vi;
        continue;
      }
      INFO("case " << name << " (set ANSINH_UPDATE_GOLDEN=1 to rewrite " << expected_file.string() << ")");
      REQUIRE(fs::exists(expected_file));
      const std::string expected = ReadAll(expected_file);
      CHECK_FALSE(expected.empty());
      CHECK(actual == expected);
      REQUIRE(fs::exists(expected_vi_file));
      CHECK(ReadAll(expected_vi_file) == actual_vi);
      // Same places and codes in both languages: only the words differ.
      CHECK(std::count(actual.begin(), actual.end(), '\n') == std::count(actual_vi.begin(), actual_vi.end(), '\n'));
      CHECK_FALSE(result.ok());
    }
    INFO(codes.size() << " distinct error codes");
    CHECK(codes.size() >= 25);  // issue 2: at least 25 distinct error kinds
  });
}

TEST_CASE("Good packages load without diagnostics", "[yaml][golden]") {
  AtSourceRoot([] {
    for (const fs::directory_entry& e : fs::directory_iterator("tests/data/good")) {
      if (!e.is_directory()) continue;
      const LoadResult result = LoadRules(e.path().generic_string());
      INFO(e.path().string() << "\n" << result.Format());
      CHECK(result.ok());
      CHECK(result.diagnostics().empty());
    }
  });
}

}  // namespace
}  // namespace ansinh

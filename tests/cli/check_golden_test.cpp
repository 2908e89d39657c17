// `ansinh check` on the golden cases: for every tests/data/bad/<case>/ it
// exits 1 and writes exactly tests/data/bad/<case>.vi.expected (Vietnamese, the
// default) or, with --lang en, <case>.expected (the texts tests/yaml/golden_test.cpp
// compares), followed by its one-line summary.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "cli/cli.hpp"
#include "test_paths.hpp"

namespace ansinh {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// "tests/data/bad/x: 2 errors, 1 warning": counted from the golden text,
// where each diagnostic starts with an unindented "<place>: <severity>: " line.
std::string Summary(const std::string& dir, const std::string& expected, bool vi) {
  size_t errors = 0, warnings = 0;
  std::istringstream lines(expected);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == ' ') continue;  // the source line and the caret
    if (line.find(vi ? ": lỗi: " : ": error: ") != std::string::npos) ++errors;
    else if (line.find(vi ? ": cảnh báo: " : ": warning: ") != std::string::npos) ++warnings;
  }
  if (vi) return dir + ": " + std::to_string(errors) + " lỗi, " + std::to_string(warnings) + " cảnh báo\n";
  return dir + ": " + std::to_string(errors) + " error" + (errors == 1 ? "" : "s") + ", " + std::to_string(warnings) +
         " warning" + (warnings == 1 ? "" : "s") + "\n";
}

TEST_CASE("ansinh check prints the golden diagnostics of tests/data/bad", "[cli][golden]") {
  const fs::path old = fs::current_path();
  fs::current_path(ANSINH_SOURCE_DIR);
  size_t cases = 0;
  for (const fs::directory_entry& e : fs::directory_iterator("tests/data/bad")) {
    if (!e.is_directory()) continue;
    ++cases;
    const std::string dir = e.path().generic_string();
    for (const bool vi : {false, true}) {
      const std::string expected = ReadAll(dir + (vi ? ".vi.expected" : ".expected"));
      std::ostringstream out, err;
      const int code = vi ? cli::RunCli({"check", dir}, out, err) : cli::RunCli({"check", "--lang", "en", dir}, out, err);
      INFO("ansinh check " << (vi ? "" : "--lang en ") << dir);
      CHECK(code == 1);
      CHECK(out.str().empty());
      CHECK(err.str() == expected + Summary(dir, expected, vi));
    }
  }
  fs::current_path(old);
  CHECK(cases >= 38);
}

}  // namespace
}  // namespace ansinh

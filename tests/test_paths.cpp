#include "test_paths.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace ansinh_tests {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFileName = "ansinh-test-paths.txt";

[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "ansinh tests: %s\n", message.c_str());
  std::exit(2);
}

struct Paths {
  std::string source, binary, rules, data;
};

// <build>/ansinh-test-paths.txt holds one line, "source=<repository>".
const Paths& Get() {
  static const Paths paths = [] {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) Fail("cannot read /proc/self/exe: " + ec.message());
    for (fs::path dir = exe.parent_path(); !dir.empty(); dir = dir.parent_path()) {
      std::ifstream in(dir / kFileName);
      if (in) {
        std::string line;
        std::getline(in, line);
        if (line.rfind("source=", 0) != 0 || line.size() == 7) Fail((dir / kFileName).string() + ": no source= line");
        Paths p;
        p.source = line.substr(7);
        p.binary = dir.string();
        p.rules = p.source + "/rules";
        p.data = p.source + "/tests/data";
        return p;
      }
      if (dir == dir.root_path()) break;
    }
    Fail(std::string("no ") + kFileName + " in " + exe.parent_path().string() +
         " or above it: run the test programs from their build tree");
  }();
  return paths;
}

}  // namespace

const std::string& SourceDir() { return Get().source; }
const std::string& BinaryDir() { return Get().binary; }
const std::string& RulesDir() { return Get().rules; }
const std::string& TestDataDir() { return Get().data; }

}  // namespace ansinh_tests

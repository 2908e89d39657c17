// Helpers for the loader tests: temporary package folders and diagnostics.
#ifndef ANSINH_TESTS_YAML_YAML_TEST_UTIL_HPP_
#define ANSINH_TESTS_YAML_YAML_TEST_UTIL_HPP_

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ansinh/diagnostic.hpp"
#include "model/package.hpp"
#include "test_paths.hpp"
#include "yaml/loader.hpp"

namespace ansinh::testing {

// A fresh folder under the build tree, removed when the object dies.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::path(ANSINH_BINARY_DIR) / "yaml_test_tmp" /
            ("t" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }
  // Writes `text` to `rel` (parent folders created); returns the full path.
  std::string Write(const std::string& rel, const std::string& text) const {
    const std::filesystem::path p = path_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }

 private:
  std::filesystem::path path_;
};

inline model::LoadedTree Load(const std::string& dir, const LoadOptions& options = {}) {
  return yaml::LoadPackageTree(dir, options);
}

// The printed codes of all diagnostics, space-separated, in order.
inline std::string Codes(const model::LoadedTree& tree) {
  std::string out;
  for (const Diagnostic& d : tree.diagnostics) {
    if (!out.empty()) out += ' ';
    out += std::string(CodeName(d.code));
  }
  return out;
}

// The first diagnostic with `code`, or nullptr.
inline const Diagnostic* Find(const model::LoadedTree& tree, DiagnosticCode code) {
  for (const Diagnostic& d : tree.diagnostics) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

// A package folder `rel` of `dir` with package.yaml `header` and one more file.
inline void WritePackage(const TempDir& dir, const std::string& rel, const std::string& header,
                         const std::string& rules = {}) {
  dir.Write(rel + "/package.yaml", header);
  if (!rules.empty()) dir.Write(rel + "/rules.yaml", rules);
}

}  // namespace ansinh::testing

#endif  // ANSINH_TESTS_YAML_YAML_TEST_UTIL_HPP_

// Internal: the workspace a package lives in, and resolving `extends` entries.
#ifndef ANSINH_LIB_YAML_EXTENDS_HPP_
#define ANSINH_LIB_YAML_EXTENDS_HPP_

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ansinh/rule_set.hpp"
#include "common/sources.hpp"
#include "yaml/yaml_source.hpp"

namespace ansinh::yaml {

// Levels of `extends` followed from the requested package.
inline constexpr uint32_t kMaxExtendsDepth = 32;
// Folders visited when scanning a workspace for package ids.
inline constexpr size_t kMaxWorkspaceFolders = 20000;

// A folder `extends` may resolve into.
struct WorkspaceRoot {
  std::filesystem::path real;  // canonical
  std::string display;         // as given, or derived from the package path
};

// Where a package folder was found.
struct ResolvedPackage {
  std::filesystem::path real;
  std::string display;
};

// The roots of a load and an index of the package ids found in them. Not thread-safe.
class Workspace {
 public:
  // LoadOptions::roots, else the nearest ancestor of the package folder with an
  // ansinh-workspace.yaml, else the package folder. A root that cannot be
  // read is reported (E_FILE_READ) and left out.
  Workspace(const LoadOptions& options, const std::filesystem::path& package_real,
            const std::string& package_display, internal::Sources& sources, internal::DiagnosticSink& sink);

  // Resolves one `extends` entry of the package in `from` (real) shown as
  // `from_display`. Reports E_BAD_IDENTIFIER, E_BAD_VALUE, E_EXTENDS_NOT_FOUND,
  // E_EXTENDS_OUTSIDE_ROOT or E_DUPLICATE_ID at `at` and returns nullopt.
  std::optional<ResolvedPackage> Resolve(const std::string& entry, const NodeRef& at,
                                         const std::filesystem::path& from, const std::string& from_display);

  const std::vector<WorkspaceRoot>& roots() const noexcept { return roots_; }

 private:
  bool Contains(const std::filesystem::path& real) const;
  std::string Display(const std::filesystem::path& real) const;
  std::string DescribeRoots() const;
  void BuildIndex();
  void ScanFolder(const std::filesystem::path& dir, uint32_t depth, size_t& folders);
  std::optional<ResolvedPackage> ResolveId(const std::string& id, const NodeRef& at);
  std::optional<ResolvedPackage> ResolvePath(const std::string& entry, const NodeRef& at,
                                             const std::filesystem::path& from, const std::string& from_display);

  size_t max_file_bytes_;
  internal::Sources& sources_;
  internal::DiagnosticSink& sink_;
  std::vector<WorkspaceRoot> roots_;
  bool indexed_ = false;
  std::map<std::string, std::vector<std::filesystem::path>> index_;  // id → package folders (real)
};

}  // namespace ansinh::yaml

#endif  // ANSINH_LIB_YAML_EXTENDS_HPP_

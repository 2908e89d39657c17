// Internal: the files of a rule package folder, and reading them into Sources.
#ifndef ANSINH_LIB_YAML_FILES_HPP_
#define ANSINH_LIB_YAML_FILES_HPP_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ansinh/diagnostic.hpp"
#include "common/sources.hpp"

namespace ansinh::yaml {

// Folder levels below a package folder that are searched for rule files.
inline constexpr uint32_t kMaxFolderDepth = 32;

struct PackageFile {
  std::string rel;                // relative to the package folder, '/'-separated
  std::string display;            // as shown in diagnostics: the package's display folder / rel
  std::filesystem::path real;     // what to open
};

// Lists the rule files of the package in folder `real_dir`: package.yaml
// first, then every other *.yaml in sorted path order, recursively, skipping
// hidden entries, ansinh-workspace.yaml and sub-folders with their own
// package.yaml. Symbolic links are followed while they stay inside the
// package folder; one that leads out is reported (E_LINK_OUTSIDE) and not
// read, unless `allow_outside`. Broken or looping links and unreadable
// folders are reported (E_FILE_READ), as is a tree deeper than
// kMaxFolderDepth (E_LIMIT). Never throws.
std::vector<PackageFile> ListPackageFiles(const std::filesystem::path& real_dir, const std::string& display_dir,
                                          internal::Sources& sources, internal::DiagnosticSink& sink,
                                          bool allow_outside = false);

// Reads a file into `sources` under `display`. Reports E_FILE_READ or E_LIMIT
// (more than `max_bytes`) and returns nullopt when it cannot. Never throws.
std::optional<uint32_t> ReadSourceFile(const std::filesystem::path& real, const std::string& display,
                                       size_t max_bytes, internal::Sources& sources,
                                       internal::DiagnosticSink& sink);

// Reports a problem about a path without a position (a folder, an unreadable
// file): the path is added to `sources` with empty text, so the diagnostic
// prints as "path: error: ...".
void ReportAtPath(DiagnosticCode code, const std::string& display, internal::Message message,
                  internal::Sources& sources, internal::DiagnosticSink& sink);
// "(the system says: <text>)" in Vietnamese, after a sentence naming the file:
// the operating system's own words (errno, std::error_code) are English.
std::string SystemSaysVi(const std::string& text);

// `display` joined with `rel` ('/'-separated, lexically normal).
std::string JoinDisplay(const std::string& display, const std::string& rel);

}  // namespace ansinh::yaml

#endif  // ANSINH_LIB_YAML_FILES_HPP_

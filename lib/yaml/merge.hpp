// Internal: merging a package with the packages it extends (override rules).
#ifndef ANSINH_LIB_YAML_MERGE_HPP_
#define ANSINH_LIB_YAML_MERGE_HPP_

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "common/sources.hpp"
#include "model/package.hpp"
#include "yaml/sections.hpp"

namespace ansinh::yaml {

// One package of the tree as read from its folder.
struct LoadedPackage {
  PackageHeader header;                 // meta (id, extends, files, ...) and extends locations
  PackageItems items;
  std::filesystem::path real_dir;
  std::vector<uint32_t> bases;          // direct bases, in `extends` order (indices of the same vector)
  std::vector<std::pair<std::string, uint32_t>> files;  // path relative to the folder, Sources index
};

// Merges the items of `packages` into `out` (everything but packages and
// hash). `packages[0]` is the requested package; `merge_order` lists every
// index with each package after all of its bases. Item `origin` is the index
// in `packages`. Reports E_DUPLICATE_ID, E_OVERRIDE_MISSING and
// E_OVERRIDE_NOTHING. Moves the items out of `packages`.
void MergePackages(std::vector<LoadedPackage>& packages, const std::vector<uint32_t>& merge_order,
                   const internal::Sources& sources, internal::DiagnosticSink& sink, model::Package& out);

}  // namespace ansinh::yaml

#endif  // ANSINH_LIB_YAML_MERGE_HPP_

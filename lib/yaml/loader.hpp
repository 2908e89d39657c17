// Internal: stage 1 of loading rules — YAML files → model::LoadedTree.
//
// Reads a rule package folder and every package it extends (docs/rule-format.md),
// with the position of every item, into the model the checker works on.
// Expressions are kept as text with their position maps, not parsed.
#ifndef ANSINH_LIB_YAML_LOADER_HPP_
#define ANSINH_LIB_YAML_LOADER_HPP_

#include <string>

#include "ansinh/rule_set.hpp"
#include "model/package.hpp"

namespace ansinh::yaml {

// Loads the package in folder `path` and everything it extends. Never throws
// for bad input: every problem found is a diagnostic in the result (sorted by
// file, line, column), and `ok` is false if any is an error. File paths in
// diagnostics and Sources are `path` joined with the path inside the package
// (bases: their workspace root as derived from `path`, joined likewise).
// Thread-compatible: separate calls may run in parallel.
model::LoadedTree LoadPackageTree(const std::string& path, const LoadOptions& options);

}  // namespace ansinh::yaml

#endif  // ANSINH_LIB_YAML_LOADER_HPP_

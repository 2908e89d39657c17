// Internal: the content hash of a rule package and everything it extends.
#ifndef ANSINH_LIB_YAML_HASH_HPP_
#define ANSINH_LIB_YAML_HASH_HPP_

#include <string>
#include <string_view>
#include <vector>

namespace ansinh::yaml {

struct HashedFile {
  std::string package_id;  // id of the package the file belongs to
  std::string path;        // relative to the package folder, '/'-separated
  std::string_view content;
};

// "sha256:<64 hex digits>" over `files` sorted by (package id, path), each
// contributing: package id, NUL, path, NUL, decimal byte count, NUL, content.
// The order the files are given in does not matter. Uses OpenSSL EVP;
// returns "" only if OpenSSL fails. Thread-safe.
std::string PackageHash(std::vector<HashedFile> files);

}  // namespace ansinh::yaml

#endif  // ANSINH_LIB_YAML_HASH_HPP_

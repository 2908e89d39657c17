#include "yaml/hash.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <tuple>

namespace ansinh::yaml {

std::string PackageHash(std::vector<HashedFile> files) {
  std::sort(files.begin(), files.end(), [](const HashedFile& a, const HashedFile& b) {
    return std::tie(a.package_id, a.path) < std::tie(b.package_id, b.path);
  });
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) return {};
  auto update = [&](std::string_view bytes) {
    return EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size()) == 1 &&
           EVP_DigestUpdate(ctx.get(), "\0", 1) == 1;
  };
  for (const HashedFile& f : files) {
    if (!update(f.package_id) || !update(f.path) || !update(std::to_string(f.content.size())) ||
        EVP_DigestUpdate(ctx.get(), f.content.data(), f.content.size()) != 1) {
      return {};
    }
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1) return {};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "sha256:";
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

}  // namespace ansinh::yaml

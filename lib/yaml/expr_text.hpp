// Internal: a YAML scalar holding an expression → model::ExprText, with the
// map from every byte of the scalar's value back to its line and column.
#ifndef ANSINH_LIB_YAML_EXPR_TEXT_HPP_
#define ANSINH_LIB_YAML_EXPR_TEXT_HPP_

#include <cstdint>
#include <string>
#include <vector>

#include "model/package.hpp"
#include "yaml/yaml_source.hpp"

namespace ansinh::yaml {

// Where each byte of a scalar's value comes from in the file: raw[i] is the
// byte offset in the file text of value byte i (for an escape or a folded line
// break: the backslash or the line break), raw[value.size()] is the offset
// just after the last byte. `ok` is false when the re-scan did not reproduce
// yaml-cpp's value (then `raw` is empty).
struct ScalarMap {
  bool ok = false;
  std::vector<uint32_t> raw;
};

// Re-scans the scalar whose node starts at `begin` in `text` (plain, single-
// or double-quoted, literal | or folded >, any chomping and explicit
// indentation) and checks that it decodes to `value`. Pure; never throws.
ScalarMap MapScalar(const std::string& text, uint32_t begin, const std::string& value);

// The expression held by scalar `node` of `source`, with segments covering
// every byte (a scalar that cannot be re-scanned maps every byte to the
// first line, from where the value starts). `node` must be a scalar.
model::ExprText MakeExprText(const YamlSource& source, const YAML::Node& node);

}  // namespace ansinh::yaml

#endif  // ANSINH_LIB_YAML_EXPR_TEXT_HPP_

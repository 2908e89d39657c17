// The YAML character classes the pre-scans of rule and record files share
// (nesting guard, runaway quotes, expression text, the YAML record source).
#ifndef ANSINH_YAML_CHARS_HPP_
#define ANSINH_YAML_CHARS_HPP_

namespace ansinh::yaml {

// A line break (YAML's b-char).
inline bool IsBreak(char c) { return c == '\n' || c == '\r'; }
// A space or a tab (YAML's s-white).
inline bool IsBlank(char c) { return c == ' ' || c == '\t'; }

}  // namespace ansinh::yaml

#endif  // ANSINH_YAML_CHARS_HPP_

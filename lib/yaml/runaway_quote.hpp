// Internal: quoted scalars that ran on past their line (yaml-cpp 0.7 lets an
// unclosed quote take in the following lines up to the next quote character
// of the same kind, so `reference: "Nghị định … khoản 7` without its closing
// quote swallows `when:` and the keys after it, and the file still parses).
//
// Used by the rule loader (E_UNTERMINATED_QUOTE) and the YAML record reader
// (R_UNTERMINATED_QUOTE). yaml-cpp types stay inside lib/yaml and lib/io.
#ifndef ANSINH_LIB_YAML_RUNAWAY_QUOTE_HPP_
#define ANSINH_LIB_YAML_RUNAWAY_QUOTE_HPP_

#include <cstddef>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace ansinh::yaml {

// One quoted scalar of the text that spans a line looking like a YAML key.
struct RunawayQuote {
  size_t open = 0;       // byte offset of the opening quote
  size_t swallowed = 0;  // byte offset of the first swallowed `key:` line (its first non-blank byte)
  size_t line_end = 0;   // end of the opening quote's line (for underlining)
  char quote = '"';
};

// Whether `line` (one line, without its break) looks like a key of a block
// mapping: optional blanks and `- ` entries, then a name of ASCII letters,
// digits, '_', '-' or '.', then ':' followed by a blank or the end of the line.
bool LooksLikeKeyLine(std::string_view line);

// The scalars of `root` (keys and values, each node once) written in quotes
// in `text` whose quoted text runs over a line that looks like a key
// (LooksLikeKeyLine). `bom` is added to yaml-cpp's mark positions (3 when
// `text` starts with a UTF-8 byte order mark that yaml-cpp skipped). Visits
// at most `max_nodes` nodes. Sorted by `open`.
std::vector<RunawayQuote> FindRunawayQuotes(std::string_view text, const YAML::Node& root, size_t bom = 0,
                                            size_t max_nodes = 1000000);

}  // namespace ansinh::yaml

#endif  // ANSINH_LIB_YAML_RUNAWAY_QUOTE_HPP_

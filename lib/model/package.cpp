#include "model/package.hpp"

#include <algorithm>

namespace ansinh::model {

Loc ExprText::At(uint32_t offset) const {
  if (offset > text.size()) offset = static_cast<uint32_t>(text.size());
  if (segments.empty()) {
    Loc out = loc;
    if (out.known()) out.column += offset;
    return out;
  }
  // The last segment starting at or before `offset`; the first starts at 0.
  auto it = std::upper_bound(segments.begin(), segments.end(), offset,
                             [](uint32_t value, const ExprSegment& s) { return value < s.offset; });
  if (it != segments.begin()) --it;
  Loc out;
  out.file = loc.file;
  out.line = it->line;
  out.column = it->column + (offset - std::min(offset, it->offset));
  return out;
}

}  // namespace ansinh::model

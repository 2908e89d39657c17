#include "yaml/runaway_quote.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "yaml/chars.hpp"

namespace ansinh::yaml {
namespace {

// Offset just past the closing quote of the quoted scalar opening at `open`,
// or text.size() when it is never closed.
size_t QuotedEnd(std::string_view text, size_t open) {
  const char quote = text[open];
  size_t i = open + 1;
  while (i < text.size()) {
    const char c = text[i];
    if (quote == '"' && c == '\\') {
      i += 2;
      continue;
    }
    if (c == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        i += 2;
        continue;
      }
      return i + 1;
    }
    ++i;
  }
  return text.size();
}

struct QuoteWalker {
  std::string_view text;
  size_t bom;
  size_t budget;
  std::unordered_set<size_t> seen_scalars;
  std::unordered_set<int> seen_containers;
  std::vector<RunawayQuote> found;

  void Scalar(const YAML::Node& node) {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null() || mark.pos < 0) return;
    const size_t open = static_cast<size_t>(mark.pos) + bom;
    if (open >= text.size() || (text[open] != '"' && text[open] != '\'')) return;
    if (!seen_scalars.insert(open).second) return;
    const size_t end = QuotedEnd(text, open);
    size_t eol = open;
    while (eol < end && !IsBreak(text[eol])) ++eol;
    const size_t first_eol = eol;
    while (eol < end) {  // each following line the quoted text reaches
      size_t begin = eol;
      while (begin < end && IsBreak(text[begin])) {
        if (text[begin] == '\n') {
          ++begin;
          break;
        }
        ++begin;
      }
      size_t next = begin;
      while (next < text.size() && !IsBreak(text[next])) ++next;
      if (LooksLikeKeyLine(text.substr(begin, next - begin))) {
        size_t at = begin;
        while (at < next && IsBlank(text[at])) ++at;
        found.push_back(RunawayQuote{open, at, first_eol, text[open]});
        return;
      }
      if (next >= end) return;
      eol = next;
    }
  }

  void Walk(const YAML::Node& node) {
    if (budget == 0) return;
    --budget;
    if (node.IsScalar()) {
      Scalar(node);
      return;
    }
    if (!node.IsMap() && !node.IsSequence()) return;
    // An alias is the same node again: visit it once.
    const YAML::Mark mark = node.Mark();
    if (!mark.is_null() && !seen_containers.insert(mark.pos).second) return;
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (node.IsMap()) {
        Walk(it->first);
        Walk(it->second);
      } else {
        Walk(*it);
      }
    }
  }
};

}  // namespace

bool LooksLikeKeyLine(std::string_view line) {
  size_t i = 0;
  for (;;) {
    while (i < line.size() && IsBlank(line[i])) ++i;
    if (i + 1 < line.size() && line[i] == '-' && IsBlank(line[i + 1])) {
      ++i;
      continue;
    }
    break;
  }
  const size_t name = i;
  while (i < line.size() && (std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '_' ||
                             line[i] == '-' || line[i] == '.')) {
    ++i;
  }
  if (i == name || line[name] == '-' || line[name] == '.') return false;
  if (i >= line.size() || line[i] != ':') return false;
  return i + 1 == line.size() || IsBlank(line[i + 1]) || line[i + 1] == '\r';
}

std::vector<RunawayQuote> FindRunawayQuotes(std::string_view text, const YAML::Node& root, size_t bom,
                                            size_t max_nodes) {
  QuoteWalker w{text, bom, max_nodes, {}, {}, {}};
  w.Walk(root);
  std::sort(w.found.begin(), w.found.end(),
            [](const RunawayQuote& a, const RunawayQuote& b) { return a.open < b.open; });
  return w.found;
}

}  // namespace ansinh::yaml

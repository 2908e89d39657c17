#include "yaml/nesting_guard.hpp"

#include <vector>

#include "yaml/chars.hpp"

namespace ansinh::yaml {

namespace {

class Scanner {
 public:
  Scanner(std::string_view text, uint32_t limit) : t_(text), limit_(limit) {}

  NestingEstimate Run() {
    while (i_ < t_.size() && best_.depth <= limit_) Line();
    return best_;
  }

 private:
  void Note(uint32_t depth) {
    if (depth > best_.depth) best_ = NestingEstimate{depth, i_};
  }

  void SkipToBreak() {
    while (i_ < t_.size() && !IsBreak(t_[i_])) ++i_;
  }

  // Skips a quoted scalar starting at i_ (it may span lines).
  void SkipQuoted() {
    const char quote = t_[i_++];
    while (i_ < t_.size()) {
      const char c = t_[i_++];
      if (quote == '"' && c == '\\') {
        ++i_;
      } else if (c == quote) {
        if (quote == '\'' && i_ < t_.size() && t_[i_] == '\'') {
          ++i_;
          continue;
        }
        return;
      }
    }
  }

  void Line() {
    size_t column = 0;
    while (i_ < t_.size() && t_[i_] == ' ') {
      ++i_;
      ++column;
    }
    if (i_ >= t_.size()) return;
    if (IsBreak(t_[i_])) {
      ++i_;
      return;
    }
    if (flow_ > 0) return Rest(true, column);
    if (block_scalar_ >= 0 && static_cast<long>(column) > block_scalar_) {
      SkipToBreak();
      return;
    }
    block_scalar_ = -1;
    if (t_[i_] == '#') {
      SkipToBreak();
      return;
    }
    while (!indents_.empty() && indents_.back() > column) indents_.pop_back();
    if (indents_.empty() || indents_.back() < column) indents_.push_back(column);
    block_ = static_cast<uint32_t>(indents_.size());
    Note(block_);
    // Compact nested entries: "- - - x" opens a level per dash.
    while (i_ < t_.size() && t_[i_] == '-' && (i_ + 1 >= t_.size() || IsBlank(t_[i_ + 1]) || IsBreak(t_[i_ + 1]))) {
      Note(++block_);
      ++i_;
      while (i_ < t_.size() && IsBlank(t_[i_])) ++i_;
    }
    Rest(true, column);
  }

  // The rest of a line; `value_start` when a scalar or collection may begin here.
  void Rest(bool value_start, size_t line_indent) {
    char prev = ' ';
    while (i_ < t_.size() && !IsBreak(t_[i_]) && best_.depth <= limit_) {
      const char c = t_[i_];
      if (IsBlank(c)) {
        prev = c;
        ++i_;
        continue;
      }
      if (c == '#' && IsBlank(prev)) return SkipToBreak();
      if (flow_ > 0) {
        if (c == '[' || c == '{') {
          Note(block_ + ++flow_);
        } else if ((c == ']' || c == '}') && flow_ > 0) {
          --flow_;
        } else if ((c == '"' || c == '\'') && value_start) {
          SkipQuoted();
          prev = c;
          value_start = false;
          continue;
        }
        value_start = c == '[' || c == '{' || c == ',' || c == ':';
        prev = c;
        ++i_;
        continue;
      }
      if (value_start) {
        if (c == '[' || c == '{') {
          Note(block_ + ++flow_);
          value_start = true;
          prev = c;
          ++i_;
          continue;
        }
        if (c == '"' || c == '\'') {
          SkipQuoted();
          value_start = false;
          prev = c;
          continue;
        }
        if (c == '|' || c == '>') {
          block_scalar_ = static_cast<long>(line_indent);
          return SkipToBreak();
        }
      }
      value_start = c == ':' && (i_ + 1 >= t_.size() || IsBlank(t_[i_ + 1]) || IsBreak(t_[i_ + 1]));
      prev = c;
      ++i_;
    }
  }

  std::string_view t_;
  uint32_t limit_;
  size_t i_ = 0;
  std::vector<size_t> indents_;  // columns of the open block levels
  uint32_t block_ = 0;           // block depth of the current line
  uint32_t flow_ = 0;            // open flow brackets
  long block_scalar_ = -1;       // skipping a block scalar's lines indented more than this
  NestingEstimate best_;
};

}  // namespace

NestingEstimate EstimateNesting(std::string_view text, uint32_t limit) { return Scanner(text, limit).Run(); }

}  // namespace ansinh::yaml

// Internal to lib/expr: an upper bound of the grammar's recursion depth,
// computed token by token before X3 runs.
//
// The grammar recurses only through '(' '[' (groups, lists, calls, indexes),
// a prefix '-', a prefix 'not' and 'if'. Each opens a frame here; a frame
// closes no earlier than the grammar returns from it:
//   - a prefix '-' at the next binary operator (its operand is a postfix),
//   - a prefix 'not' at the next 'and'/'or'/'then'/'else' (a comparison),
//   - an 'if' once its 'else' branch ends (at ')' ']' ',' or an outer
//     'then'/'else'),
//   - all of them at the ',' or closing bracket of their group.
// So the stack size bounds the grammar's depth (in units of one expression
// descent) at every token the grammar can reach. Not thread-safe; one per scan.
#ifndef ANSINH_LIB_EXPR_NESTING_HPP_
#define ANSINH_LIB_EXPR_NESTING_HPP_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "expr/scan.hpp"

namespace ansinh::expr {

class NestingTracker {
 public:
  // Feeds the next token; returns the depth after it.
  size_t Feed(const Token& token, std::string_view text);

 private:
  enum class Frame : uint8_t { kGroup, kNeg, kNot, kIfCondition, kIfThen, kIfElse };

  void Push(Frame frame) { stack_.push_back(frame); }
  template <typename Pred>
  void PopWhile(Pred pred) {
    while (!stack_.empty() && pred(stack_.back())) stack_.pop_back();
  }
  void OnKeyword(std::string_view word);
  void OnPunct(std::string_view punct);

  std::vector<Frame> stack_;
  bool after_operand_ = false;
};

}  // namespace ansinh::expr

#endif  // ANSINH_LIB_EXPR_NESTING_HPP_

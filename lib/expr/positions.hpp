// Internal to lib/expr: where each position-tagged AST node lies in the text.
//
// Filled by x3::annotate_on_success (through ErrorHandler::tag) while the
// grammar runs, read by the lowering. Deliberately light on includes so that
// lower.cpp does not compile Spirit. One per parse; not shared.
#ifndef ANSINH_LIB_EXPR_POSITIONS_HPP_
#define ANSINH_LIB_EXPR_POSITIONS_HPP_

#include <boost/spirit/home/x3/support/ast/position_tagged.hpp>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

namespace ansinh::expr::parser {

class Positions {
 public:
  explicit Positions(const char* text) : text_(text) {}

  // Records [first, last) for nodes derived from x3::position_tagged; a no-op
  // for any other attribute.
  template <typename Ast>
  void tag(Ast& ast, const char* first, const char* last) {
    if constexpr (std::is_base_of_v<boost::spirit::x3::position_tagged, Ast>) {
      ast.id_first = ast.id_last = static_cast<int>(spans_.size());
      spans_.emplace_back(static_cast<uint32_t>(first - text_),
                          static_cast<uint32_t>(last - text_));
    }
  }

  // [begin, end) byte offsets of a tagged node; throws std::out_of_range for a
  // node never tagged (a grammar bug, caught by ParseExpression).
  std::pair<uint32_t, uint32_t> Offsets(const boost::spirit::x3::position_tagged& node) const {
    return spans_.at(static_cast<size_t>(node.id_first));
  }

  const char* text() const noexcept { return text_; }

 private:
  const char* text_;
  std::vector<std::pair<uint32_t, uint32_t>> spans_;
};

}  // namespace ansinh::expr::parser

#endif  // ANSINH_LIB_EXPR_POSITIONS_HPP_

#include "eval/why_pool.hpp"

#include <algorithm>

namespace ansinh::eval {

void WhyPool::Leaves(uint32_t why, std::vector<Node>* out, std::vector<uint32_t>* scratch) const {
  scratch->clear();
  if (why != 0) scratch->push_back(why);
  while (!scratch->empty()) {
    const uint32_t id = scratch->back();
    scratch->pop_back();
    const Node& n = nodes_[id];
    if (n.kind == Kind::kUnion) {
      scratch->push_back(n.b);  // left first in the output
      scratch->push_back(n.a);
      continue;
    }
    if (n.kind != Kind::kField && n.kind != Kind::kParamNull) continue;
    const bool seen = std::any_of(out->begin(), out->end(), [&](const Node& o) {
      return o.kind == n.kind && o.entity == n.entity && o.a == n.a && o.b == n.b;
    });
    if (!seen) out->push_back(n);
  }
}

std::string WhyPool::FirstError(uint32_t why, bool vi) const {
  std::vector<uint32_t> stack;
  if (why != 0) stack.push_back(why);
  while (!stack.empty()) {
    const Node& n = nodes_[stack.back()];
    stack.pop_back();
    if (n.kind == Kind::kError) return vi ? messages_vi_[n.a] : messages_[n.a];
    if (n.kind == Kind::kUnion) {
      stack.push_back(n.b);
      stack.push_back(n.a);
    }
  }
  return {};
}

}  // namespace ansinh::eval

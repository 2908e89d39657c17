// Internal: why a value is unknown or an error — a small DAG of provenance
// nodes per evaluation chunk (leaves: a missing field, an unconfirmed parameter
// value, an evaluation error; inner nodes: unions). Reused across chunks, so
// steady-state evaluation does not allocate.
#ifndef ANSINH_LIB_EVAL_WHY_POOL_HPP_
#define ANSINH_LIB_EVAL_WHY_POOL_HPP_

#include <cstdint>
#include <string>
#include <vector>

namespace ansinh::eval {

// The text of an evaluation error in English and Vietnamese (literals).
struct ErrorText {
  constexpr ErrorText(const char* english) : en(english), vi("") {}  // NOLINT: implicit on purpose
  constexpr ErrorText(const char* english, const char* vietnamese) : en(english), vi(vietnamese) {}
  const char* en;
  const char* vi;
};

class WhyPool {
 public:
  enum class Kind : uint8_t { kNone, kField, kUnion, kError, kParamNull };
  struct Node {
    Kind kind = Kind::kNone;
    uint8_t entity = 0;  // kField: 0 household, 1 person
    uint32_t a = 0;      // kField: lane (chunk-local); kUnion: left; kError: message; kParamNull: plan
    uint32_t b = 0;      // kField: field; kUnion: right; kParamNull: key index (or UINT32_MAX)
  };

  WhyPool() { Clear(); }
  void Clear() {
    nodes_.resize(1);
    messages_.clear();
    messages_vi_.clear();
  }
  uint32_t Field(uint8_t entity, uint32_t lane, uint32_t field) {
    return Push({Kind::kField, entity, lane, field});
  }
  uint32_t ParamNull(uint32_t plan, uint32_t key) { return Push({Kind::kParamNull, 0, plan, key}); }
  // An evaluation error, in English and Vietnamese.
  uint32_t Error(std::string message, std::string message_vi) {
    messages_.push_back(std::move(message));
    messages_vi_.push_back(std::move(message_vi));
    return Push({Kind::kError, 0, static_cast<uint32_t>(messages_.size() - 1), 0});
  }
  uint32_t Error(const ErrorText& text) { return Error(text.en, text.vi); }
  uint32_t Union(uint32_t a, uint32_t b) {
    if (a == 0 || a == b) return b;
    if (b == 0) return a;
    return Push({Kind::kUnion, 0, a, b});
  }
  const Node& node(uint32_t id) const { return nodes_[id]; }
  const std::string& message(uint32_t index) const { return messages_[index]; }
  // The leaves (fields, parameter values) under `why`, each once, in first-seen order.
  void Leaves(uint32_t why, std::vector<Node>* out, std::vector<uint32_t>* scratch) const;
  // The first error message under `why`, or empty; `vi`: its Vietnamese text.
  std::string FirstError(uint32_t why, bool vi = false) const;

 private:
  uint32_t Push(const Node& n) {
    nodes_.push_back(n);
    return static_cast<uint32_t>(nodes_.size() - 1);
  }
  std::vector<Node> nodes_;
  std::vector<std::string> messages_;
  std::vector<std::string> messages_vi_;
};

}  // namespace ansinh::eval

#endif  // ANSINH_LIB_EVAL_WHY_POOL_HPP_

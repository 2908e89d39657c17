// ansinh — a minimal read-only view over contiguous elements (C++17 has no std::span).
#ifndef ANSINH_SPAN_HPP_
#define ANSINH_SPAN_HPP_

#include "ansinh/export.h"

#include <cstddef>
#include "ansinh/version.hpp"

ANSINH_BEGIN_NAMESPACE

// Non-owning view of `size()` elements; valid as long as the owner lives and
// is not modified. Trivially copyable.
template <typename T>
class ANSINH_EXPORT Span {
 public:
  constexpr Span() noexcept = default;
  constexpr Span(const T* data, size_t size) noexcept : data_(data), size_(size) {}
  constexpr const T* begin() const noexcept { return data_; }
  constexpr const T* end() const noexcept { return data_ + size_; }
  constexpr const T* data() const noexcept { return data_; }
  constexpr size_t size() const noexcept { return size_; }
  constexpr bool empty() const noexcept { return size_ == 0; }
  constexpr const T& operator[](size_t i) const noexcept { return data_[i]; }
  constexpr const T& front() const noexcept { return data_[0]; }
  constexpr const T& back() const noexcept { return data_[size_ - 1]; }

 private:
  const T* data_ = nullptr;
  size_t size_ = 0;
};

ANSINH_END_NAMESPACE

#endif  // ANSINH_SPAN_HPP_

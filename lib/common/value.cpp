#include "ansinh/value.hpp"

#include "ansinh/version.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "ansinh/error.hpp"

ANSINH_BEGIN_NAMESPACE

#define ANSINH_STR2(x) #x
#define ANSINH_STR(x) ANSINH_STR2(x)
const char* Version() noexcept {
  return ANSINH_STR(ANSINH_VERSION_MAJOR) "." ANSINH_STR(ANSINH_VERSION_MINOR) "." ANSINH_STR(ANSINH_VERSION_PATCH);
}

const char* ToString(ValueType type) noexcept {
  switch (type) {
    case ValueType::kBool: return "bool";
    case ValueType::kInt: return "int";
    case ValueType::kMoney: return "money";
    case ValueType::kDecimal: return "decimal";
    case ValueType::kDate: return "date";
    case ValueType::kEnum: return "enum";
    case ValueType::kSet: return "set";
    case ValueType::kString: return "string";
  }
  return "?";
}

namespace {

int64_t CheckedUnsigned(unsigned long long v) {
  if (v > static_cast<unsigned long long>(std::numeric_limits<int64_t>::max())) {
    throw UsageError(fmt::format("InputValue: {} is beyond the largest integer a record value can hold ({})", v,
                                 std::numeric_limits<int64_t>::max()));
  }
  return static_cast<int64_t>(v);
}

int64_t WholeDouble(double v) {
  constexpr double kExact = 9007199254740992.0;  // 2^53: every whole number up to it is exact
  if (!std::isfinite(v) || std::trunc(v) != v || v > kExact || v < -kExact) {
    throw UsageError(fmt::format("InputValue: the double {} is not a whole number of đồng within ±2^53; give money "
                                 "as an integer and fractions as ansinh::Decimal (exact)",
                                 v));
  }
  return static_cast<int64_t>(v);
}

}  // namespace

InputValue::InputValue(unsigned long v) : kind_(Kind::kInt), int_(CheckedUnsigned(v)) {}
InputValue::InputValue(unsigned long long v) : kind_(Kind::kInt), int_(CheckedUnsigned(v)) {}
InputValue::InputValue(double v) : kind_(Kind::kInt), int_(WholeDouble(v)) {}

std::string InputValue::ToString() const {
  switch (kind_) {
    case Kind::kNull: return "null";
    case Kind::kBool: return int_ ? "true" : "false";
    case Kind::kInt: return std::to_string(int_);
    case Kind::kDecimal: return Decimal::FromMillionths(int_).ToString();
    case Kind::kText: return "\"" + text_ + "\"";
    case Kind::kList: {
      std::string out = "[";
      for (size_t i = 0; i < list_.size(); ++i) {
        if (i) out += ", ";
        out += list_[i];
      }
      return out + "]";
    }
  }
  return "null";
}

std::string OutputValue::ToString() const {
  if (!known) return "unknown";
  switch (type) {
    case ValueType::kBool: return raw ? "true" : "false";
    case ValueType::kInt: return std::to_string(raw);
    case ValueType::kMoney:
    case ValueType::kDecimal: return Decimal::FromMillionths(raw).ToString();
    case ValueType::kDate: return Date::FromDays(static_cast<int32_t>(raw)).ToString();
    case ValueType::kEnum:
    case ValueType::kString: return text;
    case ValueType::kSet: {
      std::string out = "[";
      for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        out += items[i];
      }
      return out + "]";
    }
  }
  return "unknown";
}

ANSINH_END_NAMESPACE

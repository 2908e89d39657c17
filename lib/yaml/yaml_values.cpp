#include "yaml/yaml_values.hpp"

#include <yaml-cpp/yaml.h>

#include <string_view>

#include "ansinh/decimal.hpp"
#include "common/int128.hpp"

namespace ansinh::yaml {

namespace {

using internal::Int128;

// [-+]? digit (digit | '_')* ( '.' digit+ )? — the number syntax of rule files.
bool LooksNumeric(std::string_view s, bool& has_dot) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
  has_dot = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') continue;
    if (c == '_' && !has_dot) continue;
    if (c == '.' && !has_dot && i + 1 < s.size()) {
      has_dot = true;
      continue;
    }
    return false;
  }
  return true;
}

ValueResult Error(std::string message, std::string message_vi) {
  ValueResult r;
  r.error = std::move(message);
  r.error_vi = std::move(message_vi);
  return r;
}

ValueResult Ok(InputValue v) {
  ValueResult r;
  r.ok = true;
  r.value = std::move(v);
  return r;
}

ValueResult Integer(std::string_view s) {
  bool negative = false;
  size_t i = 0;
  if (s[0] == '-' || s[0] == '+') {
    negative = s[0] == '-';
    ++i;
  }
  Int128 v = 0;
  bool last_underscore = false;
  for (; i < s.size(); ++i) {
    if (s[i] == '_') {
      if (last_underscore) return Error("'" + std::string(s) + "' is not a number: write digits with single '_' between groups",
                                     "'" + std::string(s) + "' không phải là số: viết chữ số, giữa các nhóm chỉ một dấu '_'");
      last_underscore = true;
      continue;
    }
    last_underscore = false;
    v = v * 10 + (s[i] - '0');
    if (v > static_cast<Int128>(INT64_MAX) + 1) break;
  }
  if (last_underscore) return Error("'" + std::string(s) + "' is not a number: remove the trailing '_'",
                                   "'" + std::string(s) + "' không phải là số: xóa dấu '_' ở cuối");
  if (negative) v = -v;
  if (v > INT64_MAX || v < INT64_MIN) {
    return Error("'" + std::string(s) + "' is too large for a whole number; write it in quotes if it is an identifier",
                 "'" + std::string(s) + "' quá lớn cho một số nguyên; nếu đó là một mã thì viết trong dấu nháy");
  }
  return Ok(InputValue(static_cast<long long>(v)));
}

ValueResult Scalar(const YAML::Node& node) {
  const std::string& s = node.Scalar();
  if (node.Tag() != "?") return Ok(InputValue(s));  // quoted, block or explicitly tagged: text
  if (s == "true" || s == "True" || s == "TRUE") return Ok(InputValue(true));
  if (s == "false" || s == "False" || s == "FALSE") return Ok(InputValue(false));
  bool has_dot = false;
  if (!LooksNumeric(s, has_dot)) return Ok(InputValue(s));
  if (!has_dot) return Integer(s);
  if (std::optional<Decimal> d = Decimal::Parse(s)) return Ok(InputValue(*d));
  const size_t decimals = s.size() - s.find('.') - 1;
  if (decimals > 6) {
    return Error("'" + s + "' has more than 6 decimal places; round it or write it in quotes as text",
                 "'" + s + "' có quá 6 chữ số thập phân; làm tròn, hoặc viết trong dấu nháy như văn bản");
  }
  return Error("'" + s + "' is out of the range of decimal numbers (about ±9.2e12)",
               "'" + s + "' vượt phạm vi số thập phân (khoảng ±9,2e12)");
}

}  // namespace

ValueResult ToInputValue(const YAML::Node& node) {
  try {
    if (!node.IsDefined() || node.IsNull()) return Ok(InputValue());
    if (node.IsScalar()) return Scalar(node);
    if (node.IsMap()) {
      return Error("a map is not a value here; write the value itself (a text, a number, true/false or a list)",
                   "ở đây không được ghi một ánh xạ; ghi chính giá trị (văn bản, số, true/false hoặc danh sách)");
    }
    std::vector<std::string> items;
    for (const YAML::Node& item : node) {
      if (!item.IsScalar()) {
        return Error("a list may hold only plain values (texts or numbers), not " +
                         std::string(item.IsNull() ? "empty items" : item.IsMap() ? "maps" : "lists"),
                     "danh sách chỉ chứa giá trị đơn (văn bản hoặc số), không chứa " +
                         std::string(item.IsNull() ? "mục rỗng" : item.IsMap() ? "ánh xạ" : "danh sách"));
      }
      items.push_back(item.Scalar());
    }
    return Ok(InputValue(std::move(items)));
  } catch (const YAML::Exception& e) {
    return Error("cannot read this value: " + e.msg, "không đọc được giá trị này: " + e.msg);
  }
}

}  // namespace ansinh::yaml

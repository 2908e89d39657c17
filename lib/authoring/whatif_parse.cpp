// What-if: one change `path=value` read against the schema (ParseChange), and
// changes applied to a household (ApplyChanges). The CLI's --set, the C++ API
// and the Python binding all go through ParseChange.
#include <algorithm>

#include "ansinh/error.hpp"
#include "ansinh/whatif.hpp"
#include "common/sources.hpp"
#include "records/value_text.hpp"

ANSINH_BEGIN_NAMESPACE
namespace whatif_parse {

using internal::QuoteForMessage;
using internal::TrimSpaces;

std::string Names(const std::vector<std::string>& names, size_t max = 8) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < max; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > max) out += ", …";
  return out;
}

// "1.400.000" (Vietnamese thousands) -> "1400000"; anything else unchanged.
std::string WithoutThousandDots(std::string_view text) {
  std::string digits;
  size_t group = 0;
  bool dots = false;
  for (char c : text) {
    if (c == '.') {
      if (group == 0 || (dots && group != 3) || (!dots && group > 3)) return std::string(text);
      dots = true;
      group = 0;
    } else if (c >= '0' && c <= '9') {
      digits += c;
      ++group;
    } else {
      return std::string(text);
    }
  }
  return dots && group == 3 ? digits : std::string(text);
}

[[noreturn]] void Bad(const std::string& path, const FieldInfo& f, std::string_view value, const std::string& want,
                      const std::string& want_vi) {
  throw UsageError("--set " + path + ": " + QuoteForMessage(value) + " is not " + want + " (field '" + f.name +
                       "' is of type " + ToString(f.type) + ")",
                   "--set " + path + ": " + QuoteForMessage(value) + " không phải " + want_vi + " (trường '" + f.name +
                       "' có kiểu " + ToString(f.type) + ")");
}

[[noreturn]] void Throw(const internal::Message& m) { throw UsageError(m.en, m.vi); }

std::string EnumValue(const std::string& path, const FieldInfo& f, std::string_view text) {
  const std::string v(TrimSpaces(text));
  if (std::find(f.values.begin(), f.values.end(), v) != f.values.end()) return v;
  Throw(internal::WithSuggestion(
      internal::Message("--set " + path + ": " + QuoteForMessage(v) + " is not a value of '" + f.name +
                            "' (values: " + Names(f.values, 12) + ").",
                        "--set " + path + ": " + QuoteForMessage(v) + " không phải một giá trị của '" + f.name +
                            "' (các giá trị: " + Names(f.values, 12) + ")."),
      v, f.values));
}

InputValue ParseValue(const std::string& path, const FieldInfo& f, std::string_view text) {
  text = TrimSpaces(text);
  if (text == "null") return InputValue();
  if (text.empty() && f.type != ValueType::kString) Bad(path, f, text, "a value", "một giá trị");
  int64_t n = 0;
  switch (f.type) {
    case ValueType::kBool:
      if (const std::optional<bool> b = internal::ParseBoolText(text)) return InputValue(*b);
      Bad(path, f, text, "true or false", "true (có) hoặc false (không)");
    case ValueType::kInt:
      if (internal::ParseWholeNumber(text, &n) == internal::NumberStatus::kOk)
        return InputValue(static_cast<long long>(n));
      Bad(path, f, text, "a whole number", "một số nguyên");
    case ValueType::kMoney:
      if (internal::ParseWholeNumber(WithoutThousandDots(text), &n) == internal::NumberStatus::kOk) {
        return InputValue(static_cast<long long>(n));
      }
      Bad(path, f, text, "an amount in whole đồng (e.g. 1400000 or 1.400.000)",
          "một số tiền chẵn đồng (ví dụ 1400000 hoặc 1.400.000)");
    case ValueType::kDecimal:
      if (internal::ParseMillionths(text, &n) == internal::NumberStatus::kOk)
        return InputValue(Decimal::FromMillionths(n));
      Bad(path, f, text, "a number (at most 6 decimals)", "một số (tối đa 6 chữ số thập phân)");
    case ValueType::kDate:
      if (const std::optional<Date> d = internal::ParseDateText(text)) return InputValue(*d);
      Bad(path, f, text, "a date (YYYY-MM-DD or DD/MM/YYYY)", "một ngày (YYYY-MM-DD hoặc DD/MM/YYYY)");
    case ValueType::kEnum:
      return InputValue(EnumValue(path, f, text));
    case ValueType::kSet: {
      std::string_view inner = text;
      if (inner.size() >= 2 && inner.front() == '[' && inner.back() == ']') inner = inner.substr(1, inner.size() - 2);
      std::vector<std::string> items;
      while (!TrimSpaces(inner).empty()) {
        const size_t cut = inner.find_first_of(",;|");
        items.push_back(EnumValue(path, f, inner.substr(0, cut)));
        inner = cut == std::string_view::npos ? std::string_view() : inner.substr(cut + 1);
      }
      return InputValue(std::move(items));
    }
    case ValueType::kString:
      return InputValue(std::string(text));
  }
  Bad(path, f, text, "a value", "một giá trị");
}

std::vector<std::string> FieldNames(const Schema& schema, Entity entity) {
  std::vector<std::string> names;
  for (const FieldInfo& f : schema.fields(entity)) {
    if (f.name != "id") names.push_back(f.name);
  }
  return names;
}

}  // namespace whatif_parse

FieldChange ParseChange(const RuleSet& rules, const Household& household, std::string_view text) {
  const size_t eq = text.find('=');
  if (eq == std::string_view::npos) {
    throw UsageError("--set " + internal::QuoteForMessage(text) +
                         ": expected path=value (e.g. income_per_capita=1400000 or members[P1].disability=severe)",
                     "--set " + internal::QuoteForMessage(text) +
                         ": cần viết trường=giá trị (ví dụ income_per_capita=1400000 hoặc "
                         "members[P1].disability=severe)");
  }
  FieldChange c;
  c.path = std::string(internal::TrimSpaces(text.substr(0, eq)));
  std::string field = c.path;
  Entity entity = Entity::kHousehold;
  if (c.path.rfind("members[", 0) == 0) {
    const size_t close = c.path.find("].");
    if (close == std::string::npos) {
      throw UsageError("--set " + internal::QuoteForMessage(c.path) + ": expected members[<member id>].<field>",
                       "--set " + internal::QuoteForMessage(c.path) + ": cần viết members[<mã thành viên>].<trường>");
    }
    const std::string id = c.path.substr(8, close - 8);
    std::vector<std::string> ids;
    for (size_t i = 0; i < household.members.size(); ++i) {
      ids.push_back(household.members[i].id);
      if (household.members[i].id == id) c.member = static_cast<int32_t>(i);
    }
    if (c.member < 0) {
      whatif_parse::Throw(internal::WithSuggestion(
          internal::Message("--set " + c.path + ": no member " + internal::QuoteForMessage(id) + " in household " +
                                internal::QuoteForMessage(household.id) + " (members: " + whatif_parse::Names(ids) +
                                ").",
                            "--set " + c.path + ": hộ " + internal::QuoteForMessage(household.id) +
                                " không có thành viên " + internal::QuoteForMessage(id) + " (các thành viên: " +
                                whatif_parse::Names(ids) + ")."),
          id, ids));
    }
    field = c.path.substr(close + 2);
    entity = Entity::kPerson;
  }
  const FieldInfo* f = rules.schema().Find(entity, field);
  if (f == nullptr || field == "id") {
    const std::vector<std::string> names = whatif_parse::FieldNames(rules.schema(), entity);
    internal::Message message(
        "--set " + c.path + ": " + internal::QuoteForMessage(field) + " is not a field of " +
            (entity == Entity::kPerson ? "a person" : "the household") + ".",
        "--set " + c.path + ": " + internal::QuoteForMessage(field) + " không phải một trường của " +
            (entity == Entity::kPerson ? "thành viên" : "hộ") + ".");
    if (entity == Entity::kHousehold && rules.schema().Find(Entity::kPerson, field) != nullptr) {
      message.en += " It is a member's field: members[<member id>]." + field + "=…";
      message.vi += " Đây là trường của thành viên: members[<mã thành viên>]." + field + "=…";
    } else {
      message = internal::WithSuggestion(message, field, names);
    }
    whatif_parse::Throw(message);
  }
  c.field = f->name;
  const InputValue* now =
      c.member < 0 ? household.Get(f->name) : household.members[static_cast<size_t>(c.member)].Get(f->name);
  if (now != nullptr) c.before = *now;
  c.value = whatif_parse::ParseValue(c.path, *f, text.substr(eq + 1));
  return c;
}

Household ApplyChanges(Household household, const std::vector<FieldChange>& changes) {
  for (const FieldChange& c : changes) {
    if (c.member < 0) {
      household.Set(c.field, c.value);
    } else if (static_cast<size_t>(c.member) < household.members.size()) {
      household.members[static_cast<size_t>(c.member)].Set(c.field, c.value);
    } else {
      throw UsageError("change " + c.path + ": member index " + std::to_string(c.member) + " out of range",
                       "thay đổi " + c.path + ": không có thành viên thứ " + std::to_string(c.member));
    }
  }
  return household;
}

ANSINH_END_NAMESPACE

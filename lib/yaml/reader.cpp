#include "yaml/reader.hpp"

#include <cctype>

#include "common/text_safety.hpp"
#include "yaml/expr_text.hpp"

namespace ansinh::yaml {

using internal::WithSuggestion;

namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A lower_snake_case spelling of `s`, for "write ... instead" hints.
std::string SnakeCase(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (IsAsciiLetter(c) || IsDigit(c)) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  while (!out.empty() && !IsAsciiLetter(out.front())) out.erase(out.begin());
  return out;
}

std::string Join(const std::vector<std::string>& words, std::string_view last = " or ") {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) out += i + 1 == words.size() ? std::string(last) : ", ";
    out += words[i];
  }
  return out;
}

std::string JoinVi(const std::vector<std::string>& words) { return Join(words, " hoặc "); }

}  // namespace

bool IsIdentifier(std::string_view s) noexcept {
  if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || IsDigit(c) || c == '_')) return false;
  }
  return true;
}

bool IsPackageId(std::string_view s) noexcept {
  if (s.empty() || !(IsAsciiLetter(s[0]) || IsDigit(s[0]))) return false;
  for (char c : s) {
    if (!(IsAsciiLetter(c) || IsDigit(c) || c == '-' || c == '_' || c == '.')) return false;
  }
  return true;
}

void Reader::Error(DiagnosticCode code, const NodeRef& at, Message message, std::string item) {
  sink_.Error(code, at.loc, std::move(message), at.length, std::move(item));
}

void Reader::Error(DiagnosticCode code, const Loc& loc, uint32_t length, Message message, std::string item) {
  sink_.Error(code, loc, std::move(message), length, std::move(item));
}

bool Reader::IsPlain(const NodeRef& ref) const { return ref.node.Tag() == "?"; }

std::optional<std::vector<MapEntry>> Reader::Map(const NodeRef& ref, std::string_view what) {
  if (!ref.node.IsMap()) {
    Error(DiagnosticCode::kWrongType, ref,
          {std::string(what) + " must be a map of `key: value` lines, not " + KindName(ref.node),
           WhatVi(what) + " phải là một ánh xạ gồm các dòng `khóa: giá trị`, không phải " + KindNameVi(ref.node)});
    return std::nullopt;
  }
  return source_.Entries(ref.node, sink_);
}

std::optional<std::vector<NodeRef>> Reader::List(const NodeRef& ref, std::string_view what) {
  if (!ref.node.IsSequence()) {
    Error(DiagnosticCode::kWrongType, ref,
          {std::string(what) + " must be a list (`- item` lines or [a, b]), not " + KindName(ref.node),
           WhatVi(what) + " phải là một danh sách (các dòng `- mục` hoặc [a, b]), không phải " + KindNameVi(ref.node)});
    return std::nullopt;
  }
  std::vector<NodeRef> out;
  for (const YAML::Node& item : ref.node) out.push_back(Ref(item));
  return out;
}

void Reader::CheckKeys(const std::vector<MapEntry>& entries, const std::vector<std::string>& allowed,
                       std::string_view what) {
  for (const MapEntry& e : entries) {
    bool known = false;
    for (const std::string& a : allowed) known = known || a == e.key;
    if (known) continue;
    Message message = WithSuggestion(Message("unknown key '" + e.key + "' in " + std::string(what) + ".",
                                             "khóa '" + e.key + "' không có trong " + WhatVi(what) + "."),
                                     e.key, allowed);
    if (message.en.back() == '.') {
      message.en += " Allowed keys: " + Join(allowed) + ".";
      message.vi += " Các khóa được phép: " + JoinVi(allowed) + ".";
    }
    Error(DiagnosticCode::kUnknownKey, e.key_ref, std::move(message));
  }
}

const MapEntry* Reader::Find(const std::vector<MapEntry>& entries, std::string_view key) {
  for (const MapEntry& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

const MapEntry* Reader::Require(const std::vector<MapEntry>& entries, const NodeRef& map, std::string_view key,
                                std::string_view what, std::string_view example) {
  const MapEntry* e = Find(entries, key);
  if (e == nullptr) {
    // A misspelt key was already reported with "Did you mean '<key>'?".
    for (const MapEntry& other : entries) {
      if (internal::Suggest(other.key, {std::string(key)}) == key) return nullptr;
    }
    Error(DiagnosticCode::kMissingKey, map,
          {std::string(what) + " has no '" + std::string(key) + "'; add `" + std::string(example) + "`",
           WhatVi(what) + " thiếu '" + std::string(key) + "'; thêm `" + std::string(example) + "`"});
  }
  return e;
}

std::optional<std::string> Reader::Text(const NodeRef& ref, std::string_view what) {
  if (ref.node.IsScalar()) return ref.node.Scalar();
  if (ref.node.IsNull()) {
    Error(DiagnosticCode::kWrongType, ref,
          {std::string(what) + " is empty; write a text after the colon",
           WhatVi(what) + " đang để trống; viết một văn bản sau dấu hai chấm"});
  } else {
    Error(DiagnosticCode::kWrongType, ref,
          {std::string(what) + " must be a text, not " + KindName(ref.node),
           WhatVi(what) + " phải là một văn bản, không phải " + KindNameVi(ref.node)});
  }
  return std::nullopt;
}

std::optional<std::string> Reader::Identifier(const NodeRef& ref, std::string_view what) {
  std::optional<std::string> s = Text(ref, what);
  if (!s) return std::nullopt;
  if (IsIdentifier(*s)) return s;
  Message message("'" + *s + "' is not a valid " + std::string(what) +
                      ": use lower_snake_case ASCII (letters, digits and '_', starting with a letter)",
                  "'" + *s + "' không phải " + WhatVi(what) +
                      " hợp lệ: dùng chữ thường không dấu, chữ số và '_', bắt đầu bằng một chữ cái");
  const std::string fixed = SnakeCase(*s);
  if (!fixed.empty()) {
    message.en += ", e.g. '" + fixed + "'";
    message.vi += ", ví dụ '" + fixed + "'";
  }
  Error(DiagnosticCode::kBadIdentifier, ref, std::move(message));
  return std::nullopt;
}

std::optional<Date> Reader::DateValue(const NodeRef& ref, std::string_view what) {
  std::optional<std::string> s = Text(ref, what);
  if (!s) return std::nullopt;
  if (std::optional<Date> d = Date::Parse(*s)) return d;
  Error(DiagnosticCode::kBadDate, ref,
        {"'" + *s + "' is not a valid date for " + std::string(what) +
             ": write YYYY-MM-DD with a day that exists, e.g. 2021-07-01",
         "'" + *s + "' không phải ngày hợp lệ cho " + WhatVi(what) +
             ": viết YYYY-MM-DD với một ngày có thật, ví dụ 2021-07-01"});
  return std::nullopt;
}

std::optional<Decimal> Reader::Number(const NodeRef& ref, std::string_view what) {
  std::optional<std::string> s = Text(ref, what);
  if (!s) return std::nullopt;
  if (!IsPlain(ref)) {
    Error(DiagnosticCode::kWrongType, ref,
          {std::string(what) + " must be a number; write it without quotes",
           WhatVi(what) + " phải là một số; viết số không có dấu nháy"});
    return std::nullopt;
  }
  if (std::optional<Decimal> d = Decimal::Parse(*s)) return d;
  const size_t dot = s->find('.');
  const bool digits_only = s->find_first_not_of("0123456789_.-+") == std::string::npos;
  Message message("'" + *s + "' is not a valid number for " + std::string(what),
                  "'" + *s + "' không phải số hợp lệ cho " + WhatVi(what));
  if (digits_only && dot != std::string::npos && s->size() - dot - 1 > 6) {
    message.en += ": at most 6 decimal places are allowed";
    message.vi += ": chỉ được tối đa 6 chữ số thập phân";
  } else if (digits_only) {
    message.en += ": it is out of range (about ±9.2e12)";
    message.vi += ": số vượt phạm vi (khoảng ±9,2e12)";
  } else {
    message.en += ": write digits such as 1500000, 1_500_000 or 1.5";
    message.vi += ": viết chữ số như 1500000, 1_500_000 hoặc 1.5 (dấu chấm thập phân)";
  }
  Error(DiagnosticCode::kBadNumber, ref, std::move(message));
  return std::nullopt;
}

std::optional<int64_t> Reader::Integer(const NodeRef& ref, std::string_view what) {
  std::optional<Decimal> d = Number(ref, what);
  if (!d) return std::nullopt;
  if (d->is_integer()) return d->integer_part();
  Error(DiagnosticCode::kBadNumber, ref,
        {"'" + d->ToString() + "' is not a whole number; " + std::string(what) + " needs one, e.g. " +
             std::to_string(d->integer_part()),
         "'" + d->ToString() + "' không phải số nguyên; " + WhatVi(what) + " cần một số nguyên, ví dụ " +
             std::to_string(d->integer_part())});
  return std::nullopt;
}

bool Reader::ThousandsSeparated(const NodeRef& ref) {
  if (!ref.node.IsScalar() || !IsPlain(ref)) return false;
  const std::string digits = internal::ThousandsGroupedDigits(ref.node.Scalar());
  if (digits.empty()) return false;
  const std::string& s = ref.node.Scalar();
  const size_t dot = s.find('.');
  const bool decimal = dot != std::string::npos && s.find('.', dot + 1) == std::string::npos;
  Error(DiagnosticCode::kBadNumber, ref,
        {"'" + s + "' is an amount of money written with a thousands separator" +
             (decimal ? ", which would be read as " + s.substr(0, dot) + " VND" : std::string()) + "; write " +
             digits + " (no dots or commas; 1_500_000 is also allowed)",
         "'" + s + "' là số tiền viết có dấu phân cách hàng nghìn" +
             (decimal ? ", sẽ bị đọc thành " + s.substr(0, dot) + " đồng" : std::string()) + "; hãy viết " + digits +
             " (không dấu chấm, dấu phẩy; có thể viết 1_500_000)"});
  return true;
}

std::optional<int64_t> Reader::Money(const NodeRef& ref, std::string_view what) {
  if (ThousandsSeparated(ref)) return std::nullopt;
  return Integer(ref, what);
}

std::optional<bool> Reader::Bool(const NodeRef& ref, std::string_view what) {
  if (ref.node.IsScalar() && IsPlain(ref)) {
    const std::string& s = ref.node.Scalar();
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
  }
  Error(DiagnosticCode::kBadValue, ref,
        {std::string(what) + " must be true or false (without quotes)",
         WhatVi(what) + " phải là true hoặc false (không có dấu nháy)"});
  return std::nullopt;
}

std::optional<Label> Reader::LabelValue(const NodeRef& ref, std::string_view what) {
  if (ref.node.IsScalar()) return Label{ref.node.Scalar(), {}};
  if (!ref.node.IsMap()) {
    Error(DiagnosticCode::kWrongType, ref,
          {std::string(what) + " must be a text or {vi: ..., en: ...}, not " + KindName(ref.node),
           WhatVi(what) + " phải là một văn bản hoặc {vi: ..., en: ...}, không phải " + KindNameVi(ref.node)});
    return std::nullopt;
  }
  const std::vector<MapEntry> entries = source_.Entries(ref.node, sink_);
  CheckKeys(entries, {"vi", "en"}, what);
  Label label;
  for (const MapEntry& e : entries) {
    if (e.key != "vi" && e.key != "en") continue;
    std::optional<std::string> text = Text(e.value, "'" + e.key + "'");
    if (text) (e.key == "vi" ? label.vi : label.en) = std::move(*text);
  }
  return label;
}

std::optional<model::ExprText> Reader::Expr(const NodeRef& ref, std::string_view what) {
  if (ref.node.IsScalar()) return MakeExprText(source_, ref.node);
  if (ref.node.IsNull()) {
    Error(DiagnosticCode::kWrongType, ref,
          {std::string(what) + " is empty; write an expression after the colon",
           WhatVi(what) + " đang để trống; viết một biểu thức sau dấu hai chấm"});
  } else {
    Error(DiagnosticCode::kWrongType, ref,
          {std::string(what) + " must be an expression written as text, not " + KindName(ref.node) +
               " (use `|` for an expression over several lines)",
           WhatVi(what) + " phải là một biểu thức viết dạng văn bản, không phải " + KindNameVi(ref.node) +
               " (dùng `|` cho biểu thức nhiều dòng)"});
  }
  return std::nullopt;
}

std::optional<std::string> Reader::ChoiceWord(const NodeRef& ref, std::string_view what,
                                              const std::vector<std::string>& words) {
  std::optional<std::string> s = Text(ref, what);
  if (!s) return std::nullopt;
  for (const std::string& w : words) {
    if (w == *s) return s;
  }
  Error(DiagnosticCode::kBadValue, ref,
        WithSuggestion(Message("'" + *s + "' is not allowed for " + std::string(what) + "; write " + Join(words) + ".",
                               "'" + *s + "' không được phép cho " + WhatVi(what) + "; viết " + JoinVi(words) + "."),
                       *s, words));
  return std::nullopt;
}

const std::vector<std::pair<std::string, Entity>>& EntityChoices() {
  static const std::vector<std::pair<std::string, Entity>> kChoices = {{"person", Entity::kPerson},
                                                                        {"household", Entity::kHousehold}};
  return kChoices;
}

const std::vector<std::pair<std::string, model::MonthRule>>& MonthRuleChoices() {
  static const std::vector<std::pair<std::string, model::MonthRule>> kChoices = {
      {"any_day", model::MonthRule::kAnyDay},
      {"first_day", model::MonthRule::kFirstDay},
      {"last_day", model::MonthRule::kLastDay}};
  return kChoices;
}

}  // namespace ansinh::yaml

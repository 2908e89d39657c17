// One JSON household object -> BatchBuilder, with simdjson On Demand.
//
// Numbers are passed on as their literal text (exact decimals). Values of
// unknown keys are still walked, so that a broken value anywhere makes the
// record an R_SYNTAX one rather than passing unnoticed. A record with invalid
// UTF-8 is parsed again with the bad bytes replaced by U+FFFD; a value holding
// U+FFFD then gets R_BAD_UTF8 on its own field (see SetString).
#include "io/json_record.hpp"

#include <cstdint>
#include <cstring>
#include <utility>

#include "common/swar.hpp"
#include "records/issues.hpp"
#include "records/value_text.hpp"

namespace ansinh::internal {
namespace ondemand = simdjson::ondemand;
using simdjson::error_code;

namespace {

constexpr int kMaxDepth = 64;
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
constexpr Entity kJsonH = Entity::kHousehold;
constexpr Entity kJsonP = Entity::kPerson;

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

const char* Kind(ondemand::json_type t) {
  switch (t) {
    case ondemand::json_type::array: return "a list";
    case ondemand::json_type::object: return "an object";
    case ondemand::json_type::number: return "a number";
    case ondemand::json_type::string: return "a text";
    case ondemand::json_type::boolean: return "true/false";
    case ondemand::json_type::null: return "null";
  }
  return "a value";
}

// A JSON string's text read in place, from just after its opening quote, when it has no
// escape (then it is its own unescaped text); false at a backslash (simdjson unescapes it).
// Stage 1 has found every string closed, of valid UTF-8 and free of control bytes, and the
// input is padded (SIMDJSON_PADDING bytes after the record): the scan, eight bytes at a time,
// stops at the closing quote and reads at most seven bytes beyond it.
inline bool PlainString(const char* p, std::string_view* out) noexcept {
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
  for (size_t i = 0;; ++i) {
    if (p[i] == '\\') return false;
    if (p[i] == '"') {
      *out = std::string_view(p, i);
      return true;
    }
  }
#endif
  for (size_t i = 0;; i += 8) {
    const uint64_t w = Load8(p + i);
    // A quote or backslash (exact for the first such byte).
    const uint64_t hit = AnyEqual(w, '"') | AnyEqual(w, '\\');
    if (hit == 0) continue;
    const size_t at = i + static_cast<size_t>(__builtin_ctzll(hit)) / 8;  // little-endian: the first
    if (p[at] == '\\') return false;
    *out = std::string_view(p, at);
    return true;
  }
}

// A field's key: in place when it has no escape (no copy into simdjson's string buffer).
inline error_code Key(ondemand::field& field, std::string_view* key) noexcept {
  if (PlainString(field.key().raw(), key)) return simdjson::SUCCESS;
  return field.unescaped_key().get(*key);
}

// Walks a value to its end, validating it.
error_code Skip(ondemand::value& value, int depth) {
  if (depth > kMaxDepth) return simdjson::DEPTH_ERROR;
  ondemand::json_type t;
  if (auto e = value.type().get(t)) return e;
  switch (t) {
    case ondemand::json_type::object: {
      ondemand::object object;
      if (auto e = value.get_object().get(object)) return e;
      for (auto result : object) {
        ondemand::field field;
        std::string_view key;
        if (auto e = std::move(result).get(field)) return e;
        if (auto e = field.unescaped_key().get(key)) return e;
        if (auto e = Skip(field.value(), depth + 1)) return e;
      }
      return simdjson::SUCCESS;
    }
    case ondemand::json_type::array: {
      ondemand::array array;
      if (auto e = value.get_array().get(array)) return e;
      for (auto result : array) {
        ondemand::value item;
        if (auto e = std::move(result).get(item)) return e;
        if (auto e = Skip(item, depth + 1)) return e;
      }
      return simdjson::SUCCESS;
    }
    case ondemand::json_type::string: {
      std::string_view s;
      return value.get_string().get(s);
    }
    case ondemand::json_type::number:
      return IsJsonNumber(TrimRight(value.raw_json_token())) ? simdjson::SUCCESS : simdjson::NUMBER_ERROR;
    case ondemand::json_type::boolean: {
      bool b;
      return value.get_bool().get(b);
    }
    case ondemand::json_type::null: {
      bool is_null = false;
      if (auto e = value.is_null().get(is_null)) return e;
      return is_null ? simdjson::SUCCESS : simdjson::N_ATOM_ERROR;
    }
  }
  return simdjson::INCORRECT_TYPE;
}

// A short, user-facing description of a simdjson error (en, vi).
std::pair<std::string, std::string> Describe(error_code e) {
  switch (e) {
    case simdjson::TAPE_ERROR:
      return {"unbalanced brackets, a misplaced comma or colon, or a missing value (a truncated record?)",
              "ngoặc không cân đối, dấu phẩy hoặc dấu hai chấm sai vị trí, hoặc thiếu giá trị (bản ghi bị cắt cụt?)"};
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
      return {"a '{' or '[' is not closed (truncated record?)", "thiếu dấu đóng '}' hoặc ']' (bản ghi bị cắt cụt?)"};
    case simdjson::UNCLOSED_STRING: return {"a text is not closed with '\"'", "chuỗi không được đóng bằng dấu '\"'"};
    case simdjson::STRING_ERROR: return {"invalid escape in a text", "chuỗi chứa ký tự thoát không hợp lệ"};
    case simdjson::NUMBER_ERROR: return {"invalid number", "số không hợp lệ"};
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
      return {"invalid literal (expected true, false or null)", "giá trị không hợp lệ (cần true, false hoặc null)"};
    case simdjson::TRAILING_CONTENT: return {"text after the end of the object", "có nội dung thừa sau đối tượng"};
    case simdjson::DEPTH_ERROR: return {"nested too deeply", "lồng nhau quá sâu"};
    case simdjson::EMPTY: return {"empty record", "bản ghi rỗng"};
    default: break;
  }
  const std::string m = simdjson::error_message(e);
  return {m, m};
}

}  // namespace

bool IsJsonNumber(std::string_view s) noexcept {
  size_t i = 0;
  auto digits = [&] {
    const size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

JsonRecordConverter::JsonRecordConverter(const CompiledSchema& schema)
    : schema_(schema), household_fields_(schema, kJsonH), person_fields_(schema, kJsonP) {
  // Small to start with; iterate() grows it, keeping the depth limit.
  if (parser_.allocate(1 << 16, kMaxDepth) != simdjson::SUCCESS) {
    // Out of memory now: iterate() will try again and report it per record.
  }
}

void JsonRecordConverter::Convert(std::string_view text, size_t capacity, const RecordOrigin& origin,
                                  BatchBuilder& b, HouseholdIds* ids) {
  b.BeginHousehold(origin);
  sanitizing_ = false;
  bad_utf8_fields_ = 0;
  member_ordinal_ = 0;
  members_given_ = false;
  ondemand::document doc;
  error_code error = parser_.iterate(simdjson::padded_string_view(text.data(), text.size(), capacity)).get(doc);
  if (error == simdjson::UTF8_ERROR) {
    sanitized_.clear();
    AppendSanitizedUtf8(text, &sanitized_);
    const size_t length = sanitized_.size();
    sanitized_.append(simdjson::SIMDJSON_PADDING, ' ');
    sanitizing_ = true;
    error = parser_.iterate(simdjson::padded_string_view(sanitized_.data(), length, sanitized_.size())).get(doc);
  }
  ondemand::json_type type = ondemand::json_type::null;
  if (!error) error = doc.type().get(type);
  if (!error && type != ondemand::json_type::object) {
    b.AddIssue(NotAnObjectIssue(origin.line, Kind(type)));
    if (!b.IsSet(kJsonH, 0)) b.SetText(kJsonH, 0, "line " + std::to_string(origin.line));
  } else if (!error) {
    ondemand::object object;
    error = doc.get_object().get(object);
    if (!error) error = ConvertHousehold(object, b);
    const char* trailing = nullptr;
    if (!error && doc.current_location().get(trailing) == simdjson::SUCCESS) {
      error = simdjson::TRAILING_CONTENT;
    }
  }
  if (error) Fail(error, text, origin, b);
  if (sanitizing_ && bad_utf8_fields_ == 0) {
    b.EndPerson();
    b.AddIssue(BadUtf8Issue(""));
  }
  if (ids != nullptr) ids->Check(b, origin);
  b.EndHousehold();
}

void JsonRecordConverter::Fail(error_code error, std::string_view text, const RecordOrigin& origin,
                               BatchBuilder& b) {
  b.EndPerson();
  const auto [en, vi] = Describe(error);
  b.AddIssue(JsonSyntaxIssue("JSON", origin.line, en, vi));
  if (!b.IsSet(kJsonH, 0)) {
    std::string id = RecoverJsonId(text);
    if (id.empty() || !IsValidUtf8(id)) id = "line " + std::to_string(origin.line);
    b.SetText(kJsonH, 0, id);
  }
}

error_code JsonRecordConverter::ConvertHousehold(ondemand::object& object, BatchBuilder& b) {
  for (auto result : object) {
    if (auto e = result.error()) return e;
    ondemand::field& field = result.value_unsafe();  // no copy (a copy stalled on store forwarding)
    std::string_view key;
    if (auto e = Key(field, &key)) return e;
    const int index = household_fields_.Find(key);
    error_code e = simdjson::SUCCESS;
    if (index == FieldLookup::kMembers) {
      e = ConvertMembers(field.value(), b);
    } else if (index == FieldLookup::kUnknown) {
      b.UnknownField(kJsonH, key);
      e = Skip(field.value(), 1);
    } else {
      e = ConvertValue(kJsonH, index, field.value(), b);
    }
    if (e) return e;
  }
  return simdjson::SUCCESS;
}

error_code JsonRecordConverter::ConvertMembers(ondemand::value& value, BatchBuilder& b) {
  if (members_given_) {
    b.AddIssue(DuplicateFieldIssue("members"));
    return Skip(value, 1);
  }
  members_given_ = true;
  ondemand::json_type t;
  if (auto e = value.type().get(t)) return e;
  if (t == ondemand::json_type::null) return Skip(value, 1);  // unknown members: R_NO_MEMBERS
  if (t != ondemand::json_type::array) {
    b.AddIssue(MembersNotListIssue(Kind(t)));
    return Skip(value, 1);
  }
  ondemand::array array;
  if (auto e = value.get_array().get(array)) return e;
  for (auto result : array) {
    if (auto e = result.error()) return e;
    ondemand::value& item = result.value_unsafe();
    ++member_ordinal_;
    if (auto e = item.type().get(t)) return e;
    if (t != ondemand::json_type::object) {
      b.AddIssue(MemberNotObjectIssue(member_ordinal_, Kind(t)));
      if (auto e = Skip(item, 2)) return e;
      continue;
    }
    ondemand::object person;
    if (auto e = item.get_object().get(person)) return e;
    if (auto e = ConvertPerson(person, b)) return e;
  }
  return simdjson::SUCCESS;
}

error_code JsonRecordConverter::ConvertPerson(ondemand::object& object, BatchBuilder& b) {
  b.BeginPerson();
  for (auto result : object) {
    if (auto e = result.error()) return e;
    ondemand::field& field = result.value_unsafe();  // no copy (a copy stalled on store forwarding)
    std::string_view key;
    if (auto e = Key(field, &key)) return e;
    const int index = person_fields_.Find(key);
    error_code e = simdjson::SUCCESS;
    if (index < 0) {
      b.UnknownField(kJsonP, key);
      e = Skip(field.value(), 3);
    } else {
      e = ConvertValue(kJsonP, index, field.value(), b);
    }
    if (e) return e;
  }
  b.EndPerson();
  return simdjson::SUCCESS;
}

error_code JsonRecordConverter::ConvertValue(Entity entity, int field, ondemand::value& value,
                                             BatchBuilder& b) {
  ondemand::json_type t;
  if (auto e = value.type().get(t)) return e;
  switch (t) {
    case ondemand::json_type::string: {
      std::string_view s;
      if (PlainString(value.raw_json_token().data() + 1, &s)) {
        ondemand::raw_json_string raw;  // consumes the value; its text is `s`
        if (auto e = value.get_raw_json_string().get(raw)) return e;
      } else if (auto e = value.get_string().get(s)) {
        return e;
      }
      return SetString(entity, field, s, b);
    }
    case ondemand::json_type::number: {
      const std::string_view raw = TrimRight(value.raw_json_token());
      if (!IsJsonNumber(raw)) return simdjson::NUMBER_ERROR;
      b.SetNumberText(entity, field, raw);
      return simdjson::SUCCESS;
    }
    case ondemand::json_type::boolean: {
      bool v = false;
      if (auto e = value.get_bool().get(v)) return e;
      b.SetBool(entity, field, v);
      return simdjson::SUCCESS;
    }
    case ondemand::json_type::null: {
      if (auto e = Skip(value, 3)) return e;
      b.SetNull(entity, field);
      return simdjson::SUCCESS;
    }
    case ondemand::json_type::array: {
      ondemand::array array;
      if (auto e = value.get_array().get(array)) return e;
      return ConvertList(entity, field, array, b);
    }
    case ondemand::json_type::object:
      b.WrongType(entity, field, "an object");
      return Skip(value, 3);
  }
  return simdjson::INCORRECT_TYPE;
}

error_code JsonRecordConverter::ConvertList(Entity entity, int field, ondemand::array& array,
                                            BatchBuilder& b) {
  items_.clear();
  bool non_text = false;
  for (auto result : array) {
    ondemand::value item;
    ondemand::json_type t;
    if (auto e = std::move(result).get(item)) return e;
    if (auto e = item.type().get(t)) return e;
    if (t == ondemand::json_type::string) {
      std::string_view s;
      if (auto e = item.get_string().get(s)) return e;
      items_.push_back(s);
    } else {
      non_text = true;
      if (auto e = Skip(item, 4)) return e;
    }
  }
  if (schema_.fields(entity)[field].type != ValueType::kSet) {
    b.WrongType(entity, field, "a list");
  } else if (non_text) {
    b.WrongType(entity, field, "a list with a non-text item");
  } else {
    b.BeginSet(entity, field);
    for (std::string_view item : items_) {
      if (sanitizing_ && item.find(kReplacement) != std::string_view::npos) {
        b.AddSetItem(entity, field, "\xFF");  // invalid UTF-8: the builder reports R_BAD_UTF8
        ++bad_utf8_fields_;
      } else {
        b.AddSetItem(entity, field, item);
      }
    }
  }
  return simdjson::SUCCESS;
}

error_code JsonRecordConverter::SetString(Entity entity, int field, std::string_view s, BatchBuilder& b) {
  if (sanitizing_ && s.find(kReplacement) != std::string_view::npos) {
    b.SetText(entity, field, "\xFF");  // invalid UTF-8: the builder reports R_BAD_UTF8
    ++bad_utf8_fields_;
  } else {
    b.SetText(entity, field, s);
  }
  return simdjson::SUCCESS;
}

std::string RecoverJsonId(std::string_view text) {
  int depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    } else if (c == '"') {
      size_t j = i + 1;
      while (j < text.size() && text[j] != '"') j += text[j] == '\\' ? 2 : 1;
      if (j >= text.size()) return {};
      const std::string_view s = text.substr(i + 1, j - i - 1);
      size_t k = j + 1;
      while (k < text.size() && (text[k] == ' ' || text[k] == '\t')) ++k;
      if (depth == 1 && s == "id" && k < text.size() && text[k] == ':') {
        ++k;
        while (k < text.size() && (text[k] == ' ' || text[k] == '\t')) ++k;
        size_t end = k;
        if (k < text.size() && text[k] == '"') {
          ++k;
          end = k;
          while (end < text.size() && text[end] != '"' && text[end] != '\\' && end - k < 200) ++end;
          if (end >= text.size() || text[end] != '"') return {};
        } else {
          while (end < text.size() && end - k < 40 &&
                 std::string_view("0123456789+-.eE").find(text[end]) != std::string_view::npos) {
            ++end;
          }
          if (!IsJsonNumber(text.substr(k, end - k))) return {};
        }
        return std::string(text.substr(k, end - k));
      }
      i = j;
    }
  }
  return {};
}

}  // namespace ansinh::internal

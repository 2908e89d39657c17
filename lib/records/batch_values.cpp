// BatchBuilder: converting values to the column representation of batch.hpp.
#include <cstring>
#include <string>

#include "records/batch.hpp"
#include "records/batch_internal.hpp"
#include "records/issues.hpp"
#include "records/value_text.hpp"

namespace ansinh::internal {
namespace {

ExactNumber FromInt(int64_t v) noexcept {
  ExactNumber n;
  n.negative = v < 0;
  n.digits = n.negative ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  return n;
}

// A name from the input, made safe for a path: no quotes, control bytes escaped.
std::string SafeName(std::string_view name) {
  std::string q = QuoteForMessage(name, 100);
  return q.substr(1, q.size() - 2);
}

}  // namespace

// The helpers below run for every value read: kept inline (the hot path of
// the readers' 100 MB/s target).
#define ANSINH_HOT [[gnu::always_inline]] inline

// The first (up to) eight bytes of `text`, zero-padded (a key, compared whole; not an integer).
ANSINH_HOT uint64_t Head(std::string_view text) noexcept {
  const char* p = text.data();
  const size_t n = text.size();
  uint64_t w = 0;
  if (n >= 8) {
    std::memcpy(&w, p, 8);
  } else if (n >= 4 && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__) {  // two overlapping four-byte loads
    uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    w = a | uint64_t{b} << (8 * (n - 4));
  } else {
    for (size_t i = 0; i < n; ++i) w |= uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  }
  return w;
}

ANSINH_HOT size_t KeySlot(uint64_t head, size_t length) noexcept {
  const uint64_t h = (head ^ length) * 0x9E3779B97F4A7C15ULL;
  return static_cast<size_t>(h >> 40);
}

std::vector<BatchBuilder::ValueKeys> BatchBuilder::MakeValueKeys(const std::vector<CompiledField>& fields) {
  std::vector<ValueKeys> out(fields.size());
  for (size_t f = 0; f < fields.size(); ++f) {
    if (fields[f].type != ValueType::kEnum && fields[f].type != ValueType::kSet) continue;
    ValueKeys& k = out[f];
    k.values = &fields[f].values;
    size_t size = 8;
    while (size < fields[f].values.size() * 2) size *= 2;
    k.slots.assign(size, -1);
    k.mask = size - 1;
    for (size_t i = 0; i < fields[f].values.size(); ++i) {
      const std::string& v = fields[f].values[i];
      k.keys.push_back({Head(v), v.size()});
      for (size_t s = KeySlot(k.keys[i].head, v.size()) & k.mask;; s = (s + 1) & k.mask) {
        if (k.slots[s] < 0) {
          k.slots[s] = static_cast<int32_t>(i);
          break;
        }
        if (k.Same(static_cast<size_t>(k.slots[s]), k.keys[i].head, v)) break;  // the first one wins
      }
    }
  }
  return out;
}

ANSINH_HOT bool BatchBuilder::ValueKeys::Same(size_t i, uint64_t head, std::string_view text) const noexcept {
  const size_t n = text.size();
  return keys[i].length == n && keys[i].head == head &&
         (n <= 8 || SameText(text.substr(8), std::string_view((*values)[i]).substr(8)));
}

ANSINH_HOT int BatchBuilder::ValueKeys::Find(std::string_view text) const noexcept {
  if (slots.empty()) return -1;
  const uint64_t head = Head(text);
  for (size_t s = KeySlot(head, text.size()) & mask;; s = (s + 1) & mask) {
    const int32_t i = slots[s];
    if (i < 0) return -1;
    if (Same(static_cast<size_t>(i), head, text)) return i;
  }
}

ANSINH_HOT int BatchBuilder::ValueIndex(Entity entity, int field, std::string_view text) const noexcept {
  return (entity == Entity::kHousehold ? household_values_ : person_values_)[field].Find(text);
}

ANSINH_HOT bool BatchBuilder::Accepting(Entity entity, int field) const noexcept {
  if (!in_household_ || field < 0) return false;
  if (entity == Entity::kPerson) {
    return in_person_ && !discard_person_ && static_cast<size_t>(field) < person_set_.size();
  }
  return static_cast<size_t>(field) < household_set_.size();
}

ANSINH_HOT bool BatchBuilder::Claim(Entity entity, int field) {
  auto& set = entity == Entity::kHousehold ? household_set_ : person_set_;
  if (set[field]) {
    ReportDuplicate(entity, field);
    return false;
  }
  set[field] = 1;
  return true;
}

void BatchBuilder::ReportDuplicate(Entity entity, int field) {
  out_->issues.push_back(DuplicateFieldIssue(Path(entity, field)));
}

std::string BatchBuilder::Path(Entity entity, int field) const {
  const std::string& name = out_->schema->fields(entity)[field].name;
  return entity == Entity::kHousehold ? name : kPersonMark + ("." + name);
}

ANSINH_HOT int64_t& BatchBuilder::Value(Entity entity, int field) noexcept {
  auto& columns = entity == Entity::kHousehold ? out_->household_columns : out_->person_columns;
  return columns[field].value.back();
}

ANSINH_HOT uint8_t& BatchBuilder::Known(Entity entity, int field) noexcept {
  auto& columns = entity == Entity::kHousehold ? out_->household_columns : out_->person_columns;
  return columns[field].known.back();
}

ANSINH_HOT void BatchBuilder::Store(Entity entity, int field, int64_t value) noexcept {
  auto& column = (entity == Entity::kHousehold ? out_->household_columns : out_->person_columns)[field];
  column.value.back() = value;
  column.known.back() = 1;
}

void BatchBuilder::Fail(Entity entity, int field, RecordIssue issue) {
  Value(entity, field) = 0;
  Known(entity, field) = 0;
  out_->issues.push_back(std::move(issue));
}

void BatchBuilder::FailText(Entity entity, int field, std::string_view text, RecordIssue type_issue) {
  if (!IsValidUtf8(text)) {
    Fail(entity, field, BadUtf8Issue(Path(entity, field)));
  } else {
    Fail(entity, field, std::move(type_issue));
  }
}

void BatchBuilder::StoreString(Entity entity, int field, std::string_view text) {
  if (text.size() > limits_.max_string_bytes || text.size() >= (size_t{1} << 24)) {
    Fail(entity, field, StringTooLongIssue(Path(entity, field), text.size(), limits_.max_string_bytes));
    return;
  }
  if (!IsValidUtf8(text)) {
    Fail(entity, field, BadUtf8Issue(Path(entity, field)));
    return;
  }
  const size_t offset = out_->strings.size();
  out_->strings.append(text);
  Store(entity, field, MakeStringRef(offset, text.size()));
}

void BatchBuilder::StoreEnum(Entity entity, int field, std::string_view text) {
  const std::string_view t = TrimSpaces(text);
  const int index = ValueIndex(entity, field, t);
  if (index < 0) {
    const CompiledField& f = out_->schema->fields(entity)[field];
    FailText(entity, field, t, UnknownEnumIssue(Path(entity, field), f, t));
  } else {
    Store(entity, field, index);
  }
}

void BatchBuilder::StoreSetText(Entity entity, int field, std::string_view text) {
  const CompiledField& f = out_->schema->fields(entity)[field];
  std::string_view t = TrimSpaces(text);
  bool bracketed = false;
  if (t.size() >= 2 && t.front() == '[' && t.back() == ']') {
    t = t.substr(1, t.size() - 2);
    bracketed = true;
  }
  uint64_t mask = 0;
  size_t start = 0;
  for (size_t i = 0; i <= t.size(); ++i) {
    const bool separator = i == t.size() || t[i] == ';' || t[i] == '|' || (bracketed && t[i] == ',');
    if (!separator) continue;
    const std::string_view item = TrimSpaces(t.substr(start, i - start));
    start = i + 1;
    if (item.empty()) continue;
    const int index = ValueIndex(entity, field, item);
    if (index < 0 || index >= 64) {
      FailText(entity, field, item, UnknownEnumIssue(Path(entity, field), f, item));
      return;
    }
    mask |= uint64_t{1} << index;
  }
  if (static_cast<size_t>(__builtin_popcountll(mask)) > limits_.max_set_items) {
    Fail(entity, field, TooManySetItemsIssue(Path(entity, field), limits_.max_set_items));
    return;
  }
  Store(entity, field, static_cast<int64_t>(mask));
}

void BatchBuilder::StoreNumber(Entity entity, int field, const ExactNumber& number,
                               std::string_view text) {
  const CompiledField& f = out_->schema->fields(entity)[field];
  int64_t v = 0;
  NumberStatus status = NumberStatus::kOk;
  switch (f.type) {
    case ValueType::kInt:
      status = ScaleToInt64(number, 0, &v);
      break;
    case ValueType::kMoney:
      status = ScaleToInt64(number, 0, &v);
      if (status == NumberStatus::kOk) status = ScaleToInt64(number, 6, &v);
      break;
    case ValueType::kDecimal:
      status = ScaleToInt64(number, 6, &v);
      break;
    case ValueType::kBool:
      if (ScaleToInt64(number, 0, &v) == NumberStatus::kOk && (v == 0 || v == 1)) {
        Store(entity, field, v);
      } else {
        const std::string q = QuoteForMessage(text);
        Fail(entity, field, WrongTypeIssue(Path(entity, field), f, q, q));
      }
      return;
    case ValueType::kString: StoreString(entity, field, text); return;
    case ValueType::kEnum: StoreEnum(entity, field, text); return;
    case ValueType::kDate:
    case ValueType::kSet:
      Fail(entity, field, WrongTypeIssue(Path(entity, field), f, "a number", TranslateWhat("a number")));
      return;
  }
  if (status == NumberStatus::kOk) {
    Store(entity, field, v);
  } else {
    Fail(entity, field, BadNumberIssue(Path(entity, field), f, text, status));
  }
}

void BatchBuilder::SetText(Entity entity, int field, std::string_view text) {
  if (!Accepting(entity, field) || !Claim(entity, field)) return;
  const CompiledField& f = out_->schema->fields(entity)[field];
  if (f.type == ValueType::kString) {
    if (text.empty()) {
      Value(entity, field) = f.has_default ? f.default_raw : 0;
      Known(entity, field) = f.has_default ? 1 : 0;
    } else {
      StoreString(entity, field, text);
    }
    return;
  }
  const std::string_view t = TrimSpaces(text);
  if (t.empty()) {
    Value(entity, field) = f.has_default ? f.default_raw : 0;
    Known(entity, field) = f.has_default ? 1 : 0;
    return;
  }
  switch (f.type) {
    case ValueType::kEnum: StoreEnum(entity, field, t); return;
    case ValueType::kSet: StoreSetText(entity, field, t); return;
    case ValueType::kBool: {
      const auto b = ParseBoolText(t);
      if (b) {
        Store(entity, field, *b ? 1 : 0);
      } else {
        const std::string q = QuoteForMessage(t);
        FailText(entity, field, t, WrongTypeIssue(Path(entity, field), f, q, q));
      }
      return;
    }
    case ValueType::kDate: {
      const auto d = ParseDateText(t);
      if (d) {
        Store(entity, field, d->days());
      } else {
        FailText(entity, field, t, BadDateIssue(Path(entity, field), t));
      }
      return;
    }
    default: break;
  }
  const auto number = ParseExactNumber(t);
  if (!number) {
    const std::string q = QuoteForMessage(t);
    FailText(entity, field, t, WrongTypeIssue(Path(entity, field), f, q, q));
    return;
  }
  StoreNumber(entity, field, *number, t);
}

void BatchBuilder::SetNull(Entity entity, int field) {
  if (!Accepting(entity, field) || !Claim(entity, field)) return;
  const CompiledField& f = out_->schema->fields(entity)[field];
  Value(entity, field) = f.has_default ? f.default_raw : 0;
  Known(entity, field) = f.has_default ? 1 : 0;
}

void BatchBuilder::SetBool(Entity entity, int field, bool value) {
  if (!Accepting(entity, field) || !Claim(entity, field)) return;
  const CompiledField& f = out_->schema->fields(entity)[field];
  if (f.type == ValueType::kBool) {
    Store(entity, field, value ? 1 : 0);
  } else {
    const char* got = value ? "true" : "false";
    Fail(entity, field, WrongTypeIssue(Path(entity, field), f, got, TranslateWhat(got)));
  }
}

void BatchBuilder::SetInt(Entity entity, int field, int64_t value) {
  if (!Accepting(entity, field) || !Claim(entity, field)) return;
  StoreNumber(entity, field, FromInt(value), std::to_string(value));
}

void BatchBuilder::SetDecimal(Entity entity, int field, Decimal value) {
  if (!Accepting(entity, field) || !Claim(entity, field)) return;
  ExactNumber n = FromInt(value.millionths());
  n.exponent = -6;
  StoreNumber(entity, field, n, value.ToString());
}

void BatchBuilder::SetNumberText(Entity entity, int field, std::string_view number) {
  if (!Accepting(entity, field) || !Claim(entity, field)) return;
  const auto n = ParseExactNumber(number);
  if (!n) {
    const CompiledField& f = out_->schema->fields(entity)[field];
    const std::string q = QuoteForMessage(number);
    FailText(entity, field, number, WrongTypeIssue(Path(entity, field), f, q, q));
    return;
  }
  StoreNumber(entity, field, *n, number);
}

void BatchBuilder::SetDate(Entity entity, int field, Date value) {
  if (!Accepting(entity, field) || !Claim(entity, field)) return;
  constexpr int32_t kFirstDay = -719162;  // 0001-01-01
  constexpr int32_t kLastDay = 2932896;   // 9999-12-31
  const CompiledField& f = out_->schema->fields(entity)[field];
  if (value.days() < kFirstDay || value.days() > kLastDay) {
    const std::string text = std::to_string(value.days()) + " days from 1970-01-01";
    Fail(entity, field, BadDateIssue(Path(entity, field), text));
    return;
  }
  if (f.type == ValueType::kDate) {
    Store(entity, field, value.days());
  } else if (f.type == ValueType::kString) {
    StoreString(entity, field, value.ToString());
  } else {
    Fail(entity, field, WrongTypeIssue(Path(entity, field), f, "a date", TranslateWhat("a date")));
  }
}

void BatchBuilder::SetEnumIndex(Entity entity, int field, int value) {
  if (!Accepting(entity, field) || !Claim(entity, field)) return;
  const CompiledField& f = out_->schema->fields(entity)[field];
  if (f.type != ValueType::kEnum) {
    Fail(entity, field, WrongTypeIssue(Path(entity, field), f, "an enum value", "một giá trị liệt kê"));
  } else if (value < 0 || static_cast<size_t>(value) >= f.values.size()) {
    Fail(entity, field, UnknownEnumIssue(Path(entity, field), f, "#" + std::to_string(value)));
  } else {
    Store(entity, field, value);
  }
}

void BatchBuilder::BeginSet(Entity entity, int field) {
  if (!Accepting(entity, field) || !Claim(entity, field)) return;
  const CompiledField& f = out_->schema->fields(entity)[field];
  if (f.type == ValueType::kSet) {
    Store(entity, field, 0);
  } else {
    Fail(entity, field, WrongTypeIssue(Path(entity, field), f, "a list", TranslateWhat("a list")));
  }
}

void BatchBuilder::AddSetItem(Entity entity, int field, std::string_view item) {
  if (!Accepting(entity, field) || !IsSet(entity, field)) return;
  const CompiledField& f = out_->schema->fields(entity)[field];
  if (f.type != ValueType::kSet || !Known(entity, field)) return;  // already reported
  const int index = ValueIndex(entity, field, item);
  if (index < 0 || index >= 64) {
    FailText(entity, field, item, UnknownEnumIssue(Path(entity, field), f, item));
    return;
  }
  const uint64_t mask = static_cast<uint64_t>(Value(entity, field)) | (uint64_t{1} << index);
  if (static_cast<size_t>(__builtin_popcountll(mask)) > limits_.max_set_items) {
    Fail(entity, field, TooManySetItemsIssue(Path(entity, field), limits_.max_set_items));
    return;
  }
  Value(entity, field) = static_cast<int64_t>(mask);
}

void BatchBuilder::WrongType(Entity entity, int field, std::string_view what) {
  if (!Accepting(entity, field) || !Claim(entity, field)) return;
  const CompiledField& f = out_->schema->fields(entity)[field];
  Fail(entity, field, WrongTypeIssue(Path(entity, field), f, what, TranslateWhat(what)));
}

void BatchBuilder::UnknownField(Entity entity, std::string_view name) {
  if (!in_household_) return;
  if (entity == Entity::kPerson && (!in_person_ || discard_person_)) return;
  if (!RoomForUnknownField()) return;  // counted for the "and N more" warning
  const std::string safe = SafeName(name);
  const std::string path = entity == Entity::kHousehold ? safe : kPersonMark + ("." + safe);
  out_->issues.push_back(UnknownFieldIssue(path, name, entity, out_->schema->fields(entity)));
}

void BatchBuilder::SetValue(Entity entity, int field, const InputValue& value) {
  switch (value.kind()) {
    case InputValue::Kind::kNull: SetNull(entity, field); return;
    case InputValue::Kind::kBool: SetBool(entity, field, value.as_bool()); return;
    case InputValue::Kind::kInt: SetInt(entity, field, value.as_int()); return;
    case InputValue::Kind::kDecimal: SetDecimal(entity, field, value.as_decimal()); return;
    case InputValue::Kind::kText: SetText(entity, field, value.as_text()); return;
    case InputValue::Kind::kList:
      BeginSet(entity, field);
      for (const std::string& item : value.as_list()) AddSetItem(entity, field, item);
      return;
  }
}

#undef ANSINH_HOT

}  // namespace ansinh::internal

// Internal: household records stored by column, and the builder that fills
// them from any source (in-memory Household, JSON, CSV, YAML).
//
// Column representation (int64 per value; `known` = 0 means missing/unknown):
//   bool     0 / 1
//   int      the integer
//   money    VND in millionths (Decimal raw): 1 VND = 1'000'000
//   decimal  millionths (Decimal raw)
//   date     days since 1970-01-01 (Date::days())
//   enum     index into CompiledField::values
//   set      bit mask over CompiledField::values (bit i = values[i]); at most 64 values
//   string   a StringRef into BatchData::strings: (offset << 24) | length, length < 2^24
#ifndef ANSINH_LIB_RECORDS_BATCH_HPP_
#define ANSINH_LIB_RECORDS_BATCH_HPP_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/records.hpp"
#include "model/compiled_schema.hpp"

namespace ansinh::internal {

struct ExactNumber;  // records/value_text.hpp

struct FieldColumn {
  std::vector<int64_t> value;
  std::vector<uint8_t> known;
};

inline int64_t MakeStringRef(uint64_t offset, uint64_t length) noexcept {
  return static_cast<int64_t>((offset << 24) | (length & 0xFFFFFF));
}

struct BatchData {
  const CompiledSchema* schema = nullptr;
  size_t households = 0;
  size_t persons = 0;
  std::vector<FieldColumn> household_columns;  // indexed like schema->household
  std::vector<FieldColumn> person_columns;     // indexed like schema->person
  // Persons of household h are [member_begin[h], member_begin[h + 1]); size households + 1.
  std::vector<uint32_t> member_begin{0};
  std::vector<uint32_t> person_household;      // person -> household index
  std::vector<RecordOrigin> origins;           // per household
  // Issues of household h are issues[issue_begin[h] .. issue_begin[h + 1]).
  std::vector<uint32_t> issue_begin{0};
  std::vector<RecordIssue> issues;
  std::vector<uint8_t> has_error;              // per household: an issue of severity error
  std::string strings;                         // arena of string values

  std::string_view String(int64_t ref) const noexcept {
    const uint64_t r = static_cast<uint64_t>(ref);
    return std::string_view(strings.data() + (r >> 24), r & 0xFFFFFF);
  }
  std::string_view HouseholdId(size_t h) const noexcept {
    return String(household_columns[0].value[h]);
  }
  std::string_view PersonId(size_t p) const noexcept { return String(person_columns[0].value[p]); }
  void Clear() noexcept;
  // Appends the households of `other` (same schema), as if they had been built here after these.
  void Append(const BatchData& other);
  // Keeps the first `households` households (the strings arena keeps its bytes).
  void Truncate(size_t households);
  // Room for this many households, persons and string bytes in all (a hint: nothing is added,
  // and the pages are touched only when used; saves the copies of growing one batch record by record).
  void Reserve(size_t households, size_t persons, size_t string_bytes);
};

// Limits applied while building (per-record errors, never crashes).
struct BuildLimits {
  size_t max_members = 200;          // R_LIMIT beyond
  size_t max_string_bytes = 4096;    // R_LIMIT beyond
  size_t max_set_items = 64;
  bool strict = false;               // R_UNKNOWN_FIELD is an error, not a warning
};

inline BuildLimits ToBuildLimits(const RecordOptions& options) {
  BuildLimits out;
  out.max_members = options.max_members;
  out.max_string_bytes = options.max_string_bytes;
  out.strict = options.strict;
  return out;
}

// Appends households to a BatchData, converting and checking each value
// against the schema. Every problem becomes a RecordIssue of the household
// being built; nothing throws for bad data. Usage per household:
//   BeginHousehold(origin); Set*(...); [BeginPerson(); Set*(...); EndPerson();]* EndHousehold();
// Field arguments are schema indices (CompiledSchema::IndexOf); readers resolve
// names once per file or per key. Unknown fields are reported with
// UnknownField(name) (a warning: R_UNKNOWN_FIELD), not set.
class BatchBuilder {
 public:
  // R_UNKNOWN_FIELD warnings kept per household; beyond it one warning says
  // how many more there were (a record with a million unknown fields stays small).
  static constexpr size_t kMaxUnknownFieldWarnings = 20;

  BatchBuilder(BatchData* out, BuildLimits limits = {});

  void BeginHousehold(const RecordOrigin& origin);
  void BeginPerson();
  void EndPerson();
  // Ends the household: applies defaults, runs structural checks (missing or
  // duplicate ids, no members ...), and records issues. Always appends it.
  void EndHousehold();

  // Values by type. `text` is parsed according to the field type:
  //   bool: true/false/1/0/yes/no (any case), có/không; int: [-]digits (also "3.0");
  //   money: integer VND (also "1500000.0"); decimal: exact, at most 6 decimals;
  //   date: YYYY-MM-DD or DD/MM/YYYY (also D/M/YYYY); enum: exact value;
  //   set: values separated by ';' or '|' ("[]" = the empty set); string: as is.
  // Empty text and null mean "not given": the schema default applies, else the
  // field is unknown. A value that does not fit gives an issue (R_WRONG_TYPE,
  // R_BAD_NUMBER, R_BAD_DATE, R_UNKNOWN_ENUM_VALUE with suggestion, R_BAD_UTF8,
  // R_LIMIT) and leaves the field unknown (no default). A field given twice in
  // one record is R_DUPLICATE_FIELD (the first value is kept).
  void SetText(Entity entity, int field, std::string_view text);
  void SetNull(Entity entity, int field);
  void SetBool(Entity entity, int field, bool value);
  void SetInt(Entity entity, int field, int64_t value);
  void SetDecimal(Entity entity, int field, Decimal value);
  // A day (binary sources: numpy datetime64, database dates). Date fields
  // store it; string fields store its YYYY-MM-DD text; others are R_WRONG_TYPE.
  // Outside 0001-01-01..9999-12-31 is R_BAD_DATE.
  void SetDate(Entity entity, int field, Date value);
  // An enum field's value by index into CompiledField::values (R_UNKNOWN_ENUM_VALUE
  // if out of range; R_WRONG_TYPE for other field types).
  void SetEnumIndex(Entity entity, int field, int value);
  // For JSON numbers: the literal text ("1500000", "1.5", "1e3"); exact.
  void SetNumberText(Entity entity, int field, std::string_view number);
  // For set fields from a list: call once per item (after BeginSet).
  void BeginSet(Entity entity, int field);
  void AddSetItem(Entity entity, int field, std::string_view item);
  // Whole-value type errors found by the reader. `what` is what was found, in
  // English: "an object", "a list", "a number", "true/false", "a text" (translated
  // for message_vi), or a quoted value.
  void WrongType(Entity entity, int field, std::string_view what);
  void UnknownField(Entity entity, std::string_view name);
  // Any other problem of the current record (syntax error, bad UTF-8, ...).
  // Inside a person, the issue's field path is made relative to that member
  // ("" -> "members[P2]", "x" -> "members[P2].x").
  void AddIssue(RecordIssue issue);

  // A value as a record gives it (null, bool, int, decimal, text, list):
  // the matching Set* above.
  void SetValue(Entity entity, int field, const InputValue& value);

  // Converts a whole in-memory household (RecordBatch::Add).
  void AddHousehold(const Household& household, const RecordOrigin& origin);

  // Whether `field` of the current household / person was given (even as null).
  bool IsSet(Entity entity, int field) const noexcept;
  // The id of the household being built, or empty if not (validly) given yet.
  std::string_view CurrentHouseholdId() const noexcept;

  BatchData& data() noexcept { return *out_; }

  // A field's column value when it is not given (its default, else unknown).
  struct Default {
    int64_t value;
    bool known;
  };

 private:
  bool Accepting(Entity entity, int field) const noexcept;
  bool Claim(Entity entity, int field);
  void ReportDuplicate(Entity entity, int field);
  std::string Path(Entity entity, int field) const;
  int64_t& Value(Entity entity, int field) noexcept;
  uint8_t& Known(Entity entity, int field) noexcept;
  void Store(Entity entity, int field, int64_t value) noexcept;
  void Fail(Entity entity, int field, RecordIssue issue);
  void StoreString(Entity entity, int field, std::string_view text);
  void StoreEnum(Entity entity, int field, std::string_view text);
  void StoreSetText(Entity entity, int field, std::string_view text);
  void StoreNumber(Entity entity, int field, const ExactNumber& number, std::string_view text);
  void FailText(Entity entity, int field, std::string_view text, RecordIssue type_issue);
  void FinishPersonIssues();
  void CheckHousehold();
  // An enum or set field's values in a small hash table keyed by length and first eight bytes
  // (then the rest compared): CompiledField::ValueIndex without a scan of the values, whose
  // branches mispredicted on every record (a sex, a disability differ from one person to the next).
  struct ValueKeys {
    struct Key {
      uint64_t head;  // the first eight bytes, zero-padded
      size_t length;
    };
    std::vector<Key> keys;                       // by value index
    std::vector<int32_t> slots;                  // value index or -1; open addressing
    size_t mask = 0;
    const std::vector<std::string>* values = nullptr;
    bool Same(size_t i, uint64_t head, std::string_view text) const noexcept;
    int Find(std::string_view text) const noexcept;
  };
  static std::vector<ValueKeys> MakeValueKeys(const std::vector<CompiledField>& fields);
  int ValueIndex(Entity entity, int field, std::string_view text) const noexcept;
  // Counts an unknown-field warning; false beyond kMaxUnknownFieldWarnings.
  bool RoomForUnknownField() noexcept { return ++unknown_seen_ <= kMaxUnknownFieldWarnings; }

  BatchData* out_;
  BuildLimits limits_;
  std::vector<Default> household_defaults_;
  std::vector<Default> person_defaults_;
  std::vector<ValueKeys> household_values_;  // per field (empty keys: not an enum or set)
  std::vector<ValueKeys> person_values_;
  std::vector<uint8_t> household_set_;  // which fields were set for the current household
  std::vector<uint8_t> person_set_;
  size_t person_start_ = 0;             // first person of the current household
  size_t issue_start_ = 0;              // first issue of the current household
  size_t person_issue_start_ = 0;       // first issue of the current person
  size_t members_seen_ = 0;             // persons begun in this household (incl. discarded)
  size_t unknown_seen_ = 0;             // R_UNKNOWN_FIELD warnings of this household (incl. capped)
  bool in_person_ = false;
  bool in_household_ = false;
  bool discard_person_ = false;         // beyond max_members: the person's values are dropped
  std::vector<std::string_view> id_scratch_;  // duplicate person id check
};

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_RECORDS_BATCH_HPP_

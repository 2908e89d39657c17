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
#include "records/schema_impl.hpp"

namespace ansinh::internal {

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
};

// Limits applied while building (per-record errors, never crashes).
struct BuildLimits {
  size_t max_members = 200;          // R_LIMIT beyond
  size_t max_string_bytes = 4096;    // R_LIMIT beyond
  size_t max_set_items = 64;
};

// Appends households to a BatchData, converting and checking each value
// against the schema. Every problem becomes a RecordIssue of the household
// being built; nothing throws for bad data. Usage per household:
//   BeginHousehold(origin); Set*(...); [BeginPerson(); Set*(...); EndPerson();]* EndHousehold();
// Field arguments are schema indices (CompiledSchema::IndexOf); readers resolve
// names once per file or per key. Unknown fields are reported with
// UnknownField(name) (a warning: R_UNKNOWN_FIELD), not set.
class BatchBuilder {
 public:
  BatchBuilder(BatchData* out, BuildLimits limits = {});

  void BeginHousehold(const RecordOrigin& origin);
  void BeginPerson();
  void EndPerson();
  // Ends the household: applies defaults, runs structural checks (missing or
  // duplicate ids, no members ...), and records issues. Always appends it.
  void EndHousehold();

  // Values by type. `text` is parsed according to the field type:
  //   bool: true/false/1/0/yes/no (any case); int: [-]digits; money: integer VND
  //   (also "1500000.0"); decimal: Decimal::Parse; date: YYYY-MM-DD or DD/MM/YYYY;
  //   enum: exact value; set: values separated by ';' or '|'; string: as is.
  // Empty text = null (unknown). A value that does not fit gives an issue
  // (R_WRONG_TYPE, R_UNKNOWN_ENUM_VALUE with suggestion, R_BAD_DATE, R_LIMIT) and leaves
  // the field unknown.
  void SetText(Entity entity, int field, std::string_view text);
  void SetNull(Entity entity, int field);
  void SetBool(Entity entity, int field, bool value);
  void SetInt(Entity entity, int field, int64_t value);
  void SetDecimal(Entity entity, int field, Decimal value);
  // For JSON numbers: the literal text ("1500000", "1.5", "1e3"); exact.
  void SetNumberText(Entity entity, int field, std::string_view number);
  // For set fields from a list: call once per item (after BeginSet).
  void BeginSet(Entity entity, int field);
  void AddSetItem(Entity entity, int field, std::string_view item);
  // Whole-value type errors found by the reader ("expected a text, got an object").
  void WrongType(Entity entity, int field, std::string_view what);
  void UnknownField(Entity entity, std::string_view name);
  // Any other problem of the current record (syntax error, bad UTF-8, ...).
  void AddIssue(RecordIssue issue);

  // Converts a whole in-memory household (RecordBatch::Add).
  void AddHousehold(const Household& household, const RecordOrigin& origin);

  BatchData& data() noexcept { return *out_; }

 private:
  struct Pending;  // per-household scratch (set fields, person ids, ...)
  BatchData* out_;
  BuildLimits limits_;
  std::vector<uint8_t> household_set_;  // which fields were set for the current household
  std::vector<uint8_t> person_set_;
  size_t person_start_ = 0;
  bool in_person_ = false;
  bool in_household_ = false;
  std::string current_person_path_;  // "members[P2]" for issue paths
};

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_RECORDS_BATCH_HPP_

// ansinh — household records: built in code, or read from files (reader.hpp).
#ifndef ANSINH_RECORDS_HPP_
#define ANSINH_RECORDS_HPP_

#include "ansinh/export.h"

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ansinh/date.hpp"
#include "ansinh/decimal.hpp"
#include "ansinh/diagnostic.hpp"
#include "ansinh/rule_set.hpp"
#include "ansinh/value.hpp"
#include "ansinh/version.hpp"

namespace ansinh::internal {
struct BatchData;
class BatchBuilder;
struct Access;  // the library's way in (lib/runtime/access.hpp)
}  // namespace ansinh::internal

ANSINH_BEGIN_NAMESPACE

class RuleSet;

// A person, member of a household, as given (not yet checked). Value type.
struct ANSINH_EXPORT Person {
  std::string id;
  std::vector<std::pair<std::string, InputValue>> fields;

  Person() = default;
  explicit Person(std::string person_id) : id(std::move(person_id)) {}
  // Sets (or replaces) a field. Returns *this for chaining. A braced list of
  // texts is a set value: Set("deprivations", {"water", "sanitation"}); `{}`
  // is the empty set (null, i.e. not given, is nullptr).
  Person& Set(std::string_view field, InputValue value);
  Person& Set(std::string_view field, std::initializer_list<std::string> items) {
    return Set(field, InputValue(std::vector<std::string>(items)));
  }
  // The value of a field, or nullptr if not set.
  const InputValue* Get(std::string_view field) const noexcept;
};

// A household and its members, as given (not yet checked). Value type.
//
// Example:
//   ansinh::Household h("HH-001");
//   h.Set("area", "rural").Set("income_per_capita", 1'200'000)
//    .Set("deprivations", {"water", "sanitation", "housing_area"});
//   h.AddMember("P1").Set("birth_date", "2021-02-28").Set("sex", "female");
struct ANSINH_EXPORT Household {
  std::string id;
  std::vector<std::pair<std::string, InputValue>> fields;
  std::vector<Person> members;

  Household() = default;
  explicit Household(std::string household_id) : id(std::move(household_id)) {}
  Household& Set(std::string_view field, InputValue value);  // as Person::Set
  Household& Set(std::string_view field, std::initializer_list<std::string> items) {
    return Set(field, InputValue(std::vector<std::string>(items)));
  }
  const InputValue* Get(std::string_view field) const noexcept;
  // Appends a member and returns it (the reference is invalidated by the next AddMember).
  Person& AddMember(std::string person_id);
};

// Where a record came from, for error messages: "records.jsonl:12", "households.csv:5".
struct ANSINH_EXPORT RecordOrigin {
  std::string file;
  uint64_t line = 0;    // 1-based line of the record's start; 0 = not from a file
  uint64_t index = 0;   // 0-based position of the record in its input
};

// A problem with one record (error channel 3: a value, never an exception).
// Codes are stable and documented in docs/diagnostics.md ("Record errors").
struct ANSINH_EXPORT RecordIssue {
  std::string code;      // e.g. "R_UNKNOWN_ENUM_VALUE"
  Severity severity = Severity::kError;
  std::string field;     // path: "area", "members[P2].birth_date"; empty for the whole record
  std::string message;   // English
  std::string message_vi;  // Vietnamese
};

// Options for building records (RecordBatch::Add, RecordBuilder; ReadOptions
// extends them for the file readers). Beyond a limit: an R_LIMIT issue on that
// record, never a crash.
struct ANSINH_EXPORT RecordOptions {
  size_t max_members = 200;        // per household
  size_t max_string_bytes = 4096;  // per value
  // A field the schema does not know (R_UNKNOWN_FIELD) is an error of its
  // record (status "error") instead of a warning.
  bool strict = false;
};
using RecordLimits = RecordOptions;  // the former name

// Many households checked against a rule set's schema and stored by column,
// ready for evaluation. Not thread-safe to modify; safe to read (evaluate)
// from many threads at once. Memory grows with the households added; Clear()
// keeps the capacity for reuse. The batch points into its rule set's schema:
// the RuleSet it was made with (or a copy of it) must outlive the batch.
//
// Records with problems are kept: each keeps its issues and will produce a
// decision with status "error" (errors) or with warnings.
class ANSINH_EXPORT RecordBatch {
 public:
  // The batch is bound to the schema of `rules` (which must outlive it).
  explicit RecordBatch(const RuleSet& rules);
  ~RecordBatch();
  RecordBatch(RecordBatch&&) noexcept;
  RecordBatch& operator=(RecordBatch&&) noexcept;
  RecordBatch(const RecordBatch&) = delete;
  RecordBatch& operator=(const RecordBatch&) = delete;

  // Checks `household` against the schema and appends it. Never throws for
  // bad data: problems become RecordIssues of this record. Returns its index.
  size_t Add(const Household& household, const RecordOrigin& origin = {}, const RecordOptions& options = {});
  size_t size() const noexcept;          // households
  size_t person_count() const noexcept;  // persons in all households
  // Issues found while adding record `index` (before evaluation).
  std::vector<RecordIssue> issues(size_t index) const;
  // The id of household `index`. Points into the batch's text storage: valid
  // until the batch changes (Add, a RecordBuilder appending, Clear, a
  // RecordReader filling it) or is destroyed. Copy it to keep it.
  std::string_view household_id(size_t index) const noexcept;
  void Clear() noexcept;

 private:
  friend struct internal::Access;
  std::unique_ptr<internal::BatchData> data_;
};

// Fills a RecordBatch field by field, without building Household objects: the
// columnar way in for bindings and custom sources (a DataFrame, a database
// cursor). Resolve each field's index by name once, then set typed values per
// record:
//
//   ansinh::RecordBatch batch(rules);
//   ansinh::RecordBuilder b(batch);
//   using ansinh::Entity;
//   const int area = b.FieldIndex(Entity::kHousehold, "area");
//   const int birth = b.FieldIndex(Entity::kPerson, "birth_date");
//   b.BeginHousehold();
//   b.SetText(Entity::kHousehold, ansinh::RecordBuilder::kId, "HH-1");
//   b.SetText(Entity::kHousehold, area, "rural");
//   b.BeginPerson();
//   b.SetText(Entity::kPerson, ansinh::RecordBuilder::kId, "P1");
//   b.SetDate(Entity::kPerson, birth, ansinh::Date::FromYmd(2021, 2, 28));
//   b.EndPerson();
//   b.EndHousehold();
//
// Values are checked against the field's type exactly as the file readers
// check them (RecordReader uses the same code). A value that does not fit
// becomes a RecordIssue of its record (R_WRONG_TYPE, R_BAD_NUMBER, R_BAD_DATE,
// R_UNKNOWN_ENUM_VALUE ...) and leaves the field unknown; nothing here throws
// for bad data. A field set twice in one record is R_DUPLICATE_FIELD (the first
// value stays). Fields never set take their schema default, else are unknown.
// EndHousehold runs the record's structural checks (ids, members, duplicates).
// Calls with a field index out of range, or person values outside
// BeginPerson/EndPerson, are ignored.
//
// Not thread-safe: one builder per batch at a time; the batch must outlive
// the builder. Records are appended after those already in the batch.
class ANSINH_EXPORT RecordBuilder {
 public:
  // Field 0 of each entity is its id (type string).
  static constexpr int kId = 0;

  explicit RecordBuilder(RecordBatch& batch, const RecordOptions& options = {});
  ~RecordBuilder();
  RecordBuilder(RecordBuilder&&) noexcept;
  RecordBuilder& operator=(RecordBuilder&&) noexcept;
  RecordBuilder(const RecordBuilder&) = delete;
  RecordBuilder& operator=(const RecordBuilder&) = delete;

  // Index of the schema field `name` of `entity` (as in RuleSet::schema()),
  // or -1 if there is no such field.
  int FieldIndex(Entity entity, std::string_view name) const noexcept;
  // Number of fields of `entity` (indices 0 .. field_count - 1).
  size_t field_count(Entity entity) const noexcept;
  // The type of field `field`; kString for an index out of range.
  ValueType field_type(Entity entity, int field) const noexcept;
  // Index of `value` among the enum/set values of `field`, or -1.
  int ValueIndex(Entity entity, int field, std::string_view value) const noexcept;

  // Record structure. EndHousehold returns the household's index in the batch.
  void BeginHousehold(const RecordOrigin& origin = {});
  void BeginPerson();
  void EndPerson();
  size_t EndHousehold();

  // Values. Null means "not given" (the default applies, else unknown).
  void SetNull(Entity entity, int field);
  void SetBool(Entity entity, int field, bool value);
  // For int, money (whole VND), decimal and bool (0/1) fields; for a string
  // field the decimal text of the number.
  void SetInt(Entity entity, int field, int64_t value);
  void SetDecimal(Entity entity, int field, Decimal value);
  // An exact number literal ("1500000", "1.5", "1e3"), e.g. the shortest
  // text of a binary float: money must be whole VND, int a whole number.
  void SetNumberText(Entity entity, int field, std::string_view number);
  // For date fields. Outside 0001-01-01..9999-12-31 is R_BAD_DATE.
  void SetDate(Entity entity, int field, Date value);
  // Text, parsed by the field's type as a CSV cell is: bool true/false/1/0/
  // yes/no/có/không; numbers; dates YYYY-MM-DD or DD/MM/YYYY; enum values;
  // sets "a;b" or "a|b" ("[]" = the empty set); strings as they are.
  // Empty text means "not given".
  void SetText(Entity entity, int field, std::string_view text);
  // For enum fields: the value with index `value` (see ValueIndex).
  void SetEnumIndex(Entity entity, int field, int value);
  // For set fields given as a list: BeginSet, then AddSetItem per item.
  void BeginSet(Entity entity, int field);
  void AddSetItem(Entity entity, int field, std::string_view item);

  // A value of a kind the field cannot hold, as found by the caller: `what`
  // in English ("a list", "an object", "a number", "true/false", "a text", or
  // a quoted value). Gives R_WRONG_TYPE.
  void WrongType(Entity entity, int field, std::string_view what);
  // A name that is no field of `entity`: the warning R_UNKNOWN_FIELD.
  void UnknownField(Entity entity, std::string_view name);
  // The current household's members come from `persons_source`, but the
  // household itself is not in `households_source`: the error
  // R_HOUSEHOLD_MISSING (as the CSV reader reports an orphan persons' run).
  void HouseholdMissing(std::string_view persons_source, std::string_view households_source);
  // The current household's id was already used by the record at `first`:
  // the error R_DUPLICATE_HOUSEHOLD_ID (as the CSV reader reports it).
  void DuplicateHouseholdId(const RecordOrigin& first);
  // Before EndHousehold: if an earlier household given to CheckRepeatedId of
  // this builder had the same id, the error R_DUPLICATE_HOUSEHOLD_ID naming
  // it (as every file reader does); otherwise remembers the id with
  // `origin`. Memory grows with the distinct ids.
  void CheckRepeatedId(const RecordOrigin& origin);
  // Any other problem of the current record (or member, inside BeginPerson).
  void AddIssue(RecordIssue issue);

 private:
  struct SeenIds;
  std::unique_ptr<internal::BatchBuilder> impl_;
  std::unique_ptr<SeenIds> seen_;
};

ANSINH_END_NAMESPACE

#endif  // ANSINH_RECORDS_HPP_

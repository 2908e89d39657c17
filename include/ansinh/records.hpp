// ansinh — household records: built in code, or read from files (reader.hpp).
#ifndef ANSINH_RECORDS_HPP_
#define ANSINH_RECORDS_HPP_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ansinh/diagnostic.hpp"
#include "ansinh/value.hpp"

namespace ansinh {

class RuleSet;
namespace internal {
struct BatchData;
}

// A person, member of a household, as given (not yet checked). Value type.
struct Person {
  std::string id;
  std::vector<std::pair<std::string, InputValue>> fields;

  Person() = default;
  explicit Person(std::string person_id) : id(std::move(person_id)) {}
  // Sets (or replaces) a field. Returns *this for chaining.
  Person& Set(std::string_view field, InputValue value);
  // The value of a field, or nullptr if not set.
  const InputValue* Get(std::string_view field) const noexcept;
};

// A household and its members, as given (not yet checked). Value type.
//
// Example:
//   ansinh::Household h("HH-001");
//   h.Set("area", "rural").Set("income_per_capita", 1'200'000)
//    .Set("deprivations", std::vector<std::string>{"water", "sanitation", "housing_area"});
//   h.AddMember("P1").Set("birth_date", "2021-02-28").Set("sex", "female");
struct Household {
  std::string id;
  std::vector<std::pair<std::string, InputValue>> fields;
  std::vector<Person> members;

  Household() = default;
  explicit Household(std::string household_id) : id(std::move(household_id)) {}
  Household& Set(std::string_view field, InputValue value);
  const InputValue* Get(std::string_view field) const noexcept;
  // Appends a member and returns it (the reference is invalidated by the next AddMember).
  Person& AddMember(std::string person_id);
};

// Where a record came from, for error messages: "records.jsonl:12", "households.csv:5".
struct RecordOrigin {
  std::string file;
  uint64_t line = 0;    // 1-based line of the record's start; 0 = not from a file
  uint64_t index = 0;   // 0-based position of the record in its input
};

// A problem with one record (error channel 3: a value, never an exception).
// Codes are stable and documented in docs/diagnostics.md ("Record errors").
struct RecordIssue {
  std::string code;      // e.g. "R_UNKNOWN_ENUM_VALUE"
  Severity severity = Severity::kError;
  std::string field;     // path: "area", "members[P2].birth_date"; empty for the whole record
  std::string message;   // English
  std::string message_vi;  // Vietnamese
};

// Many households checked against a rule set's schema and stored by column,
// ready for evaluation. Not thread-safe to modify; safe to read (evaluate)
// from many threads at once. Memory grows with the households added; Clear()
// keeps the capacity for reuse.
//
// Records with problems are kept: each keeps its issues and will produce a
// decision with status "error" (errors) or with warnings.
class RecordBatch {
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
  size_t Add(const Household& household, const RecordOrigin& origin = {});
  size_t size() const noexcept;          // households
  size_t person_count() const noexcept;  // persons in all households
  // Issues found while adding record `index` (before evaluation).
  std::vector<RecordIssue> issues(size_t index) const;
  void Clear() noexcept;

  // For the library's readers and evaluator.
  internal::BatchData& data() noexcept { return *data_; }
  const internal::BatchData& data() const noexcept { return *data_; }

 private:
  std::unique_ptr<internal::BatchData> data_;
};

}  // namespace ansinh

#endif  // ANSINH_RECORDS_HPP_

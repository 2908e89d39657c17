// Internal: the record issue codes and their English and Vietnamese messages,
// kept in one place so that docs/record-errors.md and the texts stay in step.
//
// `path` arguments are field paths as shown to users ("area",
// "members[P2].birth_date"); the builder may pass a placeholder prefix that it
// rewrites once the member's id is known (see batch.cpp).
#ifndef ANSINH_LIB_RECORDS_ISSUES_HPP_
#define ANSINH_LIB_RECORDS_ISSUES_HPP_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/records.hpp"
#include "model/compiled_schema.hpp"
#include "records/value_text.hpp"

namespace ansinh::internal {

// Stable codes (documented in docs/record-errors.md).
inline constexpr char kIssueSyntax[] = "R_SYNTAX";
inline constexpr char kIssueWrongType[] = "R_WRONG_TYPE";
inline constexpr char kIssueBadNumber[] = "R_BAD_NUMBER";
inline constexpr char kIssueBadDate[] = "R_BAD_DATE";
inline constexpr char kIssueUnknownEnumValue[] = "R_UNKNOWN_ENUM_VALUE";
inline constexpr char kIssueUnknownField[] = "R_UNKNOWN_FIELD";
inline constexpr char kIssueDuplicateField[] = "R_DUPLICATE_FIELD";
inline constexpr char kIssueMissingId[] = "R_MISSING_ID";
inline constexpr char kIssueDuplicatePersonId[] = "R_DUPLICATE_PERSON_ID";
inline constexpr char kIssueDuplicateHouseholdId[] = "R_DUPLICATE_HOUSEHOLD_ID";
inline constexpr char kIssueNoMembers[] = "R_NO_MEMBERS";
inline constexpr char kIssueHouseholdMissing[] = "R_HOUSEHOLD_MISSING";
inline constexpr char kIssueLimit[] = "R_LIMIT";
inline constexpr char kIssueBadUtf8[] = "R_BAD_UTF8";

RecordIssue MakeIssue(const char* code, Severity severity, std::string path, std::string en,
                      std::string vi);

// --- values --------------------------------------------------------------
// `got_en`/`got_vi`: what was found ("an object" / "một đối tượng", or a quoted value).
RecordIssue WrongTypeIssue(const std::string& path, const CompiledField& field,
                           std::string_view got_en, std::string_view got_vi);
// The Vietnamese for a reader's English "what" ("an object", "a list", ...).
std::string TranslateWhat(std::string_view what_en);
RecordIssue BadNumberIssue(const std::string& path, const CompiledField& field,
                           std::string_view text, NumberStatus status);
RecordIssue BadDateIssue(const std::string& path, std::string_view text);
RecordIssue UnknownEnumIssue(const std::string& path, const CompiledField& field,
                             std::string_view value);
RecordIssue UnknownFieldIssue(const std::string& path, std::string_view name, Entity entity,
                              const std::vector<CompiledField>& fields);
// After BatchBuilder::kMaxUnknownFieldWarnings R_UNKNOWN_FIELD warnings of one record: "and N more".
RecordIssue MoreUnknownFieldsIssue(size_t more);
RecordIssue DuplicateFieldIssue(const std::string& path);
RecordIssue StringTooLongIssue(const std::string& path, size_t bytes, size_t max);
RecordIssue TooManySetItemsIssue(const std::string& path, size_t max);
RecordIssue BadUtf8Issue(const std::string& path);  // empty path: somewhere in the record

// --- structure -----------------------------------------------------------
RecordIssue MissingHouseholdIdIssue();
RecordIssue MissingPersonIdIssue(const std::string& path, size_t ordinal);
RecordIssue DuplicatePersonIdIssue(const std::string& id, size_t count);
RecordIssue NoMembersIssue();
RecordIssue TooManyMembersIssue(size_t count, size_t max);

// --- readers ---------------------------------------------------------------
RecordIssue SyntaxIssue(std::string en, std::string vi);
// "The record at line 12 is not valid JSON: <detail>."
RecordIssue JsonSyntaxIssue(std::string_view format, uint64_t line, std::string_view detail_en,
                            std::string_view detail_vi);
// "The record at line 12 is a list, not an object." (`got`: "a list", "a number", ...)
RecordIssue NotAnObjectIssue(uint64_t line, std::string_view got_en);
RecordIssue MembersNotListIssue(std::string_view got_en);
RecordIssue MemberNotObjectIssue(size_t ordinal, std::string_view got_en);
RecordIssue RecordTooLongIssue(uint64_t bytes, size_t max);
RecordIssue CsvUnterminatedQuoteIssue(std::string_view file, uint64_t line);
RecordIssue CsvFieldCountIssue(std::string_view file, uint64_t line, size_t got, size_t expected);
// A CSV column that is no field of `entity` (a warning, given once per file).
RecordIssue UnknownColumnIssue(std::string_view file, std::string_view column, Entity entity,
                               const std::vector<CompiledField>& fields);
RecordIssue DuplicateHouseholdIdIssue(std::string_view id, const RecordOrigin& first);
RecordIssue HouseholdMissingIssue(std::string_view id, std::string_view persons_file,
                                  std::string_view households_file);

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_RECORDS_ISSUES_HPP_

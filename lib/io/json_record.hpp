// Internal: one JSON household object -> BatchBuilder calls, with simdjson On
// Demand. Shared by the JSON Lines and JSON readers.
#ifndef ANSINH_LIB_IO_JSON_RECORD_HPP_
#define ANSINH_LIB_IO_JSON_RECORD_HPP_

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

#include "io/field_lookup.hpp"
#include "io/record_source.hpp"
#include "records/batch.hpp"

namespace ansinh::internal {

class JsonRecordConverter {
 public:
  explicit JsonRecordConverter(const CompiledSchema& schema);

  // Parses `text` (followed in memory by at least SIMDJSON_PADDING readable
  // bytes; `capacity` = readable bytes from text.data()) and appends one
  // household to `builder`. Never fails: a record that is not valid JSON or
  // not an object is appended with R_SYNTAX and an id recovered from the text
  // (or "line N"). `ids` null: no duplicate-id check (the caller checks the household's
  // id column afterwards, in input order: the id there is the one the check would see).
  void Convert(std::string_view text, size_t capacity, const RecordOrigin& origin,
               BatchBuilder& builder, HouseholdIds* ids);

 private:
  using ErrorCode = simdjson::error_code;
  ErrorCode ConvertHousehold(simdjson::ondemand::object& object, BatchBuilder& b);
  ErrorCode ConvertMembers(simdjson::ondemand::value& value, BatchBuilder& b);
  ErrorCode ConvertPerson(simdjson::ondemand::object& object, BatchBuilder& b);
  ErrorCode ConvertValue(Entity entity, int field, simdjson::ondemand::value& value, BatchBuilder& b);
  ErrorCode ConvertList(Entity entity, int field, simdjson::ondemand::array& array, BatchBuilder& b);
  ErrorCode SetString(Entity entity, int field, std::string_view s, BatchBuilder& b);
  void Fail(ErrorCode error, std::string_view text, const RecordOrigin& origin, BatchBuilder& b);

  const CompiledSchema& schema_;
  FieldLookup household_fields_;
  FieldLookup person_fields_;
  simdjson::ondemand::parser parser_;
  std::string sanitized_;      // the record with invalid UTF-8 replaced by U+FFFD
  bool sanitizing_ = false;    // parsing sanitized_: U+FFFD marks a bad value
  size_t bad_utf8_fields_ = 0;
  size_t member_ordinal_ = 0;
  bool members_given_ = false;
  std::vector<std::string_view> items_;  // set items of one list
};

// Validates a JSON number token strictly (RFC 8259 grammar).
bool IsJsonNumber(std::string_view token) noexcept;
// The record id, if it can be found in (possibly broken) JSON text: the first
// "id" key at depth 1 with a string or number value.
std::string RecoverJsonId(std::string_view text);

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_IO_JSON_RECORD_HPP_

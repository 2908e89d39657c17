// HouseholdOf: a household of a RecordBatch read back from its columns as a
// value, for what-if (change a copy, evaluate it again).
#include "ansinh/error.hpp"
#include "ansinh/whatif.hpp"
#include "records/batch.hpp"
#include "runtime/access.hpp"

ANSINH_BEGIN_NAMESPACE
namespace whatif_rows {

// One column value back as a record gives it (the inverse of BatchBuilder's Set*).
InputValue ColumnValue(const internal::BatchData& data, const internal::CompiledField& field, int64_t raw) {
  switch (field.type) {
    case ValueType::kBool:
      return InputValue(raw != 0);
    case ValueType::kInt:
      return InputValue(static_cast<long long>(raw));
    case ValueType::kMoney:
      if (raw % Decimal::kScale == 0) return InputValue(static_cast<long long>(raw / Decimal::kScale));
      return InputValue(Decimal::FromMillionths(raw));
    case ValueType::kDecimal:
      return InputValue(Decimal::FromMillionths(raw));
    case ValueType::kDate:
      return InputValue(Date::FromDays(static_cast<int32_t>(raw)));
    case ValueType::kEnum:
      return raw >= 0 && static_cast<size_t>(raw) < field.values.size()
                 ? InputValue(field.values[static_cast<size_t>(raw)])
                 : InputValue();
    case ValueType::kSet: {
      std::vector<std::string> items;
      for (size_t i = 0; i < field.values.size() && i < 64; ++i) {
        if ((static_cast<uint64_t>(raw) >> i) & 1u) items.push_back(field.values[i]);
      }
      return InputValue(std::move(items));
    }
    case ValueType::kString:
      return InputValue(std::string(data.String(raw)));
  }
  return InputValue();
}

template <typename Record>
void ReadColumns(const internal::BatchData& data, const std::vector<internal::CompiledField>& fields,
                 const std::vector<internal::FieldColumn>& columns, size_t row, Record& out) {
  for (size_t f = 1; f < fields.size(); ++f) {  // [0] is the id
    if (!columns[f].known[row]) continue;
    out.Set(fields[f].name, ColumnValue(data, fields[f], columns[f].value[row]));
  }
}

}  // namespace whatif_rows

Household HouseholdOf(const RecordBatch& batch, size_t index) {
  if (index >= batch.size()) {
    throw UsageError("household index " + std::to_string(index) + " out of range (" + std::to_string(batch.size()) +
                     " households)");
  }
  const internal::BatchData& d = internal::DataOf(batch);
  Household h{std::string(d.HouseholdId(index))};
  whatif_rows::ReadColumns(d, d.schema->household, d.household_columns, index, h);
  for (uint32_t p = d.member_begin[index]; p < d.member_begin[index + 1]; ++p) {
    Person& m = h.AddMember(std::string(d.PersonId(p)));
    whatif_rows::ReadColumns(d, d.schema->person, d.person_columns, p, m);
  }
  return h;
}

ANSINH_END_NAMESPACE

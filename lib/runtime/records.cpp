// The public record types: Person, Household (plain values) and RecordBatch
// (a BatchData bound to a rule set's schema).
#include "runtime/access.hpp"
#include "ansinh/records.hpp"

#include "records/batch.hpp"
#include "runtime/rule_set_impl.hpp"

ANSINH_BEGIN_NAMESPACE
namespace {

template <typename Fields>
void SetField(Fields& fields, std::string_view name, InputValue value) {
  for (auto& [key, existing] : fields) {
    if (key == name) {
      existing = std::move(value);
      return;
    }
  }
  fields.emplace_back(std::string(name), std::move(value));
}

template <typename Fields>
const InputValue* GetField(const Fields& fields, std::string_view name) noexcept {
  for (const auto& [key, value] : fields) {
    if (key == name) return &value;
  }
  return nullptr;
}

}  // namespace

Person& Person::Set(std::string_view field, InputValue value) {
  SetField(fields, field, std::move(value));
  return *this;
}

const InputValue* Person::Get(std::string_view field) const noexcept { return GetField(fields, field); }

Household& Household::Set(std::string_view field, InputValue value) {
  SetField(fields, field, std::move(value));
  return *this;
}

const InputValue* Household::Get(std::string_view field) const noexcept {
  return GetField(fields, field);
}

Person& Household::AddMember(std::string person_id) {
  members.emplace_back(std::move(person_id));
  return members.back();
}

RecordBatch::RecordBatch(const RuleSet& rules) : data_(std::make_unique<internal::BatchData>()) {
  const internal::CompiledSchema& schema = internal::ImplOf(rules).schema;
  data_->schema = &schema;
  data_->household_columns.resize(schema.household.size());
  data_->person_columns.resize(schema.person.size());
}

RecordBatch::~RecordBatch() = default;
RecordBatch::RecordBatch(RecordBatch&&) noexcept = default;
RecordBatch& RecordBatch::operator=(RecordBatch&&) noexcept = default;

size_t RecordBatch::Add(const Household& household, const RecordOrigin& origin, const RecordOptions& options) {
  internal::BatchBuilder builder(data_.get(), internal::ToBuildLimits(options));
  builder.AddHousehold(household, origin);
  return data_->households - 1;
}

size_t RecordBatch::size() const noexcept { return data_ ? data_->households : 0; }

size_t RecordBatch::person_count() const noexcept { return data_ ? data_->persons : 0; }

std::vector<RecordIssue> RecordBatch::issues(size_t index) const {
  if (!data_ || index >= data_->households) return {};
  return std::vector<RecordIssue>(data_->issues.begin() + data_->issue_begin[index],
                                  data_->issues.begin() + data_->issue_begin[index + 1]);
}

std::string_view RecordBatch::household_id(size_t index) const noexcept {
  if (!data_ || index >= data_->households) return {};
  return data_->HouseholdId(index);
}

void RecordBatch::Clear() noexcept {
  if (data_) data_->Clear();
}

ANSINH_END_NAMESPACE

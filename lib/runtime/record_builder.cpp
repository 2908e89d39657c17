// RecordBuilder: the public, columnar way to fill a RecordBatch. A thin
// wrapper over BatchBuilder (the code every file reader uses), so values from
// a DataFrame are checked exactly as the same values from a file.
#include <string>
#include <unordered_map>

#include "records/batch.hpp"
#include "records/issues.hpp"
#include "runtime/access.hpp"

ANSINH_BEGIN_NAMESPACE

using internal::BatchBuilder;

RecordBuilder::RecordBuilder(RecordBatch& batch, const RecordOptions& options)
    : impl_(std::make_unique<BatchBuilder>(&internal::DataOf(batch), internal::ToBuildLimits(options))) {}

struct RecordBuilder::SeenIds {
  std::unordered_map<std::string, RecordOrigin> first;
};

RecordBuilder::~RecordBuilder() {
  if (impl_) impl_->EndHousehold();  // a household left open is still appended
}

RecordBuilder::RecordBuilder(RecordBuilder&&) noexcept = default;
RecordBuilder& RecordBuilder::operator=(RecordBuilder&&) noexcept = default;

int RecordBuilder::FieldIndex(Entity entity, std::string_view name) const noexcept {
  return impl_->data().schema->IndexOf(entity, name);
}

size_t RecordBuilder::field_count(Entity entity) const noexcept {
  return impl_->data().schema->fields(entity).size();
}

ValueType RecordBuilder::field_type(Entity entity, int field) const noexcept {
  const auto& fields = impl_->data().schema->fields(entity);
  if (field < 0 || static_cast<size_t>(field) >= fields.size()) return ValueType::kString;
  return fields[field].type;
}

int RecordBuilder::ValueIndex(Entity entity, int field, std::string_view value) const noexcept {
  const auto& fields = impl_->data().schema->fields(entity);
  if (field < 0 || static_cast<size_t>(field) >= fields.size()) return -1;
  return fields[field].ValueIndex(value);
}

void RecordBuilder::BeginHousehold(const RecordOrigin& origin) { impl_->BeginHousehold(origin); }
void RecordBuilder::BeginPerson() { impl_->BeginPerson(); }
void RecordBuilder::EndPerson() { impl_->EndPerson(); }

size_t RecordBuilder::EndHousehold() {
  impl_->EndHousehold();
  return impl_->data().households - 1;
}

void RecordBuilder::SetNull(Entity entity, int field) { impl_->SetNull(entity, field); }
void RecordBuilder::SetBool(Entity entity, int field, bool value) { impl_->SetBool(entity, field, value); }
void RecordBuilder::SetInt(Entity entity, int field, int64_t value) { impl_->SetInt(entity, field, value); }

void RecordBuilder::SetDecimal(Entity entity, int field, Decimal value) {
  impl_->SetDecimal(entity, field, value);
}

void RecordBuilder::SetNumberText(Entity entity, int field, std::string_view number) {
  impl_->SetNumberText(entity, field, number);
}

void RecordBuilder::SetDate(Entity entity, int field, Date value) { impl_->SetDate(entity, field, value); }

void RecordBuilder::SetText(Entity entity, int field, std::string_view text) {
  impl_->SetText(entity, field, text);
}

void RecordBuilder::SetEnumIndex(Entity entity, int field, int value) {
  impl_->SetEnumIndex(entity, field, value);
}

void RecordBuilder::BeginSet(Entity entity, int field) { impl_->BeginSet(entity, field); }

void RecordBuilder::AddSetItem(Entity entity, int field, std::string_view item) {
  impl_->AddSetItem(entity, field, item);
}

void RecordBuilder::WrongType(Entity entity, int field, std::string_view what) {
  impl_->WrongType(entity, field, what);
}

void RecordBuilder::UnknownField(Entity entity, std::string_view name) { impl_->UnknownField(entity, name); }

void RecordBuilder::HouseholdMissing(std::string_view persons_source, std::string_view households_source) {
  impl_->AddIssue(internal::HouseholdMissingIssue(impl_->CurrentHouseholdId(), persons_source,
                                                  households_source));
}

void RecordBuilder::CheckRepeatedId(const RecordOrigin& origin) {
  const std::string_view id = impl_->CurrentHouseholdId();
  if (id.empty()) return;
  if (!seen_) seen_ = std::make_unique<SeenIds>();
  const auto [at, added] = seen_->first.emplace(std::string(id), origin);
  if (!added) DuplicateHouseholdId(at->second);
}

void RecordBuilder::DuplicateHouseholdId(const RecordOrigin& first) {
  impl_->AddIssue(internal::DuplicateHouseholdIdIssue(impl_->CurrentHouseholdId(), first));
}

void RecordBuilder::AddIssue(RecordIssue issue) { impl_->AddIssue(std::move(issue)); }

ANSINH_END_NAMESPACE

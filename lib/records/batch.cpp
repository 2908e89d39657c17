// BatchBuilder: record lifecycle and structural checks. Value conversion is in
// batch_values.cpp.
//
// Issue paths of a member are not known while its values are read (its id may
// come last), so they are written with kPersonMark in place of "members[ID]"
// and rewritten by EndPerson. User text never contains the mark: values and
// names are passed through QuoteForMessage, which escapes control characters.
#include "records/batch.hpp"

#include <algorithm>

#include "records/batch_internal.hpp"
#include "records/issues.hpp"
#include "records/value_text.hpp"

namespace ansinh::internal {

void BatchData::Clear() noexcept {
  households = 0;
  persons = 0;
  for (FieldColumn& c : household_columns) {
    c.value.clear();
    c.known.clear();
  }
  for (FieldColumn& c : person_columns) {
    c.value.clear();
    c.known.clear();
  }
  member_begin.assign(1, 0);
  person_household.clear();
  origins.clear();
  issue_begin.assign(1, 0);
  issues.clear();
  has_error.clear();
  strings.clear();
}

void BatchData::Append(const BatchData& other) {
  const uint64_t string_base = strings.size();
  const uint32_t household_base = static_cast<uint32_t>(households);
  const uint32_t person_base = static_cast<uint32_t>(persons);
  const uint32_t issue_base = static_cast<uint32_t>(issues.size());
  strings += other.strings;
  auto append_columns = [string_base](std::vector<FieldColumn>& to, const std::vector<FieldColumn>& from,
                                      const std::vector<CompiledField>& fields) {
    for (size_t f = 0; f < to.size(); ++f) {
      FieldColumn& c = to[f];
      const FieldColumn& o = from[f];
      const size_t at = c.value.size();
      c.value.insert(c.value.end(), o.value.begin(), o.value.end());
      c.known.insert(c.known.end(), o.known.begin(), o.known.end());
      if (fields[f].type != ValueType::kString) continue;  // a known string is a ref into `strings`
      for (size_t i = at; i < c.value.size(); ++i) {
        if (c.known[i]) c.value[i] += static_cast<int64_t>(string_base << 24);
      }
    }
  };
  append_columns(household_columns, other.household_columns, schema->household);
  append_columns(person_columns, other.person_columns, schema->person);
  for (size_t h = 1; h < other.member_begin.size(); ++h) member_begin.push_back(other.member_begin[h] + person_base);
  for (uint32_t p : other.person_household) person_household.push_back(p + household_base);
  origins.insert(origins.end(), other.origins.begin(), other.origins.end());
  for (size_t h = 1; h < other.issue_begin.size(); ++h) issue_begin.push_back(other.issue_begin[h] + issue_base);
  issues.insert(issues.end(), other.issues.begin(), other.issues.end());
  has_error.insert(has_error.end(), other.has_error.begin(), other.has_error.end());
  households += other.households;
  persons += other.persons;
}

void BatchData::Truncate(size_t keep) {
  if (keep >= households) return;
  const size_t keep_persons = member_begin[keep];
  for (FieldColumn& c : household_columns) {
    c.value.resize(keep);
    c.known.resize(keep);
  }
  for (FieldColumn& c : person_columns) {
    c.value.resize(keep_persons);
    c.known.resize(keep_persons);
  }
  issues.resize(issue_begin[keep]);
  member_begin.resize(keep + 1);
  issue_begin.resize(keep + 1);
  person_household.resize(keep_persons);
  origins.resize(keep);
  has_error.resize(keep);
  households = keep;
  persons = keep_persons;
}

int CompiledField::ValueIndex(std::string_view value) const noexcept {
  for (size_t i = 0; i < values.size(); ++i) {
    if (SameText(values[i], value)) return static_cast<int>(i);
  }
  return -1;
}

int CompiledSchema::IndexOf(Entity e, std::string_view name) const noexcept {
  const auto& index = e == Entity::kHousehold ? household_index : person_index;
  const auto& list = fields(e);
  if (index.empty()) {  // a schema built without its index: search the list
    for (size_t i = 0; i < list.size(); ++i) {
      if (list[i].name == name) return static_cast<int>(i);
    }
    return -1;
  }
  try {
    const auto it = index.find(std::string(name));
    return it == index.end() ? -1 : it->second;
  } catch (...) {  // allocation failure
    return -1;
  }
}

void BatchData::Reserve(size_t household_count, size_t person_count, size_t string_bytes) {
  for (FieldColumn& c : household_columns) {
    c.value.reserve(household_count);
    c.known.reserve(household_count);
  }
  for (FieldColumn& c : person_columns) {
    c.value.reserve(person_count);
    c.known.reserve(person_count);
  }
  member_begin.reserve(household_count + 1);
  person_household.reserve(person_count);
  origins.reserve(household_count);
  issue_begin.reserve(household_count + 1);
  has_error.reserve(household_count);
  strings.reserve(string_bytes);
}

namespace {

// The column value of a field that is not given: its default, else unknown.
std::vector<BatchBuilder::Default> Defaults(const std::vector<CompiledField>& fields) {
  std::vector<BatchBuilder::Default> out;
  for (const CompiledField& f : fields) out.push_back({f.has_default ? f.default_raw : 0, f.has_default});
  return out;
}

// One new row in every column (kept compact: this runs for every record).
void PushDefaults(const std::vector<BatchBuilder::Default>& defaults, std::vector<FieldColumn>& columns) {
  for (size_t f = 0; f < defaults.size(); ++f) {
    columns[f].value.push_back(defaults[f].value);
    columns[f].known.push_back(defaults[f].known ? 1 : 0);
  }
}

}  // namespace

BatchBuilder::BatchBuilder(BatchData* out, BuildLimits limits)
    : out_(out),
      limits_(limits),
      household_defaults_(Defaults(out->schema->household)),
      person_defaults_(Defaults(out->schema->person)),
      household_values_(MakeValueKeys(out->schema->household)),
      person_values_(MakeValueKeys(out->schema->person)) {
  const CompiledSchema& schema = *out_->schema;
  out_->household_columns.resize(schema.household.size());
  out_->person_columns.resize(schema.person.size());
  household_set_.assign(schema.household.size(), 0);
  person_set_.assign(schema.person.size(), 0);
}

void BatchBuilder::BeginHousehold(const RecordOrigin& origin) {
  if (in_household_) EndHousehold();  // misuse: close the open record rather than corrupt
  in_household_ = true;
  in_person_ = false;
  members_seen_ = 0;
  unknown_seen_ = 0;
  person_start_ = out_->persons;
  issue_start_ = out_->issues.size();
  std::fill(household_set_.begin(), household_set_.end(), 0);
  PushDefaults(household_defaults_, out_->household_columns);
  out_->origins.push_back(origin);
}

void BatchBuilder::BeginPerson() {
  if (!in_household_) return;
  if (in_person_) EndPerson();
  in_person_ = true;
  ++members_seen_;
  person_issue_start_ = out_->issues.size();
  discard_person_ = members_seen_ > limits_.max_members;
  if (discard_person_) return;
  std::fill(person_set_.begin(), person_set_.end(), 0);
  PushDefaults(person_defaults_, out_->person_columns);
  out_->person_household.push_back(static_cast<uint32_t>(out_->households));
  ++out_->persons;
}

void BatchBuilder::EndPerson() {
  if (!in_person_) return;
  in_person_ = false;
  if (discard_person_) {
    // Issues of a dropped member would name a member that is not in the batch.
    out_->issues.resize(person_issue_start_);
    return;
  }
  if (!out_->person_columns[0].known.back()) {
    out_->issues.push_back(MissingPersonIdIssue(kPersonMark, members_seen_));
  }
  FinishPersonIssues();
}

void BatchBuilder::FinishPersonIssues() {
  if (person_issue_start_ == out_->issues.size()) return;
  std::string label = "members[";
  if (out_->person_columns[0].known.back()) {
    label += out_->String(out_->person_columns[0].value.back());
  } else {
    label += "#" + std::to_string(members_seen_);
  }
  label += ']';
  auto rewrite = [&label](std::string& s) {
    for (size_t pos = s.find(kPersonMark[0]); pos != std::string::npos;
         pos = s.find(kPersonMark[0], pos + label.size())) {
      s.replace(pos, 1, label);
    }
  };
  for (size_t i = person_issue_start_; i < out_->issues.size(); ++i) {
    RecordIssue& issue = out_->issues[i];
    rewrite(issue.field);
    rewrite(issue.message);
    rewrite(issue.message_vi);
  }
}

void BatchBuilder::EndHousehold() {
  if (!in_household_) return;
  if (in_person_) EndPerson();
  if (unknown_seen_ > kMaxUnknownFieldWarnings) {
    out_->issues.push_back(MoreUnknownFieldsIssue(unknown_seen_ - kMaxUnknownFieldWarnings));
  }
  CheckHousehold();
  if (limits_.strict) {  // an unknown field or column is an error of the record
    for (size_t i = issue_start_; i < out_->issues.size(); ++i) {
      RecordIssue& issue = out_->issues[i];
      if (issue.code != kIssueUnknownField || issue.severity == Severity::kError) continue;
      issue.severity = Severity::kError;
      issue.message += " (strict mode: an error)";
      issue.message_vi += " (chế độ nghiêm ngặt: là lỗi)";
    }
  }
  bool error = false;
  for (size_t i = issue_start_; i < out_->issues.size(); ++i) {
    error = error || out_->issues[i].severity == Severity::kError;
  }
  out_->has_error.push_back(error ? 1 : 0);
  out_->issue_begin.push_back(static_cast<uint32_t>(out_->issues.size()));
  out_->member_begin.push_back(static_cast<uint32_t>(out_->persons));
  ++out_->households;
  in_household_ = false;
}

void BatchBuilder::CheckHousehold() {
  // A record that could not be read at all only carries that problem.
  for (size_t i = issue_start_; i < out_->issues.size(); ++i) {
    const RecordIssue& issue = out_->issues[i];
    if (issue.field.empty() && (issue.code == kIssueSyntax || issue.code == kIssueLimit)) return;
  }
  if (!out_->household_columns[0].known.back()) out_->issues.push_back(MissingHouseholdIdIssue());
  if (members_seen_ == 0) out_->issues.push_back(NoMembersIssue());
  if (members_seen_ > limits_.max_members) {
    out_->issues.push_back(TooManyMembersIssue(members_seen_, limits_.max_members));
  }
  id_scratch_.clear();
  const FieldColumn& ids = out_->person_columns[0];
  for (size_t p = person_start_; p < out_->persons; ++p) {
    if (ids.known[p]) id_scratch_.push_back(out_->String(ids.value[p]));
  }
  std::sort(id_scratch_.begin(), id_scratch_.end());
  for (size_t i = 0; i < id_scratch_.size();) {
    size_t j = i + 1;
    while (j < id_scratch_.size() && id_scratch_[j] == id_scratch_[i]) ++j;
    if (j - i > 1) out_->issues.push_back(DuplicatePersonIdIssue(std::string(id_scratch_[i]), j - i));
    i = j;
  }
}

void BatchBuilder::AddIssue(RecordIssue issue) {
  if (!in_household_) return;
  if (issue.code == kIssueUnknownField && !RoomForUnknownField()) return;
  if (in_person_) {
    if (discard_person_) return;
    issue.field = issue.field.empty() ? std::string(kPersonMark) : kPersonMark + ("." + issue.field);
  }
  out_->issues.push_back(std::move(issue));
}

bool BatchBuilder::IsSet(Entity entity, int field) const noexcept {
  const auto& set = entity == Entity::kHousehold ? household_set_ : person_set_;
  return field >= 0 && static_cast<size_t>(field) < set.size() && set[field] != 0;
}

std::string_view BatchBuilder::CurrentHouseholdId() const noexcept {
  if (!in_household_ || !out_->household_columns[0].known.back()) return {};
  return out_->String(out_->household_columns[0].value.back());
}

void BatchBuilder::AddHousehold(const Household& household, const RecordOrigin& origin) {
  const CompiledSchema& schema = *out_->schema;
  BeginHousehold(origin);
  if (!household.id.empty()) SetText(Entity::kHousehold, 0, household.id);
  for (const auto& [name, value] : household.fields) {
    const int f = schema.IndexOf(Entity::kHousehold, name);
    if (f < 0) {
      UnknownField(Entity::kHousehold, name);
    } else {
      SetValue(Entity::kHousehold, f, value);
    }
  }
  for (const Person& person : household.members) {
    BeginPerson();
    if (!person.id.empty()) SetText(Entity::kPerson, 0, person.id);
    for (const auto& [name, value] : person.fields) {
      const int f = schema.IndexOf(Entity::kPerson, name);
      if (f < 0) {
        UnknownField(Entity::kPerson, name);
      } else {
        SetValue(Entity::kPerson, f, value);
      }
    }
    EndPerson();
  }
  EndHousehold();
}

}  // namespace ansinh::internal

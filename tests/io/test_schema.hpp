// Test helper: a small hand-built schema (the shape of the vn-core schema) and
// a RuleSet around it, without the loader.
#ifndef ANSINH_TESTS_IO_TEST_SCHEMA_HPP_
#define ANSINH_TESTS_IO_TEST_SCHEMA_HPP_

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "runtime/access.hpp"
#include "ansinh/reader.hpp"
#include "ansinh/records.hpp"
#include "ansinh/rule_set.hpp"
#include "runtime/rule_set_impl.hpp"
#include "records/batch.hpp"
#include "test_paths.hpp"

namespace test_io {

using ansinh::Entity;
using ansinh::ValueType;
using ansinh::internal::CompiledField;
using ansinh::internal::CompiledSchema;

inline CompiledField Field(std::string name, Entity entity, ValueType type,
                           std::vector<std::string> values = {}) {
  CompiledField f;
  f.name = std::move(name);
  f.entity = entity;
  f.type = type;
  f.values = std::move(values);
  return f;
}

// household: id, area, income_per_capita, extremely_difficult_area (default false),
//            deprivations, coefficient, rooms, note
// person:    id, birth_date, sex, has_supporter, monthly_income, disability
inline CompiledSchema MakeSchema() {
  CompiledSchema s;
  const Entity h = Entity::kHousehold, p = Entity::kPerson;
  s.household.push_back(Field("id", h, ValueType::kString));
  s.household.push_back(Field("area", h, ValueType::kEnum, {"rural", "urban"}));
  s.household.push_back(Field("income_per_capita", h, ValueType::kMoney));
  CompiledField eda = Field("extremely_difficult_area", h, ValueType::kBool);
  eda.has_default = true;
  eda.default_raw = 0;
  s.household.push_back(eda);
  s.household.push_back(
      Field("deprivations", h, ValueType::kSet, {"employment", "water", "sanitation", "housing_area"}));
  s.household.push_back(Field("coefficient", h, ValueType::kDecimal));
  s.household.push_back(Field("rooms", h, ValueType::kInt));
  s.household.push_back(Field("note", h, ValueType::kString));
  s.person.push_back(Field("id", p, ValueType::kString));
  s.person.push_back(Field("birth_date", p, ValueType::kDate));
  s.person.push_back(Field("sex", p, ValueType::kEnum, {"female", "male"}));
  s.person.push_back(Field("has_supporter", p, ValueType::kBool));
  s.person.push_back(Field("monthly_income", p, ValueType::kMoney));
  s.person.push_back(Field("disability", p, ValueType::kEnum, {"none", "severe", "extreme"}));
  for (size_t i = 0; i < s.household.size(); ++i) s.household_index[s.household[i].name] = static_cast<int>(i);
  for (size_t i = 0; i < s.person.size(); ++i) s.person_index[s.person[i].name] = static_cast<int>(i);
  return s;
}

inline ansinh::RuleSet MakeRules() {
  auto impl = std::make_shared<ansinh::internal::RuleSetImpl>();
  impl->schema = MakeSchema();
  return ansinh::internal::Access::MakeRuleSet(impl);
}

// Column accessors by name for assertions.
struct Cell {
  bool known;
  int64_t value;
};

inline Cell HouseholdCell(const ansinh::RecordBatch& batch, size_t h, const std::string& name) {
  const auto& d = ansinh::internal::DataOf(batch);
  const int f = d.schema->IndexOf(Entity::kHousehold, name);
  return {d.household_columns[f].known[h] != 0, d.household_columns[f].value[h]};
}

inline Cell PersonCell(const ansinh::RecordBatch& batch, size_t p, const std::string& name) {
  const auto& d = ansinh::internal::DataOf(batch);
  const int f = d.schema->IndexOf(Entity::kPerson, name);
  return {d.person_columns[f].known[p] != 0, d.person_columns[f].value[p]};
}

inline std::vector<std::string> Codes(const ansinh::RecordBatch& batch, size_t h) {
  std::vector<std::string> out;
  for (const auto& issue : batch.issues(h)) out.push_back(issue.code);
  return out;
}

inline bool HasIssue(const ansinh::RecordBatch& batch, size_t h, const std::string& code,
                     const std::string& field = "\x01") {
  for (const auto& issue : batch.issues(h)) {
    if (issue.code == code && (field == "\x01" || issue.field == field)) return true;
  }
  return false;
}

// A temporary file with the given bytes, removed on destruction.
class TempFile {
 public:
  TempFile(const std::string& name, const std::string& content) {
    path_ = std::string(ANSINH_BINARY_DIR) + "/tests/io_tmp_" + name;
    std::ofstream out(path_, std::ios::binary);
    out << content;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace test_io

#endif  // ANSINH_TESTS_IO_TEST_SCHEMA_HPP_

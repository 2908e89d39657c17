// Test helper: a small hand-built schema (the shape of the vn-core schema) and
// a RuleSet around it, without the loader.
#ifndef ANSINH_TESTS_IO_TEST_SCHEMA_HPP_
#define ANSINH_TESTS_IO_TEST_SCHEMA_HPP_

#include <cstdio>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
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

// Everything a batch holds, strings resolved: two readings are the same iff these are.
inline std::string DumpBatch(const ansinh::RecordBatch& batch) {
  const ansinh::internal::BatchData& d = ansinh::internal::DataOf(batch);
  std::string out;
  auto columns = [&](const std::vector<ansinh::internal::FieldColumn>& cols,
                     const std::vector<ansinh::internal::CompiledField>& fields, size_t row) {
    for (size_t f = 0; f < cols.size(); ++f) {
      if (!cols[f].known[row]) {
        out += "?,";
      } else if (fields[f].type == ansinh::ValueType::kString) {
        out += "'" + std::string(d.String(cols[f].value[row])) + "',";
      } else {
        out += std::to_string(cols[f].value[row]) + ",";
      }
    }
  };
  for (size_t h = 0; h < d.households; ++h) {
    out += "H " + d.origins[h].file + ":" + std::to_string(d.origins[h].line) + "#" +
           std::to_string(d.origins[h].index) + (d.has_error[h] ? " error " : " ok ");
    columns(d.household_columns, d.schema->household, h);
    for (uint32_t i = d.issue_begin[h]; i < d.issue_begin[h + 1]; ++i) {
      out += "\n  " + d.issues[i].code + " " + d.issues[i].field + " " + d.issues[i].message + " / " +
             d.issues[i].message_vi;
    }
    for (uint32_t p = d.member_begin[h]; p < d.member_begin[h + 1]; ++p) {
      out += "\n  P" + std::to_string(d.person_household[p]) + " ";
      columns(d.person_columns, d.schema->person, p);
    }
    out += "\n";
  }
  return out;
}

// `threads` threads calling NextConcurrent on one reader, each with its own batch; the runs put
// back in order by their places (and a note of any place given twice or skipped), each dumped
// with "--" after it as ReadWith does: equal to ReadWith's text iff the records, their issues and the
// runs' sizes are Next's.
inline std::string ReadConcurrently(const ansinh::RuleSet& rules, const std::vector<std::string>& paths,
                                    unsigned threads, size_t chunk, const ansinh::ReadOptions& options) {
  ansinh::RecordReader reader(rules, paths, options);
  std::mutex mutex;
  std::map<size_t, std::string> runs;
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      ansinh::RecordBatch batch(rules);
      while (const std::optional<size_t> place = reader.NextConcurrent(batch, chunk)) {
        std::string dump = DumpBatch(batch) + "--\n";
        std::lock_guard<std::mutex> lock(mutex);
        if (!runs.emplace(*place, std::move(dump)).second) dump = "two runs at place " + std::to_string(*place);
      }
    });
  }
  for (std::thread& th : pool) th.join();
  std::string out;
  size_t expected = 0;
  for (auto& [place, dump] : runs) {
    if (place != expected++) out += "a place skipped before " + std::to_string(place) + "\n";
    out += dump;
  }
  return out;
}

}  // namespace test_io

#endif  // ANSINH_TESTS_IO_TEST_SCHEMA_HPP_

// vn-core baseline: reading the JSON Lines population into typed structs (simdjson On-Demand).
#include <simdjson.h>

#include <string>
#include <string_view>

#include "vn_core.hpp"

namespace vn_core {
namespace {

namespace od = simdjson::ondemand;

// Collects the first problem of a record.
struct Problem {
  std::string text;
  bool Set(std::string message) {
    if (text.empty()) text = std::move(message);
    return false;
  }
};

bool ReadEnum(od::value value, std::string_view field, const std::string_view* names, int count,
              uint8_t* out, Problem* problem) {
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) {
    return problem->Set(std::string(field) + ": expected a string");
  }
  for (int i = 0; i < count; ++i) {
    if (text == names[i]) {
      *out = static_cast<uint8_t>(i);
      return true;
    }
  }
  return problem->Set(std::string(field) + ": unknown value \"" + std::string(text) + "\"");
}

bool ReadBool(od::value value, std::string_view field, bool* out, Problem* problem) {
  if (value.get_bool().get(*out) != simdjson::SUCCESS) {
    return problem->Set(std::string(field) + ": expected true or false");
  }
  return true;
}

const std::string_view kAreas[] = {"rural", "urban"};
const std::string_view kSexes[] = {"male", "female"};
const std::string_view kDisabilities[] = {"none", "severe", "particularly_severe"};
const std::string_view kMerits[] = {"none", "war_invalid", "martyr_relative",
                                    "resistance_agent_orange"};

bool ReadPerson(od::object object, Population* population, Problem* problem) {
  Person person;
  std::string id;
  bool have_id = false, have_birth = false;
  for (auto field : object) {
    std::string_view key;
    od::value value;
    if (field.unescaped_key().get(key) != simdjson::SUCCESS ||
        field.value().get(value) != simdjson::SUCCESS) {
      return problem->Set("member: malformed field");
    }
    uint8_t code = 0;
    if (key == "id") {
      std::string_view text;
      if (value.get_string().get(text) != simdjson::SUCCESS) return problem->Set("member id");
      id.assign(text);
      have_id = true;
    } else if (key == "birth_date") {
      std::string_view text;
      if (value.get_string().get(text) != simdjson::SUCCESS ||
          !ParseYmd(text, &person.birth_date)) {
        return problem->Set("birth_date: expected a date YYYY-MM-DD");
      }
      have_birth = true;
    } else if (key == "sex") {
      if (!ReadEnum(value, key, kSexes, 2, &code, problem)) return false;
      person.sex = static_cast<Sex>(code);
    } else if (key == "pregnant") {
      if (!ReadBool(value, key, &person.pregnant, problem)) return false;
    } else if (key == "has_pension") {
      if (!ReadBool(value, key, &person.has_pension, problem)) return false;
    } else if (key == "disability") {
      if (!ReadEnum(value, key, kDisabilities, 3, &code, problem)) return false;
      person.disability = static_cast<Disability>(code);
    } else if (key == "merit") {
      if (!ReadEnum(value, key, kMerits, 4, &code, problem)) return false;
      person.merit = static_cast<Merit>(code);
    }
  }
  if (!have_id || !have_birth) return problem->Set("member without id or birth_date");
  population->persons.push_back(person);
  population->person_ids.push_back(std::move(id));
  return true;
}

bool ReadHousehold(od::object object, Population* population, Problem* problem) {
  Household household;
  household.first_member = static_cast<uint32_t>(population->persons.size());
  std::string id;
  bool have_id = false, have_income = false, have_area = false;
  for (auto field : object) {
    std::string_view key;
    od::value value;
    if (field.unescaped_key().get(key) != simdjson::SUCCESS ||
        field.value().get(value) != simdjson::SUCCESS) {
      return problem->Set("malformed field");
    }
    if (key == "id") {
      std::string_view text;
      if (value.get_string().get(text) != simdjson::SUCCESS) return problem->Set("id");
      id.assign(text);
      have_id = true;
    } else if (key == "area") {
      uint8_t code = 0;
      if (!ReadEnum(value, key, kAreas, 2, &code, problem)) return false;
      household.area = static_cast<Area>(code);
      have_area = true;
    } else if (key == "income_per_capita") {
      if (value.get_int64().get(household.income_per_capita) != simdjson::SUCCESS) {
        return problem->Set("income_per_capita: expected an integer");
      }
      have_income = true;
    } else if (key == "deprivation_count") {
      int64_t count = 0;
      if (value.get_int64().get(count) != simdjson::SUCCESS || count < 0 || count > 12) {
        return problem->Set("deprivation_count: expected an integer 0-12");
      }
      household.deprivation_count = static_cast<uint8_t>(count);
    } else if (key == "members") {
      od::array members;
      if (value.get_array().get(members) != simdjson::SUCCESS) return problem->Set("members");
      for (auto element : members) {
        od::object member;
        if (element.get_object().get(member) != simdjson::SUCCESS) {
          return problem->Set("members: expected objects");
        }
        if (!ReadPerson(member, population, problem)) return false;
      }
    }
  }
  const size_t count = population->persons.size() - household.first_member;
  if (!have_id || !have_income || !have_area) return problem->Set("missing id, area or income");
  if (count > 255) return problem->Set("more than 255 members");
  household.member_count = static_cast<uint8_t>(count);
  population->households.push_back(household);
  population->household_ids.push_back(std::move(id));
  return true;
}

}  // namespace

bool ReadJsonLines(const std::string& path, Population* population, std::string* error) {
  simdjson::padded_string json;
  if (simdjson::padded_string::load(path).get(json) != simdjson::SUCCESS) {
    *error = path + ": cannot read";
    return false;
  }
  population->source_bytes = json.size();
  od::parser parser;
  od::document_stream stream;
  if (parser.iterate_many(json, 1u << 20).get(stream) != simdjson::SUCCESS) {
    *error = path + ": cannot parse";
    return false;
  }
  size_t line = 0;
  for (auto document : stream) {
    ++line;
    od::object object;
    Problem problem;
    if (document.get_object().get(object) != simdjson::SUCCESS) {
      problem.Set("expected a JSON object");
    } else {
      ReadHousehold(object, population, &problem);
    }
    if (!problem.text.empty()) {
      *error = path + ":" + std::to_string(line) + ": " + problem.text;
      return false;
    }
  }
  if (stream.truncated_bytes() != 0) {
    *error = path + ": truncated last record";
    return false;
  }
  return true;
}

}  // namespace vn_core

// 1,000 households, one in ten corrupt in one of six ways: every record comes
// out exactly once, in input order, with exactly the expected issues.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "runtime/access.hpp"
#include "test_schema.hpp"

using ansinh::ReadAll;
using ansinh::RecordBatch;
using ansinh::RecordReader;
using namespace test_io;

namespace {

constexpr int kRecords = 1000;

enum Corruption { kTruncated, kBadUtf8, kWrongType, kDuplicateId, kUnknownEnum, kNoMembers, kKinds };

int KindOf(int i) { return i % 10 == 7 ? (i / 10) % kKinds : -1; }

std::string IdOf(int i) {
  // A duplicate reuses the previous record's id.
  const int n = KindOf(i) == kDuplicateId ? i - 1 : i;
  char buf[16];
  std::snprintf(buf, sizeof buf, "H%04d", n);
  return buf;
}

std::set<std::string> Expected(int i, bool csv) {
  switch (KindOf(i)) {
    case kTruncated: return {"R_SYNTAX"};
    case kBadUtf8: return {"R_BAD_UTF8"};
    case kWrongType: return {"R_WRONG_TYPE"};
    case kDuplicateId: return csv ? std::set<std::string>{"R_DUPLICATE_HOUSEHOLD_ID", "R_NO_MEMBERS"}
                                  : std::set<std::string>{"R_DUPLICATE_HOUSEHOLD_ID"};
    case kUnknownEnum: return {"R_UNKNOWN_ENUM_VALUE"};
    case kNoMembers: return {"R_NO_MEMBERS"};
    default: return {};
  }
}

std::string JsonLine(int i) {
  const int kind = KindOf(i);
  std::string s = "{\"id\":\"" + IdOf(i) + "\",\"area\":\"" + (kind == kUnknownEnum ? "rurall" : i % 3 ? "rural" : "urban") + "\"";
  s += ",\"income_per_capita\":" + std::string(kind == kWrongType ? "{\"vnd\":1}" : std::to_string(900000 + i * 1000));
  s += ",\"coefficient\":" + std::to_string(i % 4) + ".25";
  s += ",\"deprivations\":[\"water\"" + std::string(i % 2 ? ",\"sanitation\"" : "") + "]";
  s += ",\"note\":\"" + std::string(kind == kBadUtf8 ? "h\xE1\xBB" "ng\xFF" : "h\xE1\xBB\x99 ngh\xC3\xA8o") + "\"";
  s += ",\"members\":[";
  if (kind != kNoMembers) {
    for (int k = 0; k < 1 + i % 3; ++k) {
      if (k) s += ",";
      s += "{\"id\":\"P" + std::to_string(k + 1) + "\",\"birth_date\":\"" + std::to_string(1 + i % 28) + "/0" +
           std::to_string(1 + k) + "/19" + std::to_string(40 + i % 60) + "\",\"sex\":\"" + (k % 2 ? "male" : "female") + "\"}";
    }
  }
  s += "]}";
  if (kind == kTruncated) s.resize(s.size() / 2);
  return s + "\n";
}

void CheckAll(const RecordBatch& batch, bool csv) {
  REQUIRE(batch.size() == kRecords);
  size_t errors = 0;
  for (int i = 0; i < kRecords; ++i) {
    INFO("record " << i << " kind " << KindOf(i));
    CHECK(ansinh::internal::DataOf(batch).HouseholdId(i) == IdOf(i));
    CHECK(ansinh::internal::DataOf(batch).origins[i].index == static_cast<uint64_t>(i));
    std::set<std::string> codes;
    for (const auto& issue : batch.issues(i)) codes.insert(issue.code);
    CHECK(codes == Expected(i, csv));
    errors += ansinh::internal::DataOf(batch).has_error[i];
  }
  CHECK(errors == kRecords / 10);
}

}  // namespace

TEST_CASE("1,000 JSON Lines records, 10% corrupt", "[corrupt]") {
  const auto rules = MakeRules();
  std::string text;
  for (int i = 0; i < kRecords; ++i) text += JsonLine(i);
  TempFile f("corrupt.jsonl", text);
  const RecordBatch all = ReadAll(rules, {f.path()});
  CheckAll(all, false);
  for (int i = 0; i < kRecords; ++i) CHECK(ansinh::internal::DataOf(all).origins[i].line == static_cast<uint64_t>(i + 1));

  // In chunks of 33: the same records in the same order.
  RecordReader reader(rules, {f.path()});
  RecordBatch chunk(rules);
  size_t h = 0;
  while (reader.Next(chunk, 33)) {
    for (size_t i = 0; i < chunk.size(); ++i, ++h) {
      CHECK(ansinh::internal::DataOf(chunk).HouseholdId(i) == ansinh::internal::DataOf(all).HouseholdId(h));
      CHECK(Codes(chunk, i) == Codes(all, h));
    }
  }
  CHECK(h == kRecords);
}

TEST_CASE("1,000 CSV records, 10% corrupt", "[corrupt]") {
  const auto rules = MakeRules();
  std::string hh = "id,area,income_per_capita,coefficient,deprivations,note\r\n";
  std::string pp = "household_id,id,birth_date,sex\r\n";
  for (int i = 0; i < kRecords; ++i) {
    const int kind = KindOf(i);
    std::string row = IdOf(i) + "," + (kind == kUnknownEnum ? "rurall" : i % 3 ? "rural" : "urban") + ",";
    row += kind == kWrongType ? "abc" : std::to_string(900000 + i * 1000);
    row += "," + std::to_string(i % 4) + ".25,water" + (i % 2 ? ";sanitation" : "");
    row += kind == kBadUtf8 ? ",\"h\xE1\xBB" "ng\xFF, x\"" : ",\"h\xE1\xBB\x99 ngh\xC3\xA8o, \"\"A\"\"\"";
    if (kind == kTruncated) row = row.substr(0, row.find(',', 7));  // fewer fields
    hh += row + "\r\n";
    if (kind == kNoMembers || kind == kDuplicateId) continue;
    for (int k = 0; k < 1 + i % 3; ++k) {
      pp += IdOf(i) + ",P" + std::to_string(k + 1) + "," + std::to_string(1 + i % 28) + "/0" +
            std::to_string(1 + k) + "/19" + std::to_string(40 + i % 60) + "," + (k % 2 ? "male" : "female") + "\r\n";
    }
  }
  TempFile fh("corrupt_hh.csv", hh), fp("corrupt_pp.csv", pp);
  const RecordBatch all = ReadAll(rules, {fh.path(), fp.path()});
  CheckAll(all, true);
}

TEST_CASE("1,000 records in a JSON array, 10% corrupt: a broken element swallows nothing", "[corrupt]") {
  const auto rules = MakeRules();
  for (const std::string indent : {"", "  "}) {
    std::string text = "[\n";
    for (int i = 0; i < kRecords; ++i) {
      std::string line = JsonLine(i);
      line.pop_back();  // the newline
      text += indent + line + (i + 1 < kRecords ? ",\n" : "\n");
    }
    text += "]\n";
    TempFile f("corrupt.json", text);
    INFO("indent '" << indent << "'");
    const RecordBatch all = ReadAll(rules, {f.path()});
    CheckAll(all, false);
    for (int i = 0; i < kRecords; ++i) CHECK(ansinh::internal::DataOf(all).origins[i].line == static_cast<uint64_t>(i + 2));
  }
}

TEST_CASE("JSON array: valid elements with unusual layout are not cut", "[corrupt]") {
  const auto rules = MakeRules();
  // A member object at the start of a line, left of its household: valid JSON, read as one record.
  TempFile f("layout.json",
             "[\n  {\"id\": \"H1\", \"members\": [\n{\"id\": \"P1\"},\n{\"id\": \"P2\"}\n]},\n"
             "  {\"id\": \"H2\", \"members\": [{\"id\": \"P1\"}]}\n]\n");
  const RecordBatch batch = ReadAll(rules, {f.path()});
  REQUIRE(batch.size() == 2);
  CHECK(batch.issues(0).empty());
  CHECK(batch.person_count() == 3);
  CHECK(ansinh::internal::DataOf(batch).origins[1].line == 6);
}

TEST_CASE("records across the readers' 1 MiB buffer refills", "[corrupt]") {
  const auto rules = MakeRules();
  constexpr int kMany = 9000;  // about 2.7 MB: records fall across block boundaries
  std::string jsonl, json = "[\n";
  for (int i = 0; i < kMany; ++i) {
    std::string line = JsonLine(i % kRecords);
    line.insert(8, std::to_string(i / kRecords));  // unique ids: "H0007" -> "H00007", "H10007" ...
    jsonl += line;
    line.pop_back();  // the newline
    json += line + (i + 1 < kMany ? ",\n" : "\n");
  }
  json += "]\n";
  TempFile fl("many.jsonl", jsonl), fj("many.json", json);
  const RecordBatch a = ReadAll(rules, {fl.path()});
  const RecordBatch b = ReadAll(rules, {fj.path()});
  REQUIRE(a.size() == kMany);
  REQUIRE(b.size() == kMany);
  for (int i = 0; i < kMany; ++i) {
    INFO("record " << i);
    CHECK(ansinh::internal::DataOf(a).HouseholdId(i) == ansinh::internal::DataOf(b).HouseholdId(i));
    CHECK(ansinh::internal::DataOf(a).origins[i].line == static_cast<uint64_t>(i + 1));
    CHECK(ansinh::internal::DataOf(b).origins[i].line == static_cast<uint64_t>(i + 2));
    CHECK(Codes(a, i) == Codes(b, i));
    std::set<std::string> codes;
    for (const auto& issue : a.issues(i)) codes.insert(issue.code);
    CHECK(codes == Expected(i % kRecords, false));
  }
}

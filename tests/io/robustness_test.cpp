// Hostile input: random bytes and damaged valid records must never crash a
// reader, and (where records are delimited) never lose one. Also: the two CSV
// join strategies agree, and the id table holds up to growth.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "runtime/access.hpp"
#include "ansinh/error.hpp"
#include "io/id_table.hpp"
#include "test_schema.hpp"

using ansinh::ReadAll;
using ansinh::ReadOptions;
using ansinh::RecordBatch;
using namespace test_io;

namespace {

// Bytes biased towards the characters that matter to the parsers.
std::string RandomBytes(std::mt19937& rng, size_t n) {
  static const std::string kAlphabet = "{}[]\",:;|\\\n\r \t-0123456789.eE_abcdefid\xC3\xA1\xFF\x00";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += rng() % 8 == 0 ? static_cast<char>(rng() % 256) : kAlphabet[rng() % kAlphabet.size()];
  }
  return out;
}

const char* const kGood =
    "{\"id\":\"H\",\"area\":\"rural\",\"deprivations\":[\"water\"],\"coefficient\":1.25,"
    "\"note\":\"a, \\\"b\\\"\",\"members\":[{\"id\":\"P1\",\"birth_date\":\"2020-02-29\"}]}";

// A valid record with a few bytes overwritten, inserted or removed.
std::string Damage(std::mt19937& rng, std::string s) {
  for (int k = 0; k < 3; ++k) {
    const size_t at = rng() % s.size();
    switch (rng() % 3) {
      case 0: s[at] = static_cast<char>(rng() % 256); break;
      case 1: s.insert(at, 1, "{}[]\",:\\"[rng() % 8]); break;
      default: s.erase(at, 1 + rng() % 4); break;
    }
  }
  s.erase(std::remove(s.begin(), s.end(), '\n'), s.end());
  return s;
}

}  // namespace

TEST_CASE("random bytes never crash a reader", "[robust]") {
  const auto rules = MakeRules();
  std::mt19937 rng(20240701);
  ReadOptions options;
  options.max_record_bytes = 2000;
  for (int round = 0; round < 40; ++round) {
    const std::string bytes = RandomBytes(rng, 200 + rng() % 3000);
    for (const char* ext : {"jsonl", "json", "yaml"}) {
      TempFile f(std::string("random.") + ext, bytes);
      INFO(ext << " round " << round);
      RecordBatch batch = ReadAll(rules, {f.path()}, options);
      for (size_t h = 0; h < batch.size(); ++h) {
        CHECK(ansinh::internal::DataOf(batch).origins[h].index == h);
        CHECK(ansinh::internal::DataOf(batch).issue_begin[h] <= ansinh::internal::DataOf(batch).issue_begin[h + 1]);
      }
    }
    TempFile hh("random_hh.csv", "id,area,note\n" + bytes);
    TempFile pp("random_pp.csv", "household_id,id,sex\n" + RandomBytes(rng, 500));
    RecordBatch batch = ReadAll(rules, {hh.path(), pp.path()}, options);
    CHECK(ansinh::internal::DataOf(batch).member_begin.size() == batch.size() + 1);
  }
}

TEST_CASE("damaged JSON Lines: one household per non-blank line", "[robust]") {
  const auto rules = MakeRules();
  std::mt19937 rng(7);
  std::string text;
  size_t lines = 0;
  for (int i = 0; i < 500; ++i) {
    std::string line = i % 2 ? Damage(rng, kGood) : std::string(kGood);
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    text += line + "\n";
    ++lines;
  }
  TempFile f("damaged.jsonl", text);
  const RecordBatch batch = ReadAll(rules, {f.path()});
  CHECK(batch.size() == lines);
  for (size_t h = 0; h < batch.size(); h += 2) CHECK(ansinh::internal::DataOf(batch).has_error[h] == (h == 0 ? 0 : 1));
}

TEST_CASE("CSV: the streaming join and the indexed join agree", "[robust]") {
  const auto rules = MakeRules();
  std::mt19937 rng(99);
  std::string hh = "id,area,rooms\n";
  std::vector<std::string> person_rows;
  for (int i = 0; i < 400; ++i) {
    const std::string id = "H" + std::to_string(i);
    hh += id + "," + (i % 2 ? "rural" : "urban") + "," + std::to_string(i % 9) + "\n";
    for (int k = 0; k < i % 5; ++k) {
      person_rows.push_back(id + ",P" + std::to_string(k) + "," + (k % 2 ? "male" : "\"fe\"\"male\"") + "\n");
    }
  }
  std::string grouped = "household_id,id,sex\n", shuffled = grouped;
  for (const auto& r : person_rows) grouped += r;
  std::vector<std::string> mixed = person_rows;
  std::shuffle(mixed.begin(), mixed.end(), rng);
  std::stable_sort(mixed.begin(), mixed.end(), [](const std::string& a, const std::string& b) {
    return a.substr(0, a.find(',')) < b.substr(0, b.find(','));  // grouped, but not in households order
  });
  for (const auto& r : mixed) shuffled += r;
  TempFile fh("join_hh.csv", hh), fg("join_grouped.csv", grouped), fs("join_shuffled.csv", shuffled);
  const RecordBatch a = ReadAll(rules, {fh.path(), fg.path()});
  const RecordBatch b = ReadAll(rules, {fh.path(), fs.path()});
  REQUIRE(a.size() == 400);
  REQUIRE(b.size() == 400);
  CHECK(a.person_count() == person_rows.size());
  CHECK(b.person_count() == person_rows.size());
  for (size_t h = 0; h < 400; ++h) {
    CHECK(ansinh::internal::DataOf(a).HouseholdId(h) == ansinh::internal::DataOf(b).HouseholdId(h));
    CHECK(Codes(a, h) == Codes(b, h));
    std::vector<std::string> pa, pb;
    for (uint32_t p = ansinh::internal::DataOf(a).member_begin[h]; p < ansinh::internal::DataOf(a).member_begin[h + 1]; ++p) {
      pa.emplace_back(ansinh::internal::DataOf(a).PersonId(p));
    }
    for (uint32_t p = ansinh::internal::DataOf(b).member_begin[h]; p < ansinh::internal::DataOf(b).member_begin[h + 1]; ++p) {
      pb.emplace_back(ansinh::internal::DataOf(b).PersonId(p));
    }
    std::sort(pb.begin(), pb.end());
    std::sort(pa.begin(), pa.end());
    CHECK(pa == pb);
  }
  CHECK(HasIssue(a, 1, "R_UNKNOWN_ENUM_VALUE", "members[P0].sex"));  // "fe\"male"
}

TEST_CASE("id table: growth and lookups", "[robust]") {
  ansinh::internal::IdTable<uint64_t> table;
  for (uint64_t i = 0; i < 50000; ++i) {
    const auto [value, added] = table.Insert("id-" + std::to_string(i * 7919 % 100003), i);
    CHECK(added);
    CHECK(*value == i);
  }
  CHECK(table.size() == 50000);
  CHECK_FALSE(table.Insert("id-0", 99).second);
  CHECK(*table.Find("id-0") == 0);
  CHECK(table.Find("id-100004") == nullptr);
  CHECK(table.IndexOf(table.KeyAt(1234)) == 1234);
  CHECK(table.ValueAt(1234) == 1234);
  CHECK(table.Find("") == nullptr);
}

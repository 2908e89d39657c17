// The duplicate-household-id check: ids in a log spilled to a temporary file,
// 8-byte slots in memory; a duplicate is found wherever its first occurrence is.
#include <catch2/catch.hpp>

#include <string>

#include "io/household_ids.hpp"

using ansinh::RecordOrigin;
using ansinh::internal::HouseholdIds;

namespace {

RecordOrigin At(const std::string& file, uint64_t index) { return RecordOrigin{file, index + 1, index}; }

}  // namespace

TEST_CASE("Household ids: a duplicate beyond the in-memory part is found, with its first place", "[ids]") {
  HouseholdIds ids(256);  // a 256-byte in-memory part: almost every id is in the temporary file
  RecordOrigin first;
  const size_t n = 20000;  // the table grows five times, re-reading the file
  for (size_t i = 0; i < n; ++i) {
    REQUIRE_FALSE(ids.Insert("HH-" + std::to_string(i), At(i < n / 2 ? "a.jsonl" : "b.jsonl", i), &first));
  }
  CHECK(ids.size() == n);
  CHECK(ids.spilled_bytes() > 100000);
  // Every id again: each one is a duplicate of its first place, in the file or in memory.
  for (size_t i = 0; i < n; i += 997) {
    REQUIRE(ids.Insert("HH-" + std::to_string(i), At("c.jsonl", n + i), &first));
    CHECK(first.file == (i < n / 2 ? "a.jsonl" : "b.jsonl"));
    CHECK(first.line == i + 1);
    CHECK(first.index == i);
  }
  REQUIRE(ids.Insert("HH-19999", At("c.jsonl", 3 * n), &first));  // the last one, still in memory
  CHECK(first.index == n - 1);
  CHECK(ids.size() == n);  // a duplicate is not remembered a second time
  // Near misses are not duplicates: prefixes, a longer id, an empty-looking one.
  CHECK_FALSE(ids.Insert("HH-1000 ", At("c.jsonl", 0), &first));
  CHECK_FALSE(ids.Insert("HH-", At("c.jsonl", 0), &first));
  CHECK_FALSE(ids.Insert("HH-200000", At("c.jsonl", 0), &first));
  CHECK(ids.Insert("HH-200000", At("c.jsonl", 1), &first));
  CHECK(first.index == 0);
}

TEST_CASE("Household ids: without spilling, nothing is written", "[ids]") {
  HouseholdIds ids;
  RecordOrigin first;
  for (int i = 0; i < 1000; ++i) REQUIRE_FALSE(ids.Insert(std::to_string(i), At("x", i), &first));
  CHECK(ids.Insert("7", At("x", 5000), &first));
  CHECK(first.index == 7);
  CHECK(ids.spilled_bytes() == 0);
}

// The YAML reader.
#include <catch2/catch.hpp>

#include "runtime/access.hpp"
#include "test_schema.hpp"

using ansinh::Date;
using ansinh::ReadAll;
using ansinh::ReadOptions;
using ansinh::RecordBatch;
using ansinh::RecordReader;
using namespace test_io;

namespace {

std::string YamlIds(const RecordBatch& batch) {
  std::string out;
  for (size_t h = 0; h < batch.size(); ++h) {
    if (h) out += ",";
    out += std::string(ansinh::internal::DataOf(batch).HouseholdId(h));
  }
  return out;
}

}  // namespace

TEST_CASE("YAML: one mapping", "[yaml]") {
  const auto rules = MakeRules();
  TempFile f("one.yaml",
             "# a test household\n"
             "id: T1\n"
             "area: rural\n"
             "income_per_capita: 1_200_000\n"
             "deprivations: [water, sanitation, housing_area]\n"
             "extremely_difficult_area: yes\n"
             "coefficient: 1.1\n"
             "rooms: ~\n"
             "note: \"null\"\n"
             "members:\n"
             "  - {id: C1, birth_date: 2021-02-28, sex: female}\n"
             "  - id: C2\n"
             "    birth_date: 31/12/1950\n"
             "    has_supporter: false\n");
  const RecordBatch batch = ReadAll(rules, {f.path()});
  REQUIRE(batch.size() == 1);
  CHECK(batch.issues(0).empty());
  CHECK(YamlIds(batch) == "T1");
  CHECK(ansinh::internal::DataOf(batch).origins[0].line == 2);
  CHECK(HouseholdCell(batch, 0, "income_per_capita").value == 1200000LL * 1000000);
  CHECK(HouseholdCell(batch, 0, "deprivations").value == 0b1110);
  CHECK(HouseholdCell(batch, 0, "extremely_difficult_area").value == 1);
  CHECK(HouseholdCell(batch, 0, "coefficient").value == 1100000);
  CHECK_FALSE(HouseholdCell(batch, 0, "rooms").known);
  CHECK(ansinh::internal::DataOf(batch).String(HouseholdCell(batch, 0, "note").value) == "null");  // quoted: a text
  CHECK(batch.person_count() == 2);
  CHECK(PersonCell(batch, 0, "birth_date").value == Date::FromYmd(2021, 2, 28).days());
  CHECK(PersonCell(batch, 1, "birth_date").value == Date::FromYmd(1950, 12, 31).days());
  CHECK(PersonCell(batch, 1, "has_supporter").value == 0);
}

TEST_CASE("YAML: a sequence is streamed item by item", "[yaml]") {
  const auto rules = MakeRules();
  TempFile f("seq.yaml",
             "---\n"
             "- id: H1\n"
             "  area: rural\n"
             "  members: [{id: P1}]\n"
             "\n"
             "# the second\n"
             "- id: H2\n"
             "  area: [rural]\n"
             "  members:\n"
             "    - id: P1\n"
             "      sex: {a: 1}\n"
             "- id: H3\n"
             "  area: rural\n"
             "   bad: indentation: here\n"
             "-\n"
             "  id: H4\n"
             "  arae: rural\n"
             "  members:\n"
             "    - id: P1\n"
             "    - 7\n"
             "- just a text\n"
             "- id: H1\n"
             "  members: [{id: P1}, {id: P1}]\n");
  const RecordBatch batch = ReadAll(rules, {f.path()});
  REQUIRE(batch.size() == 6);
  CHECK(YamlIds(batch) == "H1,H2,H3,H4,line 21,H1");
  const auto& d = ansinh::internal::DataOf(batch);
  CHECK(d.origins[0].line == 2);
  CHECK(d.origins[1].line == 7);
  CHECK(d.origins[2].line == 12);
  CHECK(d.origins[3].line == 15);
  CHECK(batch.issues(0).empty());
  CHECK(HasIssue(batch, 1, "R_WRONG_TYPE", "area"));
  CHECK(HasIssue(batch, 1, "R_WRONG_TYPE", "members[P1].sex"));
  CHECK(HasIssue(batch, 2, "R_SYNTAX", ""));
  CHECK(HasIssue(batch, 3, "R_UNKNOWN_FIELD", "arae"));
  CHECK(HasIssue(batch, 3, "R_WRONG_TYPE", "members[#2]"));
  CHECK(HasIssue(batch, 4, "R_SYNTAX", ""));
  CHECK(HasIssue(batch, 5, "R_DUPLICATE_HOUSEHOLD_ID"));
  CHECK(HasIssue(batch, 5, "R_DUPLICATE_PERSON_ID"));

  // Chunked reading gives the same.
  RecordReader reader(rules, {f.path()});
  RecordBatch chunk(rules);
  size_t h = 0;
  while (reader.Next(chunk, 1)) {
    REQUIRE(chunk.size() == 1);
    CHECK(ansinh::internal::DataOf(chunk).HouseholdId(0) == d.HouseholdId(h));
    CHECK(Codes(chunk, 0) == Codes(batch, h));
    ++h;
  }
  CHECK(h == 6);
}

TEST_CASE("YAML: several documents, flow sequences, hostile input", "[yaml]") {
  const auto rules = MakeRules();
  SECTION("documents") {
    TempFile f("docs.yaml", "id: A\nmembers: [{id: P1}]\n---\nid: B\nmembers: [{id: P1}]\n...\n---\n[{id: C, members: [{id: P1}]}, {id: D}]\n");
    const RecordBatch batch = ReadAll(rules, {f.path()});
    CHECK(YamlIds(batch) == "A,B,C,D");
    CHECK(ansinh::internal::DataOf(batch).origins[1].line == 4);
    CHECK(batch.issues(2).empty());
    CHECK(HasIssue(batch, 3, "R_NO_MEMBERS"));
  }
  SECTION("deep nesting is refused before yaml-cpp sees it") {
    TempFile f("deep.yaml", "- id: A\n  note: " + std::string(100000, '[') + "\n- id: B\n  members: [{id: P1}]\n");
    const RecordBatch batch = ReadAll(rules, {f.path()});
    CHECK(YamlIds(batch) == "A,B");
    CHECK(HasIssue(batch, 0, "R_SYNTAX"));
    CHECK(batch.issues(1).empty());
  }
  SECTION("an item over max_record_bytes") {
    TempFile f("long.yaml", "- id: A\n  note: " + std::string(3000, 'x') + "\n- id: B\n  members: [{id: P1}]\n");
    ReadOptions options;
    options.max_record_bytes = 1000;
    const RecordBatch batch = ReadAll(rules, {f.path()}, options);
    CHECK(YamlIds(batch) == "A,B");
    CHECK(HasIssue(batch, 0, "R_LIMIT", ""));
  }
}

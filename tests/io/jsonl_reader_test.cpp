// JSON Lines and JSON readers.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "runtime/access.hpp"
#include "ansinh/error.hpp"
#include "test_paths.hpp"
#include "test_schema.hpp"

using ansinh::Date;
using ansinh::ReadAll;
using ansinh::ReadOptions;
using ansinh::RecordBatch;
using ansinh::RecordFormat;
using ansinh::RecordReader;
using namespace test_io;

namespace {

std::string JsonlIds(const RecordBatch& batch) {
  std::string out;
  for (size_t h = 0; h < batch.size(); ++h) {
    if (h) out += ",";
    out += std::string(ansinh::internal::DataOf(batch).HouseholdId(h));
  }
  return out;
}

}  // namespace

TEST_CASE("JSON Lines: values, members, line numbers", "[jsonl]") {
  const auto rules = MakeRules();
  TempFile f("basic.jsonl",
             "{\"id\": \"H1\", \"area\": \"rural\", \"income_per_capita\": 1200000, \"coefficient\": 1.1,\n"
             "\n"
             "{\"id\":\"H2\",\"area\":\"urban\",\"income_per_capita\":\"1500000\",\"deprivations\":[\"water\",\"sanitation\"],"
             "\"extremely_difficult_area\":true,\"rooms\":null,\"members\":[{\"id\":\"P1\",\"birth_date\":\"28/02/2021\","
             "\"sex\":\"female\",\"has_supporter\":false},{\"id\":\"P2\",\"birth_date\":\"1950-01-01\",\"monthly_income\":1.5e6}]}\n"
             "   \n"
             "{\"id\":\"H3\",\"area\":\"rurall\",\"rooms\":\"two\",\"coefficient\":{\"a\":1},\"members\":[{\"id\":\"P1\",\"sex\":3}]}\r\n"
             "{\"id\":12345,\"members\":[{\"id\":\"P1\"}]}");
  const RecordBatch batch = ReadAll(rules, {f.path()});
  REQUIRE(batch.size() == 4);
  CHECK(JsonlIds(batch) == "H1,H2,H3,12345");
  const auto& d = ansinh::internal::DataOf(batch);
  // line 1 is truncated: R_SYNTAX; the id was read before the error.
  CHECK(HasIssue(batch, 0, "R_SYNTAX"));
  CHECK(d.origins[0].line == 1);
  CHECK(d.origins[1].line == 3);
  CHECK(d.origins[2].line == 5);
  CHECK(d.origins[3].line == 6);
  CHECK(d.origins[3].index == 3);
  CHECK(d.origins[1].file == f.path());

  CHECK(batch.issues(1).empty());
  CHECK(HouseholdCell(batch, 1, "area").value == 1);
  CHECK(HouseholdCell(batch, 1, "income_per_capita").value == 1500000LL * 1000000);
  CHECK(HouseholdCell(batch, 1, "deprivations").value == 0b0110);
  CHECK(HouseholdCell(batch, 1, "extremely_difficult_area").value == 1);
  CHECK_FALSE(HouseholdCell(batch, 1, "rooms").known);
  CHECK(d.member_begin[1] == 0);
  CHECK(d.member_begin[2] == 2);
  CHECK(PersonCell(batch, 0, "birth_date").value == Date::FromYmd(2021, 2, 28).days());
  CHECK(PersonCell(batch, 1, "monthly_income").value == 1500000LL * 1000000);
  CHECK(PersonCell(batch, 0, "has_supporter").known);
  CHECK(PersonCell(batch, 0, "has_supporter").value == 0);

  CHECK(HasIssue(batch, 2, "R_UNKNOWN_ENUM_VALUE", "area"));
  CHECK(HasIssue(batch, 2, "R_WRONG_TYPE", "rooms"));
  CHECK(HasIssue(batch, 2, "R_WRONG_TYPE", "coefficient"));
  CHECK(HasIssue(batch, 2, "R_UNKNOWN_ENUM_VALUE", "members[P1].sex"));
  CHECK(batch.issues(3).empty());
}

TEST_CASE("JSON Lines: the syntax error cases each give one household", "[jsonl]") {
  const auto rules = MakeRules();
  TempFile f("broken.jsonl",
             "{\"id\":\"A\",\"members\":[{\"id\":\"P1\"}]}\n"
             "{\"id\":\"B\",\"area\":\"rural\",\"members\":[{\"id\":\"P1\"}\n"   // truncated
             "[1,2,3]\n"                                                         // not an object
             "{\"id\":\"D\",\"members\":[{\"id\":\"P1\"}]} trailing\n"            // trailing text
             "{\"id\":\"E\" \"area\":\"rural\"}\n"                               // missing comma
             "{\"area\":\"rural\", \"x\": [1,,2], \"id\":\"F\"}\n"                // bad value of unknown key
             "{\"id\":\"G\",\"note\":\"caf\xC3\xA9 \xFF\",\"members\":[{\"id\":\"P1\"}]}\n"  // bad UTF-8
             "{\"members\":[{\"id\":\"P1\",\"birth_date\":\"2020-01-01\"}],\"id\":\"H\",\"rooms\":01}\n"  // bad number
             "nonsense\n"
             "{\"id\":\"J\",\"members\":[{\"id\":\"P1\"}]}\n");
  const RecordBatch batch = ReadAll(rules, {f.path()});
  REQUIRE(batch.size() == 10);
  CHECK(JsonlIds(batch) == "A,B,line 3,D,E,F,G,H,line 9,J");
  CHECK(batch.issues(0).empty());
  for (size_t h : {1, 2, 3, 4, 5, 7, 8}) {
    INFO(h);
    CHECK(HasIssue(batch, h, "R_SYNTAX", ""));
    CHECK(ansinh::internal::DataOf(batch).has_error[h] == 1);
    CHECK_FALSE(HasIssue(batch, h, "R_NO_MEMBERS"));  // only the syntax error is reported
  }
  CHECK(HasIssue(batch, 6, "R_BAD_UTF8", "note"));
  CHECK_FALSE(HasIssue(batch, 6, "R_SYNTAX"));
  CHECK(batch.issues(9).empty());
  for (const auto& issue : batch.issues(2)) {
    CHECK(issue.message == "The record at line 3 is a list, not an object with the household's fields.");
    CHECK(issue.message_vi == "Bản ghi ở dòng 3 là một danh sách, không phải một đối tượng chứa các trường của hộ.");
  }
}

TEST_CASE("JSON Lines: duplicate household ids, members problems", "[jsonl]") {
  const auto rules = MakeRules();
  TempFile f("dups.jsonl",
             "{\"id\":\"A\",\"members\":[{\"id\":\"P1\"},{\"id\":\"P1\"}]}\n"
             "{\"id\":\"B\",\"members\":[]}\n"
             "{\"id\":\"A\",\"members\":[{\"id\":\"P1\"}]}\n"
             "{\"id\":\"C\",\"members\":{\"id\":\"P1\"}}\n"
             "{\"id\":\"D\",\"members\":[{\"id\":\"P1\"}, 5],\"members\":[]}\n"
             "{\"id\":\"E\",\"members\":null}\n");
  const RecordBatch batch = ReadAll(rules, {f.path()});
  REQUIRE(batch.size() == 6);
  CHECK(HasIssue(batch, 0, "R_DUPLICATE_PERSON_ID", "members[P1]"));
  CHECK(HasIssue(batch, 1, "R_NO_MEMBERS", "members"));
  CHECK(HasIssue(batch, 2, "R_DUPLICATE_HOUSEHOLD_ID", "id"));
  CHECK_FALSE(HasIssue(batch, 0, "R_DUPLICATE_HOUSEHOLD_ID"));
  for (const auto& issue : batch.issues(2)) {
    if (issue.code == "R_DUPLICATE_HOUSEHOLD_ID") CHECK(issue.message.find(f.path() + ":1") != std::string::npos);
  }
  CHECK(HasIssue(batch, 3, "R_WRONG_TYPE", "members"));
  CHECK(HasIssue(batch, 4, "R_WRONG_TYPE", "members[#2]"));
  CHECK(HasIssue(batch, 4, "R_DUPLICATE_FIELD", "members"));
  CHECK(HasIssue(batch, 5, "R_NO_MEMBERS"));
}

TEST_CASE("JSON Lines: a record over max_record_bytes", "[jsonl]") {
  const auto rules = MakeRules();
  std::string big = "{\"id\":\"BIG\",\"note\":\"" + std::string(5000, 'x') + "\",\"members\":[{\"id\":\"P1\"}]}";
  TempFile f("big.jsonl", "{\"id\":\"A\",\"members\":[{\"id\":\"P1\"}]}\n" + big + "\n" + big + big +
                              "\n{\"id\":\"C\",\"members\":[{\"id\":\"P1\"}]}\n");
  ReadOptions options;
  options.max_record_bytes = 1000;
  const RecordBatch batch = ReadAll(rules, {f.path()}, options);
  REQUIRE(batch.size() == 4);
  CHECK(JsonlIds(batch) == "A,BIG,BIG,C");
  CHECK(HasIssue(batch, 1, "R_LIMIT", ""));
  CHECK(HasIssue(batch, 2, "R_LIMIT", ""));
  CHECK(HasIssue(batch, 2, "R_DUPLICATE_HOUSEHOLD_ID"));
  CHECK(ansinh::internal::DataOf(batch).origins[3].line == 4);
  CHECK(batch.issues(3).empty());
}

TEST_CASE("JSON: one object, an array, streamed", "[json]") {
  const auto rules = MakeRules();
  SECTION("one object") {
    TempFile f("one.json", "\xEF\xBB\xBF{\n  \"id\": \"H1\",\n  \"members\": [{\"id\": \"P1\"}]\n}\n");
    const RecordBatch batch = ReadAll(rules, {f.path()});
    REQUIRE(batch.size() == 1);
    CHECK(JsonlIds(batch) == "H1");
    CHECK(batch.issues(0).empty());
  }
  SECTION("an array, with broken and non-object elements") {
    TempFile f("array.json",
               "[\n"
               "  {\"id\": \"H1\", \"note\": \"a ] } [ { \\\" inside\", \"members\": [{\"id\": \"P1\"}]},\n"
               "  {\"id\": \"H2\", \"members\": [{\"id\": \"P1\"}]},\n"
               "  42,\n"
               "  {\"id\": \"H4\", \"area\": rural, \"members\": []},\n"
               "  {\"id\": \"H5\",\n   \"members\": [{\"id\": \"P1\"}]}\n"
               "]\n");
    const RecordBatch batch = ReadAll(rules, {f.path()});
    REQUIRE(batch.size() == 5);
    CHECK(JsonlIds(batch) == "H1,H2,line 4,H4,H5");
    CHECK(ansinh::internal::DataOf(batch).String(HouseholdCell(batch, 0, "note").value) == "a ] } [ { \" inside");
    CHECK(batch.issues(0).empty());
    CHECK(HasIssue(batch, 2, "R_SYNTAX"));
    CHECK(HasIssue(batch, 3, "R_SYNTAX"));
    CHECK(ansinh::internal::DataOf(batch).origins[4].line == 6);
    CHECK(batch.issues(4).empty());
  }
  SECTION("a truncated array") {
    TempFile f("cut.json", "[{\"id\": \"H1\", \"members\": [{\"id\": \"P1\"}]}, {\"id\": \"H2\", \"mem");
    const RecordBatch batch = ReadAll(rules, {f.path()});
    REQUIRE(batch.size() == 3);  // the broken record, then the array left open
    CHECK(JsonlIds(batch) == "H1,H2,line 1");
    CHECK(HasIssue(batch, 1, "R_SYNTAX"));
    CHECK(HasIssue(batch, 2, "R_SYNTAX"));
  }
  SECTION("an array cut between two records: its end is an R_SYNTAX record, never a silent loss") {
    for (const char* tail : {",\n", "\n", ", ", ""}) {
      INFO("ends with '" << tail << "'");
      TempFile f("cut_between.json", std::string("[\n  {\"id\": \"H1\", \"members\": [{\"id\": \"P1\"}]},\n"
                                                 "  {\"id\": \"H2\", \"members\": [{\"id\": \"P1\"}]}") + tail);
      const RecordBatch batch = ReadAll(rules, {f.path()});
      REQUIRE(batch.size() == 3);
      CHECK(batch.issues(0).empty());
      CHECK(batch.issues(1).empty());
      CHECK(HasIssue(batch, 2, "R_SYNTAX"));
      CHECK(batch.issues(2).size() == 1);  // that alone (no R_NO_MEMBERS on top)
      CHECK(batch.issues(2)[0].message.find("opened at line 1 (no closing ']')") != std::string::npos);
      CHECK(ansinh::internal::DataOf(batch).has_error[2] == 1);
    }
    // Closed, with spaces, a second file: no such record.
    TempFile a("closed_a.json", "[{\"id\": \"A1\", \"members\": [{\"id\": \"P1\"}]}]\n\n");
    TempFile b("closed_b.json", "  [ {\"id\": \"B1\", \"members\": [{\"id\": \"P1\"}]} ]  ");
    const RecordBatch closed = ReadAll(rules, {a.path(), b.path()});
    CHECK(JsonlIds(closed) == "A1,B1");
  }
  SECTION("exact decimals") {
    TempFile f("dec.json", "{\"id\":\"H\",\"coefficient\":1.1,\"income_per_capita\":1500000.0,\"members\":[{\"id\":\"P\"}]}");
    const RecordBatch batch = ReadAll(rules, {f.path()});
    CHECK(HouseholdCell(batch, 0, "coefficient").value == 1100000);
    CHECK(HouseholdCell(batch, 0, "income_per_capita").value == 1500000LL * 1000000);
  }
}

TEST_CASE("RecordReader: chunks give the same records as one read", "[jsonl]") {
  const auto rules = MakeRules();
  std::string text;
  for (int i = 0; i < 57; ++i) {
    text += "{\"id\":\"H" + std::to_string(i) + "\",\"area\":\"" + (i % 2 ? "rural" : "urbn") +
            "\",\"members\":[{\"id\":\"P1\"}]}\n";
    if (i % 10 == 3) text += "{broken\n";
  }
  TempFile f("chunks.jsonl", text);
  const RecordBatch all = ReadAll(rules, {f.path()});
  RecordReader reader(rules, {f.path()});
  CHECK(reader.format() == RecordFormat::kJsonLines);
  RecordBatch batch(rules);
  size_t h = 0;
  while (reader.Next(batch, 4)) {
    CHECK(batch.size() <= 4);
    for (size_t i = 0; i < batch.size(); ++i, ++h) {
      CHECK(ansinh::internal::DataOf(batch).HouseholdId(i) == ansinh::internal::DataOf(all).HouseholdId(h));
      CHECK(ansinh::internal::DataOf(batch).origins[i].line == ansinh::internal::DataOf(all).origins[h].line);
      CHECK(ansinh::internal::DataOf(batch).origins[i].index == h);
      CHECK(Codes(batch, i) == Codes(all, h));
    }
  }
  CHECK(h == all.size());
  CHECK(h == 63);
  CHECK(batch.size() == 0);
  CHECK(reader.bytes_read() == text.size());
}

TEST_CASE("ReadAll: past the households it sizes the batch from, the same records as chunks", "[jsonl]") {
  // ReadAll reads 2,048 households, then reserves the batch for the rest of the file at that rate.
  const auto rules = MakeRules();
  std::string text;
  for (int i = 0; i < 5000; ++i) {
    text += "{\"id\":\"H" + std::to_string(i == 4321 ? 7 : i) + "\",\"area\":\"" + (i % 3 ? "rural" : "urbn") +
            "\",\"members\":[{\"id\":\"P1\"}" + (i % 2 ? ",{\"id\":\"P2\"}" : "") + "]}\n";
    if (i == 3000) text += "{broken\n";
  }
  TempFile f("many.jsonl", text);
  const RecordBatch all = ReadAll(rules, {f.path()});
  REQUIRE(all.size() == 5001);
  CHECK(all.person_count() == 7500);
  RecordReader reader(rules, {f.path()});
  RecordBatch batch(rules);
  size_t h = 0;
  while (reader.Next(batch, 1000)) {
    for (size_t i = 0; i < batch.size(); ++i, ++h) {
      CHECK(ansinh::internal::DataOf(batch).HouseholdId(i) == ansinh::internal::DataOf(all).HouseholdId(h));
      CHECK(ansinh::internal::DataOf(batch).origins[i].line == ansinh::internal::DataOf(all).origins[h].line);
      CHECK(Codes(batch, i) == Codes(all, h));
    }
  }
  CHECK(h == all.size());
  ReadOptions limit;
  limit.max_records = 5001;
  CHECK(ReadAll(rules, {f.path()}, limit).size() == 5001);
  limit.max_records = 5000;
  CHECK_THROWS_AS(ReadAll(rules, {f.path()}, limit), ansinh::InputError);
}

TEST_CASE("RecordReader: errors of the environment", "[reader]") {
  const auto rules = MakeRules();
  CHECK_THROWS_AS(RecordReader(rules, {"/nonexistent/x.jsonl"}), ansinh::InputError);
  CHECK_THROWS_AS(RecordReader(rules, {"records.txt"}), ansinh::InputError);
  CHECK_THROWS_AS(RecordReader(rules, {}), ansinh::UsageError);
  TempFile f("one.csv", "id\nH1\n");
  CHECK_THROWS_AS(RecordReader(rules, {f.path()}), ansinh::InputError);
  ReadOptions jsonl;
  jsonl.format = RecordFormat::kJsonLines;
  CHECK_THROWS_AS(RecordReader(rules, {std::string(ANSINH_BINARY_DIR)}, jsonl), ansinh::InputError);
}

TEST_CASE("JSON Lines: a duplicate household id far beyond the in-memory part of the id check", "[jsonl]") {
  // 60,000 households, ~45 bytes each in the id log: the first ids are in the temporary
  // file (the in-memory part is 1 MB) when the last household repeats the second one.
  const auto rules = MakeRules();
  std::string text;
  const int n = 60000;
  for (int i = 0; i < n; ++i) text += "{\"id\":\"HH-" + std::to_string(i) + "\",\"members\":[{\"id\":\"P1\"}]}\n";
  text += "{\"id\":\"HH-1\",\"members\":[{\"id\":\"P1\"}]}\n";
  TempFile f("many.jsonl", text);
  RecordReader reader(rules, {f.path()});
  RecordBatch batch(rules);
  size_t seen = 0;
  size_t duplicates = 0;
  while (reader.Next(batch, 4096)) {
    for (size_t h = 0; h < batch.size(); ++h, ++seen) {
      for (const auto& issue : batch.issues(h)) {
        if (issue.code != "R_DUPLICATE_HOUSEHOLD_ID") continue;
        ++duplicates;
        CHECK(seen == static_cast<size_t>(n));
        CHECK(issue.message.find(f.path() + ":2") != std::string::npos);
      }
    }
  }
  CHECK(seen == static_cast<size_t>(n) + 1);
  CHECK(duplicates == 1);
}

namespace {


std::string ReadWith(const ansinh::RuleSet& rules, const std::vector<std::string>& paths, unsigned threads,
                     size_t chunk) {
  ReadOptions options;
  options.threads = threads;
  options.max_record_bytes = 400;
  RecordReader reader(rules, paths, options);
  RecordBatch batch(rules);
  std::string out;
  while (reader.Next(batch, chunk)) out += DumpBatch(batch) + "--\n";
  return out;
}

// Two JSON Lines files with duplicates inside one round, across rounds and across files; blank,
// broken, too long, non-object and bad UTF-8 lines; a wrong value and an unknown field.
void TroubledInput(std::string& a, std::string& b) {
  for (int i = 0; i < 9000; ++i) {
    std::string line = "{\"id\":\"HH-" + std::to_string(i) + "\",\"area\":\"" + (i % 3 ? "rural" : "urban") +
                       "\",\"income_per_capita\":" + std::to_string(1000 * i) +
                       ",\"members\":[{\"id\":\"P1\",\"birth_date\":\"2001-02-0" + std::to_string(1 + i % 9) +
                       "\"},{\"id\":\"P2\",\"sex\":\"female\"}]}";
    if (i % 1000 == 17) line = "{\"id\":\"HH-" + std::to_string(i / 2) + "\",\"members\":[{\"id\":\"P1\"}]}";
    if (i % 1000 == 18) line = "{\"id\":\"HH-" + std::to_string(i - 1) + "\",\"members\":[{\"id\":\"P1\"}]}";
    if (i % 1500 == 40) line = "";
    if (i % 1700 == 41) line = "{\"id\":\"HH-x" + std::to_string(i) + "\",\"members\":[{\"id\":";
    if (i % 1900 == 42) line = "{\"id\":\"HH-y" + std::to_string(i) + "\",\"note\":\"" + std::string(500, 'z') + "\"}";
    if (i % 2100 == 43) line = "[1,2]";
    if (i % 2300 == 44) line = "{\"id\":\"HH-\xff" + std::to_string(i) + "\",\"members\":[{\"id\":\"P1\"}]}";
    if (i % 2500 == 45) line = "{\"id\":\"HH-z" + std::to_string(i) + "\",\"rooms\":\"two\",\"color\":1,\"members\":[{\"id\":\"P1\"}]}";
    (i < 6000 ? a : b) += line + "\n";
  }
  b += "{\"id\":\"HH-5\",\"members\":[{\"id\":\"P1\"}]}\n";  // the first file's
}

}  // namespace

TEST_CASE("JSON Lines on two threads: the same households, issues and duplicate ids as on one", "[jsonl]") {
  const auto rules = MakeRules();
  std::string a, b;
  TroubledInput(a, b);
  TempFile fa("two_threads_a.jsonl", a), fb("two_threads_b.jsonl", b);
  for (size_t chunk : {size_t{100}, size_t{4096}, size_t{20000}}) {
    const std::string one = ReadWith(rules, {fa.path(), fb.path()}, 1, chunk);
    const std::string two = ReadWith(rules, {fa.path(), fb.path()}, 2, chunk);
    CHECK(one.find("R_DUPLICATE_HOUSEHOLD_ID") != std::string::npos);
    CHECK(one.find("R_LIMIT") != std::string::npos);
    CHECK(one.size() == two.size());
    CHECK(one == two);
  }
}

namespace {


}  // namespace

TEST_CASE("RecordReader::NextConcurrent: the runs in place order are Next's batches", "[jsonl][reader]") {
  const auto rules = MakeRules();
  std::string a, b;
  TroubledInput(a, b);
  TempFile fa("concurrent_a.jsonl", a), fb("concurrent_b.jsonl", b);
  for (size_t chunk : {size_t{1}, size_t{100}, size_t{4096}}) {
    const std::string one = ReadWith(rules, {fa.path(), fb.path()}, 1, chunk);
    CHECK(one.find("R_DUPLICATE_HOUSEHOLD_ID") != std::string::npos);
    CHECK(one.find("R_LIMIT") != std::string::npos);
    for (unsigned threads : {1u, 2u, 4u}) {
      INFO("chunk " << chunk << ", threads " << threads);
      ReadOptions options;
      options.max_record_bytes = 400;
      const std::string many = ReadConcurrently(rules, {fa.path(), fb.path()}, threads, chunk, options);
      CHECK(one.size() == many.size());
      CHECK(one == many);
    }
  }
  // A format read whole (JSON): the same, one caller at a time.
  std::string array = "[";
  for (int i = 0; i < 300; ++i) array += std::string(i ? "," : "") + "{\"id\":\"J" + std::to_string(i % 250) + "\"}";
  array += "]";
  TempFile fj("concurrent.json", array);
  const std::string one = ReadWith(rules, {fj.path()}, 1, 16);
  CHECK(one.find("R_DUPLICATE_HOUSEHOLD_ID") != std::string::npos);
  ReadOptions options;
  options.max_record_bytes = 400;
  CHECK(ReadConcurrently(rules, {fj.path()}, 3, 16, options) == one);
}

TEST_CASE("RecordReader::NextConcurrent: an unreadable input stops every caller with its error", "[jsonl][reader]") {
  const auto rules = MakeRules();
  std::string a, b;
  TroubledInput(a, b);
  TempFile fa("concurrent_fail.jsonl", a), fb("concurrent_fail_b.jsonl", b);
  RecordReader reader(rules, {fa.path(), fb.path()});
  std::filesystem::remove(fb.path());  // opened when the first is read: a failure mid-input
  std::atomic<size_t> errors{0}, households{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < 3; ++t) {
    pool.emplace_back([&] {
      RecordBatch batch(rules);
      try {
        while (reader.NextConcurrent(batch, 100)) households += batch.size();
      } catch (const ansinh::InputError&) {
        ++errors;
      }
    });
  }
  for (std::thread& th : pool) th.join();
  CHECK(errors == 3);  // every caller, none left waiting
  CHECK(households <= 6000);
  RecordBatch batch(rules);
  CHECK_THROWS_AS(reader.NextConcurrent(batch, 100), ansinh::InputError);  // and every later call
}

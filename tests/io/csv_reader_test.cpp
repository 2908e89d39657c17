// The CSV pair reader: RFC 4180 corner cases, the join, and its issues.
#include <catch2/catch.hpp>

#include "runtime/access.hpp"
#include "ansinh/error.hpp"
#include "io/block_reader.hpp"
#include "io/csv_scanner.hpp"
#include "test_schema.hpp"

using ansinh::Date;
using ansinh::ReadAll;
using ansinh::ReadOptions;
using ansinh::RecordBatch;
using ansinh::RecordReader;
using namespace test_io;

namespace {

std::string CsvIds(const RecordBatch& batch) {
  std::string out;
  for (size_t h = 0; h < batch.size(); ++h) {
    if (h) out += ",";
    out += std::string(ansinh::internal::DataOf(batch).HouseholdId(h));
  }
  return out;
}

std::vector<std::vector<std::string>> ScanAll(const std::string& text, size_t block = 4096,
                                              std::vector<uint64_t>* lines = nullptr) {
  TempFile f("scan.csv", text);
  ansinh::internal::BlockReader in(f.path(), block);
  ansinh::internal::CsvScanner scanner(&in, 1 << 20);
  ansinh::internal::CsvRow row;
  std::vector<std::vector<std::string>> rows;
  while (scanner.Next(&row)) {
    rows.emplace_back(row.fields.begin(), row.fields.end());
    if (lines) lines->push_back(row.line);
    if (row.unterminated_quote) rows.back().push_back("<unterminated>");
  }
  return rows;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("CSV scanner: RFC 4180 corner cases", "[csv]") {
  CHECK(ScanAll("a,b,c\n1,2,3\n") == Rows{{"a", "b", "c"}, {"1", "2", "3"}});
  CHECK(ScanAll("a,b\r\n1,2\r\n") == Rows{{"a", "b"}, {"1", "2"}});              // CRLF
  CHECK(ScanAll("a,b\n1,2") == Rows{{"a", "b"}, {"1", "2"}});                    // no final newline
  CHECK(ScanAll("\xEF\xBB\xBF" "a,b\n1,2\n") == Rows{{"a", "b"}, {"1", "2"}});   // BOM
  CHECK(ScanAll("a,,\n,,\n") == Rows{{"a", "", ""}, {"", "", ""}});             // empty fields
  CHECK(ScanAll("\"a,b\",c\n") == Rows{{"a,b", "c"}});                            // embedded comma
  CHECK(ScanAll("\"say \"\"hi\"\"\",x\n") == Rows{{"say \"hi\"", "x"}});          // "" escape
  CHECK(ScanAll("\"\"\"\",\"\"\n") == Rows{{"\"", ""}});                         // quote only, empty quoted
  CHECK(ScanAll("\"line1\nline2\",x\r\nnext,y\n") == Rows{{"line1\nline2", "x"}, {"next", "y"}});
  CHECK(ScanAll("\"cr\r\nlf\",x\r\n") == Rows{{"cr\r\nlf", "x"}});               // CRLF inside quotes kept
  CHECK(ScanAll("5\" screen,x\n") == Rows{{"5\" screen", "x"}});                  // quote inside unquoted field
  CHECK(ScanAll("\"ab\"c,x\n") == Rows{{"abc", "x"}});                            // text after closing quote
  CHECK(ScanAll("a\n\n\r\nb\n") == Rows{{"a"}, {"b"}});                           // blank lines skipped
  std::vector<uint64_t> lines;
  CHECK(ScanAll("h\n\"x\ny\"\n\nz\n", 4096, &lines) == Rows{{"h"}, {"x\ny"}, {"z"}});
  CHECK(lines == std::vector<uint64_t>{1, 2, 5});
  // An unterminated quote: that line is read literally and the next rows survive.
  CHECK(ScanAll("a,\"b\nc,d\n") == Rows{{"a", "\"b", "<unterminated>"}, {"c", "d"}});
  CHECK(ScanAll("x,\"open") == Rows{{"x", "\"open", "<unterminated>"}});
  // Issue 11: a quote left open no longer swallows the rows up to the next
  // quoted field. A quote spanning lines must make one row: no text after
  // its closing quote, as many fields as the header.
  CHECK(ScanAll("id,c,n\nU1,\"open,1\nU2,b,2\nU3,\"x\",3\n") ==
        Rows{{"id", "c", "n"}, {"U1", "\"open", "1", "<unterminated>"}, {"U2", "b", "2"}, {"U3", "x", "3"}});
  CHECK(ScanAll("id,c\nU1,\"a\nb\",x\n") == Rows{{"id", "c"}, {"U1", "\"a", "<unterminated>"}, {"b\"", "x"}});
  CHECK(ScanAll("id,c\nU1,\"a\nb\"\n") == Rows{{"id", "c"}, {"U1", "a\nb"}});  // a real multi-line field
}

TEST_CASE("CSV scanner: small blocks give the same rows as one block", "[csv]") {
  std::string text = "id,note,area\r\n";
  for (int i = 0; i < 300; ++i) {
    text += "H" + std::to_string(i) + ",";
    text += i % 3 == 0 ? "\"multi\nline, \"\"quoted\"\"\"" : "plain text";
    text += i % 5 == 0 ? ",rural\r\n" : ",urban\n";
  }
  std::vector<uint64_t> lines_big, lines_small;
  const Rows big = ScanAll(text, 1 << 20, &lines_big);
  const Rows small = ScanAll(text, 4096, &lines_small);  // the minimum block: many refills
  CHECK(big.size() == 301);
  CHECK(big == small);
  CHECK(lines_big == lines_small);
  CHECK(big[1] == std::vector<std::string>{"H0", "multi\nline, \"quoted\"", "rural"});
  CHECK(lines_big[2] == 4);
}

// NextCell (the join's passes) gives, row for row, Next's field and line: quotes, CRLF, blank lines,
// short rows, a row over the limit, an unterminated quote, lines across block ends.
TEST_CASE("CSV scanner: NextCell is Next's field", "[csv]") {
  std::string text = "id,note,area\r\n";
  for (int i = 0; i < 400; ++i) {
    text += "H" + std::to_string(i) + ",";
    text += i % 3 == 0 ? "\"multi\nline, \"\"quoted\"\"\"" : i % 7 == 0 ? "5\" screen" : "plain text";
    if (i % 11 == 0) text += std::string(300, 'w');
    text += i % 13 == 0 ? "\n" : i % 5 == 0 ? ",rural\r\n" : ",urban\n";
    if (i % 17 == 0) text += i % 2 ? "\r\n" : "\n";
    if (i % 19 == 0) text += ",,\n";
  }
  text += "H-last,\"open,x\nH-after,y,z";
  TempFile f("cells.csv", text);
  for (size_t block : {size_t{4096}, size_t{1} << 20}) {
    for (size_t column : {size_t{0}, size_t{1}, size_t{2}, size_t{5}}) {
      INFO("block " << block << ", column " << column);
      std::vector<std::pair<std::string, uint64_t>> want, got;
      {
        ansinh::internal::BlockReader in(f.path(), block);
        ansinh::internal::CsvScanner scanner(&in, 256);
        ansinh::internal::CsvRow row;
        while (scanner.Next(&row)) {
          want.emplace_back(column < row.fields.size() ? std::string(row.fields[column]) : "", row.line);
        }
      }
      {
        ansinh::internal::BlockReader in(f.path(), block);
        ansinh::internal::CsvScanner scanner(&in, 256);
        ansinh::internal::CsvRow header;
        REQUIRE(scanner.Next(&header));
        got.emplace_back(column < header.fields.size() ? std::string(header.fields[column]) : "", header.line);
        std::string_view cell;
        uint64_t line = 0;
        while (scanner.NextCell(column, &cell, &line)) got.emplace_back(std::string(cell), line);
      }
      CHECK(want.size() > 400);
      CHECK(want == got);
    }
  }
}

TEST_CASE("CSV pair: values, join, day-first dates, sets", "[csv]") {
  const auto rules = MakeRules();
  TempFile hh("hh1.csv",
              "\xEF\xBB\xBFid,area,income_per_capita,deprivations,extremely_difficult_area,coefficient,note\r\n"
              "H1,rural,1200000,water;sanitation,yes,1.1,\"Ấp 3, xã \"\"Đại Phước\"\"\"\r\n"
              "H2,urban,1500000.0,,,,\r\n"
              "H3,urban,,water|housing_area,0,,\"two\r\nlines\"\r\n");
  TempFile pp("pp1.csv",
              "household_id,id,birth_date,sex,has_supporter\n"
              "H1,P1,28/02/2021,female,\n"
              "H1,P2,1980-05-01,male,true\n"
              "H2,P1,5/3/1950,female,false\n"
              "H3,C1,2024-01-31,male,1\n");
  const RecordBatch batch = ReadAll(rules, {hh.path(), pp.path()});
  REQUIRE(batch.size() == 3);
  CHECK(CsvIds(batch) == "H1,H2,H3");
  for (size_t h = 0; h < 3; ++h) CHECK(batch.issues(h).empty());
  const auto& d = ansinh::internal::DataOf(batch);
  CHECK(d.member_begin == std::vector<uint32_t>{0, 2, 3, 4});
  CHECK(d.origins[0].line == 2);
  CHECK(d.origins[2].line == 4);
  CHECK(d.origins[2].file == hh.path());
  CHECK(HouseholdCell(batch, 0, "deprivations").value == 0b0110);
  CHECK(HouseholdCell(batch, 2, "deprivations").value == 0b1010);
  CHECK(HouseholdCell(batch, 0, "extremely_difficult_area").value == 1);
  CHECK(HouseholdCell(batch, 1, "extremely_difficult_area").known);  // empty: the default
  CHECK(HouseholdCell(batch, 1, "extremely_difficult_area").value == 0);
  CHECK_FALSE(HouseholdCell(batch, 1, "deprivations").known);        // empty: unknown
  CHECK(HouseholdCell(batch, 0, "coefficient").value == 1100000);
  CHECK(HouseholdCell(batch, 1, "income_per_capita").value == 1500000LL * 1000000);
  CHECK(d.String(HouseholdCell(batch, 0, "note").value) == "Ấp 3, xã \"Đại Phước\"");
  CHECK(d.String(HouseholdCell(batch, 2, "note").value) == "two\r\nlines");
  CHECK(PersonCell(batch, 0, "birth_date").value == Date::FromYmd(2021, 2, 28).days());
  CHECK(PersonCell(batch, 2, "birth_date").value == Date::FromYmd(1950, 3, 5).days());
  CHECK_FALSE(PersonCell(batch, 0, "has_supporter").known);
  CHECK(d.PersonId(3) == "C1");

  // The files may be given in either order.
  const RecordBatch swapped = ReadAll(rules, {pp.path(), hh.path()});
  CHECK(CsvIds(swapped) == "H1,H2,H3");
  CHECK(swapped.person_count() == 4);
}

TEST_CASE("CSV pair: missing households, households without persons, duplicates", "[csv]") {
  const auto rules = MakeRules();
  TempFile hh("hh2.csv",
              "id,area,colour\n"
              "A,rural,red\n"
              "B,rural,blue\n"
              "C,urban,green\n"
              "A,urban,red\n"
              "D,rural,\n");
  TempFile pp("pp2.csv",
              "household,id,sex,shoe_size\n"
              "A,P1,female,1\n"
              "X,P1,male,2\n"
              "X,P2,female,3\n"
              "C,P1,mal,4\n"
              "C,P2,male\n"
              "D,P1,female,5\n"
              "Z,P1,male,6\n");
  const RecordBatch batch = ReadAll(rules, {hh.path(), pp.path()});
  REQUIRE(batch.size() == 7);
  CHECK(CsvIds(batch) == "A,X,B,C,A,D,Z");
  CHECK(batch.person_count() == 7);
  // Unknown columns: one warning per file, on the first record that reads it.
  CHECK(HasIssue(batch, 0, "R_UNKNOWN_FIELD", "colour"));
  CHECK(HasIssue(batch, 0, "R_UNKNOWN_FIELD", "shoe_size"));
  CHECK_FALSE(HasIssue(batch, 2, "R_UNKNOWN_FIELD"));
  CHECK(ansinh::internal::DataOf(batch).has_error[0] == 0);  // warnings only
  CHECK(HasIssue(batch, 1, "R_HOUSEHOLD_MISSING", ""));
  CHECK(ansinh::internal::DataOf(batch).origins[1].file == pp.path());
  CHECK(ansinh::internal::DataOf(batch).origins[1].line == 3);
  CHECK(ansinh::internal::DataOf(batch).member_begin[2] - ansinh::internal::DataOf(batch).member_begin[1] == 2);
  CHECK(HasIssue(batch, 2, "R_NO_MEMBERS"));
  CHECK(HasIssue(batch, 3, "R_UNKNOWN_ENUM_VALUE", "members[P1].sex"));
  CHECK(HasIssue(batch, 3, "R_SYNTAX", "members[P2]"));  // a short row
  CHECK(HasIssue(batch, 4, "R_DUPLICATE_HOUSEHOLD_ID", "id"));
  CHECK(HasIssue(batch, 4, "R_NO_MEMBERS"));
  CHECK(batch.issues(5).empty());
  CHECK(HasIssue(batch, 6, "R_HOUSEHOLD_MISSING"));
  for (const auto& issue : batch.issues(6)) {
    if (issue.code == "R_HOUSEHOLD_MISSING") {
      CHECK(issue.message == pp.path() + " lists members of household 'Z', which is not in " + hh.path() + ".");
    }
  }
}

TEST_CASE("CSV pair: persons not grouped in household order use the index", "[csv]") {
  const auto rules = MakeRules();
  TempFile hh("hh3.csv", "id,area\nA,rural\nB,urban\nC,rural\n");
  TempFile pp("pp3.csv",
              "household_id,id,sex\n"
              "B,P1,male\n"
              "A,P1,female\n"
              "Q,P1,male\n"
              "B,P2,\"fe\nmale\"\n"
              "A,P2,male\n"
              "Q,P2,female\n");
  const RecordBatch batch = ReadAll(rules, {hh.path(), pp.path()});
  REQUIRE(batch.size() == 4);
  CHECK(CsvIds(batch) == "A,B,C,Q");  // a missing household goes last in this mode
  const auto& d = ansinh::internal::DataOf(batch);
  CHECK(d.member_begin == std::vector<uint32_t>{0, 2, 4, 4, 6});
  CHECK(d.PersonId(0) == "P1");
  CHECK(d.PersonId(1) == "P2");
  CHECK(PersonCell(batch, 0, "sex").value == 0);
  CHECK(PersonCell(batch, 2, "sex").value == 1);
  CHECK(HasIssue(batch, 1, "R_UNKNOWN_ENUM_VALUE", "members[P2].sex"));  // "fe\nmale"
  CHECK(HasIssue(batch, 2, "R_NO_MEMBERS"));
  CHECK(HasIssue(batch, 3, "R_HOUSEHOLD_MISSING"));
  CHECK(d.origins[3].line == 4);
}

TEST_CASE("CSV pair: structure errors are exceptions", "[csv]") {
  const auto rules = MakeRules();
  TempFile hh("hh4.csv", "area\nrural\n");
  TempFile pp("pp4.csv", "household_id,id\nA,P1\n");
  TempFile pp_no_join("pp4b.csv", "id\nP1\n");
  TempFile empty("empty.csv", "");
  CHECK_THROWS_AS(ReadAll(rules, {hh.path(), pp.path()}), ansinh::InputError);
  TempFile hh_ok("hh4c.csv", "id\nA\n");
  CHECK_THROWS_AS(ReadAll(rules, {hh_ok.path(), pp_no_join.path()}), ansinh::InputError);
  CHECK_THROWS_AS(ReadAll(rules, {hh_ok.path(), empty.path()}), ansinh::InputError);
  ReadOptions options;
  options.household_id_column = "ma_ho";
  TempFile pp_vi("pp4d.csv", "ma_ho,id\nA,P1\n");
  const RecordBatch batch = ReadAll(rules, {hh_ok.path(), pp_vi.path()}, options);
  CHECK(batch.size() == 1);
  CHECK(batch.person_count() == 1);
}

TEST_CASE("CSV pair: chunks stream the same records", "[csv]") {
  const auto rules = MakeRules();
  std::string hh = "id,area,rooms\n", pp = "household_id,id,sex\n";
  for (int i = 0; i < 100; ++i) {
    const std::string id = "H" + std::to_string(i);
    hh += id + "," + (i % 7 == 0 ? "rurall" : "rural") + "," + std::to_string(i) + "\n";
    for (int k = 0; k < i % 4; ++k) pp += id + ",P" + std::to_string(k) + ",female\n";
    if (i % 13 == 0) pp += "M" + std::to_string(i) + ",P1,male\n";
  }
  TempFile fh("hh5.csv", hh), fp("pp5.csv", pp);
  const RecordBatch all = ReadAll(rules, {fh.path(), fp.path()});
  RecordReader reader(rules, {fh.path(), fp.path()});
  RecordBatch batch(rules);
  size_t h = 0;
  while (reader.Next(batch, 7)) {
    for (size_t i = 0; i < batch.size(); ++i, ++h) {
      CHECK(ansinh::internal::DataOf(batch).HouseholdId(i) == ansinh::internal::DataOf(all).HouseholdId(h));
      CHECK(Codes(batch, i) == Codes(all, h));
      CHECK(ansinh::internal::DataOf(batch).member_begin[i + 1] - ansinh::internal::DataOf(batch).member_begin[i] ==
            ansinh::internal::DataOf(all).member_begin[h + 1] - ansinh::internal::DataOf(all).member_begin[h]);
    }
  }
  CHECK(h == all.size());
  CHECK(h == 108);
  CHECK(reader.bytes_read() == hh.size() + pp.size());
}

namespace {

std::string ReadInChunks(const ansinh::RuleSet& rules, const std::vector<std::string>& paths, size_t chunk,
                         const ReadOptions& options) {
  RecordReader reader(rules, paths, options);
  RecordBatch batch(rules);
  std::string out;
  while (reader.Next(batch, chunk)) out += DumpBatch(batch) + "--\n";
  return out;
}

}  // namespace

// CSV records are taken (rows scanned, joined, copied) one caller at a time and converted on the
// callers' threads: in place order, exactly Next's batches, in the streaming join and the indexed
// one, with every issue the pair can give (missing and duplicate households, unknown columns,
// short rows, an unterminated quote, a row over the limit, a quoted line break).
TEST_CASE("CSV pair: RecordReader::NextConcurrent gives Next's batches", "[csv][reader]") {
  const auto rules = MakeRules();
  std::string hh = "id,area,rooms,colour\n", streamed = "household_id,id,sex,shoe_size\n";
  for (int i = 0; i < 700; ++i) {
    const std::string id = "H" + std::to_string(i);
    hh += (i % 97 == 5 ? "H3" : id) + "," + (i % 7 == 0 ? "rurall" : "rural") + "," + std::to_string(i) + ",x\n";
    if (i % 50 == 10) streamed += "M" + std::to_string(i) + ",P1,male,1\n";  // a household not in hh
    for (int p = 0; p < i % 4; ++p) {
      streamed += id + ",P" + std::to_string(p) + "," + (p % 2 ? "male" : "\"fe\nmale\"") + "," +
                  (i % 61 == 3 ? "" : "4") + (i % 83 == 2 ? std::string(600, 'z') : "") + "\n";
    }
    if (i % 89 == 1) streamed += id + ",PX\n";  // a short row
  }
  hh += "H699,urban,\"unterminated\n";
  // The same persons, not grouped in household order: the indexed join.
  std::vector<std::string> lines;
  size_t at = streamed.find('\n') + 1;
  while (at < streamed.size()) {
    size_t end = at;
    for (bool quoted = false; end < streamed.size() && (quoted || streamed[end] != '\n'); ++end) {
      if (streamed[end] == '"') quoted = !quoted;
    }
    lines.push_back(streamed.substr(at, end + 1 - at));
    at = end + 1;
  }
  std::string indexed = "household_id,id,sex,shoe_size\n";
  for (size_t i = 0; i < lines.size(); i += 2) indexed += lines[i];
  for (size_t i = 1; i < lines.size(); i += 2) indexed += lines[i];
  TempFile fh("concurrent_hh.csv", hh), fs("concurrent_pp.csv", streamed), fi("concurrent_pp_indexed.csv", indexed);
  ReadOptions options;
  options.max_record_bytes = 400;
  for (const std::string& persons : {fs.path(), fi.path()}) {
    for (size_t chunk : {size_t{1}, size_t{7}, size_t{256}, size_t{5000}}) {
      const std::string one = ReadInChunks(rules, {fh.path(), persons}, chunk, options);
      for (const char* code : {"R_HOUSEHOLD_MISSING", "R_DUPLICATE_HOUSEHOLD_ID", "R_UNKNOWN_FIELD", "R_LIMIT",
                               "R_UNKNOWN_ENUM_VALUE", "R_SYNTAX"}) {
        INFO(code);
        CHECK(one.find(code) != std::string::npos);
      }
      for (unsigned threads : {1u, 2u, 4u}) {
        INFO(persons << ", chunk " << chunk << ", threads " << threads);
        const std::string many = ReadConcurrently(rules, {fh.path(), persons}, threads, chunk, options);
        CHECK(one.size() == many.size());
        CHECK(one == many);
      }
    }
  }
}

// Error catalogue (issue 8): every code the code base can emit — each
// DiagnosticCode, and each record issue code written in lib/ — has its row in
// docs/diagnostics.md with its meaning in English and in Vietnamese (record
// codes also their severity); and the page documents no code that does not exist.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "ansinh/diagnostic.hpp"
#include "reliability_util.hpp"
#include "test_paths.hpp"

using namespace reliability;

namespace {

// Table rows of the page: code -> cells after the code.
std::map<std::string, std::vector<std::string>> DocumentedRows() {
  std::map<std::string, std::vector<std::string>> rows;
  for (const std::string& line : ReadLines(ANSINH_SOURCE_DIR + "/docs/diagnostics.md")) {
    static const std::regex row(R"(^\| `([EWR]_[A-Z0-9_]+)` \|(.*)\|\s*$)");
    std::smatch m;
    if (!std::regex_match(line, m, row)) continue;
    std::vector<std::string> cells;
    const std::string rest = m[2].str();
    size_t begin = 0;
    for (size_t bar = rest.find('|'); ; bar = rest.find('|', begin)) {
      std::string cell = rest.substr(begin, bar == std::string::npos ? std::string::npos : bar - begin);
      cell.erase(0, cell.find_first_not_of(' '));
      cell.erase(cell.find_last_not_of(' ') + 1);
      cells.push_back(cell);
      if (bar == std::string::npos) break;
      begin = bar + 1;
    }
    INFO(line);
    CHECK(rows.emplace(m[1].str(), cells).second);  // one row per code
  }
  return rows;
}

// Vietnamese text has letters only Vietnamese uses (ư, ơ, đ, ạ, ...): any byte
// sequence of a precomposed letter outside Latin-1 is taken as a sign.
bool LooksVietnamese(const std::string& text) {
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xC6 || c == 0xC4 || c == 0xE1) return true;  // ơ ư đ ạ ả ấ ... (U+0100..U+01FF, U+1E00..)
  }
  return false;
}

// Record issue codes written as string literals in lib/ ("R_SYNTAX"), so that a
// new code cannot be added without its row.
std::set<std::string> RecordCodesInLib() {
  std::set<std::string> codes;
  static const std::regex literal(R"re("(R_[A-Z0-9_]+)")re");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(ANSINH_SOURCE_DIR + "/lib")) {
    const std::string ext = entry.path().extension().string();
    if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
    // The catalogue lists every code; the codes the readers and evaluator emit are elsewhere.
    if (entry.path().filename() == "diagnostic_catalogue.cpp") continue;
    const std::string text = ReadFile(entry.path().string());
    for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) {
      codes.insert((*it)[1].str());
    }
  }
  // Examples in messages, not codes: the loader's hint for a check's id.
  codes.erase("R_SOME_PROBLEM");
  return codes;
}

}  // namespace

TEST_CASE("every diagnostic and record code is documented in vi and en", "[reliability][catalogue]") {
  const auto rows = DocumentedRows();
  std::set<std::string> emitted;
  for (int c = 0; c <= static_cast<int>(ansinh::DiagnosticCode::kVersionNeverApplies); ++c) {
    emitted.insert(std::string(ansinh::CodeName(static_cast<ansinh::DiagnosticCode>(c))));
  }
  const std::set<std::string> records = RecordCodesInLib();
  CHECK(records.size() >= 15);
  CHECK(records.count("R_SYNTAX") == 1);
  CHECK(records.count("R_EVALUATION") == 1);
  emitted.insert(records.begin(), records.end());

  for (const std::string& code : emitted) {
    INFO(code);
    const auto row = rows.find(code);
    REQUIRE(row != rows.end());
    const std::vector<std::string>& cells = row->second;
    REQUIRE(cells.size() >= 2);
    // Record codes: | code | severity | English | Vietnamese |; rule codes:
    // | code | English | [example | fix |] Vietnamese |.
    size_t english = 0;
    if (code[0] == 'R') {
      REQUIRE(cells.size() == 3);
      CHECK((cells[0] == "error" || cells[0] == "warning"));
      english = 1;
    }
    CHECK(cells[english].size() > 15);
    CHECK(!LooksVietnamese(cells[english]));
    CHECK(LooksVietnamese(cells.back()));
  }
  for (const auto& [code, cells] : rows) {
    INFO(code << " is documented but never emitted");
    CHECK(emitted.count(code) == 1);
  }
  // CodeName covers every enumerator with a distinct name.
  CHECK(emitted.size() - records.size() == static_cast<size_t>(ansinh::DiagnosticCode::kVersionNeverApplies) + 1);
}

// The catalogue in the code (ansinh/diagnostic.hpp) is what the page shows:
// each row's meaning, fix and Vietnamese cells are the catalogue's texts, so
// that the page and the messages cannot drift apart. On a difference the
// expected cells are printed, ready to paste.
TEST_CASE("docs/diagnostics.md shows the catalogue of the code", "[reliability][catalogue]") {
  const auto rows = DocumentedRows();
  std::set<ansinh::DiagnosticCode> seen;
  for (const ansinh::CodeInfo& info : ansinh::DiagnosticCatalogue()) {
    const std::string name(info.name);
    INFO(name);
    CHECK(seen.insert(info.code).second);
    CHECK(ansinh::CodeName(info.code) == info.name);
    // Both languages, meaning and fix.
    CHECK(info.meaning_en.size() > 15);
    CHECK(info.fix_en.size() > 5);
    CHECK(!LooksVietnamese(std::string(info.meaning_en)));
    CHECK(LooksVietnamese(std::string(info.meaning_vi)));
    CHECK(LooksVietnamese(std::string(info.fix_vi)));
    const auto row = rows.find(name);
    REQUIRE(row != rows.end());
    const std::vector<std::string>& cells = row->second;
    REQUIRE(cells.size() == 4);  // | code | means | example | fix | tiếng Việt |
    const std::string vi = std::string(info.meaning_vi) + " · " + std::string(info.fix_vi);
    INFO("expected: | `" << name << "` | " << info.meaning_en << " | <example> | " << info.fix_en << " | " << vi << " |");
    CHECK(cells[0] == info.meaning_en);
    CHECK(cells[2] == info.fix_en);
    CHECK(cells[3] == vi);
  }
  // Every code of the enum is in the catalogue.
  for (int c = 0; c <= static_cast<int>(ansinh::DiagnosticCode::kVersionNeverApplies); ++c) {
    INFO("DiagnosticCode " << c);
    CHECK(seen.count(static_cast<ansinh::DiagnosticCode>(c)) == 1);
  }
  std::set<std::string> record_codes;
  for (const ansinh::RecordCodeInfo& info : ansinh::RecordCodeCatalogue()) {
    const std::string code(info.code);
    INFO(code);
    CHECK(record_codes.insert(code).second);
    CHECK(LooksVietnamese(std::string(info.meaning_vi)));
    const auto row = rows.find(code);
    REQUIRE(row != rows.end());
    REQUIRE(row->second.size() == 3);  // | code | severity | means | tiếng Việt |
    CHECK(row->second[0] == (info.severity == ansinh::Severity::kError ? "error" : "warning"));
    CHECK(row->second[1] == info.meaning_en);
    CHECK(row->second[2] == info.meaning_vi);
  }
  // The record codes written in lib/ are all in the catalogue.
  for (const std::string& code : RecordCodesInLib()) {
    INFO(code);
    CHECK(record_codes.count(code) == 1);
  }
}

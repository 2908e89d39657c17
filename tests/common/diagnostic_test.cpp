// Clang-style diagnostics: the header line, the caret display (ASCII, multi-byte
// UTF-8, tabs), underlines, JSON output and the stable code names.
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "ansinh/diagnostic.hpp"
#include "ansinh/error.hpp"
#include "test_paths.hpp"

namespace {

using ansinh::Diagnostic;
using ansinh::DiagnosticCode;
using ansinh::Severity;

Diagnostic At(std::string line, uint32_t column, uint32_t length = 1) {
  Diagnostic d;
  d.code = DiagnosticCode::kExprSyntax;
  d.message = "expected ')'";
  d.location.file = "rules/vn/benefits.yaml";
  d.location.line = 12;
  d.location.column = column;
  d.source_line = std::move(line);
  d.length = length;
  return d;
}

// The caret line of a formatted diagnostic (third line), without its 4-space indent.
std::string CaretLine(const Diagnostic& d) {
  const std::string text = ansinh::Format(d, ansinh::Language::kEn);
  const size_t first = text.find('\n');
  REQUIRE(first != std::string::npos);
  const size_t second = text.find('\n', first + 1);
  REQUIRE(second != std::string::npos);
  const std::string caret = text.substr(second + 1);
  REQUIRE(caret.substr(0, 4) == "    ");
  return caret.substr(4);
}

constexpr int kLastCode = static_cast<int>(DiagnosticCode::kVersionNeverApplies);

}  // namespace

TEST_CASE("Format: header, source line and caret (ASCII)", "[diagnostic]") {
  const std::string line = "    amount: 1.5 * (param.base";
  CHECK(ansinh::Format(At(line, 30), ansinh::Language::kEn) ==
        "rules/vn/benefits.yaml:12:30: error: expected ')' [E_EXPR_SYNTAX]\n"
        "        amount: 1.5 * (param.base\n"
        "                                 ^");
  CHECK(CaretLine(At(line, 1)) == "^");
  CHECK(CaretLine(At(line, 19)) == std::string(18, ' ') + "^");
  CHECK(CaretLine(At(line, 20, 10)) == std::string(19, ' ') + "^" + std::string(9, '~'));
}

TEST_CASE("Format: caret after multi-byte characters counts characters", "[diagnostic]") {
  const std::string line = "ghi_chú: Hỗ trợ   sai";
  const uint32_t column = static_cast<uint32_t>(line.find("sai")) + 1;
  REQUIRE(column == 24);  // 23 bytes before it ...
  CHECK(CaretLine(At(line, column)) == std::string(18, ' ') + "^");  // ... but 18 characters
  CHECK(CaretLine(At(line, column, 3)) == std::string(18, ' ') + "^~~");
  // The underline counts characters too: "Hỗ trợ" is 10 bytes, 6 characters.
  const uint32_t h = static_cast<uint32_t>(line.find("Hỗ")) + 1;
  CHECK(CaretLine(At(line, h, 10)) == std::string(9, ' ') + "^~~~~~");
  // A caret on a multi-byte character itself.
  CHECK(CaretLine(At(line, h + 1, 3)) == std::string(10, ' ') + "^");
}

TEST_CASE("Format: tabs stay tabs so the caret lines up", "[diagnostic]") {
  CHECK(CaretLine(At("\t\tkey: x", 8)) == "\t\t     ^");
  // Tab after a multi-byte character: the pad must be " \t", not "  " (bug fixed here).
  CHECK(CaretLine(At("é\tx: 1", 4)) == " \t^");
  CHECK(CaretLine(At("a\tHà\tNội\tz", 13)) == " \t  \t   \t^");
}

TEST_CASE("Format: underline is clipped, column past the end, unknown column", "[diagnostic]") {
  CHECK(CaretLine(At("abc", 2, 10)) == " ^~");
  CHECK(CaretLine(At("abc", 2, 0)) == " ^");
  CHECK(CaretLine(At("abc", 4)) == "   ^");      // just after the last character
  CHECK(CaretLine(At("abc", 4, 5)) == "   ^");
  CHECK(CaretLine(At("abc", 99)) == "   ^");     // clamped to the end of the line
  // Column 0 means "unknown": the line is shown, without a caret.
  CHECK(ansinh::Format(At("abc", 0), ansinh::Language::kEn) ==
        "rules/vn/benefits.yaml:12:0: error: expected ')' [E_EXPR_SYNTAX]\n    abc");
}

TEST_CASE("Format: without a position or a source line", "[diagnostic]") {
  Diagnostic d;
  d.code = DiagnosticCode::kFileRead;
  d.message = "cannot read 'x.yaml'";
  CHECK(ansinh::Format(d, ansinh::Language::kEn) == "error: cannot read 'x.yaml' [E_FILE_READ]");
  d.location.file = "rules/x.yaml";
  d.severity = Severity::kWarning;
  d.code = DiagnosticCode::kUnusedParameter;
  CHECK(ansinh::Format(d, ansinh::Language::kEn) == "rules/x.yaml: warning: cannot read 'x.yaml' [W_UNUSED_PARAMETER]");
  d.location.line = 3;
  d.location.column = 7;
  d.severity = Severity::kNote;
  CHECK(ansinh::Format(d, ansinh::Language::kEn) == "rules/x.yaml:3:7: note: cannot read 'x.yaml' [W_UNUSED_PARAMETER]");
  CHECK(ansinh::ToString(d.location) == "rules/x.yaml:3:7");
  d.location.line = 0;
  CHECK(ansinh::ToString(d.location) == "rules/x.yaml");
}

TEST_CASE("Format of a list, HasErrors and RuleError", "[diagnostic]") {
  Diagnostic warning;
  warning.severity = Severity::kWarning;
  warning.code = DiagnosticCode::kShadowedName;
  warning.message = "w";
  Diagnostic error = At("x", 1);
  const std::vector<Diagnostic> list = {warning, error};
  CHECK(ansinh::Format(list, ansinh::Language::kEn) == ansinh::Format(warning, ansinh::Language::kEn) + "\n" + ansinh::Format(error, ansinh::Language::kEn) + "\n");
  CHECK(ansinh::Format(std::vector<Diagnostic>{}, ansinh::Language::kEn).empty());
  CHECK(ansinh::HasErrors(list));
  CHECK_FALSE(ansinh::HasErrors({warning}));
  CHECK_FALSE(ansinh::HasErrors({}));
  const ansinh::RuleError rule_error(list);
  CHECK(std::string(rule_error.what()) == ansinh::Format(list, ansinh::Language::kEn));
  CHECK(rule_error.diagnostics().size() == 2);
}

TEST_CASE("Format in Vietnamese: severity words, message_vi, the same place, code and caret", "[diagnostic]") {
  Diagnostic d = At("    amount: 1.5 * (param.base", 30);
  d.message_vi = "thiếu ')'";
  CHECK(ansinh::Format(d) ==
        "rules/vn/benefits.yaml:12:30: lỗi: thiếu ')' [E_EXPR_SYNTAX]\n"
        "        amount: 1.5 * (param.base\n"
        "                                 ^");
  d.severity = Severity::kWarning;
  CHECK(ansinh::Format(d).find(":12:30: cảnh báo: thiếu ')' [E_EXPR_SYNTAX]") != std::string::npos);
  d.severity = Severity::kNote;
  CHECK(ansinh::Format(d).find(": ghi chú: ") != std::string::npos);
  // No Vietnamese text: the catalogue's meaning of the code, the English message in parentheses.
  d.message_vi.clear();
  CHECK(ansinh::MessageIn(d, ansinh::Language::kVi) ==
        "Biểu thức viết sai: thiếu ngoặc, = thay vì ==, && thay vì and… (expected ')')");
  CHECK(ansinh::MessageIn(d, ansinh::Language::kEn) == "expected ')'");
  CHECK(ansinh::SeverityName(Severity::kError) == "error");
  CHECK(ansinh::SeverityName(Severity::kError, ansinh::Language::kVi) == "lỗi");
}

TEST_CASE("The catalogue has every code in both languages", "[diagnostic][catalogue]") {
  for (int i = 0; i <= kLastCode; ++i) {
    const auto code = static_cast<DiagnosticCode>(i);
    const ansinh::CodeInfo& info = ansinh::Describe(code);
    INFO(i << " " << ansinh::CodeName(code));
    CHECK(info.code == code);
    CHECK(!info.meaning_en.empty());
    CHECK(!info.fix_en.empty());
    CHECK(!info.meaning_vi.empty());
    CHECK(!info.fix_vi.empty());
  }
  CHECK(ansinh::DiagnosticCatalogue().size() == static_cast<size_t>(kLastCode) + 1);
  CHECK(ansinh::RecordCodeCatalogue().size() >= 17);
}

TEST_CASE("FormatJson", "[diagnostic]") {
  Diagnostic d = At("x", 5);
  d.code = DiagnosticCode::kBadDate;
  d.location.file = "dir\\a.yaml";
  d.message = "not a date: \"2023-02-29\"";
  d.item = "benefit tro_cap";
  Diagnostic w;
  w.severity = Severity::kWarning;
  w.code = DiagnosticCode::kProvisionalValue;
  w.message = "Trợ cấp";
  CHECK(ansinh::FormatJson({d, w}) ==
        R"j([{"file":"dir\\a.yaml","line":12,"column":5,"severity":"error","code":"E_BAD_DATE",)j"
        R"j("message":"not a date: \"2023-02-29\"","message_vi":"Ngày không có thật hoặc không đúng dạng YYYY-MM-DD )j"
        R"j((not a date: \"2023-02-29\")","item":"benefit tro_cap"},)j"
        R"j({"file":"","line":0,"column":0,"severity":"warning","code":"W_PROVISIONAL",)j"
        R"j("message":"Trợ cấp","message_vi":"Thông tin: một mức tạm tính đang có hiệu lực (dành sẵn, hiện chưa được báo). )j"
        R"j((Trợ cấp)","item":""}])j");
  CHECK(ansinh::FormatJson({}) == "[]");
}

TEST_CASE("CodeName: every code has a unique E_/W_ name", "[diagnostic]") {
  std::set<std::string> names;
  for (int i = 0; i <= kLastCode; ++i) {
    const std::string name(ansinh::CodeName(static_cast<DiagnosticCode>(i)));
    INFO(i << " " << name);
    CHECK((name.rfind("E_", 0) == 0 || name.rfind("W_", 0) == 0));
    CHECK(name.size() > 2);
    CHECK(name != "E_UNKNOWN");
    CHECK(name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ_") == std::string::npos);
    CHECK(names.insert(name).second);
  }
  CHECK(names.size() == static_cast<size_t>(kLastCode) + 1);
  CHECK(ansinh::CodeName(DiagnosticCode::kUnusedParameter) == "W_UNUSED_PARAMETER");
  CHECK(ansinh::CodeName(DiagnosticCode::kDuplicateKey) == "E_DUPLICATE_KEY");
}

TEST_CASE("CodeName matches the names documented in diagnostic.hpp", "[diagnostic]") {
  std::ifstream in(ANSINH_SOURCE_DIR + "/include/ansinh/diagnostic.hpp");
  REQUIRE(in);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string header = buffer.str();
  const size_t begin = header.find("enum class DiagnosticCode {");
  const size_t end = header.find("};", begin);
  REQUIRE(begin != std::string::npos);
  std::istringstream body(header.substr(begin, end - begin));
  // Every enumerator has its value written out ("kDuplicateKey = 3,"), so a
  // new code cannot renumber the others; the values are 0..kLastCode, once each.
  const std::regex enumerator(R"(^\s*k\w+ = (\d+),\s*//\s*([EW]_[A-Z_]+))");
  const std::regex any_enumerator(R"(^\s*k\w+\b)");
  std::set<int> values;
  int count = 0;
  for (std::string line; std::getline(body, line);) {
    if (!std::regex_search(line, any_enumerator)) continue;
    INFO(line);
    std::smatch m;
    REQUIRE(std::regex_search(line, m, enumerator));
    const int value = std::stoi(m[1].str());
    CHECK(values.insert(value).second);
    CHECK(ansinh::CodeName(static_cast<DiagnosticCode>(value)) == m[2].str());
    ++count;
  }
  CHECK(count == kLastCode + 1);
  CHECK(values.size() == static_cast<size_t>(kLastCode) + 1);
  CHECK(*values.rbegin() == kLastCode);
}

// The CLI's own messages: Vietnamese by default, English with --lang en
// (wherever it stands among the arguments): usage errors (exit 2) and files
// that cannot be read or written (exit 3), the file named in a Vietnamese
// sentence with the system's reason in brackets.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli/help_text.hpp"
#include "test_paths.hpp"

namespace ansinh {
namespace {

struct Run {
  int code;
  std::string out, err;
};

Run Cli(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int code = cli::RunCli(args, out, err);
  return Run{code, out.str(), err.str()};
}

const std::string kRules = ANSINH_RULES_DIR + "/vn";
const std::string kRecords = ANSINH_SOURCE_DIR + "/examples/registry.jsonl";
const std::string kHintVi = "Xem cách dùng: 'ansinh --help' hoặc 'ansinh <lệnh> --help'.\n";
const std::string kHintEn = "Run 'ansinh --help' or 'ansinh <command> --help' for usage.\n";

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST_CASE("cli: an unknown option, in Vietnamese and with --lang en", "[cli][usage]") {
  const Run vi = Cli({"check", "--foo", kRules});
  CHECK(vi.code == 2);
  CHECK(vi.out.empty());
  CHECK(vi.err == "ansinh: lệnh này không có tùy chọn --foo (viết sai tên, hoặc thừa)\n" + kHintVi);
  const Run en = Cli({"check", "--foo", kRules, "--lang", "en"});
  CHECK(en.code == 2);
  CHECK(en.err == "ansinh: The following argument was not expected: --foo\n" + kHintEn);
  CHECK(Cli({"check", "--lang=en", "--foo", kRules}).err == en.err);
}

TEST_CASE("cli: an unknown command is named, with the closest one", "[cli][usage]") {
  const Run vi = Cli({"chek", kRules});
  CHECK(vi.code == 2);
  CHECK(Has(vi.err, "ansinh: không có lệnh 'chek'; các lệnh: check, test, eval"));
  CHECK(Has(vi.err, ". Ý bạn là 'check'?\n" + kHintVi));
  const Run en = Cli({"chek", "--lang", "en", kRules});
  CHECK(en.code == 2);
  CHECK(Has(en.err, "ansinh: unknown command 'chek'; the commands are check, test, eval"));
  CHECK(Has(en.err, ". Did you mean 'check'?\n" + kHintEn));
  CHECK(Cli({}).err == "ansinh: thiếu lệnh; các lệnh: check, test, eval, explain, report, diff, coverage, cases, "
                       "serve\n" + kHintVi);
}

TEST_CASE("cli: a missing value, a value not allowed, a value not readable, a missing argument", "[cli][usage]") {
  CHECK(Cli({"eval", kRules, kRecords, "--as-of"}).err == "ansinh: --as-of thiếu giá trị\n" + kHintVi);
  CHECK(Cli({"eval", kRules, kRecords, "--period", "2026-11", "--format", "pdf"}).err ==
        "ansinh: --format: 'pdf' không hợp lệ; chọn một trong jsonl,json,csv,text,xlsx\n" + kHintVi);
  CHECK(Cli({"eval", kRules, kRecords, "--period", "2026-11", "--threads", "abc"}).err ==
        "ansinh: --threads: không đọc được giá trị 'abc'\n" + kHintVi);
  CHECK(Cli({"check"}).err == "ansinh: thiếu package (bắt buộc)\n" + kHintVi);
  CHECK(Cli({"check", "--lang", "en"}).err == "ansinh: package is required\n" + kHintEn);
  // The command's own checks of its options.
  const Run no_date = Cli({"eval", kRules, kRecords});
  CHECK(no_date.code == 2);
  CHECK(no_date.err == "ansinh: hãy cho đúng một trong hai: --as-of YYYY-MM-DD (một ngày) hoặc --period YYYY-MM "
                       "(một tháng)\n");
  CHECK(Cli({"eval", kRules, kRecords, "--lang", "en"}).err ==
        "ansinh: give exactly one of --as-of YYYY-MM-DD (a day) or --period YYYY-MM (a month)\n");
}

TEST_CASE("cli: a file that cannot be read or written is named in a Vietnamese sentence", "[cli][usage]") {
  const std::string missing = ANSINH_BINARY_DIR + "/no-such-file.jsonl";
  const Run vi = Cli({"eval", kRules, missing, "--period", "2026-11"});
  CHECK(vi.code == 3);
  CHECK(vi.err == "ansinh: không mở được tệp " + missing + " (hệ thống báo: No such file or directory)\n");
  const Run en = Cli({"eval", kRules, missing, "--period", "2026-11", "--lang", "en"});
  CHECK(en.code == 3);
  CHECK(en.err == "ansinh: cannot open " + missing + ": No such file or directory\n");

  const std::string nowhere = ANSINH_BINARY_DIR + "/no-such-folder/out.csv";
  const Run write = Cli({"eval", kRules, kRecords, "--period", "2026-11", "--format", "csv", "--output", nowhere});
  CHECK(write.code == 3);
  CHECK(write.err == "ansinh: không ghi được tệp " + nowhere + " (hệ thống báo: No such file or directory)\n");
  const Run write_en =
      Cli({"eval", kRules, kRecords, "--period", "2026-11", "--format", "csv", "--output", nowhere, "--lang", "en"});
  CHECK(write_en.err == "ansinh: cannot write " + nowhere + ": No such file or directory\n");
}

}  // namespace
}  // namespace ansinh

TEST_CASE("help text: every command's and option's description has its Vietnamese text") {
  const std::vector<std::string> missing = ansinh::cli::HelpWithoutVietnamese();
  for (const std::string& d : missing) UNSCOPED_INFO("no Vietnamese text for: " << d);
  CHECK(missing.empty());
}

TEST_CASE("help text: Vietnamese by default, English with --lang en") {
  std::ostringstream out, err;
  CHECK(ansinh::cli::RunCli({"check", "--help"}, out, err) == 0);
  CHECK(out.str().find("Kiểm tra một gói quy tắc") != std::string::npos);
  CHECK(out.str().find("Cách dùng:") != std::string::npos);
  CHECK(out.str().find("Chỉ in lỗi") != std::string::npos);
  std::ostringstream en, err2;
  CHECK(ansinh::cli::RunCli({"check", "--help", "--lang", "en"}, en, err2) == 0);
  CHECK(en.str().find("Check a rule package") != std::string::npos);
  CHECK(en.str().find("Print errors only") != std::string::npos);
}

TEST_CASE("help text: the description column is aligned by display width, not bytes") {
  // CLI11 pads with std::setw, in bytes: "BẮT BUỘC" (8 columns, 12 bytes) pushed the
  // descriptions of its lines 4 columns left. Every option or command line that has
  // room starts its description at the same column, in both languages.
  for (const char* lang : {"vi", "en"}) {
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"--help"}, {"eval", "--help"}, {"report", "--help"}, {"check", "--help"}}) {
      std::vector<std::string> with = args;
      with.insert(with.end(), {"--lang", lang});
      std::ostringstream out, err;
      REQUIRE(ansinh::cli::RunCli(with, out, err) == 0);
      std::istringstream lines(out.str());
      std::string line;
      size_t rows = 0;
      size_t required = 0;
      while (std::getline(lines, line)) {
        if (line.rfind("  ", 0) != 0 || line.rfind("   ", 0) == 0) continue;  // not a name line
        const size_t gap = line.find("  ", 2);
        if (gap == std::string::npos) continue;  // a long name: its description is on the next line
        const size_t text = line.find_first_not_of(' ', gap);
        INFO(args[0] << " --lang " << lang << ": " << line);
        CHECK(ansinh::cli::DisplayWidth(std::string_view(line).substr(0, text)) == 30);
        ++rows;
        required += line.find("BẮT BUỘC") != std::string::npos || line.find("REQUIRED") != std::string::npos;
      }
      CHECK(rows >= 3);
      if (args[0] != "--help") CHECK(required >= 1);
    }
  }
  CHECK(ansinh::cli::DisplayWidth("BẮT BUỘC") == 8);
  CHECK(ansinh::cli::DisplayWidth("Tùy chọn") == 8);
}

// `ansinh report` and `ansinh diff` through RunCli: formats, options, exit codes.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "cli/cli.hpp"
#include "report/report_fixture.hpp"
#include "test_paths.hpp"

namespace ansinh {
namespace {

using testing::ReportData;

struct Run {
  int code;
  std::string out;
  std::string err;
};

Run Cli(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int code = cli::RunCli(args, out, err);
  return {code, out.str(), err.str()};
}

TEST_CASE("cli: report in every format", "[cli][report]") {
  const std::string pkg = ReportData("mini");
  const std::string records = ReportData("registry.jsonl");
  Run text = Cli({"report", pkg, records, "--as-of", "2026-01-01", "--lang", "en", "--by", "status"});
  CHECK(text.code == 0);
  CHECK(text.out.find("Monthly cost: 400,000 VND") != std::string::npos);
  CHECK(text.out.find("By household class") != std::string::npos);
  CHECK(text.err.find("5 households, 1 with record errors, 4 indicators") != std::string::npos);

  Run csv = Cli({"report", pkg, records, "--as-of", "2026-01-01", "--format", "csv", "--table", "summary"});
  CHECK(csv.code == 0);
  CHECK(csv.out.rfind("key,value\npackage,mini\n", 0) == 0);
  CHECK(csv.out.find("\nmonthly,400000\n") != std::string::npos);

  Run json = Cli({"report", pkg, records, "--as-of", "2026-01-01", "--format", "json"});
  CHECK(json.code == 0);
  CHECK(json.out.find("\"indicators\"") != std::string::npos);

  const std::string file = std::string(ANSINH_BINARY_DIR) + "/report-cli-test.html";
  Run html = Cli({"report", pkg, records, "--as-of", "2026-01-01", "--format", "html", "-o", file});
  CHECK(html.code == 0);
  CHECK(html.out.empty());
  std::ifstream in(file);
  std::stringstream page;
  page << in.rdbuf();
  CHECK(page.str().find("<figure id=\"chart-coverage\">") != std::string::npos);
}

TEST_CASE("cli: report and diff usage errors and missing files", "[cli][report]") {
  const std::string pkg = ReportData("mini");
  const std::string records = ReportData("registry.jsonl");
  CHECK(Cli({"report", pkg, records, "--as-of", "2026-01-01", "--table", "costs"}).code == 2);  // --table needs csv
  CHECK(Cli({"report", pkg, records, "--as-of", "2026-01-01", "--format", "csv", "--table", "x"}).code == 2);
  CHECK(Cli({"report", pkg, records}).code == 2);                                             // no date
  CHECK(Cli({"report", pkg, records, "--period", "2026-01", "--by", "village"}).code == 2);
  CHECK(Cli({"report", pkg, ReportData("nope.jsonl"), "--period", "2026-01"}).code == 3);
  CHECK(Cli({"diff", pkg, ReportData("no-such-package"), records, "--period", "2026-01"}).code == 1);
}

TEST_CASE("cli: diff text and csv", "[cli][diff]") {
  const std::string records = ReportData("registry.jsonl");
  Run text = Cli({"diff", ReportData("mini"), ReportData("mini-base"), records, "--as-of", "2026-01-01", "--lang", "en"});
  CHECK(text.code == 0);
  CHECK(text.out.find("Change per month: +80,000 VND") != std::string::npos);
  CHECK(text.out.find("P1 · Allowance at 80: Amount up (200,000 VND → 240,000 VND)") != std::string::npos);
  Run same = Cli({"diff", ReportData("mini"), ReportData("mini"), records, "--as-of", "2026-01-01", "--format", "csv",
                  "--table", "changes"});
  CHECK(same.code == 0);
  CHECK(same.out ==
        "household_id,area,commune,person_id,benefit,change,status_a,status_b,amount_a,amount_b,unit,frequency\n");
}

}  // namespace
}  // namespace ansinh

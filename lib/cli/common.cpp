#include "cli/common.hpp"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <ostream>

#include "ansinh/error.hpp"

namespace ansinh::cli {

std::optional<RuleSet> LoadOrReport(const std::string& path, const Options& o, std::ostream& err) {
  LoadOptions options;
  options.roots = o.roots;
  options.allow_outside = o.allow_outside;
  LoadResult loaded = LoadRules(path, options);
  if (!loaded.ok()) {
    const Language lang = ParseLang(o.lang);
    err << loaded.Format(lang);
    err << path
        << (lang == Language::kVi ? ": gói quy tắc có lỗi (chạy 'ansinh check " : ": the rule package has errors (run 'ansinh check ")
        << path << "')\n";
    return std::nullopt;
  }
  return std::move(loaded).Release();
}

When ParseWhen(const Options& o) {
  if (o.as_of.empty() == o.period.empty()) {
    throw UsageError("give exactly one of --as-of YYYY-MM-DD (a day) or --period YYYY-MM (a month)",
                     "hãy cho đúng một trong hai: --as-of YYYY-MM-DD (một ngày) hoặc --period YYYY-MM (một tháng)");
  }
  if (!o.as_of.empty()) {
    auto d = Date::Parse(o.as_of);
    if (!d) {
      throw UsageError("--as-of " + o.as_of + " is not a date: write YYYY-MM-DD, e.g. 2024-07-01",
                       "--as-of " + o.as_of + " không phải một ngày: viết YYYY-MM-DD, ví dụ 2024-07-01");
    }
    return When::AsOf(*d);
  }
  auto m = YearMonth::Parse(o.period);
  if (!m) {
    throw UsageError("--period " + o.period + " is not a month: write YYYY-MM, e.g. 2024-07",
                     "--period " + o.period + " không phải một tháng: viết YYYY-MM, ví dụ 2024-07");
  }
  return When::Month(*m);
}

Language ParseLang(const std::string& lang) { return lang == "en" ? Language::kEn : Language::kVi; }

ReadOptions ParseReadOptions(const Options& o) {
  ReadOptions read;
  if (o.records_format == "jsonl") read.format = RecordFormat::kJsonLines;
  if (o.records_format == "json") read.format = RecordFormat::kJson;
  if (o.records_format == "yaml") read.format = RecordFormat::kYaml;
  if (o.records_format == "csv") read.format = RecordFormat::kCsv;
  return read;
}

void AddRecordsFormat(CLI::App* command, Options& o) {
  command->add_option("--records-format", o.records_format,
                      "Format of the records when their file names do not say it (a pipe): jsonl, json, yaml or csv")
      ->check(CLI::IsMember({"jsonl", "json", "yaml", "csv"}));
}

void RefuseOutputOverInput(const Options& o) { cli::RefuseOutputOverInput(o.output, o.records); }

Output::Output(const Options& o, std::ostream& out) : stream_(&out) {
  if (o.output.empty() || o.output == "-") return;
  RefuseOutputOverInput(o);
  file_ = std::make_unique<AtomicFile>(o.output);
  stream_ = &file_->stream();
}

Output::~Output() = default;

void Output::Finish() {
  if (file_) {
    file_->Commit();
    return;
  }
  stream_->flush();
  if (!*stream_) throw StdoutError();
}

void CheckFormatOptions(const Options& o) {
  if (o.format == "xlsx" && o.output.empty()) {
    throw UsageError("--format xlsx writes an Excel file: give --output FILE.xlsx (or --output - for the standard output)",
                     "--format xlsx ghi ra tệp Excel: hãy cho --output TỆP.xlsx (hoặc --output - để ghi ra màn hình)");
  }
  if (o.csv_bom && o.format != "csv") {
    throw UsageError("--csv-bom needs --format csv", "--csv-bom chỉ dùng cùng --format csv");
  }
}

InputError StdoutError() {
  return InputError("cannot write the standard output (is the disk full, or the pipe closed?)",
                    "không ghi được ra đầu ra chuẩn (đĩa đầy, hoặc ống dẫn đã đóng?)");
}

bool StderrIsTerminal() { return isatty(STDERR_FILENO) == 1; }

}  // namespace ansinh::cli

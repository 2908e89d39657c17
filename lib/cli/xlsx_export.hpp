// Internal: the Excel workbooks of `eval`, `report` and `diff` (--format xlsx),
// for officers who work in Excel: Vietnamese headers (English with --lang en),
// labels beside ids, money as numbers in a VND format (docs/cli.md, "Excel").
#ifndef ANSINH_LIB_CLI_XLSX_EXPORT_HPP_
#define ANSINH_LIB_CLI_XLSX_EXPORT_HPP_

#include <memory>
#include <string>

#include "ansinh/decision.hpp"
#include "ansinh/diff.hpp"
#include "ansinh/records.hpp"
#include "ansinh/report.hpp"

namespace ansinh::cli {

// `eval --format xlsx`: sheets "Người hưởng" (one row per person, or
// household, and benefit received), "Chưa xác định" (undetermined benefits
// and the questions to ask the family), "Theo xã" (totals by commune) and
// "Lỗi hồ sơ" (records that could not be evaluated). Decisions stream in
// batch by batch.
class EvalWorkbook {
 public:
  EvalWorkbook(const RuleSet& rules, const When& when, Language lang, const ReportOptions& options);
  ~EvalWorkbook();
  void Add(const RecordBatch& records, const DecisionBatch& decisions);
  // The .xlsx bytes. Throws InputError when the workbook cannot be written.
  std::string Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// `report --format xlsx`: cost per benefit and group, totals by commune,
// indicators, undetermined households with the questions to ask, record errors.
std::string ReportXlsx(const Report& report, Language lang);

// `diff --format xlsx`: benefits, totals by commune, changed households (one
// row per person and benefit that changed).
std::string DiffXlsx(const Diff& diff, Language lang);

}  // namespace ansinh::cli

#endif  // ANSINH_LIB_CLI_XLSX_EXPORT_HPP_

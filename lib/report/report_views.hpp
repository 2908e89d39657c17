// Internal: pieces of a report that every renderer shows the same way.
#ifndef ANSINH_LIB_REPORT_REPORT_VIEWS_HPP_
#define ANSINH_LIB_REPORT_REPORT_VIEWS_HPP_

#include <string>
#include <utility>
#include <vector>

#include "ansinh/diff.hpp"
#include "ansinh/report.hpp"
#include "report/html.hpp"

namespace ansinh::report {

// The summary lines (label, value) of a report / a diff.
std::vector<std::pair<std::string, std::string>> SummaryRows(const Report& report, Language lang);
std::vector<std::pair<std::string, std::string>> SummaryRows(const Diff& diff, Language lang);

// When a missing figure's waiting outcomes were priced: the day, or for a
// monthly report the month of that day; "—" when they could not be.
std::string PricedText(const Report& report, const MissingFigure& figure, Language lang);

// A field or parameter path by its label, with the member it is about:
// "members[CL-0001-02].disability" -> "Mức độ khuyết tật (CL-0001-02)".
std::string PathText(const Label& label, const std::string& path, Language lang);

// The undetermined benefits of a listed household and what they wait on, in
// labels: "Trợ cấp xã hội hằng tháng (CL-0001-01); thiếu: Có người phụng dưỡng (CL-0001-01)".
std::string UndeterminedText(const UndeterminedHousehold& u, Language lang);

// "Mã trường: Ngày sinh (CL-0401-03)": the field of an issue by its label ("" if none).
std::string IssueFieldText(const ErrorHousehold& e, size_t issue, Language lang);

// "… và 12 hộ khác" / "… and 12 more households".
std::string MoreText(uint64_t more, Language lang);

// The breakdown chosen by --by (by benefit: none, the cost table is it).
const std::vector<BreakdownRow>& BreakdownRows(const Report& report, ReportBy by);
std::string BreakdownTitle(ReportBy by, Language lang);
// The title of the beneficiaries chart of a breakdown (by area when `by` is benefit).
std::string BreakdownChartTitle(ReportBy by, Language lang);
std::string BreakdownKeyHeader(ReportBy by, Language lang);

// The bar of indicator `line` in a coverage chart (label and value text left
// to the caller): the bar is the population — the known share of it, then the
// undetermined part (numerator or membership unknown), so that an indicator
// whose figures are all unknown shows as undetermined, not as 0% —, the target
// marker and whether it is met.
void SetCoverage(CoverageBar& bar, const IndicatorLine& line);

// The rows of a diff for --by area (default) or commune.
const std::vector<DiffAreaLine>& DiffAreaRows(const Diff& diff, ReportBy by);

}  // namespace ansinh::report

#endif  // ANSINH_LIB_REPORT_REPORT_VIEWS_HPP_

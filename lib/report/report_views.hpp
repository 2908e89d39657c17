// Internal: pieces of a report that every renderer shows the same way.
#ifndef ANSINH_LIB_REPORT_REPORT_VIEWS_HPP_
#define ANSINH_LIB_REPORT_REPORT_VIEWS_HPP_

#include <string>
#include <utility>
#include <vector>

#include "ansinh/diff.hpp"
#include "ansinh/report.hpp"

namespace ansinh::report {

// The summary lines (label, value) of a report / a diff.
std::vector<std::pair<std::string, std::string>> SummaryRows(const Report& report, Language lang);
std::vector<std::pair<std::string, std::string>> SummaryRows(const Diff& diff, Language lang);

// When a missing figure's waiting outcomes were priced: the day, or for a
// monthly report the month of that day; "—" when they could not be.
std::string PricedText(const Report& report, const MissingFigure& figure, Language lang);

// "… và 12 hộ khác" / "… and 12 more households".
std::string MoreText(uint64_t more, Language lang);

// The breakdown chosen by --by (by benefit: none, the cost table is it).
const std::vector<BreakdownRow>& BreakdownRows(const Report& report, ReportBy by);
std::string BreakdownTitle(ReportBy by, Language lang);
std::string BreakdownKeyHeader(ReportBy by, Language lang);

// The rows of a diff for --by area (default) or commune.
const std::vector<DiffAreaLine>& DiffAreaRows(const Diff& diff, ReportBy by);

}  // namespace ansinh::report

#endif  // ANSINH_LIB_REPORT_REPORT_VIEWS_HPP_

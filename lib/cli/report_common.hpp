// Internal: options shared by `ansinh report` and `ansinh diff`.
#ifndef ANSINH_LIB_CLI_REPORT_COMMON_HPP_
#define ANSINH_LIB_CLI_REPORT_COMMON_HPP_

#include "ansinh/report.hpp"
#include "cli/commands.hpp"

namespace ansinh::cli {

// --lang, --by, --table; throws UsageError for --table without --format csv.
RenderOptions ParseRender(const Options& o);
// --max-list, --threads.
ReportOptions ParseReportOptions(const Options& o);

}  // namespace ansinh::cli

#endif  // ANSINH_LIB_CLI_REPORT_COMMON_HPP_

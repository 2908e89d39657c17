// Internal: JSON pieces shared by the report and diff documents.
#ifndef ANSINH_LIB_REPORT_JSON_COMMON_HPP_
#define ANSINH_LIB_REPORT_JSON_COMMON_HPP_

#include <string>
#include <vector>

#include "ansinh/report.hpp"
#include "common/json_writer.hpp"

namespace ansinh::report {

void WriteLabel(internal::JsonWriter& w, const Label& label);        // {"vi": ..., "en": ...}
void WritePackage(internal::JsonWriter& w, const PackageInfo& info);  // id, name, version, hash
void WriteStrings(internal::JsonWriter& w, const std::vector<std::string>& items);
void WriteCounts(internal::JsonWriter& w, const std::vector<KeyCount>& counts);  // [{"key", "count"}]
void WriteIssues(internal::JsonWriter& w, const std::vector<RecordIssue>& issues);
// One indicator; `lists`: with the households counting against it and to check.
void WriteIndicator(internal::JsonWriter& w, const IndicatorLine& line, bool lists);

}  // namespace ansinh::report

#endif  // ANSINH_LIB_REPORT_JSON_COMMON_HPP_

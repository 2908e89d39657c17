// Reports and diffs from Python: BuildReport / BuildDiff and the C++
// renderers. The Python layer (ansinh/report.py) reads the renderers' CSV
// tables into DataFrames, so the CLI, C++ and Python give the same tables
// with the same column names. The GIL is released while records are read
// and evaluated.
#include <pybind11/stl.h>

#include "ansinh/diff.hpp"
#include "ansinh/error.hpp"
#include "ansinh/report.hpp"
#include "bindings.hpp"

namespace ansinh::python {
namespace {

struct PyReport {
  explicit PyReport(RuleSet r) : rules(std::move(r)) {}
  RuleSet rules;
  Report report;
};

struct PyDiff {
  explicit PyDiff(RuleSet r) : rules(std::move(r)) {}
  RuleSet rules;  // B (labels and the default language)
  Diff diff;
};

ReportOptions Options(size_t max_list, unsigned threads, bool strict = false) {
  ReportOptions options;
  options.max_listed = max_list;
  options.threads = threads;
  options.read.strict = strict;
  return options;
}

RenderOptions Render(const RuleSet& rules, const py::object& lang, const std::string& by, const std::string& table) {
  RenderOptions render;
  render.lang = ParseLanguage(lang, rules);
  const std::optional<ReportBy> parsed = ParseReportBy(by);
  if (!parsed) throw UsageError("by must be 'benefit', 'area', 'commune' or 'status', not '" + by + "'",
                                "by phải là 'benefit', 'area', 'commune' hoặc 'status', không phải '" + by + "'");
  render.by = *parsed;
  render.table = table;
  return render;
}

template <typename T>
std::string RenderAs(const T& value, const std::string& format, const RenderOptions& render) {
  if (format == "text") return RenderText(value, render);
  if (format == "csv") return RenderCsv(value, render);
  if (format == "json") return RenderJson(value, render);
  if (format == "html") return RenderHtml(value, render);
  throw UsageError("format must be 'text', 'csv', 'json' or 'html', not '" + format + "'",
                   "format phải là 'text', 'csv', 'json' hoặc 'html', không phải '" + format + "'");
}

void CheckRecords(const RuleSet& rules, const Records& records) {
  if (records.rules != rules) throw UsageError("the records were converted for another rule set");
}

std::shared_ptr<PyReport> ReportFromPaths(const RuleSet& rules, const std::vector<std::string>& paths,
                                          const std::string& when_kind, const std::string& when_text,
                                          size_t max_list, unsigned threads, bool strict) {
  const When when = ParseWhen(when_kind, when_text);
  auto out = std::make_shared<PyReport>(rules);
  py::gil_scoped_release release;
  out->report = BuildReport(rules, paths, when, Options(max_list, threads, strict));
  return out;
}

std::shared_ptr<PyReport> ReportFromRecords(const RuleSet& rules, const Records& records, const std::string& when_kind,
                                            const std::string& when_text, size_t max_list, unsigned threads) {
  CheckRecords(rules, records);
  const When when = ParseWhen(when_kind, when_text);
  auto out = std::make_shared<PyReport>(rules);
  py::gil_scoped_release release;
  out->report = BuildReport(rules, *records.batch, when, Options(max_list, threads));
  return out;
}

std::shared_ptr<PyDiff> DiffFromPaths(const RuleSet& a, const RuleSet& b, const std::vector<std::string>& paths,
                                      const std::string& when_kind, const std::string& when_text, size_t max_list,
                                      unsigned threads, bool strict) {
  const When when = ParseWhen(when_kind, when_text);
  auto out = std::make_shared<PyDiff>(b);
  py::gil_scoped_release release;
  out->diff = BuildDiff(a, b, paths, when, Options(max_list, threads, strict));
  return out;
}

// The same households converted once for each package (each binds them to its schema).
std::shared_ptr<PyDiff> DiffFromRecords(const RuleSet& a, const RuleSet& b, const Records& records_a,
                                        const Records& records_b, const std::string& when_kind,
                                        const std::string& when_text, size_t max_list, unsigned threads) {
  CheckRecords(a, records_a);
  CheckRecords(b, records_b);
  const When when = ParseWhen(when_kind, when_text);
  auto out = std::make_shared<PyDiff>(b);
  py::gil_scoped_release release;
  EvaluateOptions evaluate;
  evaluate.reasons = false;
  evaluate.threads = threads;
  DiffBuilder builder(a, b, when, Options(max_list, threads));
  builder.Add(*records_a.batch, Evaluate(a, *records_a.batch, when, evaluate), *records_b.batch,
              Evaluate(b, *records_b.batch, when, evaluate));
  out->diff = std::move(builder).Finish();
  return out;
}

}  // namespace

void BindReport(py::module_& m) {
  py::class_<PyReport, std::shared_ptr<PyReport>>(m, "_Report", "A coverage and cost report (ansinh/report.hpp).")
      .def(
          "render",
          [](const PyReport& r, const std::string& format, const py::object& lang, const std::string& by,
             const std::string& table) { return RenderAs(r.report, format, Render(r.rules, lang, by, table)); },
          py::arg("format"), py::arg("lang") = py::none(), py::arg("by") = "benefit", py::arg("table") = "",
          "The report as text, csv (one table with `table`), json or html.")
      .def_property_readonly("households", [](const PyReport& r) { return r.report.households; })
      .def_property_readonly("monthly", [](const PyReport& r) { return r.report.monthly; })
      .def_property_readonly("annual", [](const PyReport& r) { return r.report.annual; });
  py::class_<PyDiff, std::shared_ptr<PyDiff>>(m, "_Diff", "What package B changes against A (ansinh/diff.hpp).")
      .def(
          "render",
          [](const PyDiff& d, const std::string& format, const py::object& lang, const std::string& by,
             const std::string& table) { return RenderAs(d.diff, format, Render(d.rules, lang, by, table)); },
          py::arg("format"), py::arg("lang") = py::none(), py::arg("by") = "area", py::arg("table") = "",
          "The diff as text, csv (one table with `table`), json or html.")
      .def_property_readonly("monthly_change", [](const PyDiff& d) { return d.diff.monthly_b - d.diff.monthly_a; })
      .def_property_readonly("changed_households", [](const PyDiff& d) { return d.diff.changed_households; });
  m.attr("_report_tables") = ReportTables();
  m.attr("_diff_tables") = DiffTables();
  m.def("_report_paths", &ReportFromPaths, py::arg("rules"), py::arg("paths"), py::arg("when_kind"),
        py::arg("when_text"), py::arg("max_list") = 1000, py::arg("threads") = 0, py::arg("strict") = false,
        "Reads the record files (streaming), evaluates and reports; GIL released. strict: an unknown "
        "field is an error of its record.");
  m.def("_report_records", &ReportFromRecords, py::arg("rules"), py::arg("records"), py::arg("when_kind"),
        py::arg("when_text"), py::arg("max_list") = 1000, py::arg("threads") = 0);
  m.def("_diff_paths", &DiffFromPaths, py::arg("a"), py::arg("b"), py::arg("paths"), py::arg("when_kind"),
        py::arg("when_text"), py::arg("max_list") = 1000, py::arg("threads") = 0, py::arg("strict") = false);
  m.def("_diff_records", &DiffFromRecords, py::arg("a"), py::arg("b"), py::arg("records_a"), py::arg("records_b"),
        py::arg("when_kind"), py::arg("when_text"), py::arg("max_list") = 1000, py::arg("threads") = 0);
}

}  // namespace ansinh::python

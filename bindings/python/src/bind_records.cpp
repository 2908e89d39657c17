// _Records: households converted from Python (dicts, or DataFrame columns)
// and checked against a rule set's schema, ready to evaluate.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "frame_input.hpp"
#include "py_values.hpp"

namespace ansinh::python {
namespace {

std::shared_ptr<Records> FromDicts(const RuleSet& rules, const py::iterable& records, const std::string& source,
                                   bool strict) {
  auto out = std::make_shared<Records>(rules);
  RecordOptions options;
  options.strict = strict;
  RecordBuilder b(*out->batch, options);
  const ValueSetter setter;
  uint64_t index = 0;
  for (py::handle record : records) {
    if ((index & 4095) == 4095 && PyErr_CheckSignals() != 0) throw py::error_already_set();
    setter.AddHousehold(b, record, RecordOrigin{source, 0, index});
    ++index;
  }
  return out;
}

py::dict IssueDict(const RecordIssue& i) {
  py::dict d;
  d["code"] = i.code;
  d["severity"] = i.severity == Severity::kError ? "error" : "warning";
  d["field"] = i.field;
  d["message"] = i.message;
  d["message_vi"] = i.message_vi;
  return d;
}

}  // namespace

void BindRecords(py::module_& m) {
  py::class_<Records, std::shared_ptr<Records>>(m, "_Records",
                                                "Households converted and checked against a rule set's schema.")
      .def("__len__", [](const Records& r) { return r.batch->size(); })
      .def_property_readonly("person_count", [](const Records& r) { return r.batch->person_count(); })
      .def(
          "issues",
          [](const Records& r, size_t index) {
            py::list out;
            for (const RecordIssue& i : r.batch->issues(index)) out.append(IssueDict(i));
            return out;
          },
          "Problems found converting household `index` (before evaluation), as dicts.");

  m.def("_records_from_dicts", &FromDicts, py::arg("rules"), py::arg("records"), py::arg("source") = "",
        py::arg("strict") = false,
        "Converts an iterable of household dicts (members under 'members'); strict: an unknown field is an "
        "error of its record (R_UNKNOWN_FIELD), not a warning.");

  m.def(
      "_records_from_frame",
      [](const RuleSet& rules, const py::list& household_columns, const py::list& person_columns,
         size_t households, py::array_t<int64_t, py::array::c_style | py::array::forcecast> person_order,
         py::array_t<int64_t, py::array::c_style | py::array::forcecast> member_begin,
         py::array_t<int64_t, py::array::c_style | py::array::forcecast> duplicate_of, const py::list& orphan_ids,
         const std::string& households_name, const std::string& persons_name, size_t max_members) {
        FrameLayout layout;
        layout.households = households;
        layout.person_order = std::move(person_order);
        layout.member_begin = std::move(member_begin);
        layout.duplicate_of = std::move(duplicate_of);
        layout.orphan_ids = orphan_ids;
        layout.households_name = households_name;
        layout.persons_name = persons_name;
        RecordOptions limits;
        limits.max_members = max_members;
        return BuildFrameRecords(rules, household_columns, person_columns, layout, limits);
      },
      py::arg("rules"), py::arg("household_columns"), py::arg("person_columns"), py::arg("households"),
      py::arg("person_order"), py::arg("member_begin"), py::arg("duplicate_of"), py::arg("orphan_ids"),
      py::arg("households_name") = "households", py::arg("persons_name") = "persons",
      py::arg("max_members") = 200,
      "Converts DataFrame columns prepared by ansinh.frames (see frame_input.hpp).");
}

}  // namespace ansinh::python

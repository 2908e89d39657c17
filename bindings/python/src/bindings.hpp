// The Python binding's shared declarations: one Bind<Area> per bind_<area>.cpp,
// called in order from module.cpp, and the small C++ types they share.
//
// Layering: the binding uses the public API in include/ansinh/ only.
#ifndef ANSINH_BINDINGS_PYTHON_BINDINGS_HPP_
#define ANSINH_BINDINGS_PYTHON_BINDINGS_HPP_

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>  // every file that converts STL types must see the same casters

#include <memory>
#include <string>

#include "ansinh/decision.hpp"
#include "ansinh/records.hpp"
#include "ansinh/rule_set.hpp"

namespace ansinh::python {

namespace py = pybind11;

// Exceptions first (the others raise them): Error, RuleError, InputError,
// UsageError and the Diagnostic class.
void BindErrors(py::module_& m);
// RuleSet, load(), check(), metadata tables.
void BindRules(py::module_& m);
// _Records: households converted from dicts or from DataFrame columns.
void BindRecords(py::module_& m);
// _run(): a batch on all threads, GIL released, Ctrl-C, progress.
void BindEvaluate(py::module_& m);
// Decision, Benefit, Member, RecordIssue, _Decisions and its frame columns.
void BindDecisions(py::module_& m);
// _Report, _Diff and the functions that build them (ansinh/report.hpp, diff.hpp).
void BindReport(py::module_& m);
// WhatIf and _what_if() (ansinh/whatif.hpp).
void BindWhatIf(py::module_& m);

// Households checked against a rule set's schema, ready to evaluate. Keeps
// the rule set alive as long as the batch (the batch points into its schema).
struct Records {
  explicit Records(const RuleSet& r) : rules(r), batch(std::make_unique<RecordBatch>(r)) {}
  RuleSet rules;
  std::unique_ptr<RecordBatch> batch;
};

// Decisions of a batch, with the options they were made with.
struct Decisions {
  explicit Decisions(RuleSet r) : rules(std::move(r)) {}
  RuleSet rules;
  DecisionBatch batch;
  Language lang = Language::kVi;  // default language of texts
  bool explain = false;           // evaluated with the trace
  Detail detail = Detail::kFull;  // what is listed (docs/decision-format.md, "Detail levels")
};

// One household's decision, as Python sees it.
struct PyDecision {
  DecisionView view;
  Language lang = Language::kVi;
  bool explain = false;
  Detail detail = Detail::kFull;
};

// "vi" / "en" (None: the rule package's language). Raises UsageError otherwise.
Language ParseLanguage(const py::object& lang, const RuleSet& rules);
// "summary", "reasons" or "full". Raises UsageError otherwise.
Detail ParseDetailArg(const std::string& detail);
// "as_of" ISO day or "period" YYYY-MM (normalised by the Python layer).
When ParseWhen(const std::string& kind, const std::string& text);

}  // namespace ansinh::python

#endif  // ANSINH_BINDINGS_PYTHON_BINDINGS_HPP_

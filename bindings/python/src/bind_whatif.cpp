// What-if from Python (ansinh/whatif.hpp): `rules.what_if(household, changes, ...)`
// returns a WhatIf with the decisions before and after, the differences and
// the verified counterfactuals, as plain dicts.
#include "ansinh/error.hpp"
#include "ansinh/whatif.hpp"
#include "bindings.hpp"
#include "py_values.hpp"

namespace ansinh::python {
namespace {

struct PyWhatIf {
  WhatIfResult result;
  Language lang = Language::kVi;
};

py::object InputToPython(const InputValue& v) {
  switch (v.kind()) {
    case InputValue::Kind::kNull:
      return py::none();
    case InputValue::Kind::kBool:
      return py::bool_(v.as_bool());
    case InputValue::Kind::kInt:
      return py::int_(v.as_int());
    case InputValue::Kind::kDecimal:
      return py::str(v.ToString());
    case InputValue::Kind::kText:
      return py::str(v.as_text());
    case InputValue::Kind::kList:
      return py::cast(v.as_list());
  }
  return py::none();
}

py::dict OutcomeDict(const BenefitOutcome& o) {
  py::dict d;
  d["status"] = ToString(o.status);
  d["amount"] = o.has_amount ? py::object(py::int_(o.amount)) : py::object(py::none());
  return d;
}

py::object Member(int32_t member, const std::string& id) {
  return member < 0 ? py::object(py::none()) : py::object(py::str(id));
}

PyWhatIf RunWhatIf(const RuleSet& rules, py::handle household, const std::vector<std::string>& changes,
                   const std::string& when_kind, const std::string& when_text, bool counterfactuals,
                   const py::object& lang) {
  const When when = ParseWhen(when_kind, when_text);
  RecordBatch batch(rules);
  {
    RecordBuilder b(batch);
    ValueSetter().AddHousehold(b, household, RecordOrigin{});
  }
  PyWhatIf out;
  out.lang = ParseLanguage(lang, rules);
  const Household h = HouseholdOf(batch, 0);
  WhatIfOptions options;
  options.counterfactuals = counterfactuals;
  py::gil_scoped_release release;
  out.result = WhatIf(rules, h, when, changes, options);
  return out;
}

}  // namespace

void BindWhatIf(py::module_& m) {
  py::class_<PyWhatIf>(m, "WhatIf", "A household evaluated as it is and with some facts changed (ansinh/whatif.hpp).")
      .def_property_readonly(
          "before",
          [](const PyWhatIf& w) {
            return PyDecision{w.result.before, w.lang, true, Detail::kReasons};
          },
          "The decision for the household as given (explained).")
      .def_property_readonly(
          "after",
          [](const PyWhatIf& w) {
            return PyDecision{w.result.after, w.lang, true, Detail::kReasons};
          },
          "The decision with the changes (explained).")
      .def_property_readonly(
          "changes",
          [](const PyWhatIf& w) {
            py::list out;
            for (const FieldChange& c : w.result.changes) {
              py::dict d;
              d["path"] = c.path;
              d["field"] = c.field;
              d["before"] = InputToPython(c.before);
              d["value"] = InputToPython(c.value);
              out.append(d);
            }
            return out;
          },
          "Each change: {'path', 'field', 'before', 'value'}.")
      .def_property_readonly(
          "differences",
          [](const PyWhatIf& w) {
            py::list out;
            for (const OutcomeDifference& x : w.result.differences) {
              py::dict d;
              d["member"] = Member(x.member, x.member_id);
              d["benefit"] = std::string(x.after.benefit_id());
              d["before"] = OutcomeDict(x.before);
              d["after"] = OutcomeDict(x.after);
              out.append(d);
            }
            return out;
          },
          "Each benefit whose status or amount changed: {'member' (None: the household), 'benefit', "
          "'before': {'status', 'amount'}, 'after': {...}}.")
      .def_property_readonly(
          "counterfactuals",
          [](const PyWhatIf& w) {
            py::list out;
            const RuleSet& rules = w.result.after.rules();
            for (const Counterfactual& c : w.result.counterfactuals) {
              py::dict d;
              d["member"] = Member(c.member, c.member_id);
              d["benefit"] = rules.benefits()[c.benefit].id;
              d["kind"] = c.kind == Counterfactual::Kind::kMoney    ? "money"
                          : c.kind == Counterfactual::Kind::kNumber ? "number"
                          : c.kind == Counterfactual::Kind::kAge    ? "age"
                                                                    : "value";
              d["path"] = c.path;
              d["value"] = InputToPython(c.value);
              d["values"] = c.values;
              d["when"] = c.when ? py::object(py::str(c.when->ToString())) : py::object(py::none());
              d["amount"] = c.outcome.has_amount ? py::object(py::int_(c.outcome.amount)) : py::object(py::none());
              d["text"] = c.text.Get(w.lang);
              out.append(d);
            }
            return out;
          },
          "For each near miss, each verified one-fact change that makes it eligible: {'member', 'benefit', "
          "'kind' ('money', 'number', 'age', 'value'), 'path', 'value', 'values', 'when', 'amount', 'text'}.")
      .def(
          "text",
          [](const PyWhatIf& w, const py::object& lang) {
            return WhatIfText(w.result, lang.is_none() ? w.lang : ParseLanguage(lang, w.result.after.rules()));
          },
          py::arg("lang") = py::none(), "The what-if in words, as `ansinh explain --set` prints it.")
      .def("__str__", [](const PyWhatIf& w) { return WhatIfText(w.result, w.lang); })
      .def("__repr__", [](const PyWhatIf& w) {
        return "<WhatIf " + w.result.household.id + ": " + std::to_string(w.result.differences.size()) +
               " differences, " + std::to_string(w.result.counterfactuals.size()) + " counterfactuals>";
      });
  m.def("_what_if", &RunWhatIf, py::arg("rules"), py::arg("household"), py::arg("changes"), py::arg("when_kind"),
        py::arg("when_text"), py::arg("counterfactuals") = true, py::arg("lang") = py::none(),
        "What-if for one household dict: the changes are 'path=value' texts (UsageError for a bad one).");
}

}  // namespace ansinh::python

// RuleSet: loading (errors raise RuleError with the diagnostics, as
// `ansinh check` prints them) and read-only metadata. The metadata come out
// as dicts of columns; the Python layer turns them into DataFrames.
#include <pybind11/stl.h>

#include "ansinh/error.hpp"
#include "bind_errors.hpp"
#include "bindings.hpp"

namespace ansinh::python {
namespace {

py::dict LabelDict(const Label& l) {
  py::dict d;
  d["vi"] = l.vi;
  d["en"] = l.en;
  return d;
}

py::object OptionalDate(const std::optional<Date>& d) {
  return d ? py::object(py::str(d->ToString())) : py::object(py::none());
}

py::object OptionalText(const std::string& s) { return s.empty() ? py::object(py::none()) : py::object(py::str(s)); }

LoadOptions MakeLoadOptions(const std::vector<std::string>& roots) {
  LoadOptions options;
  options.roots = roots;
  return options;
}

// The rule set and its warnings; raises RuleError when the package has errors.
std::pair<RuleSet, std::vector<Diagnostic>> Load(const std::string& path, const std::vector<std::string>& roots,
                                                 const std::string& lang) {
  const Language language = DiagnosticLanguage(lang);
  LoadResult result = LoadRules(path, MakeLoadOptions(roots));
  if (!result.ok()) {
    RaiseRuleError(result.diagnostics(),
                   Format(result.diagnostics(), language) + CheckSummary(path, result.diagnostics(), language), path);
  }
  std::vector<Diagnostic> warnings = result.diagnostics();
  return {std::move(result).Release(), std::move(warnings)};
}

py::dict BenefitColumns(const RuleSet& rules) {
  py::list id, label_vi, label_en, applies_to, reference, group, adds, unit, frequency, from, to;
  for (const BenefitInfo& b : rules.benefits()) {
    id.append(b.id);
    label_vi.append(b.label.vi);
    label_en.append(b.label.en);
    applies_to.append(ToString(b.applies_to));
    reference.append(b.reference);
    group.append(OptionalText(b.group));
    adds.append(b.adds_to_group);
    unit.append(b.unit == BenefitUnit::kMoney ? "money" : "percent");
    frequency.append(b.frequency == Frequency::kMonthly ? "monthly" : "once");
    from.append(OptionalDate(b.from));
    to.append(OptionalDate(b.to));
  }
  py::dict d;
  d["id"] = id;
  d["label_vi"] = label_vi;
  d["label_en"] = label_en;
  d["applies_to"] = applies_to;
  d["reference"] = reference;
  d["group"] = group;
  d["adds_to_group"] = adds;
  d["unit"] = unit;
  d["frequency"] = frequency;
  d["from"] = from;
  d["to"] = to;
  return d;
}

py::dict FieldColumns(const RuleSet& rules) {
  py::list entity, name, type, values, label_vi, label_en, dflt, unit;
  for (Entity e : {Entity::kHousehold, Entity::kPerson}) {
    for (const FieldInfo& f : rules.schema().fields(e)) {
      entity.append(ToString(e));
      name.append(f.name);
      type.append(ToString(f.type));
      values.append(py::cast(f.values));
      label_vi.append(f.label.vi);
      label_en.append(f.label.en);
      dflt.append(f.default_value ? py::object(py::str(*f.default_value)) : py::object(py::none()));
      unit.append(OptionalText(f.unit));
    }
  }
  py::dict d;
  d["entity"] = entity;
  d["name"] = name;
  d["type"] = type;
  d["values"] = values;
  d["label_vi"] = label_vi;
  d["label_en"] = label_en;
  d["default"] = dflt;
  d["unit"] = unit;
  return d;
}

py::dict VariableColumns(const RuleSet& rules) {
  py::list entity, name, type, label_vi, label_en;
  for (const VariableInfo& v : rules.variables()) {
    entity.append(ToString(v.entity));
    name.append(v.name);
    type.append(ToString(v.type));
    label_vi.append(v.label.vi);
    label_en.append(v.label.en);
  }
  py::dict d;
  d["entity"] = entity;
  d["name"] = name;
  d["type"] = type;
  d["label_vi"] = label_vi;
  d["label_en"] = label_en;
  return d;
}

py::dict GroupColumns(const RuleSet& rules) {
  py::list id, label_vi, label_en, policy, benefits, reference;
  for (const GroupInfo& g : rules.groups()) {
    id.append(g.id);
    label_vi.append(g.label.vi);
    label_en.append(g.label.en);
    policy.append(g.policy);
    benefits.append(py::cast(g.benefits));
    reference.append(g.reference);
  }
  py::dict d;
  d["id"] = id;
  d["label_vi"] = label_vi;
  d["label_en"] = label_en;
  d["policy"] = policy;
  d["benefits"] = benefits;
  d["reference"] = reference;
  return d;
}

py::dict ParameterColumns(const RuleSet& rules) {
  py::list name, label_vi, label_en, unit, from, value, reference, provisional;
  for (const ParameterInfo& p : rules.parameters()) {
    for (const ParameterStepInfo& s : p.steps) {
      name.append(p.name);
      label_vi.append(p.label.vi);
      label_en.append(p.label.en);
      unit.append(p.unit);
      from.append(s.from.ToString());
      value.append(s.value);
      reference.append(s.reference.empty() ? p.reference : s.reference);
      provisional.append(s.provisional);
    }
  }
  py::dict d;
  d["name"] = name;
  d["label_vi"] = label_vi;
  d["label_en"] = label_en;
  d["unit"] = unit;
  d["from"] = from;
  d["value"] = value;
  d["reference"] = reference;
  d["provisional"] = provisional;
  return d;
}

}  // namespace

Language ParseLanguage(const py::object& lang, const RuleSet& rules) {
  if (lang.is_none()) return rules.info().language;
  const std::string s = py::str(lang);
  if (s == "vi") return Language::kVi;
  if (s == "en") return Language::kEn;
  throw UsageError("lang must be 'vi' or 'en', not '" + s + "'", "lang phải là 'vi' hoặc 'en', không phải '" + s + "'");
}

void BindRules(py::module_& m) {
  py::class_<RuleSet>(m, "RuleSet", py::dynamic_attr(),
                      "A loaded, checked and compiled rule package (immutable; safe to share between "
                      "threads). Create it with ansinh.load(path).")
      .def_property_readonly("id", [](const RuleSet& r) { return r.info().id; }, "Package id, e.g. 'vn'.")
      .def_property_readonly("version", [](const RuleSet& r) { return r.info().version; }, "Package version.")
      .def_property_readonly("hash", [](const RuleSet& r) { return r.info().hash; },
                             "'sha256:<hex>' of every rule file (this package and those it extends).")
      .def_property_readonly("name", [](const RuleSet& r) { return LabelDict(r.info().name); },
                             "Package name: {'vi': ..., 'en': ...}.")
      .def_property_readonly("path", [](const RuleSet& r) { return r.info().path; }, "Folder it was loaded from.")
      .def_property_readonly("extends", [](const RuleSet& r) { return r.info().extends; },
                             "Ids of the packages it extends, nearest first.")
      .def_property_readonly("language",
                             [](const RuleSet& r) { return r.info().language == Language::kEn ? "en" : "vi"; },
                             "Default language of reasons and texts.")
      .def_property_readonly("test_count", &RuleSet::test_count, "Number of YAML test cases of the package.")
      .def("_benefit_columns", &BenefitColumns)
      .def("_field_columns", &FieldColumns)
      .def("_variable_columns", &VariableColumns)
      .def("_group_columns", &GroupColumns)
      .def("_parameter_columns", &ParameterColumns)
      .def("__repr__", [](const RuleSet& r) {
        return "<ansinh.RuleSet " + r.info().id + " " + r.info().version + " (" +
               std::to_string(r.benefits().size()) + " benefits) from '" + r.info().path + "'>";
      });

  m.def("_load", &Load, py::arg("path"), py::arg("roots") = std::vector<std::string>{}, py::arg("lang") = "vi",
        "Loads, checks and compiles a rule package: (rules, warnings); raises RuleError.");
  m.def(
      "_check",
      [](const std::string& path, const std::vector<std::string>& roots) {
        return LoadRules(path, MakeLoadOptions(roots)).diagnostics();
      },
      py::arg("path"), py::arg("roots") = std::vector<std::string>{},
      "Every diagnostic of a rule package (errors and warnings); never raises for rule problems.");
  m.def(
      "_format_diagnostics",
      [](const std::vector<Diagnostic>& d, const std::string& lang) { return Format(d, DiagnosticLanguage(lang)); },
      py::arg("diagnostics"), py::arg("lang") = "vi", "Formats diagnostics like `ansinh check` ('vi' or 'en').");
}

}  // namespace ansinh::python

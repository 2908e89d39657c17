// Decision (one household), its Benefit and Member parts, RecordIssue, and
// _Decisions (a whole batch: indexing and the frame columns).
//
// Attributes are read from the public DecisionView when asked for; a
// Decision shares its batch's data (no copy per household). to_dict() parses
// ToJson(), so it equals the CLI's JSON form by construction.
#include <pybind11/stl.h>

#include "ansinh/decimal.hpp"
#include "ansinh/error.hpp"
#include "bindings.hpp"
#include "frame_output.hpp"
#include "py_values.hpp"

namespace ansinh::python {
namespace {

struct PyBenefit {
  DecisionView view;
  BenefitOutcome outcome;
  Language lang = Language::kVi;
};

struct PyMember {
  DecisionView view;
  size_t member = 0;
  Language lang = Language::kVi;
  Detail detail = Detail::kFull;
};

std::string Money(int64_t amount, Language lang) {
  return lang == Language::kVi ? FormatGrouped(amount, '.') + " đ" : FormatGrouped(amount, ',') + " VND";
}

const BenefitInfo& Info(const PyBenefit& b) { return b.view.rules().benefits()[b.outcome.benefit]; }

py::object Amount(const PyBenefit& b) {
  return b.outcome.has_amount ? py::object(py::int_(b.outcome.amount)) : py::object(py::none());
}

py::dict Variables(const DecisionView& d, int member) {
  py::dict out;
  for (const auto& [info, value] : d.variables(member)) out[py::str(info->name)] = ToPython(value);
  return out;
}

// The outcomes listed at `detail` (docs/decision-format.md, "Detail levels").
py::list Benefits(const DecisionView& d, const OutcomeRange& outcomes, Language lang, Detail detail) {
  py::list out;
  for (const BenefitOutcome& o : outcomes) {
    if (Listed(o, detail)) out.append(py::cast(PyBenefit{d, o, lang}));
  }
  return out;
}

// The member's id, or None for the household.
py::object PersonId(const DecisionView& d, int32_t member) {
  return member < 0 ? py::object(py::none()) : py::object(py::str(std::string(d.member_id(static_cast<size_t>(member)))));
}

py::dict EntryDict(const DecisionView& d, const BriefEntry& e, Language lang) {
  const BenefitInfo& info = d.rules().benefits()[e.outcome.benefit];
  py::dict out;
  out["person_id"] = PersonId(d, e.member);
  out["benefit"] = info.id;
  out["label"] = info.label.Get(lang);
  out["status"] = ToString(e.outcome.status);
  out["amount"] = e.outcome.has_amount ? py::object(py::int_(e.outcome.amount)) : py::object(py::none());
  out["unit"] = info.unit == BenefitUnit::kMoney ? "money" : "percent";
  out["provisional"] = e.outcome.provisional;
  out["missing"] = d.missing(e.outcome);
  out["reason"] = d.reason(e.outcome, lang);
  return out;
}

// MakeBrief as Python values: the selection of `ansinh explain`.
py::dict BriefDict(const DecisionView& d, Detail detail, Language lang) {
  const Brief b = MakeBrief(d, detail);
  auto entries = [&](const std::vector<BriefEntry>& items) {
    py::list out;
    for (const BriefEntry& e : items) out.append(EntryDict(d, e, lang));
    return out;
  };
  py::dict out;
  out["total_monthly"] = b.total_monthly;
  out["total_provisional"] = b.total_provisional;
  out["receives"] = entries(b.receives);
  out["undetermined"] = entries(b.undetermined);
  py::list questions;
  for (const BriefQuestion& q : b.questions) {
    py::dict item;
    item["path"] = q.path;
    item["person_id"] = PersonId(d, q.member);
    item["field"] = q.field != nullptr ? py::object(py::str(q.field->name)) : py::object(py::none());
    item["label"] = q.field != nullptr ? q.field->label.Get(lang) : q.path;
    item["decides"] = entries(q.decides);
    questions.append(item);
  }
  out["questions"] = questions;
  out["awaiting_text"] = entries(b.awaiting_text);
  out["near_misses"] = entries(b.near_misses);
  out["others"] = entries(b.others);
  return out;
}

py::dict ConditionDict(const ExplainedCondition& c) {
  py::dict d;
  d["name"] = c.name;
  d["label"] = py::dict(py::arg("vi") = c.label.vi, py::arg("en") = c.label.en);
  d["source"] = c.source;
  d["location"] = ToString(c.location);
  d["value"] = ToPython(c.result);
  py::list reads;
  for (const ExplainedRead& r : c.reads) {
    py::dict read;
    read["name"] = r.name;
    read["value"] = ToPython(r.value);
    if (!r.unit.empty()) read["unit"] = r.unit;  // declared: "months", "percent", "VND/month"
    if (r.parameter) {
      read["in_force_from"] = r.parameter->from.ToString();
      read["reference"] = r.parameter->reference;
      read["provisional"] = r.parameter->provisional;
    }
    reads.append(read);
  }
  d["reads"] = reads;
  return d;
}

py::object ExplanationDict(const PyBenefit& b) {
  const auto e = b.view.explanation(b.outcome);
  if (!e) return py::none();
  py::dict d;
  d["decided_on"] = e->decided_on.ToString();
  d["reference"] = e->reference;
  py::list conditions;
  for (const ExplainedCondition& c : e->conditions) conditions.append(ConditionDict(c));
  d["conditions"] = conditions;
  d["amount"] = e->amount ? py::object(ConditionDict(*e->amount)) : py::object(py::none());
  return d;
}

std::string BenefitRepr(const PyBenefit& b) {
  std::string s = "<Benefit " + Info(b).id + ": " + ToString(b.outcome.status);
  if (b.outcome.has_amount) {
    s += " " + (Info(b).unit == BenefitUnit::kPercent ? std::to_string(b.outcome.amount) + "%"
                                                       : Money(b.outcome.amount, b.lang));
  }
  if (b.outcome.status == BenefitStatus::kUndetermined) {
    std::string missing;
    for (const std::string& m : b.view.missing(b.outcome)) missing += (missing.empty() ? "" : ", ") + m;
    s += " (missing: " + missing + ")";
  }
  return s + ">";
}

std::string DecisionRepr(const PyDecision& p) {
  const DecisionView& d = p.view;
  std::string s = "<Decision " + std::string(d.household_id()) + " " + d.when().ToString() + ": ";
  if (!d.ok()) {
    s += "error";
    for (const RecordIssue& e : d.errors()) s += " " + e.code + (e.field.empty() ? "" : "(" + e.field + ")");
    return s + ">";
  }
  size_t eligible = 0, undetermined = 0;
  auto count = [&](const OutcomeRange& outcomes) {
    for (const BenefitOutcome& o : outcomes) {
      eligible += o.status == BenefitStatus::kEligible;
      undetermined += o.status == BenefitStatus::kUndetermined;
    }
  };
  count(d.benefits());
  for (size_t m = 0; m < d.member_count(); ++m) count(d.member_benefits(m));
  s += "ok, " + std::to_string(d.member_count()) + " members, " + std::to_string(eligible) + " eligible, " +
       std::to_string(undetermined) + " undetermined, total_monthly " + Money(d.total_monthly(), p.lang);
  if (!d.warnings().empty()) s += ", " + std::to_string(d.warnings().size()) + " warnings";
  return s + ">";
}

py::object JsonLoads(const std::string& text) { return py::module_::import("json").attr("loads")(text); }

void BindIssue(py::module_& m) {
  py::class_<RecordIssue>(m, "RecordIssue", "A problem with one household record (a value, never raised).")
      .def_readonly("code", &RecordIssue::code, "Stable code, e.g. 'R_BAD_DATE' (docs/diagnostics.md).")
      .def_property_readonly("severity",
                             [](const RecordIssue& i) { return i.severity == Severity::kError ? "error" : "warning"; })
      .def_readonly("field", &RecordIssue::field, "Field path: 'area', 'members[P2].birth_date'; '' = the record.")
      .def_readonly("message", &RecordIssue::message, "In English.")
      .def_readonly("message_vi", &RecordIssue::message_vi, "In Vietnamese.")
      .def("__repr__", [](const RecordIssue& i) {
        return "<RecordIssue " + i.code + (i.field.empty() ? "" : " " + i.field) + ": " + i.message + ">";
      });
}

void BindBenefit(py::module_& m) {
  py::class_<PyBenefit>(m, "Benefit", "One benefit of a household or member: status, amount, why.")
      .def_property_readonly("benefit", [](const PyBenefit& b) { return Info(b).id; }, "Benefit id.")
      .def_property_readonly("label", [](const PyBenefit& b) { return Info(b).label.Get(b.lang); },
                             "Benefit label in the decision's language.")
      .def_property_readonly("status", [](const PyBenefit& b) { return ToString(b.outcome.status); },
                             "'eligible', 'not_eligible', 'undetermined', 'superseded' or 'not_in_force'.")
      .def_property_readonly("amount", &Amount, "Integer VND (unit 'money') or percent; None if none.")
      .def_property_readonly("unit",
                             [](const PyBenefit& b) { return Info(b).unit == BenefitUnit::kMoney ? "money" : "percent"; })
      .def_property_readonly(
          "frequency", [](const PyBenefit& b) { return Info(b).frequency == Frequency::kMonthly ? "monthly" : "once"; })
      .def_property_readonly("group",
                             [](const PyBenefit& b) {
                               return Info(b).group.empty() ? py::object(py::none()) : py::object(py::str(Info(b).group));
                             })
      .def_property_readonly("reference",
                             [](const PyBenefit& b) {
                               const auto e = b.view.explanation(b.outcome);
                               return e ? e->reference : Info(b).reference;
                             })
      .def_property_readonly("superseded_by",
                             [](const PyBenefit& b) {
                               const int32_t w = b.outcome.superseded_by;
                               return w < 0 ? py::object(py::none())
                                            : py::object(py::str(b.view.rules().benefits()[w].id));
                             })
      .def_property_readonly(
          "superseded_by_member",
          [](const PyBenefit& b) {
            const int32_t who = b.outcome.superseded_by_member;
            return who < 0 ? py::object(py::none())
                         : py::object(py::str(std::string(b.view.member_id(static_cast<size_t>(who)))));
          },
          "An exclusive benefit (one member of the household is paid): the member id paid instead.")
      .def_property_readonly("missing", [](const PyBenefit& b) { return b.view.missing(b.outcome); },
                             "Field paths whose missing value leaves it undetermined.")
      .def_property_readonly("provisional", [](const PyBenefit& b) { return b.outcome.provisional; })
      .def_property_readonly("near_miss", [](const PyBenefit& b) { return b.outcome.near_miss; },
                             "Not eligible, but in the benefit's target group (one condition short): what "
                             "detail='reasons' lists besides the eligible and undetermined benefits.")
      .def_property_readonly("reason", [](const PyBenefit& b) { return b.view.reason(b.outcome, b.lang); },
                             "One-line reason in the decision's language.")
      .def_property_readonly("reason_vi", [](const PyBenefit& b) { return b.view.reason(b.outcome, Language::kVi); })
      .def_property_readonly("reason_en", [](const PyBenefit& b) { return b.view.reason(b.outcome, Language::kEn); })
      .def_property_readonly("explanation", &ExplanationDict,
                             "Conditions with their values and the values they read (evaluate(..., explain=True)); "
                             "None otherwise.")
      .def("__repr__", &BenefitRepr);
}

void BindMember(py::module_& m) {
  py::class_<PyMember>(m, "Member", "A member of a household in a decision.")
      .def_property_readonly("person_id", [](const PyMember& p) { return std::string(p.view.member_id(p.member)); })
      .def_property_readonly("variables", [](const PyMember& p) { return Variables(p.view, static_cast<int>(p.member)); },
                             "Person variables by name (None = unknown).")
      .def_property_readonly("benefits",
                             [](const PyMember& p) { return Benefits(p.view, p.view.member_benefits(p.member), p.lang, p.detail); },
                             "The member's benefits listed at the decision's detail level.")
      .def_property_readonly("total_monthly", [](const PyMember& p) { return p.view.member_total_monthly(p.member); },
                             "Eligible monthly money benefits of this member (VND).")
      .def("__repr__", [](const PyMember& p) {
        return "<Member " + std::string(p.view.member_id(p.member)) + ": total_monthly " +
               Money(p.view.member_total_monthly(p.member), p.lang) + ">";
      });
}

void BindDecision(py::module_& m) {
  py::class_<PyDecision>(m, "Decision",
                         "What one household and each member qualify for, and why. Attributes mirror the JSON "
                         "form (docs/decision-format.md); to_dict() is that JSON form exactly.")
      .def_property_readonly("household_id", [](const PyDecision& p) { return std::string(p.view.household_id()); })
      .def_property_readonly("as_of",
                             [](const PyDecision& p) {
                               return p.view.when().is_period ? py::object(py::none())
                                                              : py::object(py::str(p.view.when().as_of.ToString()));
                             },
                             "The day evaluated ('YYYY-MM-DD'), or None for a period.")
      .def_property_readonly("period",
                             [](const PyDecision& p) {
                               return p.view.when().is_period ? py::object(py::str(p.view.when().period.ToString()))
                                                              : py::object(py::none());
                             },
                             "The month evaluated ('YYYY-MM'), or None for a day.")
      .def_property_readonly("status", [](const PyDecision& p) { return p.view.ok() ? "ok" : "error"; })
      .def_property_readonly("ok", [](const PyDecision& p) { return p.view.ok(); },
                             "False when the record has errors (then no benefits).")
      .def_property_readonly("errors",
                             [](const PyDecision& p) {
                               return std::vector<RecordIssue>(p.view.errors().begin(), p.view.errors().end());
                             })
      .def_property_readonly("warnings",
                             [](const PyDecision& p) {
                               return std::vector<RecordIssue>(p.view.warnings().begin(), p.view.warnings().end());
                             })
      .def_property_readonly("variables", [](const PyDecision& p) { return Variables(p.view, -1); },
                             "Household variables by name (None = unknown).")
      .def_property_readonly("benefits",
                             [](const PyDecision& p) { return Benefits(p.view, p.view.benefits(), p.lang, p.detail); },
                             "Household-level benefits listed at the decision's detail level.")
      .def_property_readonly("detail", [](const PyDecision& p) { return ToString(p.detail); },
                             "'summary', 'reasons' or 'full': what benefits, to_json() and to_dict() list.")
      .def_property_readonly("members",
                             [](const PyDecision& p) {
                               py::list out;
                               for (size_t i = 0; i < p.view.member_count(); ++i) {
                                 out.append(py::cast(PyMember{p.view, i, p.lang, p.detail}));
                               }
                               return out;
                             })
      .def_property_readonly("total_monthly", [](const PyDecision& p) { return p.view.total_monthly(); },
                             "Eligible monthly money benefits of the household and its members (VND).")
      .def_property_readonly("rules_hash", [](const PyDecision& p) { return p.view.rules().info().hash; })
      .def(
          "to_json",
          [](const PyDecision& p, bool pretty) {
            JsonOptions o;
            o.explain = p.explain;
            o.pretty = pretty;
            o.detail = p.detail;
            return ToJson(p.view, o);
          },
          py::arg("pretty") = false, "The stable JSON form (bytes identical to `ansinh eval`).")
      .def(
          "to_dict",
          [](const PyDecision& p) {
            JsonOptions o;
            o.explain = p.explain;
            o.detail = p.detail;
            return JsonLoads(ToJson(p.view, o));
          },
          "The JSON form as Python values: json.loads(decision.to_json()).")
      .def(
          "explain",
          [](const PyDecision& p, const py::object& lang, const py::object& detail) {
            TextOptions o;
            o.lang = lang.is_none() ? p.lang : ParseLanguage(lang, p.view.rules());
            o.trace = p.explain;
            o.detail = detail.is_none() ? p.detail : ParseDetailArg(detail.cast<std::string>());
            return ToText(p.view, o);
          },
          py::arg("lang") = py::none(), py::arg("detail") = py::none(),
          "Readable text for a case worker (as `ansinh explain`): the total with its caveats, what each member "
          "receives, the questions for the family, what waits on a legal text, the near misses; "
          "detail='full' (default: the decision's) also lists every other benefit. With the trace when "
          "evaluated with explain=True.")
      .def(
          "brief",
          [](const PyDecision& p, const std::string& detail, const py::object& lang) {
            return BriefDict(p.view, ParseDetailArg(detail),
                             lang.is_none() ? p.lang : ParseLanguage(lang, p.view.rules()));
          },
          py::arg("detail") = "reasons", py::arg("lang") = py::none(),
          "The selection of `ansinh explain` as data: total_monthly, total_provisional, receives, "
          "undetermined, questions (facts of the record, each with the benefits it decides), awaiting_text, "
          "near_misses, others (detail='full' only). Near misses need the decision evaluated with reasons "
          "(detail 'reasons' or 'full').")
      .def("__repr__", &DecisionRepr);
}

void BindBatch(py::module_& m) {
  py::class_<Decisions, std::shared_ptr<Decisions>>(m, "_Decisions", "Decisions of a batch, in input order.")
      .def("__len__", [](const Decisions& d) { return d.batch.size(); })
      .def("__getitem__",
           [](const Decisions& d, py::ssize_t i) {
             const auto n = static_cast<py::ssize_t>(d.batch.size());
             if (i < 0) i += n;
             if (i < 0 || i >= n) throw py::index_error("decision index out of range");
             return PyDecision{d.batch[static_cast<size_t>(i)], d.lang, d.explain, d.detail};
           })
      .def("to_list",
           [](const Decisions& d) {
             py::list out;
             for (size_t i = 0; i < d.batch.size(); ++i) out.append(py::cast(PyDecision{d.batch[i], d.lang, d.explain, d.detail}));
             return out;
           })
      .def(
          "to_jsonl",
          [](const Decisions& d) {
            std::string out;
            {
              py::gil_scoped_release release;
              JsonOptions o;
              o.explain = d.explain;
              o.detail = d.detail;
              for (size_t i = 0; i < d.batch.size(); ++i) {
                AppendJson(d.batch[i], o, &out);
                out += '\n';
              }
            }
            return out;
          },
          "All decisions as JSON Lines (as `ansinh eval --format jsonl`).")
      .def(
          "_frame_columns",
          [](const Decisions& d, bool reasons, const py::object& lang, unsigned threads, const py::list& by_benefit,
             bool rows) { return FrameColumns(d, reasons, ParseLanguage(lang, d.rules), threads, by_benefit, rows); },
          py::arg("reasons") = true, py::arg("lang") = py::none(), py::arg("threads") = 0,
          py::arg("by_benefit") = py::list(), py::arg("rows") = true);
}

}  // namespace

void BindDecisions(py::module_& m) {
  BindIssue(m);
  BindBenefit(m);
  BindMember(m);
  BindDecision(m);
  BindBatch(m);
}

}  // namespace ansinh::python

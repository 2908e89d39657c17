// Runs YAML test cases: evaluate each household, compare with expectations.
#include <algorithm>
#include <optional>
#include <sstream>

#include "runtime/access.hpp"
#include "ansinh/decision.hpp"
#include "ansinh/testing.hpp"
#include "model/package.hpp"
#include "runtime/rule_set_impl.hpp"

ANSINH_BEGIN_NAMESPACE
namespace {

using model::ExpectedBenefit;
using model::ExpectedVariable;
using model::TestCase;

std::string Show(const InputValue& v) {
  if (v.kind() == InputValue::Kind::kText) return v.as_text();
  return v.ToString();
}

// Compares a computed value with the expected one written in YAML.
bool SameValue(const OutputValue& actual, const InputValue& expected) {
  using K = InputValue::Kind;
  if (expected.is_null()) return !actual.known;
  if (!actual.known) return false;
  switch (actual.type) {
    case ValueType::kBool: return expected.kind() == K::kBool && expected.as_bool() == (actual.raw != 0);
    case ValueType::kInt: return expected.kind() == K::kInt && expected.as_int() == actual.raw;
    case ValueType::kMoney:
    case ValueType::kDecimal:
      return (expected.kind() == K::kInt || expected.kind() == K::kDecimal) &&
             expected.as_decimal().millionths() == actual.raw;
    case ValueType::kDate:
      return expected.kind() == K::kText && expected.as_text() == Date::FromDays(static_cast<int32_t>(actual.raw)).ToString();
    case ValueType::kEnum:
    case ValueType::kString: return expected.kind() == K::kText && expected.as_text() == actual.text;
    case ValueType::kSet: {
      if (expected.kind() != K::kList) return false;
      std::vector<std::string> a = actual.items, e = expected.as_list();
      std::sort(a.begin(), a.end());
      std::sort(e.begin(), e.end());
      return a == e;
    }
  }
  return false;
}

class Checker {
 public:
  Checker(const DecisionView& d, TestResult& r) : d_(d), r_(r) {}

  void Mismatch(std::string what, std::string expected, std::string actual, std::string note = {},
                std::string note_vi = {}) {
    r_.mismatches.push_back({std::move(what), std::move(expected), std::move(actual), std::move(note), {}, {},
                             std::move(note_vi)});
  }
  // A mismatch whose expected or actual side is words, not a value.
  void Said(std::string what, std::string expected, std::string expected_vi, std::string actual,
            std::string actual_vi) {
    r_.mismatches.push_back({std::move(what), std::move(expected), std::move(actual), {}, std::move(expected_vi),
                             std::move(actual_vi), {}});
  }

  int MemberIndex(const std::string& id) const {
    for (size_t m = 0; m < d_.member_count(); ++m) {
      if (d_.member_id(m) == id) return static_cast<int>(m);
    }
    return -1;
  }

  void Variable(const ExpectedVariable& e) {
    const std::string where = e.person.empty() ? e.name : "members[" + e.person + "]." + e.name;
    const int m = e.person.empty() ? -1 : MemberIndex(e.person);
    if (!e.person.empty() && m < 0) {
      return Said(where, "a member " + e.person, "thành viên " + e.person, "no such member", "không có thành viên này");
    }
    for (const auto& [info, value] : d_.variables(m)) {
      if (info->name != e.name) continue;
      if (!SameValue(value, e.value)) Mismatch(where, Show(e.value), value.ToString());
      return;
    }
    Said(where, Show(e.value), Show(e.value), "(not computed: the record has errors)",
         "(không tính được: hồ sơ có lỗi)");
  }

  void Benefit(const ExpectedBenefit& e) {
    const std::string where = e.person.empty() ? e.benefit : "members[" + e.person + "]." + e.benefit;
    const int m = e.person.empty() ? -1 : MemberIndex(e.person);
    if (!e.person.empty() && m < 0) {
      return Said(where, "a member " + e.person, "thành viên " + e.person, "no such member", "không có thành viên này");
    }
    const OutcomeRange outcomes = m < 0 ? d_.benefits() : d_.member_benefits(static_cast<size_t>(m));
    std::optional<BenefitOutcome> o;
    for (const BenefitOutcome x : outcomes) {
      if (d_.rules().benefits()[x.benefit].id == e.benefit) o = x;
    }
    if (!o) {
      return Said(where, e.status.value_or("an outcome"), e.status.value_or("một kết quả"),
                  "(no outcome: the record has errors)", "(không có kết quả: hồ sơ có lỗi)");
    }
    const std::string reason = d_.reason(*o, Language::kEn);
    const std::string reason_vi = d_.reason(*o, Language::kVi);
    const std::string status = ToString(o->status);
    const std::string expected_status = e.status ? *e.status : (e.amount ? "eligible" : "");
    if (!expected_status.empty() && expected_status != status) {
      Mismatch(where + ".status", expected_status, status, reason, reason_vi);
    }
    if (e.amount) {
      if (!o->has_amount) Mismatch(where + ".amount", std::to_string(*e.amount), "null", reason, reason_vi);
      else if (o->amount != *e.amount) Mismatch(where + ".amount", std::to_string(*e.amount), std::to_string(o->amount), reason, reason_vi);
    }
    if (e.amount_null && o->has_amount) Mismatch(where + ".amount", "null", std::to_string(o->amount), reason, reason_vi);
    if (e.missing) {
      std::vector<std::string> actual = d_.missing(*o), expected = *e.missing;
      std::sort(actual.begin(), actual.end());
      std::sort(expected.begin(), expected.end());
      if (actual != expected) Mismatch(where + ".missing", Join(expected), Join(actual), reason, reason_vi);
    }
    if (e.superseded_by) {
      const std::string actual = o->superseded_by >= 0 ? d_.rules().benefits()[o->superseded_by].id : "null";
      if (actual != *e.superseded_by) Mismatch(where + ".superseded_by", *e.superseded_by, actual, reason, reason_vi);
    }
    if (e.superseded_by_member) {
      const std::string actual =
          o->superseded_by_member >= 0 ? std::string(d_.member_id(static_cast<size_t>(o->superseded_by_member))) : "null";
      if (actual != *e.superseded_by_member) {
        Mismatch(where + ".superseded_by_member", *e.superseded_by_member, actual, reason, reason_vi);
      }
    }
    if (e.provisional && *e.provisional != o->provisional) {
      Mismatch(where + ".provisional", *e.provisional ? "true" : "false", o->provisional ? "true" : "false");
    }
  }

  void Issues(const char* what, const std::vector<std::string>& expected, Span<RecordIssue> actual, bool exact) {
    std::vector<std::string> codes;
    for (const RecordIssue& i : actual) codes.push_back(i.code);
    for (const std::string& code : expected) {
      if (std::find(codes.begin(), codes.end(), code) == codes.end()) Mismatch(what, code, Join(codes));
    }
    if (exact) {
      for (const RecordIssue& i : actual) {
        if (std::find(expected.begin(), expected.end(), i.code) == expected.end()) {
          Mismatch(what, expected.empty() ? "none" : Join(expected), i.code, i.field + ": " + i.message,
                   i.field + ": " + i.message_vi);
        }
      }
    }
  }

  static std::string Join(const std::vector<std::string>& v) {
    std::string out = "[";
    for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
    return out + "]";
  }

 private:
  const DecisionView& d_;
  TestResult& r_;
};

TestResult Run(const RuleSet& rules, const TestCase& t, const internal::Sources& sources) {
  TestResult r;
  r.name = t.name;
  r.location = sources.Public(t.loc);
  r.reference = t.reference;
  const When when = t.is_period ? When::Month(t.period) : When::AsOf(t.as_of);
  EvaluateOptions options;
  options.explain = true;
  RecordOrigin origin;
  origin.file = r.location.file;
  origin.line = r.location.line;
  RecordBatch batch(rules);
  batch.Add(t.household, origin);
  DecisionBatch decisions = Evaluate(rules, batch, when, options);
  const DecisionView d = decisions[0];
  Checker c(d, r);
  const std::string status = d.ok() ? "ok" : "error";
  const std::string expected_status = t.status ? *t.status : (t.errors.empty() ? "ok" : "error");
  if (status != expected_status) {
    std::string note, note_vi;
    for (const RecordIssue& e : d.errors()) {
      note += (note.empty() ? "" : "; ") + e.code + " " + e.field + ": " + e.message;
      note_vi += (note_vi.empty() ? "" : "; ") + e.code + " " + e.field + ": " + e.message_vi;
    }
    c.Mismatch("status", expected_status, status, note, note_vi);
  }
  c.Issues("errors", t.errors, d.errors(), true);
  c.Issues("warnings", t.warnings, d.warnings(), false);
  for (const ExpectedVariable& v : t.variables) c.Variable(v);
  for (const ExpectedBenefit& b : t.benefits) c.Benefit(b);
  if (t.total_monthly && d.total_monthly() != *t.total_monthly) {
    c.Mismatch("total_monthly", std::to_string(*t.total_monthly), std::to_string(d.total_monthly()));
  }
  r.passed = r.mismatches.empty();
  if (!r.passed) r.decision_text = ToText(d, Language::kVi, true) + "\n" + ToText(d, Language::kEn, true);
  return r;
}

}  // namespace

size_t TestReport::passed() const noexcept {
  return static_cast<size_t>(std::count_if(results.begin(), results.end(), [](const TestResult& r) { return r.passed; }));
}
size_t TestReport::failed() const noexcept { return results.size() - passed(); }

TestReport RunTests(const RuleSet& rules, const std::string& filter) {
  TestReport report;
  const internal::RuleSetImpl& impl = internal::ImplOf(rules);
  for (const TestCase& t : impl.tree->package.tests) {
    if (!filter.empty() && t.name.find(filter) == std::string::npos) continue;
    report.results.push_back(Run(rules, t, impl.tree->sources));
  }
  return report;
}

std::string Format(const TestReport& report, bool verbose, Language lang) {
  const bool vi = lang == Language::kVi;
  auto in_lang = [vi](const std::string& en, const std::string& vi_text) -> const std::string& {
    return vi && !vi_text.empty() ? vi_text : en;
  };
  std::ostringstream out;
  for (const TestResult& r : report.results) {
    if (r.passed) {
      if (verbose) out << ToString(r.location) << (vi ? ": đạt: " : ": ok: ") << r.name << "\n";
      continue;
    }
    out << ToString(r.location) << (vi ? ": SAI: " : ": FAIL: ") << r.name;
    if (!r.reference.empty()) out << "  [" << r.reference << "]";
    out << "\n";
    for (const TestMismatch& m : r.mismatches) {
      out << "    " << m.what << (vi ? ": cần " : ": expected ") << in_lang(m.expected, m.expected_vi)
          << (vi ? ", được " : ", got ") << in_lang(m.actual, m.actual_vi) << "\n";
      const std::string& note = in_lang(m.note, m.note_vi);
      if (!note.empty()) out << "        (" << note << ")\n";
    }
    if (verbose) {
      // Only the requested language's half of the stored text.
      const size_t split = r.decision_text.find("\nHousehold ");
      const std::string text = lang == Language::kVi || split == std::string::npos ? r.decision_text.substr(0, split)
                                                                                      : r.decision_text.substr(split + 1);
      std::istringstream lines(text);
      for (std::string line; std::getline(lines, line);) out << "    | " << line << "\n";
    }
  }
  out << report.passed() << (vi ? " đạt, " : " passed, ") << report.failed() << (vi ? " sai\n" : " failed\n");
  return out.str();
}

ANSINH_END_NAMESPACE

// GenerateCases: the boundary households a benefit's thresholds call for,
// found in the typed IR (comparisons of an age or a money field with a
// constant or a parameter, followed through variables), built from a
// household of the package's tests and answered by the engine.
#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "ansinh/authoring.hpp"
#include "ansinh/decision.hpp"
#include "ansinh/error.hpp"
#include "ansinh/records.hpp"
#include "authoring/thresholds.hpp"
#include "check/checked.hpp"
#include "model/package.hpp"
#include "runtime/access.hpp"
#include "runtime/render.hpp"
#include "runtime/rule_set_impl.hpp"

ANSINH_BEGIN_NAMESPACE
namespace {

using authoring::BoundValue;
using authoring::Finder;
using authoring::Threshold;
using check::IrKind;
using check::IrNode;


bool Leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int LastDay(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && Leap(y) ? 29 : kDays[m - 1];
}
Date Ymd(int y, int m, int d) { return Date::FromYmd(y, m, d); }
Date AddDays(Date d, int n) { return Date::FromDays(d.days() + n); }
std::pair<int, int> AddMonths(int y, int m, int n) {
  const int total = y * 12 + (m - 1) + n;
  return {total / 12, total % 12 + 1};
}

// YAML text of a value (plain when safe, else double-quoted).
std::string Yaml(const InputValue& v) {
  switch (v.kind()) {
    case InputValue::Kind::kNull: return "null";
    case InputValue::Kind::kBool: return v.as_bool() ? "true" : "false";
    case InputValue::Kind::kInt:
    case InputValue::Kind::kDecimal: return v.ToString();
    case InputValue::Kind::kList: {
      std::string out = "[";
      for (size_t i = 0; i < v.as_list().size(); ++i) out += (i ? ", " : "") + Yaml(InputValue(v.as_list()[i]));
      return out + "]";
    }
    case InputValue::Kind::kText: break;
  }
  const std::string& s = v.as_text();
  bool plain = !s.empty() && s != "true" && s != "false" && s != "null" && s != "yes" && s != "no";
  for (char c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) plain = false;
  }
  if (plain && Date::Parse(s)) return s;
  if (plain && !std::isdigit(static_cast<unsigned char>(s[0]))) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string Fields(const std::string& id, const std::vector<std::pair<std::string, InputValue>>& fields) {
  std::string out = "{id: " + Yaml(InputValue(id));
  for (const auto& [name, value] : fields) out += ", " + name + ": " + Yaml(value);
  return out + "}";
}

std::string HouseholdYaml(const Household& h) {
  std::string out = "    household:\n      id: " + Yaml(InputValue(h.id)) + "\n";
  for (const auto& [name, value] : h.fields) out += "      " + name + ": " + Yaml(value) + "\n";
  if (!h.members.empty()) {
    out += "      members:\n";
    for (const Person& p : h.members) out += "        - " + Fields(p.id, p.fields) + "\n";
  }
  return out;
}

void SetField(Household& h, int member, const std::string& field, InputValue v) {
  if (member >= 0) h.members[static_cast<size_t>(member)].Set(field, std::move(v));
  else h.Set(field, std::move(v));
}

struct Base {
  const model::TestCase* test = nullptr;
  Date as_of;
  int member = -1;  // the member the outcome is for (-1: the household)
};

std::optional<BenefitOutcome> OutcomeOf(const DecisionView& d, uint32_t benefit, int member) {
  const OutcomeRange r = member < 0 ? d.benefits() : d.member_benefits(static_cast<size_t>(member));
  for (const BenefitOutcome& o : r) {
    if (o.benefit == benefit) return o;
  }
  return std::nullopt;
}

class Generator {
 public:
  Generator(const RuleSet& rules) : rules_(rules), impl_(internal::ImplOf(rules)), checked_(*impl_.checked) {
    for (const model::TestCase& t : impl_.tree->package.tests) {
      const When when = t.is_period ? When::Month(t.period) : When::AsOf(t.as_of);
      decisions_.push_back(Evaluate(rules_, t.household, when));
    }
  }

  void Run(uint32_t b, std::vector<GeneratedCase>& out) {
    const check::CheckedBenefit& cb = checked_.benefits[b];
    std::optional<Base> base = FindBase(b);
    if (!base) return;
    Finder finder(checked_);
    std::vector<Threshold> thresholds;
    for (const check::CheckedVersion& v : cb.versions) {
      for (const check::CheckedCondition& c : v.conditions) finder.Walk(c.test.root, thresholds);
      finder.Walk(v.amount.root, thresholds);
    }
    for (const Threshold& t : thresholds) {
      if (t.kind == Threshold::Kind::kMoney) Income(b, *base, t, out);
      else Age(b, *base, t, out);
    }
    Dates(b, *base, finder.params, out);
  }

 private:
  std::optional<Base> FindBase(uint32_t b) const {
    std::optional<Base> any;
    const auto& tests = impl_.tree->package.tests;
    for (size_t i = 0; i < tests.size(); ++i) {
      const DecisionView d = decisions_[i];
      if (!d.ok()) continue;
      for (int m = -1; m < static_cast<int>(d.member_count()); ++m) {
        const std::optional<BenefitOutcome> o = OutcomeOf(d, b, m);
        if (!o) continue;
        Base base{&tests[i], tests[i].is_period ? When::Month(tests[i].period).as_of : tests[i].as_of, m};
        if (o->status == BenefitStatus::kEligible) return base;
        if (!any) any = base;
      }
    }
    return any;
  }

  // The engine's answer for the case, as the `expect:` block, and the case itself.
  void Emit(uint32_t b, const Base& base, Household h, Date as_of, std::string kind, Label name, bool covered,
            std::vector<GeneratedCase>& out) {
    const BenefitInfo& info = rules_.benefits()[b];
    if (emitted_.count(info.id + ": " + name.vi)) return;  // two comparisons, one boundary
    h.id = "CASE-" + std::to_string(out.size() + 1);
    const Decision d = Evaluate(rules_, h, When::AsOf(as_of));
    // A household the engine rejects on that day (a birth after it, a negative
    // amount just below a line of 0) is no boundary of the benefit.
    if (!d.ok()) return;
    std::ostringstream y;
    y << "  - name: " << Yaml(InputValue(info.id + ": " + name.vi)) << "\n";
    if (!info.reference.empty()) y << "    reference: " << Yaml(InputValue(info.reference)) << "\n";
    y << "    as_of: " << as_of.ToString() << "\n";
    y << HouseholdYaml(h);
    y << "    expect:\n";
    if (const std::optional<BenefitOutcome> o = OutcomeOf(d, b, base.member)) {
      std::string indent = "      ";
      if (base.member >= 0) {
        y << "      members:\n        " << Yaml(InputValue(h.members[static_cast<size_t>(base.member)].id)) << ":\n";
        indent = "          ";
      }
      y << indent << "benefits:\n" << indent << "  " << info.id << ": ";
      if (o->status == BenefitStatus::kEligible && o->has_amount) {
        y << o->amount;
      } else {
        y << "{status: " << ToString(o->status);
        if (o->status == BenefitStatus::kUndetermined) {
          y << ", missing: [";
          const std::vector<std::string> missing = d.missing(*o);
          for (size_t i = 0; i < missing.size(); ++i) y << (i ? ", " : "") << Yaml(InputValue(missing[i]));
          y << "]";
        }
        y << "}";
      }
      y << "    # " << d.reason(*o, Language::kVi) << "\n";
    }
    emitted_.insert(info.id + ": " + name.vi);
    GeneratedCase c;
    c.benefit = info.id;
    c.kind = std::move(kind);
    c.name = std::move(name);
    c.as_of = as_of;
    c.covered = covered;
    c.yaml = y.str();
    out.push_back(std::move(c));
  }

  // Whether a test of the package has a member with this birthday (day and
  // month) on this day of the year at the same completed age.
  bool AgeCovered(Date birth, Date as_of, const Threshold& t, int64_t age) const {
    const auto& tests = impl_.tree->package.tests;
    for (size_t i = 0; i < tests.size(); ++i) {
      if (tests[i].is_period) continue;
      const Date day = tests[i].as_of;
      if (day.month() != as_of.month() || day.day() != as_of.day()) continue;
      for (const Person& p : tests[i].household.members) {
        const InputValue* v = p.Get(t.field);
        if (v == nullptr || v->kind() != InputValue::Kind::kText) continue;
        const std::optional<Date> bd = Date::Parse(v->as_text());
        if (!bd || bd->month() != birth.month() || bd->day() != birth.day()) continue;
        const int64_t years = day.year() - bd->year() - ((day.month() * 100 + day.day()) < (bd->month() * 100 + bd->day()) ? 1 : 0);
        const int64_t months = (day.year() - bd->year()) * 12 + day.month() - bd->month() - (day.day() < bd->day() ? 1 : 0);
        if ((t.kind == Threshold::Kind::kYears ? years : months) == age) return true;
      }
    }
    return false;
  }

  void Age(uint32_t b, const Base& base, const Threshold& t, std::vector<GeneratedCase>& out) {
    if (t.entity != Entity::kPerson || base.member < 0) return;
    const Household& h0 = base.test->household;
    const std::optional<int64_t> n = BoundValue(t, checked_, base.as_of, h0);
    if (!n) return;
    const bool strict_side = t.op == expr::Op::kGt || t.op == expr::Op::kLe;
    const int64_t limit = *n + (strict_side ? 1 : 0);  // the first age on the upper side
    const bool years = t.kind == Threshold::Kind::kYears;
    const std::string unit_vi = years ? " tuổi" : " tháng tuổi", unit_en = years ? " years" : " months";
    const std::string lim = std::to_string(limit);
    int y = base.as_of.year(), m = base.as_of.month();
    if (m == 2) m = 3;
    auto emit = [&](Date birth, Date as_of, int64_t age, const std::string& vi, const std::string& en) {
      Household h = h0;
      SetField(h, base.member, t.field, InputValue(birth));
      Emit(b, base, std::move(h), as_of, "age",
           {vi + " (sinh " + birth.ToString() + ", xét ngày " + as_of.ToString() + ")",
            en + " (born " + birth.ToString() + ", as of " + as_of.ToString() + ")"},
           AgeCovered(birth, as_of, t, age), out);
    };
    // The birthday on the last day of a month.
    Date birth, day;
    if (years) {
      birth = Ymd(y - static_cast<int>(limit), m, LastDay(y - static_cast<int>(limit), m));
      day = Ymd(y, m, LastDay(y, m));
    } else {
      const auto [by, bm] = AddMonths(y, m, -static_cast<int>(limit));
      birth = Ymd(by, bm, LastDay(by, bm));
      day = Ymd(y, m, LastDay(y, m));
    }
    emit(birth, AddDays(day, -1), limit - 1,
         "Còn 1 ngày nữa đủ " + lim + unit_vi + ", ngày sinh là ngày cuối tháng",
         "One day short of " + lim + unit_en + ", born on the last day of a month");
    emit(birth, day, limit, "Đủ " + lim + unit_vi + " đúng ngày cuối tháng",
         "Reaches " + lim + unit_en + " on the last day of a month");
    // Born on 29 February: the day the limit is reached in the year it falls due.
    int leap = y - static_cast<int>(years ? limit : (limit + 11) / 12);
    while (!Leap(leap)) ++leap;
    const Date feb29 = Ymd(leap, 2, 29);
    int ty, tm;
    if (years) ty = leap + static_cast<int>(limit), tm = 2;
    else std::tie(ty, tm) = AddMonths(leap, 2, static_cast<int>(limit));
    std::vector<Date> days{Ymd(ty, tm, std::min(28, LastDay(ty, tm)))};
    if (LastDay(ty, tm) >= 29) days.push_back(Ymd(ty, tm, 29));
    const auto [ny, nm] = AddMonths(ty, tm, 1);
    days.push_back(Ymd(ny, nm, 1));
    for (const Date d : days) {
      emit(feb29, d, -1, "Sinh ngày 29/02, ngưỡng " + lim + unit_vi + ", xét ngày " + d.ToString(),
           "Born on 29 February, limit " + lim + unit_en + ", as of " + d.ToString());
    }
  }

  void Income(uint32_t b, const Base& base, const Threshold& t, std::vector<GeneratedCase>& out) {
    const Household& h0 = base.test->household;
    if (t.entity == Entity::kPerson && base.member < 0) return;
    const std::optional<int64_t> line = BoundValue(t, checked_, base.as_of, h0);
    if (!line) return;
    const std::string label_vi = t.field_label.vi.empty() ? t.field : t.field_label.vi;
    const std::string label_en = t.field_label.en.empty() ? t.field : t.field_label.en;
    // A money field's figures in its declared unit ("1.500.000 đ"; "6 tháng" for a field declared in months).
    const FieldInfo* field = rules_.schema().Find(t.entity, t.field);
    auto in_unit = [&](int64_t v, Language lang) {
      return internal::WholeInUnit(v, ValueType::kMoney, field != nullptr ? field->unit : "", lang);
    };
    const struct {
      int64_t delta;
      const char* vi;
      const char* en;
    } sides[] = {{-1, "ngay dưới", "just below"}, {0, "đúng bằng", "exactly at"}, {1, "ngay trên", "just above"}};
    for (const auto& s : sides) {
      const int64_t value = *line + s.delta;
      Household h = h0;
      SetField(h, t.entity == Entity::kPerson ? base.member : -1, t.field, InputValue(static_cast<long long>(value)));
      bool covered = false;
      for (const model::TestCase& tc : impl_.tree->package.tests) {
        const InputValue* v = t.entity == Entity::kHousehold ? tc.household.Get(t.field) : nullptr;
        if (t.entity == Entity::kPerson) {
          for (const Person& p : tc.household.members) {
            if (const InputValue* pv = p.Get(t.field)) v = pv->kind() == InputValue::Kind::kInt && pv->as_int() == value ? pv : v;
          }
        }
        if (v != nullptr && v->kind() == InputValue::Kind::kInt && v->as_int() == value) covered = true;
      }
      Emit(b, base, std::move(h), base.as_of, "income",
           {label_vi + " " + s.vi + " mức " + in_unit(*line, Language::kVi) + ": " + in_unit(value, Language::kVi),
            label_en + " " + s.en + " the line of " + in_unit(*line, Language::kEn) + ": " + in_unit(value, Language::kEn)},
           covered, out);
    }
  }

  void Dates(uint32_t b, const Base& base, const std::set<int>& params, std::vector<GeneratedCase>& out) {
    const check::CheckedBenefit& cb = checked_.benefits[b];
    Date first = cb.versions.empty() ? Date() : cb.versions.front().def->from;
    for (const check::CheckedVersion& v : cb.versions) first = std::min(first, v.def->from);
    std::map<int32_t, std::pair<std::string, std::string>> changes;  // day -> what changes (vi, en)
    auto add = [&](Date d, const std::string& vi, const std::string& en) {
      if (d <= first) return;
      auto& [cvi, cen] = changes[d.days()];
      cvi += (cvi.empty() ? "" : "; ") + vi;
      cen += (cen.empty() ? "" : "; ") + en;
    };
    for (const check::CheckedVersion& v : cb.versions) {
      add(v.def->from, "phiên bản của chế độ có hiệu lực", "a version of the benefit comes into force");
      if (v.def->to) add(AddDays(*v.def->to, 1), "phiên bản của chế độ hết hiệu lực", "a version of the benefit ends");
    }
    for (int p : params) {
      const model::ParamDef& def = *checked_.params[static_cast<size_t>(p)].def;
      const std::string label_vi = def.label.vi.empty() ? def.name : def.label.vi;
      const std::string label_en = def.label.en.empty() ? def.name : def.label.en;
      for (const model::ParamStep& s : def.steps) add(s.from, label_vi + " đổi", label_en + " changes");
    }
    for (const auto& [days, what] : changes) {
      const Date d = Date::FromDays(days);
      for (int before = 1; before >= 0; --before) {
        const Date as_of = AddDays(d, -before);
        bool covered = false;
        for (const model::TestCase& tc : impl_.tree->package.tests) {
          if (!tc.is_period && tc.as_of == as_of) covered = true;
        }
        Emit(b, base, base.test->household, as_of, "date",
             {(before ? "Ngày trước khi " : "Ngày ") + what.first + " (" + d.ToString() + ")",
              (before ? "The day before " : "The day ") + what.second + " (" + d.ToString() + ")"},
             covered, out);
      }
    }
  }

  const RuleSet& rules_;
  const internal::RuleSetImpl& impl_;
  const check::CheckedPackage& checked_;
  std::vector<Decision> decisions_;
  std::set<std::string> emitted_;
};

}  // namespace

std::vector<GeneratedCase> GenerateCases(const RuleSet& rules, const std::string& benefit) {
  const internal::RuleSetImpl& impl = internal::ImplOf(rules);
  if (!impl.tree || !impl.checked) throw UsageError("the rule set was not loaded from a package");
  std::vector<uint32_t> chosen;
  for (uint32_t b = 0; b < rules.benefits().size(); ++b) {
    if (benefit.empty() || rules.benefits()[b].id == benefit) chosen.push_back(b);
  }
  if (chosen.empty()) throw UsageError("no benefit '" + benefit + "' in package " + impl.info.id);
  Generator g(rules);
  std::vector<GeneratedCase> out;
  for (uint32_t b : chosen) g.Run(b, out);
  return out;
}

std::string CasesYaml(const std::vector<GeneratedCase>& cases, const std::string& package, Language lang) {
  const bool en = lang == Language::kEn;
  std::ostringstream out;
  size_t uncovered = 0;
  for (const GeneratedCase& c : cases) uncovered += !c.covered;
  out << "# " << (en ? "Boundary cases generated by `ansinh cases` from package " : "Các trường hợp biên do `ansinh cases` sinh từ gói ")
      << package << ": " << cases.size() << (en ? " cases, " : " trường hợp, ") << uncovered
      << (en ? " not covered by the current tests (NEW)." : " chưa có trong các bài kiểm thử hiện có (MỚI).") << "\n";
  out << "# " << (en ? "Each expectation is the engine's current answer: confirm it against the law, or correct it."
                     : "Mỗi kết quả mong đợi là câu trả lời hiện tại của ansinh: đối chiếu với văn bản rồi xác nhận hoặc sửa.")
      << "\ntests:\n";
  std::string benefit;
  for (const GeneratedCase& c : cases) {
    if (c.benefit != benefit) {
      benefit = c.benefit;
      out << "\n  # ---- " << benefit << "\n";
    }
    out << "\n  # " << (c.covered ? (en ? "covered" : "đã có") : (en ? "NEW: not covered by the current tests" : "MỚI: chưa có bài kiểm thử nào"))
        << " — " << c.name.Get(lang) << "\n";
    out << c.yaml;
  }
  return out.str();
}

ANSINH_END_NAMESPACE

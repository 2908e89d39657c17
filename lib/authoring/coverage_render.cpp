// The coverage report as text, JSON and an HTML page (the report's page style).
#include <sstream>

#include "ansinh/authoring.hpp"
#include "common/json_writer.hpp"
#include "report/html.hpp"

ANSINH_BEGIN_NAMESPACE
namespace {

using internal::JsonWriter;

struct Words {
  const char* title;
  const char* tests;
  const char* failed;
  const char* conditions;
  const char* branches;
  const char* variable_branches;
  const char* steps;
  const char* yes;
  const char* no;
  const char* unknown;
  const char* since;
  const char* until;
  const char* decided;
  const char* taken;
  const char* never_true;
  const char* never_false;
  const char* never_taken;
  const char* not_used;
  const char* values;
  const char* benefits;
  const char* variables;
  const char* parameters;
  const char* condition;
  const char* arm;
  const char* step;
};

const Words kVi{"Độ phủ của các bài kiểm thử", "bài kiểm thử", "không đạt",
                "Điều kiện đã thấy cả đúng lẫn sai", "Nhánh của công thức số tiền đã đi qua",
                "Nhánh của công thức biến đã đi qua", "Mức tham số đã dùng", "đúng", "sai", "chưa rõ", "từ",
                "đến", "lần xét", "lần", "chưa bao giờ đúng", "chưa bao giờ sai", "chưa đi qua",
                "chưa dùng", "giá trị khác nhau", "Chế độ", "Biến", "Tham số", "Điều kiện", "Nhánh", "Mức"};
const Words kEn{"Coverage of the tests", "tests", "failed", "Conditions seen both true and false",
                "Amount formula arms taken", "Variable formula arms taken", "Parameter steps used", "true",
                "false", "unknown", "from", "to", "decisions", "times", "never true", "never false",
                "never taken", "not used", "distinct values", "Benefits", "Variables", "Parameters", "Condition",
                "Arm", "Step"};

const Words& W(Language lang) { return lang == Language::kEn ? kEn : kVi; }

std::string Percent(size_t part, size_t whole, Language lang) {
  if (whole == 0) return "100%";
  const size_t tenths = (part * 1000 + whole / 2) / whole;
  std::string s = std::to_string(tenths / 10);
  if (tenths % 10 != 0) s += (lang == Language::kVi ? "," : ".") + std::to_string(tenths % 10);
  return s + "%";
}

std::string Ratio(size_t part, size_t whole, Language lang) {
  return std::to_string(part) + "/" + std::to_string(whole) + " (" + Percent(part, whole, lang) + ")";
}

std::string Name(const Label& label, const std::string& id, Language lang) {
  const std::string& l = label.Get(lang);
  return l.empty() || l == id ? id : l + " (" + id + ")";
}

std::string VersionSpan(const VersionCoverage& v, Language lang) {
  std::string s = std::string(W(lang).since) + " " + v.from.ToString();
  if (v.to) s += " " + std::string(W(lang).until) + " " + v.to->ToString();
  return s;
}

std::string SeenText(const Seen& s, Language lang) {
  const Words& w = W(lang);
  return std::string(w.yes) + " " + std::to_string(s.yes) + ", " + w.no + " " + std::to_string(s.no) + ", " +
         w.unknown + " " + std::to_string(s.unknown);
}

std::string Gap(const Seen& s, Language lang) {
  if (s.covered()) return {};
  const Words& w = W(lang);
  if (s.yes == 0 && s.no == 0) return std::string(w.never_true) + ", " + w.never_false;
  return s.yes == 0 ? w.never_true : w.never_false;
}

void WriteSeen(JsonWriter& j, const Seen& s) {
  j.Key("true").Int(static_cast<int64_t>(s.yes));
  j.Key("false").Int(static_cast<int64_t>(s.no));
  j.Key("unknown").Int(static_cast<int64_t>(s.unknown));
  j.Key("covered").Bool(s.covered());
}

void WriteLabel(JsonWriter& j, const Label& l) {
  j.Key("label").BeginObject().Key("vi").String(l.vi).Key("en").String(l.en).EndObject();
}

void WriteLocation(JsonWriter& j, const SourceLocation& l) {
  j.Key("location").String(ToString(l));
}

void WriteBranches(JsonWriter& j, const std::vector<BranchCoverage>& branches) {
  j.Key("branches").BeginArray();
  for (const BranchCoverage& b : branches) {
    j.BeginObject().Key("arm").String(b.arm).Key("when").String(b.when);
    WriteLocation(j, b.location);
    j.Key("taken").Int(static_cast<int64_t>(b.taken)).EndObject();
  }
  j.EndArray();
}

}  // namespace

std::string CoverageText(const CoverageReport& r, Language lang) {
  const Words& w = W(lang);
  std::ostringstream out;
  out << w.title << " — " << r.package << " (" << r.tests << " " << w.tests;
  if (r.tests_failed) out << ", " << r.tests_failed << " " << w.failed;
  out << ")\n";
  out << "  " << w.conditions << ": " << Ratio(r.conditions_covered(), r.conditions(), lang) << "\n";
  out << "  " << w.branches << ": " << Ratio(r.branches_covered(), r.branches(), lang) << "\n";
  out << "  " << w.variable_branches << ": " << Ratio(r.variable_branches_covered(), r.variable_branches(), lang)
      << "\n";
  out << "  " << w.steps << ": " << Ratio(r.parameter_steps_used(), r.parameter_steps(), lang) << "\n";
  out << "\n" << w.benefits << "\n";
  for (const BenefitCoverage& b : r.benefits) {
    for (const VersionCoverage& v : b.versions) {
      out << "  " << Name(b.label, b.id, lang) << " [" << VersionSpan(v, lang) << "] — " << v.decided << " " << w.decided
          << "\n";
      for (const ConditionCoverage& c : v.conditions) {
        out << "    " << (c.seen.covered() ? "✓" : "✗") << " " << Name(c.label, c.name, lang) << ": "
            << SeenText(c.seen, lang);
        if (!c.seen.covered()) out << "  ← " << Gap(c.seen, lang) << "  " << ToString(c.location);
        out << "\n";
      }
      for (const BranchCoverage& a : v.branches) {
        out << "    " << (a.taken ? "✓" : "✗") << " " << w.arm << " " << a.arm;
        if (!a.when.empty()) out << "  [" << a.when << "]";
        out << ": " << a.taken << " " << w.taken;
        if (!a.taken) out << "  ← " << w.never_taken << "  " << ToString(a.location);
        out << "\n";
      }
    }
  }
  out << "\n" << w.variables << "\n";
  for (const VariableCoverage& v : r.variables) {
    out << "  " << Name(v.label, v.name, lang) << ": ";
    if (v.boolean) {
      out << SeenText(v.seen, lang);
      if (!v.seen.covered()) out << "  ← " << Gap(v.seen, lang);
    } else {
      out << v.distinct << " " << w.values << ", " << w.unknown << " " << v.unknown;
    }
    out << "\n";
    for (const BranchCoverage& a : v.branches) {
      out << "    " << (a.taken ? "✓" : "✗") << " " << w.arm << " " << a.arm;
      if (!a.when.empty()) out << "  [" << a.when << "]";
      out << ": " << a.taken << " " << w.taken << "\n";
    }
  }
  out << "\n" << w.parameters << "\n";
  for (const ParameterCoverage& p : r.parameters) {
    out << "  " << Name(p.label, p.name, lang) << "\n";
    for (const ParameterStepCoverage& s : p.steps) {
      out << "    " << (s.used ? "✓" : "·") << " " << w.since << " " << s.from.ToString() << ": " << s.value;
      out << " — " << (s.used ? std::to_string(s.used) + " " + w.taken : std::string(w.not_used)) << "\n";
    }
  }
  return out.str();
}

std::string CoverageJson(const CoverageReport& r) {
  JsonWriter j(true);
  j.BeginObject();
  j.Key("package").String(r.package);
  j.Key("tests").Int(static_cast<int64_t>(r.tests));
  j.Key("tests_failed").Int(static_cast<int64_t>(r.tests_failed));
  j.Key("totals").BeginObject();
  j.Key("conditions").Int(static_cast<int64_t>(r.conditions()));
  j.Key("conditions_covered").Int(static_cast<int64_t>(r.conditions_covered()));
  j.Key("branches").Int(static_cast<int64_t>(r.branches()));
  j.Key("branches_covered").Int(static_cast<int64_t>(r.branches_covered()));
  j.Key("variable_branches").Int(static_cast<int64_t>(r.variable_branches()));
  j.Key("variable_branches_covered").Int(static_cast<int64_t>(r.variable_branches_covered()));
  j.Key("parameter_steps").Int(static_cast<int64_t>(r.parameter_steps()));
  j.Key("parameter_steps_used").Int(static_cast<int64_t>(r.parameter_steps_used()));
  j.EndObject();
  j.Key("benefits").BeginArray();
  for (const BenefitCoverage& b : r.benefits) {
    j.BeginObject().Key("id").String(b.id);
    WriteLabel(j, b.label);
    j.Key("versions").BeginArray();
    for (const VersionCoverage& v : b.versions) {
      j.BeginObject().Key("from").String(v.from.ToString()).Key("to");
      if (v.to) j.String(v.to->ToString());
      else j.Null();
      j.Key("decided").Int(static_cast<int64_t>(v.decided));
      j.Key("conditions").BeginArray();
      for (const ConditionCoverage& c : v.conditions) {
        j.BeginObject().Key("name").String(c.name);
        WriteLabel(j, c.label);
        j.Key("source").String(c.source);
        WriteLocation(j, c.location);
        WriteSeen(j, c.seen);
        j.EndObject();
      }
      j.EndArray();
      WriteBranches(j, v.branches);
      j.EndObject();
    }
    j.EndArray().EndObject();
  }
  j.EndArray();
  j.Key("variables").BeginArray();
  for (const VariableCoverage& v : r.variables) {
    j.BeginObject().Key("name").String(v.name);
    WriteLabel(j, v.label);
    WriteLocation(j, v.location);
    if (v.boolean) WriteSeen(j, v.seen);
    else {
      j.Key("known").Int(static_cast<int64_t>(v.known));
      j.Key("unknown").Int(static_cast<int64_t>(v.unknown));
      j.Key("distinct").Int(static_cast<int64_t>(v.distinct));
    }
    WriteBranches(j, v.branches);
    j.EndObject();
  }
  j.EndArray();
  j.Key("parameters").BeginArray();
  for (const ParameterCoverage& p : r.parameters) {
    j.BeginObject().Key("name").String(p.name);
    WriteLabel(j, p.label);
    j.Key("steps").BeginArray();
    for (const ParameterStepCoverage& s : p.steps) {
      j.BeginObject().Key("from").String(s.from.ToString()).Key("value").String(s.value);
      j.Key("used").Int(static_cast<int64_t>(s.used)).EndObject();
    }
    j.EndArray().EndObject();
  }
  j.EndArray();
  j.EndObject();
  return j.Take() + "\n";
}

std::string CoverageHtml(const CoverageReport& r, Language lang) {
  const Words& w = W(lang);
  report::HtmlPage page(std::string(w.title) + " — " + r.package, lang);
  std::vector<std::pair<std::string, std::string>> facts;
  facts.emplace_back(w.tests, std::to_string(r.tests) + (r.tests_failed ? ", " + std::to_string(r.tests_failed) + " " + w.failed : ""));
  facts.emplace_back(w.conditions, Ratio(r.conditions_covered(), r.conditions(), lang));
  facts.emplace_back(w.branches, Ratio(r.branches_covered(), r.branches(), lang));
  facts.emplace_back(w.variable_branches, Ratio(r.variable_branches_covered(), r.variable_branches(), lang));
  facts.emplace_back(w.steps, Ratio(r.parameter_steps_used(), r.parameter_steps(), lang));
  page.Facts(facts);
  std::vector<report::CoverageBar> bars;
  for (const BenefitCoverage& b : r.benefits) {
    size_t all = 0, covered = 0;
    for (const VersionCoverage& v : b.versions) {
      for (const ConditionCoverage& c : v.conditions) all += 1, covered += c.seen.covered();
      for (const BranchCoverage& a : v.branches) all += 1, covered += a.taken > 0;
    }
    report::CoverageBar bar;
    bar.label = b.label.Get(lang).empty() ? b.id : b.label.Get(lang);
    bar.share_bp = all == 0 ? 10000 : static_cast<int64_t>(covered * 10000 / all);
    bar.target_bp = 10000;
    bar.met = covered == all;
    bar.value_text = Ratio(covered, all, lang);
    bars.push_back(std::move(bar));
  }
  page.Raw(report::CoverageChart("coverage", w.benefits, bars, ""));
  page.Heading(w.benefits);
  for (const BenefitCoverage& b : r.benefits) {
    for (const VersionCoverage& v : b.versions) {
      page.Heading(Name(b.label, b.id, lang) + " [" + VersionSpan(v, lang) + "]", 3);
      std::vector<std::vector<std::string>> rows;
      for (const ConditionCoverage& c : v.conditions) {
        rows.push_back({(c.seen.covered() ? "✓ " : "✗ ") + Name(c.label, c.name, lang), std::to_string(c.seen.yes),
                        std::to_string(c.seen.no), std::to_string(c.seen.unknown), ToString(c.location)});
      }
      page.Table({w.condition, w.yes, w.no, w.unknown, ""}, rows, {false, true, true, true, false});
      if (!v.branches.empty()) {
        std::vector<std::vector<std::string>> arms;
        for (const BranchCoverage& a : v.branches) {
          arms.push_back({(a.taken ? "✓ " : "✗ ") + a.arm, a.when, std::to_string(a.taken), ToString(a.location)});
        }
        page.Table({w.arm, w.condition, w.taken, ""}, arms, {false, false, true, false});
      }
    }
  }
  page.Heading(w.variables);
  std::vector<std::vector<std::string>> vrows;
  for (const VariableCoverage& v : r.variables) {
    std::string seen = v.boolean ? SeenText(v.seen, lang)
                                 : std::to_string(v.distinct) + " " + w.values + ", " + w.unknown + " " +
                                       std::to_string(v.unknown);
    size_t taken = 0;
    for (const BranchCoverage& a : v.branches) taken += a.taken > 0;
    vrows.push_back({Name(v.label, v.name, lang), seen,
                     v.branches.empty() ? "" : std::to_string(taken) + "/" + std::to_string(v.branches.size())});
  }
  page.Table({w.variables, w.values, w.arm}, vrows);
  page.Heading(w.parameters);
  std::vector<std::vector<std::string>> prows;
  for (const ParameterCoverage& p : r.parameters) {
    for (const ParameterStepCoverage& s : p.steps) {
      prows.push_back({Name(p.label, p.name, lang), s.from.ToString(), s.value,
                       s.used ? std::to_string(s.used) : std::string(w.not_used)});
    }
  }
  page.Table({w.parameters, w.step, "", w.taken}, prows, {false, false, false, true});
  return page.Finish();
}

ANSINH_END_NAMESPACE

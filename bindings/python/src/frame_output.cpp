// Decisions -> columns (see frame_output.hpp).
#include "frame_output.hpp"

#include <pybind11/numpy.h>

#include <algorithm>
#include <deque>
#include <limits>
#include <string>
#include <string_view>
#include <thread>
#include <functional>
#include <vector>

#include "ansinh/decimal.hpp"

namespace ansinh::python {
namespace {

// Distinct texts in first-seen order; Code() gives each its index. Texts are
// looked up by view: CodeOfStable() keeps a view of text that outlives this
// object (ids in the decisions' arena), Code() copies new texts once.
class Categories {
 public:
  int32_t CodeOfStable(std::string_view text) {
    const uint64_t h = Hash(text);
    size_t i = Find(text, h);
    if (slots_[i] >= 0) return slots_[i];
    const auto code = static_cast<int32_t>(values_.size());
    values_.push_back(text);
    hashes_.push_back(h);
    slots_[i] = code;
    if (values_.size() * 4 > slots_.size() * 3) Grow(slots_.size() * 2);
    return code;
  }
  int32_t Code(std::string_view text) {
    const int32_t found = slots_[Find(text, Hash(text))];
    if (found >= 0) return found;
    return CodeOfStable(owned_.emplace_back(text));
  }
  void Reserve(size_t n) {
    values_.reserve(n);
    hashes_.reserve(n);
    size_t size = slots_.size();
    while (size * 3 < n * 4) size *= 2;
    if (size > slots_.size()) Grow(size);
  }
  py::list ToList() const {
    py::list out;
    for (std::string_view v : values_) out.append(py::str(v.data(), v.size()));
    return out;
  }
  // Adds the values of `part` (in its order); returns part code -> code here.
  std::vector<int32_t> Merge(const Categories& part) {
    std::vector<int32_t> remap;
    remap.reserve(part.values_.size());
    for (std::string_view v : part.values_) remap.push_back(Code(v));
    return remap;
  }

 private:
  // Open addressing over the codes (an unordered_map allocated a node per id and was 6% of
  // _frame_columns); the slot of `text`, or the empty slot where it goes.
  size_t Find(std::string_view text, uint64_t h) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const int32_t c = slots_[i];
      if (c < 0 || (hashes_[static_cast<size_t>(c)] == h && values_[static_cast<size_t>(c)] == text)) return i;
    }
  }
  static uint64_t Hash(std::string_view text) {
    uint64_t h = std::hash<std::string_view>{}(text);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    return h ^ (h >> 33);
  }
  void Grow(size_t size) {
    slots_.assign(size, -1);
    const size_t mask = size - 1;
    for (size_t c = 0; c < values_.size(); ++c) {
      size_t i = hashes_[c] & mask;
      while (slots_[i] >= 0) i = (i + 1) & mask;
      slots_[i] = static_cast<int32_t>(c);
    }
  }

  std::vector<int32_t> slots_ = std::vector<int32_t>(64, -1);  // code, or -1 when empty
  std::vector<uint64_t> hashes_;                               // by code
  std::vector<std::string_view> values_;
  std::deque<std::string> owned_;  // never moves its elements: views stay valid
};

// A numpy array owning `v` (no copy).
template <typename T>
py::array ToArray(std::vector<T>&& v) {
  auto* heap = new std::vector<T>(std::move(v));
  py::capsule owner(heap, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>(static_cast<py::ssize_t>(heap->size()), heap->data(), owner);
}

py::array ToBoolArray(std::vector<uint8_t>&& v) {
  auto* heap = new std::vector<uint8_t>(std::move(v));
  py::capsule owner(heap, [](void* p) { delete static_cast<std::vector<uint8_t>*>(p); });
  return py::array(py::dtype("?"), {static_cast<py::ssize_t>(heap->size())}, {1}, heap->data(), owner);
}

template <typename T>
void Extend(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

// Appends codes of another Categories through `remap` (-1 stays -1).
void AppendCodes(std::vector<int32_t>& to, const std::vector<int32_t>& from, const std::vector<int32_t>& remap) {
  to.reserve(to.size() + from.size());
  for (int32_t c : from) to.push_back(c < 0 ? -1 : remap[static_cast<size_t>(c)]);
}

// One variable's values for all households or persons.
//   bool/int:      ("bool"|"int", values int64, known bool)
//   money/decimal: ("float", values float64 with NaN for unknown, None)
//   date:          ("days", values int64 days, known bool)
//   enum/string/set: ("category", codes int32 (-1 unknown), categories); sets as "a;b"
class VarColumn {
 public:
  VarColumn(std::string name, ValueType type) : name_(std::move(name)), type_(type) {}

  void Add(const OutputValue& v) {
    switch (type_) {
      case ValueType::kBool:
      case ValueType::kInt:
      case ValueType::kDate:
        ints_.push_back(v.known ? v.raw : 0);
        known_.push_back(v.known ? 1 : 0);
        break;
      case ValueType::kMoney:
      case ValueType::kDecimal:
        floats_.push_back(v.known ? static_cast<double>(v.raw) / static_cast<double>(Decimal::kScale)
                                  : std::numeric_limits<double>::quiet_NaN());
        break;
      case ValueType::kEnum:
      case ValueType::kString: codes_.push_back(v.known ? cats_.Code(v.text) : -1); break;
      case ValueType::kSet: {
        if (!v.known) {
          codes_.push_back(-1);
          break;
        }
        std::string joined;
        for (const std::string& item : v.items) joined += (joined.empty() ? "" : ";") + item;
        codes_.push_back(cats_.Code(joined));
        break;
      }
    }
  }

  void Reserve(size_t n) {
    switch (type_) {
      case ValueType::kBool:
      case ValueType::kInt:
      case ValueType::kDate:
        ints_.reserve(n);
        known_.reserve(n);
        break;
      case ValueType::kMoney:
      case ValueType::kDecimal: floats_.reserve(n); break;
      default: codes_.reserve(n);
    }
  }

  // Appends the values of `part` (the same variable, later households).
  void Append(VarColumn&& part) {
    Extend(ints_, part.ints_);
    Extend(floats_, part.floats_);
    Extend(known_, part.known_);
    AppendCodes(codes_, part.codes_, cats_.Merge(part.cats_));
  }

  py::tuple Take() {
    switch (type_) {
      case ValueType::kBool:
        return py::make_tuple(name_, "bool", ToArray(std::move(ints_)), ToBoolArray(std::move(known_)), py::none());
      case ValueType::kInt:
        return py::make_tuple(name_, "int", ToArray(std::move(ints_)), ToBoolArray(std::move(known_)), py::none());
      case ValueType::kDate:
        return py::make_tuple(name_, "days", ToArray(std::move(ints_)), ToBoolArray(std::move(known_)), py::none());
      case ValueType::kMoney:
      case ValueType::kDecimal:
        return py::make_tuple(name_, "float", ToArray(std::move(floats_)), py::none(), py::none());
      default:
        return py::make_tuple(name_, "category", ToArray(std::move(codes_)), py::none(), cats_.ToList());
    }
  }

 private:
  std::string name_;
  ValueType type_;
  std::vector<int64_t> ints_;
  std::vector<double> floats_;
  std::vector<uint8_t> known_;
  std::vector<int32_t> codes_;
  Categories cats_;
};

std::vector<VarColumn> MakeVarColumns(const RuleSet& rules, Entity entity) {
  std::vector<VarColumn> out;
  for (const VariableInfo& v : rules.variables()) {
    if (v.entity == entity) out.emplace_back(v.name, v.type);
  }
  return out;
}

void AddVariables(const DecisionView& d, int member, std::vector<VarColumn>& columns) {
  const auto values = d.variables(member);
  if (values.empty()) {  // a household with errors: every variable unknown
    for (VarColumn& c : columns) c.Add(OutputValue{});
    return;
  }
  for (size_t i = 0; i < columns.size() && i < values.size(); ++i) columns[i].Add(values[i].second);
}

// The member a record issue is about: "members[P2].birth_date" -> ("P2",
// "birth_date"); a household field or the whole record -> ("", field).
std::pair<std::string_view, std::string_view> IssuePerson(std::string_view field) {
  constexpr std::string_view kMembers = "members[";
  if (field.substr(0, kMembers.size()) != kMembers) return {{}, field};
  const size_t close = field.find(']', kMembers.size());
  if (close == std::string_view::npos) return {{}, field};
  std::string_view rest = field.substr(close + 1);
  if (!rest.empty() && rest.front() == '.') rest.remove_prefix(1);
  return {field.substr(kMembers.size(), close - kMembers.size()), rest};
}

std::string IssueText(Span<RecordIssue> issues, Language lang) {
  std::string out;
  for (const RecordIssue& e : issues) {
    out += (out.empty() ? "" : "; ") + e.code + (e.field.empty() ? "" : " " + e.field) + ": " +
           (lang == Language::kVi ? e.message_vi : e.message);
  }
  return out;
}

struct Columns {
  // households
  std::vector<int32_t> hh_code, hh_errors, hh_warnings, hh_members;
  std::vector<int8_t> hh_status;
  std::vector<int64_t> hh_total;
  std::vector<VarColumn> hh_vars;
  // persons
  std::vector<int32_t> p_household, p_person, p_row;
  std::vector<int64_t> p_total;
  std::vector<VarColumn> p_vars;
  // benefits
  std::vector<int32_t> b_household, b_row, b_person, b_benefit, b_superseded, b_missing, b_figures, b_reason_vi,
      b_reason_en;
  std::vector<int8_t> b_status;
  std::vector<int64_t> b_amount;
  std::vector<uint8_t> b_known, b_provisional;
  // record issues, one row each (errors first, then warnings, per household)
  std::vector<int32_t> e_household, e_row, e_person, e_code, e_field, e_message;
  std::vector<int8_t> e_severity;
  Categories household_ids, person_ids, issue_texts, missing, figures, reasons_vi, reasons_en;
  Categories issue_codes, issue_fields, issue_messages;

  // Room for `households`, `persons` and `outcomes` rows (no reallocation while collecting).
  void Reserve(size_t households, size_t persons, size_t outcomes, bool reasons) {
    for (auto* v : {&hh_code, &hh_errors, &hh_warnings, &hh_members}) v->reserve(households);
    hh_status.reserve(households);
    hh_total.reserve(households);
    for (VarColumn& v : hh_vars) v.Reserve(households);
    for (auto* v : {&p_household, &p_person, &p_row}) v->reserve(persons);
    p_total.reserve(persons);
    for (VarColumn& v : p_vars) v.Reserve(persons);
    for (auto* v : {&b_household, &b_row, &b_person, &b_benefit, &b_superseded, &b_missing, &b_figures}) {
      v->reserve(outcomes);
    }
    if (reasons) {
      b_reason_vi.reserve(outcomes);
      b_reason_en.reserve(outcomes);
    }
    b_status.reserve(outcomes);
    b_amount.reserve(outcomes);
    b_known.reserve(outcomes);
    b_provisional.reserve(outcomes);
    household_ids.Reserve(households);
    person_ids.Reserve(persons);
  }

  // Appends the columns of `part` (later households), merging its categories.
  void Append(Columns&& part) {
    const auto hh = household_ids.Merge(part.household_ids);
    const auto person = person_ids.Merge(part.person_ids);
    const auto issue = issue_texts.Merge(part.issue_texts);
    AppendCodes(hh_code, part.hh_code, hh);
    AppendCodes(hh_errors, part.hh_errors, issue);
    AppendCodes(hh_warnings, part.hh_warnings, issue);
    Extend(hh_members, part.hh_members);
    Extend(hh_status, part.hh_status);
    Extend(hh_total, part.hh_total);
    for (size_t v = 0; v < hh_vars.size(); ++v) hh_vars[v].Append(std::move(part.hh_vars[v]));
    AppendCodes(p_household, part.p_household, hh);
    AppendCodes(p_person, part.p_person, person);
    Extend(p_row, part.p_row);
    Extend(p_total, part.p_total);
    for (size_t v = 0; v < p_vars.size(); ++v) p_vars[v].Append(std::move(part.p_vars[v]));
    AppendCodes(b_household, part.b_household, hh);
    AppendCodes(b_person, part.b_person, person);
    Extend(b_row, part.b_row);
    Extend(b_benefit, part.b_benefit);
    Extend(b_superseded, part.b_superseded);
    AppendCodes(b_missing, part.b_missing, missing.Merge(part.missing));
    AppendCodes(b_figures, part.b_figures, figures.Merge(part.figures));
    AppendCodes(e_household, part.e_household, hh);
    Extend(e_row, part.e_row);
    AppendCodes(e_person, part.e_person, person);
    AppendCodes(e_code, part.e_code, issue_codes.Merge(part.issue_codes));
    AppendCodes(e_field, part.e_field, issue_fields.Merge(part.issue_fields));
    AppendCodes(e_message, part.e_message, issue_messages.Merge(part.issue_messages));
    Extend(e_severity, part.e_severity);
    AppendCodes(b_reason_vi, part.b_reason_vi, reasons_vi.Merge(part.reasons_vi));
    AppendCodes(b_reason_en, part.b_reason_en, reasons_en.Merge(part.reasons_en));
    Extend(b_status, part.b_status);
    Extend(b_amount, part.b_amount);
    Extend(b_known, part.b_known);
    Extend(b_provisional, part.b_provisional);
  }
};

void AddBenefits(const DecisionView& d, const OutcomeRange& outcomes, int32_t household, int32_t row,
                 int32_t person, bool reasons, Detail detail, Columns& c) {
  for (const BenefitOutcome& o : outcomes) {
    if (!Listed(o, detail)) continue;
    c.b_household.push_back(household);
    c.b_row.push_back(row);
    c.b_person.push_back(person);
    c.b_benefit.push_back(static_cast<int32_t>(o.benefit));
    c.b_status.push_back(static_cast<int8_t>(o.status));
    c.b_amount.push_back(o.has_amount ? o.amount : 0);
    c.b_known.push_back(o.has_amount ? 1 : 0);
    c.b_superseded.push_back(o.superseded_by);
    c.b_provisional.push_back(o.provisional ? 1 : 0);
    if (o.status == BenefitStatus::kUndetermined) {
      // Facts to ask the family apart from legal figures not yet confirmed (param.*).
      std::string facts, figures;
      for (const std::string& m : d.missing(o)) {
        std::string& to = m.rfind("param.", 0) == 0 ? figures : facts;
        to += (to.empty() ? "" : ";") + m;
      }
      c.b_missing.push_back(facts.empty() ? -1 : c.missing.Code(facts));
      c.b_figures.push_back(figures.empty() ? -1 : c.figures.Code(figures));
    } else {
      c.b_missing.push_back(-1);
      c.b_figures.push_back(-1);
    }
    if (reasons) {
      c.b_reason_vi.push_back(c.reasons_vi.Code(d.reason(o, Language::kVi)));
      c.b_reason_en.push_back(c.reasons_en.Code(d.reason(o, Language::kEn)));
    }
  }
}

struct RowCounts {
  size_t households = 0, persons = 0, outcomes = 0;
};

size_t ListedCount(const OutcomeRange& outcomes, Detail detail) {
  if (detail == Detail::kFull) return outcomes.size();
  size_t n = 0;
  for (const BenefitOutcome& o : outcomes) n += Listed(o, detail) ? 1 : 0;
  return n;
}

RowCounts Count(const DecisionBatch& batch, size_t begin, size_t end, Detail detail) {
  RowCounts n;
  for (size_t h = begin; h < end; ++h) {
    const DecisionView d = batch[h];
    ++n.households;
    n.persons += d.member_count();
    n.outcomes += ListedCount(d.benefits(), detail);
    for (size_t m = 0; m < d.member_count(); ++m) n.outcomes += ListedCount(d.member_benefits(m), detail);
  }
  return n;
}

// One row per record issue of household `d` (errors, then warnings).
void AddIssues(const DecisionView& d, int32_t household, int32_t row, Language lang, Columns& c) {
  for (Span<RecordIssue> issues : {d.errors(), d.warnings()}) {
    for (const RecordIssue& e : issues) {
      const auto [person, field] = IssuePerson(e.field);
      c.e_household.push_back(household);
      c.e_row.push_back(row);
      c.e_person.push_back(person.empty() ? -1 : c.person_ids.Code(person));
      c.e_severity.push_back(e.severity == Severity::kError ? 0 : 1);
      c.e_code.push_back(c.issue_codes.Code(e.code));
      c.e_field.push_back(field.empty() ? -1 : c.issue_fields.Code(field));
      c.e_message.push_back(c.issue_messages.Code(lang == Language::kVi ? e.message_vi : e.message));
    }
  }
}

// Households [begin, end) of `batch` into `c`.
void Collect(const DecisionBatch& batch, size_t begin, size_t end, bool reasons, Detail detail, Language lang,
             Columns& c) {
  const RowCounts n = Count(batch, begin, end, detail);
  c.Reserve(n.households, n.persons, n.outcomes, reasons);
  for (size_t h = begin; h < end; ++h) {
    const DecisionView d = batch[h];
    const int32_t hh = c.household_ids.CodeOfStable(d.household_id());
    c.hh_code.push_back(hh);
    c.hh_status.push_back(d.ok() ? 0 : 1);
    c.hh_total.push_back(d.total_monthly());
    c.hh_members.push_back(static_cast<int32_t>(d.member_count()));
    c.hh_errors.push_back(d.errors().empty() ? -1 : c.issue_texts.Code(IssueText(d.errors(), lang)));
    c.hh_warnings.push_back(d.warnings().empty() ? -1 : c.issue_texts.Code(IssueText(d.warnings(), lang)));
    AddVariables(d, -1, c.hh_vars);
    const auto row = static_cast<int32_t>(h);
    AddIssues(d, hh, row, lang, c);
    AddBenefits(d, d.benefits(), hh, row, -1, reasons, detail, c);
    for (size_t m = 0; m < d.member_count(); ++m) {
      const int32_t person = c.person_ids.CodeOfStable(d.member_id(m));
      c.p_household.push_back(hh);
      c.p_person.push_back(person);
      c.p_row.push_back(row);
      c.p_total.push_back(d.member_total_monthly(m));
      AddVariables(d, static_cast<int>(m), c.p_vars);
      AddBenefits(d, d.member_benefits(m), hh, row, person, reasons, detail, c);
    }
  }
}

// Collects on `threads` threads (contiguous ranges of households, each with
// its own categories), then appends the parts in order: the result does not
// depend on the thread count.
void CollectAll(const RuleSet& rules, const DecisionBatch& batch, bool reasons, Detail detail, Language lang,
                unsigned threads, Columns& c) {
  const size_t n = batch.size();
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<size_t>(threads, std::max<size_t>(1, n / 2048)));
  if (threads <= 1) {
    Collect(batch, 0, n, reasons, detail, lang, c);
    return;
  }
  std::vector<Columns> parts(threads);
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    parts[t].hh_vars = MakeVarColumns(rules, Entity::kHousehold);
    parts[t].p_vars = MakeVarColumns(rules, Entity::kPerson);
    pool.emplace_back([&, t] { Collect(batch, n * t / threads, n * (t + 1) / threads, reasons, detail, lang, parts[t]); });
  }
  for (std::thread& t : pool) t.join();
  const RowCounts total = Count(batch, 0, n, detail);
  c = std::move(parts[0]);  // views into its categories' storage stay valid (deque)
  c.Reserve(total.households, total.persons, total.outcomes, reasons);
  for (size_t t = 1; t < parts.size(); ++t) c.Append(std::move(parts[t]));
}

py::list TakeVars(std::vector<VarColumn>& vars) {
  py::list out;
  for (VarColumn& v : vars) out.append(v.Take());
  return out;
}

}  // namespace

py::dict FrameColumns(const Decisions& decisions, bool reasons, Language lang, unsigned threads) {
  Columns c;
  c.hh_vars = MakeVarColumns(decisions.rules, Entity::kHousehold);
  c.p_vars = MakeVarColumns(decisions.rules, Entity::kPerson);
  {
    py::gil_scoped_release release;
    CollectAll(decisions.rules, decisions.batch, reasons, decisions.detail, lang, threads, c);
  }
  py::dict households;
  households["household"] = ToArray(std::move(c.hh_code));
  households["status"] = ToArray(std::move(c.hh_status));
  households["total_monthly"] = ToArray(std::move(c.hh_total));
  households["member_count"] = ToArray(std::move(c.hh_members));
  households["errors"] = ToArray(std::move(c.hh_errors));
  households["warnings"] = ToArray(std::move(c.hh_warnings));
  households["variables"] = TakeVars(c.hh_vars);
  py::dict persons;
  persons["household"] = ToArray(std::move(c.p_household));
  persons["person"] = ToArray(std::move(c.p_person));
  persons["row"] = ToArray(std::move(c.p_row));
  persons["total_monthly"] = ToArray(std::move(c.p_total));
  persons["variables"] = TakeVars(c.p_vars);
  py::dict benefits;
  benefits["household"] = ToArray(std::move(c.b_household));
  benefits["row"] = ToArray(std::move(c.b_row));
  benefits["person"] = ToArray(std::move(c.b_person));
  benefits["benefit"] = ToArray(std::move(c.b_benefit));
  benefits["status"] = ToArray(std::move(c.b_status));
  benefits["amount"] = ToArray(std::move(c.b_amount));
  benefits["amount_known"] = ToBoolArray(std::move(c.b_known));
  benefits["superseded_by"] = ToArray(std::move(c.b_superseded));
  benefits["provisional"] = ToBoolArray(std::move(c.b_provisional));
  benefits["missing"] = ToArray(std::move(c.b_missing));
  benefits["missing_figures"] = ToArray(std::move(c.b_figures));
  py::dict issues;
  issues["household"] = ToArray(std::move(c.e_household));
  issues["row"] = ToArray(std::move(c.e_row));
  issues["person"] = ToArray(std::move(c.e_person));
  issues["severity"] = ToArray(std::move(c.e_severity));
  issues["code"] = ToArray(std::move(c.e_code));
  issues["field"] = ToArray(std::move(c.e_field));
  issues["message"] = ToArray(std::move(c.e_message));
  if (reasons) {
    benefits["reason_vi"] = ToArray(std::move(c.b_reason_vi));
    benefits["reason_en"] = ToArray(std::move(c.b_reason_en));
  }
  py::dict out;
  out["households"] = households;
  out["persons"] = persons;
  out["benefits"] = benefits;
  out["issues"] = issues;
  out["figure_values"] = c.figures.ToList();
  out["issue_code_values"] = c.issue_codes.ToList();
  out["issue_field_values"] = c.issue_fields.ToList();
  out["issue_message_values"] = c.issue_messages.ToList();
  out["household_ids"] = c.household_ids.ToList();
  out["person_ids"] = c.person_ids.ToList();
  out["issue_texts"] = c.issue_texts.ToList();
  out["missing_values"] = c.missing.ToList();
  out["reason_vi_values"] = c.reasons_vi.ToList();
  out["reason_en_values"] = c.reasons_en.ToList();
  return out;
}

}  // namespace ansinh::python

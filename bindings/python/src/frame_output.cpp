// Decisions -> columns (see frame_output.hpp).
#include "frame_output.hpp"

#include <pybind11/numpy.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
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
  // The code of a text already coded (-1 if it is not): reads only, so several threads may look up at once.
  int32_t Lookup(std::string_view text) const { return slots_[Find(text, Hash(text))]; }
  size_t size() const { return values_.size(); }
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

// The width in bytes of the codes pandas keeps for `categories` categories
// (pandas.core.dtypes.cast.coerce_indexer_dtype): codes written at that width
// are taken by Categorical.from_codes without a conversion.
int CodeWidth(size_t categories) {
  if (categories < 127) return 1;
  if (categories < 32767) return 2;
  if (categories < 2147483647) return 4;
  return 8;
}

const char* IntFormat(int width) {
  switch (width) {
    case 1: return "i1";
    case 2: return "i2";
    case 4: return "i4";
    default: return "i8";
  }
}

// A numpy array of `n` elements of `format` ("i4", "?", ...), not initialised: every element is
// written before Python sees it. Needs the GIL.
py::array NewArray(const char* format, size_t n) {
  return py::array(py::dtype(format), py::array::ShapeContainer{static_cast<py::ssize_t>(n)});
}

template <typename T>
T* Data(py::array& a) {
  return static_cast<T*>(a.mutable_data());
}

// Integer codes written by position at pandas' width (CodeWidth); -1 = missing.
struct CodeOut {
  void* data = nullptr;
  int width = 4;
  void Put(size_t i, int64_t code) const {
    switch (width) {
      case 1: static_cast<int8_t*>(data)[i] = static_cast<int8_t>(code); break;
      case 2: static_cast<int16_t*>(data)[i] = static_cast<int16_t>(code); break;
      case 4: static_cast<int32_t*>(data)[i] = static_cast<int32_t>(code); break;
      default: static_cast<int64_t*>(data)[i] = code;
    }
  }
};

// A code column of `n` rows for `categories` categories: the numpy array and its writer.
std::pair<py::array, CodeOut> NewCodes(size_t n, size_t categories) {
  const int width = CodeWidth(categories);
  py::array a = NewArray(IntFormat(width), n);
  return {a, CodeOut{a.mutable_data(), width}};
}

// Codes of one part's rows written at `offset` of an int32 column, through `remap` (-1 stays -1).
void Remap(int32_t* codes, size_t n, const std::vector<int32_t>& remap) {
  bool identity = true;
  for (size_t i = 0; i < remap.size() && identity; ++i) identity = remap[i] == static_cast<int32_t>(i);
  if (identity) return;
  for (size_t i = 0; i < n; ++i) {
    if (codes[i] >= 0) codes[i] = remap[static_cast<size_t>(codes[i])];
  }
}

// One variable's values for all households or persons, written by position into numpy arrays:
//   bool/int:      ("bool"|"int", values int64, known bool)
//   money/decimal: ("float", values float64 with NaN for unknown, None)
//   date:          ("days", values int64 days, known bool)
//   enum/string/set: ("category", codes int32 (-1 unknown), categories); sets as "a;b"
// Enum and text codes are those of the writing part's Categories until Finish().
class VarColumn {
 public:
  VarColumn(std::string name, ValueType type) : name_(std::move(name)), type_(type) {}

  void Allocate(size_t n) {  // needs the GIL
    switch (type_) {
      case ValueType::kBool:
      case ValueType::kInt:
      case ValueType::kDate:
        values_ = NewArray("i8", n);
        known_ = NewArray("?", n);
        break;
      case ValueType::kMoney:
      case ValueType::kDecimal: values_ = NewArray("f8", n); break;
      default: values_ = NewArray("i4", n);
    }
    data_ = values_.mutable_data();
    known_data_ = known_ ? static_cast<bool*>(known_.mutable_data()) : nullptr;
  }

  void Set(size_t i, const OutputValue& v, Categories& cats) const {
    switch (type_) {
      case ValueType::kBool:
      case ValueType::kInt:
      case ValueType::kDate:
        static_cast<int64_t*>(data_)[i] = v.known ? v.raw : 0;
        known_data_[i] = v.known;
        break;
      case ValueType::kMoney:
      case ValueType::kDecimal:
        static_cast<double*>(data_)[i] = v.known ? static_cast<double>(v.raw) / static_cast<double>(Decimal::kScale)
                                                 : std::numeric_limits<double>::quiet_NaN();
        break;
      case ValueType::kEnum:
      case ValueType::kString: static_cast<int32_t*>(data_)[i] = v.known ? cats.Code(v.text) : -1; break;
      case ValueType::kSet: {
        if (!v.known) {
          static_cast<int32_t*>(data_)[i] = -1;
          break;
        }
        std::string joined;
        for (const std::string& item : v.items) joined += (joined.empty() ? "" : ";") + item;
        static_cast<int32_t*>(data_)[i] = cats.Code(joined);
        break;
      }
    }
  }

  bool coded() const { return type_ == ValueType::kEnum || type_ == ValueType::kString || type_ == ValueType::kSet; }
  int32_t* codes() const { return static_cast<int32_t*>(data_); }

  py::tuple Take(const Categories& cats) {
    switch (type_) {
      case ValueType::kBool: return py::make_tuple(name_, "bool", values_, known_, py::none());
      case ValueType::kInt: return py::make_tuple(name_, "int", values_, known_, py::none());
      case ValueType::kDate: return py::make_tuple(name_, "days", values_, known_, py::none());
      case ValueType::kMoney:
      case ValueType::kDecimal: return py::make_tuple(name_, "float", values_, py::none(), py::none());
      default: return py::make_tuple(name_, "category", values_, py::none(), cats.ToList());
    }
  }

 private:
  std::string name_;
  ValueType type_;
  py::array values_, known_;
  void* data_ = nullptr;
  bool* known_data_ = nullptr;
};

std::vector<VarColumn> MakeVarColumns(const RuleSet& rules, Entity entity) {
  std::vector<VarColumn> out;
  for (const VariableInfo& v : rules.variables()) {
    if (v.entity == entity) out.emplace_back(v.name, v.type);
  }
  return out;
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

size_t ListedCount(const OutcomeRange& outcomes, Detail detail) {
  switch (detail) {
    case Detail::kFull: return outcomes.size();
    case Detail::kSummary:  // from the status bytes, without building the outcomes
      return outcomes.count(BenefitStatus::kEligible) + outcomes.count(BenefitStatus::kUndetermined);
    case Detail::kReasons: break;
  }
  size_t n = 0;
  for (const BenefitOutcome& o : outcomes) n += Listed(o, detail) ? 1 : 0;
  return n;
}

// The ids of the whole batch, coded once (first-seen order: each household's
// id, then the members named by its record issues, then its members), and
// where each household's rows begin.
struct Layout {
  Categories household_ids, person_ids;
  std::vector<int32_t> household_code;  // by household
  std::vector<int32_t> person_code;     // by person row
  std::vector<size_t> person_begin;     // by household, + the end
  std::vector<size_t> outcome_begin;    // by household, + the end
};

void Lay(const DecisionBatch& batch, Detail detail, Layout& l) {
  const size_t n = batch.size();
  l.household_code.resize(n);
  l.person_begin.resize(n + 1);
  l.outcome_begin.resize(n + 1);
  l.household_ids.Reserve(n);
  size_t persons = 0, outcomes = 0;
  for (size_t h = 0; h < n; ++h) {
    const DecisionView d = batch[h];
    l.person_begin[h] = persons;
    l.outcome_begin[h] = outcomes;
    l.household_code[h] = l.household_ids.CodeOfStable(d.household_id());
    for (Span<RecordIssue> issues : {d.errors(), d.warnings()}) {
      for (const RecordIssue& e : issues) {
        const std::string_view person = IssuePerson(e.field).first;
        if (!person.empty()) l.person_ids.Code(person);
      }
    }
    const size_t members = d.member_count();
    persons += members;
    outcomes += ListedCount(d.benefits(), detail);
    for (size_t m = 0; m < members; ++m) {
      l.person_code.push_back(l.person_ids.CodeOfStable(d.member_id(m)));
      outcomes += ListedCount(d.member_benefits(m), detail);
    }
  }
  l.person_begin[n] = persons;
  l.outcome_begin[n] = outcomes;
}

// The numpy columns written by position (allocated before the threads start).
struct Out {
  // households
  CodeOut hh_code;
  int8_t* hh_status = nullptr;
  int64_t* hh_total = nullptr;
  int32_t *hh_members = nullptr, *hh_errors = nullptr, *hh_warnings = nullptr;  // errors/warnings: part codes
  std::vector<VarColumn> hh_vars;
  // persons
  CodeOut p_household, p_person;
  int32_t* p_row = nullptr;
  int64_t* p_total = nullptr;
  std::vector<VarColumn> p_vars;
  // benefits
  CodeOut b_household, b_person, b_benefit, b_superseded;
  int32_t* b_row = nullptr;  // null: not asked for
  std::vector<std::pair<CodeOut, std::vector<int32_t>>> b_by_benefit;  // columns that depend on the benefit only
  int8_t* b_status = nullptr;
  int64_t* b_amount = nullptr;
  bool *b_amount_missing = nullptr, *b_provisional = nullptr;
};

// What one thread collects besides the columns it writes in place: its own
// categories (merged in part order afterwards), the rows of the sparse and
// text columns, and the record issues.
struct Part {
  size_t begin = 0, end = 0;  // households
  Categories issue_texts, missing, figures, reasons_vi, reasons_en, issue_codes, issue_fields, issue_messages;
  std::vector<Categories> hh_var_cats, p_var_cats;
  std::vector<std::pair<size_t, int32_t>> missing_rows, figure_rows;  // (benefit row, part code): undetermined only
  std::vector<int32_t> reason_vi, reason_en;                          // part codes, one per benefit row of the part
  // record issues, one row each (errors first, then warnings, per household)
  std::vector<int32_t> e_household, e_row, e_person, e_code, e_field, e_message;
  std::vector<int8_t> e_severity;
};

// `values`: the part's buffer (DecisionView::variables into it: no allocation per household).
using Values = std::vector<std::pair<const VariableInfo*, OutputValue>>;

void AddVariables(const DecisionView& d, int member, const std::vector<VarColumn>& columns,
                  std::vector<Categories>& cats, size_t row, Values& values) {
  d.variables(member, &values);
  if (values.empty()) {  // a household with errors: every variable unknown
    for (size_t i = 0; i < columns.size(); ++i) columns[i].Set(row, OutputValue{}, cats[i]);
    return;
  }
  for (size_t i = 0; i < columns.size() && i < values.size(); ++i) columns[i].Set(row, values[i].second, cats[i]);
}

// Rows of `outcomes` from benefit row `at` on; returns the row after them.
size_t AddBenefits(const DecisionView& d, const OutcomeRange& outcomes, int32_t household, int32_t row,
                   int32_t person, bool reasons, Detail detail, const Out& o, Part& part, size_t at) {
  const bool all = detail == Detail::kFull;  // Listed() is a call into the library: not per row when it is true
  for (const BenefitOutcome& b : outcomes) {
    if (!all && !Listed(b, detail)) continue;
    o.b_household.Put(at, household);
    if (o.b_row) o.b_row[at] = row;
    o.b_person.Put(at, person);
    o.b_benefit.Put(at, b.benefit);
    for (const auto& [column, codes] : o.b_by_benefit) column.Put(at, codes[b.benefit]);
    o.b_status[at] = static_cast<int8_t>(b.status);
    o.b_amount[at] = b.has_amount ? b.amount : 0;
    o.b_amount_missing[at] = !b.has_amount;
    o.b_superseded.Put(at, b.superseded_by);
    o.b_provisional[at] = b.provisional;
    if (b.status == BenefitStatus::kUndetermined) {
      // Facts to ask the family apart from legal figures not yet confirmed (param.*).
      std::string facts, figures;
      for (const std::string& m : d.missing(b)) {
        std::string& to = m.rfind("param.", 0) == 0 ? figures : facts;
        to += (to.empty() ? "" : ";") + m;
      }
      if (!facts.empty()) part.missing_rows.emplace_back(at, part.missing.Code(facts));
      if (!figures.empty()) part.figure_rows.emplace_back(at, part.figures.Code(figures));
    }
    if (reasons) {
      part.reason_vi.push_back(part.reasons_vi.Code(d.reason(b, Language::kVi)));
      part.reason_en.push_back(part.reasons_en.Code(d.reason(b, Language::kEn)));
    }
    ++at;
  }
  return at;
}

// One row per record issue of household `d` (errors, then warnings).
void AddIssues(const DecisionView& d, int32_t household, int32_t row, Language lang, const Categories& person_ids,
               Part& p) {
  for (Span<RecordIssue> issues : {d.errors(), d.warnings()}) {
    for (const RecordIssue& e : issues) {
      const auto [person, field] = IssuePerson(e.field);
      p.e_household.push_back(household);
      p.e_row.push_back(row);
      p.e_person.push_back(person.empty() ? -1 : person_ids.Lookup(person));
      p.e_severity.push_back(e.severity == Severity::kError ? 0 : 1);
      p.e_code.push_back(p.issue_codes.Code(e.code));
      p.e_field.push_back(field.empty() ? -1 : p.issue_fields.Code(field));
      p.e_message.push_back(p.issue_messages.Code(lang == Language::kVi ? e.message_vi : e.message));
    }
  }
}

// Households [p.begin, p.end) of `batch`: their rows of the columns, in place.
void Collect(const DecisionBatch& batch, const Layout& l, bool reasons, Detail detail, Language lang, const Out& o,
             Part& p) {
  if (reasons) {
    p.reason_vi.reserve(l.outcome_begin[p.end] - l.outcome_begin[p.begin]);
    p.reason_en.reserve(l.outcome_begin[p.end] - l.outcome_begin[p.begin]);
  }
  size_t person_row = l.person_begin[p.begin];
  size_t at = l.outcome_begin[p.begin];
  Values values;
  for (size_t h = p.begin; h < p.end; ++h) {
    const DecisionView d = batch[h];
    const int32_t hh = l.household_code[h];
    o.hh_code.Put(h, hh);
    o.hh_status[h] = d.ok() ? 0 : 1;
    o.hh_total[h] = d.total_monthly();
    o.hh_members[h] = static_cast<int32_t>(d.member_count());
    o.hh_errors[h] = d.errors().empty() ? -1 : p.issue_texts.Code(IssueText(d.errors(), lang));
    o.hh_warnings[h] = d.warnings().empty() ? -1 : p.issue_texts.Code(IssueText(d.warnings(), lang));
    AddVariables(d, -1, o.hh_vars, p.hh_var_cats, h, values);
    const auto row = static_cast<int32_t>(h);
    AddIssues(d, hh, row, lang, l.person_ids, p);
    at = AddBenefits(d, d.benefits(), hh, row, -1, reasons, detail, o, p, at);
    for (size_t m = 0; m < d.member_count(); ++m, ++person_row) {
      const int32_t person = l.person_code[person_row];
      o.p_household.Put(person_row, hh);
      o.p_person.Put(person_row, person);
      o.p_row[person_row] = row;
      o.p_total[person_row] = d.member_total_monthly(m);
      AddVariables(d, static_cast<int>(m), o.p_vars, p.p_var_cats, person_row, values);
      at = AddBenefits(d, d.member_benefits(m), hh, row, person, reasons, detail, o, p, at);
    }
  }
}

template <typename T>
py::array ToArray(const std::vector<T>& v, const char* format) {
  py::array a = NewArray(format, v.size());
  if (!v.empty()) std::memcpy(a.mutable_data(), v.data(), v.size() * sizeof(T));
  return a;
}

// Codes of a sparse column (missing unless listed) at pandas' width, through each part's remap.
py::array SparseCodes(size_t rows, size_t categories, const std::vector<Part>& parts,
                      std::vector<std::pair<size_t, int32_t>> Part::*list,
                      const std::vector<std::vector<int32_t>>& remaps) {
  auto [array, out] = NewCodes(rows, categories);
  py::gil_scoped_release release;
  std::memset(out.data, 0xff, rows * static_cast<size_t>(out.width));  // -1 at every width
  for (size_t t = 0; t < parts.size(); ++t) {
    for (const auto& [row, code] : parts[t].*list) out.Put(row, remaps[t][static_cast<size_t>(code)]);
  }
  return array;
}

// A dense column of part codes (parts' rows in order) at pandas' width, through each part's remap.
py::array DenseCodes(size_t rows, size_t categories, const std::vector<Part>& parts, std::vector<int32_t> Part::*list,
                     const std::vector<std::vector<int32_t>>& remaps) {
  auto [array, out] = NewCodes(rows, categories);
  py::gil_scoped_release release;
  size_t at = 0;
  for (size_t t = 0; t < parts.size(); ++t) {
    for (int32_t code : parts[t].*list) out.Put(at++, code < 0 ? -1 : remaps[t][static_cast<size_t>(code)]);
  }
  return array;
}

// Part codes of the record issues (parts' rows in order) through each part's remap, as int32.
py::array IssueCodes(const std::vector<Part>& parts, std::vector<int32_t> Part::*list,
                     const std::vector<std::vector<int32_t>>& remaps) {
  std::vector<int32_t> all;
  for (size_t t = 0; t < parts.size(); ++t) {
    for (int32_t code : parts[t].*list) all.push_back(code < 0 ? -1 : remaps[t][static_cast<size_t>(code)]);
  }
  return ToArray(all, "i4");
}

template <typename T>
py::array Concat(const std::vector<Part>& parts, std::vector<T> Part::*list, const char* format) {
  std::vector<T> all;
  for (const Part& p : parts) all.insert(all.end(), (p.*list).begin(), (p.*list).end());
  return ToArray(all, format);
}

// Merges the categories `cats` of each part, in part order, into `into`
// (which starts empty); returns each part's remap (part code -> code).
std::vector<std::vector<int32_t>> MergeAll(std::vector<Part>& parts, Categories Part::*cats, Categories& into) {
  std::vector<std::vector<int32_t>> remaps;
  for (Part& p : parts) remaps.push_back(into.Merge(p.*cats));
  return remaps;
}

}  // namespace

py::dict FrameColumns(const Decisions& decisions, bool reasons, Language lang, unsigned threads,
                      const py::list& by_benefit, bool rows) {
  const DecisionBatch& batch = decisions.batch;
  const Detail detail = decisions.detail;
  const size_t n = batch.size();
  Layout l;
  {
    py::gil_scoped_release release;
    Lay(batch, detail, l);
  }
  const size_t persons = l.person_begin[n], outcomes = l.outcome_begin[n];
  const size_t benefit_count = decisions.rules.benefits().size();
  Out o;
  py::dict households, people, benefits;
  auto codes = [&](py::dict& to, const char* key, size_t count, size_t categories) {
    auto [array, out] = NewCodes(count, categories);
    to[key] = array;
    return out;
  };
  auto array = [&](py::dict& to, const char* key, const char* format, size_t count) {
    py::array a = NewArray(format, count);
    to[key] = a;
    return a.mutable_data();
  };
  o.hh_code = codes(households, "household", n, l.household_ids.size());
  o.hh_status = static_cast<int8_t*>(array(households, "status", "i1", n));
  o.hh_total = static_cast<int64_t*>(array(households, "total_monthly", "i8", n));
  o.hh_members = static_cast<int32_t*>(array(households, "member_count", "i4", n));
  o.hh_errors = static_cast<int32_t*>(array(households, "errors", "i4", n));
  o.hh_warnings = static_cast<int32_t*>(array(households, "warnings", "i4", n));
  o.hh_vars = MakeVarColumns(decisions.rules, Entity::kHousehold);
  for (VarColumn& v : o.hh_vars) v.Allocate(n);
  o.p_household = codes(people, "household", persons, l.household_ids.size());
  o.p_person = codes(people, "person", persons, l.person_ids.size());
  o.p_row = static_cast<int32_t*>(array(people, "row", "i4", persons));
  o.p_total = static_cast<int64_t*>(array(people, "total_monthly", "i8", persons));
  o.p_vars = MakeVarColumns(decisions.rules, Entity::kPerson);
  for (VarColumn& v : o.p_vars) v.Allocate(persons);
  o.b_household = codes(benefits, "household", outcomes, l.household_ids.size());
  if (rows) o.b_row = static_cast<int32_t*>(array(benefits, "row", "i4", outcomes));
  o.b_person = codes(benefits, "person", outcomes, l.person_ids.size());
  o.b_benefit = codes(benefits, "benefit", outcomes, benefit_count);
  for (const py::handle item : by_benefit) {  // (name, codes by benefit, number of categories)
    const auto t = item.cast<py::tuple>();
    auto table = t[1].cast<std::vector<int32_t>>();
    if (table.size() != benefit_count) throw std::invalid_argument("a by-benefit table must have one code per benefit");
    o.b_by_benefit.emplace_back(codes(benefits, t[0].cast<std::string>().c_str(), outcomes, t[2].cast<size_t>()),
                                std::move(table));
  }
  o.b_status = static_cast<int8_t*>(array(benefits, "status", "i1", outcomes));
  o.b_amount = static_cast<int64_t*>(array(benefits, "amount", "i8", outcomes));
  o.b_amount_missing = static_cast<bool*>(array(benefits, "amount_missing", "?", outcomes));
  o.b_superseded = codes(benefits, "superseded_by", outcomes, benefit_count);
  o.b_provisional = static_cast<bool*>(array(benefits, "provisional", "?", outcomes));

  // Contiguous ranges of households, one a thread, each with its own categories;
  // merged in order afterwards: the result does not depend on the thread count.
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<size_t>(threads, std::max<size_t>(1, n / 2048)));
  std::vector<Part> parts(threads);
  for (unsigned t = 0; t < threads; ++t) {
    parts[t].begin = n * t / threads;
    parts[t].end = n * (t + 1) / threads;
    parts[t].hh_var_cats.resize(o.hh_vars.size());
    parts[t].p_var_cats.resize(o.p_vars.size());
  }
  Categories issue_texts, missing, figures, reasons_vi, reasons_en, issue_codes, issue_fields, issue_messages;
  std::vector<Categories> hh_var_cats(o.hh_vars.size()), p_var_cats(o.p_vars.size());
  std::vector<std::vector<int32_t>> missing_remap, figure_remap, vi_remap, en_remap, code_remap, field_remap,
      message_remap;
  {
    py::gil_scoped_release release;
    if (threads <= 1) {
      Collect(batch, l, reasons, detail, lang, o, parts[0]);
    } else {
      std::vector<std::thread> pool;
      for (unsigned t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] { Collect(batch, l, reasons, detail, lang, o, parts[t]); });
      }
      for (std::thread& t : pool) t.join();
    }
    // The parts' codes of the columns written in place, through the merged categories.
    const auto issue_remap = MergeAll(parts, &Part::issue_texts, issue_texts);
    for (size_t t = 0; t < parts.size(); ++t) {
      const size_t begin = parts[t].begin, count = parts[t].end - begin;
      Remap(o.hh_errors + begin, count, issue_remap[t]);
      Remap(o.hh_warnings + begin, count, issue_remap[t]);
    }
    for (size_t v = 0; v < o.hh_vars.size(); ++v) {
      if (!o.hh_vars[v].coded()) continue;
      for (size_t t = 0; t < parts.size(); ++t) {
        const auto remap = hh_var_cats[v].Merge(parts[t].hh_var_cats[v]);
        Remap(o.hh_vars[v].codes() + parts[t].begin, parts[t].end - parts[t].begin, remap);
      }
    }
    for (size_t v = 0; v < o.p_vars.size(); ++v) {
      if (!o.p_vars[v].coded()) continue;
      for (size_t t = 0; t < parts.size(); ++t) {
        const auto remap = p_var_cats[v].Merge(parts[t].p_var_cats[v]);
        const size_t begin = l.person_begin[parts[t].begin];
        Remap(o.p_vars[v].codes() + begin, l.person_begin[parts[t].end] - begin, remap);
      }
    }
    missing_remap = MergeAll(parts, &Part::missing, missing);
    figure_remap = MergeAll(parts, &Part::figures, figures);
    if (reasons) {
      vi_remap = MergeAll(parts, &Part::reasons_vi, reasons_vi);
      en_remap = MergeAll(parts, &Part::reasons_en, reasons_en);
    }
    code_remap = MergeAll(parts, &Part::issue_codes, issue_codes);
    field_remap = MergeAll(parts, &Part::issue_fields, issue_fields);
    message_remap = MergeAll(parts, &Part::issue_messages, issue_messages);
  }
  py::list hh_vars, p_vars;
  for (size_t v = 0; v < o.hh_vars.size(); ++v) hh_vars.append(o.hh_vars[v].Take(hh_var_cats[v]));
  for (size_t v = 0; v < o.p_vars.size(); ++v) p_vars.append(o.p_vars[v].Take(p_var_cats[v]));
  households["variables"] = hh_vars;
  people["variables"] = p_vars;
  benefits["missing"] = SparseCodes(outcomes, missing.size(), parts, &Part::missing_rows, missing_remap);
  benefits["missing_figures"] = SparseCodes(outcomes, figures.size(), parts, &Part::figure_rows, figure_remap);
  if (reasons) {
    benefits["reason_vi"] = DenseCodes(outcomes, reasons_vi.size(), parts, &Part::reason_vi, vi_remap);
    benefits["reason_en"] = DenseCodes(outcomes, reasons_en.size(), parts, &Part::reason_en, en_remap);
  }
  py::dict issues;
  issues["household"] = Concat(parts, &Part::e_household, "i4");
  issues["row"] = Concat(parts, &Part::e_row, "i4");
  issues["person"] = Concat(parts, &Part::e_person, "i4");
  issues["severity"] = Concat(parts, &Part::e_severity, "i1");
  issues["code"] = IssueCodes(parts, &Part::e_code, code_remap);
  issues["field"] = IssueCodes(parts, &Part::e_field, field_remap);
  issues["message"] = IssueCodes(parts, &Part::e_message, message_remap);
  py::dict out;
  out["households"] = households;
  out["persons"] = people;
  out["benefits"] = benefits;
  out["issues"] = issues;
  out["figure_values"] = figures.ToList();
  out["issue_code_values"] = issue_codes.ToList();
  out["issue_field_values"] = issue_fields.ToList();
  out["issue_message_values"] = issue_messages.ToList();
  out["household_ids"] = l.household_ids.ToList();
  out["person_ids"] = l.person_ids.ToList();
  out["issue_texts"] = issue_texts.ToList();
  out["missing_values"] = missing.ToList();
  out["reason_vi_values"] = reasons_vi.ToList();
  out["reason_en_values"] = reasons_en.ToList();
  return out;
}

}  // namespace ansinh::python

// tests: test cases written by policy staff (a household, a date, expectations).
#include <cctype>
#include <set>

#include "yaml/sections.hpp"
#include "yaml/yaml_values.hpp"

namespace ansinh::yaml {

namespace {

const std::vector<std::string>& StatusWords() {
  static const std::vector<std::string> kWords = {"eligible", "not_eligible", "undetermined", "superseded",
                                                  "not_in_force"};
  return kWords;
}

// The record fields of a household or member map (everything but id/members).
void ReadFields(Reader& reader, const std::vector<MapEntry>& entries, std::string_view what,
                const std::string& person, std::vector<std::pair<std::string, InputValue>>& fields,
                std::vector<model::TestField>& where) {
  for (const MapEntry& e : entries) {
    if (e.key == "id" || e.key == "members") continue;
    model::TestField at{person, e.key, e.key_ref.loc, e.key_ref.length, {}, e.value.loc, e.value.length};
    if (e.value.node.IsScalar() && e.value.node.Tag() == "?") at.plain_text = e.value.node.Scalar();
    where.push_back(std::move(at));
    ValueResult v = ToInputValue(e.value.node);
    if (!v.ok) {
      reader.Error(DiagnosticCode::kTestInvalid, e.value,
                   {std::string(what) + " field '" + e.key + "': " + v.error,
                    std::string(what == "household" ? "trường '" : "trường của thành viên '") + e.key + "': " +
                        v.error_vi});
      continue;
    }
    fields.emplace_back(e.key, std::move(v.value));
  }
}

std::optional<std::string> RecordId(Reader& reader, const std::vector<MapEntry>& entries, const NodeRef& map,
                                    std::string_view what) {
  const MapEntry* id = reader.Require(entries, map, "id", what, "id: <record id>");
  return id ? reader.Text(id->value, "'id'") : std::nullopt;
}

void ReadHousehold(Reader& reader, const NodeRef& ref, Household& out, std::vector<model::TestField>& where) {
  std::optional<std::vector<MapEntry>> entries = reader.Map(ref, "'household'");
  if (!entries) return;
  out.id = RecordId(reader, *entries, ref, "the test household").value_or("");
  ReadFields(reader, *entries, "household", {}, out.fields, where);
  const MapEntry* members = Reader::Find(*entries, "members");
  if (members == nullptr || members->value.node.IsNull()) return;
  std::set<std::string> ids;
  for (const NodeRef& m : reader.List(members->value, "'members'").value_or(std::vector<NodeRef>{})) {
    std::optional<std::vector<MapEntry>> fields = reader.Map(m, "a member ({id: P1, field: value, ...})");
    if (!fields) continue;
    Person person;
    person.id = RecordId(reader, *fields, m, "the member").value_or("");
    if (!person.id.empty() && !ids.insert(person.id).second) {
      reader.Error(DiagnosticCode::kTestInvalid, m,
                   {"two members have the id '" + person.id + "'; give each its own id",
                    "hai thành viên cùng mã '" + person.id + "'; cho mỗi người một mã riêng"});
      continue;
    }
    ReadFields(reader, *fields, "member", person.id, person.fields, where);
    out.members.push_back(std::move(person));
  }
}

// `benefit: 540000` (eligible with this amount) or `benefit: not_eligible`.
bool ReadScalarExpectation(Reader& reader, const MapEntry& e, model::ExpectedBenefit& eb) {
  const std::string& s = e.value.node.Scalar();
  if (e.value.node.Tag() == "?" && !s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-')) {
    eb.amount = reader.Money(e.value, "the expected amount");
    eb.status = "eligible";
    return eb.amount.has_value();
  }
  eb.status = reader.ChoiceWord(e.value, "the expected status of '" + e.key + "'", StatusWords());
  return eb.status.has_value();
}

// `benefit: {status, amount, missing, superseded_by, superseded_by_member, provisional}`.
void ReadMapExpectation(Reader& reader, const MapEntry& e, model::ExpectedBenefit& eb) {
  const std::vector<MapEntry> entries = reader.source().Entries(e.value.node, reader.sink());
  reader.CheckKeys(entries, {"status", "amount", "missing", "superseded_by", "superseded_by_member", "provisional"},
                   "the expectation of '" + e.key + "'");
  for (const MapEntry& k : entries) {
    if (k.key == "status") {
      eb.status = reader.ChoiceWord(k.value, "'status'", StatusWords());
    } else if (k.key == "amount") {
      eb.amount_null = k.value.node.IsNull();
      if (!eb.amount_null) eb.amount = reader.Money(k.value, "'amount'");
    } else if (k.key == "missing") {
      std::vector<std::string> paths;
      for (const NodeRef& p : reader.List(k.value, "'missing'").value_or(std::vector<NodeRef>{})) {
        if (auto text = reader.Text(p, "a missing field path")) paths.push_back(*text);
      }
      eb.missing = std::move(paths);
    } else if (k.key == "superseded_by") {
      eb.superseded_by = reader.Identifier(k.value, "benefit id");
    } else if (k.key == "superseded_by_member") {
      eb.superseded_by_member = reader.Text(k.value, "member id");
    } else if (k.key == "provisional") {
      eb.provisional = reader.Bool(k.value, "'provisional'");
    }
  }
}

void ReadBenefitExpectation(Reader& reader, const MapEntry& e, const std::string& person, model::TestCase& t) {
  model::ExpectedBenefit eb;
  eb.person = person;
  eb.benefit = e.key;
  eb.loc = e.key_ref.loc;
  if (e.value.node.IsScalar()) {
    if (!ReadScalarExpectation(reader, e, eb)) return;
  } else if (e.value.node.IsMap()) {
    ReadMapExpectation(reader, e, eb);
  } else {
    reader.Error(DiagnosticCode::kTestInvalid, e.value,
                 {"the expectation of '" + e.key + "' must be a status (" + StatusWords()[0] +
                      ", not_eligible, ...), an amount, or a map {status, amount, missing, superseded_by, provisional}",
                  "kết quả mong đợi của '" + e.key + "' phải là một trạng thái (" + StatusWords()[0] +
                      ", not_eligible, ...), một số tiền, hoặc một ánh xạ {status, amount, missing, superseded_by, "
                      "provisional}"});
    return;
  }
  t.benefits.push_back(std::move(eb));
}

void ReadExpectations(Reader& reader, const std::vector<MapEntry>& entries, const std::string& person,
                      model::TestCase& t) {
  for (const MapEntry& e : entries) {
    if (e.key == "benefits") {
      for (const MapEntry& b : reader.Map(e.value, "'benefits' (benefit: expectation)").value_or(std::vector<MapEntry>{})) {
        ReadBenefitExpectation(reader, b, person, t);
      }
    } else if (e.key == "variables") {
      for (const MapEntry& v : reader.Map(e.value, "'variables' (variable: value)").value_or(std::vector<MapEntry>{})) {
        ValueResult value = ToInputValue(v.value.node);
        if (!value.ok) {
          reader.Error(DiagnosticCode::kTestInvalid, v.value,
                       {"expected value of '" + v.key + "': " + value.error,
                        "giá trị mong đợi của '" + v.key + "': " + value.error_vi});
          continue;
        }
        t.variables.push_back(model::ExpectedVariable{person, v.key, std::move(value.value), v.key_ref.loc});
      }
    }
  }
}

void ReadExpect(Reader& reader, const NodeRef& ref, model::TestCase& t) {
  std::optional<std::vector<MapEntry>> entries = reader.Map(ref, "'expect'");
  if (!entries) return;
  reader.CheckKeys(*entries, {"status", "benefits", "variables", "members", "total_monthly", "errors", "warnings"},
                   "'expect'");
  ReadExpectations(reader, *entries, "", t);
  for (const MapEntry& e : *entries) {
    if (e.key == "status") {
      t.status = reader.ChoiceWord(e.value, "'status'", {"ok", "error"});
    } else if (e.key == "total_monthly") {
      t.total_monthly = reader.Money(e.value, "'total_monthly'");
    } else if (e.key == "errors" || e.key == "warnings") {
      std::vector<std::string>& codes = e.key == "errors" ? t.errors : t.warnings;
      for (const NodeRef& c : reader.List(e.value, "'" + e.key + "'").value_or(std::vector<NodeRef>{})) {
        if (auto code = reader.Text(c, "a record issue code")) codes.push_back(*code);
      }
    } else if (e.key == "members") {
      for (const MapEntry& m : reader.Map(e.value, "'members' (member id: expectations)").value_or(std::vector<MapEntry>{})) {
        std::optional<std::vector<MapEntry>> inner = reader.Map(m.value, "the expectations of member '" + m.key + "'");
        if (!inner) continue;
        reader.CheckKeys(*inner, {"benefits", "variables"}, "the expectations of member '" + m.key + "'");
        ReadExpectations(reader, *inner, m.key, t);
      }
    }
  }
}

// `as_of: YYYY-MM-DD` or `period: YYYY-MM`.
void ReadDate(Reader& reader, const std::vector<MapEntry>& entries, const NodeRef& item, const std::string& what,
              model::TestCase& t) {
  const MapEntry* as_of = Reader::Find(entries, "as_of");
  const MapEntry* period = Reader::Find(entries, "period");
  if (as_of != nullptr && period != nullptr) {
    reader.Error(DiagnosticCode::kTestInvalid, period->key_ref,
                 {what + " gives both 'as_of' and 'period'; keep one", WhatVi(what) + " ghi cả 'as_of' và 'period'; giữ một"});
  } else if (as_of != nullptr) {
    t.as_of = reader.DateValue(as_of->value, "'as_of'").value_or(Date());
    t.period = YearMonth(t.as_of.year(), t.as_of.month());
  } else if (period != nullptr) {
    std::optional<std::string> text = reader.Text(period->value, "'period'");
    std::optional<YearMonth> month = text ? YearMonth::Parse(*text) : std::nullopt;
    if (text && !month) {
      reader.Error(DiagnosticCode::kBadDate, period->value,
                   {"'" + *text + "' is not a month: write YYYY-MM, e.g. 2024-07",
                    "'" + *text + "' không phải một tháng: viết YYYY-MM, ví dụ 2024-07"});
    }
    t.is_period = true;
    if (month) {
      t.period = *month;
      t.as_of = month->first_day();
    }
  } else {
    reader.Error(DiagnosticCode::kMissingKey, item,
                 {what + " has no date; add `as_of: YYYY-MM-DD` or `period: YYYY-MM`",
                  WhatVi(what) + " không có ngày; thêm `as_of: YYYY-MM-DD` hoặc `period: YYYY-MM`"});
  }
}

void ReadTest(Reader& reader, const NodeRef& item, PackageItems& items) {
  std::optional<std::vector<MapEntry>> entries = reader.Map(item, "a test");
  if (!entries) return;
  reader.CheckKeys(*entries, {"name", "reference", "as_of", "period", "household", "expect"}, "a test");
  model::TestCase t;
  t.loc = item.loc;
  std::optional<std::string> name;
  if (const MapEntry* n = reader.Require(*entries, item, "name", "a test", "name: <what the test shows>")) {
    name = reader.Text(n->value, "'name'");
    t.loc = n->value.loc;
  }
  const std::string what = name ? "test '" + *name + "'" : "the test";
  if (const MapEntry* r = Reader::Find(*entries, "reference")) t.reference = reader.Text(r->value, "'reference'").value_or("");
  ReadDate(reader, *entries, item, what, t);
  if (const MapEntry* h = reader.Require(*entries, item, "household", what, "household: {id: H1, ...}")) {
    ReadHousehold(reader, h->value, t.household, t.fields);
  }
  if (const MapEntry* x = reader.Require(*entries, item, "expect", what, "expect: {benefits: {...}}")) {
    ReadExpect(reader, x->value, t);
  }
  if (!name) return;
  t.name = *name;
  items.tests.push_back(std::move(t));
}

}  // namespace

void ReadTests(Reader& reader, const NodeRef& section, PackageItems& items) {
  std::optional<std::vector<NodeRef>> list = reader.List(section, "'tests'");
  for (const NodeRef& item : list.value_or(std::vector<NodeRef>{})) ReadTest(reader, item, items);
}

}  // namespace ansinh::yaml

// Reasons in the JSON form of a decision. The compact writer puts them straight into the
// output (the rule set's words checked once at load) and remembers a not-eligible outcome's
// two sentences per rule set, condition and values compared; whatever the path, the "reason"
// member holds DecisionView::reason's words, escaped as any JSON string.
#include <string>

#include <catch2/catch.hpp>

#include "eval/package_fixture.hpp"

using namespace ansinh;
using ansinh::testing::TempPackage;

namespace {

// An independent escape for the texts below (valid UTF-8): '"', '\\' and control characters.
std::string Escaped(const std::string& s) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') out += {'\\', ch};
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c == 0x7F) out += std::string("\\u00") + kHex[c >> 4] + kHex[c & 15];
    else out += ch;
  }
  return out;
}

// Every outcome of `d` (household and members) has its two reasons, in that order and escaped,
// in the compact and the pretty JSON. Returns how many outcomes were checked.
size_t CheckReasons(const DecisionView& d) {
  JsonOptions pretty;
  pretty.pretty = true;
  const std::string compact = ToJson(d), indented = ToJson(d, pretty);
  size_t checked = 0;
  auto check = [&](OutcomeRange outcomes) {
    for (const BenefitOutcome o : outcomes) {
      const std::string vi = Escaped(d.reason(o, Language::kVi)), en = Escaped(d.reason(o, Language::kEn));
      INFO(d.household_id() << " " << d.rules().benefits()[o.benefit].id << ": " << vi << " / " << en);
      CHECK(compact.find(R"("reason":{"vi":")" + vi + R"(","en":")" + en + R"("})") != std::string::npos);
      CHECK(indented.find("\"vi\": \"" + vi + "\",") != std::string::npos);
      CHECK(indented.find("\"en\": \"" + en + "\"") != std::string::npos);
      ++checked;
    }
  };
  check(d.benefits());
  for (size_t m = 0; m < d.member_count(); ++m) check(d.member_benefits(m));
  return checked;
}

// `label` is the condition's label, `area_label` the label of the household's area field.
std::string Rules(const std::string& label, const std::string& area_label) {
  return R"Y(
schema:
  household:
    area:
      type: enum
      values: {rural: {vi: Nông thôn, en: Rural}, urban: {vi: Thành thị, en: Urban}}
      label: {vi: ")Y" + area_label + R"Y(", en: Area}
  person:
    children: {type: int, label: {vi: Số con, en: Children}}
    nickname: {type: string, label: {vi: Tên gọi, en: Nickname}}
benefits:
  - id: children
    applies_to: person
    effective: {from: 2021-01-01}
    when:
      - name: two
        label: {vi: ")Y" + label + R"Y(", en: Two children or more}
        test: children >= 2
    amount: 100
  - id: urban
    applies_to: person
    effective: {from: 2021-01-01}
    when:
      - name: urban_only
        label: {vi: Ở thành thị, en: Urban}
        test: household.area == "urban"
    amount: 100
  - id: named
    applies_to: person
    effective: {from: 2021-01-01}
    when:
      - name: an
        label: {vi: Tên là An, en: Called An}
        test: nickname == "An"
    amount: 100
)Y";
}

Decision OnePerson(const RuleSet& rules, int i, const std::string& nickname) {
  Household h("H" + std::to_string(i));
  h.Set("area", i % 3 == 0 ? "urban" : "rural");
  Person& p = h.AddMember("P" + std::to_string(i));
  p.Set("children", int64_t{i % 7});
  p.Set("nickname", nickname);
  return Evaluate(rules, h, When::AsOf(*Date::Parse("2024-07-01")));
}

}  // namespace

TEST_CASE("JSON reasons: the words of DecisionView::reason, repeated values and all", "[reasons][json]") {
  TempPackage pkg({{"rules.yaml", Rules("Có từ 2 con", "Khu vực")}});
  const RuleSet rules = pkg.Rules();
  size_t checked = 0;
  // The same few sentences again and again (remembered), and a record's text that needs escaping.
  for (int i = 0; i < 60; ++i) {
    const Decision d = OnePerson(rules, i, i % 2 ? "Bé \"Tí\" \\ 2" : "An");
    REQUIRE(d.ok());
    checked += CheckReasons(d);
  }
  CHECK(checked == 180);
  const Decision d = OnePerson(rules, 1, "Bé \"Tí\"");
  CHECK(ToJson(d).find(R"(Bé \"Tí\")") != std::string::npos);
}

TEST_CASE("JSON reasons: rule words that need escaping", "[reasons][json]") {
  TempPackage pkg({{"rules.yaml", Rules(R"(Có \"hai\" con \\ trở lên)", R"(Khu \"vực\")")}});
  const RuleSet rules = pkg.Rules();
  for (int i = 0; i < 12; ++i) {
    const Decision d = OnePerson(rules, i, "An");
    REQUIRE(d.ok());
    CheckReasons(d);
  }
  const Decision d = OnePerson(rules, 1, "An");
  CHECK(ToJson(d).find(R"(Không đủ điều kiện: Có \"hai\" con \\ trở lên (Số con 1 < 2))") != std::string::npos);
}

TEST_CASE("JSON reasons: two rule sets alike but for their words do not share sentences", "[reasons][json]") {
  // The same conditions, registers and values: only the labels differ. What one rule set's
  // outcomes said is never written for the other's (nor for a rule set loaded after it is gone).
  for (int round = 0; round < 2; ++round) {
    TempPackage a({{"rules.yaml", Rules("Có từ 2 con", "Khu vực")}});
    TempPackage b({{"rules.yaml", Rules("Hai con trở lên", "Vùng")}});
    const RuleSet first = a.Rules();
    const std::string from_first = ToJson(OnePerson(first, 1, "An"));
    CHECK(from_first.find("Không đủ điều kiện: Có từ 2 con (Số con 1 < 2)") != std::string::npos);
    {
      const RuleSet second = b.Rules();
      const std::string from_second = ToJson(OnePerson(second, 1, "An"));
      CHECK(from_second.find("Không đủ điều kiện: Hai con trở lên (Số con 1 < 2)") != std::string::npos);
      CHECK(from_second.find("Vùng Nông thôn") != std::string::npos);
      CHECK(from_second.find("Có từ 2 con") == std::string::npos);
    }
    CHECK(ToJson(OnePerson(first, 1, "An")) == from_first);
  }
}

// The "what a district programmer would write in an afternoon" reference of issue 14:
// read the vn-core JSON Lines population with nlohmann::json, apply the six vn-core rules
// (bench/baseline/vn_core.hpp states them), write one JSON line per household. Plain,
// honest code: one json::parse per line, one json object built per household, dump() to a
// buffered stream. No simdjson, no typed columns, no hand-rolled formatting.
//
// Its lines carry the decision format's field names for what they hold (household_id,
// status, variables.poverty_status, members[].person_id/benefits[]/total_monthly,
// total_monthly), listing only the paid benefits, so that bench/ansinh/decision_digest.py
// reads it like `ansinh eval --format jsonl` and bench/run.sh checks it against the
// reference digest.
//
//   vn_core_handwritten --data F.jsonl [--as-of 2026-01-01] [--output OUT]
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

namespace {

using nlohmann::json;

struct Date {
  int year = 0, month = 0, day = 0;
};

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

Date ParseDate(const std::string& s) {
  Date d;
  if (std::sscanf(s.c_str(), "%d-%d-%d", &d.year, &d.month, &d.day) != 3 || d.month < 1 || d.month > 12 ||
      d.day < 1 || d.day > DaysInMonth(d.year, d.month)) {
    throw std::runtime_error("bad date: " + s);
  }
  return d;
}

// Completed months from birth to as_of (Civil Code 2015 Art. 147: a period ending on a day
// its month lacks ends on that month's last day). Births after as_of count as 0.
int CompletedMonths(const Date& birth, const Date& as_of) {
  int months = (as_of.year - birth.year) * 12 + (as_of.month - birth.month);
  int day = birth.day;
  if (day > DaysInMonth(as_of.year, as_of.month)) day = DaysInMonth(as_of.year, as_of.month);
  if (day > as_of.day) months--;
  return months;
}

const long long kBase = 500000;

}  // namespace

int main(int argc, char** argv) {
  std::string data, output, as_of_text = "2026-01-01";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i];
    if (arg == "--data") data = argv[i + 1];
    else if (arg == "--as-of") as_of_text = argv[i + 1];
    else if (arg == "--output") output = argv[i + 1];
    else {
      std::cerr << "usage: vn_core_handwritten --data F.jsonl [--as-of D] [--output OUT]\n";
      return 2;
    }
  }
  if (data.empty()) {
    std::cerr << "usage: vn_core_handwritten --data F.jsonl [--as-of D] [--output OUT]\n";
    return 2;
  }
  std::ios::sync_with_stdio(false);
  std::ifstream in(data);
  if (!in) {
    std::cerr << "cannot open " << data << "\n";
    return 1;
  }
  std::ofstream file;
  if (!output.empty()) {
    file.open(output, std::ios::binary);
    if (!file) {
      std::cerr << "cannot write " << output << "\n";
      return 1;
    }
  }
  std::ostream& out = output.empty() ? std::cout : file;
  const Date as_of = ParseDate(as_of_text);

  std::string line;
  long line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty()) continue;
    json result;
    try {
      const json household = json::parse(line);
      const std::string area = household.at("area").get<std::string>();
      const long long income = household.at("income_per_capita").get<long long>();
      const int deprivations = household.at("deprivation_count").get<int>();
      const long long poverty_line = area == "urban" ? 2000000 : 1500000;
      std::string poverty_status = "none";
      if (income <= poverty_line) poverty_status = deprivations >= 3 ? "poor" : "near_poor";
      const bool poor_or_near_poor = poverty_status != "none";

      result["household_id"] = household.at("id").get<std::string>();
      result["status"] = "ok";
      result["variables"]["poverty_status"] = poverty_status;
      long long household_total = 0;
      json members = json::array();
      for (const json& person : household.at("members")) {
        const int months = CompletedMonths(ParseDate(person.at("birth_date").get<std::string>()), as_of);
        const int years = months / 12;
        const bool pregnant = person.at("pregnant").get<bool>();
        const bool has_pension = person.at("has_pension").get<bool>();
        const std::string disability = person.at("disability").get<std::string>();
        const std::string merit = person.at("merit").get<std::string>();

        json benefits = json::array();
        long long total = 0;
        auto pay = [&](const char* benefit, long long amount) {
          benefits.push_back({{"benefit", benefit}, {"status", "eligible"}, {"amount", amount}});
          total += amount;
        };
        // R2, R3: children under 36 months and pregnant women of poor and near-poor households.
        if (poor_or_near_poor && months < 36) pay("child_under_36_months", kBase * 15 / 10);
        if (poor_or_near_poor && pregnant) pay("pregnant_woman", kBase);
        // R5: disability.
        if (disability == "particularly_severe") pay("disability_particularly_severe", kBase * 2);
        else if (disability == "severe") pay("disability_severe", kBase * 15 / 10);
        // R4: the elderly allowances do not stack; the higher one wins.
        const bool elderly_poor_60 = years >= 60 && poverty_status == "poor" && !has_pension;
        const bool elderly_80 = years >= 80 && !has_pension;
        if (elderly_poor_60) pay("elderly_poor_60", kBase * 15 / 10);
        else if (elderly_80) pay("elderly_80", kBase);
        // R6: persons with meritorious service get the flag (amount 0 here).
        if (merit != "none") pay("meritorious", 0);

        members.push_back({{"person_id", person.at("id").get<std::string>()},
                           {"benefits", benefits},
                           {"total_monthly", total}});
        household_total += total;
      }
      result["members"] = members;
      result["total_monthly"] = household_total;
    } catch (const std::exception& e) {
      result = json{{"line", line_number}, {"status", "error"}, {"error", e.what()}};
    }
    out << result.dump() << '\n';
  }
  out.flush();
  if (!out) {
    std::cerr << "write failed\n";
    return 1;
  }
  return 0;
}

// Numbers, money, shares and dates as the reports write them.
#include <cctype>

#include "report/format.hpp"

namespace ansinh::report {

namespace {
char Sep(Language lang) { return lang == Language::kVi ? '.' : ','; }
const char* kMinus = "\xE2\x88\x92";  // U+2212, as in printed tables
}  // namespace

std::string Count(uint64_t n, Language lang) { return FormatGrouped(static_cast<int64_t>(n), Sep(lang)); }

std::string Money(int64_t vnd, Language lang) {
  return FormatGrouped(vnd, Sep(lang)) + (lang == Language::kVi ? " đ" : " VND");
}

std::string SignedMoney(int64_t vnd, Language lang) {
  if (vnd == 0) return Money(0, lang);
  const std::string body = Money(vnd < 0 ? -vnd : vnd, lang);
  return (vnd < 0 ? kMinus : "+") + body;
}

int64_t BasisPoints(Decimal share) {
  const int64_t raw = share.millionths();  // millionths; 1 basis point = 100 millionths
  return raw >= 0 ? (raw + 50) / 100 : -((-raw + 50) / 100);
}

std::string Percent(Decimal share, Language lang) {
  const int64_t bp = BasisPoints(share);
  const int64_t whole = (bp < 0 ? -bp : bp) / 100;
  const int64_t frac = (bp < 0 ? -bp : bp) % 100;
  std::string out = bp < 0 ? kMinus : "";
  out += std::to_string(whole) + (lang == Language::kVi ? "," : ".") + (frac < 10 ? "0" : "") + std::to_string(frac);
  return out + "%";
}

std::string Percent(const std::optional<Decimal>& share, Language lang) {
  return share ? Percent(*share, lang) : "\xE2\x80\x94";  // em dash
}

std::string TargetText(const IndicatorInfo& info, Language lang, bool with_date) {
  std::string out;
  const std::string op = info.target_op == "<=" ? "\xE2\x89\xA4 "   // ≤
                         : info.target_op == "<" ? "< "
                         : info.target_op == ">" ? "> "
                                                 : "\xE2\x89\xA5 ";  // ≥
  if (info.target_share) {
    // Targets are whole or half percents in practice; show up to two decimals without trailing zeros.
    std::string p = Percent(*info.target_share, lang);
    const std::string zeros = lang == Language::kVi ? ",00%" : ".00%";
    if (p.size() > zeros.size() && p.compare(p.size() - zeros.size(), zeros.size(), zeros) == 0) {
      p = p.substr(0, p.size() - zeros.size()) + "%";
    }
    out = op + p;
  } else if (info.target_count) {
    out = op + FormatGrouped(*info.target_count, Sep(lang));
  } else {
    return "\xE2\x80\x94";
  }
  if (info.target_by && with_date) out += " (" + std::string(W("by", lang)) + " " + DateText(*info.target_by, lang) + ")";
  return out;
}

std::string MetText(const std::optional<bool>& met, Language lang) {
  if (!met) return "\xE2\x80\x94";
  return std::string(W(*met ? "met" : "not_met", lang));
}

std::string UnitText(BenefitUnit unit, Frequency frequency, Language lang) {
  if (unit == BenefitUnit::kPercent) return std::string(W("unit_percent", lang));
  return std::string(W(frequency == Frequency::kMonthly ? "unit_monthly" : "unit_once", lang));
}

std::string ChangeText(ChangeKind kind, Language lang) { return std::string(W(std::string("change_") + ToString(kind), lang)); }

std::string StatusText(const std::optional<BenefitStatus>& status, Language lang) {
  if (!status) return std::string(W("status_absent", lang));
  return std::string(W(std::string("status_") + ToString(*status), lang));
}

std::string OneLine(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string Section(const std::string& out) {
  size_t n = 1;
  for (size_t at = out.find("\n\n"); at != std::string::npos; at = out.find("\n\n", at + 2)) ++n;
  return "\n" + std::to_string(n) + ". ";
}

}  // namespace ansinh::report

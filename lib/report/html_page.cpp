// HtmlPage and escaping: one self-contained page with inline CSS.
#include "records/value_text.hpp"
#include "report/html.hpp"

namespace ansinh::report {

std::string Escape(std::string_view text) {
  std::string clean;
  internal::AppendSanitizedUtf8(text, &clean);
  std::string out;
  out.reserve(clean.size());
  for (char c : clean) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        // Control characters other than tab and newline are not allowed in HTML text.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

namespace {
const char* kStyle = R"css(
body{font-family:"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1d2733;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:2px solid #d0d7e2;padding-bottom:.2rem}
h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
dl.facts{display:grid;grid-template-columns:max-content auto;gap:.2rem 1.2rem}dl.facts dt{font-weight:600}dl.facts dd{margin:0}
table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}th,td{border:1px solid #d0d7e2;padding:.25rem .5rem;vertical-align:top}
th{background:#eef2f7;text-align:left}td:first-child{min-width:11rem}td.num{text-align:right;white-space:nowrap}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto}figcaption{font-weight:600;margin-bottom:.3rem}
svg text{font-size:12px;fill:#1d2733}svg .bar{fill:#2f6db5}svg .bar-up{fill:#2e8b57}svg .bar-down{fill:#c0392b}
svg .bar-target-met{fill:#2e8b57}svg .bar-target-missed{fill:#d9822b}svg .track{fill:#eef2f7}svg .target{stroke:#1d2733;stroke-width:2}
svg .bar-unknown{fill:#b8c2cf}
svg .axis{stroke:#8a96a8;stroke-width:1}div.scroll{overflow-x:auto;max-width:100%}p,li,dd,summary,figcaption,h1,h2,h3{overflow-wrap:anywhere}code{font-size:.85em;overflow-wrap:anywhere}
@media (max-width:600px){body{margin:1rem auto}dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.3rem}}p.note{color:#4c5b6e;font-size:.9rem}details{margin:.3rem 0}summary{cursor:pointer}
.warn{color:#a84300}
)css";
}  // namespace

HtmlPage::HtmlPage(std::string_view title, Language lang) {
  out_ = "<!DOCTYPE html>\n<html lang=\"";
  out_ += lang == Language::kVi ? "vi" : "en";
  out_ += "\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
  out_ += "<title>" + Escape(title) + "</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
  out_ += "<h1>" + Escape(title) + "</h1>\n";
}

void HtmlPage::Heading(std::string_view text, int level) {
  const std::string tag = "h" + std::to_string(level);
  out_ += "<" + tag + ">" + Escape(text) + "</" + tag + ">\n";
}

void HtmlPage::Paragraph(std::string_view text, std::string_view css) {
  out_ += css.empty() ? "<p>" : "<p class=\"" + Escape(css) + "\">";
  out_ += Escape(text) + "</p>\n";
}

void HtmlPage::Facts(const std::vector<std::pair<std::string, std::string>>& facts) {
  out_ += "<dl class=\"facts\">\n";
  for (const auto& [k, v] : facts) out_ += "<dt>" + Escape(k) + "</dt><dd>" + Escape(v) + "</dd>\n";
  out_ += "</dl>\n";
}

void HtmlPage::Table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                     const std::vector<bool>& numeric) {
  out_ += "<div class=\"scroll\"><table>\n<thead><tr>";
  for (const std::string& h : header) out_ += "<th>" + Escape(h) + "</th>";
  out_ += "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows) {
    out_ += "<tr>";
    for (size_t c = 0; c < row.size(); ++c) {
      const bool num = c < numeric.size() && numeric[c];
      out_ += num ? "<td class=\"num\">" : "<td>";
      out_ += Escape(row[c]) + "</td>";
    }
    out_ += "</tr>\n";
  }
  out_ += "</tbody>\n</table></div>\n";
}

void HtmlPage::Details(std::string_view summary, const std::vector<std::string>& items) {
  out_ += "<details><summary>" + Escape(summary) + "</summary>\n<ul>\n";
  for (const std::string& item : items) out_ += "<li>" + Escape(item) + "</li>\n";
  out_ += "</ul>\n</details>\n";
}

void HtmlPage::DetailsHtml(std::string_view summary, const std::vector<std::string>& items, bool open) {
  out_ += open ? "<details open><summary>" : "<details><summary>";
  out_ += Escape(summary) + "</summary>\n<ul>\n";
  for (const std::string& item : items) out_ += "<li>" + item + "</li>\n";
  out_ += "</ul>\n</details>\n";
}

std::string HtmlPage::Finish() {
  out_ += "</body>\n</html>\n";
  return std::move(out_);
}

}  // namespace ansinh::report

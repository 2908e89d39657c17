// Internal: HTML pieces for the self-contained report pages (escaped text,
// tables, inline SVG bar charts). No scripts, no external assets.
#ifndef ANSINH_LIB_REPORT_HTML_HPP_
#define ANSINH_LIB_REPORT_HTML_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ansinh/value.hpp"

namespace ansinh::report {

// `text` with & < > " ' escaped (and invalid UTF-8 replaced), safe in text and attributes.
std::string Escape(std::string_view text);

// One bar of a chart. `value` sets the length (may be negative in diverging charts).
struct Bar {
  std::string label;      // shown left of the bar, wrapped onto as many lines as it needs, and as a tooltip
  int64_t value = 0;
  std::string value_text; // shown right of the bar
  std::string kind;       // CSS class suffix: "", "up", "down", "target-met", "target-missed"
};

// Horizontal bars, longest = full width; bars of value <= 0 are empty.
std::string BarChart(std::string_view id, std::string_view title, const std::vector<Bar>& bars,
                     std::string_view empty_text);

// Horizontal bars centred on zero (gains right, losses left).
std::string DivergingChart(std::string_view id, std::string_view title, const std::vector<Bar>& bars,
                           std::string_view empty_text);

// One indicator on a 0–100% scale: its share, the undetermined share after
// it (hatched), and the target marker.
struct CoverageBar {
  std::string label;
  std::optional<int64_t> share_bp;   // basis points 0..10000
  std::optional<int64_t> unknown_bp; // basis points of the population whose numerator (or membership) is unknown
  std::optional<int64_t> target_bp;  // basis points; none for count targets or no target
  std::optional<bool> met;
  std::string value_text;
};
std::string CoverageChart(std::string_view id, std::string_view title, const std::vector<CoverageBar>& bars,
                          std::string_view empty_text);

// Builds one page.
class HtmlPage {
 public:
  HtmlPage(std::string_view title, Language lang);
  void Heading(std::string_view text, int level = 2);
  void Paragraph(std::string_view text, std::string_view css = "");
  void Raw(std::string_view html) { out_ += html; }
  // A definition list of (label, value) pairs.
  void Facts(const std::vector<std::pair<std::string, std::string>>& facts);
  // A table; `numeric` marks right-aligned columns. Cells are text (escaped).
  void Table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
             const std::vector<bool>& numeric = {});
  // A collapsible list of items (escaped), with `summary` as its title.
  void Details(std::string_view summary, const std::vector<std::string>& items);
  // The same with items that are HTML already (each piece escaped by the caller).
  void DetailsHtml(std::string_view summary, const std::vector<std::string>& items, bool open = false);
  // Everything added after Begin until End goes inside <details> (folded, unless `open`).
  void BeginDetails(std::string_view summary, bool open = false) {
    out_ += open ? "<details open><summary>" : "<details><summary>";
    out_ += Escape(summary) + "</summary>\n";
  }
  void EndDetails() { out_ += "</details>\n"; }
  std::string Finish();

 private:
  std::string out_;
};

}  // namespace ansinh::report

#endif  // ANSINH_LIB_REPORT_HTML_HPP_

// Inline SVG bar charts (integer geometry, escaped labels, a <title> tooltip
// with the full label on every row).
#include <algorithm>

#include "common/int128.hpp"
#include "report/html.hpp"

namespace ansinh::report {

namespace {

constexpr int64_t kWidth = 1040;
constexpr int64_t kLabel = 440;  // label column (right-aligned text ends here)
constexpr int64_t kBars = 380;   // bar area
constexpr int64_t kRow = 24;
constexpr int64_t kTop = 8;
constexpr size_t kLabelChars = 68;

std::string Open(std::string_view id, std::string_view title, size_t rows) {
  const int64_t height = kTop * 2 + static_cast<int64_t>(std::max<size_t>(rows, 1)) * kRow;
  return "<figure id=\"" + Escape(id) + "\">\n<figcaption>" + Escape(title) +
         "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"" + Escape(title) +
         "\" width=\"" + std::to_string(kWidth) + "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(kWidth) + " " + std::to_string(height) +
         "\">\n";
}

std::string Close() { return "</svg>\n</figure>\n"; }

std::string Empty(std::string_view id, std::string_view title, std::string_view empty_text) {
  return Open(id, title, 1) + "<text x=\"" + std::to_string(kLabel) + "\" y=\"" + std::to_string(kTop + 16) + "\">" + Escape(empty_text) +
         "</text>\n" + Close();
}

// The label and tooltip of row i, and its track.
std::string RowStart(size_t i, std::string_view label) {
  const int64_t y = kTop + static_cast<int64_t>(i) * kRow;
  return "<g>\n<title>" + Escape(label) + "</title>\n<text x=\"" + std::to_string(kLabel - 8) + "\" y=\"" + std::to_string(y + 16) +
         "\" text-anchor=\"end\">" + Escape(Shorten(label, kLabelChars)) + "</text>\n<rect class=\"track\" x=\"" +
         std::to_string(kLabel) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" + std::to_string(kBars) + "\" height=\"16\"/>\n";
}

std::string Rect(std::string_view kind, int64_t x, size_t i, int64_t width) {
  const int64_t y = kTop + static_cast<int64_t>(i) * kRow;
  const std::string css = kind.empty() ? "bar" : "bar-" + std::string(kind);
  return "<rect class=\"" + Escape(css) + "\" x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" + std::to_string(width) +
         "\" height=\"16\"/>\n";
}

std::string Value(size_t i, std::string_view text) {
  const int64_t y = kTop + static_cast<int64_t>(i) * kRow;
  return "<text x=\"" + std::to_string(kLabel + kBars + 6) + "\" y=\"" + std::to_string(y + 16) + "\">" + Escape(text) + "</text>\n</g>\n";
}

// `value` scaled to `span` pixels against `max` (at least 1 pixel when > 0).
int64_t Scale(int64_t value, int64_t max, int64_t span) {
  if (value <= 0 || max <= 0) return 0;
  const internal::Int128 w = static_cast<internal::Int128>(value) * span / max;
  return std::max<int64_t>(1, static_cast<int64_t>(w));
}

}  // namespace

std::string BarChart(std::string_view id, std::string_view title, const std::vector<Bar>& bars,
                     std::string_view empty_text) {
  if (bars.empty()) return Empty(id, title, empty_text);
  int64_t max = 0;
  for (const Bar& b : bars) max = std::max(max, b.value);
  std::string out = Open(id, title, bars.size());
  for (size_t i = 0; i < bars.size(); ++i) {
    out += RowStart(i, bars[i].label);
    const int64_t w = Scale(bars[i].value, max, kBars);
    if (w > 0) out += Rect(bars[i].kind, kLabel, i, w);
    out += Value(i, bars[i].value_text);
  }
  return out + Close();
}

std::string DivergingChart(std::string_view id, std::string_view title, const std::vector<Bar>& bars,
                           std::string_view empty_text) {
  if (bars.empty()) return Empty(id, title, empty_text);
  int64_t max = 0;
  for (const Bar& b : bars) max = std::max(max, b.value < 0 ? -b.value : b.value);
  const int64_t half = kBars / 2;
  const int64_t zero = kLabel + half;
  std::string out = Open(id, title, bars.size());
  for (size_t i = 0; i < bars.size(); ++i) {
    out += RowStart(i, bars[i].label);
    const int64_t v = bars[i].value;
    const int64_t w = Scale(v < 0 ? -v : v, max, half);
    if (w > 0) out += Rect(v < 0 ? "down" : "up", v < 0 ? zero - w : zero, i, w);
    out += Value(i, bars[i].value_text);
  }
  const int64_t bottom = kTop + static_cast<int64_t>(bars.size()) * kRow;
  out += "<line class=\"axis\" x1=\"" + std::to_string(zero) + "\" y1=\"" + std::to_string(kTop) + "\" x2=\"" + std::to_string(zero) + "\" y2=\"" +
         std::to_string(bottom) + "\"/>\n";
  return out + Close();
}

std::string CoverageChart(std::string_view id, std::string_view title, const std::vector<CoverageBar>& bars,
                          std::string_view empty_text) {
  if (bars.empty()) return Empty(id, title, empty_text);
  std::string out = Open(id, title, bars.size());
  for (size_t i = 0; i < bars.size(); ++i) {
    const CoverageBar& b = bars[i];
    out += RowStart(i, b.label);
    const std::string kind = !b.met ? "" : *b.met ? "target-met" : "target-missed";
    if (b.share_bp) {
      const int64_t w = Scale(std::min<int64_t>(*b.share_bp, 10000), 10000, kBars);
      if (w > 0) out += Rect(kind, kLabel, i, w);
    }
    if (b.target_bp) {
      const int64_t x = kLabel + kBars * std::clamp<int64_t>(*b.target_bp, 0, 10000) / 10000;
      const int64_t y = kTop + static_cast<int64_t>(i) * kRow;
      out += "<line class=\"target\" x1=\"" + std::to_string(x) + "\" y1=\"" + std::to_string(y) + "\" x2=\"" + std::to_string(x) + "\" y2=\"" + std::to_string(y + 22) +
             "\"/>\n";
    }
    out += Value(i, b.value_text);
  }
  return out + Close();
}

}  // namespace ansinh::report

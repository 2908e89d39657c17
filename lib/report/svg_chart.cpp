// Inline SVG bar charts (integer geometry, escaped labels, a <title> tooltip
// with the full label on every row).
#include <algorithm>
#include <string>
#include <vector>

#include "common/int128.hpp"
#include "report/html.hpp"

namespace ansinh::report {

namespace {

constexpr int64_t kWidth = 1040;
constexpr int64_t kLabel = 440;  // label column (right-aligned text ends here)
constexpr int64_t kBars = 380;   // bar area
constexpr int64_t kLine = 15;    // one line of a label
constexpr int64_t kPad = 9;      // above and below a row's lines
constexpr int64_t kTop = 8;
constexpr size_t kLabelChars = 62;  // characters of a label line (12px text in the 432px label column)

std::string Px(int64_t v) { return std::to_string(v); }

size_t Chars(std::string_view text) {
  size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// `label` wrapped at spaces into lines of at most kLabelChars characters (a
// longer word is broken at kLabelChars): a label is shown whole, never cut.
std::vector<std::string> Wrap(std::string_view label) {
  std::vector<std::string> lines;
  std::string line;
  size_t start = 0;
  while (start <= label.size()) {
    size_t end = label.find(' ', start);
    if (end == std::string_view::npos) end = label.size();
    std::string word(label.substr(start, end - start));
    start = end + 1;
    if (word.empty()) continue;
    while (Chars(word) > kLabelChars) {  // a very long word: broken at a character boundary
      size_t cut = 0, chars = 0;
      while (cut < word.size() && chars < kLabelChars) {
        ++cut;
        while (cut < word.size() && (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) ++cut;
        ++chars;
      }
      if (!line.empty()) lines.push_back(std::move(line));
      lines.push_back(word.substr(0, cut));
      line.clear();
      word = word.substr(cut);
    }
    if (!line.empty() && Chars(line) + 1 + Chars(word) > kLabelChars) lines.push_back(std::move(line)), line.clear();
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
  return lines;
}

// Where each row starts (y) and how many label lines it has.
struct Layout {
  std::vector<int64_t> y;
  std::vector<std::vector<std::string>> lines;
  int64_t height = 0;
};

template <typename Row>
Layout Lay(const std::vector<Row>& rows) {
  Layout l;
  int64_t y = kTop;
  for (const Row& r : rows) {
    l.y.push_back(y);
    l.lines.push_back(Wrap(r.label));
    y += static_cast<int64_t>(l.lines.back().size()) * kLine + 2 * kPad;
  }
  l.height = y + kTop;
  return l;
}

int64_t RowHeight(const Layout& l, size_t i) { return static_cast<int64_t>(l.lines[i].size()) * kLine + 2 * kPad; }
// The top of row i's bar (16 px high, centred on the row).
int64_t BarTop(const Layout& l, size_t i) { return l.y[i] + RowHeight(l, i) / 2 - 8; }

std::string Open(std::string_view id, std::string_view title, int64_t height) {
  return "<figure id=\"" + Escape(id) + "\">\n<figcaption>" + Escape(title) +
         "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"" + Escape(title) +
         "\" width=\"" + std::to_string(kWidth) + "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(kWidth) + " " + std::to_string(height) +
         "\">\n";
}

std::string Close() { return "</svg>\n</figure>\n"; }

std::string Empty(std::string_view id, std::string_view title, std::string_view empty_text) {
  return Open(id, title, kTop * 2 + 24) + "<text x=\"" + Px(kLabel) + "\" y=\"" + Px(kTop + 16) + "\">" +
         Escape(empty_text) + "</text>\n" + Close();
}

// The label (wrapped, whole) and tooltip of row i, and its track.
std::string RowStart(const Layout& l, size_t i, std::string_view label) {
  std::string out = "<g>\n<title>" + Escape(label) + "</title>\n<text x=\"" + Px(kLabel - 8) + "\" y=\"" +
                    Px(l.y[i] + kPad + 12) + "\" text-anchor=\"end\">";
  for (size_t k = 0; k < l.lines[i].size(); ++k) {
    out += "<tspan x=\"" + Px(kLabel - 8) + "\"" + (k == 0 ? std::string() : " dy=\"" + Px(kLine) + "\"") + ">" +
           Escape(l.lines[i][k]) + "</tspan>";
  }
  return out + "</text>\n<rect class=\"track\" x=\"" + Px(kLabel) + "\" y=\"" + Px(BarTop(l, i)) + "\" width=\"" +
         Px(kBars) + "\" height=\"16\"/>\n";
}

std::string Rect(const Layout& l, std::string_view kind, int64_t x, size_t i, int64_t width) {
  const std::string css = kind.empty() ? "bar" : "bar-" + std::string(kind);
  return "<rect class=\"" + Escape(css) + "\" x=\"" + Px(x) + "\" y=\"" + Px(BarTop(l, i)) + "\" width=\"" +
         Px(width) + "\" height=\"16\"/>\n";
}

std::string Value(const Layout& l, size_t i, std::string_view text) {
  return "<text x=\"" + Px(kLabel + kBars + 6) + "\" y=\"" + Px(BarTop(l, i) + 13) + "\">" + Escape(text) +
         "</text>\n</g>\n";
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
  const Layout l = Lay(bars);
  std::string out = Open(id, title, l.height);
  for (size_t i = 0; i < bars.size(); ++i) {
    out += RowStart(l, i, bars[i].label);
    const int64_t w = Scale(bars[i].value, max, kBars);
    if (w > 0) out += Rect(l, bars[i].kind, kLabel, i, w);
    out += Value(l, i, bars[i].value_text);
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
  const Layout l = Lay(bars);
  std::string out = Open(id, title, l.height);
  for (size_t i = 0; i < bars.size(); ++i) {
    out += RowStart(l, i, bars[i].label);
    const int64_t v = bars[i].value;
    const int64_t w = Scale(v < 0 ? -v : v, max, half);
    if (w > 0) out += Rect(l, v < 0 ? "down" : "up", v < 0 ? zero - w : zero, i, w);
    out += Value(l, i, bars[i].value_text);
  }
  const int64_t bottom = l.height - kTop;
  out += "<line class=\"axis\" x1=\"" + Px(zero) + "\" y1=\"" + Px(kTop) + "\" x2=\"" + Px(zero) + "\" y2=\"" +
         Px(bottom) + "\"/>\n";
  return out + Close();
}

std::string CoverageChart(std::string_view id, std::string_view title, const std::vector<CoverageBar>& bars,
                          std::string_view empty_text) {
  if (bars.empty()) return Empty(id, title, empty_text);
  const Layout l = Lay(bars);
  std::string out = Open(id, title, l.height);
  for (size_t i = 0; i < bars.size(); ++i) {
    const CoverageBar& b = bars[i];
    out += RowStart(l, i, b.label);
    const std::string kind = !b.met ? "" : *b.met ? "target-met" : "target-missed";
    int64_t w = 0;
    if (b.share_bp) {
      w = Scale(std::min<int64_t>(*b.share_bp, 10000), 10000, kBars);
      if (w > 0) out += Rect(l, kind, kLabel, i, w);
    }
    if (b.unknown_bp) {  // the undetermined share, after the known one
      const int64_t u = std::min(Scale(std::min<int64_t>(*b.unknown_bp, 10000), 10000, kBars), kBars - w);
      if (u > 0) out += Rect(l, "unknown", kLabel + w, i, u);
    }
    if (b.target_bp) {
      const int64_t x = kLabel + kBars * std::clamp<int64_t>(*b.target_bp, 0, 10000) / 10000;
      const int64_t y = BarTop(l, i) - 3;
      out += "<line class=\"target\" x1=\"" + Px(x) + "\" y1=\"" + Px(y) + "\" x2=\"" + Px(x) + "\" y2=\"" + Px(y + 22) +
             "\"/>\n";
    }
    out += Value(l, i, b.value_text);
  }
  return out + Close();
}

}  // namespace ansinh::report

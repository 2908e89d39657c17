#include "yaml/yaml_source.hpp"

#include <yaml-cpp/depthguard.h>

#include "common/text_safety.hpp"
#include "yaml/chars.hpp"
#include "yaml/nesting_guard.hpp"
#include "yaml/runaway_quote.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace ansinh::yaml {

using ansinh::DiagnosticCode;

namespace {

// The yaml-cpp message policy staff meet most, in Vietnamese, and what to
// write instead in both languages.
struct SyntaxText {
  std::string_view prefix;   // of yaml-cpp's message
  std::string_view what_vi;  // the message in Vietnamese
  std::string_view hint_en;
  std::string_view hint_vi;
};

const SyntaxText& SyntaxHint(std::string_view msg) {
  static constexpr SyntaxText kHints[] = {
      {"illegal map value", "giá trị của khóa không hợp lệ", "check the indentation, and quote a value that contains ': '",
       "kiểm tra thụt lề, và đặt trong dấu nháy giá trị có chứa ': '"},
      {"end of sequence flow not found", "không tìm thấy dấu đóng danh sách", "close the list with ']'",
       "đóng danh sách bằng ']'"},
      {"end of map flow not found", "không tìm thấy dấu đóng ánh xạ", "close the map with '}'",
       "đóng ánh xạ bằng '}'"},
      {"end of map not found", "các khóa thụt lề không đều", "check the indentation of the keys",
       "kiểm tra thụt lề của các khóa"},
      {"end of sequence not found", "các mục '-' thụt lề không đều", "check the indentation of the '-' entries",
       "kiểm tra thụt lề của các mục '-'"},
      {"unknown escape character", "ký tự thoát không hợp lệ",
       "write \\\\ for a backslash inside double quotes, or use single quotes",
       "viết \\\\ cho dấu gạch chéo ngược trong dấu nháy kép, hoặc dùng dấu nháy đơn"},
      {"illegal EOF in scalar", "văn bản chưa đóng khi hết tệp", "close the quote", "đóng dấu nháy"},
      {"illegal block entry", "mục '-' không hợp lệ", "a '-' entry must start its own line, indented under its key",
       "mỗi mục '-' phải bắt đầu một dòng riêng, thụt lề dưới khóa của nó"},
      {"illegal map key", "khóa không hợp lệ", "check the indentation", "kiểm tra thụt lề"},
      {"illegal flow end", "thừa dấu đóng", "remove the extra ']' or '}'", "xóa dấu ']' hoặc '}' thừa"},
      {"the referenced anchor is not defined", "neo (anchor) chưa được định nghĩa",
       "define the &anchor before using *anchor", "định nghĩa &anchor trước khi dùng *anchor"},
      {"", "YAML sai cú pháp", "check the indentation, colons and quotes here",
       "kiểm tra thụt lề, dấu hai chấm và dấu nháy tại đây"},
  };
  for (const SyntaxText& h : kHints) {
    if (msg.substr(0, h.prefix.size()) == h.prefix) return h;
  }
  return kHints[std::size(kHints) - 1];
}

size_t LineStart(const std::string& t, size_t offset) {
  while (offset > 0 && !IsBreak(t[offset - 1])) --offset;
  return offset;
}

size_t LineEnd(const std::string& t, size_t offset) {
  while (offset < t.size() && !IsBreak(t[offset])) ++offset;
  return offset;
}

// The offset of a Tab in the indentation of a line at or before `offset`
// (yaml-cpp stops after it, or a line later), or npos. Lines inside block
// scalars are not told apart: a Tab there is refused by YAML too.
size_t TabIndentBefore(const std::string& t, size_t begin, size_t offset) {
  size_t found = std::string::npos;
  for (size_t line = begin; line < t.size() && line <= offset;) {
    size_t i = line;
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) {
      if (t[i] == '\t') {
        found = i;
        break;
      }
      ++i;
    }
    const size_t end = LineEnd(t, line);
    line = end < t.size() ? end + 1 : end;
  }
  return found;
}

struct LineShape {
  size_t start = 0;
  size_t indent = 0;       // spaces before the first character
  bool blank = true;       // empty or a comment
  bool scalar_value = false;  // `key: value` with a value on the line
};

LineShape ShapeOf(const std::string& t, size_t start) {
  LineShape s;
  s.start = start;
  const size_t end = LineEnd(t, start);
  size_t i = start;
  while (i < end && t[i] == ' ') ++i;
  s.indent = i - start;
  s.blank = i == end || t[i] == '#';
  if (s.blank) return s;
  const size_t colon = t.find(": ", i);
  if (colon != std::string::npos && colon < end) {
    size_t v = colon + 2;
    while (v < end && t[v] == ' ') ++v;
    s.scalar_value = v < end && t[v] != '#' && t[v] != '|' && t[v] != '>';
  }
  return s;
}

// The previous non-blank line before the line starting at `start`.
std::optional<LineShape> PreviousLine(const std::string& t, size_t start, size_t begin) {
  while (start > begin) {
    const size_t prev = LineStart(t, start - 1);
    const LineShape s = ShapeOf(t, prev);
    if (!s.blank) return s;
    start = prev;
  }
  return std::nullopt;
}


// Length of a quoted scalar starting at `begin` (the quote), up to and
// including the closing quote, or to the end of the line.
uint32_t QuotedLength(const std::string& text, size_t begin) {
  const char quote = text[begin];
  size_t i = begin + 1;
  while (i < text.size() && !IsBreak(text[i])) {
    if (quote == '"' && text[i] == '\\' && i + 1 < text.size()) {
      i += 2;
      continue;
    }
    if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        i += 2;
        continue;
      }
      return static_cast<uint32_t>(i + 1 - begin);
    }
    ++i;
  }
  return static_cast<uint32_t>(i - begin);
}

bool IsDocumentMarker(const std::string& t, size_t at) {
  if (t.compare(at, 3, "---") != 0 && t.compare(at, 3, "...") != 0) return false;
  return at + 3 >= t.size() || t[at + 3] == ' ' || t[at + 3] == '\t' || IsBreak(t[at + 3]);
}

}  // namespace

DocumentLayout ScanDocuments(const std::string& t) {
  DocumentLayout out;
  size_t line = t.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  bool content = false;
  while (line < t.size()) {
    size_t eol = line;
    while (eol < t.size() && !IsBreak(t[eol])) ++eol;
    size_t first = line;
    if (IsDocumentMarker(t, line)) {
      if (content || t.compare(line, 3, "...") == 0) {
        out.second_document = line;
        return out;
      }
      first = line + 3;
    }
    while (first < eol && (t[first] == ' ' || t[first] == '\t')) ++first;
    const bool directive = first == line && first < eol && t[first] == '%' && !content;
    if (first < eol && t[first] != '#' && !directive && !content) {
      content = true;
      out.first_content = first;
    }
    line = eol < t.size() ? eol + 1 : eol;
  }
  return out;
}

const char* KindName(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return "a text";
    default: return "empty";
  }
}

const char* KindNameVi(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "một ánh xạ";
    case YAML::NodeType::Sequence: return "một danh sách";
    case YAML::NodeType::Scalar: return "một văn bản";
    default: return "giá trị rỗng";
  }
}

std::string WhatVi(std::string_view what) {
  // Longest phrases first: each is replaced where it appears, the rest (quoted
  // names, YAML examples) is kept as written.
  static constexpr std::pair<std::string_view, std::string_view> kPhrases[] = {
      {"the conditions that say whom the benefit is for", "các điều kiện nói chế độ dành cho ai"},
      {"member id: expectations", "mã thành viên: kết quả mong đợi"},
      {"benefit: expectation", "chế độ: kết quả mong đợi"},
      {"variable: value", "biến: giá trị"},
      {"the expectations of member ", "kết quả mong đợi của thành viên "},
      {"the expected status of ", "trạng thái mong đợi của "},
      {"the expectation of ", "kết quả mong đợi của "},
      {"the expected amount", "số tiền mong đợi"},
      {"condition name in 'for'", "tên điều kiện trong 'for'"},
      {"a bracket's lower bound", "cận dưới của một bậc"},
      {"a missing field path", "một đường dẫn trường thiếu"},
      {"a record issue code", "một mã lỗi hồ sơ"},
      {"an 'extends' entry", "một mục của 'extends'"},
      {"the test household", "hộ kiểm tra"},
      {"the test", "bài kiểm tra"},
      {"a value of ", "giá trị của "},
      {"a date key of ", "khóa ngày của "},
      {"the label of ", "nhãn của "},
      {"condition name", "tên điều kiện"},
      {"parameter name", "tên tham số"},
      {"an enum value", "một giá trị lựa chọn"},
      {"an indicator", "một chỉ số"},
      {"indicator id", "mã chỉ số"},
      {"benefit id", "mã chế độ"},
      {"group id", "mã nhóm"},
      {"member id", "mã thành viên"},
      {"field name", "tên trường"},
      {"unit code", "mã đơn vị"},
      {"check id", "mã kiểm tra"},
      {"a rule file", "một tệp quy tắc"},
      {"a condition", "một điều kiện"},
      {"a version", "một phiên bản"},
      {"a benefit", "một chế độ"},
      {"a member", "một thành viên"},
      {"a check", "một kiểm tra"},
      {"a unit", "một đơn vị hành chính"},
      {"a test", "một bài kiểm tra"},
      {"this file", "tệp này"},
      {"the member", "thành viên"},
      {"the unit", "đơn vị hành chính"},
      {" value of ", " giá trị của "},
      {"' of ", "' của "},
      {"parameter ", "tham số "},
      {"benefit ", "chế độ "},
      {"variable ", "biến "},
      {"group ", "nhóm "},
      {"condition ", "điều kiện "},
      {"indicator ", "chỉ số "},
      {"field ", "trường "},
      {"unit ", "đơn vị "},
      {"check ", "kiểm tra "},
      {"test ", "bài kiểm tra "},
      {"the ", ""},
  };
  std::string out;
  size_t i = 0;
  while (i < what.size()) {
    if (what[i] == '\'') {  // a quoted name: kept
      const size_t close = what.find('\'', i + 1);
      const size_t end = close == std::string_view::npos ? what.size() : close + 1;
      out.append(what.substr(i, end - i));
      i = end;
      continue;
    }
    bool replaced = false;
    for (const auto& [en, vi] : kPhrases) {
      if (what.substr(i, en.size()) == en) {
        out.append(vi);
        i += en.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += what[i++];
  }
  return out;
}

YamlSource::YamlSource(const Sources& sources, uint32_t file) : sources_(&sources), file_(file) {
  const std::string& t = text();
  if (t.size() >= 3 && t.compare(0, 3, "\xEF\xBB\xBF") == 0) bom_ = 3;
}

uint32_t YamlSource::OffsetOf(const YAML::Mark& mark) const noexcept {
  if (mark.is_null() || mark.pos < 0) return bom_;
  const size_t offset = static_cast<size_t>(mark.pos) + bom_;
  return static_cast<uint32_t>(std::min(offset, text().size()));
}

bool YamlSource::CheckText(DiagnosticSink& sink) const {
  constexpr int kMaxReported = 10;
  const std::string& t = text();
  int reported = 0;
  for (size_t i = bom_; i < t.size();) {
    const size_t len = internal::Utf8Length(t, i);
    if (len != 0 && !internal::IsControl(t, i, len) && !(t[i] == '\r' && i + 1 < t.size() && t[i + 1] != '\n')) {
      i += len;
      continue;
    }
    const unsigned char c = static_cast<unsigned char>(t[i]);
    static constexpr char kHex[] = "0123456789ABCDEF";
    internal::Message message{""};
    const std::string hex = std::string() + kHex[c >> 4] + kHex[c & 0xF];
    if (len == 0) {
      message = {"byte 0x" + hex +
                     " is not UTF-8 text; save the file as UTF-8 (Unicode), not in an older code page such as "
                     "Windows-1258 or TCVN3",
                 "byte 0x" + hex +
                     " không phải văn bản UTF-8; hãy lưu tệp dạng UTF-8 (Unicode), không dùng bảng mã cũ như "
                     "Windows-1258 hay TCVN3"};
    } else if (c == 0) {
      message = {"a NUL byte (U+0000) in the text; delete it (it often comes from a file saved as UTF-16)",
                 "văn bản có byte NUL (U+0000); hãy xóa nó (thường do tệp được lưu dạng UTF-16)"};
    } else if (len == 2) {
      message = {"an invisible control character (U+0080..U+009F) in the text; delete it",
                 "văn bản có ký tự điều khiển ẩn (U+0080..U+009F); hãy xóa nó"};
    } else {
      message = {"an invisible control character (U+00" + hex +
                     (c == 0x1B ? ", escape" : c == '\r' ? ", a carriage return without a line feed" : "") +
                     ") in the text; delete it",
                 "văn bản có ký tự điều khiển ẩn (U+00" + hex +
                     (c == 0x1B ? ", escape" : c == '\r' ? ", ký tự về đầu dòng không kèm xuống dòng" : "") +
                     "); hãy xóa nó"};
    }
    sink.Error(DiagnosticCode::kBadText, LocAt(static_cast<uint32_t>(i)), message);
    if (++reported == kMaxReported) break;
    i += len == 0 ? 1 : len;
  }
  return reported == 0;
}

bool YamlSource::Parse(DiagnosticSink& sink) {
  // Bytes that are not text never reach the parser, the checker or output.
  if (!CheckText(sink)) return false;
  // Refuse deep nesting before yaml-cpp recurses into it (see nesting_guard.hpp).
  const NestingEstimate nesting = EstimateNesting(text(), kMaxScanDepth);
  if (nesting.depth > kMaxScanDepth) {
    sink.Error(DiagnosticCode::kLimit, LocAt(static_cast<uint32_t>(nesting.offset)),
               {"YAML nested deeper than " + std::to_string(kMaxYamlDepth) +
                    " levels; rule files need only a few levels",
                "YAML lồng sâu hơn " + std::to_string(kMaxYamlDepth) + " tầng; tệp quy tắc chỉ cần vài tầng"});
    return false;
  }
  try {
    // One document only: YAML::LoadAll loops forever on a document starting with ','.
    root_ = YAML::Load(text());
  } catch (const YAML::DeepRecursion& e) {
    sink.Error(DiagnosticCode::kLimit, LocAt(OffsetOf(e.mark)),
               {"YAML nested too deeply; rule files need only a few levels",
                "YAML lồng quá sâu; tệp quy tắc chỉ cần vài tầng"});
    return false;
  } catch (const YAML::Exception& e) {
    ReportSyntax(e.msg, OffsetOf(e.mark), sink);
    return false;
  }
  if (!CheckDocuments(sink)) return false;
  size_t visited = 0;
  if (!CheckDepth(root_, 1, visited, sink)) return false;
  return CheckQuotes(sink);
}

void YamlSource::ReportSyntax(const std::string& msg, uint32_t offset, DiagnosticSink& sink) const {
  const std::string& t = text();
  // A Tab in the indentation, on the line yaml-cpp stopped at or on one before
  // it: named as a Tab, at the Tab.
  const size_t tab = TabIndentBefore(t, bom_, std::min<size_t>(LineEnd(t, offset), t.size()));
  if (tab != std::string::npos) {
    sink.Error(DiagnosticCode::kYamlSyntax, LocAt(static_cast<uint32_t>(tab)),
               {"invalid YAML: a Tab is used for indentation here; YAML indents with spaces only: replace the Tab "
                "with spaces (as many as the lines around it use)",
                "YAML không hợp lệ: dòng này thụt lề bằng ký tự Tab; YAML chỉ cho thụt lề bằng dấu cách: thay Tab "
                "bằng dấu cách (bằng số dấu cách của các dòng bên cạnh)"});
    return;
  }
  // An under-indented `key: value` line: yaml-cpp stops at the line after it,
  // which is indented like the lines before. The caret goes on the line that
  // is wrong, with the indentation its neighbours use.
  if (msg.rfind("illegal map value", 0) == 0 || msg.rfind("end of map not found", 0) == 0) {
    const LineShape here = ShapeOf(t, LineStart(t, std::min<size_t>(offset, t.size())));
    const std::optional<LineShape> odd = PreviousLine(t, here.start, bom_);
    const std::optional<LineShape> before = odd ? PreviousLine(t, odd->start, bom_) : std::nullopt;
    // Either the line before the odd one is a sibling indented like `here`,
    // or it opens the block (`key:`) and `here` is indented two spaces under it.
    const bool sibling_before = before && before->indent == here.indent;
    const bool opens_block = before && odd && !before->scalar_value && before->indent < odd->indent &&
                             here.indent == before->indent + 2;
    if (!here.blank && odd && odd->scalar_value && odd->indent < here.indent && (sibling_before || opens_block)) {
      const Loc at = LocAt(static_cast<uint32_t>(odd->start + odd->indent));
      const std::string is = std::to_string(odd->indent), should = std::to_string(here.indent);
      sink.Error(DiagnosticCode::kYamlSyntax, at,
                 {"invalid YAML: this line is indented by " + is + " spaces, but the lines around it by " + should +
                      "; indent it by " + should + " spaces like them",
                  "YAML không hợp lệ: dòng này thụt lề " + is + " dấu cách, còn các dòng xung quanh thụt " + should +
                      "; thụt lề " + should + " dấu cách như chúng"},
                 1);
      return;
    }
  }
  const SyntaxText& h = SyntaxHint(msg);
  sink.Error(DiagnosticCode::kYamlSyntax, LocAt(offset),
             {"invalid YAML: " + msg + "; " + std::string(h.hint_en),
              "YAML không hợp lệ: " + std::string(h.what_vi) + " (" + msg + "); " + std::string(h.hint_vi)});
}

bool YamlSource::CheckQuotes(DiagnosticSink& sink) const {
  const std::string& t = text();
  const std::vector<RunawayQuote> found = FindRunawayQuotes(t, root_, bom_, kMaxYamlNodes);
  for (const RunawayQuote& q : found) {
    const Loc swallowed = LocAt(static_cast<uint32_t>(q.swallowed));
    size_t key_end = q.swallowed;
    while (key_end < t.size() && t[key_end] != ':' && !IsBreak(t[key_end])) ++key_end;
    const std::string key = t.substr(q.swallowed, key_end - q.swallowed);
    const std::string quote(1, q.quote);
    sink.Error(DiagnosticCode::kUnterminatedQuote, LocAt(static_cast<uint32_t>(q.open)),
               {"the text opened with " + quote + " here is not closed on its line: it runs on to line " +
                    std::to_string(swallowed.line) + " and takes in `" + key + ":` as text; close it with " + quote +
                    " at the end of this line",
                "văn bản mở bằng " + quote + " ở đây không được đóng trên dòng của nó: nó kéo sang dòng " +
                    std::to_string(swallowed.line) + " và nuốt `" + key + ":` thành chữ; hãy đóng bằng " + quote +
                    " ở cuối dòng này"},
               static_cast<uint32_t>(std::max<size_t>(1, q.line_end - q.open)));
  }
  return found.empty();
}

bool YamlSource::CheckDocuments(DiagnosticSink& sink) const {
  const std::string& t = text();
  const DocumentLayout layout = ScanDocuments(t);
  if (layout.second_document != std::string::npos) {
    sink.Error(DiagnosticCode::kYamlSyntax, LocAt(static_cast<uint32_t>(layout.second_document)),
               {"a rule file holds one YAML document; remove this line or move what follows into another file",
                "một tệp quy tắc chỉ chứa một tài liệu YAML; xóa dòng này hoặc chuyển phần sau sang tệp khác"},
               3);
    return false;
  }
  // yaml-cpp 0.7 returns an empty document, without an error, for some
  // broken files (one starting with ','): an empty root needs empty text.
  if (root_.IsNull() && layout.first_content < t.size() && t[layout.first_content] != '~' &&
      t.compare(layout.first_content, 4, "null") != 0 && t.compare(layout.first_content, 4, "Null") != 0 &&
      t.compare(layout.first_content, 4, "NULL") != 0) {
    sink.Error(DiagnosticCode::kYamlSyntax, LocAt(static_cast<uint32_t>(layout.first_content)),
               {std::string("invalid YAML: a file cannot start with '") + t[layout.first_content] +
                    "'; start it with a section such as `benefits:`",
                std::string("YAML không hợp lệ: tệp không được bắt đầu bằng '") + t[layout.first_content] +
                    "'; hãy bắt đầu bằng một mục như `benefits:`"});
    return false;
  }
  return true;
}

bool YamlSource::CheckDepth(const YAML::Node& node, uint32_t depth, size_t& visited,
                            DiagnosticSink& sink) const {
  if (++visited > kMaxYamlNodes) {
    sink.Error(DiagnosticCode::kLimit, LocOf(node),
               {"the file has more than " + std::to_string(kMaxYamlNodes) +
                    " YAML nodes (aliases counted at each use); split it or remove aliases",
                "tệp có hơn " + std::to_string(kMaxYamlNodes) +
                    " nút YAML (bí danh tính mỗi lần dùng); hãy tách tệp hoặc bỏ bí danh"});
    return false;
  }
  if (!node.IsMap() && !node.IsSequence()) return true;
  if (depth > kMaxYamlDepth) {
    sink.Error(DiagnosticCode::kLimit, LocOf(node),
               {"YAML nested deeper than " + std::to_string(kMaxYamlDepth) +
                    " levels; rule files need only a few levels",
                "YAML lồng sâu hơn " + std::to_string(kMaxYamlDepth) + " tầng; tệp quy tắc chỉ cần vài tầng"});
    return false;
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (node.IsMap()) {
      if (!CheckDepth(it->first, depth + 1, visited, sink)) return false;
      if (!CheckDepth(it->second, depth + 1, visited, sink)) return false;
    } else if (!CheckDepth(*it, depth + 1, visited, sink)) {
      return false;
    }
  }
  return true;
}

uint32_t YamlSource::LengthOf(const YAML::Node& node) const {
  const std::string& t = text();
  const size_t begin = OffsetOf(node.Mark());
  if (begin >= t.size()) return 1;
  size_t eol = begin;
  while (eol < t.size() && !IsBreak(t[eol])) ++eol;
  const size_t rest = eol - begin;
  if (node.IsScalar()) {
    const char c = t[begin];
    if (c == '"' || c == '\'') return QuotedLength(t, begin);
    if (c == '|' || c == '>' || c == '&' || c == '!') return 1;
    const std::string& value = node.Scalar();
    if (value.find('\n') == std::string::npos && value.size() <= rest &&
        t.compare(begin, value.size(), value) == 0) {
      return std::max<uint32_t>(1, static_cast<uint32_t>(value.size()));
    }
    // A multi-line plain scalar: the rest of its first line, without trailing blanks.
    size_t end = eol;
    while (end > begin && (t[end - 1] == ' ' || t[end - 1] == '\t')) --end;
    return std::max<uint32_t>(1, static_cast<uint32_t>(end - begin));
  }
  if (node.IsNull() && IsExplicitNull(node)) return t[begin] == '~' ? 1 : 4;
  return 1;
}

bool YamlSource::IsExplicitNull(const YAML::Node& node) const {
  const std::string& t = text();
  const size_t begin = OffsetOf(node.Mark());
  if (begin >= t.size()) return false;
  if (t[begin] == '~') return true;
  static constexpr std::string_view kWords[] = {"null", "Null", "NULL"};
  for (std::string_view w : kWords) {
    if (t.compare(begin, w.size(), w) != 0) continue;
    const size_t after = begin + w.size();
    if (after >= t.size() || std::string_view(" \t\r\n,]}#").find(t[after]) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

std::vector<MapEntry> YamlSource::Entries(const YAML::Node& node, DiagnosticSink& sink) const {
  std::vector<MapEntry> out;
  std::unordered_map<std::string, size_t> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YAML::Node key = it->first;  // a copy: `it->` yields a temporary
    if (!key.IsScalar()) {
      sink.Error(DiagnosticCode::kWrongType, LocOf(key),
                 Message(std::string("a key must be a name, not ") + KindName(key) + "; write `name: value`",
                         std::string("khóa phải là một tên, không phải ") + KindNameVi(key) + "; viết `tên: giá trị`"),
                 LengthOf(key));
      continue;
    }
    MapEntry entry;
    entry.key = key.Scalar();
    entry.key_ref = Ref(key);
    auto [pos, inserted] = seen.emplace(entry.key, out.size());
    if (!inserted) {
      const MapEntry& first = out[pos->second];
      sink.Error(DiagnosticCode::kDuplicateKey, entry.key_ref.loc,
                 Message("duplicate key '" + entry.key + "' (first at line " +
                             std::to_string(first.key_ref.loc.line) + "); remove one of them or merge their contents",
                         "khóa '" + entry.key + "' bị lặp (lần đầu ở dòng " + std::to_string(first.key_ref.loc.line) +
                             "); xóa một khóa hoặc gộp nội dung của chúng"),
                 entry.key_ref.length);
      continue;
    }
    const YAML::Node value = it->second;
    entry.value = Ref(value);
    if (value.IsNull() && !IsExplicitNull(value)) entry.value = NodeRef{value, entry.key_ref.loc, entry.key_ref.length};
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace ansinh::yaml

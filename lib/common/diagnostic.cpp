#include "ansinh/diagnostic.hpp"

#include <algorithm>
#include <string>

#include "ansinh/error.hpp"
#include "common/json_writer.hpp"

ANSINH_BEGIN_NAMESPACE

std::string_view CodeName(DiagnosticCode code) noexcept {
  switch (code) {
    case DiagnosticCode::kFileRead: return "E_FILE_READ";
    case DiagnosticCode::kPackageMissing: return "E_PACKAGE_MISSING";
    case DiagnosticCode::kYamlSyntax: return "E_YAML_SYNTAX";
    case DiagnosticCode::kDuplicateKey: return "E_DUPLICATE_KEY";
    case DiagnosticCode::kUnknownKey: return "E_UNKNOWN_KEY";
    case DiagnosticCode::kWrongType: return "E_WRONG_TYPE";
    case DiagnosticCode::kMissingKey: return "E_MISSING_KEY";
    case DiagnosticCode::kBadValue: return "E_BAD_VALUE";
    case DiagnosticCode::kBadDate: return "E_BAD_DATE";
    case DiagnosticCode::kBadNumber: return "E_BAD_NUMBER";
    case DiagnosticCode::kBadIdentifier: return "E_BAD_IDENTIFIER";
    case DiagnosticCode::kDuplicateId: return "E_DUPLICATE_ID";
    case DiagnosticCode::kBadPeriod: return "E_BAD_PERIOD";
    case DiagnosticCode::kOverlappingPeriods: return "E_OVERLAPPING_PERIODS";
    case DiagnosticCode::kLimit: return "E_LIMIT";
    case DiagnosticCode::kExtendsNotFound: return "E_EXTENDS_NOT_FOUND";
    case DiagnosticCode::kExtendsCycle: return "E_EXTENDS_CYCLE";
    case DiagnosticCode::kExtendsOutsideRoot: return "E_EXTENDS_OUTSIDE_ROOT";
    case DiagnosticCode::kOverrideMissing: return "E_OVERRIDE_MISSING";
    case DiagnosticCode::kOverrideNothing: return "E_OVERRIDE_NOTHING";
    case DiagnosticCode::kUnknownGroup: return "E_UNKNOWN_GROUP";
    case DiagnosticCode::kUnknownParameter: return "E_UNKNOWN_PARAMETER";
    case DiagnosticCode::kUnknownBenefit: return "E_UNKNOWN_BENEFIT";
    case DiagnosticCode::kGroupMismatch: return "E_GROUP_MISMATCH";
    case DiagnosticCode::kParameterNotInForce: return "E_PARAMETER_NOT_IN_FORCE";
    case DiagnosticCode::kParameterKey: return "E_PARAMETER_KEY";
    case DiagnosticCode::kExprSyntax: return "E_EXPR_SYNTAX";
    case DiagnosticCode::kUnknownName: return "E_UNKNOWN_NAME";
    case DiagnosticCode::kUnknownEnumValue: return "E_UNKNOWN_ENUM_VALUE";
    case DiagnosticCode::kUnknownFunction: return "E_UNKNOWN_FUNCTION";
    case DiagnosticCode::kArity: return "E_ARITY";
    case DiagnosticCode::kTypeMismatch: return "E_TYPE_MISMATCH";
    case DiagnosticCode::kEntityMismatch: return "E_ENTITY_MISMATCH";
    case DiagnosticCode::kVariableCycle: return "E_VARIABLE_CYCLE";
    case DiagnosticCode::kTestInvalid: return "E_TEST_INVALID";
    case DiagnosticCode::kUnusedParameter: return "W_UNUSED_PARAMETER";
    case DiagnosticCode::kProvisionalValue: return "W_PROVISIONAL";
    case DiagnosticCode::kShadowedName: return "W_SHADOWED_NAME";
    case DiagnosticCode::kUnterminatedQuote: return "E_UNTERMINATED_QUOTE";
    case DiagnosticCode::kLinkOutside: return "E_LINK_OUTSIDE";
    case DiagnosticCode::kBadText: return "E_BAD_TEXT";
    case DiagnosticCode::kNegativeValue: return "E_NEGATIVE_VALUE";
  }
  return "E_UNKNOWN";
}

namespace {
const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "note";
  }
  return "error";
}

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The caret line under `line` for byte offset `col` and `length` bytes: one pad per
// UTF-8 character before the column (a tab stays a tab so the caret lines up under
// the same characters), '^', then one '~' per further character of the range,
// clipped at the end of the line.
void AppendCaret(std::string& out, const std::string& line, size_t col, uint32_t length) {
  if (col > line.size()) col = line.size();
  for (size_t i = 0; i < col; ++i) {
    if (!IsContinuation(line[i])) out += line[i] == '\t' ? '\t' : ' ';
  }
  out += '^';
  const size_t end = std::min<size_t>(line.size(), col + (length > 1 ? length : 1));
  size_t characters = 0;
  for (size_t i = col; i < end; ++i) {
    if (!IsContinuation(line[i])) ++characters;
  }
  if (characters > 1) out.append(characters - 1, '~');
}

}  // namespace

std::string Format(const Diagnostic& d) {
  std::string out;
  if (!d.location.file.empty()) {
    out += d.location.file;
    if (d.location.known()) {
      out += ':' + std::to_string(d.location.line) + ':' + std::to_string(d.location.column);
    }
    out += ": ";
  }
  out += SeverityName(d.severity);
  out += ": ";
  out += d.message;
  out += " [";
  out += CodeName(d.code);
  out += ']';
  if (d.location.known() && !d.source_line.empty()) {
    out += "\n    ";
    out += d.source_line;
    if (d.location.column != 0) {  // column 0 = unknown: show the line, no caret
      out += "\n    ";
      AppendCaret(out, d.source_line, d.location.column - 1, d.length);
    }
  }
  return out;
}

std::string Format(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    out += Format(d);
    out += '\n';
  }
  return out;
}

std::string FormatJson(const std::vector<Diagnostic>& diagnostics) {
  internal::JsonWriter w;
  w.BeginArray();
  for (const Diagnostic& d : diagnostics) {
    w.BeginObject();
    w.Key("file").String(d.location.file);
    w.Key("line").Int(d.location.line);
    w.Key("column").Int(d.location.column);
    w.Key("severity").String(SeverityName(d.severity));
    w.Key("code").String(std::string(CodeName(d.code)));
    w.Key("message").String(d.message);
    w.Key("item").String(d.item);
    w.EndObject();
  }
  w.EndArray();
  return w.Take();
}

bool HasErrors(const std::vector<Diagnostic>& diagnostics) noexcept {
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Severity::kError) return true;
  }
  return false;
}

RuleError::RuleError(std::vector<Diagnostic> diagnostics)
    : Error(Format(diagnostics)), diagnostics_(std::move(diagnostics)) {}

std::string ToString(const SourceLocation& location) {
  if (!location.known()) return location.file;
  return location.file + ':' + std::to_string(location.line) + ':' + std::to_string(location.column);
}

ANSINH_END_NAMESPACE

// ansinh — diagnostics: problems found in user-written input (rule files).
//
// Error channel 1 of 3 (see docs/architecture.md): problems in rule packages are
// *collected*, never thrown, as a std::vector<Diagnostic> inside LoadResult. The
// loader keeps going after an error so that one run reports all of them.
#ifndef ANSINH_DIAGNOSTIC_HPP_
#define ANSINH_DIAGNOSTIC_HPP_

#include "ansinh/export.h"

#include <string>
#include <string_view>
#include <vector>

#include "ansinh/source_location.hpp"
#include "ansinh/value.hpp"
#include "ansinh/version.hpp"

ANSINH_BEGIN_NAMESPACE

enum class Severity { kError, kWarning, kNote };

// Stable diagnostic codes. Each is documented, with an example and a fix, in
// docs/diagnostics.md. Every value is fixed: a new code takes the next unused
// number (wherever it is listed); never renumber, reuse or rename one (tools
// match on the printed name, e.g. "E_DUPLICATE_KEY", and on the value).
enum class DiagnosticCode {
  // --- files and YAML structure
  kFileRead = 0,          // E_FILE_READ: a file or folder cannot be read
  kPackageMissing = 1,    // E_PACKAGE_MISSING: no package.yaml in the folder
  kYamlSyntax = 2,        // E_YAML_SYNTAX: the file is not valid YAML
  kDuplicateKey = 3,      // E_DUPLICATE_KEY: the same key twice in one map
  kUnknownKey = 4,        // E_UNKNOWN_KEY: a key the format does not know (with suggestion)
  kWrongType = 5,         // E_WRONG_TYPE: a map/list/text/number/date where another is needed
  kMissingKey = 6,        // E_MISSING_KEY: a required key is absent
  kBadValue = 7,          // E_BAD_VALUE: a value outside its allowed set (e.g. applies_to: persn)
  kBadDate = 8,           // E_BAD_DATE: not a real calendar date in YYYY-MM-DD form
  kBadNumber = 9,         // E_BAD_NUMBER: not a number, too many decimals, out of range
  kBadIdentifier = 10,    // E_BAD_IDENTIFIER: an id/name that is not lower_snake_case ASCII
  kDuplicateId = 11,      // E_DUPLICATE_ID: two definitions with the same id
  kBadPeriod = 12,        // E_BAD_PERIOD: an effective period that ends before it starts
  kOverlappingPeriods = 13, // E_OVERLAPPING_PERIODS: versions/steps of one item overlap
  kLimit = 14,            // E_LIMIT: a size or nesting limit was exceeded
  // --- packages and extends
  kExtendsNotFound = 15,  // E_EXTENDS_NOT_FOUND
  kExtendsCycle = 16,     // E_EXTENDS_CYCLE
  kExtendsOutsideRoot = 17, // E_EXTENDS_OUTSIDE_ROOT
  kOverrideMissing = 18,  // E_OVERRIDE_MISSING: redefines an inherited item without override: true
  kOverrideNothing = 19,  // E_OVERRIDE_NOTHING: override: true but nothing to override
  // --- references between items
  kUnknownGroup = 20,     // E_UNKNOWN_GROUP
  kUnknownParameter = 21, // E_UNKNOWN_PARAMETER
  kUnknownBenefit = 22,   // E_UNKNOWN_BENEFIT
  kGroupMismatch = 23,    // E_GROUP_MISMATCH: benefits of one group differ in unit/entity/frequency
  kParameterNotInForce = 24, // E_PARAMETER_NOT_IN_FORCE: used before its first value
  kParameterKey = 25,     // E_PARAMETER_KEY: table key missing, unknown or of the wrong kind
  // --- expressions
  kExprSyntax = 26,       // E_EXPR_SYNTAX
  kUnknownName = 27,      // E_UNKNOWN_NAME: not a field, variable or built-in (with suggestion)
  kUnknownEnumValue = 28, // E_UNKNOWN_ENUM_VALUE (with suggestion)
  kUnknownFunction = 29,  // E_UNKNOWN_FUNCTION (with suggestion)
  kArity = 30,            // E_ARITY: wrong number of arguments
  kTypeMismatch = 31,     // E_TYPE_MISMATCH
  kEntityMismatch = 32,   // E_ENTITY_MISMATCH: a person value used where one household value is needed
  kVariableCycle = 33,    // E_VARIABLE_CYCLE: variables/benefits depend on each other in a circle
  // --- tests and indicators
  kTestInvalid = 34,      // E_TEST_INVALID: a YAML test that cannot run as written
  // --- warnings
  kUnusedParameter = 35,  // W_UNUSED_PARAMETER
  kProvisionalValue = 36, // W_PROVISIONAL: informational, a provisional value is in force
  kShadowedName = 37,     // W_SHADOWED_NAME
  // --- appended later
  kUnterminatedQuote = 38,  // E_UNTERMINATED_QUOTE: a quoted text runs on over the following keys
  kLinkOutside = 39,      // E_LINK_OUTSIDE: a symbolic link leads out of the package folder
  kBadText = 40,          // E_BAD_TEXT: invalid UTF-8 or a control character in a rule file
  kNegativeValue = 41,    // E_NEGATIVE_VALUE: a negative money value where the parameter is not signed
  kParameterGap = 42,     // W_PARAMETER_GAP: a parameter has no value (null) on days a benefit using it is in force
  kGroupNeverCompetes = 43,  // W_GROUP_NEVER_COMPETES: no two benefits of a group can be eligible together
  kConstantCondition = 44,   // W_CONSTANT_CONDITION: a condition always true or always false
  kVersionNeverApplies = 45, // W_VERSION_NEVER_APPLIES: a version whose conditions contradict each other
};

// The printed name of a code, e.g. "E_DUPLICATE_KEY". Never empty.
ANSINH_EXPORT std::string_view CodeName(DiagnosticCode code) noexcept;

// The catalogue of codes: what each means and how to fix it, in English and
// Vietnamese. docs/diagnostics.md is checked against it (tests/reliability/
// catalogue_test.cpp), so the page and the program cannot drift apart. The
// texts may use `backticks` around what is written in a file.
struct ANSINH_EXPORT CodeInfo {
  DiagnosticCode code;
  std::string_view name;        // "E_DUPLICATE_KEY"
  std::string_view meaning_en;  // what the problem is
  std::string_view fix_en;      // what to do
  std::string_view meaning_vi;
  std::string_view fix_vi;
};
// Every DiagnosticCode once, in the order of docs/diagnostics.md.
ANSINH_EXPORT const std::vector<CodeInfo>& DiagnosticCatalogue();
ANSINH_EXPORT const CodeInfo& Describe(DiagnosticCode code);

// The record issue codes the readers and the evaluator emit (RecordIssue::code),
// with their severity and meaning; the page's "Record errors" table is checked
// against it. Packages' own `checks:` add codes of their own, not listed here.
struct ANSINH_EXPORT RecordCodeInfo {
  std::string_view code;  // "R_SYNTAX"
  Severity severity;
  std::string_view meaning_en;
  std::string_view meaning_vi;
};
ANSINH_EXPORT const std::vector<RecordCodeInfo>& RecordCodeCatalogue();

// The printed severity: "error", "warning", "note"; in Vietnamese "lỗi",
// "cảnh báo", "ghi chú" (docs/diagnostics.md).
ANSINH_EXPORT std::string_view SeverityName(Severity severity, Language lang = Language::kEn) noexcept;

struct ANSINH_EXPORT Diagnostic {
  DiagnosticCode code = DiagnosticCode::kYamlSyntax;
  Severity severity = Severity::kError;
  std::string message;        // one sentence in English: what is wrong and what to write instead
  std::string message_vi;     // the same in Vietnamese (empty: the catalogue's meaning_vi is shown)
  SourceLocation location;    // where; 1-based line and column
  std::string source_line;    // the text of that line (no newline), for the caret display
  uint32_t length = 1;        // how many bytes to underline from `location.column`
  std::string item;           // the rule item concerned ("benefit sa_disability"), may be empty
};

// The message in `lang`: message_vi, or (when a message has no Vietnamese
// text) the catalogue's Vietnamese meaning of the code followed by the
// English message in parentheses.
ANSINH_EXPORT std::string MessageIn(const Diagnostic& diagnostic, Language lang);

// Formats one diagnostic clang-style, in Vietnamese unless `lang` is kEn:
//   rules/vn/benefits.yaml:12:15: error: expected ')' [E_EXPR_SYNTAX]
//   rules/vn/benefits.yaml:12:15: lỗi: thiếu ')' [E_EXPR_SYNTAX]
//       amount: 1.5 * (param.base
//                    ^
// The location, the [CODE] and the caret are the same in both languages.
ANSINH_EXPORT std::string Format(const Diagnostic& diagnostic, Language lang = Language::kVi);

// Formats all diagnostics in order, each as Format(d), separated by newlines.
ANSINH_EXPORT std::string Format(const std::vector<Diagnostic>& diagnostics, Language lang = Language::kVi);

// Formats as a JSON array of objects {file, line, column, severity, code,
// message, message_vi, item}: both languages, severity and code in English.
ANSINH_EXPORT std::string FormatJson(const std::vector<Diagnostic>& diagnostics);

// True if any diagnostic has Severity::kError.
ANSINH_EXPORT bool HasErrors(const std::vector<Diagnostic>& diagnostics) noexcept;

ANSINH_END_NAMESPACE

#endif  // ANSINH_DIAGNOSTIC_HPP_

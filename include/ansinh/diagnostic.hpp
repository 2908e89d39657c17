// ansinh — diagnostics: problems found in user-written input (rule files).
//
// Error channel 1 of 3 (see docs/architecture.md): problems in rule packages are
// *collected*, never thrown, as a std::vector<Diagnostic> inside LoadResult. The
// loader keeps going after an error so that one run reports all of them.
#ifndef ANSINH_DIAGNOSTIC_HPP_
#define ANSINH_DIAGNOSTIC_HPP_

#include <string>
#include <string_view>
#include <vector>

#include "ansinh/source_location.hpp"

namespace ansinh {

enum class Severity { kError, kWarning, kNote };

// Stable diagnostic codes. Each is documented, with an example and a fix, in
// docs/diagnostics.md. Append new codes at the end of their section; never
// renumber or rename (tools match on the printed name, e.g. "E_DUPLICATE_KEY").
enum class DiagnosticCode {
  // --- files and YAML structure
  kFileRead,             // E_FILE_READ: a file or folder cannot be read
  kPackageMissing,       // E_PACKAGE_MISSING: no package.yaml in the folder
  kYamlSyntax,           // E_YAML_SYNTAX: the file is not valid YAML
  kDuplicateKey,         // E_DUPLICATE_KEY: the same key twice in one map
  kUnknownKey,           // E_UNKNOWN_KEY: a key the format does not know (with suggestion)
  kWrongType,            // E_WRONG_TYPE: a map/list/text/number/date where another is needed
  kMissingKey,           // E_MISSING_KEY: a required key is absent
  kBadValue,             // E_BAD_VALUE: a value outside its allowed set (e.g. applies_to: persn)
  kBadDate,              // E_BAD_DATE: not a real calendar date in YYYY-MM-DD form
  kBadNumber,            // E_BAD_NUMBER: not a number, too many decimals, out of range
  kBadIdentifier,        // E_BAD_IDENTIFIER: an id/name that is not lower_snake_case ASCII
  kDuplicateId,          // E_DUPLICATE_ID: two definitions with the same id
  kBadPeriod,            // E_BAD_PERIOD: an effective period that ends before it starts
  kOverlappingPeriods,   // E_OVERLAPPING_PERIODS: versions/steps of one item overlap
  kLimit,                // E_LIMIT: a size or nesting limit was exceeded
  // --- packages and extends
  kExtendsNotFound,      // E_EXTENDS_NOT_FOUND
  kExtendsCycle,         // E_EXTENDS_CYCLE
  kExtendsOutsideRoot,   // E_EXTENDS_OUTSIDE_ROOT
  kOverrideMissing,      // E_OVERRIDE_MISSING: redefines an inherited item without override: true
  kOverrideNothing,      // E_OVERRIDE_NOTHING: override: true but nothing to override
  // --- references between items
  kUnknownGroup,         // E_UNKNOWN_GROUP
  kUnknownParameter,     // E_UNKNOWN_PARAMETER
  kUnknownBenefit,       // E_UNKNOWN_BENEFIT
  kGroupMismatch,        // E_GROUP_MISMATCH: benefits of one group differ in unit/entity/frequency
  kParameterNotInForce,  // E_PARAMETER_NOT_IN_FORCE: used before its first value
  kParameterKey,         // E_PARAMETER_KEY: table key missing, unknown or of the wrong kind
  // --- expressions
  kExprSyntax,           // E_EXPR_SYNTAX
  kUnknownName,          // E_UNKNOWN_NAME: not a field, variable or built-in (with suggestion)
  kUnknownEnumValue,     // E_UNKNOWN_ENUM_VALUE (with suggestion)
  kUnknownFunction,      // E_UNKNOWN_FUNCTION (with suggestion)
  kArity,                // E_ARITY: wrong number of arguments
  kTypeMismatch,         // E_TYPE_MISMATCH
  kEntityMismatch,       // E_ENTITY_MISMATCH: a person value used where one household value is needed
  kVariableCycle,        // E_VARIABLE_CYCLE: variables/benefits depend on each other in a circle
  // --- tests and indicators
  kTestInvalid,          // E_TEST_INVALID: a YAML test that cannot run as written
  // --- warnings
  kUnusedParameter,      // W_UNUSED_PARAMETER
  kProvisionalValue,     // W_PROVISIONAL: informational, a provisional value is in force
  kShadowedName,         // W_SHADOWED_NAME
  // --- appended later (kept at the end so that no code is renumbered)
  kUnterminatedQuote,    // E_UNTERMINATED_QUOTE: a quoted text runs on over the following keys
  kLinkOutside,          // E_LINK_OUTSIDE: a symbolic link leads out of the package folder
  kBadText,              // E_BAD_TEXT: invalid UTF-8 or a control character in a rule file
  kNegativeValue,        // E_NEGATIVE_VALUE: a negative money value where the parameter is not signed
};

// The printed name of a code, e.g. "E_DUPLICATE_KEY". Never empty.
std::string_view CodeName(DiagnosticCode code) noexcept;

struct Diagnostic {
  DiagnosticCode code = DiagnosticCode::kYamlSyntax;
  Severity severity = Severity::kError;
  std::string message;        // one sentence in English: what is wrong and what to write instead
  SourceLocation location;    // where; 1-based line and column
  std::string source_line;    // the text of that line (no newline), for the caret display
  uint32_t length = 1;        // how many bytes to underline from `location.column`
  std::string item;           // the rule item concerned ("benefit sa_disability"), may be empty
};

// Formats one diagnostic clang-style:
//   rules/vn/benefits.yaml:12:15: error: expected ')' [E_EXPR_SYNTAX]
//       amount: 1.5 * (param.base
//                    ^
std::string Format(const Diagnostic& diagnostic);

// Formats all diagnostics in order, each as Format(d), separated by newlines.
std::string Format(const std::vector<Diagnostic>& diagnostics);

// Formats as a JSON array of objects {file, line, column, severity, code, message, item}.
std::string FormatJson(const std::vector<Diagnostic>& diagnostics);

// True if any diagnostic has Severity::kError.
bool HasErrors(const std::vector<Diagnostic>& diagnostics) noexcept;

}  // namespace ansinh

#endif  // ANSINH_DIAGNOSTIC_HPP_

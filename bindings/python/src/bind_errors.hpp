// Helpers of bind_errors.cpp used by the other bind files.
#ifndef ANSINH_BINDINGS_PYTHON_BIND_ERRORS_HPP_
#define ANSINH_BINDINGS_PYTHON_BIND_ERRORS_HPP_

#include <string>
#include <vector>

#include "ansinh/diagnostic.hpp"
#include "bindings.hpp"

namespace ansinh::python {

// The last line `ansinh check` prints for a package with errors:
// "rules/x: 2 lỗi, 1 cảnh báo" ("rules/x: 2 errors, 1 warning" in English).
std::string CheckSummary(const std::string& path, const std::vector<Diagnostic>& diagnostics,
                         Language lang = Language::kVi);
// 'vi' (also None) or 'en'; throws UsageError otherwise.
Language DiagnosticLanguage(const std::string& lang);
// Raises ansinh.RuleError(message) with .diagnostics, and .message_vi/.message_en: the
// diagnostics as `ansinh check` prints them, with the summary line of the package
// at `path` (throws py::error_already_set).
[[noreturn]] void RaiseRuleError(const std::vector<Diagnostic>& diagnostics, const std::string& message,
                                 const std::string& path);
// The ansinh.UsageError class (borrowed).
PyObject* UsageErrorType() noexcept;

}  // namespace ansinh::python

#endif  // ANSINH_BINDINGS_PYTHON_BIND_ERRORS_HPP_

// Exceptions and diagnostics. Error channel 2 (exceptions) maps one to one:
//   ansinh::Error      -> ansinh.Error (Exception)
//   ansinh::RuleError  -> ansinh.RuleError (Error), with .diagnostics
//   ansinh::InputError -> ansinh.InputError (Error)
//   ansinh::UsageError -> ansinh.UsageError (Error, ValueError)
// Error is registered first and every other class derives from it (openPMD).
#include "bind_errors.hpp"

#include <pybind11/stl.h>

#include "ansinh/error.hpp"

namespace ansinh::python {
namespace {

// The exception classes live as long as the process: they are module
// attributes and this extra reference is never dropped (no static
// destructors touching Python after finalisation).
PyObject* g_error = nullptr;
PyObject* g_rule_error = nullptr;
PyObject* g_input_error = nullptr;
PyObject* g_usage_error = nullptr;

PyObject* NewException(py::module_& m, const char* name, PyObject* bases, const char* doc) {
  const std::string qualified = std::string("ansinh.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases, nullptr);
  if (type == nullptr) throw py::error_already_set();
  m.attr(name) = py::handle(type);  // the module holds a reference; `type` keeps ours
  return type;
}

}  // namespace

std::string CheckSummary(const std::string& path, const std::vector<Diagnostic>& diagnostics, Language lang) {
  size_t errors = 0, warnings = 0;
  for (const Diagnostic& d : diagnostics) (d.severity == Severity::kError ? errors : warnings)++;
  if (lang == Language::kVi) {
    return path + ": " + std::to_string(errors) + " lỗi, " + std::to_string(warnings) + " cảnh báo";
  }
  return path + ": " + std::to_string(errors) + " error" + (errors == 1 ? "" : "s") + ", " +
         std::to_string(warnings) + " warning" + (warnings == 1 ? "" : "s");
}

Language DiagnosticLanguage(const std::string& lang) {
  if (lang == "vi") return Language::kVi;
  if (lang == "en") return Language::kEn;
  throw UsageError("lang must be 'vi' or 'en', not '" + lang + "'");
}

void RaiseRuleError(const std::vector<Diagnostic>& diagnostics, const std::string& message) {
  py::object type = py::reinterpret_borrow<py::object>(g_rule_error);
  py::object exc = type(message);
  exc.attr("diagnostics") = py::cast(diagnostics);
  PyErr_SetObject(g_rule_error, exc.ptr());
  throw py::error_already_set();
}

PyObject* UsageErrorType() noexcept { return g_usage_error; }

void BindErrors(py::module_& m) {
  py::class_<Diagnostic>(m, "Diagnostic",
                         "A problem found in a rule package, at file:line:column (1-based).\n\n"
                         "str(d) is the clang-style text `ansinh check` prints (in Vietnamese; "
                         "d.format('en') in English), with the source line and a caret.")
      .def_property_readonly("file", [](const Diagnostic& d) { return d.location.file; },
                             "Path of the rule file, as given to the loader.")
      .def_property_readonly("line", [](const Diagnostic& d) { return d.location.line; },
                             "1-based line (0: no position).")
      .def_property_readonly("column", [](const Diagnostic& d) { return d.location.column; },
                             "1-based byte column (0: no position).")
      .def_property_readonly("code", [](const Diagnostic& d) { return std::string(CodeName(d.code)); },
                             "Stable code, e.g. 'E_EXPR_SYNTAX' (docs/diagnostics.md).")
      .def_property_readonly("severity", [](const Diagnostic& d) { return std::string(SeverityName(d.severity)); },
                             "'error', 'warning' or 'note'.")
      .def_readonly("message", &Diagnostic::message, "One sentence in English.")
      .def_property_readonly("message_vi", [](const Diagnostic& d) { return MessageIn(d, Language::kVi); },
                             "The message in Vietnamese.")
      .def(
          "format", [](const Diagnostic& d, const std::string& lang) { return Format(d, DiagnosticLanguage(lang)); },
          py::arg("lang") = "vi", "The text `ansinh check` prints, in 'vi' (default) or 'en'.")
      .def_readonly("item", &Diagnostic::item, "The rule item concerned, may be empty.")
      .def_readonly("source_line", &Diagnostic::source_line, "The text of the line.")
      .def("__str__", [](const Diagnostic& d) { return Format(d); })
      .def("__repr__", [](const Diagnostic& d) {
        return "<Diagnostic " + ToString(d.location) + ": " + std::string(SeverityName(d.severity)) + " " +
               std::string(CodeName(d.code)) + ">";
      });

  g_error = NewException(m, "Error", PyExc_Exception, "Base of every exception raised by ansinh.");
  g_rule_error = NewException(m, "RuleError", g_error,
                              "A rule package has errors. str(e) prints like `ansinh check`; "
                              "e.diagnostics lists them (file, line, column, code, severity, message).");
  PyObject_SetAttrString(g_rule_error, "diagnostics", py::tuple().ptr());
  g_input_error = NewException(m, "InputError", g_error,
                               "Records cannot be read at all (a file that cannot be opened, ...). "
                               "Problems of single records are values in their decisions.");
  py::tuple usage_bases = py::make_tuple(py::handle(g_error), py::handle(PyExc_ValueError));
  g_usage_error = NewException(m, "UsageError", usage_bases.ptr(),
                               "An invalid argument: a bad date, an unknown column, a wrong option.");

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const RuleError& e) {
      try {
        RaiseRuleError(e.diagnostics(), e.what());
      } catch (py::error_already_set& set) {
        set.restore();
      }
    } catch (const UsageError& e) {
      PyErr_SetString(g_usage_error, e.what());
    } catch (const InputError& e) {
      PyErr_SetString(g_input_error, e.what());
    } catch (const Error& e) {
      PyErr_SetString(g_error, e.what());
    }
  });
}

}  // namespace ansinh::python

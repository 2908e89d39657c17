// Exceptions and diagnostics. Error channel 2 (exceptions) maps one to one:
//   ansinh::Error      -> ansinh.Error (Exception)
//   ansinh::RuleError  -> ansinh.RuleError (Error), with .diagnostics
//   ansinh::InputError -> ansinh.InputError (Error)
//   ansinh::UsageError -> ansinh.UsageError (Error, ValueError)
// Error is registered first and every other class derives from it (openPMD).
#include "bind_errors.hpp"

#include <pybind11/eval.h>
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

// Raises an instance of `type` with str() `message` and its texts in both
// languages as e.message_vi / e.message_en (throws py::error_already_set).
[[noreturn]] void Raise(PyObject* type, const std::string& message, const std::string& vi, const std::string& en,
                        const std::vector<Diagnostic>* diagnostics = nullptr) {
  py::object exc = py::reinterpret_borrow<py::object>(type)(message);
  exc.attr("message_vi") = vi;
  exc.attr("message_en") = en;
  if (diagnostics != nullptr) exc.attr("diagnostics") = py::cast(*diagnostics);
  PyErr_SetObject(type, exc.ptr());
  throw py::error_already_set();
}

// The exception `e` as `type`: str() English (what()), message_vi its
// Vietnamese text (what() when the thrower gave none).
void Translate(PyObject* type, const Error& e) {
  try {
    Raise(type, e.what(), e.message_vi().empty() ? e.what() : e.message_vi(), e.what());
  } catch (py::error_already_set& set) {
    set.restore();
  }
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
  throw UsageError("lang must be 'vi' or 'en', not '" + lang + "'", "lang phải là 'vi' hoặc 'en', không phải '" + lang + "'");
}

void RaiseRuleError(const std::vector<Diagnostic>& diagnostics, const std::string& message, const std::string& path) {
  Raise(g_rule_error, message, Format(diagnostics, Language::kVi) + CheckSummary(path, diagnostics, Language::kVi),
        Format(diagnostics, Language::kEn) + CheckSummary(path, diagnostics, Language::kEn), &diagnostics);
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

  g_error = NewException(m, "Error", PyExc_Exception,
                         "Base of every exception raised by ansinh. str(e) is English (a RuleError from "
                         "ansinh.load: in the language of load's lang); e.message_vi is the Vietnamese text, "
                         "e.message_en the English one.");
  // message_vi / message_en: set on every exception the library raises; for
  // one raised in Python without them, str(e).
  py::exec(R"(
def _message(key):
    def get(self):
        return self.__dict__.get(key, str(self))
    def set(self, value):
        self.__dict__[key] = value
    return property(get, set)
)", m.attr("__dict__"));
  py::handle(g_error).attr("message_vi") = m.attr("_message")("_message_vi");
  py::handle(g_error).attr("message_en") = m.attr("_message")("_message_en");
  py::delattr(m, "_message");
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
        RaiseRuleError(e.diagnostics(), e.what(), "");
      } catch (py::error_already_set& set) {
        set.restore();
      }
    } catch (const UsageError& e) {
      Translate(g_usage_error, e);
    } catch (const InputError& e) {
      Translate(g_input_error, e);
    } catch (const Error& e) {
      Translate(g_error, e);
    }
  });
}

}  // namespace ansinh::python

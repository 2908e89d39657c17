// Python values into records (ValueSetter) and computed values out (ToPython).
#include "py_values.hpp"

#include <datetime.h>

#include <charconv>
#include <cmath>
#include <limits>

#include "ansinh/decimal.hpp"

namespace ansinh::python {
namespace {

constexpr Entity kPyH = Entity::kHousehold;
constexpr Entity kPyP = Entity::kPerson;

void EnsureDateTimeApi() {
  if (PyDateTimeAPI == nullptr) {
    PyDateTime_IMPORT;
    if (PyDateTimeAPI == nullptr) throw py::error_already_set();
  }
}

// The attribute `name` of the module `module` if that module is already
// imported (we never import numpy or pandas for a dict of plain values).
py::object IfImported(const char* module, const char* name) {
  py::dict modules = py::module_::import("sys").attr("modules");
  if (!modules.contains(module)) return py::object();
  return modules[module].attr(name);
}

std::string TypeWhat(py::handle value) {
  std::string name = Py_TYPE(value.ptr())->tp_name;
  const char first = name.empty() ? 'x' : name[0];
  const bool vowel = first == 'a' || first == 'e' || first == 'i' || first == 'o' || first == 'u';
  return std::string(vowel ? "an " : "a ") + name;
}

// `code`: R_SYNTAX for a record that is no dict at all (as the JSON reader
// reports a line that is no object: no further checks), else R_WRONG_TYPE.
RecordIssue StructureIssue(const char* code, std::string field, const std::string& en, const std::string& vi) {
  RecordIssue issue;
  issue.code = code;
  issue.severity = Severity::kError;
  issue.field = std::move(field);
  issue.message = en;
  issue.message_vi = vi;
  return issue;
}

}  // namespace

std::string ShortestText(double value) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, r.ptr);
}

ValueSetter::ValueSetter() {
  EnsureDateTimeApi();
  decimal_ = py::module_::import("decimal").attr("Decimal");
  np_bool_ = IfImported("numpy", "bool_");
  np_integer_ = IfImported("numpy", "integer");
  np_floating_ = IfImported("numpy", "floating");
  np_datetime64_ = IfImported("numpy", "datetime64");
  np_ndarray_ = IfImported("numpy", "ndarray");
  pd_na_ = IfImported("pandas", "NA");
  pd_nat_ = IfImported("pandas", "NaT");
}

bool ValueSetter::IsInstance(py::handle value, const py::object& type) const {
  if (!type) return false;
  const int r = PyObject_IsInstance(value.ptr(), type.ptr());
  if (r < 0) PyErr_Clear();
  return r > 0;
}

void ValueSetter::SetFloat(RecordBuilder& b, Entity entity, int field, double value) const {
  if (std::isnan(value)) {
    b.SetNull(entity, field);
  } else if (!std::isfinite(value)) {
    b.WrongType(entity, field, value > 0 ? "inf" : "-inf");
  } else if (value == std::trunc(value) && std::fabs(value) < 9.0e18) {
    b.SetInt(entity, field, static_cast<int64_t>(value));
  } else {
    b.SetNumberText(entity, field, ShortestText(value));
  }
}

void ValueSetter::Set(RecordBuilder& b, Entity entity, int field, py::handle value) const {
  PyObject* o = value.ptr();
  if (PyUnicode_Check(o)) {
    Py_ssize_t size = 0;
    const char* text = PyUnicode_AsUTF8AndSize(o, &size);
    if (text == nullptr) {  // lone surrogates
      PyErr_Clear();
      b.WrongType(entity, field, "a text that is not valid Unicode");
    } else {
      b.SetText(entity, field, std::string_view(text, static_cast<size_t>(size)));
    }
  } else if (o == Py_None) {
    b.SetNull(entity, field);
  } else if (PyBool_Check(o)) {
    b.SetBool(entity, field, o == Py_True);
  } else if (PyLong_Check(o)) {
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (overflow != 0) {
      b.SetNumberText(entity, field, std::string(py::str(value)));
    } else {
      b.SetInt(entity, field, v);
    }
  } else if (PyFloat_Check(o)) {
    SetFloat(b, entity, field, PyFloat_AS_DOUBLE(o));
  } else {
    SetOther(b, entity, field, value);
  }
}

void ValueSetter::SetOther(RecordBuilder& b, Entity entity, int field, py::handle value) const {
  PyObject* o = value.ptr();
  if ((pd_na_ && o == pd_na_.ptr()) || (pd_nat_ && o == pd_nat_.ptr())) {
    b.SetNull(entity, field);
  } else if (PyDate_Check(o)) {  // date, datetime, pandas Timestamp: the day
    b.SetDate(entity, field, Date::FromYmd(PyDateTime_GET_YEAR(o), PyDateTime_GET_MONTH(o), PyDateTime_GET_DAY(o)));
  } else if (IsInstance(value, np_bool_)) {
    b.SetBool(entity, field, PyObject_IsTrue(o) == 1);
  } else if (IsInstance(value, np_integer_)) {
    Set(b, entity, field, py::int_(py::reinterpret_borrow<py::object>(value)));
  } else if (IsInstance(value, np_floating_)) {
    SetFloat(b, entity, field, py::float_(py::reinterpret_borrow<py::object>(value)));
  } else if (IsInstance(value, np_datetime64_)) {
    py::object days = value.attr("astype")("datetime64[D]").attr("astype")("int64");
    const int64_t d = days.cast<int64_t>();
    if (d == std::numeric_limits<int64_t>::min()) {
      b.SetNull(entity, field);  // NaT
    } else if (d < std::numeric_limits<int32_t>::min() || d > std::numeric_limits<int32_t>::max()) {
      b.SetDate(entity, field, Date::FromDays(std::numeric_limits<int32_t>::max()));  // R_BAD_DATE
    } else {
      b.SetDate(entity, field, Date::FromDays(static_cast<int32_t>(d)));
    }
  } else if (IsInstance(value, decimal_)) {
    if (value.attr("is_nan")().cast<bool>()) {
      b.SetNull(entity, field);
    } else {
      b.SetNumberText(entity, field, std::string(py::str(value)));
    }
  } else if (PyList_Check(o) || PyTuple_Check(o) || PyAnySet_Check(o) || IsInstance(value, np_ndarray_)) {
    SetList(b, entity, field, value);
  } else if (PyDict_Check(o)) {
    b.WrongType(entity, field, "an object");
  } else {
    b.WrongType(entity, field, TypeWhat(value));
  }
}

void ValueSetter::SetList(RecordBuilder& b, Entity entity, int field, py::handle value) const {
  // Check the items first: a non-text item makes the whole value wrong.
  std::vector<std::string_view> items;
  py::list keep;  // numpy str_ items are new objects: keep them alive
  for (py::handle item : value) {
    py::object it = py::reinterpret_borrow<py::object>(item);
    if (!PyUnicode_Check(it.ptr())) {
      b.WrongType(entity, field, "a list with a non-text item");
      return;
    }
    Py_ssize_t size = 0;
    const char* text = PyUnicode_AsUTF8AndSize(it.ptr(), &size);
    if (text == nullptr) {
      PyErr_Clear();
      b.WrongType(entity, field, "a list with a non-text item");
      return;
    }
    keep.append(it);
    items.emplace_back(text, static_cast<size_t>(size));
  }
  b.BeginSet(entity, field);
  for (std::string_view item : items) b.AddSetItem(entity, field, item);
}

void ValueSetter::SetFields(RecordBuilder& b, Entity entity, py::handle record) const {
  // The id first, so that issues of a member are named after it.
  if (PyObject* id = PyDict_GetItemString(record.ptr(), "id")) Set(b, entity, RecordBuilder::kId, id);
  PyObject* key = nullptr;
  PyObject* value = nullptr;
  Py_ssize_t pos = 0;
  while (PyDict_Next(record.ptr(), &pos, &key, &value)) {
    if (!PyUnicode_Check(key)) {
      b.UnknownField(entity, std::string(py::str(key)));
      continue;
    }
    Py_ssize_t size = 0;
    const char* text = PyUnicode_AsUTF8AndSize(key, &size);
    if (text == nullptr) {
      PyErr_Clear();
      b.UnknownField(entity, "?");
      continue;
    }
    const std::string_view name(text, static_cast<size_t>(size));
    if (name == "id" || (entity == kPyH && name == "members")) continue;
    const int f = b.FieldIndex(entity, name);
    if (f < 0) {
      b.UnknownField(entity, name);
    } else {
      Set(b, entity, f, value);
    }
  }
}

void ValueSetter::AddMembers(RecordBuilder& b, py::handle members) const {
  if (members.is_none()) return;
  if (!PyList_Check(members.ptr()) && !PyTuple_Check(members.ptr())) {
    b.AddIssue(StructureIssue("R_WRONG_TYPE", "members", "Field 'members' must be a list of members, not " + TypeWhat(members) + ".",
                              "Trường 'members' phải là một danh sách thành viên, không phải " + TypeWhat(members) +
                                  "."));
    return;
  }
  size_t ordinal = 0;
  for (py::handle member : members) {
    ++ordinal;
    if (!PyDict_Check(member.ptr())) {
      const std::string where = "members[#" + std::to_string(ordinal) + "]";
      b.AddIssue(StructureIssue("R_WRONG_TYPE", where, "Member " + std::to_string(ordinal) + " is " + TypeWhat(member) +
                                           ", not a dict of fields.",
                                "Thành viên thứ " + std::to_string(ordinal) + " là " + TypeWhat(member) +
                                    ", không phải một dict các trường."));
      continue;
    }
    b.BeginPerson();
    SetFields(b, kPyP, member);
    b.EndPerson();
  }
}

void ValueSetter::AddHousehold(RecordBuilder& b, py::handle record, const RecordOrigin& origin) const {
  b.BeginHousehold(origin);
  if (!PyDict_Check(record.ptr())) {
    b.AddIssue(StructureIssue("R_SYNTAX", "", "The record is " + TypeWhat(record) + ", not a dict of fields.",
                              "Bản ghi là " + TypeWhat(record) + ", không phải một dict các trường."));
  } else {
    SetFields(b, kPyH, record);
    if (PyObject* members = PyDict_GetItemString(record.ptr(), "members")) AddMembers(b, members);
  }
  b.CheckRepeatedId(origin);  // R_DUPLICATE_HOUSEHOLD_ID, as the CLI and evaluate_frame report it
  b.EndHousehold();
}

py::object ToPython(const OutputValue& v) {
  if (!v.known) return py::none();
  switch (v.type) {
    case ValueType::kBool: return py::bool_(v.raw != 0);
    case ValueType::kInt: return py::int_(v.raw);
    case ValueType::kMoney:
      if (v.raw % Decimal::kScale == 0) return py::int_(v.raw / Decimal::kScale);
      [[fallthrough]];
    case ValueType::kDecimal:
      return py::module_::import("decimal").attr("Decimal")(Decimal::FromMillionths(v.raw).ToString());
    case ValueType::kDate: {
      EnsureDateTimeApi();
      const Date d = Date::FromDays(static_cast<int32_t>(v.raw));
      return py::reinterpret_steal<py::object>(PyDate_FromDate(d.year(), d.month(), d.day()));
    }
    case ValueType::kEnum:
    case ValueType::kString: return py::str(v.text);
    case ValueType::kSet: return py::cast(v.items);
  }
  return py::none();
}

}  // namespace ansinh::python

// Python values <-> ansinh values: what a dict or an object column gives for
// a field (into a RecordBuilder), and what a decision computed (out of an
// OutputValue).
#ifndef ANSINH_BINDINGS_PYTHON_PY_VALUES_HPP_
#define ANSINH_BINDINGS_PYTHON_PY_VALUES_HPP_

#include <string>

#include "ansinh/records.hpp"
#include "ansinh/value.hpp"
#include "bindings.hpp"

namespace ansinh::python {

// Sets record fields from Python objects. Construct under the GIL, once per
// batch: it looks up the types it recognises (datetime, decimal, and numpy
// and pandas when they are imported). Accepted per value:
//   None, NaN, pandas NA/NaT, numpy NaT  -> not given (unknown unless a default)
//   bool, numpy bool                     -> bool
//   int, numpy integers                  -> int/money/decimal (bool: 0/1)
//   float, numpy floats                  -> exact by its shortest text: money
//                                           must be whole VND (else R_BAD_NUMBER)
//   str                                  -> parsed by the field type, as a CSV cell
//   datetime.date/datetime, pandas Timestamp, numpy datetime64 -> date (the day)
//   decimal.Decimal                      -> exact number
//   list, tuple, set, frozenset of str   -> set fields
// Anything else gives the record an R_WRONG_TYPE issue, never an exception.
class ValueSetter {
 public:
  ValueSetter();
  void Set(RecordBuilder& b, Entity entity, int field, py::handle value) const;
  void SetFloat(RecordBuilder& b, Entity entity, int field, double value) const;
  // One household from a dict {"id": ..., <field>: ..., "members": [{...}, ...]}.
  void AddHousehold(RecordBuilder& b, py::handle record, const RecordOrigin& origin) const;

 private:
  void SetOther(RecordBuilder& b, Entity entity, int field, py::handle value) const;
  void SetList(RecordBuilder& b, Entity entity, int field, py::handle value) const;
  void SetFields(RecordBuilder& b, Entity entity, py::handle record) const;
  void AddMembers(RecordBuilder& b, py::handle members) const;
  bool IsInstance(py::handle value, const py::object& type) const;

  py::object decimal_;
  py::object np_bool_, np_integer_, np_floating_, np_datetime64_, np_ndarray_;
  py::object pd_na_, pd_nat_;
};

// A computed value as a Python object: None (unknown), bool, int, int for
// whole-VND money else decimal.Decimal, decimal.Decimal, datetime.date, str,
// list of str (sets).
py::object ToPython(const OutputValue& value);

// Shortest text of a finite double that reads back the same ("0.1", "1e+20").
std::string ShortestText(double value);

}  // namespace ansinh::python

#endif  // ANSINH_BINDINGS_PYTHON_PY_VALUES_HPP_

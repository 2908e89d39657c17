// DataFrame columns into records without Python objects row by row: the
// Python layer (ansinh/frames.py) hands each matched column over as numpy
// buffers of one kind; this file walks them household by household into a
// RecordBuilder. Only object columns touch Python values, one by one, in this
// C++ loop.
#ifndef ANSINH_BINDINGS_PYTHON_FRAME_INPUT_HPP_
#define ANSINH_BINDINGS_PYTHON_FRAME_INPUT_HPP_

#include <pybind11/numpy.h>

#include <memory>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "py_values.hpp"

namespace ansinh::python {

// One column bound to one schema field.
//   kind "bool":     data bool[N]
//   kind "int":      data int64[N]
//   kind "uint":     data uint64[N]
//   kind "float":    data float64[N] (NaN = unknown)
//   kind "days":     data int64[N], days since 1970-01-01 (INT64_MIN = NaT)
//   kind "object":   data object[N]
//   kind "category": data int64[N] codes (-1 = unknown), categories object[K]
// `mask` (optional bool[N]): true = unknown (pandas nullable dtypes).
class FrameColumn {
 public:
  FrameColumn(const RecordBuilder& b, Entity entity, py::tuple spec);
  // Sets the field from row `row`. Needs the GIL (object values).
  void Apply(RecordBuilder& b, const ValueSetter& setter, size_t row) const;
  size_t size() const noexcept { return size_; }

 private:
  enum class Kind { kBool, kInt, kUInt, kFloat, kDays, kObject, kCategory };
  Entity entity_;
  int field_ = 0;
  Kind kind_ = Kind::kObject;
  size_t size_ = 0;
  py::array data_;
  py::array mask_;
  const uint8_t* mask_ptr_ = nullptr;
  py::array categories_;
  std::vector<int> category_enum_;  // per category: enum value index, or -1 (convert the object)
};

// The structure the Python layer computed with pandas (vectorised):
// groups = households rows then orphan groups (persons whose household is not
// in the households frame); persons of group g are
// person_order[member_begin[g] .. member_begin[g + 1]), and person_order is a
// permutation of the persons frame's rows.
struct FrameLayout {
  size_t households = 0;                 // rows of the households frame
  py::array_t<int64_t> person_order;
  py::array_t<int64_t> member_begin;     // size groups + 1
  py::array_t<int64_t> duplicate_of;     // per household row: first row with the same id, or -1
  py::list orphan_ids;                   // household id of each orphan group
  std::string households_name = "households";
  std::string persons_name = "persons";
};

// Builds the records (under the GIL; checks for Ctrl-C every few thousand
// households). Column problems were raised by the Python layer already.
std::shared_ptr<Records> BuildFrameRecords(const RuleSet& rules, const py::list& household_columns,
                                           const py::list& person_columns, const FrameLayout& layout,
                                           const RecordOptions& limits);

}  // namespace ansinh::python

#endif  // ANSINH_BINDINGS_PYTHON_FRAME_INPUT_HPP_

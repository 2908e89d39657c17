// DataFrame columns -> RecordBuilder (see frame_input.hpp).
#include "frame_input.hpp"

#include <limits>

#include "ansinh/error.hpp"

namespace ansinh::python {
namespace {

constexpr Entity kFrameH = Entity::kHousehold;
constexpr Entity kFrameP = Entity::kPerson;

template <typename T>
const T* Data(const py::array& a) {
  return static_cast<const T*>(a.data());
}

}  // namespace

FrameColumn::FrameColumn(const RecordBuilder& b, Entity entity, py::tuple spec) : entity_(entity) {
  if (spec.size() != 5) throw UsageError("internal: a frame column spec has 5 items");
  field_ = spec[0].cast<int>();
  const std::string kind = spec[1].cast<std::string>();
  data_ = py::reinterpret_borrow<py::array>(spec[2]);
  if (!(data_.flags() & py::array::c_style) || data_.ndim() != 1) {
    throw UsageError("internal: frame column data must be 1-D and contiguous");
  }
  size_ = static_cast<size_t>(data_.shape(0));
  auto expect = [&](char dtype_kind, size_t item) {
    if (data_.dtype().kind() != dtype_kind || static_cast<size_t>(data_.itemsize()) != item) {
      throw UsageError("internal: frame column of kind " + kind + " has the wrong dtype");
    }
  };
  if (kind == "bool") {
    kind_ = Kind::kBool;
    expect('b', 1);
  } else if (kind == "int") {
    kind_ = Kind::kInt;
    expect('i', 8);
  } else if (kind == "uint") {
    kind_ = Kind::kUInt;
    expect('u', 8);
  } else if (kind == "float") {
    kind_ = Kind::kFloat;
    expect('f', 8);
  } else if (kind == "days") {
    kind_ = Kind::kDays;
    expect('i', 8);
  } else if (kind == "object") {
    kind_ = Kind::kObject;
    expect('O', sizeof(PyObject*));
  } else if (kind == "category") {
    kind_ = Kind::kCategory;
    expect('i', 8);
    categories_ = py::reinterpret_borrow<py::array>(spec[4]);
    if (categories_.dtype().kind() != 'O' || !(categories_.flags() & py::array::c_style)) {
      throw UsageError("internal: categories must be a contiguous object array");
    }
    const auto n = static_cast<size_t>(categories_.shape(0));
    PyObject* const* cats = Data<PyObject*>(categories_);
    category_enum_.assign(n, -1);
    if (b.field_type(entity, field_) == ValueType::kEnum) {
      for (size_t c = 0; c < n; ++c) {
        if (!PyUnicode_Check(cats[c])) continue;
        Py_ssize_t size = 0;
        const char* text = PyUnicode_AsUTF8AndSize(cats[c], &size);
        if (text == nullptr) {
          PyErr_Clear();
          continue;
        }
        category_enum_[c] = b.ValueIndex(entity, field_, std::string_view(text, static_cast<size_t>(size)));
      }
    }
  } else {
    throw UsageError("internal: unknown frame column kind " + kind);
  }
  if (!spec[3].is_none()) {
    mask_ = py::reinterpret_borrow<py::array>(spec[3]);
    if (mask_.dtype().kind() != 'b' || !(mask_.flags() & py::array::c_style) ||
        static_cast<size_t>(mask_.shape(0)) != size_) {
      throw UsageError("internal: a frame column mask must be bool[N]");
    }
    mask_ptr_ = Data<uint8_t>(mask_);
  }
}

void FrameColumn::Apply(RecordBuilder& b, const ValueSetter& setter, size_t row) const {
  if (mask_ptr_ != nullptr && mask_ptr_[row] != 0) {
    b.SetNull(entity_, field_);
    return;
  }
  switch (kind_) {
    case Kind::kBool: b.SetBool(entity_, field_, Data<uint8_t>(data_)[row] != 0); return;
    case Kind::kInt: b.SetInt(entity_, field_, Data<int64_t>(data_)[row]); return;
    case Kind::kUInt: {
      const uint64_t v = Data<uint64_t>(data_)[row];
      if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        b.SetNumberText(entity_, field_, std::to_string(v));
      } else {
        b.SetInt(entity_, field_, static_cast<int64_t>(v));
      }
      return;
    }
    case Kind::kFloat: setter.SetFloat(b, entity_, field_, Data<double>(data_)[row]); return;
    case Kind::kDays: {
      const int64_t d = Data<int64_t>(data_)[row];
      if (d == std::numeric_limits<int64_t>::min()) {
        b.SetNull(entity_, field_);
      } else if (d < std::numeric_limits<int32_t>::min() || d > std::numeric_limits<int32_t>::max()) {
        b.SetDate(entity_, field_, Date::FromDays(std::numeric_limits<int32_t>::max()));  // R_BAD_DATE
      } else {
        b.SetDate(entity_, field_, Date::FromDays(static_cast<int32_t>(d)));
      }
      return;
    }
    case Kind::kObject: setter.Set(b, entity_, field_, Data<PyObject*>(data_)[row]); return;
    case Kind::kCategory: {
      const int64_t code = Data<int64_t>(data_)[row];
      if (code < 0 || static_cast<size_t>(code) >= category_enum_.size()) {
        b.SetNull(entity_, field_);
      } else if (category_enum_[code] >= 0) {
        b.SetEnumIndex(entity_, field_, category_enum_[code]);
      } else {
        setter.Set(b, entity_, field_, Data<PyObject*>(categories_)[code]);
      }
      return;
    }
  }
}

namespace {

std::vector<FrameColumn> MakeColumns(const RecordBuilder& b, Entity entity, const py::list& specs,
                                     size_t rows) {
  std::vector<FrameColumn> out;
  for (py::handle spec : specs) {
    out.emplace_back(b, entity, py::reinterpret_borrow<py::tuple>(spec));
    if (out.back().size() != rows) throw UsageError("internal: frame columns differ in length");
  }
  return out;
}

}  // namespace

std::shared_ptr<Records> BuildFrameRecords(const RuleSet& rules, const py::list& household_columns,
                                           const py::list& person_columns, const FrameLayout& layout,
                                           const RecordOptions& limits) {
  auto records = std::make_shared<Records>(rules);
  RecordBuilder b(*records->batch, limits);
  const ValueSetter setter;
  const auto order = layout.person_order.unchecked<1>();
  const auto begin = layout.member_begin.unchecked<1>();
  const auto duplicate_of = layout.duplicate_of.unchecked<1>();
  const size_t persons = static_cast<size_t>(order.shape(0));
  const std::vector<FrameColumn> hh = MakeColumns(b, kFrameH, household_columns, layout.households);
  const std::vector<FrameColumn> pp = MakeColumns(b, kFrameP, person_columns, persons);
  const size_t groups = static_cast<size_t>(begin.shape(0)) - 1;
  if (groups != layout.households + layout.orphan_ids.size() ||
      static_cast<size_t>(duplicate_of.shape(0)) != layout.households) {
    throw UsageError("internal: inconsistent frame layout");
  }
  for (size_t g = 0; g < groups; ++g) {
    if ((g & 4095) == 4095 && PyErr_CheckSignals() != 0) throw py::error_already_set();
    const bool orphan = g >= layout.households;
    const size_t first_person = static_cast<size_t>(begin(g));
    const uint64_t first_row = first_person < persons ? static_cast<uint64_t>(order(first_person)) : 0;
    b.BeginHousehold(orphan ? RecordOrigin{layout.persons_name, 0, first_row}
                            : RecordOrigin{layout.households_name, 0, g});
    if (!orphan) {
      for (const FrameColumn& c : hh) c.Apply(b, setter, g);
      if (duplicate_of(g) >= 0) {
        b.DuplicateHouseholdId(RecordOrigin{layout.households_name, 0, static_cast<uint64_t>(duplicate_of(g))});
      }
    } else {
      setter.Set(b, kFrameH, RecordBuilder::kId, layout.orphan_ids[g - layout.households]);
      b.HouseholdMissing(layout.persons_name, layout.households_name);
    }
    for (int64_t k = begin(g); k < begin(g + 1); ++k) {
      const int64_t row = order(k);
      if (row < 0 || static_cast<size_t>(row) >= persons) throw UsageError("internal: bad person order");
      b.BeginPerson();
      for (const FrameColumn& c : pp) c.Apply(b, setter, static_cast<size_t>(row));
      b.EndPerson();
    }
    b.EndHousehold();
  }
  return records;
}

}  // namespace ansinh::python

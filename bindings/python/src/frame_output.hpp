// Decisions out as columns for DataFrames: read through the public
// DecisionView into C++ vectors with the GIL released, then handed to numpy
// without copies (each array owns its vector). Texts that repeat (ids,
// reasons, missing fields, errors) come out as categorical codes plus the
// list of distinct values, so that no Python string is made per row.
#ifndef ANSINH_BINDINGS_PYTHON_FRAME_OUTPUT_HPP_
#define ANSINH_BINDINGS_PYTHON_FRAME_OUTPUT_HPP_

#include "bindings.hpp"

namespace ansinh::python {

// Returns {"benefits": {...}, "households": {...}, "persons": {...},
// "household_ids": [...], "person_ids": [...], ...} (see ansinh/frames.py,
// which assembles the DataFrames). benefits["row"] and persons["row"] give
// each row's household position in the batch (input order). `reasons`: fill reason_vi/reason_en; `lang`: the
// language of the error and warning texts; `threads`: 0 = all cores (the
// result does not depend on it). Releases the GIL while reading.
py::dict FrameColumns(const Decisions& decisions, bool reasons, Language lang, unsigned threads);

}  // namespace ansinh::python

#endif  // ANSINH_BINDINGS_PYTHON_FRAME_OUTPUT_HPP_

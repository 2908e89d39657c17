// Decisions out as columns for DataFrames: read through the public
// DecisionView with the GIL released, straight into numpy arrays sized up
// front (one pass over the decisions counts the rows and codes the ids; the
// threads then write their households' rows in place). Texts that repeat
// (ids, reasons, missing fields, errors) come out as categorical codes plus
// the list of distinct values, so that no Python string is made per row;
// the codes of the benefit rows have the width pandas keeps for their number
// of categories (int8 below 127, ...), so that Categorical.from_codes takes
// them without a conversion.
#ifndef ANSINH_BINDINGS_PYTHON_FRAME_OUTPUT_HPP_
#define ANSINH_BINDINGS_PYTHON_FRAME_OUTPUT_HPP_

#include "bindings.hpp"

namespace ansinh::python {

// Returns {"benefits": {...}, "households": {...}, "persons": {...},
// "household_ids": [...], "person_ids": [...], ...} (see ansinh/frames.py,
// which assembles the DataFrames). benefits["row"] (only when `rows`) and
// persons["row"] give each row's household position in the batch (input
// order). `reasons`: fill reason_vi/reason_en; `lang`: the language of the
// error and warning texts; `threads`: 0 = all cores (the result does not
// depend on it). `by_benefit`: (name, codes, number of categories) tuples,
// codes one per benefit of the rule set: each becomes benefits[name], the
// code of each row's benefit (labels, units, groups...). Releases the GIL
// while reading.
py::dict FrameColumns(const Decisions& decisions, bool reasons, Language lang, unsigned threads,
                      const py::list& by_benefit, bool rows);

}  // namespace ansinh::python

#endif  // ANSINH_BINDINGS_PYTHON_FRAME_OUTPUT_HPP_
